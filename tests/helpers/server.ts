/** Boots Enlace in-process for tests, on in-memory PGlite or a fresh PostgreSQL database. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, type BuiltApp } from '../../server/app.js';
import { defineConfig, type ServerConfig } from '../../server/config.js';
import type { Limits } from '../../shared/constants.js';

export interface TestServer extends BuiltApp {
  url: string;
  wsUrl: string;
  port: number;
  config: ServerConfig;
  close(): Promise<void>;
}

export interface TestServerOptions {
  databaseUrl?: string;
  redisUrl?: string;
  /** Keep PGlite on disk here (to restart on the same data). */
  dataDir?: string;
  port?: number;
  limits?: Partial<Limits>;
  clientDir?: string;
  /** Whose X-Forwarded-For is believed (default: the server's own default). */
  trustProxy?: boolean | string;
  /** The browser origin (default: http://localhost:<the port it gets>). */
  publicOrigin?: string;
  /** Log at debug level into this instead of not at all (tests that read what is logged). */
  logDestination?: { write(line: string): void };
}

/** Starts a server on a free loopback port. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const config = defineConfig({
    port: opts.port ?? 0,
    host: '127.0.0.1',
    databaseUrl: opts.databaseUrl,
    redisUrl: opts.redisUrl,
    dataDir: opts.dataDir,
    logLevel: opts.logDestination ? 'debug' : 'silent',
    logDestination: opts.logDestination,
    clientDir: opts.clientDir,
    limits: { requestsPerMinute: 600000, ...opts.limits },
    trustProxy: opts.trustProxy,
    publicOrigin: opts.publicOrigin,
  });
  const built = await buildApp(config);
  await built.app.listen({ port: config.port, host: '127.0.0.1' });
  const port = (built.app.server.address() as AddressInfo).port;
  if (!opts.publicOrigin) built.services.config.publicOrigin = `http://localhost:${port}`;
  return {
    ...built,
    config,
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    close: () => built.app.close(),
  };
}

/** A fresh temp folder, inside the run's own folder when the global setup made one (it is removed after the run). */
export function tempDir(prefix = 'enlace-test-'): string {
  return mkdtempSync(join(process.env.ENLACE_TEST_TMP ?? tmpdir(), prefix));
}
