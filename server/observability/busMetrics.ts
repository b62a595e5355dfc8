/** Counters of the cross-node bus and of the access re-check, exported on /metrics. */
import type { Metrics } from './metrics.js';

/** What the Redis bus counts since the node started (a one-node bus counts nothing). */
export interface BusCounters {
  /** Stream entries this node added (durable updates for other nodes). */
  updatesPublished: number;
  /** Stream entries from other nodes applied here. */
  updatesReceived: number;
  /** Updates, awareness, control and Socket.IO messages that could not be published (Redis away or refusing). */
  publishErrors: number;
  readErrors: number;
  /** Documents re-read from PostgreSQL because stream entries may have been missed (catch-ups). */
  gaps: number;
  /** Times this node's Redis connections came back after an outage. */
  recoveries: number;
  /** `resync` requests received: another node stored updates it could not publish. */
  resyncsReceived: number;
  /** Control messages this node sent late, after an outage. */
  controlReplayed: number;
  /** Late revocations from other nodes applied to this node's sockets. */
  lateRevocations: number;
}

const ZERO: BusCounters = { updatesPublished: 0, updatesReceived: 0, publishErrors: 0, readErrors: 0, gaps: 0, recoveries: 0, resyncsReceived: 0, controlReplayed: 0, lateRevocations: 0 };

/** The bus's counters, or zeros for a bus that has none (one node). */
export function busCounters(bus: object): BusCounters {
  return 'counters' in bus ? (bus.counters as BusCounters) : ZERO;
}

const BUS_METRICS: Array<[keyof BusCounters, string, string]> = [
  ['updatesPublished', 'enlace_bus_updates_published_total', 'Document updates published to other nodes (stream entries added)'],
  ['updatesReceived', 'enlace_bus_updates_received_total', 'Document updates received from other nodes and applied'],
  ['publishErrors', 'enlace_bus_publish_errors_total', 'Cross-node messages that could not be published'],
  ['readErrors', 'enlace_bus_read_errors_total', 'Failed reads of the document streams'],
  ['gaps', 'enlace_bus_gaps_total', 'Documents re-read from the database because stream entries may have been missed'],
  ['recoveries', 'enlace_bus_recoveries_total', 'Redis reconnections after an outage (each followed by a catch-up)'],
  ['resyncsReceived', 'enlace_bus_resyncs_received_total', 'Resync requests from nodes that could not publish their updates'],
  ['controlReplayed', 'enlace_bus_control_replayed_total', 'Control messages (revocations) sent late after an outage'],
  ['lateRevocations', 'enlace_bus_late_revocations_total', 'Late revocations from other nodes applied here'],
];

/** Registers the bus counters and the access re-check counters. */
export function registerBusMetrics(metrics: Metrics, bus: object, recheck: { runs: number; planSocketsClosed: number; eventSocketsRevoked: number; planPermissionsChanged: number }): void {
  for (const [key, name, help] of BUS_METRICS) metrics.add({ name, help, type: 'counter', value: () => busCounters(bus)[key] });
  metrics.add({ name: 'enlace_access_rechecks_total', help: 'Access re-checks of live sockets against the database', type: 'counter', value: () => recheck.runs });
  metrics.add({ name: 'enlace_access_recheck_plan_sockets_closed_total', help: 'Plan sockets closed by the access re-check', type: 'counter', value: () => recheck.planSocketsClosed });
  metrics.add({ name: 'enlace_access_recheck_plan_permissions_changed_total', help: 'Plan sockets switched to their role (read-only or writable) by the access re-check', type: 'counter', value: () => recheck.planPermissionsChanged });
  metrics.add({ name: 'enlace_access_recheck_event_sockets_revoked_total', help: 'Socket.IO sockets revoked (room left or disconnected) by the access re-check', type: 'counter', value: () => recheck.eventSocketsRevoked });
}
