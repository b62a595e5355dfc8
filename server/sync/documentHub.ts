/**
 * The document hub: loads each document once (single-flight), wires updates into the durable log,
 * announces what is saved, shares updates with other nodes, has logs folded in the background
 * (compactionScheduler), and unloads idle documents. Never stores anything it did not receive: a failed
 * load registers nothing. The parts live beside it: documentLoader (load), logWiring (log and saves), remoteUpdates
 * (other nodes' updates and catch-up), connectionSet (connections and heartbeat).
 */
import { EventEmitter } from 'node:events';
import * as Y from 'yjs';
import type { Database, Executor } from '../../db/client.js';
import type { Limits } from '../../shared/constants.js';
import type { ClusterBus } from './clusterBus.js';
import { dropAwarenessOfNodesBut } from './awarenessRelay.js';
import { CompactionScheduler } from './compactionScheduler.js';
import { SyncConnectionSet } from './connectionSet.js';
import { DocumentLoader } from './documentLoader.js';
import { docFromState, readStoredState, storedStateReader, type StoredStateReader } from './documentStore.js';
import type { FoldInput, FoldOutput } from './stateFold.js';
import { ServerOrigin, type LiveDocument } from './liveDocument.js';
import { LogWiring } from './logWiring.js';
import { EditSessions } from './editSessions.js';
import { CLOSE } from './protocol.js';
import { RemoteUpdates } from './remoteUpdates.js';
import { ReturningClients } from './returningClients.js';
import type { SyncConnection } from './syncConnection.js';
import { UpdateLog } from './updateLog.js';

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

/** Every plan loaded on this node, its connections, and their way into the log (see the helpers each part is in). */
export class DocumentHub extends EventEmitter<HubEvents> {
  readonly documents = new Map<string, LiveDocument>();
  private returning = new ReturningClients();
  readonly updateLog: UpdateLog;
  private loading = new Map<string, Promise<LiveDocument>>();
  private connections = new SyncConnectionSet();
  private compaction: CompactionScheduler;
  private unsubscribers = new Map<string, () => void>();
  private readonly wiring: LogWiring;
  private readonly loader: DocumentLoader;
  /** Live copies dropped after a change failed halfway (see `discard`). */
  documentsDiscarded = 0;

  constructor(private readonly opts: HubOptions) {
    super();
    const readState = opts.readState ?? storedStateReader(opts.db, undefined);
    this.compaction = new CompactionScheduler({ db: opts.db, limits: opts.limits, fold: opts.fold, log: opts.log, isCurrent: (live) => this.documents.get(live.id) === live });
    this.updateLog = new UpdateLog(opts.db, {
      groupCommitMs: opts.limits.groupCommitMs,
      maxBatch: opts.limits.groupCommitMaxUpdates,
      onCommit: ({ entries, ids }) => this.wiring.committed(entries, ids),
      onError: (err) => opts.log?.error({ err }, 'update log commit failed; will retry'),
    });
    const remote = new RemoteUpdates({ readState, onBroken: (live, err) => this.discard(live, err), log: opts.log });
    this.wiring = new LogWiring(this.updateLog, {
      bus: opts.bus,
      documents: this.documents,
      remote,
      editSessions: new EditSessions(opts.limits.editAuditSessionMs),
      onStored: (live) => {
        this.emit('saved', { documentId: live.id, workspaceId: live.workspaceId, live, logPosition: live.logPosition });
        if (live.logLength >= opts.limits.compactAfterUpdates) this.compaction.soon(live);
      },
    });
    this.loader = new DocumentLoader({
      bus: opts.bus,
      limits: opts.limits,
      readState,
      workspaceOf: (documentId) => opts.workspaceOf(documentId),
      remote,
      wiring: this.wiring,
      opened: (live, unsubscribe) => {
        this.documents.set(live.id, live);
        this.unsubscribers.set(live.id, unsubscribe);
        this.scheduleUnload(live);
      },
    });
    opts.bus.onNodesAlive((nodes) => dropAwarenessOfNodesBut(this.documents.values(), nodes));
    opts.bus.onControl((m) => {
      if (m.type === 'revoke') this.closeWhere((c) => c.identity.userId === m.userId && (!m.workspaceId || c.workspaceId === m.workspaceId) && (!m.sessionHash || c.identity.sessionHash === m.sessionHash), m.sessionHash ? CLOSE.unauthenticated : CLOSE.forbidden, m.reason);
    });
  }

  /** How many sync connections are attached. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Updates applied to loaded plans (their stored state itself not counted). */
  get updatesApplied(): number {
    return this.wiring.applied;
  }

  /** Loads a document once, however many callers ask at the same time. */
  acquire(documentId: string, workspaceId?: string): Promise<LiveDocument> {
    const live = this.documents.get(documentId);
    if (live) return Promise.resolve(live);
    let pending = this.loading.get(documentId);
    if (!pending) {
      pending = this.loader.load(documentId, workspaceId).finally(() => this.loading.delete(documentId));
      this.loading.set(documentId, pending);
    }
    return pending;
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
    return this.connections.closeWhere(pred, code, reason);
  }

  /** Flushes the log and closes everything (graceful shutdown). */
  async shutdown(code: number = CLOSE.restart): Promise<boolean> {
    const started = Date.now();
    this.connections.stopHeartbeat();
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

