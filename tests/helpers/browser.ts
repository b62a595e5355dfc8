/** Headless Chromium for browser tests (the system Chromium, driven by playwright-core). */
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../setup/install.js';

/** Flags for a quiet, root-safe headless run with no calls home. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Containers often have a tiny /dev/shm; Chromium crashes on big pages without this.
  '--disable-dev-shm-usage',
];

/** Launches the system Chromium headless; extra options (and args) are added to the defaults. */
export function launchChromium(opts: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...opts,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
  });
}

/** Records the page's console errors and uncaught errors as they happen; assert with `expect(errors).toEqual([])`. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}
