/** Listens for Enlace's `document:saved` on Socket.IO, to know when a plan is stored before a restart. */
import * as Y from 'yjs';
import { io } from 'socket.io-client';
import type { ServerHandle } from './launch.js';

/** A live subscription to one plan's `document:saved` events. */
export interface SavedWatch {
  waitCovers(stateVector: Uint8Array, timeoutMs: number): Promise<boolean>;
  close(): void;
}

/** Joins the server's bench workspace and tracks the latest stored state vector of `documentId`. */
export async function watchSaved(server: ServerHandle, documentId: string): Promise<SavedWatch> {
  const session = server.enlace;
  if (!session) throw new Error('watchSaved needs an Enlace server');
  const socket = io(server.httpUrl, { auth: { token: session.token }, transports: ['websocket'] });
  let stored = new Map<number, number>();
  socket.on('document:saved', (msg: { documentId: string; stateVector: string }) => {
    if (msg.documentId === documentId) stored = Y.decodeStateVector(Buffer.from(msg.stateVector, 'base64'));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  await socket.emitWithAck('workspace:join', { workspaceId: session.workspaceId });
  const covered = (sv: Map<number, number>): boolean => [...sv].every(([c, clock]) => (stored.get(c) ?? 0) >= clock);
  return {
    async waitCovers(stateVector, timeoutMs) {
      const sv = Y.decodeStateVector(stateVector);
      const deadline = Date.now() + timeoutMs;
      while (!covered(sv)) {
        if (Date.now() > deadline) return false;
        await new Promise((r) => setTimeout(r, 20));
      }
      return true;
    },
    close: () => void socket.close(),
  };
}
