/**
 * A facilitator changes the working group's settings from its page: name, description, mandate areas and overlap
 * sharing, told truthfully what sharing shows other groups. A refused change shows the server's reason in the form;
 * a stored one is in the REST answer and on a member's open page without a reload. Members and observers get no control.
 */
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

/** Well under any fallback refresh: only the live event gets there in time. */
const LIVE_MS = 5000;
const CONTROL = 'Configuración de la mesa';

describe('group settings', () => {
  const h = useBrowserWorld();

  it('a facilitator renames the group, changes its areas and shares overlaps; members see it live, never the control', async () => {
    const { world } = h;
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const oscar = await world.user('Olga Observadora', 'FGR');
    const ws = await world.workspace(fac.api, 'Mesa de trata de personas');
    await world.addMember(ws, fac.api, ana.id, 'member');
    await world.addMember(ws, fac.api, oscar.id, 'observer');
    const url = `${h.base}/w/${ws}`;
    const stored = async () => (await fac.api.get(`/api/workspaces/${ws}`)).body.workspace;

    // The member's page, open all along: marked so a reload would show.
    const member = await newSignedInPage(h.browser, h.base, ana);
    const m = member.page;
    await m.goto(url);
    await m.getByRole('heading', { level: 1, name: 'Mesa de trata de personas' }).waitFor();
    expect(await m.getByRole('button', { name: CONTROL }).count()).toBe(0);
    await m.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    // Another of the member's tabs, on the decisions: its breadcrumb names the group too.
    const decisions = await member.context.newPage();
    await decisions.goto(`${url}/decisions`);
    const crumbs = decisions.getByRole('navigation', { name: 'Ruta de navegación' });
    await crumbs.getByText('Mesa de trata de personas').waitFor();
    // And a tab on the home page, in no group's room: it reads the list again when it comes back into view.
    const home = await member.context.newPage();
    await home.goto(`${h.base}/`);
    const homeList = home.getByTestId('workspace-list');
    await homeList.getByRole('link', { name: 'Mesa de trata de personas' }).waitFor();

    const facilitator = await newSignedInPage(h.browser, h.base, fac);
    const page = facilitator.page;
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Mesa de trata de personas' }).waitFor();
    await page.getByRole('button', { name: CONTROL }).click();
    const dialog = page.getByTestId('group-settings');
    await dialog.getByRole('heading', { name: CONTROL }).waitFor();

    // Prefilled with the group as it is; sharing off, and said what turning it on shows (and keeps back).
    const name = dialog.getByLabel(/^Nombre de la mesa/);
    expect(await name.inputValue()).toBe('Mesa de trata de personas');
    expect(await dialog.getByLabel('Trata de personas', { exact: true }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Tráfico ilícito de migrantes', { exact: true }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Corrupción', { exact: true }).isChecked()).toBe(false);
    const share = dialog.getByRole('checkbox', { name: 'Compartir con otras mesas las posibles duplicidades' });
    expect(await share.isChecked()).toBe(false);
    const hint = await dialog.locator(`#${await share.getAttribute('aria-describedby')}`).innerText();
    expect(hint).toContain('verán que una actividad de esta mesa podría duplicar una suya');
    expect(hint).toContain('pero no su título, su plan ni el nombre de esta mesa');
    expect(await seriousViolations(page)).toEqual([]);

    // A description over the server's limit: its refusal shows in the form, which stays open with what was typed.
    const description = dialog.getByLabel('Descripción');
    await description.fill('x'.repeat(5001));
    await dialog.getByRole('button', { name: 'Guardar configuración' }).click();
    await dialog.getByRole('alert').getByText('Algunos datos no son válidos.').waitFor({ timeout: LIVE_MS });
    expect((await stored()).description).toBe('');

    await name.fill('Mesa de trata y corrupción');
    await description.fill('Coordinación interinstitucional en Chihuahua');
    await dialog.getByLabel('Tráfico ilícito de migrantes', { exact: true }).uncheck();
    await dialog.getByLabel('Corrupción', { exact: true }).check();
    await share.check();
    await dialog.getByRole('button', { name: 'Guardar configuración' }).click();

    await page.getByRole('heading', { level: 1, name: 'Mesa de trata y corrupción' }).waitFor({ timeout: LIVE_MS });
    await page.getByText('Se guardó la configuración de la mesa.').waitFor();
    expect(await dialog.isVisible()).toBe(false);
    expect(await stored()).toMatchObject({
      name: 'Mesa de trata y corrupción',
      description: 'Coordinación interinstitucional en Chihuahua',
      mandateAreas: ['trafficking_in_persons', 'corruption'],
      shareOverlaps: true,
    });

    // The member's open page follows without a reload: name, description and areas.
    await m.getByRole('heading', { level: 1, name: 'Mesa de trata y corrupción' }).waitFor({ timeout: LIVE_MS });
    await m.locator('.page-head .lead').getByText('Coordinación interinstitucional en Chihuahua').waitFor({ timeout: LIVE_MS });
    const tags = m.locator('.page-head').getByRole('list', { name: 'Ámbitos del mandato' }).getByRole('listitem');
    await expect.poll(() => tags.allInnerTexts(), { timeout: LIVE_MS }).toEqual(['Trata de personas', 'Corrupción']);
    expect(await m.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await crumbs.getByText('Mesa de trata y corrupción').waitFor({ timeout: LIVE_MS });
    await home.evaluate(() => window.dispatchEvent(new Event('focus')));
    await homeList.getByRole('link', { name: 'Mesa de trata y corrupción' }).waitFor({ timeout: LIVE_MS });
    expect(await m.getByRole('button', { name: CONTROL }).count()).toBe(0);

    // Chromium logs the provoked 400 itself; nothing else may go wrong.
    expect(facilitator.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(member.errors).toEqual([]);
    await facilitator.close();
    await member.close();

    // An observer reads the group as changed, with no control either.
    const observer = await newSignedInPage(h.browser, h.base, oscar);
    await observer.page.goto(url);
    await observer.page.getByRole('heading', { level: 1, name: 'Mesa de trata y corrupción' }).waitFor();
    await observer.page.locator('.page-head .role-observer').getByText('Observación').waitFor();
    expect(await observer.page.getByRole('button', { name: CONTROL }).count()).toBe(0);
    expect(observer.errors).toEqual([]);
    await observer.close();
  });
});
