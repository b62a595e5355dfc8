/**
 * On a phone (390 and 375 px): the header scrolls away instead of covering a quarter of the screen, long words and
 * links wrap, and the plan history's version name gets the whole width.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('narrow screens', () => {
  const h = useBrowserWorld();

  it('keeps a decision with an unbroken 120-character title within the width, list and page, with the header unpinned', async () => {
    const { world } = h;
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(ana.api, 'Mesa de Seguridad Frontera Sur');
    const title = `Acordarquelasinstituciones${'participantes'.repeat(7)}compartan`;
    const decision = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title })).body.decision;

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 390, height: 844 } });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.goto(`${h.base}/w/${ws}/decisions`);
    await page.getByTestId('decision-list').getByRole('link', { name: title }).waitFor();
    expect(await overflow()).toBe(0);
    expect(await page.locator('.app-header').evaluate((el) => getComputedStyle(el).position)).toBe('static');
    // The account menu shows whose it is (initials; a lone ▾ before), and is named in full for screen readers.
    const account = page.locator('.app-header summary:has(.user-initials)');
    expect(await account.locator('.user-initials').isVisible()).toBe(true);
    expect(await account.locator('.user-initials').innerText()).toBe('AT');
    expect(await account.textContent()).toContain('Ana Torres');
    // Three compact rows: the mark shares its row with the language, account and sign-out; the links share one row,
    // the matrix's shown as «Matriz» but named in full; the breadcrumb is one line, the page's own name left to its heading.
    const top = async (selector: string) => Math.round((await page.locator(selector).first().boundingBox())!.y);
    expect(Math.abs((await top('.header-tools')) - (await top('.app-header .brand')))).toBeLessThanOrEqual(10);
    const matrixLink = page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Matriz de coordinación' });
    expect(await matrixLink.locator('.nav-label-short').innerText()).toBe('Matriz');
    expect(await matrixLink.locator('.nav-label-short').isVisible()).toBe(true);
    expect((await matrixLink.locator('.nav-label-long').boundingBox())!.width).toBeLessThanOrEqual(1);
    const linkTops = await page.locator('nav.main-nav a').evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
    expect(new Set(linkTops).size).toBe(1);
    const crumbs = page.getByRole('navigation', { name: 'Ruta de navegación' });
    expect(await crumbs.locator('li').evaluateAll((items) => new Set(items.filter((li) => li.getBoundingClientRect().width > 1).map((li) => Math.round(li.getBoundingClientRect().top))).size)).toBe(1);
    expect(await crumbs.getByRole('link', { name: 'Mesa de Seguridad Frontera Sur' }).isVisible()).toBe(true);

    await page.goto(`${h.base}/w/${ws}/decisions/${decision.id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await overflow()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows a focal point their stance form within the screen, the stances as one card per institution', async () => {
    const { world } = h;
    const fac = await world.user('Felipe Facilitador', 'UNODC');
    const sara = await world.user('Sara Núñez', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de migración');
    await world.addMember(ws, fac.api, sara.id, 'member', true);
    const decision = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Ruta de atención a migrantes' })).body.decision;
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, sara, { viewport: { width: 390, height: 844 } });
    await page.goto(`${h.base}/w/${ws}/decisions/${decision.id}`);
    const row = page.locator(`[data-testid="stances-table"] tr[data-organization-id="${world.orgs.SSPC.id}"]`);
    const record = row.getByRole('button', { name: /Registrar/ });
    await record.waitFor();
    // Inside the window and not cut off by the table's own scroll box.
    const fits = await record.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const frame = el.closest('.table-wrap')!.getBoundingClientRect();
      return r.left >= frame.left && r.right <= frame.right && r.right <= window.innerWidth;
    });
    expect(fits).toBe(true);
    expect(await page.locator('[data-testid="stances-table"]').evaluate((el) => el.closest('.table-wrap')!.scrollWidth - el.closest('.table-wrap')!.clientWidth)).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('never scrolls sideways at 375 px for an admin (five links in the header), in Spanish or English, on any page', { timeout: 150_000 }, async () => {
    const { world } = h;
    const ada = await world.user('Ada Administradora', 'SSPC', { isAdmin: true });
    const ws = await world.workspace(ada.api, 'Mesa de Seguridad Frontera Sur');
    const doc = await world.document(ada.api, ws);
    const decision = (await ada.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo común' })).body.decision;
    const meeting = (await ada.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión ordinaria', startsAt: new Date().toISOString(), agenda: [{ title: 'Avances' }] })).body.meeting;
    const routes = ['/', '/matrix', '/admin', '/actions', '/inbox', '/search?q=mesa', `/w/${ws}`, `/w/${ws}/d/${doc}`, `/w/${ws}/decisions`, `/w/${ws}/decisions/${decision.id}`, `/w/${ws}/meetings/${meeting.id}`, `/w/${ws}/audit`];

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ada, { viewport: { width: 375, height: 812 } });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const wide: string[] = [];
    for (const lang of ['Español', 'English']) {
      if (lang === 'English') await page.getByRole('button', { name: 'English' }).click();
      for (const route of routes) {
        await page.goto(`${h.base}${route}`);
        await page.locator('main h1').first().waitFor();
        // What loads after the heading (lists, the plan's table) has a moment to take its width.
        await new Promise((r) => setTimeout(r, 400));
        const px = await overflow();
        if (px > 0) wide.push(`${lang} ${route}: ${px} px`);
      }
    }
    expect(wide).toEqual([]);
    // The links wrapped inside the header: the last one is within the screen.
    const lastLink = await page.locator('nav.main-nav a').last().evaluate((a) => a.getBoundingClientRect().right);
    expect(lastLink).toBeLessThanOrEqual(375);
    expect(errors).toEqual([]);
    await close();
  });

  it('gives the plan history’s version name the whole width on a phone, its example in full, the button under it', async () => {
    const { world } = h;
    const nora = await world.user('Nora Nombra', 'SSPC');
    const ws = await world.workspace(nora.api, 'Mesa de versiones');
    const doc = await world.document(nora.api, ws);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, nora, { viewport: { width: 390, height: 844 } });
    await page.goto(`${h.base}/w/${ws}/d/${doc}`);
    const form = page.getByTestId('history-panel').locator('form.vh-name-form');
    const input = form.getByTestId('history-name-input');
    const button = form.getByRole('button', { name: 'Nombrar versión' });
    await input.waitFor({ timeout: 15_000 });
    await input.scrollIntoViewIfNeeded();
    const formBox = (await form.boundingBox())!;
    const inputBox = (await input.boundingBox())!;
    // The box spans the form (it was squeezed to 134 px beside its label), under the label.
    expect(inputBox.width).toBeGreaterThanOrEqual(formBox.width - 1);
    expect(inputBox.y).toBeGreaterThan((await form.getByText('Nombre de la versión').boundingBox())!.y);
    // Its example fits inside the box, as typed text would.
    expect(await input.getAttribute('placeholder')).toBe('p. ej. Acordada el 14 de marzo');
    const room = await input.evaluate((el: HTMLInputElement) => {
      const style = getComputedStyle(el);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = style.font;
      return { text: context.measureText(el.placeholder).width, inside: el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
    });
    expect(room.text).toBeLessThanOrEqual(room.inside);
    // The button under the box, at its own size and within the screen.
    const buttonBox = (await button.boundingBox())!;
    expect(buttonBox.y).toBeGreaterThanOrEqual(inputBox.y + inputBox.height);
    expect(buttonBox.width).toBeLessThan(formBox.width / 2);
    expect(buttonBox.x + buttonBox.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);

    // On a wide screen label, box and button stay on one line.
    await page.setViewportSize({ width: 1280, height: 900 });
    const middle = async (el: typeof input) => {
      const b = (await el.boundingBox())!;
      return Math.round(b.y + b.height / 2);
    };
    await expect.poll(async () => Math.abs((await middle(input)) - (await middle(button)))).toBeLessThanOrEqual(2);
    expect(Math.abs((await middle(input)) - (await middle(form.getByText('Nombre de la versión'))))).toBeLessThanOrEqual(2);
    expect(errors).toEqual([]);
    await close();
  });
});
