/** One session's live connections (a plan socket and Socket.IO), for tests of what ends them. */
import type { Socket } from 'socket.io-client';
import type { TestServer } from './server.js';
import { closeCode, connectEvents, connectYjs, recordEvents, waitSynced, type YClient } from './yjsClient.js';

/** A live plan socket and Socket.IO connection of one session, and what they hear. */
export interface LiveSession {
  plan: YClient;
  planClosed: Promise<number>;
  events: Socket;
  heard: Array<{ event: string; payload: any }>;
  disconnected: () => boolean;
}

/** Opens a synced plan socket and a Socket.IO connection joined to the group, with `token`. */
export async function openLiveSession(server: TestServer, token: string, workspaceId: string, documentId: string): Promise<LiveSession> {
  const plan = connectYjs(server.wsUrl, documentId, token);
  await waitSynced(plan);
  const planClosed = closeCode(plan.provider.ws as unknown as import('ws').WebSocket, 5000);
  const events = await connectEvents(server.url, token, workspaceId);
  const heard = recordEvents(events, ['access:revoked']);
  let gone = false;
  events.on('disconnect', () => (gone = true));
  return { plan, planClosed, events, heard, disconnected: () => gone };
}

/** Closes what `openLiveSession` opened. */
export function closeLive(...sessions: LiveSession[]): void {
  for (const s of sessions) {
    s.plan.destroy();
    s.events.close();
  }
}
