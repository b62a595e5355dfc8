/** Bookkeeping for the soak: what every client wrote, when it was announced saved, and whether replicas agree. */
import * as Y from 'yjs';

interface Pending {
  mark: string;
  clock: number;
  at: number;
}

/** Per plan: marks written, and per writer the edits still waiting for a covering `document:saved`. */
export class SoakLedger {
  readonly written = new Map<string, Set<string>>();
  readonly latencies: number[] = [];
  private pending = new Map<string, Map<number, Pending[]>>();

  /** Records an edit a client just made to a plan. */
  record(planId: string, doc: Y.Doc, mark: string): void {
    (this.written.get(planId) ?? this.written.set(planId, new Set()).get(planId)!).add(mark);
    const byClient = this.pending.get(planId) ?? this.pending.set(planId, new Map()).get(planId)!;
    const list = byClient.get(doc.clientID) ?? byClient.set(doc.clientID, []).get(doc.clientID)!;
    list.push({ mark, clock: Y.getState(doc.store, doc.clientID), at: Date.now() });
  }

  /** A `document:saved` arrived: every covered edit gets its save latency. */
  cover(planId: string, stateVectorBase64: string): void {
    const byClient = this.pending.get(planId);
    if (!byClient) return;
    const stored = Y.decodeStateVector(new Uint8Array(Buffer.from(stateVectorBase64, 'base64')));
    const now = Date.now();
    for (const [clientId, list] of byClient) {
      const upTo = stored.get(clientId) ?? 0;
      let n = 0;
      while (n < list.length && list[n].clock <= upTo) this.latencies.push(now - list[n++].at);
      if (n) list.splice(0, n);
    }
  }

  /** Edits not yet announced saved. */
  get unsaved(): number {
    let n = 0;
    for (const byClient of this.pending.values()) for (const list of byClient.values()) n += list.length;
    return n;
  }

  /** Edits of one plan not yet announced saved. */
  unsavedIn(planId: string): number {
    let n = 0;
    for (const list of this.pending.get(planId)?.values() ?? []) n += list.length;
    return n;
  }

  /** Total edits written. */
  get total(): number {
    let n = 0;
    for (const s of this.written.values()) n += s.size;
    return n;
  }
}

/** A replica's state vector in a comparable form. */
export function stateKey(doc: Y.Doc): string {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]).map(([c, k]) => `${c}:${k}`).join(',');
}

/** The p-th percentile (0–100) of some numbers. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
