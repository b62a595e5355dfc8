/**
 * The /matrix page in the browser: activities edited over y-websocket appear in the table with links
 * to their row in the plan, filters narrow them, the pivot counts them, the map credits its source,
 * and an overlap is resolved from the page. No console errors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, PASSWORD } from '../helpers/api.js';
import { collectConsoleErrors, launchChromium } from '../helpers/browser.js';
import { addActivity, openPlan, pollUntil, tipActivity, twoGroups } from '../helpers/matrix.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import type { YClient } from '../helpers/yjsClient.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('matrix page in the browser', () => {
  let outDir: string;
  let server: TestServer;
  let browser: Browser;
  const clients: YClient[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'enlace-client-'));
    await build({ configFile: join(root, 'vite.config.ts'), root: join(root, 'client'), logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
    server = await startTestServer({ clientDir: outDir });
    browser = await launchChromium();
  });

  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('filters, pivots, links to plans and resolves an overlap', async () => {
    const base = server.config.publicOrigin;
    const world = await createWorld(server.url);
    const { liaison, facA, facB, wsA, docA, docB } = await twoGroups(world);
    const planA = await openPlan(server, facA.api, docA);
    const planB = await openPlan(server, facB.api, docB);
    clients.push(planA, planB);
    const a = tipActivity(world.orgs['FGE-CHIH'].id, { title: 'Capacitación a fiscales de Chihuahua' });
    addActivity(planA, a);
    addActivity(planB, tipActivity(world.orgs['MUN-JUAREZ'].id, { title: 'Capacitación a fiscales en Juárez' }));
    addActivity(planB, tipActivity(world.orgs.SSPC.id, { title: 'Análisis financiero de redes', mandateArea: 'money_laundering', stateCodes: ['09'] }));
    await pollUntil(liaison.api, '/api/overlaps', (x: { overlaps: unknown[] }) => x.overlaps.length === 1);

    const context = await browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 1100 } });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${base}/login`);
    await page.getByLabel('Correo electrónico').fill(liaison.email);
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL(`${base}/`);

    await page.goto(`${base}/matrix`);
    const rows = page.locator('[data-testid="matrix-table"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    const link = page.getByTestId('matrix-table').getByRole('link', { name: a.title });
    expect(await link.getAttribute('href')).toBe(`/w/${wsA}/d/${docA}?activity=${a.id}`);

    await page.getByLabel('Ámbito', { exact: true }).selectOption('money_laundering');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(page.url()).toContain('mandateArea=money_laundering');
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);

    await page.getByRole('button', { name: 'Entidad × ámbito' }).click();
    const pivot = page.getByTestId('matrix-pivot-state');
    await pivot.waitFor();
    await expect.poll(() => pivot.locator('tbody tr').first().innerText()).toMatch(/Chihuahua\s+·\s+2\s+2/);
    await pivot.getByRole('button', { name: /2 actividades de Chihuahua/ }).click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(page.url()).toContain('stateCode=08');

    expect(await page.locator('.matrix-attribution').innerText()).toMatch(/@svg-maps\/mexico.*CC BY 4\.0/);

    const overlaps = page.getByTestId('matrix-overlaps');
    await expect.poll(() => overlaps.locator('li.overlap').count(), { timeout: 10_000 }).toBe(1);
    expect(await overlaps.innerText()).toContain('Mismo lugar');
    await overlaps.getByLabel('Cómo se atiende').selectOption('co_lead');
    await overlaps.getByLabel('Nota (opcional)').fill('FGE lidera con el municipio');
    await overlaps.getByRole('button', { name: 'Registrar' }).click();
    await expect.poll(() => overlaps.locator('li.overlap').count(), { timeout: 10_000 }).toBe(0);
    await overlaps.getByLabel('Mostrar').selectOption('resolved');
    await expect.poll(() => overlaps.innerText(), { timeout: 10_000 }).toContain('Liderar en conjunto — FGE lidera con el municipio');

    // Click-through: the plan opens with the activity's row in view and focus inside it.
    await page.getByRole('button', { name: 'Actividades', exact: true }).click();
    await page.getByTestId('matrix-table').getByRole('link', { name: a.title }).click();
    await page.waitForURL(`${base}/w/${wsA}/d/${docA}?activity=${a.id}`);
    await expect
      .poll(() => page.evaluate(() => (document.activeElement?.closest('[data-activity-id]') as HTMLElement | null)?.dataset.activityId ?? null), { timeout: 10_000 })
      .toBe(a.id);

    expect(errors).toEqual([]);
    await context.close();
  });
});
