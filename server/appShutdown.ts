/**
 * The app's shutdown, in Fastify's close hooks. Before the HTTP server stops: close live sockets (1012 so clients
 * reconnect elsewhere) and flush the log. One budget for the whole shutdown, inside the 10 s a process gets: flushing
 * the log first (it is what "saved" promised), then projections, then the database close cancels whatever still runs
 * (a fold, a late pass).
 */
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/client.js';
import type { TableVacuum } from '../db/tableVacuum.js';
import type { ShutdownTrace } from './http/shutdownTrace.js';
import type { DocumentHub } from './sync/documentHub.js';
import { CLOSE } from './sync/protocol.js';

/** What the shutdown stops, in the order it stops them. */
export interface ShutdownParts {
  trace: ShutdownTrace;
  accessRecheck: { stop(): void };
  vacuum: TableVacuum | undefined;
  /** The Yjs WebSocket endpoint. */
  sync: { close(): void };
  socketIo: { engine: { close(): void } };
  hub: DocumentHub;
  projection: { stop(waitMs: number): Promise<void> };
  digest: { stop(): void } | undefined;
  /** The action reminder pass: stopping waits for a running batch, which needs the database. */
  reminders: { stop(): Promise<void> } | undefined;
  /** The export, diff, restore and compaction workers. */
  workers: ReadonlyArray<{ close(): Promise<void> }>;
  bus: { close(): Promise<void> };
  /** The per-address request rate limit. */
  perIp: { close(): void };
  metrics: { close(): void };
  database: Pick<DatabaseHandle, 'close'>;
}

/** Installs the shutdown sequence on `app`; returns how many updates the database had not taken when it gave up (0 after a clean stop). */
export function installShutdown(app: FastifyInstance, parts: ShutdownParts): { unsavedAtShutdown(): number } {
  const { trace, hub } = parts;
  let shutdownStarted = 0;
  let unsavedAtShutdown = 0;
  let lingering: NodeJS.Timeout | undefined;
  let vacuumStopped: Promise<void> | undefined;
  const left = (untilMs: number) => Math.max(0, shutdownStarted + untilMs - Date.now());
  // A step that takes long is named in the log: a shutdown that overruns its 10 s says where it stood.
  const step = async (name: string, run: () => Promise<unknown>) => {
    const began = Date.now();
    trace.enter(name);
    await run();
    if (Date.now() - began > 1000) app.log.warn({ step: name, ms: Date.now() - began }, 'slow shutdown step');
  };
  app.addHook('preClose', async () => {
    shutdownStarted = Date.now();
    trace.enter('close sockets');
    parts.accessRecheck.stop();
    vacuumStopped = parts.vacuum?.stop(); // no new vacuum while the log flushes
    parts.sync.close();
    // Transports closed, not the sockets disconnected: clients treat the first as a dropped connection and
    // reconnect (to this node once it restarts, or another); "io server disconnect" would end them for good.
    parts.socketIo.engine.close();
    await step('flush and fold the update log', async () => {
      const pending = hub.updateLog.pending;
      if (await hub.shutdown(CLOSE.restart)) return;
      // Never reported saved, so their clients still hold them and resend them on reconnect: said loudly all the same.
      unsavedAtShutdown = hub.updateLog.pending || pending || 1;
      app.log.error({ unsaved: unsavedAtShutdown }, 'stopping with updates the database did not take (never reported saved; their clients resend them)');
    });
    await step('finish projections', () => parts.projection.stop(left(7500)));
    // Next Fastify waits for the HTTP server's connections to end. Everything acknowledged is stored by now, so a
    // connection still open 3 s later (past the WebSocket close grace), or 8 s into the shutdown, is destroyed: a
    // client that never finishes its close handshake or its request must not hold the process.
    trace.enter('wait for open connections to close');
    lingering = setTimeout(() => {
      const n = trace.destroyOpenSockets();
      if (n) app.log.warn({ connections: n }, 'connections still open at shutdown were destroyed');
    }, Math.min(3000, left(8000))).unref();
  });
  app.addHook('onClose', async () => {
    parts.digest?.stop();
    clearTimeout(lingering);
    await step('finish the action reminder pass', async () => parts.reminders?.stop());
    await step('stop the export, diff, restore and compaction workers', () => Promise.all(parts.workers.map((w) => w.close())));
    await step('close the cluster bus', () => parts.bus.close());
    await step('finish a running vacuum', async () => vacuumStopped ?? parts.vacuum?.stop());
    parts.perIp.close();
    parts.metrics.close();
    await step('close the database', () => parts.database.close(shutdownStarted ? Math.max(0.5, left(9000) / 1000) : undefined));
    trace.enter('closed');
  });
  return { unsavedAtShutdown: () => unsavedAtShutdown };
}
