/**
 * "Mark all read" over more notifications than one statement can name (the rows are locked by id first, then marked in
 * slices: each id is a bound parameter, and the wire protocol carries at most 65,535): every one is marked, once.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';

const MANY = 70_000;

describe.each(BACKENDS)('mark all read over many notifications on $name', (backend) => {
  const h = useServerWorld(backend);

  it(`marks ${MANY} unread notifications read in one request`, async () => {
    const fac = await h.world.user('Fina Muchas', 'UNODC');
    const reader = await h.world.user('Rosa Lectora', 'SSPC');
    const ws = await h.world.workspace(fac.api, 'Mesa de avisos');
    await h.world.addMember(ws, fac.api, reader.id, 'member');
    const db = h.server.services.database.db;
    await db.execute(sql`insert into notifications (id, user_id, workspace_id, kind, target) select 'ntf_muchas_' || n, ${reader.id}, ${ws}, 'mention', '{}'::jsonb from generate_series(1, ${MANY}) n`);
    const answer = await reader.api.post<{ read: string[] }>('/api/notifications/read', { all: true });
    expect(answer.status).toBe(200);
    expect(new Set(answer.body.read.filter((id) => id.startsWith('ntf_muchas_'))).size).toBe(MANY);
    const unread = await reader.api.get<{ notifications: unknown[] }>('/api/notifications?unread=true');
    expect(unread.body.notifications).toEqual([]);
  });
});
