/** Opens one stock client (y-websocket or Hocuspocus provider) on a document of the server under test. */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import type { ServerKind } from '../servers/launch.js';
import { now } from './common.js';

/** How a load generator reaches the server under test. */
export interface Target {
  kind: ServerKind;
  wsUrl: string;
  token?: string;
}

/** One connected client, whichever provider backs it. */
export interface BenchClient {
  doc: Y.Doc;
  awareness: Awareness | null;
  /** Resolves on the provider's first `synced`. */
  synced: Promise<void>;
  /** Close codes the server sent this client. */
  closeCodes: number[];
  /** Bytes the client socket has queued but not yet handed to the kernel. */
  bufferedAmount(): number;
  /** Whether the socket is open: while it is not, the provider sends nothing and edits only pile up in the document. */
  open(): boolean;
  /** With `timeline`: when (wall clock, as common.ts `now()`) the first message of ≥ 64 kB had arrived, before the provider handled it. */
  timeline: { bigMessageAt: number } | null;
  destroy(): void;
}

/**
 * The size of what Hocuspocus's socket hands its `message` listeners. Its types name `{ event, message }`; version
 * 4.7.0 passes the socket's MessageEvent itself. Either is read.
 */
function messageBytes(payload: unknown): number {
  const event = (payload as { event?: unknown }).event ?? payload;
  const data = (event as { data?: unknown }).data;
  return data instanceof ArrayBuffer || ArrayBuffer.isView(data) ? data.byteLength : 0;
}

/** A message this large is a plan's content (a sync step 2 or its update), not a protocol exchange. */
const BIG_MESSAGE_BYTES = 64 * 1024;

/**
 * Connects a client; with `awareness: false` it shares no presence (a pure reader or writer). With `timeline`, it
 * notes when the plan's content arrived, ahead of the provider's own handling, so a join's time splits into the
 * server's part (to the content's arrival) and the client's (applying it).
 */
export function connectClient(target: Target, docName: string, opts: { awareness: boolean; doc?: Y.Doc; timeline?: boolean }): BenchClient {
  const doc = opts.doc ?? new Y.Doc();
  const closeCodes: number[] = [];
  const timeline = opts.timeline ? { bigMessageAt: NaN } : null;
  const onBytes = timeline
    ? (bytes: number) => {
        if (bytes >= BIG_MESSAGE_BYTES && Number.isNaN(timeline.bigMessageAt)) timeline.bigMessageAt = now();
      }
    : undefined;
  if (target.kind === 'hocuspocus') {
    // One socket per client, as a browser tab would have (the provider can multiplex, but tabs don't share).
    // Its configured onMessage runs before the provider's own listener.
    const socket = new HocuspocusProviderWebsocket({
      url: target.wsUrl,
      WebSocketPolyfill: WebSocket,
      ...(onBytes ? { onMessage: (payload: unknown) => onBytes(messageBytes(payload)) } : {}),
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: docName,
      document: doc,
      token: target.token ?? 'bench',
      awareness: opts.awareness ? undefined : null,
    });
    provider.attach();
    provider.on('close', ({ event }: { event: { code: number } }) => closeCodes.push(event.code));
    const synced = new Promise<void>((resolve) => {
      if (provider.isSynced) resolve();
      else provider.on('synced', () => resolve());
    });
    return {
      doc,
      awareness: provider.awareness,
      synced,
      closeCodes,
      bufferedAmount: () => (socket.webSocket as WebSocket | null)?.bufferedAmount ?? 0,
      open: () => (socket.webSocket as WebSocket | null)?.readyState === WebSocket.OPEN,
      timeline,
      destroy: () => {
        provider.destroy();
        socket.destroy();
        doc.destroy();
      },
    };
  }
  const awareness = new Awareness(doc);
  if (!opts.awareness) awareness.setLocalState(null);
  const provider = new WebsocketProvider(target.wsUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: target.token ? { token: target.token } : {},
    awareness,
    disableBc: true,
  });
  // The provider made its socket in its constructor; a prepended listener runs before the provider's handler.
  const raw = provider.ws as unknown as WebSocket | null;
  if (onBytes && raw) raw.prependListener('message', (data: ArrayBuffer | Buffer) => onBytes(data.byteLength));
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (ok: boolean) => ok && resolve());
  });
  return {
    doc,
    awareness,
    synced,
    closeCodes,
    bufferedAmount: () => (provider.ws as unknown as WebSocket | null)?.bufferedAmount ?? 0,
    open: () => (provider.ws as unknown as WebSocket | null)?.readyState === WebSocket.OPEN,
    timeline,
    destroy: () => {
      provider.destroy();
      awareness.destroy();
      doc.destroy();
    },
  };
}

/** Connects `names.length` clients, at most `parallel` handshakes at a time, and waits for all to sync. */
export async function connectMany(
  target: Target,
  names: string[],
  opts: { awareness: boolean; parallel?: number; timeoutMs?: number },
): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  const parallel = opts.parallel ?? 50;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const c = connectClient(target, names[next++], opts);
      clients.push(c);
      await c.synced;
    }
  };
  await withTimeout(Promise.all(Array.from({ length: Math.min(parallel, names.length) }, worker)), opts.timeoutMs ?? 120_000, 'clients to sync');
  return clients;
}

/** Rejects if `p` has not settled within `ms`. */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
