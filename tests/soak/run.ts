/**
 * `npm run soak`: 1,000 stock y-websocket clients across 100 plans edit for 60 s against a server process.
 * Then every plan must converge, every edit must be announced saved, and after a kill -9 and restart the
 * stored state must equal every client's state with zero lost edits. Prints figures; exits 1 on any loss.
 * Knobs: SOAK_CLIENTS, SOAK_PLANS, SOAK_SECONDS, SOAK_EDIT_MS (mean gap between one client's edits),
 * SOAK_SEED, and DATABASE_URL to soak PostgreSQL instead of embedded PGlite.
 */
import { readFileSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readPlanContent } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { metric } from '../helpers/metrics.js';
import { tempDir } from '../helpers/server.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { io, type Socket } from 'socket.io-client';
import { connectYjs, waitSynced, type YClient } from '../helpers/yjsClient.js';
import { marksIn, seeded, writeMark } from '../reliability/support/ledger.js';
import { percentile, SoakLedger, stateKey } from './soakLedger.js';

process.setMaxListeners(0); // each stock provider adds a process 'exit' listener

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CLIENTS = num('SOAK_CLIENTS', 1000);
const PLANS = num('SOAK_PLANS', 100);
const SECONDS = num('SOAK_SECONDS', 60);
const EDIT_MS = num('SOAK_EDIT_MS', 2000);
const SEED = num('SOAK_SEED', 20270);
const WORKSPACES = Math.max(1, Math.ceil(PLANS / 10));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) * 1024;
}

async function until(pred: () => boolean, timeoutMs: number, what: string, progress?: () => Promise<string>): Promise<number> {
  const started = Date.now();
  let reported = started;
  while (!pred()) {
    if (Date.now() - started > timeoutMs) throw new Error(`soak: timed out waiting for ${what}${progress ? ` (${await progress()})` : ''}`);
    if (progress && Date.now() - reported > 10000) {
      reported = Date.now();
      console.log(`soak: waiting for ${what}: ${await progress()}`);
    }
    await sleep(250);
  }
  return Date.now() - started;
}

/**
 * A Socket.IO client for a working group's `document:saved` events that rejoins after any reconnect (an
 * overloaded server can miss a ping); resolves once joined.
 */
async function savedEvents(url: string, token: string, workspaceId: string, onSaved: (p: { documentId: string; stateVector: string }) => void, onReconnect: () => void): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true });
  socket.on('document:saved', onSaved);
  let joins = 0;
  const joined = new Promise<void>((resolve) =>
    socket.on('connect', () => {
      if (joins++) onReconnect();
      void socket.timeout(10000).emitWithAck('workspace:join', { workspaceId }).then(() => resolve(), () => socket.disconnect().connect());
    }),
  );
  await joined;
  return socket;
}

interface Plan {
  id: string;
  workspaceId: string;
  clients: YClient[];
}

async function main(): Promise<void> {
  const rnd = seeded(SEED);
  const dataDir = process.env.DATABASE_URL ? undefined : tempDir('enlace-soak-');
  const env: Record<string, string> = dataDir ? { DATA_DIR: dataDir } : { DATABASE_URL: process.env.DATABASE_URL ?? '' };
  let proc: ServerProcess = await startServerProcess(env);
  const port = proc.port;
  console.log(`soak: ${CLIENTS} clients, ${PLANS} plans in ${WORKSPACES} working groups, ${SECONDS} s, one edit per client every ~${EDIT_MS} ms, ${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`);

  // Three people per working group; every plan gets its share of the clients.
  const world = await createWorld(proc.url);
  const plans: Plan[] = [];
  const tokens = new Map<string, string[]>();
  for (let w = 0; w < WORKSPACES; w++) {
    const lead = await world.user(`Facilitadora ${w}`, 'UNODC');
    const workspaceId = await world.workspace(lead.api, `Mesa ${w}`);
    const people = [lead.api.token!];
    for (const org of ['SSPC', 'FGR']) {
      const member = await world.user(`Integrante ${w} ${org}`, org);
      await world.addMember(workspaceId, lead.api, member.id, 'member');
      people.push(member.api.token!);
    }
    tokens.set(workspaceId, people);
    for (let p = w; p < PLANS; p += WORKSPACES) plans.push({ id: await world.document(lead.api, workspaceId, 'work_plan'), workspaceId, clients: [] });
  }

  const ledger = new SoakLedger();
  const events: Socket[] = [];
  let reconnects = 0;
  for (const [workspaceId, people] of tokens) {
    events.push(await savedEvents(proc.url, people[0], workspaceId, (p) => ledger.cover(p.documentId, p.stateVector), () => reconnects++));
  }

  const connectStart = Date.now();
  for (let i = 0; i < CLIENTS; i += 50) {
    const batch: YClient[] = [];
    for (let j = i; j < Math.min(CLIENTS, i + 50); j++) {
      const plan = plans[j % plans.length];
      const people = tokens.get(plan.workspaceId)!;
      const client = connectYjs(proc.wsUrl, plan.id, people[j % people.length]);
      plan.clients.push(client);
      batch.push(client);
    }
    await Promise.all(batch.map((c) => waitSynced(c, 60000)));
  }
  console.log(`soak: ${CLIENTS} clients connected and synced in ${((Date.now() - connectStart) / 1000).toFixed(1)} s`);

  const pid = proc.child.pid!;
  const rssStart = rssOf(pid);
  let rssPeak = rssStart;
  // The server's own view of save latency: the age of its oldest update not yet stored, sampled each second.
  const serverLag: number[] = [];
  let stopAt = Number.POSITIVE_INFINITY;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssOf(pid));
    if (Date.now() < stopAt) void metric(proc.url, 'enlace_durable_save_lag_seconds').then((s) => serverLag.push(s * 1000), () => undefined);
  }, 1000);
  const appliedBefore = await metric(proc.url, 'enlace_updates_applied_total');

  // The clients share this process: its own delay is part of every latency it measures.
  const clientLoop = monitorEventLoopDelay({ resolution: 10 });
  clientLoop.enable();
  // The storm: each client edits at random intervals around EDIT_MS, and moves its caret (awareness).
  const editStart = Date.now();
  stopAt = editStart + SECONDS * 1000;
  const timers: NodeJS.Timeout[] = [];
  plans.forEach((plan, p) =>
    plan.clients.forEach((client, c) => {
      let n = 0;
      const next = () => {
        if (Date.now() >= stopAt) return;
        const mark = `p${p}c${c}n${n++}`;
        writeMark(client.doc, mark, rnd);
        ledger.record(plan.id, client.doc, mark);
        client.provider.awareness.setLocalStateField('cursor', { mark });
        timers.push(setTimeout(next, EDIT_MS * (0.5 + rnd())));
      };
      timers.push(setTimeout(next, rnd() * EDIT_MS));
    }),
  );
  await sleep(SECONDS * 1000);
  timers.forEach(clearTimeout);
  const editSeconds = (Date.now() - editStart) / 1000;
  const appliedAfter = await metric(proc.url, 'enlace_updates_applied_total');

  // A save announced while an events socket was reconnecting is missed; one closing edit per such plan gets
  // a fresh announcement, which covers everything stored for that plan.
  await sleep(3000);
  for (const plan of plans) {
    if (!ledger.unsavedIn(plan.id)) continue;
    const client = plan.clients[0];
    writeMark(client.doc, `cierre-${plan.id}`, rnd);
    ledger.record(plan.id, client.doc, `cierre-${plan.id}`);
  }
  const convergeMs = await until(() => plans.every((plan) => new Set(plan.clients.map((c) => stateKey(c.doc))).size === 1), 180000, 'every plan to converge');
  const savedMs = await until(() => ledger.unsaved === 0, 120000, 'every edit to be announced saved', async () =>
    `${ledger.unsaved} edits unconfirmed, server queue ${await metric(proc.url, 'enlace_unsaved_updates')}, event sockets connected ${events.filter((s) => s.connected).length}/${events.length}`);
  clearInterval(sampler);
  clientLoop.disable();
  const rssEnd = rssOf(pid);
  const lagP99 = await metric(proc.url, 'enlace_event_loop_delay_p99_seconds');

  // Stored state: crash the server, start it again, and read each plan with a fresh client.
  const expected = plans.map((plan) => ({ marks: marksIn(plan.clients[0].doc), content: JSON.stringify(readPlanContent(plan.clients[0].doc)) }));
  let divergent = 0;
  plans.forEach((plan, i) => plan.clients.forEach((c) => (divergent += JSON.stringify(readPlanContent(c.doc)) === expected[i].content ? 0 : 1)));
  plans.forEach((plan) => plan.clients.forEach((c) => c.destroy()));
  events.forEach((s) => s.close());
  await proc.kill('SIGKILL');
  proc = await startServerProcess(env, port);
  let lost = 0;
  let storedDiffers = 0;
  for (let i = 0; i < plans.length; i += 20) {
    await Promise.all(
      plans.slice(i, i + 20).map(async (plan, k) => {
        const token = tokens.get(plan.workspaceId)![0];
        const fresh = connectYjs(proc.wsUrl, plan.id, token);
        await waitSynced(fresh, 60000);
        const stored = marksIn(fresh.doc);
        for (const mark of ledger.written.get(plan.id) ?? []) if (!stored.has(mark)) lost++;
        if (JSON.stringify(readPlanContent(fresh.doc)) !== expected[i + k].content) storedDiffers++;
        fresh.destroy();
      }),
    );
  }
  await proc.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true }); // ~120 MB of PGlite files per run

  const lat = ledger.latencies;
  const figures = {
    clients: CLIENTS,
    plans: PLANS,
    edits: ledger.total,
    'edits/s': Math.round(ledger.total / editSeconds),
    'server updates applied/s': Math.round((appliedAfter - appliedBefore) / editSeconds),
    'save latency p50 (ms, edit to announcement, seen by clients)': percentile(lat, 50),
    'save latency p99 (ms, seen by clients)': percentile(lat, 99),
    'save latency max (ms)': percentile(lat, 100),
    'server oldest-unsaved age p50 / p99 / max (ms)': `${Math.round(percentile(serverLag, 50))} / ${Math.round(percentile(serverLag, 99))} / ${Math.round(percentile(serverLag, 100))}`,
    'converged after stop + 3 s settle (ms)': convergeMs,
    'all saved after converge (ms)': savedMs,
    'events socket reconnects': reconnects,
    'server RSS start / peak / end': `${mb(rssStart)} / ${mb(rssPeak)} / ${mb(rssEnd)}`,
    'server event-loop delay p99 (ms)': Math.round(lagP99 * 1000),
    'client process event-loop delay p99 (ms)': Math.round(clientLoop.percentile(99) / 1e6),
    'replicas differing from their plan': divergent,
    'plans whose stored state differs': storedDiffers,
    'lost edits': lost,
  };
  console.table(figures);
  const ok = lost === 0 && divergent === 0 && storedDiffers === 0 && lat.length === ledger.total;
  console.log(ok ? 'soak: OK — converged, all saved, stored equals every client, zero lost edits' : 'soak: FAILED');
  process.exit(ok ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
