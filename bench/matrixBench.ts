/**
 * Matrix bench (standalone, not part of the bench harness):
 *   node --import tsx bench/matrixBench.ts [--db pglite|postgres] [--activities 10000] [--edits 20] [--seed 7]
 *
 * Boots Enlace in-process, seeds plans with random activities through the hub (logged server changes,
 * so the projection service projects them exactly as it does live edits), then measures:
 *   - seed: time until every plan is projected and its overlaps detected, incrementally;
 *   - rebuild: POST /api/matrix/rebuild (re-read every plan from storage, full detection);
 *   - detectAllOverlaps alone over the projected rows (pure, in memory);
 *   - GET /api/matrix unfiltered, with filters, and one plan's rows (a live page's refetch);
 *   - end to end: an edit by a stock y-websocket client → the new overlap row in the database.
 * With --db postgres it uses DATABASE_URL, or starts a throwaway PostgreSQL when unset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { activityProjection, overlaps } from '../db/schema.js';
import { buildApp } from '../server/app.js';
import { defineConfig } from '../server/config.js';
import { ActivityIndex } from '../server/matrix/activityIndex.js';
import { detectAllOverlaps } from '../server/matrix/overlapDetection.js';
import { storedToRow } from '../server/matrix/projectionRows.js';
import { MANDATE_AREAS, STATE_CODES, type Limits } from '../shared/constants.js';
import { insertActivity, type Activity } from '../shared/planModel.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1] ?? '');
const backend = (args.get('db') ?? 'pglite') as 'pglite' | 'postgres';
const ACTIVITIES = Number(args.get('activities') ?? 10000);
const EDITS = Number(args.get('edits') ?? 20);
const PER_PLAN = 100;

/** mulberry32: a small seeded generator, so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(Number(args.get('seed') ?? 7));
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];

const ACTIONS = ['Capacitación', 'Diagnóstico', 'Campaña de prevención', 'Mesa técnica', 'Protocolo', 'Operativo conjunto', 'Fortalecimiento', 'Mapeo'];
const TOPICS = ['a fiscales', 'a policías municipales', 'sobre atención a víctimas', 'de rutas de tráfico', 'en análisis financiero', 'de alertas tempranas', 'con sociedad civil', 'en puntos fronterizos'];

function randomActivity(orgs: string[], n: number): Partial<Activity> & { id: string } {
  const year = 2026 + Math.floor(rand() * 3);
  const month = 1 + Math.floor(rand() * 12);
  const length = 1 + Math.floor(rand() * 4);
  const end = new Date(Date.UTC(year, month - 1 + length, 0));
  const state = pick(STATE_CODES);
  return {
    id: `bench-${n}`,
    title: `${pick(ACTIONS)} ${pick(TOPICS)}`,
    description: 'Actividad sintética del banco de pruebas',
    leadOrganizationId: pick(orgs),
    partnerOrganizationIds: rand() < 0.3 ? [pick(orgs)] : [],
    mandateArea: pick(MANDATE_AREAS),
    stateCodes: rand() < 0.8 ? [state] : [],
    municipalityCodes: rand() < 0.4 ? [`${state}${String(1 + Math.floor(rand() * 50)).padStart(3, '0')}`] : [],
    startDate: `${year}-${String(month).padStart(2, '0')}-01`,
    endDate: end.toISOString().slice(0, 10),
    status: 'planned',
    target: `${10 * (1 + Math.floor(rand() * 30))} personas capacitadas`,
  };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const ms = (t0: number) => Math.round(performance.now() - t0);

async function databaseUrl(): Promise<{ url?: string; stop(): Promise<void> }> {
  if (backend === 'pglite') return { stop: async () => undefined };
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const { startPostgres } = await import('../tests/setup/postgres.js');
  const pg = await startPostgres({ database: 'enlace_bench' });
  return { url: pg.url, stop: () => pg.dispose() };
}

async function main(): Promise<void> {
  const pg = await databaseUrl();
  const dataDir = mkdtempSync(join(tmpdir(), 'enlace-matrix-bench-'));
  const config = defineConfig({ port: 0, host: '127.0.0.1', databaseUrl: pg.url, dataDir, logLevel: 'warn', limits: { requestsPerMinute: 10_000_000 } as Partial<Limits> as Limits });
  const { app, services } = await buildApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  services.config.publicOrigin = `http://localhost:${port}`;
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(base + path, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text.startsWith('{') ? (JSON.parse(text) as Record<string, any>) : { text };
  };
  const results: Record<string, unknown> = { backend, activities: ACTIVITIES };
  try {
    const setup = await call('POST', '/api/setup', undefined, { email: 'bench@enlace.test', password: 'bench-password-123', name: 'Bench', organization: { name: 'Bench', acronym: 'BENCH', level: 'international' } });
    const token = setup.token as string;
    const orgs: string[] = [];
    for (let i = 0; i < 30; i++) orgs.push((await call('POST', '/api/organizations', token, { name: `Institución ${i}`, acronym: `INST${i}`, level: pick(['federal', 'state', 'municipal', 'civil_society']) })).organization.id);
    const plans = Math.ceil(ACTIVITIES / PER_PLAN);
    const docs: string[] = [];
    let wsId = '';
    for (let p = 0; p < plans; p++) {
      // Ten plans per working group; the bench user facilitates every group, so it sees everything.
      if (p % 10 === 0) wsId = (await call('POST', '/api/workspaces', token, { name: `Mesa ${p / 10}`, mandateAreas: ['organized_crime'] })).workspace.id;
      docs.push((await call('POST', `/api/workspaces/${wsId}/documents`, token, { title: `Plan ${p}`, template: 'blank' })).document.id);
    }

    // Seed: one logged change per plan, projected incrementally by the service as they are saved.
    let t0 = performance.now();
    for (let p = 0; p < plans; p++) {
      await services.hub.change(docs[p], null, (doc) => {
        for (let i = 0; i < PER_PLAN && p * PER_PLAN + i < ACTIVITIES; i++) insertActivity(doc, randomActivity(orgs, p * PER_PLAN + i));
      });
    }
    await services.hub.updateLog.drain(60000);
    await services.projection.idle();
    results.seedIncrementalMs = ms(t0);
    const { db } = services.database;
    results.overlapsAfterSeed = (await db.select({ id: overlaps.id }).from(overlaps)).length;
    console.error(`seeded ${ACTIVITIES} activities in ${results.seedIncrementalMs} ms (${results.overlapsAfterSeed} overlaps); rebuilding…`);

    t0 = performance.now();
    // The service directly (what POST /api/matrix/rebuild runs), so a slow rebuild is not cut by the HTTP request timeout.
    const quiet = { emit: () => undefined, afterCommit: () => undefined, services: { events: services.events } };
    results.rebuild = await db.transaction((tx) => services.projection.rebuild(tx, quiet));
    results.rebuildMs = ms(t0);

    const rows = (await db.select().from(activityProjection)).map(storedToRow);
    t0 = performance.now();
    const all = detectAllOverlaps(new ActivityIndex(rows));
    results.detectAllInMemoryMs = ms(t0);
    results.detectAllOverlaps = all.length;

    const timed = async (path: string) => {
      const times: number[] = [];
      let count = 0;
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        count = (await call('GET', path, token)).activities.length;
        times.push(performance.now() - s);
      }
      return { rows: count, medianMs: Math.round(quantile(times, 0.5)) };
    };
    results.matrixQuery = {
      unfiltered: await timed('/api/matrix'),
      mandateArea: await timed('/api/matrix?mandateArea=trafficking_in_persons'),
      areaStateDates: await timed('/api/matrix?mandateArea=trafficking_in_persons&stateCode=08&from=2027-01-01&to=2027-06-30'),
      organizationLevel: await timed(`/api/matrix?organizationId=${orgs[0]}&level=federal`),
      // What a live matrix page fetches after one plan's rows changed.
      onePlan: await timed(`/api/matrix?documentId=${docs[0]}`),
    };

    // End to end: a stock y-websocket client adds an activity twinning a seeded one; wait for the overlap row.
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/yjs`, docs[0], doc, { params: { token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    const latencies: number[] = [];
    try {
      for (let e = 0; e < EDITS; e++) {
        const twin = rows[Math.floor(rand() * rows.length)];
        if (!twin.mandateArea || (!twin.stateCodes.length && !twin.municipalityCodes.length)) continue;
        const lead = orgs.find((o) => o !== twin.leadOrganizationId)!;
        const id = `edit-${e}`;
        const s = performance.now();
        insertActivity(doc, { ...twin, id, title: `${twin.title} (réplica)`, leadOrganizationId: lead, mandateArea: twin.mandateArea as Activity['mandateArea'], status: 'planned' });
        for (;;) {
          const found = await db.select({ id: overlaps.id }).from(overlaps).where(and(eq(overlaps.aDocumentId, docs[0]), eq(overlaps.aActivityId, id))).limit(1);
          const foundB = found.length ? found : await db.select({ id: overlaps.id }).from(overlaps).where(and(eq(overlaps.bDocumentId, docs[0]), eq(overlaps.bActivityId, id))).limit(1);
          if (foundB.length) break;
          // Generous: right after the seed, projection pacing spaces passes out by up to 10 s (projectionPacing.ts).
          if (performance.now() - s > 60000) throw new Error(`edit ${e}: no overlap within 60 s`);
          await new Promise((r) => setTimeout(r, 5));
        }
        latencies.push(performance.now() - s);
        await new Promise((r) => setTimeout(r, 350)); // let the plan's debounce window close, so each edit is measured alone
      }
    } finally {
      provider.destroy();
      doc.destroy(); // also stops the awareness interval, which would keep the process alive
    }
    results.editToOverlapMs = { edits: latencies.length, p50: Math.round(quantile(latencies, 0.5)), p95: Math.round(quantile(latencies, 0.95)), max: Math.round(Math.max(...latencies)) };
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await app.close();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
