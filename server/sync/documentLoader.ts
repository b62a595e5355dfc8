/**
 * Opening a plan on this node: its live copy built from what is stored (lazily when only a compacted snapshot is),
 * subscribed to its cross-node traffic first so nothing published meanwhile is missed, and wired into the log.
 */
import * as Y from 'yjs';
import type { Limits } from '../../shared/constants.js';
import { answerAwarenessQuery, applyRemoteAwareness } from './awarenessRelay.js';
import type { ClusterBus } from './clusterBus.js';
import { docFromState, type StoredStateReader } from './documentStore.js';
import { LiveDocument } from './liveDocument.js';
import type { LogWiring } from './logWiring.js';
import type { RemoteUpdates } from './remoteUpdates.js';

/** What a load needs from the hub, and where it hands the loaded plan. */
export interface DocumentLoaderOptions {
  bus: ClusterBus;
  limits: Pick<Limits, 'awarenessTickMs' | 'awarenessTickPerPeerMs' | 'awarenessRenewalMs'>;
  readState: StoredStateReader;
  /** Resolves a document's workspace; undefined when the document does not exist. */
  workspaceOf(documentId: string): Promise<string | undefined>;
  remote: RemoteUpdates;
  wiring: LogWiring;
  /** The plan is loaded: called at once, before anything else can reach it, with how to stop its subscription. */
  opened(live: LiveDocument, unsubscribe: () => void): void;
}

/** Builds live copies of stored plans for the hub (which makes each load single-flight). */
export class DocumentLoader {
  constructor(private readonly opts: DocumentLoaderOptions) {}

  /** Loads a plan: its copy is handed to `opened` and returned; a failed load leaves nothing subscribed or registered. */
  async load(documentId: string, knownWorkspaceId: string | undefined): Promise<LiveDocument> {
    const { bus, remote, wiring } = this.opts;
    // A socket's admission has just read the plan's working group (a plan never changes group); others ask.
    const workspaceId = knownWorkspaceId ?? (await this.opts.workspaceOf(documentId));
    if (!workspaceId) throw new Error(`document ${documentId} does not exist`);
    // Subscribe before reading so nothing published in between is missed; buffer until loaded.
    const early: Uint8Array[] = [];
    let target: LiveDocument | undefined;
    const unsubscribe = await bus.subscribeDocument(documentId, {
      onUpdate: (u) => {
        if (!target) return void early.push(u);
        remote.apply(target, [u]);
        // Another node's edit as received (not a catch-up, which re-reads everything stored, this node's own changes too).
        target.incoming(u);
      },
      onAwareness: (u, from) => target && applyRemoteAwareness(target, u, from),
      onAwarenessQuery: () => target && answerAwarenessQuery(bus, target),
      onGap: () => target && void remote.catchUp(target),
    });
    try {
      const state = await this.opts.readState(documentId);
      // Only a compacted snapshot stored (the usual case after compaction or a clean restart): load lazily,
      // so a fresh joiner gets those bytes at once. With a log tail, apply everything now.
      const lazy = state.logCount === 0 && state.updates.length === 1;
      const doc = lazy ? new Y.Doc({ guid: documentId }) : docFromState(state, documentId);
      const publishAwareness = bus.state === 'disabled' ? undefined : (update: Uint8Array, userId: string) => bus.publishAwareness(documentId, update, userId);
      const live = new LiveDocument(documentId, workspaceId, doc, { maxMs: this.opts.limits.awarenessTickMs, perPeerMs: this.opts.limits.awarenessTickPerPeerMs, renewalMs: this.opts.limits.awarenessRenewalMs }, publishAwareness);
      live.logPosition = state.logPosition;
      live.logLength = state.logCount;
      live.storedBytes = state.updates.reduce((n, u) => n + u.byteLength, 0);
      if (lazy) live.setStoredState(state.updates[0]);
      else {
        live.setStoredClocks(Y.decodeStateVector(Y.encodeStateVector(doc)));
      }
      doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => wiring.record(live, update, origin, tr));
      for (const u of early) Y.applyUpdate(live.doc, u, 'remote');
      target = live;
      // Carets held on other nodes would otherwise show here only when their clients renew them (every 15 s).
      if (bus.state !== 'disabled') bus.queryAwareness(documentId);
      this.opts.opened(live, unsubscribe);
      return live;
    } catch (err) {
      unsubscribe();
      throw err;
    }
  }
}
