/**
 * A request whose transaction PostgreSQL rolls back to break a deadlock is told it met a concurrent change (409
 * `concurrent_change`, nothing saved, try again), not "something went wrong" (500). The deadlock is a real one, on the
 * test PostgreSQL, through Drizzle and the driver the server uses, answered by the server's own error handlers.
 */
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import Fastify, { type FastifyInstance } from 'fastify';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandlers } from '../../server/http/errors.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

describe('a transaction rolled back to break a deadlock', () => {
  let database: TestDatabase;
  let client: postgres.Sql;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = postgres(database.url, { max: 4, onnotice: () => undefined });
    const db = drizzle(client);
    await db.execute(sql`create table counters (id int primary key, n int not null)`);
    await db.execute(sql`insert into counters values (1, 0), (2, 0)`);
    // Two requests lock the two rows in opposite orders; each waits at the barrier until the other holds its first row.
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothHoldFirstRow = new Promise<void>((resolve) => (release = resolve));
    app = Fastify();
    installErrorHandlers(app);
    app.post<{ Params: { first: string } }>('/bump/:first', async (req) => {
      const first = Number(req.params.first);
      const second = first === 1 ? 2 : 1;
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local deadlock_timeout = '50ms'`);
        await tx.execute(sql`update counters set n = n + 1 where id = ${first}`);
        if (++arrived === 2) release();
        await bothHoldFirstRow;
        await tx.execute(sql`update counters set n = n + 1 where id = ${second}`);
      });
      return { bumped: [first, second] };
    });
  });

  afterAll(async () => {
    await app?.close();
    await client?.end();
    await database?.drop();
  });

  it('answers the one rolled back 409 concurrent_change, and the other succeeds whole', async () => {
    const [a, b] = await Promise.all([app.inject({ method: 'POST', url: '/bump/1' }), app.inject({ method: 'POST', url: '/bump/2' })]);
    const answers = [a, b].map((r) => ({ status: r.statusCode, body: r.json() as Record<string, unknown> }));
    const refused = answers.filter((r) => r.status === 409);
    const done = answers.filter((r) => r.status === 200);
    expect(refused).toHaveLength(1);
    expect(done).toHaveLength(1);
    expect(refused[0].body).toEqual({
      error: { code: 'conflict', reason: 'concurrent_change', message: 'Someone else changed the same thing at this moment and nothing of this request was saved; reload and try again.' },
    });
    // Only the winner's two bumps are stored: the refused request left nothing.
    const rows = await client`select id, n from counters order by id`;
    expect(rows.map((r) => [r.id, r.n])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });
});
