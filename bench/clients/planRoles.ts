/** Plan building and joining: a builder writes a large or many-edit plan, a holder keeps it loaded, joiners time their sync. */
import * as Y from 'yjs';
import { connectClient, connectMany, type BenchClient, type Target } from './connect.js';
import { contentDigest, covers, now, sleep, waitUntil, yieldLoop, type Handler } from './common.js';
import { getBody, insertActivity } from '../../shared/planModel.js';

const BACKLOG_LIMIT = 256 * 1024;
const kept: BenchClient[] = [];

/** A small seeded PRNG so every server gets the same plan. */
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

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

async function drainSocket(client: BenchClient, maxRate: number, sentSince: { n: number; t: number }): Promise<void> {
  while (client.bufferedAmount() >= BACKLOG_LIMIT) await sleep(1);
  if (maxRate > 0) {
    const ahead = sentSince.n / maxRate - (now() - sentSince.t) / 1000;
    if (ahead > 0) await sleep(ahead * 1000);
  } else {
    await yieldLoop();
  }
}

/** One author's share of a many-edit plan: its own paragraphs and activity, `edits` single-edit updates. */
async function author(client: BenchClient, index: number, edits: number, maxRate: number): Promise<void> {
  const rand = rng(42 + index);
  const body = getBody(client.doc);
  const own: Y.XmlText[] = [];
  let row: Y.Map<unknown> | null = null;
  const addParagraph = (): void => {
    const p = paragraph('');
    body.insert(Math.floor(rand() * (body.length + 1)), [p]);
    own.push(p.get(0) as Y.XmlText);
  };
  client.doc.transact(() => {
    addParagraph();
    row = insertActivity(client.doc, { id: `bench-a${index}`, title: `Activity ${index}` });
  });
  const pace = { n: 0, t: now() };
  for (let i = 0; i < edits; i++) {
    const r = rand();
    const text = own[Math.floor(rand() * own.length)];
    if (r < 0.85) text.insert(Math.floor(rand() * (text.length + 1)), 'abcdefghij'.slice(0, 1 + Math.floor(rand() * 3)));
    else if (r < 0.95 && text.length > 0) text.delete(Math.floor(rand() * text.length), 1);
    else if (r < 0.99) (row as Y.Map<unknown> | null)?.set('target', `target ${i}`);
    else addParagraph();
    pace.n++;
    if (i % 20 === 19) await drainSocket(client, maxRate, pace);
  }
}

/** Builds a plan from `edits` small edits (each its own update) by `authors` concurrent clients. */
const buildSmall = async (args: { target: Target; doc: string; edits: number; authors: number; maxRate: number }) => {
  const clients = await connectMany(args.target, Array(args.authors).fill(args.doc), { awareness: false });
  kept.push(...clients);
  const started = now();
  const share = Math.ceil(args.edits / args.authors);
  await Promise.all(clients.map((c, i) => author(c, i, Math.min(share, args.edits - i * share), args.maxRate)));
  for (const c of clients) while (c.bufferedAmount() > 0) await sleep(5);
  // Every author must hold the whole plan before its state is the reference.
  const svs = clients.map((c) => Y.decodeStateVector(Y.encodeStateVector(c.doc)));
  const merged = new Map<number, number>();
  for (const sv of svs) for (const [k, v] of sv) merged.set(k, Math.max(v, merged.get(k) ?? 0));
  await waitUntil(() => clients.every((c) => covers(c.doc, merged)), 300_000, 50);
  return finishBuild(clients[0], started, clients.flatMap((c) => c.closeCodes));
};

/** Builds a plan of about `megabytes` MB: paragraphs of 10 kB, `chunkKb` per update, plus 50 activities. */
const buildLarge = async (args: { target: Target; doc: string; megabytes: number; chunkKb: number; maxRate: number }) => {
  const client = connectClient(args.target, args.doc, { awareness: false });
  kept.push(client);
  await client.synced;
  const rand = rng(7);
  const body = getBody(client.doc);
  const letters = 'abcdefghijklmnopqrstuvwxyz     ';
  const para = (): string => Array.from({ length: 10_000 }, () => letters[Math.floor(rand() * letters.length)]).join('');
  const total = Math.round((args.megabytes * 1e6) / 10_000);
  const perUpdate = Math.max(1, Math.round((args.chunkKb * 1000) / 10_000));
  const pace = { n: 0, t: now() };
  const started = now();
  client.doc.transact(() => {
    for (let i = 0; i < 50; i++) insertActivity(client.doc, { id: `bench-a${i}`, title: `Activity ${i}`, target: para().slice(0, 200) });
  });
  for (let done = 0; done < total; done += perUpdate) {
    const batch = Array.from({ length: Math.min(perUpdate, total - done) }, () => paragraph(para()));
    body.insert(body.length, batch);
    pace.n++;
    await drainSocket(client, args.maxRate, pace);
  }
  return finishBuild(client, started, client.closeCodes);
};

async function finishBuild(client: BenchClient, started: number, closes: number[]) {
  while (client.bufferedAmount() > 0) await sleep(5);
  return {
    stateVector: Y.encodeStateVector(client.doc),
    digest: contentDigest(client.doc),
    bytes: Y.encodeStateAsUpdate(client.doc).byteLength,
    buildMs: now() - started,
    closes,
  };
}

/** Connects a client that stays connected (keeps the document loaded) until `release`. */
const hold = async (args: { target: Target; doc: string }): Promise<void> => {
  const client = connectClient(args.target, args.doc, { awareness: false });
  kept.push(client);
  await client.synced;
};

/** Waits until every kept client holds `stateVector`; returns whether they did within `timeoutMs`. */
const waitCovered = async (args: { stateVector: Uint8Array; timeoutMs: number }): Promise<boolean> => {
  const sv = Y.decodeStateVector(args.stateVector);
  return waitUntil(() => kept.every((c) => covers(c.doc, sv)), args.timeoutMs, 50);
};

/**
 * Opens `count` fresh clients at once; times each to `synced` and checks it holds `stateVector`. `arrived`: when each
 * received the plan's content (its first message of ≥ 64 kB; NaN if none came), from the same start.
 */
const join = async (args: { target: Target; doc: string; count: number; stateVector: Uint8Array; digest?: string; keep: boolean }) => {
  const sv = Y.decodeStateVector(args.stateVector);
  const start = now();
  const clients = Array.from({ length: args.count }, () => connectClient(args.target, args.doc, { awareness: false, timeline: true }));
  const times = await Promise.all(clients.map((c) => c.synced.then(() => now() - start)));
  const arrived = Float64Array.from(clients, (c) => (c.timeline?.bigMessageAt ?? NaN) - start);
  const complete = clients.filter((c) => covers(c.doc, sv)).length;
  const digestOk = args.digest === undefined || clients.every((c) => contentDigest(c.doc) === args.digest);
  if (args.keep) kept.push(...clients);
  else for (const c of clients) c.destroy();
  return { times: Float64Array.from(times), arrived, complete, digestOk, closes: clients.flatMap((c) => c.closeCodes) };
};

/** Disconnects every kept client. */
const release = async (): Promise<void> => {
  for (const c of kept.splice(0)) c.destroy();
};

export const planHandlers: Record<string, Handler> = {
  'plan.buildSmall': buildSmall,
  'plan.buildLarge': buildLarge,
  'plan.hold': hold,
  'plan.waitCovered': waitCovered,
  'plan.join': join,
  'plan.release': release,
};
