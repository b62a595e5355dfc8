/** A decision proposed by someone else appears on an open decision log without a reload. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, PASSWORD } from '../helpers/api.js';
import { collectConsoleErrors, launchChromium } from '../helpers/browser.js';
import { builtClient } from '../helpers/clientBuild.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('live decision log', () => {
  let client: Awaited<ReturnType<typeof builtClient>>;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    client = await builtClient();
    server = await startTestServer({ clientDir: client.dir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    client?.cleanup();
  });

  it('shows a decision created by another member without reloading', async () => {
    const base = server.config.publicOrigin;
    const world = await createWorld(server.url);
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de lavado de dinero');
    await world.addMember(ws, fac.api, ana.id, 'member', true);

    const context = await browser.newContext({ locale: 'es-MX' });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${base}/login`);
    await page.getByLabel('Correo electrónico').fill(ana.email);
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/w/${ws}/decisions`);
    await page.getByTestId('decision-list').or(page.getByRole('heading', { level: 1 })).first().waitFor();
    let navigations = 0;
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations++);

    const created = await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Intercambio de tipologías de lavado' });
    expect(created.status).toBe(201);
    await page.getByText('Intercambio de tipologías de lavado').waitFor({ timeout: 5000 });
    await expect(page.getByText('D-1').first().isVisible()).resolves.toBe(true);
    expect(navigations).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
