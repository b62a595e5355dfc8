import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startServerProcess } from '../helpers/serverProcess.js';
import { serverCommand } from '../setup/serverBundle.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the server with `env` and resolves its exit code and everything it printed. */
function runWith(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, serverCommand(), { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running with a bad environment: ${output}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('environment', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('exits non-zero before listening and names every bad variable, HOST and an unusable DATA_DIR included', { timeout: 90_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'enlace-env-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const { code, output } = await runWith({
      PORT: 'not-a-port',
      HOST: 'bad host!',
      DATA_DIR: join(file, 'data'),
      REDIS_URL: 'http://not-redis',
      REDIS_STALL_MS: '100',
      TRUST_PROXY: 'every proxy!',
      PUBLIC_ORIGIN: 'nowhere',
      DATABASE_URL: 'mysql://not-postgres',
    });
    expect(code).not.toBe(0);
    const summary = output.split('\n').find((l) => l.includes('fix these environment variables')) ?? output;
    for (const name of ['PORT', 'HOST', 'DATA_DIR', 'REDIS_URL', 'REDIS_STALL_MS', 'PUBLIC_ORIGIN', 'TRUST_PROXY', 'DATABASE_URL']) expect(summary).toContain(name);
    expect(output).toContain('Invalid REDIS_STALL_MS: must be from 500 to 600000 (milliseconds)');
    expect(output).not.toContain('Server listening');
  });

  it('takes numbers in decimal digits only, and dotted digits only as an IPv4 address', { timeout: 90_000 }, async () => {
    // A TRUST_PROXY entry that is no address threw Fastify's stack trace at start, past the list.
    const { code, output } = await runWith({ PORT: '0x10', HOST: '999.1.1.1', DIGEST_HOUR_UTC: '1e1', REDIS_STALL_MS: ' 900', TRUST_PROXY: 'notanip' });
    expect(code).not.toBe(0);
    const summary = output.split('\n').find((l) => l.includes('fix these environment variables')) ?? output;
    expect(summary).toBe('Enlace cannot start; fix these environment variables: PORT, HOST, REDIS_STALL_MS, DIGEST_HOUR_UTC, TRUST_PROXY');
    expect(output).not.toContain('invalid IP address');
    expect(output).toContain('Invalid PORT: must be a port number from 1 to 65535');
  });

  it('says why it cannot listen (port taken, address not here) without a stack trace, and exits non-zero', { timeout: 120_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'enlace-env-'));
    const port = await freePort();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      // Addresses, ranges (a prefix or a netmask) and names in TRUST_PROXY are taken.
      const busy = await runWith({ PORT: String(port), DATA_DIR: join(dir, 'one'), TRUST_PROXY: '10.0.0.0/8, 192.168.0.0/255.255.0.0, ::1, fd00::/8, loopback' });
      expect(busy.code).toBe(1);
      expect(busy.output).toContain(`Enlace cannot listen on 127.0.0.1:${port} (EADDRINUSE): another process uses that port; set PORT to a free one`);
      expect(busy.output).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
    // TEST-NET-3: an address no machine here has.
    const elsewhere = await runWith({ PORT: String(port), HOST: '203.0.113.7', DATA_DIR: join(dir, 'two') });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.output).toContain(`Enlace cannot listen on 203.0.113.7:${port} (EADDRNOTAVAIL): set HOST to an address of this machine (0.0.0.0 for all)`);
    expect(elsewhere.output).not.toMatch(/\n\s+at /);
  });

  it('says a PostgreSQL that does not answer cannot be used, naming DATABASE_URL without its password or a stack trace', { timeout: 90_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'enlace-env-'));
    const closed = await freePort();
    const { code, output } = await runWith({ PORT: String(await freePort()), DATA_DIR: dir, DATABASE_URL: `postgres://enlace:secreto-de-prueba@127.0.0.1:${closed}/enlace` });
    expect(code).toBe(1);
    expect(output).toContain(`Enlace cannot start: the database at 127.0.0.1:${closed}/enlace does not answer (ECONNREFUSED): check DATABASE_URL and that PostgreSQL is running and reachable from here`);
    expect(output).not.toContain('secreto-de-prueba');
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('refuses, each on its own, a PUBLIC_ORIGIN that is not an http(s) origin', { timeout: 240_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'enlace-env-'));
    // Everything else is good (a free port, a writable folder): were the value accepted, the server would start.
    const port = await freePort();
    const good = { PORT: String(port), DATA_DIR: dir, PUBLIC_ORIGIN: `http://localhost:${port}` };
    for (const [name, value] of [
      ['PUBLIC_ORIGIN', 'ftp://x'],
      ['PUBLIC_ORIGIN', `http://localhost:${port}/app`],
      ['PUBLIC_ORIGIN', `http://localhost:${port}/?next=1`],
      ['PUBLIC_ORIGIN', `http://ana:secret@localhost:${port}`],
    ]) {
      const { code, output } = await runWith({ ...good, [name]: value });
      expect(code, `${name}=${value}: ${output}`).toBe(1);
      const summary = output.split('\n').find((l) => l.includes('fix these environment variables'));
      expect(summary, `${name}=${value}`).toBe(`Enlace cannot start; fix these environment variables: ${name}`);
    }
  });

  it('refuses a second Enlace on the same DATA_DIR before touching the database, and the first carries on', { timeout: 120_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'enlace-env-'));
    const first = await startServerProcess({ DATA_DIR: dir });
    try {
      const port = await freePort();
      const { code, output } = await runWith({ DATA_DIR: dir, PORT: String(port), PUBLIC_ORIGIN: `http://127.0.0.1:${port}` });
      expect(code).toBe(1);
      expect(output).toContain(`Enlace cannot start: Another process (pid `);
      expect(output).toContain(`is using the database in ${join(dir, 'pglite')}`);
      expect(output).not.toContain('Server listening');
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    } finally {
      await first.kill('SIGTERM');
    }
  });
});
