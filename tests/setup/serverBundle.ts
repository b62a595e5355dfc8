/** Builds the server once per test run, as `npm start` does, so process tests start it with plain Node. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { serverBuildOptions } from '../../server/serverBundle.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles server/main.ts into dist/server-test/main.js and returns its path. */
export async function buildServerBundle(): Promise<string> {
  const outfile = join(root, 'dist/server-test/main.js');
  await build(serverBuildOptions(root, join(root, 'dist/server-test')));
  return outfile;
}

/** How a test starts the server as a child process: the run's bundle when built, else TypeScript through tsx. */
export function serverCommand(): string[] {
  const entry = process.env.ENLACE_TEST_SERVER_ENTRY;
  // ENLACE_TEST_SERVER_FLAGS="--cpu-prof …": extra Node flags for server processes (Node refuses some in NODE_OPTIONS).
  const flags = (process.env.ENLACE_TEST_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  return entry ? [...flags, '--enable-source-maps', entry] : [...flags, '--import', 'tsx', join(root, 'server/main.ts')];
}
