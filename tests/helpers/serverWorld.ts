/** A test server on one backend with a world of organizations, an admin and helpers, started once per describe block. */
import { afterAll, beforeAll } from 'vitest';
import { createWorld, type Api, type World } from './api.js';
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

/** useServerWorld's server and world, with a facilitator's session and the working group and plan they made. */
export interface PlanWorld {
  readonly server: TestServer;
  readonly world: World;
  /** The facilitator (SSPC) who made the group. */
  readonly owner: Api;
  readonly workspaceId: string;
  readonly documentId: string;
}

/** As useServerWorld, and before the block's tests a facilitator makes a working group named `groupName` with one plan. */
export function usePlanWorld(backend: Backend, groupName: string): PlanWorld {
  const h = useServerWorld(backend);
  let plan: { owner: Api; workspaceId: string; documentId: string } | undefined;
  beforeAll(async () => {
    const facilitator = await h.world.user('Fabiola Facilitadora', 'SSPC');
    const workspaceId = await h.world.workspace(facilitator.api, groupName);
    plan = { owner: facilitator.api, workspaceId, documentId: await h.world.document(facilitator.api, workspaceId) };
  });
  const made = () => {
    if (!plan) throw new Error('the working group and plan are made in beforeAll');
    return plan;
  };
  return {
    get server() {
      return h.server;
    },
    get world() {
      return h.world;
    },
    get owner() {
      return made().owner;
    },
    get workspaceId() {
      return made().workspaceId;
    },
    get documentId() {
      return made().documentId;
    },
  };
}
