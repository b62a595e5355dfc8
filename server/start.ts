/** `npm start`: builds the web client when the build is missing or older than its sources, then runs the server. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const builtIndex = join(root, 'dist/client/index.html');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether dist/client is missing or older than client/, shared/ or the Vite config. */
export function clientBuildIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  const sources = Math.max(newestMtime(join(root, 'client')), newestMtime(join(root, 'shared')), newestMtime(join(root, 'vite.config.ts')));
  return sources > built;
}

if (clientBuildIsStale()) {
  console.log('Building the web client (first start or sources changed)…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The web client failed to build; the API still starts, the pages will not.');
  }
}

const { runServer } = await import('./main.js');
runServer().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
