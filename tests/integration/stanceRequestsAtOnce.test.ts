/**
 * A decision closed while who speaks for an organization changes: both settle the same stance requests (the closing
 * one every request of the decision, the focal point's naming those of the organization's other members). Each marks
 * several notification rows read; taken in the order each statement happened to scan them (the table's order for the
 * close, the ids' for the naming), two such rows were locked in opposite orders and PostgreSQL rolled one request
 * back (409 concurrent_change). Both lock them by id now, and both succeed.
 * On PostgreSQL a transaction of the test's own holds the request with the highest id: the close waiting at it must
 * already hold all the others (ids in order). PGlite runs one transaction at a time: there the test is a guard.
 */
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { holdRows } from '../helpers/rowHold.js';
import { useServerWorld } from '../helpers/serverWorld.js';

const LINED_UP = 3;
/** Setups tried per lined-up round for one whose highest id is not its last row stored (3 in 4 are not). */
const TRIES = 20;

interface Notification {
  id: string;
  kind: string;
  readAt: string | null;
  target: { decisionId?: string };
}

describe.each(BACKENDS)('a decision closed while its organization gets a focal point on $name', (backend) => {
  const h = useServerWorld(backend);

  /** A group whose four SSPC members, with no focal point, are each asked for the agency's stance on one decision. */
  async function waitingDecision(round: string) {
    const fac = await h.world.user(`Fina Cierra ${round}`, 'UNODC');
    const workspaceId = await h.world.workspace(fac.api, `Mesa de postura ${round}`);
    const sspc = await Promise.all(['Beto', 'Cora', 'Eva', 'Gil'].map((name) => h.world.user(`${name} Postura ${round}`, 'SSPC')));
    for (const member of sspc) await h.world.addMember(workspaceId, fac.api, member.id, 'member');
    const proposed = await fac.api.post<{ decision: { id: string } }>(`/api/workspaces/${workspaceId}/decisions`, { title: `Decisión ${round}` });
    expect(proposed.status).toBe(201);
    const decisionId = proposed.body.decision.id;
    const close = () => fac.api.patch(`/api/decisions/${decisionId}`, { status: 'agreed' });
    const nameFocal = () => fac.api.put(`/api/workspaces/${workspaceId}/members/${sspc[0].id}`, { role: 'member', focalPoint: true });
    return { fac, workspaceId, decisionId, sspc, close, nameFocal };
  }
  type Waiting = Awaited<ReturnType<typeof waitingDecision>>;

  /** Both done: the decision agreed, Beto its agency's focal point, and no one still asked for a stance on it. */
  async function expectBothDone(world: Waiting, answers: ApiResponse[], round: string) {
    expect(answers.map((a) => (a.status === 200 ? 200 : `${a.status} ${JSON.stringify(a.body)}`)), round).toEqual([200, 200]);
    const decision = await world.fac.api.get<{ decision: { status: string } }>(`/api/decisions/${world.decisionId}`);
    expect(decision.body.decision.status, round).toBe('agreed');
    const members = await world.fac.api.get<{ members: Array<{ userId: string; focalPoint: boolean }> }>(`/api/workspaces/${world.workspaceId}`);
    expect(members.body.members.filter((m) => m.focalPoint).map((m) => m.userId), round).toEqual([world.sspc[0].id]);
    for (const member of world.sspc) {
      const inbox = await member.api.get<{ notifications: Notification[] }>('/api/notifications?limit=100');
      const asked = inbox.body.notifications.filter((n) => n.kind === 'stance_requested' && n.target.decisionId === world.decisionId);
      expect(asked.filter((n) => n.readAt === null), `${round}: unread request`).toEqual([]);
    }
  }

  it('both are done, and every request of the decision is settled', async () => {
    const world = await waitingDecision('a la vez');
    await expectBothDone(world, await Promise.all([world.close(), world.nameFocal()]), 'at once');
    if (backend.name !== 'postgres') return;
    // Whether two such requests deadlock depends on the plans PostgreSQL picks for them, so the test checks the order
    // itself: the close waits at the request with the highest id, held here, and by then must hold every other one.
    const databaseUrl = h.server.config.databaseUrl!;
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      for (let round = 0; round < LINED_UP; round++) {
        // A setup whose highest id is not the last row stored: a close locking in stored order would reach it early.
        let lined: { world: Waiting; ids: string[] } | undefined;
        for (let attempt = 0; !lined && attempt < TRIES; attempt++) {
          const candidate = await waitingDecision(`en fila ${round}.${attempt}`);
          const rows = await sql<Array<{ id: string }>>`select id from notifications where kind = 'stance_requested' and target->>'decisionId' = ${candidate.decisionId} order by ctid`;
          const ids = rows.map((r) => r.id);
          expect(ids, `round ${round}: one request per member`).toHaveLength(4);
          if (ids[ids.length - 1] !== [...ids].sort().at(-1)) lined = { world: candidate, ids };
        }
        if (!lined) throw new Error(`no setup in ${TRIES} had its highest id stored before its last row`);
        const { world: waiting, ids } = lined;
        const highest = [...ids].sort().at(-1)!;
        const hold = await holdRows(databaseUrl, 'select id from notifications where id = any($1) for update', [[highest]]);
        let closed: Promise<ApiResponse> | undefined;
        try {
          closed = waiting.close();
          await hold.waiters(1);
          const free = await sql<Array<{ id: string }>>`select id from notifications where id = any(${ids}) for update skip locked`;
          expect(free.map((r) => r.id), `lined-up round ${round}: requests the waiting close does not hold`).toEqual([]);
        } finally {
          await hold.release();
        }
        await expectBothDone(waiting, [await closed, await waiting.nameFocal()], `lined-up round ${round}`);
      }
    } finally {
      await sql.end();
    }
  });

  it('a person marking all read takes their notifications in id order too', async () => {
    // Everywhere: the requests one is asked for are all marked read, and the inbox has none left unread.
    const world = await waitingDecision('lee todo');
    const reader = world.sspc[1];
    const marked = await reader.api.post<{ read: string[] }>('/api/notifications/read', { all: true });
    expect([marked.status, marked.body.read.length]).toEqual([200, 1]);
    expect((await reader.api.get<{ notifications: unknown[] }>('/api/notifications?unread=true')).body.notifications).toEqual([]);
    if (backend.name !== 'postgres') return;
    const databaseUrl = h.server.config.databaseUrl!;
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      // A member asked for their agency's stance on four decisions, whose highest id is not the last row stored.
      let lined: { reader: Awaited<ReturnType<typeof h.world.user>>; ids: string[] } | undefined;
      for (let attempt = 0; !lined && attempt < TRIES; attempt++) {
        const fac = await h.world.user(`Fina Lee ${attempt}`, 'UNODC');
        const reader = await h.world.user(`Rita Lectora ${attempt}`, 'SSPC');
        const workspaceId = await h.world.workspace(fac.api, `Mesa de lectura ${attempt}`);
        await h.world.addMember(workspaceId, fac.api, reader.id, 'member');
        for (let n = 0; n < 4; n++) expect((await fac.api.post(`/api/workspaces/${workspaceId}/decisions`, { title: `Pendiente ${n}` })).status).toBe(201);
        const ids = (await sql<Array<{ id: string }>>`select id from notifications where user_id = ${reader.id} and read_at is null order by ctid`).map((r) => r.id);
        expect(ids, 'one request per decision').toHaveLength(4);
        if (ids[ids.length - 1] !== [...ids].sort().at(-1)) lined = { reader, ids };
      }
      if (!lined) throw new Error(`no setup in ${TRIES} had its highest id stored before its last row`);
      const { reader, ids } = lined;
      const hold = await holdRows(databaseUrl, 'select id from notifications where id = any($1) for update', [[[...ids].sort().at(-1)!]]);
      let read: Promise<ApiResponse<{ read: string[] }>> | undefined;
      try {
        read = reader.api.post<{ read: string[] }>('/api/notifications/read', { all: true });
        await hold.waiters(1);
        const free = await sql<Array<{ id: string }>>`select id from notifications where id = any(${ids}) for update skip locked`;
        expect(free.map((r) => r.id), 'notifications the waiting "mark all read" does not hold').toEqual([]);
      } finally {
        await hold.release();
      }
      const answer = await read;
      expect([answer.status, [...answer.body.read].sort()]).toEqual([200, [...ids].sort()]);
    } finally {
      await sql.end();
    }
  });
});
