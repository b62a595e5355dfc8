/** A decision proposed by someone else appears on an open decision log without a reload. */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../helpers/api.js';
import { newSignedInPage, useBrowserHarness } from '../helpers/browserSession.js';

describe('live decision log', () => {
  const h = useBrowserHarness();

  it('shows a decision created by another member without reloading', async () => {
    const world = await createWorld(h.server.url);
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de lavado de dinero');
    await world.addMember(ws, fac.api, ana.id, 'member', true);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana);
    await page.goto(`${h.base}/w/${ws}/decisions`);
    await page.getByTestId('decision-list').or(page.getByRole('heading', { level: 1 })).first().waitFor();
    let navigations = 0;
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations++);

    const created = await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Intercambio de tipologías de lavado' });
    expect(created.status).toBe(201);
    await page.getByText('Intercambio de tipologías de lavado').waitFor({ timeout: 5000 });
    await expect(page.getByText('D-1').first().isVisible()).resolves.toBe(true);
    expect(navigations).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});
