/**
 * Throwaway PostgreSQL and Redis servers for tests (and the installer behind them). The global setup starts one of
 * each for the whole run; fault tests that stop a server start their own with these functions, so that they never
 * take the shared servers away from test files running in parallel.
 */
export { startPostgres, type PostgresServer, type StartPostgresOptions } from './postgres.js';
export { startRedis, type RedisServer } from './redis.js';
export { ensureInstalled, findPostgresBin, CHROMIUM_PATH } from './install.js';
export { sweepOrphans } from './serviceDirs.js';
