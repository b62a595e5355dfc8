/** Throughput: writers type flat out into their own paragraph; an observer counts what the server applied and relayed. */
import * as Y from 'yjs';
import { connectClient, connectMany, type BenchClient, type Target } from './connect.js';
import { contentDigest, now, sleep, waitUntil, yieldLoop, type Handler } from './common.js';
import { getBody } from '../../shared/planModel.js';

interface Writer {
  client: BenchClient;
  text: Y.XmlText;
  sent: number;
}

const BACKLOG_LIMIT = 64 * 1024;
let writers: Writer[] = [];
let observer: BenchClient | null = null;
let observed: { count: number; timeline: Array<[number, number]> } = { count: 0, timeline: [] };

/** Characters typed into each writer's paragraph (keyed by its data-bench tag): one per applied writer update. */
function typedPerParagraph(doc: Y.Doc): Record<string, number> {
  const out: Record<string, number> = {};
  for (const el of getBody(doc).toArray()) {
    const tag = el instanceof Y.XmlElement ? el.getAttribute('data-bench') : undefined;
    const text = tag !== undefined ? (el as Y.XmlElement).get(0) : undefined;
    if (tag !== undefined && text instanceof Y.XmlText) out[String(tag)] = text.length;
  }
  return out;
}

/** Sum of the text lengths of all typed paragraphs. */
function typedChars(doc: Y.Doc): number {
  return Object.values(typedPerParagraph(doc)).reduce((n, c) => n + c, 0);
}

/** Connects writers; each adds its own paragraph (one setup update) to type into. */
const connectWriters = async (args: { target: Target; doc: string; count: number; tag: string }): Promise<number> => {
  const clients = await connectMany(args.target, Array(args.count).fill(args.doc), { awareness: false });
  writers = clients.map((client, i) => {
    const para = new Y.XmlElement('paragraph');
    para.setAttribute('data-bench', `${args.tag}-${i}`);
    const text = new Y.XmlText();
    para.insert(0, [text]);
    const body = getBody(client.doc);
    body.insert(body.length, [para]);
    return { client, text, sent: 0 };
  });
  return writers.length;
};

/** Every writer types one character per update, as fast as its socket drains, until `endAt`. */
const runWriters = async (args: { startAt: number; endAt: number; rate: number }) => {
  await sleep(Math.max(0, args.startAt - now()));
  await Promise.all(
    writers.map(async (w) => {
      while (now() < args.endAt) {
        const sliceEnd = performance.now() + 2;
        // With a rate cap, write only what is due; flat out, write while the socket drains. Not while it is closed:
        // the provider sends nothing then, and a writer typed ~30,000 characters a second into its own document.
        const due = args.rate > 0 ? ((now() - args.startAt) * args.rate) / 1000 : Infinity;
        while (performance.now() < sliceEnd && w.sent < due && w.client.open() && w.client.bufferedAmount() < BACKLOG_LIMIT) {
          w.text.insert(w.text.length, 'x');
          w.sent++;
        }
        if (args.rate > 0) await sleep(5);
        else await yieldLoop();
      }
    }),
  );
  return { sent: writers.reduce((n, w) => n + w.sent, 0), closes: writers.flatMap((w) => w.client.closeCodes) };
};

/** Connects the observer, which records how many typed characters it has seen over time. */
const connectObserver = async (args: { target: Target; doc: string }): Promise<void> => {
  const client = connectClient(args.target, args.doc, { awareness: false });
  await client.synced;
  observer = client;
  observed = { count: typedChars(client.doc), timeline: [] };
  client.doc.on('update', () => {
    observed.count = typedChars(client.doc);
  });
};

/** Samples the observer's count every 100 ms until `endAt`, then waits for `total` (drain). */
const observe = async (args: { startAt: number; endAt: number }) => {
  const timeline: Array<[number, number]> = [];
  await sleep(Math.max(0, args.startAt - now()));
  while (now() < args.endAt) {
    timeline.push([now(), observed.count]);
    await sleep(100);
  }
  timeline.push([now(), observed.count]);
  return { timeline };
};

/** Waits until the observer has seen `total` characters; reports when. */
const drain = async (args: { total: number; timeoutMs: number }) => {
  const ok = await waitUntil(() => observed.count >= args.total, args.timeoutMs, 10);
  return { ok, at: now(), count: observed.count, closes: observer?.closeCodes ?? [] };
};

/** Content digests of every client in this generator, for the convergence check. */
const digests = async (): Promise<string[]> => {
  const all = [...writers.map((w) => w.client), ...(observer ? [observer] : [])];
  return all.map((c) => contentDigest(c.doc));
};

/** Each writer's connection state, for a run that does not drain (which writer is stuck, and why). */
const writerStates = async () =>
  writers.map((w) => ({ tag: String((w.text.parent as Y.XmlElement).getAttribute('data-bench')), sent: w.sent, closes: w.client.closeCodes.join(' '), buffered: w.client.bufferedAmount(), chars: w.text.length }));

/** Typed characters per paragraph as the observer has them, and as a freshly synced client gets them from the server. */
const compareWithFresh = async (args: { target: Target; doc: string }) => {
  const fresh = connectClient(args.target, args.doc, { awareness: false });
  await fresh.synced;
  const mine = observer ? typedPerParagraph(observer.doc) : {};
  const theirs = typedPerParagraph(fresh.doc);
  const freshPending = fresh.doc.store.pendingStructs !== null;
  fresh.destroy();
  const differing = Object.keys(theirs).filter((k) => theirs[k] !== mine[k]).map((k) => `${k}: observer ${mine[k]}, server ${theirs[k]}`);
  return { differing, observerPending: observer?.doc.store.pendingStructs != null, freshPending, server: theirs };
};

export const throughputHandlers: Record<string, Handler> = {
  'throughput.compareWithFresh': compareWithFresh,
  'throughput.writerStates': writerStates,
  'throughput.connectWriters': connectWriters,
  'throughput.runWriters': runWriters,
  'throughput.connectObserver': connectObserver,
  'throughput.observe': observe,
  'throughput.drain': drain,
  'throughput.digests': digests,
};
