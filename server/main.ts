/** Entry point: reads the environment once (failing at boot naming every bad variable), then listens. */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DataDirInUse } from '../db/dataDirLock.js';
import { projectRoot } from '../db/projectRoot.js';
import { buildApp } from './app.js';
import { defineConfig } from './config.js';
import { databaseUnreachable } from './databaseUnreachable.js';

/** A whole number written in decimal digits, in [min, max]: `0x10` or `1e3` are typos, not ports. */
const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));

const envSchema = z.object({
  PORT: wholeNumber(1, 65535, 'must be a port number from 1 to 65535').default(3000),
  HOST: z
    .string()
    // Dotted digits are an IPv4 address or nothing ("999.1.1.1" is no host name a resolver would find).
    .refine((h) => isIP(h) !== 0 || (!/^[\d.]+$/.test(h) && /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(h)), 'must be an IP address or a host name')
    .default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'must be a redis:// URL')
    .optional(),
  REDIS_STALL_MS: wholeNumber(500, 600_000, 'must be from 500 to 600000 (milliseconds)').optional(),
  // Compared verbatim with browsers' Origin headers, so only an origin will do (kept in its serialized form).
  PUBLIC_ORIGIN: z
    .string()
    .transform((value, ctx) => {
      const origin = originOf(value);
      if (origin === null) ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// origin (scheme, host, optional port; no path, query, fragment or credentials), such as https://enlace.example.org' });
      return origin ?? z.NEVER;
    })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).optional(),
  DIGEST_HOUR_UTC: wholeNumber(0, 23, 'must be an hour from 0 to 23').default(13),
  ACTION_REMINDER_MINUTES: wholeNumber(0, 1440, 'must be from 0 (off) to 1440 (minutes)').default(15),
  TRUST_PROXY: z
    .string()
    .refine(isTrustProxy, 'must be true, false, or a comma-separated list of IP addresses, CIDR ranges (10.0.0.0/8) or loopback/linklocal/uniquelocal')
    .optional(),
});

/** `value`'s serialized origin when it is exactly an http(s) origin (a trailing "/" allowed), else null. */
function originOf(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // `new URL` drops an empty query or fragment ("http://x/?"), so those are looked for in the text itself.
  if (url.username || url.password || url.pathname !== '/' || /[?#]/.test(value)) return null;
  return url.origin;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Whether `value` is a TRUST_PROXY Fastify takes: checked here, since Fastify's own check threw a stack trace at
 * start, past the list of bad variables.
 */
function isTrustProxy(value: string): boolean {
  if (value === 'true' || value === 'false') return true;
  return value.split(',').every((entry) => {
    const item = entry.trim();
    if (PROXY_NAMES.has(item)) return true;
    const [address, range, ...rest] = item.split('/');
    const version = isIP(address ?? '');
    if (!version || rest.length) return false;
    if (range === undefined) return true;
    // A prefix length, or (IPv4) a dotted netmask.
    if (/^\d{1,3}$/.test(range)) return Number(range) <= (version === 4 ? 32 : 128);
    return version === 4 && isIP(range) === 4 && contiguousMask(range);
  });
}

/** Whether a dotted IPv4 netmask is ones then zeros (255.255.0.0, not 255.0.255.0). */
function contiguousMask(mask: string): boolean {
  const bits = mask.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const hostPart = 2 ** 32 - 1 - bits;
  return (hostPart & (hostPart + 1)) === 0;
}

/** `TRUST_PROXY` as Fastify takes it. */
function trustProxyOf(value: string | undefined): boolean | string | undefined {
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

/** Parses the environment; on failure prints every bad variable and exits non-zero. */
export function readEnv(env: NodeJS.ProcessEnv) {
  // A variable set but empty means unset (the default), as shells and compose files write "unset" (`VAR=${VAR:-}`).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ name: String(i.path[0]), message: i.message }));
  const dataDirProblem = unusableDir(cleaned.DATA_DIR ?? './data');
  if (dataDirProblem) issues.push({ name: 'DATA_DIR', message: dataDirProblem });
  if (!parsed.success || issues.length) {
    for (const issue of issues) console.error(`Invalid ${issue.name}: ${issue.message}`);
    console.error(`Enlace cannot start; fix these environment variables: ${[...new Set(issues.map((i) => i.name))].join(', ')}`);
    process.exit(1);
  }
  return parsed.data;
}

/** Why a data directory cannot be created or written (it holds generated secrets, and PGlite when embedded), or null. */
function unusableDir(dir: string): string | null {
  try {
    mkdirSync(resolve(dir), { recursive: true });
    accessSync(resolve(dir), constants.W_OK);
    return null;
  } catch (err) {
    return `cannot create or write ${resolve(dir)} (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
  }
}

/** Reads the environment, builds the app and listens; SIGTERM/SIGINT shut down gracefully. */
export async function runServer(): Promise<void> {
  const env = readEnv(process.env);
  const root = projectRoot();
  const config = defineConfig({
    port: env.PORT,
    host: env.HOST,
    dataDir: resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    redisStallMs: env.REDIS_STALL_MS,
    publicOrigin: env.PUBLIC_ORIGIN,
    logLevel: env.LOG_LEVEL,
    clientDir: resolve(root, 'dist/client'),
    digest: { enabled: true, hourUtc: env.DIGEST_HOUR_UTC, smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    actionReminders: { enabled: env.ACTION_REMINDER_MINUTES > 0, intervalMs: env.ACTION_REMINDER_MINUTES * 60_000 },
    trustProxy: trustProxyOf(env.TRUST_PROXY),
  });
  const { app, shutdownState, unsavedAtShutdown } = await buildApp(config).catch((err: unknown) => {
    // Another Enlace on the same DATA_DIR: say so and stop, before anything is written (no stack trace to read).
    if (err instanceof DataDirInUse) {
      console.error(`Enlace cannot start: ${err.message}`);
      process.exit(1);
    }
    // A PostgreSQL that does not answer or refuses the URL: what to change, without the driver's stack or the password.
    const reason = config.databaseUrl ? databaseUnreachable(err, config.databaseUrl) : undefined;
    if (reason) {
      console.error(`Enlace cannot start: ${reason}`);
      process.exit(1);
    }
    throw err;
  });
  let stopping = false;
  const stop = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: flushing the update log and closing sockets');
    const timer = setTimeout(() => {
      app.log.error({ at: shutdownState() }, 'shutdown did not finish within 10 s; exiting');
      process.exit(1);
    }, 10000);
    timer.unref();
    try {
      await app.close();
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
    // A supervisor should know a stop left updates unstored (the database was away): their clients resend them.
    process.exit(unsavedAtShutdown() > 0 ? 1 : exitCode);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // A promise nobody awaited failed: what it belonged to is abandoned, but every other connection is fine, so the
  // node keeps serving (Node's default would end the process and drop everyone) and the log says what it was.
  process.on('unhandledRejection', (reason) => app.log.error({ err: reason }, 'unhandled promise rejection'));
  // A synchronous throw nobody caught may have left state half-changed: stop as for SIGTERM (what clients were
  // told is saved is stored already; the rest is flushed), with a non-zero exit for the supervisor to restart.
  process.on('uncaughtException', (err) => {
    app.log.fatal({ err }, 'uncaught exception; shutting down');
    void stop('uncaughtException', 1);
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    // Say what to change, without a stack trace, and close what started (PGlite, the update log) on the way out.
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    const hint = code === 'EADDRINUSE' ? 'another process uses that port; set PORT to a free one' : 'set HOST to an address of this machine (0.0.0.0 for all)';
    console.error(`Enlace cannot listen on ${config.host}:${config.port} (${code}): ${hint}`);
    await stop('listen failed', 1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runServer().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
