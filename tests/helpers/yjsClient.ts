/** Stock y-websocket clients for tests. */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { io, type Socket } from 'socket.io-client';

export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** Connects a stock WebsocketProvider (no auto-reconnect unless asked). */
export function connectYjs(wsUrl: string, documentId: string, token: string | undefined, opts: { connect?: boolean; reconnect?: boolean; doc?: Y.Doc } = {}): YClient {
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/yjs`, documentId, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: opts.connect ?? true,
    disableBc: true,
    maxBackoffTime: 500,
  });
  if (opts.reconnect === false) provider.shouldConnect = true;
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when the provider has synced with the server. */
export function waitSynced(client: YClient, timeoutMs = 10000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('not synced in time')), timeoutMs);
    const handler = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(t);
      client.provider.off('sync', handler);
      resolve();
    };
    client.provider.on('sync', handler);
  });
}

/** Polls until the predicate holds. */
export async function waitFor(pred: () => boolean | Promise<boolean>, timeoutMs = 10000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Opens a raw WebSocket and resolves with its close code (or 'open' if it stays open for holdMs). */
export function rawSocket(url: string, headers: Record<string, string> = {}): WebSocket {
  return new WebSocket(url, { headers });
}

/** Waits for a WebSocket to close; resolves with the code. */
export function closeCode(ws: WebSocket, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
    ws.on('close', (code) => {
      clearTimeout(t);
      resolve(code);
    });
    ws.on('error', () => undefined);
  });
}

/** A Socket.IO client authenticated by token, joined to a workspace. */
export async function connectEvents(url: string, token: string, workspaceId?: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  if (workspaceId) {
    const ack = (await socket.timeout(5000).emitWithAck('workspace:join', { workspaceId })) as { ok?: boolean; error?: unknown };
    if (!ack.ok) throw new Error(`join failed: ${JSON.stringify(ack)}`);
  }
  return socket;
}

/** Records every event of given names a socket receives. */
export function recordEvents(socket: Socket, names: string[]): Array<{ event: string; payload: any }> {
  const seen: Array<{ event: string; payload: any }> = [];
  for (const name of names) socket.on(name, (payload: unknown) => seen.push({ event: name, payload }));
  return seen;
}

/** True when the server's stored state vector covers everything this doc's own client wrote. */
export function coveredBy(doc: Y.Doc, storedStateVectorBase64: string): boolean {
  const stored = Y.decodeStateVector(new Uint8Array(Buffer.from(storedStateVectorBase64, 'base64')));
  const local = Y.decodeStateVector(Y.encodeStateVector(doc));
  return (stored.get(doc.clientID) ?? 0) >= (local.get(doc.clientID) ?? 0);
}
