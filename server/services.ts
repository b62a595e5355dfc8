/** Everything a route or socket handler may use, built once by app.ts. */
import type { Server as SocketServer } from 'socket.io';
import type { DatabaseHandle } from '../db/client.js';
import type { ServerConfig } from './config.js';
import type { SharedFailureStore } from './auth/failureBounds.js';
import type { PresenceStore } from './realtime/presenceStore.js';
import type { ClusterBus } from './sync/clusterBus.js';
import type { ActivityProjection } from './matrix/activityProjection.js';
import type { DocumentHub } from './sync/documentHub.js';
import type { Metrics } from './observability/metrics.js';
import type { ExportRenderer } from './exports/exportRenderer.js';
import type { PlanRestorer } from './versions/planRestorer.js';
import type { TextDiffer } from './versions/textDiffer.js';

/** Sends Socket.IO events to the members of a workspace, or to one user, on every node. */
export interface EventPublisher {
  toWorkspace(workspaceId: string, event: string, payload: Record<string, unknown>): void;
  toUser(userId: string, event: string, payload: Record<string, unknown>): void;
}

export interface AppServices {
  config: ServerConfig;
  database: DatabaseHandle;
  hub: DocumentHub;
  bus: ClusterBus;
  io: SocketServer;
  events: EventPublisher;
  presence: PresenceStore;
  /** Sign-in failure counts shared by every node (Redis); absent on a single node, which counts in process. */
  sharedFailures?: SharedFailureStore;
  metrics: Metrics;
  /** Keeps the activity projection, search text and overlaps current from saved edits. */
  projection: ActivityProjection;
  /** Renders DOCX, PDF and XLSX exports in a worker thread, off the event loop. */
  exportRenderer: ExportRenderer;
  /** Word-diffs plan texts, large ones in a worker thread. */
  textDiffer: TextDiffer;
  /** Computes the change that restores a version, large plans in a worker thread. */
  planRestorer: PlanRestorer;
  /** Closes a user's live sockets (document and Socket.IO) for a workspace, or all, on every node. */
  revokeAccess(input: { userId: string; workspaceId?: string; sessionHash?: string; reason: string }): Promise<void>;
  /** Applies a user's changed role to their live plan sockets of a workspace on every node (each re-reads it from the database). */
  changeAccess(input: { userId: string; workspaceId: string }): void;
}
