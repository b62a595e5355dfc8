/** Builds the Fastify app from a config object: no env reads, no listen (tests build it in-process). */
import { serializeError } from './http/errorSerializer.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../db/client.js';
import { TableVacuum } from '../db/tableVacuum.js';
import { documents } from '../db/schema.js';
import { readCookie, SESSION_COOKIE } from './auth/tokens.js';
import type { ServerConfig } from './config.js';
import { clientErrors, frameworkErrors, installErrorHandlers } from './http/errors.js';
import { dropSilentConnections } from './http/idleConnections.js';
import { isAllowedOrigin } from './http/origin.js';
import { acceptEmptyJsonBodies } from './http/jsonBodies.js';
import { ShutdownTrace } from './http/shutdownTrace.js';
import { createRouter, type RouteDoc } from './http/pipeline.js';
import { KeyedTokenBucket } from './http/rateLimit.js';
import { startActivityProjection } from './matrix/activityProjection.js';
import { ExportRenderer } from './exports/exportRenderer.js';
import { PlanRestorer } from './versions/planRestorer.js';
import { TextDiffer } from './versions/textDiffer.js';
import { createStateFolder } from './sync/stateFolder.js';
import { registerBusMetrics } from './observability/busMetrics.js';
import { Metrics } from './observability/metrics.js';
import { admitPlanSocket } from './policies/planSocketAdmission.js';
import { startAccessRecheck } from './realtime/accessRecheck.js';
import { PlanWriteAccess } from './realtime/planWriteAccess.js';
import { MemoryPresenceStore } from './realtime/presenceStore.js';
import { createSocketServer, SOCKET_IO_PATH, workspaceRoom, userRoom } from './realtime/socketServer.js';
import { startDailyDigest } from './notifications/digest.js';
import { createMailSender } from './notifications/mailSender.js';
import { registerRoutes } from './routes/index.js';
import { registerSystemRoutes } from './routes/system/routes.js';
import type { AppServices } from './services.js';
import { createClusterBus } from './sync/createClusterBus.js';
import { DocumentHub } from './sync/documentHub.js';
import { StaleBaseEdits } from './versions/staleBaseEdits.js';
import { storedStateReader } from './sync/documentStore.js';
import { CLOSE } from './sync/protocol.js';
import { attachSyncEndpoint } from './sync/upgrade.js';

export interface BuiltApp {
  app: FastifyInstance;
  services: AppServices;
  /** Where a shutdown stands (for the log line when it overruns its 10 s). */
  shutdownState(): string;
  /** Updates the database had not taken when the shutdown gave up flushing (0 after a clean stop). */
  unsavedAtShutdown(): number;
  /** Every pipeline route as documented (the OpenAPI document's source; tests check answers against it). */
  routeDocs: readonly RouteDoc[];
}

/** A file Vite built under assets/, named with its content hash (`HomePage-CVQFkces.js`). */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9.]+$/;
/** One file name under assets/: no directories, no dot files. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;
const PAGE_PREFIXES = ['/login', '/setup', '/w/', '/matrix', '/inbox', '/search', '/admin', '/invite/'];

/** Creates the whole server (HTTP, Yjs WebSocket, Socket.IO) from a config. */
export async function buildApp(config: ServerConfig): Promise<BuiltApp> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, serializers: { err: serializeError } },
    bodyLimit: config.limits.maxBodyBytes,
    trustProxy: config.trustProxy,
    // One log line per request costs more than the request on the hot paths; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Idle or slow-header connections are dropped instead of holding memory.
    requestTimeout: 30000,
    connectionTimeout: 0,
    keepAliveTimeout: 10000,
    // Boot awaits the database (migrations, a PGlite template copy) between registrations; on a busy small
    // machine that outlasts Fastify's 10 s default, which would abort a healthy start.
    pluginTimeout: 120_000,
    frameworkErrors,
    // Requests refused by Node's HTTP parser, before any route, also answer in the contract's error shape.
    clientErrorHandler: clientErrors,
  });
  app.server.headersTimeout = 10000;
  acceptEmptyJsonBodies(app, config.limits.maxJsonDepth);
  installErrorHandlers(app, { spaIndex: config.clientDir && existsSync(join(config.clientDir, 'index.html')) ? PAGE_PREFIXES : undefined });

  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir ? join(config.dataDir, 'pglite') : undefined });
  const metrics = new Metrics();
  const bus = await createClusterBus(config, app.log);
  const folder = createStateFolder(app.log);
  // Edits a client made on a plan from before a restore it had not received go to that restore's backup.
  const staleBase = new StaleBaseEdits({ db: database.db, log: app.log });
  const hub = new DocumentHub({
    db: database.db,
    limits: config.limits,
    bus,
    log: app.log,
    fold: folder.fold,
    readState: storedStateReader(database.db, database.copyOut),
    onResent: (conn, vector, resent) => staleBase.resent(conn.live, conn, vector, resent),
    workspaceOf: async (id) => (await database.db.select({ w: documents.workspaceId }).from(documents).where(eq(documents.id, id)))[0]?.w,
  });
  const presence = bus.presenceStore?.() ?? new MemoryPresenceStore();
  // Revocations heard from every node (this one included): a Socket.IO socket authenticated while one arrived is
  // checked again once connected (the revocation could not find it yet).
  let revocationsHeard = 0;
  bus.onControl((m) => {
    if (m.type === 'revoke') revocationsHeard++;
  });
  const socket = createSocketServer(app.server, {
    db: database.db,
    presence,
    publicOrigin: config.publicOrigin,
    log: app.log,
    revocationsHeard: () => revocationsHeard,
    events: { burst: config.limits.socketEventBurst, perSecond: config.limits.socketEventsPerSecond },
    // A page joining right after its plan socket reconnected (stock clients reconnect the two independently) may
    // have missed the save of what that socket resent, and no later commit may come: it hears what is stored.
    onJoined: (joined, workspaceId, userId) => {
      for (const live of hub.returningSince(userId, workspaceId)) joined.emit('document:saved', { documentId: live.id, stateVector: live.savedStateVector, workspaceId });
    },
  });
  await bus.attachSocketServer?.(socket.io);
  // After Socket.IO has wrapped the request listeners, so its long-polls are seen as requests too.
  dropSilentConnections(app.server, app.server.headersTimeout);
  const trace = new ShutdownTrace(app.server);

  const projection = startActivityProjection({ db: database.db, shortTransactions: database.kind === 'pglite', hub, log: app.log, events: { toWorkspace: (w, e, p) => services.events.toWorkspace(w, e, p), toUser: (u, e, p) => services.events.toUser(u, e, p) } });
  const exportRenderer = new ExportRenderer({ log: app.log });
  const textDiffer = new TextDiffer({ inThreadMaxChars: config.limits.diffInThreadMaxChars, log: app.log });
  const planRestorer = new PlanRestorer({ inThreadMaxBytes: config.limits.restoreInThreadMaxBytes, log: app.log });
  const services: AppServices = {
    projection,
    exportRenderer,
    textDiffer,
    planRestorer,
    config,
    database,
    hub,
    bus,
    io: socket.io,
    presence,
    sharedFailures: bus.failureStore?.(),
    metrics,
    events: {
      toWorkspace: (workspaceId, event, payload) => socket.io.to(workspaceRoom(workspaceId)).emit(event, { ...payload, workspaceId }),
      toUser: (userId, event, payload) => socket.io.to(userRoom(userId)).emit(event, payload),
    },
    revokeAccess: async (input) => {
      bus.publishControl({ type: 'revoke', ...input });
      await socket.revoke(input);
    },
    changeAccess: (input) => bus.publishControl({ type: 'access', ...input }),
  };

  hub.on('saved', ({ documentId, workspaceId, live }) => {
    // On a single node, a save nobody's page listens for is not encoded at all (every keystroke is a save). With
    // several nodes the adapter relays it to listeners elsewhere, so it is always emitted.
    if (bus.state === 'disabled' && !socket.io.sockets.adapter.rooms.has(workspaceRoom(workspaceId))) return;
    services.events.toWorkspace(workspaceId, 'document:saved', { documentId, stateVector: live.savedStateVector });
  });

  metrics.add({ name: 'enlace_connections', help: 'Open document (Yjs) connections', type: 'gauge', value: () => hub.connectionCount });
  metrics.add({ name: 'enlace_socketio_connections', help: 'Open Socket.IO connections on this node', type: 'gauge', value: () => socket.io.engine.clientsCount });
  metrics.add({ name: 'enlace_loaded_documents', help: 'Documents loaded in memory', type: 'gauge', value: () => hub.documents.size });
  metrics.add({ name: 'enlace_updates_applied_total', help: 'Yjs updates applied', type: 'counter', value: () => hub.updatesApplied });
  metrics.add({ name: 'enlace_documents_discarded_total', help: 'Live plans dropped and reloaded after a change failed halfway', type: 'counter', value: () => hub.documentsDiscarded });
  metrics.add({ name: 'enlace_durable_save_lag_seconds', help: 'Age of the oldest update not yet stored', type: 'gauge', value: () => hub.updateLog.lagMs / 1000 });
  // Embedded PGlite has no autovacuum: without this, dead rows (each compaction's log rows, each rewritten
  // snapshot) were never reclaimed. Saves come first: no vacuum starts while they wait.
  const vacuum =
    database.kind === 'pglite'
      ? new TableVacuum(database.db, { intervalMs: config.limits.vacuumCheckMs, busy: () => hub.updateLog.lagMs > 250 || hub.updateLog.failing, log: app.log })
      : undefined;
  if (vacuum) {
    metrics.add({ name: 'enlace_db_vacuums_total', help: 'Tables vacuumed on embedded PGlite (it has no autovacuum)', type: 'counter', value: () => vacuum.vacuums });
    metrics.add({ name: 'enlace_db_vacuum_seconds_total', help: 'Time embedded PGlite spent vacuuming', type: 'counter', value: () => vacuum.busyMs / 1000 });
  }
  metrics.add({ name: 'enlace_unsaved_updates', help: 'Updates waiting for the database', type: 'gauge', value: () => hub.updateLog.pending });
  // PostgreSQL is the record of access: live sockets are re-checked against it (a revocation lost in a Redis outage).
  const planAccess = new PlanWriteAccess({ db: database.db, hub, io: socket.io, log: app.log }).listen(bus);
  const recheck = startAccessRecheck({ db: database.db, hub, io: socket.io, presence, bus, log: app.log, planAccess, onLeft: (w) => void socket.broadcastPresence(w).catch((err: unknown) => app.log.warn({ err }, 'presence broadcast failed')) });
  registerBusMetrics(metrics, bus, recheck);

  // REST rate limit per client address; 429 in the contract's shape.
  const perIp = new KeyedTokenBucket(config.limits.requestsPerMinute / 60, Math.max(100, config.limits.requestsPerMinute / 4));
  app.addHook('onRequest', async (req, reply) => {
    metrics.httpRequests++;
    if (req.url.startsWith('/api/') && !perIp.take(req.ip)) {
      return reply
        .status(429)
        .header('retry-after', String(Math.max(1, Math.ceil(60 / config.limits.requestsPerMinute))))
        .send({ error: { code: 'rate_limited', message: 'Too many requests; slow down and retry in a few seconds' } });
    }
  });

  // Served over plain http (a deployment on a network address), a page told to upgrade insecure requests fetches its
  // own scripts and API over https, which nothing serves there: the app stayed blank. Only an https origin gets that
  // directive, and HSTS (meaningless over http).
  const servedOverHttps = config.publicOrigin.startsWith('https:');
  await app.register(helmet, {
    strictTransportSecurity: servedOverHttps ? undefined : false,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: servedOverHttps ? [] : null,
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });

  const router = createRouter(app, services);
  registerRoutes(router.route, services, app.log);
  registerSystemRoutes(app, services, router.docs);

  if (config.clientDir && existsSync(config.clientDir)) {
    // Built file names carry a content hash, so a browser may keep them for good; index.html is always revalidated.
    // The plugin's own cache-control would be written over this one, so it is turned off and every file gets one here.
    const setHeaders = (res: { setHeader(name: string, value: string): unknown }, path: string) => {
      if (HASHED_ASSET.test(path)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      else if (path.endsWith('index.html')) res.setHeader('cache-control', 'no-cache');
      else res.setHeader('cache-control', 'public, max-age=0');
    };
    await app.register(fastifyStatic, { root: config.clientDir, wildcard: false, index: ['index.html'], cacheControl: false, setHeaders });
    // The static routes are listed once, at boot. A rebuild under a running server writes new asset names that
    // the fresh index.html asks for: serve those from disk too, instead of a blank page until a restart.
    app.get('/assets/*', (req, reply) => {
      const name = (req.params as { '*': string })['*'];
      if (!ASSET_NAME.test(name)) return reply.callNotFound();
      return reply.sendFile(`assets/${name}`);
    });
  }

  const sync = attachSyncEndpoint(
    app.server,
    hub,
    {
      originAllowed: (req) => isAllowedOrigin(req, config.publicOrigin, false),
      accessWatch: planAccess,
      // Engine.IO's own test: the raw request target begins with the path and a slash.
      claimedElsewhere: (req) => (req.url ?? '').startsWith(`${SOCKET_IO_PATH}/`),
      admit: (req, url, documentId) => admitPlanSocket(database.db, url.searchParams.get('token') ?? readCookie(req.headers.cookie, SESSION_COOKIE), documentId),
    },
    config.limits,
  );

  // Before the HTTP server stops: close live sockets (1012 so clients reconnect elsewhere) and flush the log.
  // One budget for the whole shutdown, inside the 10 s a process gets: flushing the log first (it is what "saved"
  // promised), then projections, then the database close cancels whatever still runs (a fold, a late pass).
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
    recheck.stop();
    vacuumStopped = vacuum?.stop(); // no new vacuum while the log flushes
    sync.close();
    // Transports closed, not the sockets disconnected: clients treat the first as a dropped connection and
    // reconnect (to this node once it restarts, or another); "io server disconnect" would end them for good.
    socket.io.engine.close();
    await step('flush and fold the update log', async () => {
      const pending = hub.updateLog.pending;
      if (await hub.shutdown(CLOSE.restart)) return;
      // Never reported saved, so their clients still hold them and resend them on reconnect: said loudly all the same.
      unsavedAtShutdown = hub.updateLog.pending || pending || 1;
      app.log.error({ unsaved: unsavedAtShutdown }, 'stopping with updates the database did not take (never reported saved; their clients resend them)');
    });
    await step('finish projections', () => projection.stop(left(7500)));
    // Next Fastify waits for the HTTP server's connections to end. Everything acknowledged is stored by now, so a
    // connection still open 3 s later (past the WebSocket close grace), or 8 s into the shutdown, is destroyed: a
    // client that never finishes its close handshake or its request must not hold the process.
    trace.enter('wait for open connections to close');
    lingering = setTimeout(() => {
      const n = trace.destroyOpenSockets();
      if (n) app.log.warn({ connections: n }, 'connections still open at shutdown were destroyed');
    }, Math.min(3000, left(8000))).unref();
  });
  const digest = config.digest?.enabled ? startDailyDigest(database.db, createMailSender(config.digest, app.log), { hourUtc: config.digest.hourUtc, publicOrigin: config.publicOrigin }, app.log) : undefined;
  app.addHook('onClose', async () => {
    digest?.stop();
    clearTimeout(lingering);
    await step('stop the export, diff, restore and compaction workers', () => Promise.all([exportRenderer.close(), textDiffer.close(), planRestorer.close(), folder.close()]));
    await step('close the cluster bus', () => bus.close());
    await step('finish a running vacuum', async () => vacuumStopped ?? vacuum?.stop());
    perIp.close();
    metrics.close();
    await step('close the database', () => database.close(shutdownStarted ? Math.max(0.5, left(9000) / 1000) : undefined));
    trace.enter('closed');
  });

  return { app, services, shutdownState: () => trace.describe(), unsavedAtShutdown: () => unsavedAtShutdown, routeDocs: router.docs };
}
