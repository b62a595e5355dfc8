/**
 * The document hub: loads each document once (single-flight), wires updates into the durable log,
 * announces what is saved, shares updates with other nodes, has logs folded in the background
 * (compactionScheduler), and unloads idle documents. Never stores anything it did not receive: a failed
 * load registers nothing.
 */
import { EventEmitter } from 'node:events';
import * as Y from 'yjs';
import type { Database, Executor } from '../../db/client.js';
import type { Limits } from '../../shared/constants.js';
import type { ClusterBus } from './clusterBus.js';
import { answerAwarenessQuery, applyRemoteAwareness, dropAwarenessOfNodesBut } from './awarenessRelay.js';
import { CompactionScheduler } from './compactionScheduler.js';
import { docFromState, readStoredState, storedStateReader, type StoredStateReader } from './documentStore.js';
import type { FoldInput, FoldOutput } from './stateFold.js';
import { LiveDocument, LOAD_ORIGIN, ServerOrigin } from './liveDocument.js';
import { PendingWatch, REMOTE_WITH_PENDING } from './pendingWatch.js';
import { CLOSE } from './protocol.js';
import { ReturningClients } from './returningClients.js';
import { SyncConnection } from './syncConnection.js';
import { UpdateLog, type LogEntry } from './updateLog.js';

/** How long a clean shutdown may spend flushing the log (the process has 10 s to stop; folding is `limits.shutdownCompactionMs`). */
const SHUTDOWN_DRAIN_MS = 6000;

export interface HubEvents {
  /** A document's updates up to `live.savedStateVector` are stored (encoded only if a listener reads it). */
  saved: [{ documentId: string; workspaceId: string; live: LiveDocument; logPosition: number }];
}

export interface HubOptions {
  db: Database;
  limits: Limits;
  bus: ClusterBus;
  /** Resolves a document's workspace; undefined when the document does not exist. */
  workspaceOf(documentId: string): Promise<string | undefined>;
  log?: { error(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void };
  /** Where compaction folds stored states (the server: a worker thread for large plans); default this thread. */
  fold?: (input: FoldInput) => Promise<FoldOutput>;
  /** How a plan's stored state is read when it is loaded (the server: binary COPY on PostgreSQL); default a query on `db`. */
  readState?: StoredStateReader;
  /**
   * A returning client resent content (its sync step 2, applied): `vector` is the base it was made on (its step 1).
   * The server: edits made on a base older than a restore go to that restore's backup (versions/staleBaseEdits).
   */
  onResent?(conn: SyncConnection, vector: Map<number, number>, resent: Uint8Array): void;
}

export class DocumentHub extends EventEmitter<HubEvents> {
  readonly documents = new Map<string, LiveDocument>();
  private returning = new ReturningClients();
  readonly updateLog: UpdateLog;
  private loading = new Map<string, Promise<LiveDocument>>();
  private pending = new PendingWatch();
  private connections = new Set<SyncConnection>();
  private compaction: CompactionScheduler;
  private unsubscribers = new Map<string, () => void>();
  updatesApplied = 0;
  /** Live copies dropped after a change failed halfway (see `discard`). */
  documentsDiscarded = 0;
  // One heartbeat timer for every connection instead of one per connection (memory at 2,000 sockets).
  private heartbeat: NodeJS.Timeout;
  private readonly readState: StoredStateReader;

  constructor(private readonly opts: HubOptions) {
    super();
    this.readState = opts.readState ?? storedStateReader(opts.db, undefined);
    this.heartbeat = setInterval(() => this.connections.forEach((c) => c.heartbeat()), 30000);
    this.heartbeat.unref();
    this.compaction = new CompactionScheduler({ db: opts.db, limits: opts.limits, fold: opts.fold, log: opts.log, isCurrent: (live) => this.documents.get(live.id) === live });
    this.updateLog = new UpdateLog(opts.db, {
      groupCommitMs: opts.limits.groupCommitMs,
      maxBatch: opts.limits.groupCommitMaxUpdates,
      onCommit: ({ entries, ids }) => this.afterCommit(entries, ids),
      onError: (err) => opts.log?.error({ err }, 'update log commit failed; will retry'),
    });
    opts.bus.onNodesAlive((nodes) => dropAwarenessOfNodesBut(this.documents.values(), nodes));
    opts.bus.onControl((m) => {
      if (m.type === 'revoke') this.closeWhere((c) => c.identity.userId === m.userId && (!m.workspaceId || c.workspaceId === m.workspaceId) && (!m.sessionHash || c.identity.sessionHash === m.sessionHash), m.sessionHash ? CLOSE.unauthenticated : CLOSE.forbidden, m.reason);
    });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Loads a document once, however many callers ask at the same time. */
  acquire(documentId: string, workspaceId?: string): Promise<LiveDocument> {
    const live = this.documents.get(documentId);
    if (live) return Promise.resolve(live);
    let pending = this.loading.get(documentId);
    if (!pending) {
      pending = this.load(documentId, workspaceId).finally(() => this.loading.delete(documentId));
      this.loading.set(documentId, pending);
    }
    return pending;
  }

  private async load(documentId: string, knownWorkspaceId: string | undefined): Promise<LiveDocument> {
    // A socket's admission has just read the plan's working group (a plan never changes group); others ask.
    const workspaceId = knownWorkspaceId ?? (await this.opts.workspaceOf(documentId));
    if (!workspaceId) throw new Error(`document ${documentId} does not exist`);
    // Subscribe before reading so nothing published in between is missed; buffer until loaded.
    const early: Uint8Array[] = [];
    let target: LiveDocument | undefined;
    const unsubscribe = await this.opts.bus.subscribeDocument(documentId, {
      onUpdate: (u) => {
        if (!target) return void early.push(u);
        this.applyRemote(target, [u]);
        // Another node's edit as received (not a catch-up, which re-reads everything stored, this node's own changes too).
        target.incoming(u);
      },
      onAwareness: (u, from) => target && applyRemoteAwareness(target, u, from),
      onAwarenessQuery: () => target && answerAwarenessQuery(this.opts.bus, target),
      onGap: () => target && void this.catchUp(target),
    });
    try {
      const state = await this.readState(documentId);
      // Only a compacted snapshot stored (the usual case after compaction or a clean restart): load lazily,
      // so a fresh joiner gets those bytes at once. With a log tail, apply everything now.
      const lazy = state.logCount === 0 && state.updates.length === 1;
      const doc = lazy ? new Y.Doc({ guid: documentId }) : docFromState(state, documentId);
      const bus = this.opts.bus;
      const publishAwareness = bus.state === 'disabled' ? undefined : (update: Uint8Array, userId: string) => bus.publishAwareness(documentId, update, userId);
      const live = new LiveDocument(documentId, workspaceId, doc, { maxMs: this.opts.limits.awarenessTickMs, perPeerMs: this.opts.limits.awarenessTickPerPeerMs }, publishAwareness);
      live.logPosition = state.logPosition;
      live.logLength = state.logCount;
      live.storedBytes = state.updates.reduce((n, u) => n + u.byteLength, 0);
      if (lazy) live.setStoredState(state.updates[0]);
      else {
        live.setStoredClocks(Y.decodeStateVector(Y.encodeStateVector(doc)));
      }
      doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => this.onDocumentUpdate(live, update, origin, tr));
      for (const u of early) Y.applyUpdate(live.doc, u, 'remote');
      target = live;
      // Carets held on other nodes would otherwise show here only when their clients renew them (every 15 s).
      if (this.opts.bus.state !== 'disabled') this.opts.bus.queryAwareness(documentId);
      this.documents.set(documentId, live);
      this.unsubscribers.set(documentId, unsubscribe);
      this.scheduleUnload(live);
      return live;
    } catch (err) {
      unsubscribe();
      throw err;
    }
  }

  /** Applies updates already stored (another node's, or re-read); a failure inside Yjs drops the live copy (see `discard`). */
  private applyRemote(live: LiveDocument, updates: Uint8Array[]): void {
    const origin = this.pending.begin(live.doc);
    try {
      live.doc.transact(() => updates.forEach((u) => Y.applyUpdate(live.doc, u, origin)), origin);
    } catch (err) {
      this.discard(live, err);
    }
  }

  /** Re-reads stored state after a gap in the cross-node stream; Yjs ignores what it already has. */
  private async catchUp(live: LiveDocument): Promise<void> {
    let updates: Uint8Array[];
    try {
      updates = (await this.readState(live.id)).updates;
    } catch (err) {
      this.opts.log?.warn({ err, documentId: live.id }, 'catch-up after stream gap failed');
      return;
    }
    this.applyRemote(live, updates);
  }

  private onDocumentUpdate(live: LiveDocument, update: Uint8Array, origin: unknown, tr: Y.Transaction): void {
    if (origin === LOAD_ORIGIN) return; // the stored state itself (its clocks are known from the load)
    this.updatesApplied++;
    let userId: string | null;
    if (origin instanceof SyncConnection) userId = origin.identity.userId;
    else if (origin instanceof ServerOrigin) userId = origin.userId;
    // Stored again, with what waited in it (see applyRemote); only when something that waited went in: while an edit
    // that never can waits (a client's reference to nothing), every update from other nodes would be logged twice.
    else if (origin === REMOTE_WITH_PENDING && this.pending.changed(live.doc)) userId = null;
    else {
      // Received from another node (or re-read from storage): already durable, so already saved.
      live.markStored(update);
      return;
    }
    this.updateLog.append({ documentId: live.id, update, userId, reach: reachOf(tr) });
  }

  private afterCommit(entries: LogEntry[], ids: number[]): void {
    const byDoc = new Map<string, { entries: LogEntry[]; maxId: number }>();
    entries.forEach((e, i) => {
      const g = byDoc.get(e.documentId) ?? { entries: [], maxId: 0 };
      g.entries.push(e);
      g.maxId = Math.max(g.maxId, ids[i]);
      byDoc.set(e.documentId, g);
    });
    for (const [documentId, g] of byDoc) {
      this.opts.bus.publishUpdates(documentId, g.entries.map((e) => e.update));
      const live = this.documents.get(documentId);
      if (!live) continue;
      live.logPosition = Math.max(live.logPosition, g.maxId);
      live.logLength += g.entries.length;
      for (const e of g.entries) live.storedBytes += e.update.byteLength;
      // The log is first in, first out, and each client's updates reach it in clock order: what is stored is
      // exactly what this and earlier commits hold. Announce it at every commit, also while later updates of
      // the plan still wait (under a backlog they always do, and saves went unannounced until it cleared).
      for (const e of g.entries) {
        if (e.reach) live.markStoredUpTo(e.reach);
        else live.markStored(e.update);
      }
      this.emit('saved', { documentId, workspaceId: live.workspaceId, live, logPosition: live.logPosition });
      if (live.logLength >= this.opts.limits.compactAfterUpdates) this.compaction.soon(live);
    }
  }

  /**
   * A reconnecting client has resent what it has. When all of it was stored before (say, just before a crash), no
   * commit follows to tell it so: announce what is stored again. Either way its page may join its group's events
   * only now, after any such announcement: `returning` lets the join tell it (see `returningSince`).
   */
  returningSynced(conn: SyncConnection, vector: Map<number, number>, resent?: Uint8Array): void {
    const live = conn.live;
    if (this.documents.get(live.id) !== live) return;
    this.returning.note(conn.identity.userId, live.id, live.workspaceId);
    if (live.storedCovers(vector)) this.emit('saved', { documentId: live.id, workspaceId: live.workspaceId, live, logPosition: live.logPosition });
    if (resent) this.opts.onResent?.(conn, vector, resent);
  }

  /** Plans of a group that this person's clients resynced in the last seconds, still loaded here. */
  returningSince(userId: string, workspaceId: string): LiveDocument[] {
    const found: LiveDocument[] = [];
    for (const documentId of this.returning.plansOf(userId, workspaceId)) {
      const live = this.documents.get(documentId);
      if (live?.materialized) found.push(live);
    }
    return found;
  }

  /** Registers an authorized WebSocket as a sync connection. */
  attach(conn: SyncConnection): void {
    this.connections.add(conn);
    if (conn.live.unloadTimer) {
      clearTimeout(conn.live.unloadTimer);
      conn.live.unloadTimer = undefined;
    }
    conn.start();
  }

  /** Called by a connection when it ends. */
  detach(conn: SyncConnection): void {
    this.connections.delete(conn);
    if (!conn.live.peers.size) this.scheduleUnload(conn.live);
  }

  private scheduleUnload(live: LiveDocument): void {
    if (live.unloadTimer) clearTimeout(live.unloadTimer);
    live.unloadTimer = setTimeout(() => this.tryUnload(live), this.opts.limits.unloadAfterMs);
    live.unloadTimer.unref();
  }

  private tryUnload(live: LiveDocument): void {
    live.unloadTimer = undefined;
    if (live.peers.size || this.documents.get(live.id) !== live) return;
    if (this.updateLog.pendingFor(live.id)) return this.scheduleUnload(live); // keep until stored
    this.documents.delete(live.id);
    this.unsubscribers.get(live.id)?.();
    this.unsubscribers.delete(live.id);
    if (live.logLength >= 50) this.compaction.soon(live, true);
    live.destroy();
  }

  /**
   * The current document for reading inside a transaction: the live copy when loaded, otherwise a
   * temporary one built from storage through `executor`. (Loading through the hub from inside a
   * transaction would wait forever on PGlite's single connection.) Call `release()` when done.
   */
  async peek(documentId: string, executor: Executor): Promise<{ doc: Y.Doc; logPosition: number; release(): void }> {
    const live = this.documents.get(documentId);
    if (live) return { doc: live.doc, logPosition: live.logPosition, release: () => {} };
    const state = await readStoredState(executor, documentId);
    const doc = docFromState(state);
    return { doc, logPosition: state.logPosition, release: () => doc.destroy() };
  }

  /**
   * Applies a server-side change as a normal, logged update, all or nothing: `fn` runs on a copy, so one that throws
   * halfway leaves the live plan as it was (run on the live copy, the half done was stored). Resolves once the
   * change is in the update log.
   */
  async change(documentId: string, userId: string | null, fn: (doc: Y.Doc) => void): Promise<void> {
    await this.changeFrom(documentId, userId, async (state) => {
      const copy = new Y.Doc();
      const changes: Uint8Array[] = [];
      try {
        Y.applyUpdate(copy, state);
        copy.on('update', (update: Uint8Array) => changes.push(update));
        copy.transact(() => fn(copy));
      } finally {
        copy.destroy();
      }
      return changes.length ? Y.mergeUpdates(changes) : null;
    });
  }

  /**
   * Like `change`, with the change computed from a copy of the live state (a v1 update), possibly elsewhere (a
   * restore in a worker thread): the update `compute` returns is applied to the plan live by then, where edits made
   * meanwhile merge with it. `opts.base`, when given, is the state to compute from instead (one the caller took
   * earlier, whose later edits then merge too); `opts.beforeApply` sees the live plan the instant before the change
   * lands, `opts.afterApply` the instant after. Resolves once the change is in the update log.
   */
  async changeFrom(
    documentId: string,
    userId: string | null,
    compute: (state: Uint8Array) => Promise<Uint8Array | null>,
    opts: { base?: Uint8Array; beforeApply?: (live: LiveDocument) => void; afterApply?: (live: LiveDocument) => void } = {},
  ): Promise<void> {
    const change = await compute(opts.base ?? Y.encodeStateAsUpdate((await this.acquire(documentId)).doc));
    // Loaded again if it was unloaded (or dropped) while the change was computed: it then holds all it held.
    const live = await this.acquire(documentId);
    if (change) {
      opts.beforeApply?.(live);
      try {
        Y.applyUpdate(live.doc, change, new ServerOrigin(userId));
      } catch (err) {
        this.discard(live, err);
        throw err;
      }
      opts.afterApply?.(live);
    }
    if (!live.peers.size) this.scheduleUnload(live);
    // Answered only once stored: a crash right after the answer must not lose the change (clients may not resend it).
    if (change) await this.updateLog.whenStored();
  }

  /**
   * Drops a live copy that Yjs failed halfway through changing (it may be half-applied, and a transaction that
   * threw in its cleanup leaves every later change unannounced and unsaved). Its clients are closed with 1011 and
   * reconnect to a copy read again from the database, then resend whatever it lacks; queued saves still land.
   */
  discard(live: LiveDocument, err: unknown): void {
    if (this.documents.get(live.id) !== live) return;
    this.opts.log?.error({ err, documentId: live.id }, 'a change failed halfway; the plan is reloaded from the database');
    this.documentsDiscarded++;
    this.documents.delete(live.id);
    this.unsubscribers.get(live.id)?.();
    this.unsubscribers.delete(live.id);
    this.closeWhere((c) => c.live === live, CLOSE.internal, 'plan reloading; reconnect');
    live.destroy();
  }

  /** Closes every connection matching a predicate (revocation, shutdown). */
  closeWhere(pred: (c: SyncConnection) => boolean, code: number, reason: string): number {
    let n = 0;
    for (const c of [...this.connections]) {
      if (pred(c)) {
        c.close(code, reason);
        n++;
      }
    }
    return n;
  }

  /** Flushes the log and closes everything (graceful shutdown). */
  async shutdown(code: number = CLOSE.restart): Promise<boolean> {
    const started = Date.now();
    clearInterval(this.heartbeat);
    this.closeWhere(() => true, code, 'server restarting');
    const drained = await this.updateLog.drain(SHUTDOWN_DRAIN_MS);
    this.updateLog.close();
    // After a clean stop every plan edited here is one snapshot again, so the restarted server loads it lazily
    // and serves it as stored. Bounded: what is left unfolded at the deadline is folded by the next node.
    if (drained) await this.compaction.atShutdown(this.documents.values(), started + this.opts.limits.shutdownCompactionMs);
    for (const live of this.documents.values()) live.destroy();
    this.documents.clear();
    for (const u of this.unsubscribers.values()) u();
    return drained;
  }
}

/** The clients whose structs a transaction added, with the clock each now reaches (flat pairs). */
function reachOf(tr: Y.Transaction): number[] {
  const reach: number[] = [];
  // Yjs has computed both state vectors already; comparing them costs far less than re-parsing the update.
  tr.afterState.forEach((clock, client) => {
    if (clock !== (tr.beforeState.get(client) ?? 0)) reach.push(client, clock);
  });
  return reach;
}
