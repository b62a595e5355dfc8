/**
 * Accessibility of the main pages: axe-core finds no serious or critical violation on sign-in,
 * setup, a working group's home, a plan, decisions, a meeting, the matrix and search; and a person
 * using only the keyboard can write in the editor and the activities table, comment, propose a
 * decision, record a stance and search.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Api, PASSWORD } from '../helpers/api.js';
import { seriousViolations } from '../helpers/axe.js';
import { collectConsoleErrors } from '../helpers/browser.js';
import { signIn, useBrowserHarness } from '../helpers/browserSession.js';
import { tempDir } from '../helpers/server.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';

interface DemoAccount {
  name: string;
  email: string;
  password: string;
  organization: string;
}

/** Presses Tab until `matches` holds for the focused element (at most `max` times). */
async function tabUntil(page: Page, matches: (el: Element) => boolean, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return;
  }
  throw new Error(`Tab never reached the element (${matches.toString()})`);
}

describe('accessibility in Chromium', () => {
  const h = useBrowserHarness({ dataDir: tempDir() });
  let lucia: DemoAccount;
  let ids: { trata: string; plan: string; decision: string; meeting: string };

  /** A fresh browser profile at `path`, signed in as Lucía (the demo's SSPC facilitator) unless told otherwise. */
  async function open(path: string, ready: (p: Page) => Promise<unknown>, opts: { signedIn?: boolean; width?: number } = {}) {
    const context = await h.browser.newContext({ locale: 'es-MX', viewport: { width: opts.width ?? 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    if (opts.signedIn !== false) await signIn(page, h.base, lucia.email, lucia.password);
    await page.goto(`${h.base}${path}`);
    await ready(page);
    return { page, errors, close: () => context.close() };
  }

  /** Checks each page in one signed-in profile (and the sign-in page in a signed-out one). */
  async function auditPages(pages: Array<[string, (p: Page) => Promise<unknown>, number?]>): Promise<Record<string, string[]>> {
    const problems: Record<string, string[]> = {};
    const signedIn = await open('/', (p) => p.getByTestId('workspace-list').waitFor());
    for (const [path, ready, width] of pages) {
      await signedIn.page.setViewportSize({ width: width ?? 1280, height: 900 });
      await signedIn.page.goto(`${h.base}${path}`);
      await ready(signedIn.page);
      const found = await seriousViolations(signedIn.page);
      if (found.length) problems[`${path} @${width ?? 1280}`] = found;
    }
    expect(signedIn.errors).toEqual([]);
    await signedIn.close();
    return problems;
  }

  it('finds no serious or critical violations on the main pages', { timeout: 240_000 }, async () => {
    const setupPage = await open('/setup', (p) => p.getByRole('heading', { level: 1 }).waitFor(), { signedIn: false });
    expect(await seriousViolations(setupPage.page), '/setup').toEqual([]);
    await setupPage.close();

    const anon = new Api(h.server.url);
    const setup = await anon.post('/api/setup', { email: 'admin@enlace.test', password: PASSWORD, name: 'Administradora', organization: { name: 'Oficina de Enlace UNODC', acronym: 'UNODC', level: 'international' }, demo: true });
    expect(setup.status).toBe(201);
    lucia = (setup.body.demoCredentials as DemoAccount[]).find((a) => a.organization === 'SSPC')!;
    const api = anon.as((await anon.post('/api/auth/login', { email: lucia.email, password: lucia.password })).body.token);
    const trata = (await api.get('/api/workspaces')).body.workspaces.find((w: { name: string }) => w.name.startsWith('Mesa de Trata')).id;
    ids = {
      trata,
      plan: (await api.get(`/api/workspaces/${trata}/documents`)).body.documents[0].id,
      decision: (await api.get(`/api/workspaces/${trata}/decisions`)).body.decisions[0].id,
      meeting: (await api.get(`/api/workspaces/${trata}/meetings`)).body.meetings[0].id,
    };
    await h.server.services.projection.idle();

    const login = await open('/login', (p) => p.getByLabel('Correo electrónico').waitFor(), { signedIn: false });
    expect(await seriousViolations(login.page), '/login').toEqual([]);
    await login.close();

    const problems = await auditPages([
      ['/', (p) => p.getByTestId('workspace-list').waitFor()],
      [`/w/${ids.trata}`, (p) => p.getByTestId('activity-progress').waitFor()],
      [`/w/${ids.trata}`, (p) => p.getByTestId('activity-progress').waitFor(), 768],
      [`/w/${ids.trata}/d/${ids.plan}`, (p) => p.locator('[data-testid="save-state"][data-state="saved"]').waitFor()],
      [`/w/${ids.trata}/decisions`, (p) => p.getByTestId('decision-list').waitFor()],
      [`/w/${ids.trata}/decisions/${ids.decision}`, (p) => p.locator('.stance-form').first().waitFor()],
      [`/w/${ids.trata}/meetings/${ids.meeting}`, (p) => p.getByRole('heading', { level: 1 }).waitFor()],
      ['/matrix', (p) => p.getByTestId('matrix-table').waitFor()],
      ['/search?q=protocolo', (p) => p.getByTestId('search-results').waitFor()],
      // The demo's comment mentions Lucía's agency: her inbox lists it.
      ['/inbox', (p) => p.getByRole('link', { name: /mencionó a su institución/ }).first().waitFor()],
    ]);
    expect(problems).toEqual({});
  });

  it('signs in by keyboard: the button is reachable with Tab and an empty field is named and focused', async () => {
    const { page, errors, close } = await open('/login', (p) => p.getByRole('heading', { level: 1 }).waitFor(), { signedIn: false });
    // A refused attempt first: its message must not stay beside the next attempt's own problems.
    await page.fill('#login-email', lucia.email);
    await page.fill('#login-password', 'not-the-password-at-all');
    await page.getByRole('button', { name: 'Entrar' }).click();
    const refused = page.getByText('El correo o la contraseña no son correctos.');
    await refused.waitFor();
    await page.fill('#login-email', '');
    await page.fill('#login-password', '');
    await tabUntil(page, (el) => el.id === 'login-email');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('submit');
    await page.keyboard.press('Enter');
    // Nothing typed: the email field says so, is marked invalid and has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('login-email');
    expect(await page.getAttribute('#login-email', 'aria-invalid')).toBe('true');
    expect(await page.locator('#login-email-error').innerText()).toBe('Este campo es obligatorio.');
    expect(await refused.count()).toBe(0);
    await page.keyboard.type(lucia.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(lucia.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('workspace-list').waitFor();
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await close();
  });

  it('lets a keyboard-only person write, add an activity, comment, propose a decision, take a stance and search', { timeout: 180_000 }, async () => {
    const { page, errors, close } = await open(`/w/${ids.trata}/d/${ids.plan}`, (p) => p.locator('[data-testid="save-state"][data-state="saved"]').waitFor());

    // The editor is reachable with Tab and takes typing.
    await tabUntil(page, (el) => el.getAttribute('contenteditable') === 'true' && !!el.closest('[data-testid="plan-editor"]'));

    // The formatting toolbar is one Tab stop; arrow keys move inside it and Tab returns to where it was left.
    const focused = () => page.evaluate(() => ({ label: document.activeElement?.getAttribute('aria-label') ?? null, inToolbar: !!document.activeElement?.closest('[role="toolbar"]') }));
    await page.keyboard.press('Shift+Tab');
    const stop = await focused();
    expect(stop.inToolbar).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect((await focused()).inToolbar).toBe(false);
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual(stop);
    await page.keyboard.press('ArrowRight');
    const moved = await focused();
    expect(moved.inToolbar).toBe(true);
    expect(moved.label).not.toBe(stop.label);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('contenteditable'))).toBe('true');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toEqual(moved);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Escrito solo con el teclado.');
    await expect.poll(() => page.locator(EDITOR).innerText()).toContain('Escrito solo con el teclado.');

    // The activities table: reach "add", press Enter, and type a title.
    await tabUntil(page, (el) => el.getAttribute('data-testid') === 'add-activity');
    const rows = await page.getByTestId('activity-row').count();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('activity-row').count()).toBe(rows + 1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('title');
    await page.keyboard.type('Mesa técnica con teclado');
    await expect.poll(() => page.locator('input[data-field="title"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toContain('Mesa técnica con teclado');
    await expect.poll(() => page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 15_000 }).toBe('saved');

    // Comments: reach the composer, type, send with Ctrl+Enter.
    await tabUntil(page, (el) => el.tagName === 'TEXTAREA' && !!el.closest('[data-testid="comment-margin"]'));
    await page.keyboard.type('Comentario escrito con el teclado.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('comment-margin').innerText(), { timeout: 10_000 }).toContain('Comentario escrito con el teclado.');

    // Decisions: the title field, typed, submitted with Enter.
    await page.goto(`${h.base}/w/${ids.trata}/decisions`);
    await page.getByTestId('decision-list').waitFor();
    await tabUntil(page, (el) => el.tagName === 'INPUT' && (el as HTMLInputElement).required && !!el.closest('form'));
    await page.keyboard.type('Acuerdo tomado con el teclado');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('decision-list').innerText(), { timeout: 10_000 }).toContain('Acuerdo tomado con el teclado');

    // Open it with the keyboard and record SSPC's stance (Lucía is its focal point).
    await tabUntil(page, (el) => el.tagName === 'A' && (el.textContent ?? '').includes('Acuerdo tomado con el teclado'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Acuerdo tomado con el teclado/ }).waitFor();
    const decisionId = page.url().split('/').pop() ?? '';
    await tabUntil(page, (el) => el.tagName === 'SELECT' && !!el.closest('.stance-form'));
    await page.keyboard.press('ArrowDown');
    await tabUntil(page, (el) => el.tagName === 'BUTTON' && !!el.closest('.stance-form'));
    await page.keyboard.press('Enter');
    const api = new Api(h.server.url, (await new Api(h.server.url).post('/api/auth/login', { email: lucia.email, password: lucia.password })).body.token);
    await expect.poll(async () => (await api.get(`/api/decisions/${decisionId}`)).body.stances.map((s: { stance: string }) => s.stance), { timeout: 10_000 }).toEqual(['agree']);

    // Ctrl+K from a control, then Escape: the first empties the box and stays, the second goes back to that control.
    const before = page.locator('main a[href]').first();
    await before.focus();
    await before.evaluate((el) => el.setAttribute('data-before-search', ''));
    await page.keyboard.press('Control+k');
    await page.keyboard.type('borrador');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => ({ id: document.activeElement?.id, value: (document.activeElement as HTMLInputElement).value }))).toEqual({ id: 'global-search', value: '' });
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-before-search'))).toBe(true);

    // Search: "/" focuses the box from anywhere; Enter searches; Tab reaches the result.
    await page.locator('body').click({ position: { x: 5, y: 400 } }).catch(() => undefined);
    await page.keyboard.press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('global-search');
    await page.keyboard.type('teclado');
    await page.keyboard.press('Enter');
    await page.getByTestId('search-results').waitFor();
    await tabUntil(page, (el) => el.classList.contains('search-result-title'));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/(d|decisions)\//);
    expect(errors).toEqual([]);
    await close();
  });
});
