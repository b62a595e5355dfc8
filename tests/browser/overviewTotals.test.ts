/**
 * The working group's overview counts everything, even where its lists stop at ten, and its "see all" links open the
 * decision log and the actions page already filtered; they keep their filters in the address, so a reload or a shared
 * link keeps them.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('the overview with more than ten of everything', () => {
  const h = useBrowserWorld();

  it('shows the true totals, says how many it lists, and links to the rest', async () => {
    const carla = await h.world.user('Carla Punto Focal', 'UNODC');
    const ws = await h.world.workspace(carla.api, 'Mesa de armas');
    const unodc = h.world.orgs.UNODC.id;
    for (let i = 1; i <= 13; i++) {
      const d = (await carla.api.post(`/api/workspaces/${ws}/decisions`, { title: `Propuesta ${i}` })).body.decision;
      expect((await carla.api.post(`/api/decisions/${d.id}/actions`, { title: `Acción ${i}`, ownerOrganizationId: unodc, dueDate: '2020-01-15' })).status).toBe(201);
    }
    const session = await newSignedInPage(h.browser, h.base, carla, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await page.goto(`${h.base}/w/${ws}`);
    const stances = page.getByTestId('pending-stances');
    await stances.getByRole('heading', { name: 'Pendiente de postura de mi institución 13' }).waitFor();
    expect(await stances.locator('li').count()).toBe(10);
    await page.getByRole('heading', { name: 'Acciones de mi institución 13' }).waitFor();
    await page.getByRole('heading', { name: 'Acciones vencidas 13' }).waitFor();
    expect(await page.getByTestId('more-in-list').allInnerTexts()).toEqual([
      'Se muestran 10 de 13. Ver todas las propuestas',
      'Se muestran 10 de 13. Ver todas las acciones a su cargo',
      'Se muestran 10 de 13. Ver todas las acciones vencidas',
    ]);

    await page.getByRole('link', { name: 'Ver todas las acciones vencidas' }).click();
    await page.waitForURL(`${h.base}/w/${ws}/actions?overdue=1`);
    expect(await page.getByLabel('Solo vencidas').isChecked()).toBe(true);
    await page.getByText('Acción 13', { exact: true }).waitFor();
    expect(await page.getByTestId('action-row').count()).toBe(13);
    // The decision log's overdue filter lists them too, and leads to the page where they are updated.
    await page.goto(`${h.base}/w/${ws}/decisions?overdue=1`);
    await page.getByTestId('overdue-actions').getByText('Acción 13', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Verlas en la página de acciones, donde se actualizan' }).click();
    await page.waitForURL(`${h.base}/w/${ws}/actions?overdue=1`);

    await page.goto(`${h.base}/w/${ws}`);
    await page.getByRole('link', { name: 'Ver todas las propuestas' }).click();
    await page.waitForURL(`${h.base}/w/${ws}/decisions?status=proposed`);
    expect(await page.getByLabel('Estado', { exact: true }).inputValue()).toBe('proposed');
    await page.getByRole('link', { name: /Propuesta 13/ }).waitFor();
    // Changing a filter changes the address; a reload keeps it.
    await page.getByLabel('Estado', { exact: true }).selectOption('agreed');
    await page.waitForURL(`${h.base}/w/${ws}/decisions?status=agreed`);
    await page.reload();
    expect(await page.getByLabel('Estado', { exact: true }).inputValue()).toBe('agreed');
    expect(session.errors).toEqual([]);
    await session.close();
  });
});
