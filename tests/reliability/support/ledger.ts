/**
 * Editing storms with a ledger: stock y-websocket clients write marked edits continuously; every edit that a
 * `document:saved` state vector covers goes into the ledger, and the ledger is what a crash must not lose.
 */
import * as Y from 'yjs';
import { bodyToPlainText, getBody, insertActivity, readActivities } from '../../../shared/planModel.js';
import { connectYjs, waitSynced, type YClient } from '../../helpers/yjsClient.js';

/** A small seeded PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Write {
  mark: string;
  /** The writer's own clock once this edit was made: covered when the stored vector reaches it. */
  clock: number;
}

/** Every mark a document holds: activity ids and paragraph markers in the body. */
export function marksIn(doc: Y.Doc): Set<string> {
  const marks = new Set(readActivities(doc).map((a) => a.id));
  for (const m of bodyToPlainText(getBody(doc)).matchAll(/¶([\w-]+)¶/g)) marks.add(m[1]);
  return marks;
}

/** One marked edit: mostly a new activity row, sometimes a new paragraph in the body. */
export function writeMark(doc: Y.Doc, mark: string, rnd: () => number): void {
  if (rnd() < 0.8) {
    insertActivity(doc, { id: mark, title: `Actividad ${mark}`, status: 'planned' });
    return;
  }
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(`Nota ¶${mark}¶ de la mesa`)]);
  const body = getBody(doc);
  body.insert(body.length, [paragraph]);
}

/** Marks whose saving the server has announced. */
export class Ledger {
  readonly saved = new Set<string>();
  private writes = new Map<number, Write[]>();

  /** Remembers an edit by a client. */
  record(doc: Y.Doc, mark: string): void {
    const list = this.writes.get(doc.clientID) ?? [];
    list.push({ mark, clock: Y.getState(doc.store, doc.clientID) });
    this.writes.set(doc.clientID, list);
  }

  /** Moves every edit the stored state vector covers into the ledger. */
  cover(stateVectorBase64: string): void {
    const stored = Y.decodeStateVector(new Uint8Array(Buffer.from(stateVectorBase64, 'base64')));
    for (const [clientId, list] of this.writes) {
      const upTo = stored.get(clientId) ?? 0;
      let n = 0;
      while (n < list.length && list[n].clock <= upTo) this.saved.add(list[n++].mark);
      if (n) list.splice(0, n);
    }
  }

  /** Edits written but never announced saved (they may or may not have survived). */
  get unconfirmed(): number {
    let n = 0;
    for (const list of this.writes.values()) n += list.length;
    return n;
  }

  /** Forgets unconfirmed edits of clients that are gone. */
  forgetPending(): void {
    this.writes.clear();
  }
}

/** A few stock clients on one document, each writing a marked edit every `everyMs`. */
export class Storm {
  readonly clients: YClient[] = [];
  private timers: NodeJS.Timeout[] = [];
  written = 0;

  constructor(
    private readonly ledger: Ledger,
    private readonly rnd: () => number,
    private readonly tag: string,
  ) {}

  /** Connects `count` clients and waits until each has synced. */
  async connect(wsUrl: string, documentId: string, token: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) this.clients.push(connectYjs(wsUrl, documentId, token));
    await Promise.all(this.clients.map((c) => waitSynced(c, 20000)));
  }

  /** Starts writing continuously. */
  start(everyMs: number): void {
    this.clients.forEach((client, i) => {
      let n = 0;
      this.timers.push(
        setInterval(() => {
          if (!client.provider.wsconnected) return;
          const mark = `${this.tag}c${i}n${n++}`;
          writeMark(client.doc, mark, this.rnd);
          this.ledger.record(client.doc, mark);
          this.written++;
        }, everyMs),
      );
    });
  }

  /** Stops writing and drops every client (as a crash would leave them). */
  destroy(): void {
    for (const t of this.timers) clearInterval(t);
    for (const c of this.clients) c.destroy();
    this.timers = [];
  }
}
