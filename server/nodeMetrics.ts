/** This node's gauges and counters for /metrics: its connections, loaded plans, applied updates, save lag and vacuums. */
import type { TableVacuum } from '../db/tableVacuum.js';
import type { Metrics } from './observability/metrics.js';
import type { DocumentHub } from './sync/documentHub.js';

/** Adds the node's metrics, read at scrape time from the hub, the Socket.IO engine and PGlite's vacuum (when there is one). */
export function registerNodeMetrics(metrics: Metrics, parts: { hub: DocumentHub; socketIo: { engine: { clientsCount: number } }; vacuum: TableVacuum | undefined }): void {
  const { hub, socketIo, vacuum } = parts;
  metrics.add({ name: 'enlace_connections', help: 'Open document (Yjs) connections', type: 'gauge', value: () => hub.connectionCount });
  metrics.add({ name: 'enlace_socketio_connections', help: 'Open Socket.IO connections on this node', type: 'gauge', value: () => socketIo.engine.clientsCount });
  metrics.add({ name: 'enlace_loaded_documents', help: 'Documents loaded in memory', type: 'gauge', value: () => hub.documents.size });
  metrics.add({ name: 'enlace_updates_applied_total', help: 'Yjs updates applied', type: 'counter', value: () => hub.updatesApplied });
  metrics.add({ name: 'enlace_documents_discarded_total', help: 'Live plans dropped and reloaded after a change failed halfway', type: 'counter', value: () => hub.documentsDiscarded });
  metrics.add({ name: 'enlace_durable_save_lag_seconds', help: 'Age of the oldest update not yet stored', type: 'gauge', value: () => hub.updateLog.lagMs / 1000 });
  if (vacuum) {
    metrics.add({ name: 'enlace_db_vacuums_total', help: 'Tables vacuumed on embedded PGlite (it has no autovacuum)', type: 'counter', value: () => vacuum.vacuums });
    metrics.add({ name: 'enlace_db_vacuum_seconds_total', help: 'Time embedded PGlite spent vacuuming', type: 'counter', value: () => vacuum.busyMs / 1000 });
  }
  metrics.add({ name: 'enlace_unsaved_updates', help: 'Updates waiting for the database', type: 'gauge', value: () => hub.updateLog.pending });
}
