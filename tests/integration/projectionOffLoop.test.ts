/**
 * Projection on embedded PGlite gives the event loop turns. PGlite computes the stored search vectors in the node's
 * own thread, and its queries resolve without a macrotask between them: a pasted plan of 2,000 activities with 3 KB
 * descriptions held the loop for its whole projection (20 s with the old accent folding, 4 s with NFD). Upserts now
 * carry a bounded amount of text each, with a turn of the event loop between them.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityProjection } from '../../db/schema.js';
import { upsertChunks, writePlanProjection } from '../../server/matrix/projectionRows.js';
import type { Activity } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.js';

const words = ['coordinación', 'operativa', 'tráfico', 'frontera', 'fiscalías', 'seguimiento', 'capacitación', 'información'];
const longText = (seed: number, chars: number) => {
  let s = '';
  for (let i = seed; s.length < chars; i++) s += `${words[(i * 7) % words.length]} `;
  return s;
};

describe('projection on embedded PGlite', () => {
  let server: TestServer;
  let documentId: string;
  let workspaceId: string;
  beforeAll(async () => {
    server = await startTestServer({ dataDir: tempDir() });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    workspaceId = await world.workspace(ana.api);
    documentId = await world.document(ana.api, workspaceId, 'blank');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('cuts upserts by text and by rows, in order', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ activityId: `a${i}`, title: 't', description: longText(i, 3000), target: '', indicator: '' }));
    const chunks = upsertChunks(rows as unknown as Parameters<typeof upsertChunks>[0]);
    expect(chunks.flat().map((r) => r.activityId)).toEqual(rows.map((r) => r.activityId));
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(c.reduce((n, r) => n + r.title.length + r.description.length, 0)).toBeLessThanOrEqual(64 * 1024);
    // Short rows are cut by count: each statement runs in this thread on embedded PGlite.
    const short = Array.from({ length: 1200 }, (_, i) => ({ activityId: `s${i}`, title: 't', description: '', target: '', indicator: '' }));
    expect(upsertChunks(short as unknown as Parameters<typeof upsertChunks>[0]).map((c) => c.length)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('turns the event loop while it writes 600 activities of 3 KB', async () => {
    const activities: Activity[] = Array.from({ length: 600 }, (_, i) => ({
      id: `act-${i}`,
      title: `Actividad ${i}`,
      description: longText(i, 3000),
      leadOrganizationId: null,
      partnerOrganizationIds: [],
      mandateArea: 'trafficking_in_persons',
      stateCodes: ['08'],
      municipalityCodes: [],
      startDate: null,
      endDate: null,
      status: 'planned',
      target: '',
      indicator: '',
    }));
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    try {
      await server.services.database.db.transaction((tx) =>
        writePlanProjection(tx, { documentId, workspaceId, activities, searchText: 'Actividad' }, 'always'),
      );
    } finally {
      clearInterval(ticker);
    }
    // 1.8 MB of text is at least 14 statements, each followed by a turn in which timers run.
    expect(turns).toBeGreaterThanOrEqual(10);
    const [stored] = await server.services.database.db.select({ n: count() }).from(activityProjection).where(eq(activityProjection.documentId, documentId));
    expect(stored.n).toBe(600);
  });
});
