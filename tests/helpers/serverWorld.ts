/** A test server on one backend with a world of organizations, an admin and helpers, started once per describe block. */
import { afterAll, beforeAll } from 'vitest';
import { createWorld, type World } from './api.js';
import type { Backend } from './backends.js';
import { startTestServer, type TestServer } from './server.js';

/** Starts the server and world before the block's tests and closes the server after them; read them inside tests. */
export function useServerWorld(backend: Backend): { readonly server: TestServer; readonly world: World } {
  let server: TestServer | undefined;
  let world: World | undefined;
  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    world = await createWorld(server.url);
  });
  afterAll(() => server?.close());
  return {
    get server() {
      if (!server) throw new Error('the test server starts in beforeAll');
      return server;
    },
    get world() {
      if (!world) throw new Error('the test world is made in beforeAll');
      return world;
    },
  };
}
