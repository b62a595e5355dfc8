/** Requests Node's HTTP parser refuses before any route still answer in the contract's error shape. */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface RawAnswer {
  status: number;
  headers: string;
  body: unknown;
  /** The server closed the connection after answering. */
  closed: boolean;
}

/** Sends raw bytes and reads until the server closes the connection (or 5 s pass). */
function sendRaw(port: number, bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within 5 s; got ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`));
    }, 5000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined); // a reset after the answer is fine: the answer is what is checked
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      let body: unknown = rest.join('\r\n\r\n');
      try {
        body = JSON.parse(body as string);
      } catch {
        // left as text: the assertions below then show what came back
      }
      resolve({ status, headers: head, body, closed: true });
    });
    socket.write(bytes);
  });
}

describe('HTTP parse errors answered before any route', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({});
  });
  afterAll(() => server.close());

  it('answers bad chunked encoding with 400 validation_failed and details', async () => {
    const res = await sendRaw(server.port, 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.headers).toMatch(/content-type: application\/json/i);
    expect(res.body).toEqual({ error: { code: 'validation_failed', message: 'The request is not valid HTTP', details: [{ path: 'request', message: 'Malformed chunked encoding' }] } });
    expect(res.closed).toBe(true);
  });

  it('answers Content-Length together with Transfer-Encoding with 400 in the contract shape', async () => {
    const res = await sendRaw(server.port, 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    expect(res.status).toBe(400);
    const body = res.body as { error: { code: string; message: string; details: Array<{ path: string; message: string }> } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details).toEqual([{ path: 'request', message: 'Unsupported Transfer-Encoding, or one together with Content-Length' }]);
    expect(body).not.toHaveProperty('statusCode');
  });

  it('answers an unknown method with 400 in the contract shape', async () => {
    const res = await sendRaw(server.port, 'BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'validation_failed', message: 'The request is not valid HTTP', details: [{ path: 'request', message: 'Unknown HTTP method' }] } });
  });

  it('answers headers over 16 kB with 431 payload_too_large saying the headers are too large', async () => {
    const res = await sendRaw(server.port, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.body).toEqual({ error: { code: 'payload_too_large', message: 'The request headers are too large' } });
  });

  it('still serves well-formed requests afterwards', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('ok');
  });
});
