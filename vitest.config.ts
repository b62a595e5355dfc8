/** Vitest: node tests against the throwaway PostgreSQL, Redis and Chromium that the global setup provides. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts', 'server/**/*.test.ts', 'shared/**/*.test.ts', 'db/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'bench/**'],
    globalSetup: ['tests/setup/globalSetup.ts'],
    // Fresh-clone runs put several browser and database tests at 35–45 s on a loaded machine: room to spare, not a figure.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    // A poll waits on servers and browsers sharing two cores with another test file: Vitest's 1 s default is too
    // tight for that. Polls that guard a contract figure set their own timeout.
    expect: { poll: { timeout: 10_000 } },
    // Two cores: at most two test files at a time, each in its own process (servers, sockets, native modules).
    pool: 'forks',
    maxWorkers: 2,
  },
});
