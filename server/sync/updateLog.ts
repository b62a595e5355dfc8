/**
 * The durable update log with group commit: updates queue for a few milliseconds and go into
 * PostgreSQL in one multi-row INSERT. Only when it commits does anything count as saved.
 * A failed commit keeps the batch and retries with backoff: nothing is dropped, order is kept.
 */
import type { Database } from '../../db/client.js';
import { logInserter } from './logInsert.js';

export interface LogEntry {
  documentId: string;
  update: Uint8Array;
  userId: string | null;
  /** Flat [client, clock, …] pairs: where each client's structs end once this update is stored (saves re-parsing it). */
  reach?: number[];
  /** The update opens its author's editing session: an audit entry is written with it, in the same transaction. */
  audit?: EditAudit | undefined;
}

/** Who edited, for the audit entry of an editing session (the actor is the entry's `userId`). */
export interface EditAudit {
  workspaceId: string;
  organizationId: string;
}

export interface CommittedBatch {
  entries: LogEntry[];
  /** The log ids given to the entries, in order. */
  ids: number[];
}

export interface UpdateLogOptions {
  /** How long a batch collects updates while they keep coming (an update after a quiet spell commits at once). */
  groupCommitMs: number;
  /** A gap since the previous update at least this long counts as quiet (default 20 ms). */
  quietMs?: number;
  maxBatch: number;
  /** Called after each commit with the entries it stored and their log ids. */
  onCommit?: (batch: CommittedBatch) => void;
  /** Called when a commit fails (the batch stays queued). */
  onError?: (err: unknown) => void;
  /** Called right before a batch is cut, so callers can snapshot what it covers. */
  onCut?: (batch: LogEntry[], rest: LogEntry[]) => void;
}

/** Group-committing appender of Yjs updates. */
export class UpdateLog {
  private queue: LogEntry[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  /** When the previous update was appended (0: none yet). */
  private lastAppendAt = 0;
  private flushing: Promise<void> | undefined;
  private failures = 0;
  private closed = false;
  /** Time of the last failed commit, for health. */
  lastFailureAt = 0;
  /** Oldest unsaved entry's enqueue time: the durable-save lag. */
  private oldestEnqueuedAt = 0;
  private readonly insert: (batch: LogEntry[]) => Promise<number[]>;
  /** Entries ever appended and ever committed: the queue is FIFO, so a count says how far the log has got. */
  private appended = 0;
  private committed = 0;
  private barriers: { seq: number; resolve: () => void; reject: (err: Error) => void }[] = [];

  constructor(
    db: Database,
    private readonly opts: UpdateLogOptions,
  ) {
    this.insert = logInserter(db);
  }

  /** Bytes of the updates waiting for the database. */
  get pendingBytes(): number {
    return this.queuedBytes;
  }

  /** Entries waiting for the database. */
  get pending(): number {
    return this.queue.length;
  }

  /** Entries of one document waiting for the database. */
  pendingFor(documentId: string): number {
    let n = 0;
    for (const e of this.queue) if (e.documentId === documentId) n++;
    return n;
  }

  /** Milliseconds the oldest unsaved update has waited. */
  get lagMs(): number {
    return this.queue.length ? Date.now() - this.oldestEnqueuedAt : 0;
  }

  /** Whether the last commit failed (database unreachable). */
  get failing(): boolean {
    return this.failures > 0;
  }

  /** Queues an update; `onCommit` reports it once it is stored (no promise per update: thousands a second). */
  append(entry: LogEntry): void {
    // Loud, not silent: the caller (a connection applying an update) closes rather than pretend it will be stored.
    if (this.closed) throw new Error('update log closed');
    if (!this.queue.length) this.oldestEnqueuedAt = Date.now();
    this.queue.push(entry);
    this.appended++;
    this.queuedBytes += entry.update.byteLength;
    // While the database fails, the retry's backoff stands (an update must not turn it into a hammering).
    if (this.failures) return this.kick(this.backoffMs());
    // Waiting only pays when more updates are coming. After a quiet spell (one person typing, a meeting's
    // occasional edit) the update commits at once with whatever arrived in the same I/O phase: no timer, no
    // extra wake-up, half the save latency. A steady stream (many plans, a writer and its echo) still collects
    // for the window: committing each update alone there costs more round trips than the wait. Quiet also
    // means nothing waits: after a long commit held the event loop (embedded PGlite), the first update comes
    // late too, with a backlog behind it.
    const now = Date.now();
    const quiet = this.queue.length === 1 && now - this.lastAppendAt >= (this.opts.quietMs ?? 20);
    this.lastAppendAt = now;
    if (this.queue.length >= this.opts.maxBatch || quiet) this.kick(0);
    else this.kick(this.opts.groupCommitMs);
  }

  private kick(delay: number): void {
    if (this.flushing || this.immediate) return; // the running flush re-kicks when it ends
    if (this.timer && delay > 0) return;
    this.cancelTimer();
    const run = () => {
      this.timer = undefined;
      this.immediate = undefined;
      this.flushing = this.flushOnce().finally(() => {
        this.flushing = undefined;
        if (this.queue.length) this.kick(this.failures ? this.backoffMs() : 0);
      });
    };
    if (delay > 0) this.timer = setTimeout(run, delay);
    else this.immediate = setImmediate(run);
  }

  private backoffMs(): number {
    return Math.min(2000, 50 * 2 ** this.failures);
  }

  private cancelTimer(): void {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private async flushOnce(): Promise<void> {
    const batch = this.queue.slice(0, this.opts.maxBatch);
    if (!batch.length) return;
    this.opts.onCut?.(batch, this.queue.slice(batch.length));
    let ids: number[];
    try {
      ids = await this.insert(batch);
    } catch (err) {
      this.failures++;
      this.lastFailureAt = Date.now();
      this.opts.onError?.(err);
      return;
    }
    this.failures = 0;
    this.queue.splice(0, batch.length);
    for (const e of batch) this.queuedBytes -= e.update.byteLength;
    if (this.queue.length) this.oldestEnqueuedAt = Date.now();
    this.committed += batch.length;
    this.opts.onCommit?.({ entries: batch, ids });
    if (this.barriers.length) this.releaseBarriers();
  }

  /**
   * Resolves once everything appended so far is committed: a server-side change (a restore) is answered only when
   * stored. No promise per update on the hot path; only callers that wait pay for one.
   */
  whenStored(): Promise<void> {
    const seq = this.appended;
    if (this.committed >= seq) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error('update log closed'));
    return new Promise((resolve, reject) => this.barriers.push({ seq, resolve, reject }));
  }

  private releaseBarriers(): void {
    const waiting = this.barriers;
    this.barriers = waiting.filter((b) => b.seq > this.committed);
    for (const b of waiting) if (b.seq <= this.committed) b.resolve();
  }

  /** Waits until everything queued so far is committed (or gives up after timeoutMs). */
  async drain(timeoutMs = 10000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length && Date.now() < deadline) {
      this.cancelTimer();
      if (!this.flushing) {
        this.flushing = this.flushOnce().finally(() => (this.flushing = undefined));
      }
      // A commit hanging on the database must not hold the caller past its deadline (shutdown has 10 s in all).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.flushing, new Promise((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now()))))]);
      clearTimeout(timer);
      if (this.failures) await new Promise((r) => setTimeout(r, 100));
    }
    return this.queue.length === 0;
  }

  /** Stops accepting; call drain() first. */
  close(): void {
    this.closed = true;
    this.cancelTimer();
    for (const b of this.barriers) b.reject(new Error('update log closed before the change was stored'));
    this.barriers = [];
  }
}
