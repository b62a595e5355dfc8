/**
 * A superseded decision names the decision that replaced it (`supersededById`): set with the status by a facilitator,
 * only to a decision of the same working group, kept in the history and the audit trail, and forgotten when the
 * decision leaves `superseded`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

describe.each(BACKENDS)('the decision that replaced another, on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('links a superseded decision to its replacement, refusing what is not a replacement, and unlinks it on leaving superseded', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const member = await world.user('Mario Miembro', 'SSPC');
    const other = await world.user('Olga Otra Mesa', 'FGR');
    const ws = await world.workspace(fac.api);
    await world.addMember(ws, fac.api, member.id, 'member');
    const elsewhere = await world.workspace(other.api);
    const propose = async (api: typeof fac.api, workspaceId: string, title: string) => (await api.post(`/api/workspaces/${workspaceId}/decisions`, { title })).body.decision;
    const old = await propose(fac.api, ws, 'Protocolo de 2025');
    const replacement = await propose(fac.api, ws, 'Protocolo de 2026');
    const foreign = await propose(other.api, elsewhere, 'Decisión de otra mesa');
    expect(old.supersededById).toBeNull();
    const events = await connectEvents(server.url, member.api.token!, ws);
    const seen = recordEvents(events, ['decision:updated']);

    const refused = async (body: Record<string, unknown>, issue: string) => {
      const res = await fac.api.patch(`/api/decisions/${old.id}`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'supersededById', issue })]);
    };
    await refused({ supersededById: replacement.id }, 'not_superseded');
    await refused({ status: 'agreed', supersededById: replacement.id }, 'not_superseded');
    await refused({ status: 'superseded', supersededById: old.id }, 'self_reference');
    // Another group's decision and one that does not exist are refused alike.
    await refused({ status: 'superseded', supersededById: foreign.id }, 'unknown_reference');
    await refused({ status: 'superseded', supersededById: 'dec_doesnotexist0000' }, 'unknown_reference');
    // Only facilitators name it, as they change the status.
    expect((await member.api.patch(`/api/decisions/${old.id}`, { status: 'superseded', supersededById: replacement.id })).status).toBe(403);
    expect((await fac.api.get(`/api/decisions/${old.id}`)).body.decision).toMatchObject({ status: 'proposed', supersededById: null });

    const linked = await fac.api.patch(`/api/decisions/${old.id}`, { status: 'superseded', supersededById: replacement.id });
    expect(linked.status).toBe(200);
    expect(linked.body.decision).toMatchObject({ status: 'superseded', supersededById: replacement.id });
    await waitFor(() => seen.length === 1, 5000, 'decision:updated');
    expect(seen[0].payload.decision.supersededById).toBe(replacement.id);
    // The replacement may not name, in turn, the decision it replaced.
    const back = await fac.api.patch(`/api/decisions/${replacement.id}`, { status: 'superseded', supersededById: old.id });
    expect(back.status).toBe(400);
    expect(back.body.error.details).toEqual([expect.objectContaining({ path: 'supersededById', issue: 'circular_reference' })]);
    // Listed with it, so the group's list can say which decision replaced which.
    const listed = (await member.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions as Array<{ id: string; supersededById: string | null }>;
    expect(listed.find((d) => d.id === old.id)?.supersededById).toBe(replacement.id);

    const third = await propose(fac.api, ws, 'Protocolo de 2027');
    expect((await fac.api.patch(`/api/decisions/${old.id}`, { supersededById: third.id })).body.decision.supersededById).toBe(third.id);
    // Reopened, it is no longer replaced by anything.
    const reopened = await fac.api.patch(`/api/decisions/${old.id}`, { status: 'proposed' });
    expect(reopened.body.decision).toMatchObject({ status: 'proposed', supersededById: null });
    const detail = await member.api.get(`/api/decisions/${old.id}`);
    expect(detail.body.history.map((h: { changes: unknown }) => h.changes)).toEqual([
      { status: { from: 'proposed', to: 'superseded' }, supersededById: { from: null, to: replacement.id } },
      { supersededById: { from: replacement.id, to: third.id } },
      { status: { from: 'superseded', to: 'proposed' }, supersededById: { from: third.id, to: null } },
    ]);
    const audit = (await fac.api.get(`/api/workspaces/${ws}/audit`)).body.events as Array<{ action: string; target: { id: string }; changes: Record<string, unknown> }>;
    expect(audit.filter((e) => e.action === 'decision.updated' && e.target.id === old.id).map((e) => e.changes.supersededById)).toEqual(
      expect.arrayContaining([{ from: null, to: replacement.id }, { from: replacement.id, to: third.id }, { from: third.id, to: null }]),
    );
    events.close();
  });
});
