/**
 * The built web client for browser tests: `dist/client` when it is newer than its sources, else a
 * fresh build in a private folder (parallel test files never write the same dist/ at once).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'dist/client');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), st.mtimeMs);
}

/** Whether dist/client is missing or older than client/, shared/ or the Vite config (as `npm start` decides). */
export function distIsStale(): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(newestMtime(join(root, 'client')), newestMtime(join(root, 'shared')), newestMtime(join(root, 'vite.config.ts')));
  return sources > statSync(index).mtimeMs;
}

/** A folder holding the current client build, and how to clean it up afterwards. */
export async function builtClient(): Promise<{ dir: string; cleanup(): void }> {
  if (!distIsStale()) return { dir: dist, cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'enlace-client-'));
  // The client that ships: Vite and the React plugin follow NODE_ENV, which vitest sets to `test`, and would build
  // React's development runtime (about twice the script time to mount a big plan) instead of the production one.
  const ambient = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'vite.config.ts'), root: join(root, 'client'), logLevel: 'error', build: { outDir: dir, emptyOutDir: true, sourcemap: false } });
  } finally {
    // Assigning undefined would store the string "undefined".
    if (ambient === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = ambient;
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
