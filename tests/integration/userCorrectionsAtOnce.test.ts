/**
 * An instance admin's corrections of a person (PATCH /api/users/:id) sent at once: the same correction twice (a
 * double click, a retried request) is recorded and announced once and answered alike; different corrections each
 * start from the other's result, so the trail reads as one unbroken chain ending at what is stored.
 * PostgreSQL shows the races (requests run side by side); PGlite runs one at a time.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

interface Change {
  from: unknown;
  to: unknown;
}
interface AuditEvent {
  action: string;
  target: { type: string; id: string };
  changes: Record<string, Change | undefined> | null;
}
interface MemberEvent {
  member: { userId: string; name: string; organizationId: string };
}

const AT_ONCE = 6;

describe.each(BACKENDS)('corrections of a person sent at once on $name', (backend) => {
  const h = useServerWorld(backend);

  /** The instance trail's entries of `action` about `userId`, newest first. */
  const trailOf = async (action: string, userId: string) => {
    const answer = await h.world.admin.get<{ events: AuditEvent[] }>(`/api/audit?action=${action}&limit=500`);
    expect(answer.status).toBe(200);
    return answer.body.events.filter((e) => e.target.id === userId);
  };

  it('the same correction sent six times at once is recorded and announced once, every answer 200 and alike', async () => {
    const fac = await h.world.user('Fátima Simultánea', 'UNODC');
    const nora = await h.world.user('Nora Dobel', 'SSPC');
    const ws = await h.world.workspace(fac.api, 'Mesa simultánea');
    await h.world.addMember(ws, fac.api, nora.id, 'member');
    const fgr = h.world.orgs.FGR.id;
    const events = await connectEvents(h.server.url, fac.api.token!, ws);
    const heard = recordEvents(events, ['member:updated']);
    try {
      const corrections: Array<[string, Record<string, unknown>, () => Promise<AuditEvent[]>]> = [
        ['name', { name: 'Nora Doble' }, async () => (await trailOf('user.updated', nora.id)).filter((e) => e.changes?.name)],
        ['organization', { organizationId: fgr }, async () => (await trailOf('user.updated', nora.id)).filter((e) => e.changes?.organizationId)],
        ['deactivation', { active: false }, () => trailOf('user.deactivated', nora.id)],
      ];
      for (const [what, body, recorded] of corrections) {
        const answers = await Promise.all(Array.from({ length: AT_ONCE }, () => h.world.admin.patch(`/api/users/${nora.id}`, body)));
        expect(answers.map((a) => a.status), what).toEqual(Array(AT_ONCE).fill(200));
        expect(new Set(answers.map((a) => JSON.stringify(a.body))).size, what).toBe(1);
        expect(await recorded(), what).toHaveLength(1);
      }
      // The move is recorded once in the group's trail too.
      const groupTrail = await fac.api.get<{ events: AuditEvent[] }>(`/api/workspaces/${ws}/audit?action=member.updated&limit=500`);
      expect(groupTrail.body.events.filter((e) => e.target.id === nora.id && e.changes?.organizationId)).toHaveLength(1);
      // A later change's event arrives after every event of the bursts: then exactly one rename and one move were heard.
      expect((await h.world.admin.patch(`/api/users/${fac.id}`, { name: 'Fátima Marca' })).status).toBe(200);
      await waitFor(() => heard.some((e) => (e.payload as MemberEvent).member.userId === fac.id), 5000, 'the marker rename');
      const aboutNora = heard.map((e) => (e.payload as MemberEvent).member).filter((m) => m.userId === nora.id);
      expect(aboutNora.filter((m) => m.name === 'Nora Doble' && m.organizationId === h.world.orgs.SSPC.id)).toHaveLength(1);
      expect(aboutNora.filter((m) => m.organizationId === fgr)).toHaveLength(1);
      expect(aboutNora).toHaveLength(2);
    } finally {
      events.disconnect();
    }
  });

  it('different corrections sent at once are each recorded, one after the other, ending at what is stored', async () => {
    const fac = await h.world.user('Fátima Cadena', 'UNODC');
    const rita = await h.world.user('Rita Original', 'SSPC');
    const ws = await h.world.workspace(fac.api, 'Mesa de cadenas');
    await h.world.addMember(ws, fac.api, rita.id, 'member');
    const orgIds = [h.world.orgs.FGR.id, h.world.orgs['FGE-CHIH'].id, h.world.orgs['MUN-JUAREZ'].id];
    const bodies = Array.from({ length: AT_ONCE }, (_, i) => (i % 2 ? { organizationId: orgIds[(i - 1) / 2] } : { name: `Rita Versión ${i}` }));
    const answers = await Promise.all(bodies.map((body) => h.world.admin.patch<{ user: { name: string; organizationId: string } }>(`/api/users/${rita.id}`, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(AT_ONCE).fill(200));
    // Each answer shows its own correction applied.
    answers.forEach((a, i) => expect(a.body.user).toMatchObject(bodies[i]));

    const directory = await h.world.admin.get<{ users: Array<{ id: string; name: string; organizationId: string }> }>('/api/users');
    const stored = directory.body.users.find((u) => u.id === rita.id);
    const trail = await trailOf('user.updated', rita.id);
    const names = trail.flatMap((e) => (e.changes?.name ? [e.changes.name] : []));
    const moves = trail.flatMap((e) => (e.changes?.organizationId ? [e.changes.organizationId] : []));
    expect(names).toHaveLength(AT_ONCE / 2);
    expect(moves).toHaveLength(AT_ONCE / 2);
    // Every change starts where the one before it ended: no two start from the same value.
    expect(chainEnd(names, 'Rita Original')).toBe(stored?.name);
    expect(chainEnd(moves, h.world.orgs.SSPC.id)).toBe(stored?.organizationId);
  });
});

/** Follows `changes` from `start`, each taking the one whose `from` is where the last ended; fails on a broken chain. */
function chainEnd(changes: Change[], start: unknown): unknown {
  const left = [...changes];
  let at = start;
  while (left.length) {
    const next = left.findIndex((c) => c.from === at);
    expect(next, `a change from ${JSON.stringify(at)} among ${JSON.stringify(left)}`).toBeGreaterThanOrEqual(0);
    at = left.splice(next, 1)[0].to;
  }
  return at;
}
