/**
 * A NUL typed into a plan (prose or any activity string), or a date PostgreSQL cannot hold, must not stop the plan's
 * projection: the matrix, its CSV, overlaps and search show the activity, cleaned; the document keeps what was typed.
 * (Unpaired surrogates do not survive Yjs's UTF-8 wire encoding, which turns them into U+FFFD before the server.)
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBody, readActivities } from '../../shared/planModel.js';
import { createWorld, type Api } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { addActivity, editActivity, openPlan, pollUntil, tipActivity, twoGroups } from '../helpers/matrix.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { type YClient, waitFor } from '../helpers/yjsClient.js';

/** Generous over the contract's 2 s: two busy cores run the suite. */
const WAIT_MS = 5000;

type MatrixRow = { activityId: string; documentId: string; title: string; partnerOrganizationIds: string[]; startDate: string | null; endDate: string | null };
type Matrix = { activities: MatrixRow[] };
type Overlaps = { overlaps: Array<{ a: { activityId?: string; title?: string }; b: { activityId?: string; title?: string }; reasons: string[] }> };

describe.each(BACKENDS)('hostile text typed into a plan on $name', (backend) => {
  let server: TestServer;
  let liaison: Api;
  let planA: YClient;
  let planB: YClient;
  let docA: string;
  let chih: string;
  let juarez: string;
  const clients: YClient[] = [];
  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const g = await twoGroups(world);
    liaison = g.liaison.api;
    docA = g.docA;
    chih = world.orgs['FGE-CHIH'].id;
    juarez = world.orgs['MUN-JUAREZ'].id;
    planA = await openPlan(server, g.facA.api, g.docA);
    planB = await openPlan(server, g.facB.api, g.docB);
    clients.push(planA, planB);
  });
  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await server.close();
  });

  it('projects an activity with NUL, a bidi override and a year-0 date into the matrix, CSV, overlaps and search, cleaned', async () => {
    const hostile = tipActivity(chih, {
      // A right-to-left override made the title read «sanosrep ed atart» wherever the projection showed it.
      title: 'Capacitación a fiscales\u0000 en \u202etrata de personas\u2069',
      description: 'Taller de tres días en\u0000 Ciudad Juárez con arándanos',
      partnerOrganizationIds: [juarez, 'org\u0000x'],
      target: '200 fiscales\u0000 capacitados',
      startDate: '0000-01-01',
      endDate: '2027-06-30',
    });
    addActivity(planA, hostile);
    addActivity(planB, tipActivity(juarez)); // the same activity in another group: an overlap
    const matrix = await pollUntil<Matrix>(liaison, '/api/matrix', (m) => m.activities.some((a) => a.activityId === hostile.id), WAIT_MS);
    const row = matrix.activities.find((a) => a.activityId === hostile.id)!;
    expect(row).toMatchObject({
      documentId: docA,
      title: 'Capacitación a fiscales en trata de personas',
      partnerOrganizationIds: [juarez], // an organization id of no id shape reads as absent
      startDate: null, // year 0 reads as absent, like any other date outside the contract
      endDate: '2027-06-30',
    });
    const csv = await liaison.request<string>('GET', '/api/matrix.csv?lang=en');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Capacitación a fiscales en trata de personas');
    expect(csv.body).not.toContain('\u0000');
    expect(csv.body).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    const overlaps = await pollUntil<Overlaps>(liaison, '/api/overlaps', (o) => o.overlaps.length === 1, WAIT_MS);
    const sides = [overlaps.overlaps[0].a, overlaps.overlaps[0].b];
    expect(sides.find((s) => s.activityId === hostile.id)?.title).toBe('Capacitación a fiscales en trata de personas');
    // Search reads the activity's description (the plan's search text was refreshed).
    await expect
      .poll(async () => ((await liaison.get('/api/search?q=arandanos')).body.results as Array<{ id: string }>).map((r) => r.id), { timeout: WAIT_MS })
      .toContain(hostile.id);
    // The document keeps what was typed.
    expect(readActivities(planA.doc).find((a) => a.id === hostile.id)?.title).toBe(hostile.title);
  });

  it('keeps projecting the plan on every later save, and search reads prose holding a NUL', async () => {
    const id = tipActivity(chih).id;
    addActivity(planA, { ...tipActivity(chih), id, title: 'Primera\u0000 versión', mandateArea: 'corruption' });
    await pollUntil<Matrix>(liaison, '/api/matrix', (m) => m.activities.some((a) => a.activityId === id && a.title === 'Primera versión'), WAIT_MS);
    editActivity(planA, id, { title: 'Segunda versión\u0000' });
    await pollUntil<Matrix>(liaison, '/api/matrix', (m) => m.activities.some((a) => a.activityId === id && a.title === 'Segunda versión'), WAIT_MS);

    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Coordinación\u0000 interinstitucional zarzamora')]);
    getBody(planA.doc).push([paragraph]);
    await expect
      .poll(async () => ((await liaison.get('/api/search?q=zarzamora')).body.results as Array<{ id: string }>).map((r) => r.id), { timeout: WAIT_MS })
      .toContain(docA);
    // What the server stores and serves is still what was typed.
    const fresh = await openPlan(server, liaison, docA);
    clients.push(fresh);
    await waitFor(() => getBody(fresh.doc).toString().includes('zarzamora'), WAIT_MS, 'prose synced');
    expect(getBody(fresh.doc).toString()).toContain('Coordinación\u0000 interinstitucional');
    expect(readActivities(fresh.doc).find((a) => a.id === id)?.title).toBe('Segunda versión\u0000');
  });

  it('leaves out activity ids too long to index and organization ids of no id shape, and keeps projecting the plan', async () => {
    // A 3,000-character id made the projection's index key too large: every later pass of the plan rolled back.
    const huge = { ...tipActivity(chih), id: 'x'.repeat(3000), title: 'Fila de id enorme' };
    const longest = {
      ...tipActivity(chih),
      id: 'y'.repeat(200),
      title: 'Fila de id largo',
      leadOrganizationId: 'L'.repeat(5000),
      partnerOrganizationIds: [juarez, 'no es un id', juarez, 'z'.repeat(101)],
    };
    addActivity(planA, huge);
    addActivity(planA, longest);
    const matrix = await pollUntil<Matrix>(liaison, '/api/matrix', (m) => m.activities.some((a) => a.activityId === longest.id), WAIT_MS);
    expect(matrix.activities.some((a) => a.title === huge.title)).toBe(false);
    expect(matrix.activities.find((a) => a.activityId === longest.id)).toMatchObject({ leadOrganizationId: null, partnerOrganizationIds: [juarez] });
    // Later edits keep reaching the matrix.
    editActivity(planA, longest.id, { title: 'Fila de id largo, editada' });
    await pollUntil<Matrix>(liaison, '/api/matrix', (m) => m.activities.some((a) => a.activityId === longest.id && a.title === 'Fila de id largo, editada'), WAIT_MS);
  });
});
