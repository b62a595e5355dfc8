/**
 * Two people on one plan see each other's avatar ("here now") and caret again within a few seconds after a plan
 * socket drops and reconnects, not only at the next 15 s awareness renewal. y-protocols ignores an awareness state
 * whose clock is not above the one it holds for that client; on a drop y-websocket removes the remote states but keeps
 * their clocks, and the server does the same for a peer that left, while the reconnecting page re-sent its state with
 * the clock it had. Covered: one page's socket closed by the server (the server keeps the plan, and the clock of the
 * page that left), and a restart of the server (both pages reconnect to a server that knows nothing).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/api.js';
import { launchChromium } from '../helpers/browser.js';
import { newSignedInPage, type BrowserSession } from '../helpers/browserSession.js';
import { builtClient } from '../helpers/clientBuild.js';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const BADGE = '[data-testid="save-state"]';
/** Well under the 15 s renewal that used to be the only way back, with room for a slow shared machine. */
const BACK_WITHIN_MS = 4000;

describe('presence after a plan socket reconnects', () => {
  let client: Awaited<ReturnType<typeof builtClient>>;
  let server: TestServer;
  let browser: Browser;
  let world: World;
  let base: string;
  const dataDir = tempDir('enlace-presence-');

  // A server on disk (PGlite in dataDir), so it can be stopped and started again on the same port and data.
  beforeAll(async () => {
    client = await builtClient();
    server = await startTestServer({ dataDir, clientDir: client.dir });
    base = server.config.publicOrigin;
    browser = await launchChromium();
    world = await createWorld(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    client?.cleanup();
  });

  const avatarTitles = (p: Page) => p.locator('[data-testid="presence-avatars"] li').evaluateAll((ls) => ls.map((l) => l.getAttribute('title') ?? ''));
  const caretLabels = (p: Page) => p.locator('.collaboration-carets__label').allTextContents();
  const sees = async (p: Page, name: string) => (await avatarTitles(p)).some((t) => t.startsWith(name)) && (await caretLabels(p)).some((t) => t.includes(name));
  const doesNotSee = async (p: Page, name: string) => !(await avatarTitles(p)).some((t) => t.startsWith(name));

  /** Ana and Beto on one plan, each with a caret in the prose, each seeing the other's avatar and caret. */
  async function twoOnOnePlan(names: [string, string]): Promise<{ a: BrowserSession; b: BrowserSession; anaId: string }> {
    const ana = await world.user(names[0], 'SSPC');
    const beto = await world.user(names[1], 'FGR');
    const workspaceId = await world.workspace(ana.api);
    const documentId = await world.document(ana.api, workspaceId);
    await world.addMember(workspaceId, ana.api, beto.id, 'member');
    const a = await newSignedInPage(browser, base, ana, { viewport: { width: 1280, height: 900 } });
    const b = await newSignedInPage(browser, base, beto, { viewport: { width: 1280, height: 900 } });
    for (const p of [a.page, b.page]) {
      await p.goto(`${base}/w/${workspaceId}/d/${documentId}`);
      await p.locator(EDITOR).waitFor();
      await expect.poll(() => p.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');
      await p.locator(EDITOR).click();
    }
    await expect.poll(() => sees(a.page, names[1]), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => sees(b.page, names[0]), { timeout: 10_000 }).toBe(true);
    return { a, b, anaId: ana.id };
  }

  /**
   * Moves both carets, so neither page's own 15 s awareness renewal comes due during the next few seconds: a page
   * seen again after the reconnect was seen through the reconnect itself.
   */
  async function freshCarets(a: Page, b: Page): Promise<void> {
    for (const p of [a, b]) {
      await p.keyboard.press('Control+End');
      await p.keyboard.press('ArrowLeft');
    }
  }

  it('after the server closes one page’s socket, each page shows the other again within seconds', async () => {
    const names: [string, string] = ['Ana Caída', 'Beto Quieto'];
    const { a, b, anaId } = await twoOnOnePlan(names);
    await freshCarets(a.page, b.page);

    // Ana's socket drops (the server closes it; the plan stays loaded for Beto). Each page loses the other meanwhile.
    const closed = server.services.hub.closeWhere((c) => c.identity.userId === anaId, 1012, 'dropped by the test');
    expect(closed).toBe(1);
    await expect.poll(() => doesNotSee(a.page, names[1]), { timeout: 5000 }).toBe(true);
    await expect.poll(() => doesNotSee(b.page, names[0]), { timeout: 5000 }).toBe(true);

    // Ana's page reconnects by itself; once its socket is open, both see each other again well before any renewal.
    await expect.poll(() => a.page.getAttribute(BADGE, 'data-state'), { timeout: 10_000 }).toBe('saved');
    await expect.poll(() => sees(a.page, names[1]), { timeout: BACK_WITHIN_MS, interval: 100 }).toBe(true);
    await expect.poll(() => sees(b.page, names[0]), { timeout: BACK_WITHIN_MS, interval: 100 }).toBe(true);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await a.close();
    await b.close();
  });

  it('after a server restart, both pages show each other again within seconds of reconnecting', async () => {
    const names: [string, string] = ['Ana Reinicio', 'Beto Reinicio'];
    const { a, b } = await twoOnOnePlan(names);
    await freshCarets(a.page, b.page);

    // The server goes away (every socket drops, it forgets every caret) and comes back on the same port and data.
    const port = server.port;
    await server.close();
    for (const [p, other] of [
      [a.page, names[1]],
      [b.page, names[0]],
    ] as const) {
      await expect.poll(() => doesNotSee(p, other), { timeout: 5000 }).toBe(true);
    }
    server = await startTestServer({ dataDir, clientDir: client.dir, port });

    for (const p of [a.page, b.page]) await expect.poll(() => p.getAttribute(BADGE, 'data-state'), { timeout: 10_000 }).toBe('saved');
    await expect.poll(() => sees(a.page, names[1]), { timeout: BACK_WITHIN_MS, interval: 100 }).toBe(true);
    await expect.poll(() => sees(b.page, names[0]), { timeout: BACK_WITHIN_MS, interval: 100 }).toBe(true);
    // The pages were cut off while their requests were in flight: only failed loads of the restart, if anything.
    for (const e of [...a.errors, ...b.errors]) expect(e).toMatch(/Failed to load resource|WebSocket/);
    await a.close();
    await b.close();
  });
});
