/** Serving the built web app: its files, with cache headers that let browsers keep hashed assets for good. */
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** A file Vite built under assets/, named with its content hash (`HomePage-CVQFkces.js`). */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9.]+$/;
/** One file name under assets/: no directories, no dot files. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** Serves the files under `clientDir`, when there is one. */
export async function serveClientFiles(app: FastifyInstance, clientDir: string | undefined): Promise<void> {
  if (!clientDir || !existsSync(clientDir)) return;
  // Built file names carry a content hash, so a browser may keep them for good; index.html is always revalidated.
  // The plugin's own cache-control would be written over this one, so it is turned off and every file gets one here.
  const setHeaders = (res: { setHeader(name: string, value: string): unknown }, path: string) => {
    if (HASHED_ASSET.test(path)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    else if (path.endsWith('index.html')) res.setHeader('cache-control', 'no-cache');
    else res.setHeader('cache-control', 'public, max-age=0');
  };
  await app.register(fastifyStatic, { root: clientDir, wildcard: false, index: ['index.html'], cacheControl: false, setHeaders });
  // The static routes are listed once, at boot. A rebuild under a running server writes new asset names that
  // the fresh index.html asks for: serve those from disk too, instead of a blank page until a restart.
  app.get('/assets/*', (req, reply) => {
    const name = (req.params as { '*': string })['*'];
    if (!ASSET_NAME.test(name)) return reply.callNotFound();
    return reply.sendFile(`assets/${name}`);
  });
}
