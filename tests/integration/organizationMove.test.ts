/**
 * Someone who changes agency keeps their account and history: an instance admin moves them to the other
 * organization. In each of their groups they then speak for the new one; the focal point they held for the old one is
 * given up (the old organization names another), and every step is in the trails. Their open plan sockets relabel
 * their carets with the new organization at once, without a reconnect.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

describe.each(BACKENDS)('moving a person to another organization on $name', (backend) => {
  const h = useServerWorld(backend);

  it('moves them in every group: the new organization’s voice once named, the old focal point given up, all audited', async () => {
    const fac = await h.world.user('Fátima Facilitadora', 'UNODC');
    const pablo = await h.world.user('Pablo Pasa', 'SSPC');
    const ws = await h.world.workspace(fac.api, 'Mesa de traslados');
    await h.world.addMember(ws, fac.api, pablo.id, 'member', true);
    const decision = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Calendario común' })).body.decision.id as string;

    const moved = await h.world.admin.patch(`/api/users/${pablo.id}`, { organizationId: h.world.orgs.FGR.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ user: expect.objectContaining({ id: pablo.id, organizationId: h.world.orgs.FGR.id }), active: true });
    expect((await pablo.api.get('/api/me')).body.user.organizationId).toBe(h.world.orgs.FGR.id);
    const member = ((await fac.api.get(`/api/workspaces/${ws}`)).body.members as Array<{ userId: string }>).find((m) => m.userId === pablo.id);
    expect(member).toMatchObject({ organizationId: h.world.orgs.FGR.id, role: 'member', focalPoint: false });

    // He no longer speaks for SSPC, and speaks for FGR once named its focal point.
    expect((await pablo.api.put(`/api/decisions/${decision}/stances/${h.world.orgs.SSPC.id}`, { stance: 'agree' })).status).toBe(403);
    expect((await pablo.api.put(`/api/decisions/${decision}/stances/${h.world.orgs.FGR.id}`, { stance: 'agree' })).status).toBe(403);
    await h.world.addMember(ws, fac.api, pablo.id, 'member', true);
    expect((await pablo.api.put(`/api/decisions/${decision}/stances/${h.world.orgs.FGR.id}`, { stance: 'agree' })).status).toBe(200);

    const groupTrail = (await fac.api.get(`/api/workspaces/${ws}/audit`)).body.events as Array<{ action: string; target: { id: string }; changes: Record<string, unknown> }>;
    expect(groupTrail.find((e) => e.action === 'member.updated' && e.changes.reason === 'organization_changed')).toMatchObject({
      target: { id: pablo.id },
      changes: { organizationId: { from: h.world.orgs.SSPC.id, to: h.world.orgs.FGR.id }, focalPoint: { from: true, to: false } },
    });
    const instance = (await h.world.admin.get('/api/audit?action=user.updated')).body.events as Array<{ target: { id: string }; changes: Record<string, unknown> }>;
    expect(instance.find((e) => e.target.id === pablo.id)?.changes).toEqual({ organizationId: { from: h.world.orgs.SSPC.id, to: h.world.orgs.FGR.id }, groups: 1 });
    const directory = (await fac.api.get('/api/users')).body.users as Array<{ id: string; organizationId: string }>;
    expect(directory.find((u) => u.id === pablo.id)?.organizationId).toBe(h.world.orgs.FGR.id);
  });

  /** Pablo's caret, labelled as the web app labels it, seen by a colleague across `change`: relabelled `to`, and his next move still taken. */
  async function caretAcross(pablo: { id: string; organizationId: string; api: { token?: string } }, from: string, to: string, change: () => Promise<void>) {
    const fac = await h.world.user('Fátima Caret', 'UNODC');
    const ws = await h.world.workspace(fac.api, 'Mesa de carets');
    await h.world.addMember(ws, fac.api, pablo.id, 'member');
    const documentId = await h.world.document(fac.api, ws, 'blank');
    const his = connectYjs(h.server.wsUrl, documentId, pablo.api.token);
    const hers = connectYjs(h.server.wsUrl, documentId, fac.api.token);
    try {
      await Promise.all([waitSynced(his), waitSynced(hers)]);
      his.provider.awareness.setLocalStateField('user', { userId: pablo.id, name: 'Pablo Caret', organizationId: pablo.organizationId, acronym: from, color: '#1a73e8' });
      his.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
      const seen = () => hers.provider.awareness.getStates().get(his.doc.clientID) as { user?: { acronym?: string; color?: string }; cursor?: { anchor: number } } | undefined;
      await waitFor(() => seen()?.user?.acronym === from, 5000, `his caret as ${from}`);

      await change();
      await waitFor(() => seen()?.user?.acronym === to, 5000, `his caret relabelled ${to}`);
      expect(seen()).toMatchObject({ user: { color: '#1a73e8' }, cursor: { anchor: 1 } });
      await waitFor(() => (his.provider.awareness.getLocalState() as { user?: { acronym?: string } } | null)?.user?.acronym === to, 5000, 'his own state relabelled');

      // His next move still reaches her (its clock counts on from the relabelled one), labelled anew.
      his.provider.awareness.setLocalStateField('cursor', { anchor: 4, head: 4 });
      await waitFor(() => seen()?.cursor?.anchor === 4, 5000, 'his next caret move');
      return seen();
    } finally {
      his.destroy();
      hers.destroy();
    }
  }

  it('relabels the caret of an open plan socket with the new organization, for everyone and for the person', async () => {
    const pablo = await h.world.user('Pablo Caret', 'SSPC');
    const seen = await caretAcross(pablo, 'SSPC', 'FGR', async () => {
      expect((await h.world.admin.patch(`/api/users/${pablo.id}`, { organizationId: h.world.orgs.FGR.id })).status).toBe(200);
    });
    expect(seen?.user).toMatchObject({ acronym: 'FGR', organizationId: h.world.orgs.FGR.id });
  });

  it('relabels the carets of an organization’s people when its acronym is renamed', async () => {
    const juarez = h.world.orgs['MUN-JUAREZ'];
    const pablo = await h.world.user('Pablo Municipio', 'MUN-JUAREZ');
    const seen = await caretAcross(pablo, 'MUN-JUAREZ', 'MUN-CDJUAREZ', async () => {
      expect((await h.world.admin.patch(`/api/organizations/${juarez.id}`, { acronym: 'MUN-CDJUAREZ' })).status).toBe(200);
    });
    expect(seen?.user).toMatchObject({ acronym: 'MUN-CDJUAREZ', organizationId: juarez.id });
  });

  it('refuses an unknown organization, an empty change and anyone but an admin, changing nothing', async () => {
    const rosa = await h.world.user('Rosa Resta', 'SSPC');
    const unknown = await h.world.admin.patch(`/api/users/${rosa.id}`, { organizationId: 'org_doesnotexist' });
    expect([unknown.status, unknown.body.error.details[0].path]).toEqual([400, 'organizationId']);
    expect((await h.world.admin.patch(`/api/users/${rosa.id}`, {})).status).toBe(400);
    expect((await rosa.api.patch(`/api/users/${rosa.id}`, { organizationId: h.world.orgs.FGR.id })).status).toBe(403);
    expect((await rosa.api.get('/api/me')).body.user.organizationId).toBe(h.world.orgs.SSPC.id);
  });
});
