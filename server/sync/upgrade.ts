/**
 * The `/yjs/:documentId` WebSocket endpoint: authenticate and authorize the upgrade through hooks,
 * load the document, then hand the socket to the hub. Refusals close with the contract's codes.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Limits } from '../../shared/constants.js';
import { idSchema } from '../../shared/schemas.js';
import type { DocumentHub } from './documentHub.js';
import { CLOSE } from './protocol.js';
import { CLOSE_GRACE_MS, SyncConnection } from './syncConnection.js';
import type { SyncIdentity } from './connectionHooks.js';

export type Admission = { ok: true; identity: SyncIdentity; workspaceId: string; canWrite: boolean } | { ok: false; code: number; reason: string };

/** Where auth plugs into the sync core. */
export interface SyncHooks {
  /**
   * Who is connecting (token query parameter or session cookie), may they open this document, and write to it?
   * `documentId` is undefined when the path cannot name a document. Refusals carry the close code (4401, 4404, 4403).
   */
  admit(req: IncomingMessage, url: URL, documentId: string | undefined): Promise<Admission>;
  /** Is the request's Origin acceptable (browsers)? */
  originAllowed(req: IncomingMessage): boolean;
  onMessage?(bytes: number): void;
  /** Role changes and revocations heard so far, and a re-read of one user's access (and session) for their plan sockets here. */
  accessWatch?: { epoch(): number; recheck(userId: string, workspaceId: string, sessionHash: string): void };
  /** Is this upgrade another endpoint's (Socket.IO's path)? Upgrades nobody claims are answered 404 here. */
  claimedElsewhere?(req: IncomingMessage): boolean;
}

export const YJS_PATH_PREFIX = '/yjs/';

// Named, not a closure per upgrade: a closure would keep the request, its headers and URL alive for as long as
// the socket lives (about 1 kB per connection). ws installs its own error handling once it owns the socket.
function destroyOnError(this: Duplex): void {
  this.destroy();
}

/**
 * Answers an upgrade with a bare HTTP status and closes it. Node takes its own error handler off a socket it hands
 * to upgrade listeners, so one is put back first: a client resetting before the answer is written is not a crash.
 */
function answerAndClose(socket: Duplex, status: string, extraHeaders = ''): void {
  socket.on('error', destroyOnError);
  socket.end(`HTTP/1.1 ${status}\r\n${extraHeaders}Connection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}

/** The request target as a URL, or undefined when it is not one (`GET http://[ …` parses as HTTP but not as a URL). */
function targetOf(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://local');
  } catch {
    return undefined;
  }
}

/**
 * The document id in a `/yjs/:documentId` path, or undefined when it cannot be one (a malformed escape, a NUL, more
 * segments: `/yjs/<id>/x` names no plan, so it opens none, as REST answers 404 for a path it does not have).
 */
function documentIdOf(pathname: string): string | undefined {
  let id: string;
  try {
    id = decodeURIComponent(pathname.slice(YJS_PATH_PREFIX.length));
  } catch {
    return undefined;
  }
  return idSchema.safeParse(id).success ? id : undefined;
}

/** Attaches the Yjs endpoint to the HTTP server; returns a function that stops it. */
export function attachSyncEndpoint(server: Server, hub: DocumentHub, hooks: SyncHooks, limits: Limits): { close(): void } {
  // clientTracking off: the hub already tracks every connection; ws's own Set would be a second copy.
  // The socket takes a catch-up's size; SyncConnection holds every other frame to maxFrameBytes.
  const maxPayload = Math.max(limits.maxFrameBytes, limits.maxUnsavedBytes);
  const wss = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: false, clientTracking: false });
  let pending = 0;
  let closing = false;
  // One hooks object for every connection (closures created per upgrade would retain the upgrade's request).
  const connectionHooks = {
    // An update larger than the byte bound is still taken when nothing waits (a reconnecting client's catch-up is
    // one update of everything it has): refused then, it could never be stored.
    acceptingWrites: (bytes: number) => {
      const log = hub.updateLog;
      return log.pending === 0 || (log.pending < limits.maxUnsavedUpdates && log.pendingBytes + bytes <= limits.maxUnsavedBytes);
    },
    onClose: (c: SyncConnection) => hub.detach(c),
    onBroken: (c: SyncConnection, err: unknown) => hub.discard(c.live, err),
    onMessage: hooks.onMessage,
    onReturningSync: (c: SyncConnection, vector: Map<number, number>, resent?: Uint8Array) => hub.returningSynced(c, vector, resent),
  };

  // A refused client that never answers the close handshake is dropped after a short grace, not ws's 30 s.
  const refuse = (req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string) =>
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      ws.close(code, reason);
      setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
    });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = targetOf(req);
    if (!url) {
      // Thrown here, the parse error would be uncaught and end the process: one bad request line, every client gone.
      answerAndClose(socket, '400 Bad Request');
      return;
    }
    if (!url.pathname.startsWith(YJS_PATH_PREFIX)) {
      // Node leaves an upgrade to its listeners: one nobody claims (`/foo`, `/yjs` without an id) got no answer at
      // all and held its socket open for as long as the client liked.
      if (!hooks.claimedElsewhere?.(req)) answerAndClose(socket, '404 Not Found');
      return;
    }
    // While the server shuts down, a client reconnecting at once (its socket was just closed with 1012) is told
    // to go elsewhere and its socket is closed outright: left to another upgrade handler, it lingered and held
    // the HTTP server's close (and the process) for 10 s.
    if (closing || pending >= limits.maxPendingUpgrades) {
      answerAndClose(socket, '503 Service Unavailable', 'Retry-After: 1\r\n');
      return;
    }
    socket.on('error', destroyOnError);
    pending++;
    void (async () => {
      let released = false;
      const release = () => {
        if (!released) {
          released = true;
          pending--;
        }
      };
      try {
        const documentId = documentIdOf(url.pathname);
        if (!hooks.originAllowed(req)) return refuse(req, socket, head, CLOSE.forbidden, 'origin not allowed');
        const heard = hooks.accessWatch?.epoch();
        // Not an id at all (a NUL would make the database fail, read as 1011): the token is checked, then 4404.
        const auth = await hooks.admit(req, url, documentId);
        if (!auth.ok) return refuse(req, socket, head, auth.code, auth.reason);
        if (documentId === undefined) return refuse(req, socket, head, CLOSE.notFound, 'no such document');
        const identity = auth.identity;
        let live;
        try {
          live = await hub.acquire(documentId, auth.workspaceId);
        } catch {
          return refuse(req, socket, head, CLOSE.internal, 'document could not be loaded; retry');
        }
        if (socket.destroyed) return;
        wss.handleUpgrade(req, socket, head, (ws) => {
          socket.off('error', destroyOnError);
          // live.workspaceId: one string shared by every connection to the plan, not a copy per connection.
          hub.attach(new SyncConnection(ws, live, identity, live.workspaceId, auth.canWrite, limits, connectionHooks));
          // A role change, removal or sign-out heard while this upgrade was being authorized may postdate what authorize read.
          if (hooks.accessWatch && hooks.accessWatch.epoch() !== heard) hooks.accessWatch.recheck(identity.userId, auth.workspaceId, identity.sessionHash);
        });
      } catch {
        // Authentication or authorization could not be checked (database unreachable): refuse with 1011 so the
        // client retries, rather than a bare reset. Nothing was loaded, so nothing can be stored.
        if (socket.destroyed) return;
        try {
          refuse(req, socket, head, CLOSE.internal, 'temporarily unavailable; retry');
        } catch {
          socket.destroy();
        }
      } finally {
        release();
      }
    })();
  };

  server.on('upgrade', onUpgrade);
  return {
    close: () => {
      closing = true;
      wss.close();
    },
  };
}
