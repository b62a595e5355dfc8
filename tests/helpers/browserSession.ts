/**
 * What every browser test starts with: the current client served by an in-process server, Chromium,
 * and fresh profiles signed in through the login page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createWorld, PASSWORD, type World } from './api.js';
import { collectConsoleErrors, launchChromium } from './browser.js';
import { builtClient } from './clientBuild.js';
import { startTestServer, type TestServer, type TestServerOptions } from './server.js';

export interface BrowserHarness {
  server: TestServer;
  browser: Browser;
  /** The origin the server trusts for cookies and WebSockets (not `server.url`). */
  base: string;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught errors, as they happen. */
  errors: string[];
  /** Every alert/confirm/prompt the page opened (each is dismissed). */
  dialogs: string[];
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Defaults to es-MX: `signIn` fills the Spanish login page. */
  locale?: string;
  viewport?: { width: number; height: number };
  /** Start here instead of /login (a page that asks a signed-out visitor to sign in and then comes back). */
  next?: string;
  /** A touch screen (page.tap), as a phone has. */
  hasTouch?: boolean;
}

/**
 * Registers beforeAll/afterAll that serve the current client build from an in-process server and
 * launch Chromium; the returned object is filled in by beforeAll, so read it inside hooks and tests.
 */
export function useBrowserHarness(opts: Omit<TestServerOptions, 'clientDir'> = {}): BrowserHarness {
  const harness = {} as BrowserHarness;
  let client: Awaited<ReturnType<typeof builtClient>> | undefined;
  beforeAll(async () => {
    client = await builtClient();
    harness.server = await startTestServer({ ...opts, clientDir: client.dir });
    harness.base = harness.server.config.publicOrigin;
    harness.browser = await launchChromium();
  });
  afterAll(async () => {
    // Whatever beforeAll got to start, in reverse.
    await harness.browser?.close();
    await harness.server?.close();
    client?.cleanup();
  });
  return harness;
}

/** `useBrowserHarness` plus a test world (admin, organizations, `world.user`…) created once in beforeAll. */
export function useBrowserWorld(): BrowserHarness & { world: World } {
  const harness = useBrowserHarness() as BrowserHarness & { world: World };
  beforeAll(async () => {
    harness.world = await createWorld(harness.server.url);
  });
  return harness;
}

/** Signs in through the login page (or `next`); from /login it waits for the home page. */
export async function signIn(page: Page, base: string, email: string, password = PASSWORD, next?: string): Promise<void> {
  await page.goto(`${base}${next ?? '/login'}`);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  // After `next` the app returns there; the caller waits for what it expects to see.
  if (!next) await page.waitForURL(`${base}/`);
}

/** A fresh browser profile signed in as `user` (password defaults to the test worlds' one), recording errors and dialogs. */
export async function newSignedInPage(browser: Browser, base: string, user: { email: string; password?: string }, opts: SessionOptions = {}): Promise<BrowserSession> {
  const context = await browser.newContext({ locale: opts.locale ?? 'es-MX', ...(opts.viewport ? { viewport: opts.viewport } : {}), ...(opts.hasTouch ? { hasTouch: true } : {}) });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    // The question before a page goes is answered "leave", as a person who meant to go would; any other is refused.
    (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch((err: unknown) => errors.push(`dialog not answered: ${String(err)}`));
  });
  await signIn(page, base, user.email, user.password ?? PASSWORD, opts.next);
  return { context, page, errors, dialogs, close: () => context.close() };
}
