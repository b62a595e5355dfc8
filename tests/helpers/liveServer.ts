/** One in-process server per test and the stock clients the test opened, all closed after every test. */
import { afterEach } from 'vitest';
import type * as Y from 'yjs';
import { startTestServer, type TestServer, type TestServerOptions } from './server.js';
import { connectYjs, type YClient } from './yjsClient.js';

export interface LiveServer {
  /** The running server (fails the test when none was started). */
  readonly server: TestServer;
  /** Starts a server; after `stop()`, another one (a restart on the same database). */
  start(opts: TestServerOptions): Promise<TestServer>;
  /** Closes the server before the test ends (to restart it). */
  stop(): Promise<void>;
  /** A stock y-websocket client on the running server, destroyed after the test. */
  connect(documentId: string, token?: string, doc?: Y.Doc): YClient;
  /** Destroys these clients after the test (clients opened by another helper). */
  track(...opened: YClient[]): void;
  /** Destroys every client opened so far (before a restart). */
  closeClients(): void;
}

/** Registers the after-each cleanup in the calling `describe` and returns the handle. */
export function useLiveServer(): LiveServer {
  let current: TestServer | undefined;
  const clients: YClient[] = [];
  const closeClients = () => clients.splice(0).forEach((c) => c.destroy());
  afterEach(async () => {
    closeClients();
    await current?.close();
    current = undefined;
  });
  return {
    get server(): TestServer {
      if (!current) throw new Error('no test server running: call start() first');
      return current;
    },
    async start(opts) {
      current = await startTestServer(opts);
      return current;
    },
    async stop() {
      const s = current;
      current = undefined;
      await s?.close();
    },
    connect(documentId, token, doc) {
      const client = connectYjs(this.server.wsUrl, documentId, token, { doc });
      clients.push(client);
      return client;
    },
    track(...opened) {
      clients.push(...opened);
    },
    closeClients,
  };
}
