/**
 * A stance request in the inbox says where it stands now, not only what it asked when written: the stance the
 * organization recorded (never a hidden one of another organization), or that the decision closed. The request is
 * settled (read) once answered or moot, so unread counts drop; one read already stays read, and every holder's open
 * inbox is told the row changed.
 */
import { describe, expect, it } from 'vitest';
import type { Api } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

interface Listed {
  id: string;
  kind: string;
  readAt: string | null;
  target: { decisionId?: string; organizationId?: string };
  stanceRequest: { decisionStatus: string; stanceRecorded: boolean; stance: string | null } | null;
}

/** `who`'s stance request about `decisionId`, as the inbox lists it (exactly one expected). */
async function requestOf(who: { api: Api }, decisionId: string): Promise<Listed> {
  const all = (await who.api.get('/api/notifications')).body.notifications as Listed[];
  const found = all.filter((n) => n.kind === 'stance_requested' && n.target.decisionId === decisionId);
  expect(found).toHaveLength(1);
  return found[0];
}

const unreadTotal = async (who: { api: Api }) => (await who.api.get('/api/notifications/unread-counts')).body.total as number;

describe.each(BACKENDS)('a stance request shows where it stands on $name', (backend) => {
  const h = useServerWorld(backend);

  /** UNODC facilitates; SSPC (Ana) and FGR (Beto) have focal points; one decision open to view. */
  async function scene(tag: string, stanceVisibility: 'open' | 'hidden_until_closed' = 'open') {
    const fac = await h.world.user(`Fátima ${tag}`, 'UNODC');
    const ana = await h.world.user(`Ana ${tag}`, 'SSPC');
    const beto = await h.world.user(`Beto ${tag}`, 'FGR');
    const ws = await h.world.workspace(fac.api, `Mesa ${tag}`);
    await h.world.addMember(ws, fac.api, ana.id, 'member', true);
    await h.world.addMember(ws, fac.api, beto.id, 'member', true);
    const decision = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: `Protocolo ${tag}`, stanceVisibility })).body.decision.id as string;
    return { fac, ana, beto, ws, decision };
  }

  it('says the stance was recorded, then that the decision closed, while unread counts drop and open inboxes hear of it', async () => {
    const { fac, ana, beto, decision } = await scene('cierre');
    const waiting = { decisionStatus: 'proposed', stanceRecorded: false, stance: null };
    expect(await requestOf(ana, decision)).toMatchObject({ readAt: null, target: { organizationId: h.world.orgs.SSPC.id }, stanceRequest: waiting });
    expect(await requestOf(beto, decision)).toMatchObject({ readAt: null, stanceRequest: waiting });
    expect(await unreadTotal(ana)).toBe(1);
    const anaEvents = await connectEvents(h.server.url, ana.api.token!);
    const betoEvents = await connectEvents(h.server.url, beto.api.token!);
    try {
      const anaHeard = recordEvents(anaEvents, ['notification:read', 'notification:updated']);
      const betoHeard = recordEvents(betoEvents, ['notification:read', 'notification:updated']);

      // Ana answers for SSPC: her request says so, and is settled.
      expect((await ana.api.put(`/api/decisions/${decision}/stances/${h.world.orgs.SSPC.id}`, { stance: 'agree' })).status).toBe(200);
      const answered = await requestOf(ana, decision);
      expect(answered.stanceRequest).toEqual({ decisionStatus: 'proposed', stanceRecorded: true, stance: 'agree' });
      expect(answered.readAt).not.toBeNull();
      expect(await unreadTotal(ana)).toBe(0);
      await waitFor(() => anaHeard.some((e) => e.event === 'notification:read' && e.payload.ids?.includes(answered.id)), 5000, 'Ana’s request settled, live');
      // Beto's still waits for FGR's stance.
      expect(await requestOf(beto, decision)).toMatchObject({ readAt: null, stanceRequest: waiting });
      expect(await unreadTotal(beto)).toBe(1);

      // The decision closes without FGR's stance: Beto's request is settled and says so; Ana's, read already, tells
      // the closing too and her open inbox hears that it changed.
      anaHeard.length = 0;
      expect((await fac.api.patch(`/api/decisions/${decision}`, { status: 'agreed' })).status).toBe(200);
      const betos = await requestOf(beto, decision);
      expect(betos.stanceRequest).toEqual({ decisionStatus: 'agreed', stanceRecorded: false, stance: null });
      expect(betos.readAt).not.toBeNull();
      expect(await unreadTotal(beto)).toBe(0);
      await waitFor(() => betoHeard.some((e) => e.event === 'notification:read' && e.payload.ids?.includes(betos.id)), 5000, 'Beto’s request settled, live');
      const anas = await requestOf(ana, decision);
      expect(anas.stanceRequest).toEqual({ decisionStatus: 'agreed', stanceRecorded: true, stance: 'agree' });
      expect(anas.readAt).toBe(answered.readAt);
      await waitFor(() => anaHeard.some((e) => e.event === 'notification:updated' && e.payload.ids?.includes(anas.id)), 5000, 'Ana’s inbox told, live');
      expect(anaHeard.filter((e) => e.event === 'notification:read')).toEqual([]);

      // Moved from one closed status to another, or reopened: the rows follow, read as they were, counts unchanged.
      betoHeard.length = 0;
      expect((await fac.api.patch(`/api/decisions/${decision}`, { status: 'proposed' })).status).toBe(200);
      expect((await requestOf(beto, decision)).stanceRequest).toEqual(waiting);
      expect((await requestOf(ana, decision)).stanceRequest).toEqual({ decisionStatus: 'proposed', stanceRecorded: true, stance: 'agree' });
      await waitFor(() => betoHeard.some((e) => e.event === 'notification:updated' && e.payload.ids?.includes(betos.id)), 5000, 'Beto’s inbox told of the reopening');
      expect(await unreadTotal(beto)).toBe(0);
    } finally {
      anaEvents.close();
      betoEvents.close();
    }
  });

  it('never tells a hidden stance to someone no longer of the organization asked, only that one was recorded', async () => {
    const { fac, ana, decision } = await scene('oculta', 'hidden_until_closed');
    // Ana answers for SSPC: her own organization's stance, hidden from others, is hers to see.
    expect((await ana.api.put(`/api/decisions/${decision}/stances/${h.world.orgs.SSPC.id}`, { stance: 'object' })).status).toBe(200);
    expect((await requestOf(ana, decision)).stanceRequest).toEqual({ decisionStatus: 'proposed', stanceRecorded: true, stance: 'object' });
    // Moved to FGR, she keeps SSPC's old request, which no longer tells her SSPC's hidden stance.
    expect((await h.world.admin.patch(`/api/users/${ana.id}`, { organizationId: h.world.orgs.FGR.id })).status).toBe(200);
    const old = ((await ana.api.get('/api/notifications')).body.notifications as Listed[]).find((n) => n.target.decisionId === decision && n.target.organizationId === h.world.orgs.SSPC.id);
    expect(old?.stanceRequest).toEqual({ decisionStatus: 'proposed', stanceRecorded: true, stance: null });
    // Once the decision closes, stances are open to all: it is told again.
    expect((await fac.api.patch(`/api/decisions/${decision}`, { status: 'agreed' })).status).toBe(200);
    const closed = ((await ana.api.get('/api/notifications')).body.notifications as Listed[]).find((n) => n.id === old?.id);
    expect(closed?.stanceRequest).toEqual({ decisionStatus: 'agreed', stanceRecorded: true, stance: 'object' });
  });

  it('other kinds carry no stance request state', async () => {
    const { fac, ana, ws } = await scene('otras');
    const docId = await h.world.document(fac.api, ws);
    expect((await fac.api.post(`/api/documents/${docId}/comments`, { body: `Revise esto, @{${ana.id}}` })).status).toBe(201);
    const mention = ((await ana.api.get('/api/notifications')).body.notifications as Listed[]).find((n) => n.kind === 'mention');
    expect(mention).toMatchObject({ stanceRequest: null });
  });
});
