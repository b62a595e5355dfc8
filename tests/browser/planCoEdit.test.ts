/**
 * Two people of one working group co-edit a plan in two browsers: prose and an activity row
 * travel both ways, presence shows both, the save state settles on "saved", a fresh browser
 * loads what was stored, and nothing is logged to the console as an error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, PASSWORD } from '../helpers/api.js';
import { collectConsoleErrors, launchChromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const TABLE = '[data-testid="activities-table"]';

/** Builds the current client into a private folder, so parallel runs never share dist/. */
async function buildClient(outDir: string): Promise<void> {
  await build({ configFile: join(root, 'vite.config.ts'), root: join(root, 'client'), logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
}

interface Person {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

describe('plan co-editing in the browser', () => {
  let outDir: string;
  let server: TestServer;
  let browser: Browser;
  // The origin the server trusts for cookies and WebSockets.
  let base: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'enlace-client-'));
    await buildClient(outDir);
    server = await startTestServer({ clientDir: outDir });
    base = server.config.publicOrigin;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  /** A fresh browser profile, signed in through the login page. */
  async function signIn(email: string): Promise<Person> {
    const context = await browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${base}/login`);
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return { context, page, errors };
  }

  const editorText = (p: Page) => p.locator(EDITOR).innerText();
  const saveState = (p: Page) => p.getAttribute('[data-testid="save-state"]', 'data-state');

  it('shows each person the other’s prose and activity edits, and settles on saved', async () => {
    const world = await createWorld(server.url);
    const ana = await world.user('Ana Torres', 'SSPC');
    const beto = await world.user('Beto Ruiz', 'FGR');
    const workspaceId = await world.workspace(ana.api);
    const documentId = await world.document(ana.api, workspaceId);
    await world.addMember(workspaceId, ana.api, beto.id, 'member');
    const planUrl = `${base}/w/${workspaceId}/d/${documentId}`;

    const a = await signIn(ana.email);
    const b = await signIn(beto.email);
    for (const p of [a.page, b.page]) {
      await p.goto(planUrl);
      await p.locator(EDITOR).waitFor();
      await expect.poll(() => editorText(p), { timeout: 10_000 }).toContain('Objetivos');
      await expect.poll(() => saveState(p), { timeout: 10_000 }).toBe('saved');
    }

    // Both are present in each other's header.
    for (const p of [a.page, b.page]) {
      await expect.poll(() => p.locator('[data-testid="presence-avatars"] li').count(), { timeout: 10_000 }).toBe(2);
    }

    // Prose: Ana appends to the end, Beto sees it; Beto adds a paragraph, Ana sees it.
    await a.page.locator(EDITOR).click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Ana propone talleres regionales.');
    await expect.poll(() => editorText(b.page), { timeout: 10_000 }).toContain('Ana propone talleres regionales.');

    await b.page.locator(EDITOR).click();
    await b.page.keyboard.press('Control+End');
    await b.page.keyboard.press('Enter');
    await b.page.keyboard.type('Beto agrega la coordinación con fiscalías.');
    await expect.poll(() => editorText(a.page), { timeout: 10_000 }).toContain('Beto agrega la coordinación con fiscalías.');

    // Activities: Ana adds a row and names it; Beto sees it, sets its status and target; Ana sees those.
    await a.page.getByTestId('add-activity').click();
    const aTitle = a.page.locator(`${TABLE} input[data-field="title"]`).first();
    await aTitle.fill('Capacitación a fiscales en trata');
    const bTitle = b.page.locator(`${TABLE} input[data-field="title"]`).first();
    await expect.poll(() => bTitle.inputValue(), { timeout: 10_000 }).toBe('Capacitación a fiscales en trata');

    await b.page.locator(`${TABLE} select[data-field="status"]`).first().selectOption('in_progress');
    await b.page.locator(`${TABLE} input[data-field="target"]`).first().fill('120 fiscales capacitados');
    await expect.poll(() => a.page.locator(`${TABLE} select[data-field="status"]`).first().inputValue(), { timeout: 10_000 }).toBe('in_progress');
    await expect.poll(() => a.page.locator(`${TABLE} input[data-field="target"]`).first().inputValue(), { timeout: 10_000 }).toBe('120 fiscales capacitados');
    // Beto's write of one field did not disturb Ana's title.
    expect(await aTitle.inputValue()).toBe('Capacitación a fiscales en trata');

    for (const p of [a.page, b.page]) {
      await expect.poll(() => saveState(p), { timeout: 15_000 }).toBe('saved');
      expect(await p.locator(`${TABLE} [data-testid="activity-row"]`).count()).toBe(1);
    }

    // What was saved is what a fresh browser (no local copy) loads from the server.
    const c = await signIn(ana.email);
    await c.page.goto(planUrl);
    await c.page.locator(EDITOR).waitFor();
    await expect.poll(() => editorText(c.page), { timeout: 10_000 }).toContain('Beto agrega la coordinación con fiscalías.');
    expect(await editorText(c.page)).toContain('Ana propone talleres regionales.');
    await expect.poll(() => c.page.locator(`${TABLE} input[data-field="title"]`).first().inputValue(), { timeout: 10_000 }).toBe('Capacitación a fiscales en trata');
    expect(await c.page.locator(`${TABLE} select[data-field="status"]`).first().inputValue()).toBe('in_progress');

    expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
    for (const p of [a, b, c]) await p.context.close();
  });
});
