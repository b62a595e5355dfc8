/** Durable: an editor types at a steady rate; a Socket.IO listener times each edit until `document:saved` covers it. */
import * as Y from 'yjs';
import { io } from 'socket.io-client';
import { connectClient, withTimeout, type Target } from './connect.js';
import { now, sleep, waitUntil, type Handler } from './common.js';
import { getBody } from '../../shared/planModel.js';

interface Saved {
  documentId: string;
  stateVector: string;
}

/** Edits at `rate`/s for `durationMs`; returns edit → covering `document:saved` latencies in ms. */
const run = async (args: { target: Target; httpUrl: string; workspaceId: string; doc: string; rate: number; durationMs: number; graceMs: number }) => {
  const socket = io(args.httpUrl, { auth: { token: args.target.token }, transports: ['websocket'], reconnection: false });
  const client = connectClient(args.target, args.doc, { awareness: false });
  const pending: Array<{ clock: number; at: number }> = [];
  const latencies: number[] = [];
  let events = 0;
  socket.on('document:saved', (msg: Saved) => {
    if (msg.documentId !== args.doc) return;
    events++;
    const at = now();
    const sv = Y.decodeStateVector(Buffer.from(msg.stateVector, 'base64'));
    const stored = sv.get(client.doc.clientID) ?? 0;
    while (pending.length > 0 && pending[0].clock <= stored) latencies.push(at - (pending.shift() as { at: number }).at);
  });
  try {
    await withTimeout(new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    }), 10_000, 'Socket.IO connect');
    const ack = await withTimeout(socket.emitWithAck('workspace:join', { workspaceId: args.workspaceId }), 10_000, 'workspace:join ack');
    if (!ack || (ack as { ok?: boolean }).ok !== true) throw new Error(`workspace:join refused: ${JSON.stringify(ack)}`);
    await client.synced;
    const body = getBody(client.doc);
    const para = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    para.insert(0, [text]);
    body.insert(body.length, [para]);
    await sleep(500);
    pending.length = 0;
    const total = Math.round((args.rate * args.durationMs) / 1000);
    const start = now();
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / args.rate - now();
      if (wait > 0) await sleep(wait);
      const at = now();
      text.insert(text.length, 'x');
      pending.push({ clock: Y.getState(client.doc.store, client.doc.clientID), at });
    }
    await waitUntil(() => pending.length === 0, args.graceMs, 20);
    return { latencies: Float64Array.from(latencies), edits: total, unconfirmed: pending.length, events, closes: client.closeCodes };
  } finally {
    socket.close();
    client.destroy();
  }
};

export const durableHandlers: Record<string, Handler> = {
  'durable.run': run,
};
