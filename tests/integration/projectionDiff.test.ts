/**
 * A projection pass diffs a plan by per-row digests and reads large sets of rows through a cursor, on both databases.
 * A one-word edit of a large plan used to read every stored row of it whole (0.6 s at 20,000 on embedded PGlite, in
 * the node's thread); now it reads the digests in pages, and whole rows only for what changed.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityProjection } from '../../db/schema.js';
import { readProjectedRows } from '../../server/matrix/projectionCursor.js';
import { storedToRow, writePlanProjection } from '../../server/matrix/projectionRows.js';
import { insertActivity, type Activity } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { editActivity, openPlan, pollUntil } from '../helpers/matrix.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import type { YClient } from '../helpers/yjsClient.js';

const PLAN = 2500;

function activity(i: number, overrides: Partial<Activity> = {}): Activity {
  return {
    id: `act-${String(i).padStart(5, '0')}`,
    title: `Actividad ${i}`,
    description: i % 3 ? `Descripción ${i}` : '',
    leadOrganizationId: i % 4 ? `org-${i % 5}` : null,
    partnerOrganizationIds: i % 2 ? [`org-${(i + 1) % 5}`, `org-${(i + 2) % 5}`] : [],
    mandateArea: i % 7 ? 'corruption' : null,
    stateCodes: [String(1 + (i % 32)).padStart(2, '0')],
    municipalityCodes: i % 5 ? [] : ['08019'],
    startDate: i % 6 ? '2027-01-15' : null,
    endDate: i % 6 ? '2027-09-30' : null,
    status: 'planned',
    target: i % 2 ? `${i} personas` : '',
    indicator: '',
    ...overrides,
  };
}

describe.each(BACKENDS)('projection diff and cursor reads on $name', (backend) => {
  let server: TestServer;
  let workspaceId: string;
  let documentId: string;
  let api: Parameters<typeof openPlan>[1];
  let theWorld: Awaited<ReturnType<typeof createWorld>>;
  const world = () => theWorld;
  const clients: YClient[] = [];
  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    theWorld = await createWorld(server.url);
    const ana = await theWorld.user('Ana', 'SSPC');
    api = ana.api;
    workspaceId = await theWorld.workspace(ana.api);
    documentId = await theWorld.document(ana.api, workspaceId, 'blank');
  }, 60_000);
  afterAll(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await server?.close();
  });

  const db = () => server.services.database.db;
  const write = (activities: Activity[]) =>
    db().transaction((tx) => writePlanProjection(tx, { documentId, workspaceId, activities, searchText: 'Actividad' }, 'always'));

  it('writes a digest with every row, and a second pass over the same plan changes nothing', async () => {
    const activities = Array.from({ length: PLAN }, (_, i) => activity(i));
    const first = await write(activities);
    expect(first.changed).toHaveLength(PLAN);
    const [{ n: undigested }] = rowsOf(await db().execute(sql`select count(*)::int as n from activity_projection where document_id = ${documentId} and content_digest = ''`));
    expect(undigested).toBe(0);

    const again = await write(activities);
    expect({ changed: again.changed.length, previous: again.previous.length, removed: again.removedIds }).toEqual({ changed: 0, previous: 0, removed: [] });
  });

  it('rewrites only what changed, with the stored rows it replaces', async () => {
    const activities = Array.from({ length: PLAN }, (_, i) => activity(i));
    activities[10] = activity(10, { title: 'Título cambiado' });
    activities[2000] = activity(2000, { status: 'in_progress' });
    const removed = activities.splice(2400, 1)[0];
    activities.push(activity(9000));
    const diff = await write(activities);
    expect(diff.changed.map((r) => r.activityId).sort()).toEqual(['act-00010', 'act-02000', 'act-09000']);
    expect(diff.removedIds).toEqual([removed.id]);
    expect(diff.previous.map((r) => [r.activityId, r.title, r.status])).toEqual([
      ['act-00010', 'Actividad 10', 'planned'],
      ['act-02000', 'Actividad 2000', 'planned'],
      [removed.id, removed.title, 'planned'],
    ]);
  });

  it('fills in the digests of rows stored before digests existed without counting them as changed', async () => {
    await db().update(activityProjection).set({ contentDigest: '' }).where(eq(activityProjection.documentId, documentId));
    const activities = Array.from({ length: PLAN }, (_, i) => activity(i));
    activities[5] = activity(5, { status: 'done' });
    const diff = await write(activities);
    // Rows 10, 2000, 2400 and 9000 differ from what the last test stored; row 5 is edited now.
    expect(diff.changed.map((r) => r.activityId).sort()).toEqual(['act-00005', 'act-00010', 'act-02000', 'act-02400']);
    expect(diff.removedIds).toEqual(['act-09000']);
    const [{ n }] = rowsOf(await db().execute(sql`select count(*)::int as n from activity_projection where document_id = ${documentId} and content_digest = ''`));
    expect(n).toBe(0);
  });

  it('reads rows through a cursor exactly as a plain select does, across pages', async () => {
    const where = and(eq(activityProjection.documentId, documentId), gt(activityProjection.activityId, 'act-00100'));
    const plain = (await db().select().from(activityProjection).where(where)).map(storedToRow);
    const paged = await db().transaction((tx) => readProjectedRows(tx, where!));
    expect(plain.length).toBeGreaterThan(2000);
    const byId = (rows: typeof plain) => [...rows].sort((x, y) => x.activityId.localeCompare(y.activityId));
    expect(byId(paged)).toEqual(byId(plain));
    // Nulls, empty lists and lists survive the raw read on either driver.
    const five = paged.find((r) => r.activityId === 'act-00105');
    expect(five).toMatchObject({ leadOrganizationId: 'org-0', municipalityCodes: ['08019'], partnerOrganizationIds: ['org-1', 'org-2'] });
    const twenty = paged.find((r) => r.activityId === 'act-00120');
    expect(twenty).toMatchObject({ leadOrganizationId: null, partnerOrganizationIds: [], startDate: null, mandateArea: 'corruption' });
  });

  it('a live edit of one activity in a large plan rewrites that row alone', { timeout: 150_000 }, async () => {
    const liveId = await world().document(api, workspaceId, 'blank');
    const plan = await openPlan(server, api, liveId);
    clients.push(plan);
    plan.doc.transact(() => Array.from({ length: PLAN }, (_, i) => insertActivity(plan.doc, activity(i))));
    await pollUntil(api, `/api/matrix?documentId=${liveId}`, (x) => x.activities?.length === PLAN, 30_000);
    await server.services.projection.idle();
    const [{ before }] = rowsOf(await db().execute(sql`select max(updated_at)::text as before from activity_projection where document_id = ${liveId}`));
    editActivity(plan, 'act-01234', { title: 'Operativo coordinado en la frontera norte' });
    await pollUntil(api, `/api/matrix?documentId=${liveId}`, (x) => x.activities?.some((a: { title: string }) => a.title === 'Operativo coordinado en la frontera norte'), 30_000); // a pass over 2,500 rows on PGlite, with the whole suite running alongside
    const touched = rowsOf<{ activity_id: string }>(await db().execute(sql`select activity_id from activity_projection where document_id = ${liveId} and updated_at > ${before}::timestamptz`));
    expect(touched.map((r) => r.activity_id)).toEqual(['act-01234']);
  });
});

function rowsOf<T = { n: number; before: string }>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];
}
