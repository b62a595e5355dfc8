/** Awareness: every client moves its caret once a second; receivers record how long a caret took to arrive. */
import * as Y from 'yjs';
import { connectMany, type BenchClient, type Target } from './connect.js';
import { now, sleep, type Handler } from './common.js';
import { getBody } from '../../shared/planModel.js';

let clients: BenchClient[] = [];
let latencies: number[] = [];

/** Connects `perRoom` clients with presence to each document. */
const connect = async (args: { target: Target; docs: string[]; perRoom: number }): Promise<number> => {
  const names = args.docs.flatMap((d) => Array(args.perRoom).fill(d) as string[]);
  clients = await connectMany(args.target, names, { awareness: true, parallel: 40 });
  latencies = [];
  clients.forEach((c, i) => {
    const aw = c.awareness;
    if (!aw) return;
    aw.setLocalStateField('user', { name: `Bench ${i}`, color: '#cc3366' });
    aw.on('update', ({ updated }: { updated: number[] }, origin: unknown) => {
      if (origin === 'local') return;
      const at = now();
      for (const id of updated) {
        if (id === c.doc.clientID) continue;
        const t = (aw.getStates().get(id)?.cursor as { t?: number } | undefined)?.t;
        if (typeof t === 'number') latencies.push(at - t);
      }
    });
  });
  return clients.length;
};

/** Moves every caret at `hz` for `durationMs` (phases spread); returns carets sent and arrival latencies. */
const move = async (args: { hz: number; durationMs: number }) => {
  latencies = [];
  let sent = 0;
  const timers: NodeJS.Timeout[] = [];
  const period = 1000 / args.hz;
  for (const c of clients) {
    const aw = c.awareness;
    if (!aw) continue;
    const body = getBody(c.doc);
    const step = (): void => {
      const index = Math.floor(Math.random() * (body.length + 1));
      const pos = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(body, index));
      aw.setLocalStateField('cursor', { anchor: pos, head: pos, t: now() });
      sent++;
    };
    timers.push(
      setTimeout(() => {
        step();
        timers.push(setInterval(step, period));
      }, Math.random() * period),
    );
  }
  await sleep(args.durationMs);
  for (const t of timers) clearInterval(t);
  await sleep(1000);
  return { sent, latencies: Float64Array.from(latencies), closes: clients.flatMap((c) => c.closeCodes) };
};

export const awarenessHandlers: Record<string, Handler> = {
  'awareness.connect': connect,
  'awareness.move': move,
};
