/** Rooms: many small rooms with presence; in each, a pinger and a ponger time an update round trip. */
import { connectMany, type BenchClient, type Target } from './connect.js';
import { benchMap, now, sleep, type Handler } from './common.js';

interface Room {
  clients: BenchClient[];
}

let rooms: Room[] = [];

/** Connects `perRoom` clients with presence to each document; returns the number connected. */
const connect = async (args: { target: Target; docs: string[]; perRoom: number }): Promise<number> => {
  const names = args.docs.flatMap((d) => Array(args.perRoom).fill(d) as string[]);
  const clients = await connectMany(args.target, names, { awareness: true, parallel: 40 });
  const byDoc = new Map<string, BenchClient[]>();
  clients.forEach((c, i) => {
    c.awareness?.setLocalStateField('user', { name: `Bench ${i}`, color: '#3366cc' });
    const list = byDoc.get(names[i]) ?? [];
    list.push(c);
    byDoc.set(names[i], list);
  });
  rooms = [...byDoc.values()].map((list) => ({ clients: list }));
  return clients.length;
};

/** Each room pings every `intervalMs` for `durationMs`; returns round-trip times in ms. */
const ping = async (args: { durationMs: number; intervalMs: number }) => {
  const rtts: number[] = [];
  let sent = 0;
  const stops: Array<() => void> = [];
  for (const room of rooms) {
    const [pinger, ponger] = room.clients;
    const pingMap = benchMap(pinger.doc);
    const pongMap = benchMap(ponger.doc);
    const outstanding = new Map<number, number>();
    let lastAnswered = -1;
    pongMap.observe((event) => {
      if (event.transaction.local || !event.keysChanged.has('ping')) return;
      const id = pongMap.get('ping');
      if (typeof id === 'number' && id > lastAnswered) {
        lastAnswered = id;
        pongMap.set('pong', id);
      }
    });
    pingMap.observe((event) => {
      if (event.transaction.local || !event.keysChanged.has('pong')) return;
      const id = pingMap.get('pong');
      const t = typeof id === 'number' ? outstanding.get(id) : undefined;
      if (t !== undefined && typeof id === 'number') {
        rtts.push(now() - t);
        outstanding.delete(id);
      }
    });
    let id = 0;
    const tick = (): void => {
      outstanding.set(id, now());
      pingMap.set('ping', id++);
      sent++;
    };
    // Spread the rooms' pings over the interval instead of firing them together.
    const first = setTimeout(() => {
      tick();
      const timer = setInterval(tick, args.intervalMs);
      stops.push(() => clearInterval(timer));
    }, Math.random() * args.intervalMs);
    stops.push(() => clearTimeout(first));
  }
  await sleep(args.durationMs);
  for (const stop of stops) stop();
  await sleep(Math.min(2000, args.intervalMs * 2));
  return {
    rtts: Float64Array.from(rtts),
    sent,
    closes: rooms.flatMap((r) => r.clients.flatMap((c) => c.closeCodes)),
  };
};

export const roomsHandlers: Record<string, Handler> = {
  'rooms.connect': connect,
  'rooms.ping': ping,
};
