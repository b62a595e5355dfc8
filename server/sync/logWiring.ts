/**
 * Live plans wired into the durable update log, both ways: which of a plan's transactions the log takes (a client's,
 * the server's, a remote one that took in a waiting edit), with the clocks each reached; and what each commit stores,
 * shares with other nodes and announces.
 */
import type * as Y from 'yjs';
import type { ClusterBus } from './clusterBus.js';
import { LOAD_ORIGIN, ServerOrigin, type LiveDocument } from './liveDocument.js';
import type { EditSessions } from './editSessions.js';
import { REMOTE_WITH_PENDING } from './pendingWatch.js';
import type { RemoteUpdates } from './remoteUpdates.js';
import { SyncConnection } from './syncConnection.js';
import type { LogEntry, UpdateLog } from './updateLog.js';

/** What the wiring needs from the hub. */
export interface LogWiringOptions {
  bus: ClusterBus;
  /** The plans loaded now: a commit counts toward the copy still loaded for its plan. */
  documents: ReadonlyMap<string, LiveDocument>;
  /** Whether a remote transaction took in a client's waiting edit. */
  remote: RemoteUpdates;
  /** A commit stored updates of `live`, whose stored clocks now cover them (the hub announces it, may fold the log). */
  onStored(live: LiveDocument): void;
  /** Which people's edits open an editing session, audited with the update that opens it. */
  editSessions: EditSessions;
}

/** Appends loaded plans' new updates to the update log, and accounts for each commit of it. */
export class LogWiring {
  /** Updates applied to loaded plans (their stored state itself not counted). */
  applied = 0;

  constructor(
    private readonly updateLog: UpdateLog,
    private readonly opts: LogWiringOptions,
  ) {}

  /** Every update of a loaded plan's doc: logged when new here, else counted stored (it is already durable). */
  record(live: LiveDocument, update: Uint8Array, origin: unknown, tr: Y.Transaction): void {
    if (origin === LOAD_ORIGIN) return; // the stored state itself (its clocks are known from the load)
    this.applied++;
    if (origin instanceof SyncConnection) {
      const { userId, organizationId } = origin.identity;
      const opens = this.opts.editSessions.opens(live.id, userId);
      this.updateLog.append({ documentId: live.id, update, userId, reach: reachOf(tr), audit: opens ? { workspaceId: live.workspaceId, organizationId } : undefined });
      return;
    }
    let userId: string | null;
    if (origin instanceof ServerOrigin) userId = origin.userId;
    // Stored again, with what waited in it (see RemoteUpdates.apply); only when something that waited went in: while an
    // edit that never can waits (a client's reference to nothing), every update from other nodes would be logged twice.
    else if (origin === REMOTE_WITH_PENDING && this.opts.remote.carriedWaiting(live)) userId = null;
    else {
      // Received from another node (or re-read from storage): already durable, so already saved.
      live.markStored(update);
      return;
    }
    this.updateLog.append({ documentId: live.id, update, userId, reach: reachOf(tr), audit: undefined });
  }

  /** A commit stored `entries` (with log ids `ids`): each plan's are shared with other nodes and counted stored. */
  committed(entries: LogEntry[], ids: number[]): void {
    const byDoc = new Map<string, { entries: LogEntry[]; maxId: number }>();
    entries.forEach((e, i) => {
      const g = byDoc.get(e.documentId) ?? { entries: [], maxId: 0 };
      g.entries.push(e);
      g.maxId = Math.max(g.maxId, ids[i]);
      byDoc.set(e.documentId, g);
    });
    for (const [documentId, g] of byDoc) {
      this.opts.bus.publishUpdates(documentId, g.entries.map((e) => e.update));
      const live = this.opts.documents.get(documentId);
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
      this.opts.onStored(live);
    }
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
