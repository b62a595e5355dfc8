import { once } from 'node:events';
import { createServer, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TurnCoalescer } from './writeCoalescing.js';

/** A connected loopback pair: writes go to `sender`, bytes arrive at `receiver`. */
async function socketPair(): Promise<{ sender: Socket; receiver: Socket; close(): void }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const receiver = connect(port, '127.0.0.1');
  await once(receiver, 'connect');
  const [sender] = await accepted;
  return { sender, receiver, close: () => { sender.destroy(); receiver.destroy(); server.close(); } };
}

describe('TurnCoalescer', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('writes a first broadcast at once and holds repeats of the same turn for one write, in order', async () => {
    const pair = await socketPair();
    close = pair.close;
    const coalescer = new TurnCoalescer();
    const doc = {};
    const writes: number[] = [];
    const plainWrite = pair.sender._write.bind(pair.sender);
    const plainWritev = pair.sender._writev!.bind(pair.sender);
    pair.sender._write = (chunk, enc, cb) => { writes.push(1); plainWrite(chunk, enc, cb); };
    pair.sender._writev = (chunks, cb) => { writes.push(chunks.length); plainWritev(chunks, cb); };
    const received: Buffer[] = [];
    pair.receiver.on('data', (d: Buffer) => received.push(d));

    const send = (text: string) => {
      if (coalescer.repeatInTurn(doc)) coalescer.cork(pair.sender);
      pair.sender.write(Buffer.from(text));
    };
    send('uno,');
    expect(writes).toEqual([1]); // no added latency for a lone broadcast
    send('dos,');
    send('tres,');
    send('cuatro');
    expect(pair.sender.writableCorked).toBe(1);
    expect(writes).toEqual([1]);

    await new Promise((r) => setImmediate(r));
    expect(pair.sender.writableCorked).toBe(0);
    expect(writes).toEqual([1, 3]); // the three repeats left in one writev
    await new Promise<void>((resolve) => {
      const check = () => (Buffer.concat(received).length === 'uno,dos,tres,cuatro'.length ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(Buffer.concat(received).toString()).toBe('uno,dos,tres,cuatro');

    // A new turn: the first broadcast is written at once again.
    send('cinco');
    expect(writes).toEqual([1, 3, 1]);
    expect(pair.sender.writableCorked).toBe(0);
  });

  it('keeps documents apart: one document’s first broadcast in a turn is not held back by another’s', async () => {
    const coalescer = new TurnCoalescer();
    expect(coalescer.repeatInTurn({})).toBe(false);
    const other = {};
    expect(coalescer.repeatInTurn(other)).toBe(false);
    expect(coalescer.repeatInTurn(other)).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(coalescer.repeatInTurn(other)).toBe(false);
  });
});
