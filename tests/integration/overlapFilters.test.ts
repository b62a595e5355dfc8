/**
 * `GET /api/overlaps` takes the matrix's row filters: it lists the overlaps with at least one side among the rows the
 * caller's matrix shows for those filters. A hidden side (a group the caller is not in) never matches, need-to-know is
 * as without filters, and following `nextCursor` with a filter gives every match once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { addActivity, openPlan, pollUntil, tipActivity, twoGroups } from '../helpers/matrix.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import type { YClient } from '../helpers/yjsClient.js';
import type { Api } from '../helpers/api.js';

type Side = { documentId?: string; activityId?: string; hidden?: boolean };
type Overlap = { id: string; a: Side; b: Side; score: number };
type Page = { overlaps: Overlap[]; nextCursor: string | null };

const ids = (list: Overlap[]) => list.map((o) => o.id);

/** Every overlap of `query`, following `nextCursor` `limit` at a time; fails on a repeated id. */
async function allPages(api: Api, query: string, limit: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const res: { status: number; body: Page } = await api.get(`/api/overlaps?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    out.push(...ids(res.body.overlaps));
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  expect(new Set(out).size).toBe(out.length);
  return out;
}

describe.each(BACKENDS)('overlaps narrowed by the matrix filters on $name', (backend) => {
  let server: TestServer | undefined;
  const clients: YClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await server?.close();
    server = undefined;
  });

  it('lists the flags with a side among the filtered rows, keeps need-to-know, and pages every match once', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const { liaison, focalA, facA, facB, wsB, docA, docB } = await twoGroups(world);
    const planA = await openPlan(server, facA.api, docA);
    const planB = await openPlan(server, facB.api, docB);
    clients.push(planA, planB);
    const chih = world.orgs['FGE-CHIH'].id;
    const juarez = world.orgs['MUN-JUAREZ'].id;

    // Trafficking in Chihuahua (08): 4 × 3 rows across the groups; wildlife crime in Yucatán (31): 2 × 2.
    const wild = { mandateArea: 'wildlife_forest_crime' as const, stateCodes: ['31'], title: 'Operativo contra la tala ilegal', target: 'Predios vigilados' };
    const tipA = Array.from({ length: 4 }, (_, i) => tipActivity(chih, { title: `Capacitación a fiscales ${i}` }));
    const tipB = Array.from({ length: 3 }, (_, i) => tipActivity(juarez, { title: `Capacitación a fiscales ${i}`, startDate: '2027-05-01', endDate: '2027-09-30' }));
    const wildA = [0, 1].map((i) => tipActivity(chih, { ...wild, title: `${wild.title} ${i}` }));
    const wildB = [0, 1].map((i) => tipActivity(juarez, { ...wild, title: `${wild.title} ${i}` }));
    planA.doc.transact(() => [...tipA, ...wildA].forEach((r) => addActivity(planA, r)));
    planB.doc.transact(() => [...tipB, ...wildB].forEach((r) => addActivity(planB, r)));
    const tipIds = new Set([...tipA, ...tipB].map((r) => r.id));
    const wildIds = new Set([...wildA, ...wildB].map((r) => r.id));
    const has = (o: Overlap, set: Set<string>) => [o.a.activityId, o.b.activityId].some((id) => !!id && set.has(id));
    await pollUntil<Page>(liaison.api, '/api/overlaps?limit=1000', (x) => x.overlaps.filter((o) => has(o, tipIds)).length >= 12 && x.overlaps.filter((o) => has(o, wildIds)).length >= 4, 20_000);
    await server.services.projection.idle();
    const everything = (await liaison.api.get<Page>('/api/overlaps?limit=1000')).body.overlaps;
    const wildFlags = everything.filter((o) => has(o, wildIds));
    expect(wildFlags.length).toBeGreaterThanOrEqual(4);

    // The audit's view: wildlife crime in Yucatán lists its flags only, not the (higher-ranked) trafficking ones.
    const yuc = (await liaison.api.get<Page>('/api/overlaps?mandateArea=wildlife_forest_crime&stateCode=31')).body;
    expect(ids(yuc.overlaps)).toEqual(ids(wildFlags));
    expect(yuc.overlaps.some((o) => has(o, tipIds))).toBe(false);

    // One side among the rows is enough: Juárez leads only the B sides, and the 2027-07 rows are only B's.
    const juarezTip = (await liaison.api.get<Page>(`/api/overlaps?organizationId=${juarez}&mandateArea=trafficking_in_persons`)).body.overlaps;
    expect(ids(juarezTip)).toEqual(ids(everything.filter((o) => has(o, new Set(tipB.map((r) => r.id))))));
    expect(juarezTip.length).toBeGreaterThanOrEqual(12);
    const july = (await liaison.api.get<Page>('/api/overlaps?from=2027-07-01&mandateArea=trafficking_in_persons')).body.overlaps;
    expect(ids(july)).toEqual(ids(juarezTip));
    // The activity's own status filter is `activityStatus`; `status` stays the overlap's.
    expect((await liaison.api.get<Page>('/api/overlaps?activityStatus=done')).body.overlaps).toEqual([]);
    expect(ids((await liaison.api.get<Page>('/api/overlaps?activityStatus=planned&status=open&limit=1000')).body.overlaps)).toEqual(ids(everything));
    // An empty value is no filter, as on /api/matrix.
    expect(ids((await liaison.api.get<Page>('/api/overlaps?mandateArea=&stateCode=&limit=1000')).body.overlaps)).toEqual(ids(everything));

    // Paging with a filter: every trafficking flag once, in the order of one big page.
    expect(await allPages(liaison.api, 'mandateArea=trafficking_in_persons', 5)).toEqual(ids(everything.filter((o) => has(o, tipIds))));
    expect(await allPages(liaison.api, 'status=open&stateCode=31', 1)).toEqual(ids(wildFlags));

    // Need-to-know: A's focal point sees only A's flags until B shares, filtered or not; a B side never matches.
    const focal = async (q: string) => ids((await focalA.api.get<Page>(`/api/overlaps?${q}`)).body.overlaps);
    const onlyA = (await focalA.api.get<Page>('/api/overlaps?limit=1000')).body.overlaps;
    expect(onlyA.every((o) => o.a.documentId === docA && o.b.documentId === docA)).toBe(true);
    expect(await focal('mandateArea=wildlife_forest_crime&limit=1000')).toEqual(ids(onlyA.filter((o) => has(o, wildIds))));
    await facB.api.patch(`/api/workspaces/${wsB}`, { shareOverlaps: true });
    const focalAll = (await focalA.api.get<Page>('/api/overlaps?limit=1000')).body.overlaps;
    expect(focalAll.some((o) => o.a.hidden || o.b.hidden)).toBe(true);
    expect(focalAll.every((o) => o.a.hidden || o.b.hidden || (o.a.documentId === docA && o.b.documentId === docA))).toBe(true);
    expect(await focal('mandateArea=wildlife_forest_crime&limit=1000')).toEqual(ids(focalAll.filter((o) => has(o, wildIds))));
    const filteredViews = (await focalA.api.get<Page>('/api/overlaps?stateCode=31&limit=1000')).body.overlaps;
    expect(filteredViews.length).toBeGreaterThan(0);
    expect(filteredViews).toEqual(focalAll.filter((o) => ids(filteredViews).includes(o.id)));
    expect(await focal(`organizationId=${juarez}`)).toEqual([]);
    // Naming a plan or group the caller is not in is a 404, as on /api/matrix; their own plan narrows to its rows.
    expect((await focalA.api.get(`/api/overlaps?documentId=${docB}`)).status).toBe(404);
    expect((await focalA.api.get(`/api/overlaps?workspaceId=${wsB}`)).status).toBe(404);
    expect(await focal(`documentId=${docA}&limit=1000`)).toEqual(ids(focalAll));
    const outsider = await world.user('Olga Externa', 'SSPC');
    expect((await outsider.api.get<Page>('/api/overlaps?mandateArea=trafficking_in_persons')).body.overlaps).toEqual([]);
  }, 60_000);
});
