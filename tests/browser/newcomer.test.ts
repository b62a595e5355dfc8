/**
 * A newcomer's first ten minutes, in Chromium: first-run setup with demo data, the demo accounts
 * shown once, signing in as a demo user, the working group's home, co-editing the migrant-smuggling
 * plan with a colleague and commenting, recording a decision, finding it with search, switching to
 * English.
 * Screenshots go to tests/.artifacts/; the README's (plan editor, matrix) to docs/screenshots/ when
 * missing or when UPDATE_SCREENSHOTS=1 (so ordinary runs leave tracked files alone).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { Api } from '../helpers/api.js';
import { collectConsoleErrors } from '../helpers/browser.js';
import { signIn as signInAt, useBrowserHarness } from '../helpers/browserSession.js';
import { tempDir } from '../helpers/server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = join(root, 'tests/.artifacts');
const DOCS = join(root, 'docs/screenshots');
const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const ADMIN = { name: 'Paula Coordinadora', email: 'paula@enlace.test', password: 'una-frase-larga-y-segura' };

interface Account {
  name: string;
  organization: string;
  email: string;
  password: string;
}

/** Saves a screenshot to the artifacts folder, and to docs/screenshots/ when asked or missing. */
async function shoot(page: Page, name: string, readme?: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `newcomer-${name}.png`), fullPage: !readme });
  if (readme && (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(join(DOCS, readme)))) {
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, readme) });
  }
}

describe('a newcomer’s first ten minutes', () => {
  const h = useBrowserHarness({ dataDir: tempDir() });
  const contexts: BrowserContext[] = [];

  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  /**
   * A browser profile. Its console errors leave out the browser's own "401" lines for `GET /api/me`
   * (how a signed-out visitor's app learns it must sign in); every other 401 is kept as an error.
   */
  async function person(width = 1280): Promise<{ page: Page; errors: () => string[] }> {
    const context = await h.browser.newContext({ locale: 'es-MX', viewport: { width, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const raw = collectConsoleErrors(page);
    const unexpected401: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 401 && !(r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/me')) unexpected401.push(`401 ${r.request().method()} ${r.url()}`);
    });
    // A request of the API that the app cancelled or lost shows as failed in the network log: none should (the
    // app used to cancel the requests of every page it left). Those a test's own page load cuts off do not count.
    const failed: string[] = [];
    let loadingSince = 0;
    page.on('request', (r) => {
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) loadingSince = Date.now();
    });
    page.on('requestfailed', (r) => {
      const cutByPageLoad = r.failure()?.errorText === 'net::ERR_ABORTED' && Date.now() - loadingSince < 1000;
      if (new URL(r.url()).pathname.startsWith('/api/') && !cutByPageLoad) failed.push(`failed ${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
    });
    return { page, errors: () => [...unexpected401, ...failed, ...raw.filter((e) => !/status of 401/.test(e))] };
  }

  /** Signs in with a demo account and waits for the list of working groups. */
  async function signIn(page: Page, account: { email: string; password: string }): Promise<void> {
    await signInAt(page, h.base, account.email, account.password);
    await page.getByTestId('workspace-list').waitFor();
  }

  it('sets up with demo data, co-edits and comments a plan, records a decision, finds it and switches to English', { timeout: 480_000 }, async () => {
    const { page, errors } = await person();

    // A fresh instance sends the first visitor to setup.
    await page.goto(`${h.base}/`);
    await page.waitForURL(`${h.base}/setup`);
    // Submitting it empty marks every missing field the same way and puts the cursor on the first.
    await page.getByRole('button', { name: 'Crear y entrar' }).click();
    await expect.poll(() => page.locator('form [aria-invalid="true"]').evaluateAll((els) => els.map((e) => e.id))).toEqual(['setup-name', 'setup-email', 'setup-password', 'setup-org-name', 'setup-org-acronym']);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('setup-name');
    await page.getByLabel('Nombre completo').fill(ADMIN.name);
    await page.getByLabel('Correo electrónico').fill(ADMIN.email);
    await page.getByLabel(/^Contraseña/).fill(ADMIN.password);
    await page.getByLabel('Repita la contraseña').fill(ADMIN.password);
    await page.getByLabel('Nombre de la institución').fill('Oficina de Enlace de la ONUDD en México');
    await page.getByLabel('Siglas').fill('UNODC');
    // A state institution without its state is warned of (it may still be created so), as on the admin page.
    await page.getByLabel('Nivel').selectOption('state');
    expect(await page.getByTestId('state-missing').innerText()).toBe('Una institución estatal suele tener su entidad federativa: elíjala aquí para que se sepa de qué estado es. Puede guardarse sin ella.');
    await page.getByLabel('Nivel').selectOption('international');
    expect(await page.getByTestId('state-missing').count()).toBe(0);
    await page.getByLabel('Cargar datos de demostración').check();
    await page.getByRole('button', { name: 'Crear y entrar' }).click();

    // The demo accounts are shown once, on screen: the newcomer reads them from the table.
    const table = page.getByTestId('demo-credentials');
    await table.waitFor();
    await shoot(page, '01-demo-credentials');
    const accounts: Account[] = await table.locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => {
        const cells = [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim());
        return { name: cells[0], organization: cells[1], email: cells[2], password: cells[3] };
      }),
    );
    expect(accounts.length).toBeGreaterThanOrEqual(4);
    const lucia = accounts.find((a) => a.organization === 'SSPC')!;
    const jorge = accounts.find((a) => a.organization === 'FGR')!;
    expect(lucia.password.length).toBeGreaterThanOrEqual(12);
    await page.getByRole('button', { name: 'Continuar a mis mesas' }).click();
    await page.getByTestId('workspace-list').waitFor();
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL(`${h.base}/login`);

    // Lucía (SSPC, facilitator of the trafficking and smuggling group) signs in and opens her group.
    await signIn(page, lucia);
    await page.getByRole('link', { name: 'Mesa de Trata de Personas y Tráfico Ilícito de Migrantes' }).click();
    await page.getByTestId('workspace-dashboard').waitFor();
    await page.getByTestId('activity-progress').waitFor();
    // Each count agrees with its status ("2 planeadas"), in a list joined the way Spanish does.
    await expect.poll(() => page.getByTestId('progress-summary').innerText()).toBe('4 actividades: 2 planeadas, 1 en curso y 1 concluida.');
    // Both charts' legends name only the statuses some activity has, in the statuses' order (no «Cancelada» here).
    await expect
      .poll(() => page.getByTestId('activity-progress').locator('.recharts-legend-item-text').allInnerTexts())
      .toEqual(['Planeada', 'En curso', 'Concluida', 'Planeada', 'En curso', 'Concluida']);
    await expect.poll(() => page.getByTestId('upcoming-meeting').innerText()).toContain('Sesión ordinaria de la mesa');
    // Its start names its time zone, as the meetings list and the meeting page do (agencies join from several zones).
    expect(await page.getByTestId('upcoming-meeting').locator('time').innerText()).toMatch(/\d:\d{2}\s?[ap]\.\s?m\.\s+GMT/);
    const workspaceUrl = page.url();
    await shoot(page, '02-workspace-home');

    // The migrant-smuggling plan, co-edited with Jorge (FGR).
    await page.getByTestId('recent-plans').getByRole('link', { name: 'Plan de trabajo conjunto 2027' }).click();
    await page.locator(EDITOR).waitFor();
    const planUrl = page.url();
    const jorgeTab = await person();
    await signIn(jorgeTab.page, jorge);
    await jorgeTab.page.goto(planUrl);
    await jorgeTab.page.locator(EDITOR).waitFor();
    await expect.poll(() => page.locator('[data-testid="presence-avatars"] li').count(), { timeout: 10_000 }).toBe(2);

    await page.locator(EDITOR).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Lucía propone rutas seguras para personas migrantes en Tapachula.');
    await jorgeTab.page.locator(EDITOR).click();
    await jorgeTab.page.keyboard.press('Control+End');
    await jorgeTab.page.keyboard.press('Enter');
    await jorgeTab.page.keyboard.type('Jorge suma las carpetas de la FGR sobre tráfico de migrantes.');
    for (const p of [page, jorgeTab.page]) {
      await expect.poll(() => p.locator(EDITOR).innerText(), { timeout: 10_000 }).toContain('Jorge suma las carpetas de la FGR');
      await expect.poll(() => p.locator(EDITOR).innerText(), { timeout: 10_000 }).toContain('Lucía propone rutas seguras');
      await expect.poll(() => p.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 15_000 }).toBe('saved');
    }
    await page.locator(EDITOR).click();
    await shoot(page, '03-plan-co-editing', 'plan-editor.png');

    // Jorge comments on the plan; Lucía sees it arrive in her comment margin.
    await jorgeTab.page.getByTestId('comment-margin').getByLabel('Escriba un comentario…').first().fill('Revisemos los albergues de Tapachula con el INM antes de la sesión.');
    await jorgeTab.page.getByTestId('comment-margin').getByRole('button', { name: 'Enviar' }).first().click();
    await expect.poll(() => page.getByTestId('comment-margin').innerText(), { timeout: 10_000 }).toContain('Revisemos los albergues de Tapachula');

    // A decision, proposed from the decisions page.
    await page.goto(workspaceUrl.replace(/\/?$/, '/decisions'));
    await page.getByTestId('decision-list').waitFor();
    await page.getByLabel(/^Título/).fill('Protocolo binacional de atención en albergues');
    await page.getByRole('button', { name: 'Proponer', exact: true }).click();
    await expect.poll(() => page.getByTestId('decision-list').innerText(), { timeout: 10_000 }).toContain('Protocolo binacional de atención en albergues');

    // The home shows it as awaiting SSPC's stance.
    await page.goto(workspaceUrl);
    await expect.poll(() => page.getByTestId('pending-stances').innerText(), { timeout: 10_000 }).toContain('Protocolo binacional de atención en albergues');

    // Search finds it (typed without accents), highlighted, and opens it.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('atencion binacional');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const decisionResult = page.locator('[data-testid="search-results"] li[data-type="decision"]').filter({ hasText: 'Protocolo binacional' });
    await decisionResult.waitFor();
    expect(await decisionResult.locator('mark').allInnerTexts()).toEqual(expect.arrayContaining(['binacional', 'atención']));
    await shoot(page, '04-search');
    // The comment is searchable too.
    const comments = (await new Api(h.server.url, (await new Api(h.server.url).post('/api/auth/login', { email: lucia.email, password: lucia.password })).body.token).get('/api/search?q=albergues%20tapachula')).body.results;
    expect(comments.map((r: { type: string; snippet: string }) => [r.type, r.snippet])).toContainEqual(['comment', 'Revisemos los albergues de Tapachula con el INM antes de la sesión.']);
    await decisionResult.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /Protocolo binacional de atención en albergues/ }).waitFor();

    // English, remembered for Lucía.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Coordination matrix' }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.goto(workspaceUrl);
    await page.getByRole('heading', { name: 'Activity progress' }).waitFor();
    expect(await page.getByTestId('progress-summary').innerText()).toBe('4 activities: 2 planned, 1 in progress, and 1 done.');
    await shoot(page, '05-workspace-home-en');
    const api = new Api(h.server.url, (await new Api(h.server.url).post('/api/auth/login', { email: lucia.email, password: lucia.password })).body.token);
    await expect.poll(async () => (await api.get('/api/me')).body.user.locale).toBe('en');

    // The coordination matrix, for the README.
    await page.goto(`${h.base}/matrix`);
    await page.getByTestId('matrix-table').waitFor();
    await shoot(page, '06-matrix', 'matrix.png');

    // On a tablet, no page scrolls sideways.
    const tablet = await person(768);
    await signIn(tablet.page, lucia);
    const tabletPages: Array<[string, string, (p: Page) => Promise<unknown>]> = [
      ['07-workspace-home-768', workspaceUrl, (p) => p.getByTestId('activity-progress').waitFor()],
      ['08-plan-768', planUrl, (p) => p.locator(EDITOR).waitFor()],
      ['09-decisions-768', workspaceUrl.replace(/\/?$/, '/decisions'), (p) => p.getByTestId('decision-list').waitFor()],
      ['10-matrix-768', `${h.base}/matrix`, (p) => p.getByTestId('matrix-table').waitFor()],
      ['11-search-768', `${h.base}/search?q=binacional`, (p) => p.getByTestId('search-results').waitFor()],
    ];
    for (const [name, url, ready] of tabletPages) {
      await tablet.page.goto(url);
      await ready(tablet.page);
      expect(await tablet.page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(768);
      await shoot(tablet.page, name);
    }

    expect([...errors(), ...jorgeTab.errors(), ...tablet.errors()]).toEqual([]);
  });
});
