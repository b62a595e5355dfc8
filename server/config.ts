/** The server's configuration object: what app.ts is built from. main.ts fills it from the environment. */
import { DEFAULT_LIMITS, type Limits } from '../shared/constants.js';

export interface ServerConfig {
  port: number;
  host: string;
  /** Folder for PGlite and generated secrets; unset with no databaseUrl = in-memory PGlite (tests). */
  dataDir?: string;
  databaseUrl?: string;
  redisUrl?: string;
  /** How long Redis may leave a ping unanswered before this node runs degraded (default 2 s). */
  redisStallMs?: number;
  /** The browser origin accepted for cookies, CSRF and WebSocket checks. */
  publicOrigin: string;
  limits: Limits;
  /** Serve the built client from this folder when it exists. */
  clientDir?: string;
  /** Secure cookies (https deployments). */
  secureCookies: boolean;
  /** Log level for Fastify's logger; 'silent' in tests. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Where log lines go instead of standard output (tests read what is logged). */
  logDestination?: { write(line: string): void };
  /** A name for this node in logs and metrics. */
  nodeId: string;
  /** The daily notification digest; off unless enabled (tests never start its timer). */
  digest?: { enabled: boolean; hourUtc: number; smtpUrl?: string; from?: string };
  /**
   * Reminders of follow-up actions coming due (notifications/actionReminders.ts), a pass every `intervalMs`. main.ts
   * turns them on; off here, so a test's inbox holds only what the test did (tests run the pass themselves).
   */
  actionReminders?: { enabled: boolean; intervalMs: number; firstRunDelayMs?: number };
  /**
   * Which peers' `X-Forwarded-For` is believed (Fastify's `trustProxy`): a client address decides rate limits and
   * sign-in lockouts, so only a proxy may name it, never the client itself.
   */
  trustProxy: boolean | string;
}

/** Reverse proxies on this host or a private network; a client connecting from elsewhere cannot name its own address. */
export const DEFAULT_TRUST_PROXY = 'loopback, linklocal, uniquelocal';

/** Builds a config with defaults for everything not given. */
export function defineConfig(partial: Omit<Partial<ServerConfig>, 'limits'> & { limits?: Partial<Limits> } = {}): ServerConfig {
  const port = partial.port ?? 3000;
  return {
    port,
    host: partial.host ?? '127.0.0.1',
    dataDir: partial.dataDir,
    databaseUrl: partial.databaseUrl,
    redisUrl: partial.redisUrl,
    redisStallMs: partial.redisStallMs,
    publicOrigin: partial.publicOrigin ?? `http://localhost:${port}`,
    limits: { ...DEFAULT_LIMITS, ...(partial.limits ?? {}) },
    clientDir: partial.clientDir,
    secureCookies: partial.secureCookies ?? (partial.publicOrigin ?? '').startsWith('https:'),
    logLevel: partial.logLevel ?? 'info',
    logDestination: partial.logDestination,
    nodeId: partial.nodeId ?? `node-${process.pid}`,
    digest: partial.digest ?? { enabled: false, hourUtc: 13 },
    actionReminders: partial.actionReminders ?? { enabled: false, intervalMs: 15 * 60_000 },
    trustProxy: partial.trustProxy ?? DEFAULT_TRUST_PROXY,
  };
}
