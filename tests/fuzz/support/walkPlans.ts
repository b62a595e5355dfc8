/** The walk's plan sockets: who may open one (and how it is refused), writes that land, writes that are dropped. */
import { WebSocket } from 'ws';
import { getActivities, insertActivity, type Activity } from '../../../shared/planModel.js';
import type { TestServer } from '../../helpers/server.js';
import { connectYjs, waitSynced } from '../../helpers/yjsClient.js';

/**
 * Opens a plan socket and resolves 'open' once the server speaks on it (its sync step 1), or the close code it was
 * refused with. A refusal completes the WebSocket handshake before closing, so the handshake alone says nothing.
 * `closed` resolves with the close code whenever the socket closes.
 */
export function admission(server: TestServer, documentId: string, token: string | undefined): Promise<{ ws: WebSocket; result: 'open' | number; closed: Promise<number> }> {
  const ws = new WebSocket(`${server.wsUrl}/yjs/${documentId}${token ? `?token=${token}` : ''}`);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  // A refusal also reports an error before the close; the close code is what is checked.
  ws.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`plan socket ${documentId}: neither open nor closed in 5 s`)), 5000);
    ws.once('message', () => {
      clearTimeout(timer);
      resolve({ ws, result: 'open', closed });
    });
    void closed.then((code) => {
      clearTimeout(timer);
      resolve({ ws, result: code, closed });
    });
  });
}

/** The close code of `closed`, or 'still open' after `ms`. */
export function closesWithin(closed: Promise<number>, ms: number): Promise<number | 'still open'> {
  return Promise.race([closed, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), ms))]);
}

/** The activity ids a fresh, synced reader of the plan gets. */
export async function storedActivityIds(server: TestServer, documentId: string, token: string): Promise<string[]> {
  const reader = connectYjs(server.wsUrl, documentId, token);
  try {
    await waitSynced(reader);
    return getActivities(reader.doc)
      .toArray()
      .map((row) => String(row.get('id')));
  } finally {
    reader.destroy();
  }
}

/**
 * Adds activity rows through a stock client of `token`. `settle` waits for what the write should lead to (the
 * matrix showing them, or enough time for a dropped write to have been dropped) while the socket is still open.
 */
export async function writeActivities(server: TestServer, documentId: string, token: string, rows: Array<Partial<Activity> & { id: string }>, settle: () => Promise<void>): Promise<void> {
  const client = connectYjs(server.wsUrl, documentId, token);
  try {
    await waitSynced(client);
    client.doc.transact(() => rows.forEach((row) => insertActivity(client.doc, row)));
    await settle();
  } finally {
    client.destroy();
  }
}
