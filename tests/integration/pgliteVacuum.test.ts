/**
 * Embedded PGlite has no autovacuum. A plan edited for a while compacts many times: each compaction deletes
 * its log rows and rewrites the plan's snapshot, whose old value stays behind as dead TOAST chunks. Enlace
 * vacuums such tables itself; the dead rows are reclaimed and the plan is intact.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.js';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { useLiveServer } from '../helpers/liveServer.js';
import { metric } from '../helpers/metrics.js';
import { tempDir } from '../helpers/server.js';
import { connectEvents, coveredBy, recordEvents, waitFor, waitSynced } from '../helpers/yjsClient.js';

let seed = 7;
/** Text that does not compress (a compressed snapshot would hardly reach TOAST). */
function noise(length: number): string {
  return Array.from({ length }, () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26))).join('');
}

interface Dead {
  relname: string;
  dead: number;
  toast_dead: number;
  last_vacuum: string | null;
}

describe('vacuum on embedded PGlite', () => {
  const live = useLiveServer();

  it('reclaims the rows compaction leaves dead, and the plan stays whole', { timeout: 120_000 }, async () => {
    const server = await live.start({ dataDir: tempDir(), limits: { compactAfterUpdates: 20, compactMinIntervalMs: 0, vacuumCheckMs: 200 } });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const doc = await world.document(ana.api, ws, 'blank');
    const client = live.connect(doc, ana.api.token);
    await waitSynced(client);
    const events = await connectEvents(server.url, ana.api.token!, ws);
    const saved = recordEvents(events, ['document:saved']);
    try {
      // 200 activities with 1 kB descriptions, in rounds of 20: ten compactions of a plan of up to ~200 kB.
      for (let round = 0; round < 10; round++) {
        for (let i = 0; i < 20; i++) {
          const n = round * 20 + i;
          insertActivity(client.doc, { id: `a${n}`, title: `Actividad ${n}`, description: noise(1000) });
        }
        await waitFor(() => saved.some((e) => coveredBy(client.doc, e.payload.stateVector)), 10000, 'saved');
      }
      await waitFor(async () => (await metric(server.url, 'enlace_db_vacuums_total')) >= 2, 20000, 'vacuums on /metrics');
      const deadRows = async () =>
        rowsOf<Dead>(
          await server.services.database.db.execute(sql`
            select s.relname, s.n_dead_tup as dead, coalesce(t.n_dead_tup, 0) as toast_dead, s.last_vacuum
            from pg_stat_user_tables s join pg_class c on c.oid = s.relid
            left join pg_stat_all_tables t on t.relid = c.reltoastrelid
            where s.relname in ('document_updates', 'document_snapshots')`),
        );
      // The log's deleted rows and the rewritten snapshots' chunks are vacuumed away (a few may have died since).
      const reclaimed = (rows: Dead[]) => rows.length === 2 && rows.every((r) => r.last_vacuum !== null && Number(r.dead) <= 60 && Number(r.toast_dead) <= 100);
      let rows = await deadRows();
      for (const until = Date.now() + 20000; !reclaimed(rows) && Date.now() < until; rows = await deadRows()) await new Promise((r) => setTimeout(r, 100));
      expect(reclaimed(rows), JSON.stringify(rows)).toBe(true);

      const fresh = live.connect(doc, ana.api.token);
      await waitSynced(fresh);
      expect(readActivities(fresh.doc).map((a) => a.id)).toEqual(Array.from({ length: 200 }, (_, n) => `a${n}`));
    } finally {
      events.close();
    }
  });
});
