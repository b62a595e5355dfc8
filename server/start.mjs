// `npm start`: builds what is missing or stale (the web client with Vite, the server bundle with esbuild),
// then runs the compiled server with plain Node: no TypeScript loader in the running process.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const clientIndex = join(root, 'dist/client/index.html');
const serverBundle = join(root, 'dist/server/main.js');

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let n = st.mtimeMs;
  for (const entry of readdirSync(path)) if (entry !== 'node_modules') n = Math.max(n, newest(join(path, entry)));
  return n;
}
const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const sources = (...dirs) => Math.max(...dirs.map((d) => newest(join(root, d))));

if (builtAt(clientIndex) < sources('client', 'shared', 'vite.config.ts')) {
  console.log('Building the web client…');
  // Always the production client, whatever NODE_ENV the shell has (Vite and the React plugin follow it).
  const env = { ...process.env, NODE_ENV: 'production' };
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) console.error('The web client failed to build; the API still starts, the pages will not.');
}

if (builtAt(serverBundle) < sources('server', 'shared', 'db')) {
  console.log('Building the server…');
  const { build, stop } = await import('esbuild');
  const { serverBuildOptions } = await import('./serverBundle.mjs');
  try {
    await build(serverBuildOptions(root, dirname(serverBundle)));
  } finally {
    // esbuild's service process would otherwise live as long as the server (and was once seen to outlive it).
    await stop();
  }
}

// `--build-only` (npm run build, container images): build what is stale and stop.
if (process.argv.includes('--build-only')) process.exit(0);

const { runServer } = await import(serverBundle);
await runServer();
