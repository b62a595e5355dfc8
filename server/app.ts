/** Builds the Fastify app from a config object: no env reads, no listen (tests build it in-process). */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../db/client.js';
import { TableVacuum } from '../db/tableVacuum.js';
import { documents } from '../db/schema.js';
import { installShutdown } from './appShutdown.js';
import { bearerToken, readCookie, SESSION_COOKIE } from './auth/tokens.js';
import { serveClientFiles } from './clientFiles.js';
import type { ServerConfig } from './config.js';
import { createFastify } from './fastifyInstance.js';
import { dropSilentConnections } from './http/idleConnections.js';
import { isAllowedOrigin } from './http/origin.js';
import { ShutdownTrace } from './http/shutdownTrace.js';
import { createRouter, type RouteDoc } from './http/pipeline.js';
import { addSecurityHeaders, limitRequestsPerAddress } from './httpProtections.js';
import { startActivityProjection } from './matrix/activityProjection.js';
import { ProjectionCatchUp } from './matrix/projectionCatchUp.js';
import { ExportRenderer } from './exports/exportRenderer.js';
import { registerNodeMetrics } from './nodeMetrics.js';
import { PlanRestorer } from './versions/planRestorer.js';
import { TextDiffer } from './versions/textDiffer.js';
import { createStateFolder } from './sync/stateFolder.js';
import { registerBusMetrics } from './observability/busMetrics.js';
import { Metrics } from './observability/metrics.js';
import { admitPlanSocket } from './policies/planSocketAdmission.js';
import { startAccessRecheck } from './realtime/accessRecheck.js';
import { PlanWriteAccess } from './realtime/planWriteAccess.js';
import { MemoryPresenceStore } from './realtime/presenceStore.js';
import { workspaceRoom, userRoom } from './realtime/socketRooms.js';
import { createSocketServer, SOCKET_IO_PATH } from './realtime/socketServer.js';
import { startActionReminders } from './notifications/actionReminders.js';
import { startDailyDigest } from './notifications/digest.js';
import { createMailSender } from './notifications/mailSender.js';
import { registerRoutes } from './routes/index.js';
import { registerSystemRoutes } from './routes/system/routes.js';
import type { AppServices } from './services.js';
import { createClusterBus } from './sync/createClusterBus.js';
import { DocumentHub } from './sync/documentHub.js';
import { StaleBaseEdits } from './versions/staleBaseEdits.js';
import { storedStateReader } from './sync/documentStore.js';
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

/** Creates the whole server (HTTP, Yjs WebSocket, Socket.IO) from a config. */
export async function buildApp(config: ServerConfig): Promise<BuiltApp> {
  const app = createFastify(config);

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
  // Passes a node killed between a save and its pass never ran: projected again after a start and when a node goes.
  new ProjectionCatchUp(database.db, projection, app.log).watch(bus, config.limits.projectionCatchUpAfterStartMs);
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

  // Embedded PGlite has no autovacuum: without this, dead rows (each compaction's log rows, each rewritten
  // snapshot) were never reclaimed. Saves come first: no vacuum starts while they wait.
  const vacuum =
    database.kind === 'pglite'
      ? new TableVacuum(database.db, { intervalMs: config.limits.vacuumCheckMs, busy: () => hub.updateLog.lagMs > 250 || hub.updateLog.failing, log: app.log })
      : undefined;
  registerNodeMetrics(metrics, { hub, socketIo: socket.io, vacuum });
  // PostgreSQL is the record of access: live sockets are re-checked against it (a revocation lost in a Redis outage).
  const planAccess = new PlanWriteAccess({ db: database.db, hub, io: socket.io, log: app.log }).listen(bus);
  const recheck = startAccessRecheck({ db: database.db, hub, io: socket.io, presence, bus, log: app.log, planAccess, onLeft: (w) => void socket.broadcastPresence(w).catch((err: unknown) => app.log.warn({ err }, 'presence broadcast failed')) });
  registerBusMetrics(metrics, bus, recheck);

  // REST rate limit per client address; 429 in the contract's shape.
  const perIp = limitRequestsPerAddress(app, config.limits.requestsPerMinute, metrics);
  await addSecurityHeaders(app, config.publicOrigin);

  const router = createRouter(app, services);
  registerRoutes(router.route, services, app.log);
  registerSystemRoutes(app, services, router.docs);

  await serveClientFiles(app, config.clientDir);

  const sync = attachSyncEndpoint(
    app.server,
    hub,
    {
      originAllowed: (req) => isAllowedOrigin(req, config.publicOrigin, false),
      accessWatch: planAccess,
      // Engine.IO's own test: the raw request target begins with the path and a slash.
      claimedElsewhere: (req) => (req.url ?? '').startsWith(`${SOCKET_IO_PATH}/`),
      // The contract's ?token=, else the Authorization header a non-browser client may send, else the session cookie.
      admit: (req, url, documentId) =>
        admitPlanSocket(database.db, url.searchParams.get('token') ?? bearerToken(req.headers.authorization) ?? readCookie(req.headers.cookie, SESSION_COOKIE), documentId),
    },
    config.limits,
  );

  const digest = config.digest?.enabled ? startDailyDigest(database.db, createMailSender(config.digest, app.log), { hourUtc: config.digest.hourUtc, publicOrigin: config.publicOrigin }, app.log) : undefined;
  const reminders = config.actionReminders?.enabled ? startActionReminders(database.db, services.events, config.actionReminders, app.log) : undefined;
  const shutdown = installShutdown(app, {
    trace,
    accessRecheck: recheck,
    vacuum,
    sync,
    socketIo: socket.io,
    hub,
    projection,
    digest,
    reminders,
    workers: [exportRenderer, textDiffer, planRestorer, folder],
    bus,
    perIp,
    metrics,
    database,
  });

  return { app, services, shutdownState: () => trace.describe(), unsavedAtShutdown: shutdown.unsavedAtShutdown, routeDocs: router.docs };
}
