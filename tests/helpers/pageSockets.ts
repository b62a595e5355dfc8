/** Browser tests' control over a page's WebSockets (the plan's and the events'): cut them, or slow the plan's edits. */
import type { Page } from 'playwright-core';

/**
 * Routes the page's plan and events sockets through a switch: `cut()` drops them and keeps them down until `mend()`.
 * `withholdFirstPlan` drops what the server sends on the plan's first connection: a loaded server, the plan unsynced.
 */
export async function socketSwitch(page: Page, opts: { withholdFirstPlan?: boolean } = {}): Promise<{ cut(): Promise<void>; mend(): void }> {
  let down = false;
  let withhold = opts.withholdFirstPlan === true;
  const open: Array<{ close(): Promise<void> }> = [];
  await page.routeWebSocket(/\/(yjs|socket\.io)\//, async (route) => {
    if (down) return void (await route.close());
    open.push(route);
    const server = route.connectToServer();
    if (withhold && /\/yjs\//.test(route.url())) {
      withhold = false;
      // A handler takes the server's messages instead of the page; this one lets none through.
      server.onMessage(() => undefined);
    }
  });
  return {
    async cut() {
      down = true;
      for (const ws of open.splice(0)) await ws.close();
    },
    mend() {
      down = false;
    },
  };
}

/** Makes each message the page's plan socket sends reach the server `ms` later: a slow link, where a REST call overtakes edits. */
export async function delayPlanEdits(page: Page, ms: number): Promise<void> {
  await page.routeWebSocket(/\/yjs\//, (route) => {
    const server = route.connectToServer();
    route.onMessage((message) => void setTimeout(() => server.send(message), ms));
  });
}
