/**
 * A request for an organization's stance goes to whoever speaks for it now. When a focal point is named, someone is
 * moved to another agency, or an agency joins after a decision was proposed, the open decisions still waiting for
 * that organization ask its new voice, and the requests of those who no longer speak for it are settled (read), so
 * inboxes and the home page agree. An organization that already answered, or a closed decision, asks no one.
 */
import { describe, expect, it } from 'vitest';
import type { Api } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';

interface Request {
  id: string;
  readAt: string | null;
  target: { decisionId: string; organizationId: string };
}

/** `who`'s stance requests about `decisionId`: unread, and read. */
async function requestsOf(who: { api: Api }, decisionId: string): Promise<{ unread: string[]; read: string[] }> {
  const all = ((await who.api.get('/api/notifications')).body.notifications as Array<Request & { kind: string }>).filter((n) => n.kind === 'stance_requested' && n.target.decisionId === decisionId);
  return { unread: all.filter((n) => !n.readAt).map((n) => n.target.organizationId), read: all.filter((n) => n.readAt).map((n) => n.target.organizationId) };
}

describe.each(BACKENDS)('stance requests follow who speaks for an organization on $name', (backend) => {
  const h = useServerWorld(backend);

  /** A group facilitated by UNODC with SSPC (Ana, focal point, and Luis) and an open decision and a closed one. */
  async function scene(tag: string) {
    const fac = await h.world.user(`Fátima ${tag}`, 'UNODC');
    const ana = await h.world.user(`Ana ${tag}`, 'SSPC');
    const luis = await h.world.user(`Luis ${tag}`, 'SSPC');
    const ws = await h.world.workspace(fac.api, `Mesa ${tag}`);
    await h.world.addMember(ws, fac.api, ana.id, 'member', true);
    await h.world.addMember(ws, fac.api, luis.id, 'member');
    const open = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: `Protocolo ${tag}` })).body.decision.id as string;
    const closed = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: `Cerrado ${tag}` })).body.decision.id as string;
    expect((await fac.api.patch(`/api/decisions/${closed}`, { status: 'deferred' })).status).toBe(200);
    return { fac, ana, luis, ws, open, closed };
  }

  it('a new focal point is asked and the former one’s request is settled; removing the former changes nothing more', async () => {
    const { fac, ana, luis, ws, open, closed } = await scene('focal');
    expect(await requestsOf(ana, open)).toEqual({ unread: [h.world.orgs.SSPC.id], read: [] });
    expect(await requestsOf(luis, open)).toEqual({ unread: [], read: [] });

    await h.world.addMember(ws, fac.api, luis.id, 'member', true);
    expect(await requestsOf(luis, open)).toEqual({ unread: [h.world.orgs.SSPC.id], read: [] });
    expect(await requestsOf(ana, open)).toEqual({ unread: [], read: [h.world.orgs.SSPC.id] });
    expect(await requestsOf(luis, closed)).toEqual({ unread: [], read: [] });

    expect((await fac.api.delete(`/api/workspaces/${ws}/members/${ana.id}`)).status).toBe(204);
    expect(await requestsOf(luis, open)).toEqual({ unread: [h.world.orgs.SSPC.id], read: [] });
  });

  it('someone moved to another agency: the old one’s request goes to their colleague, the new one’s to them', async () => {
    const { ana, luis, open } = await scene('traslado');
    expect((await h.world.admin.patch(`/api/users/${ana.id}`, { organizationId: h.world.orgs.FGR.id })).status).toBe(200);
    // SSPC has no focal point now: its remaining participant is asked. FGR is at the table through Ana only.
    expect(await requestsOf(luis, open)).toEqual({ unread: [h.world.orgs.SSPC.id], read: [] });
    expect(await requestsOf(ana, open)).toEqual({ unread: [h.world.orgs.FGR.id], read: [h.world.orgs.SSPC.id] });
    const attention = (await ana.api.get('/api/me/attention')).body;
    expect(JSON.stringify(attention)).toContain('"pendingStances":1');
  });

  it('an agency joining after the proposal is asked, by invitation or added; one that already answered is not', async () => {
    const { fac, ws, open, closed } = await scene('ingreso');
    const carla = await h.world.user('Carla ingreso', 'FGE-CHIH');
    const token = (await fac.api.post(`/api/workspaces/${ws}/invitations`, { role: 'member' })).body.invitation.token as string;
    expect((await carla.api.post('/api/invitations/accept', { token })).status).toBe(200);
    expect(await requestsOf(carla, open)).toEqual({ unread: [h.world.orgs['FGE-CHIH'].id], read: [] });
    expect(await requestsOf(carla, closed)).toEqual({ unread: [], read: [] });

    // FGR joins and answers (a facilitator records it); a second FGR person joining later has nothing left to be asked.
    const pedro = await h.world.user('Pedro ingreso', 'FGR');
    await h.world.addMember(ws, fac.api, pedro.id, 'member');
    expect(await requestsOf(pedro, open)).toEqual({ unread: [h.world.orgs.FGR.id], read: [] });
    expect((await fac.api.put(`/api/decisions/${open}/stances/${h.world.orgs.FGR.id}`, { stance: 'agree' })).status).toBe(200);
    const pablo = await h.world.user('Pablo ingreso', 'FGR');
    await h.world.addMember(ws, fac.api, pablo.id, 'member');
    expect(await requestsOf(pablo, open)).toEqual({ unread: [], read: [] });
    // An observer is never asked.
    const olga = await h.world.user('Olga ingreso', 'MUN-JUAREZ');
    await h.world.addMember(ws, fac.api, olga.id, 'observer');
    expect(await requestsOf(olga, open)).toEqual({ unread: [], read: [] });
  });
});
