/**
 * What forms say and where they leave the keyboard, from an audit: a server refusal (a taken email, a taken
 * acronym) goes once the field it is about changes or the form is submitted again, and pushes no field beside it
 * down; «Agregar punto» puts focus in the new item; a decision past its due date says «Vencida» on its own page as
 * in the log, and proposing one with a past due date warns without refusing, and says the decision was proposed,
 * with a link to it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

/** The accessible label of the focused element (its <label for>), or its tag. */
const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent) || el.tagName.toLowerCase();
  });

describe('form feedback and focus', () => {
  const h = useBrowserWorld();

  it('drops a server refusal when its field changes and on every new submit, before the form’s own checks', async () => {
    const { world } = h;
    const taken = await world.user('Tomás Tomado', 'SSPC');
    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' });
    const { page } = admin;
    await page.goto(`${h.base}/admin`);
    const form = page.getByTestId('person-form');
    await form.waitFor();
    const email = form.getByLabel(/^Correo electrónico/);
    const password = form.getByLabel(/^Contraseña inicial/);
    const submit = form.getByRole('button', { name: 'Crear cuenta' });
    // Said at the email field, where it is fixed, not in a notice under the form.
    const takenNotice = form.locator('.field-error').filter({ hasText: 'Ya existe una persona con ese correo. Use otro correo, o búsquela en la lista de personas.' });
    const tooShort = form.getByText('La contraseña debe tener al menos 12 caracteres.');
    // The password's hint does not push the institution's label down: the row's labels line up.
    const labelTops = await form.locator('.field-row').nth(1).locator(':scope > .field > label').evaluateAll((ls) => ls.map((l) => Math.round(l.getBoundingClientRect().top)));
    expect(labelTops).toHaveLength(2);
    expect(new Set(labelTops).size, `label tops ${labelTops.join(', ')}`).toBe(1);

    await form.getByLabel(/^Nombre completo/).fill('Otra Persona');
    await email.fill(taken.email);
    await password.fill('una-contraseña-larga');
    await form.getByLabel(/^Institución/).selectOption(world.orgs.FGR.id);
    await submit.click();
    await takenNotice.waitFor({ timeout: 5000 });
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toBe(await takenNotice.getAttribute('id'));
    // The refusal under the email does not push «Nombre completo» down: its label and box stay level with the email's.
    const firstRow = form.locator('.field-row').first();
    const tops = (selector: string) => firstRow.locator(selector).evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    for (const selector of [':scope > .field > label', ':scope > .field > input']) {
      const found = await tops(selector);
      expect(found).toHaveLength(2);
      const [nameTop, emailTop] = found;
      expect(nameTop, `${selector}: name ${nameTop}, email ${emailTop}`).toBe(emailTop);
    }
    expect(await focusedLabel(page)).toMatch(/^Correo electrónico/);
    expect(await form.getByRole('alert').filter({ hasText: 'Ya existe una persona' }).count()).toBe(0);

    // Editing another field leaves it; a new submit stopped by the password check drops it.
    await password.fill('corta');
    expect(await takenNotice.count()).toBe(1);
    await submit.click();
    await tooShort.waitFor();
    expect(await takenNotice.count()).toBe(0);

    // Refused again, it goes as soon as the email is edited, before any submit.
    await password.fill('una-contraseña-larga');
    await submit.click();
    await takenNotice.waitFor({ timeout: 5000 });
    await email.fill('otra.persona@enlace.test');
    expect(await takenNotice.count()).toBe(0);
    await password.fill('corta');
    await submit.click();
    await tooShort.waitFor();
    expect(await takenNotice.count()).toBe(0);

    // The organization form alike: a taken acronym goes when the acronym is edited.
    const org = page.getByTestId('organization-form');
    await org.getByLabel('Nombre de la institución').fill('Otra secretaría');
    await org.getByLabel('Siglas').fill('sspc');
    await org.getByRole('button', { name: 'Agregar institución' }).click();
    const acronymTaken = org.getByTestId('acronym-taken');
    await acronymTaken.waitFor({ timeout: 5000 });
    await org.getByLabel('Siglas').fill('SSPC-2');
    expect(await acronymTaken.count()).toBe(0);

    expect(admin.errors.filter((e) => !e.includes('409'))).toEqual([]);
    await admin.close();
  });

  it('moves focus to the new agenda item’s title, when scheduling and when editing a meeting, and to its neighbour when one is removed', async () => {
    const { world } = h;
    const fac = await world.user('Fabián Facilitador', 'UNODC');
    const ws = await world.workspace(fac.api, 'Mesa de armas');
    const created = await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión ordinaria', startsAt: '2027-03-01T16:00:00Z', agenda: [{ title: 'Bienvenida' }] });
    expect(created.status).toBe(201);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);

    await page.goto(`${h.base}/w/${ws}`);
    await page.getByText('Programar una reunión').click();
    const add = page.getByRole('button', { name: 'Agregar punto' });
    await add.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedLabel(page)).toBe('Punto 2');
    await page.keyboard.type('Informe');
    expect(await page.getByLabel('Punto 2', { exact: true }).inputValue()).toBe('Informe');

    await page.goto(`${h.base}/w/${ws}/meetings/${created.body.meeting.id}`);
    await page.getByRole('button', { name: 'Editar reunión' }).click();
    const form = page.getByTestId('meeting-edit');
    await form.getByRole('button', { name: 'Agregar punto' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedLabel(page)).toBe('Punto 2');
    await page.keyboard.type('Acuerdos');
    expect(await form.getByLabel('Punto 2', { exact: true }).inputValue()).toBe('Acuerdos');
    // Removing an item by keyboard leaves the focus on the item before it, not on the page.
    await form.getByRole('button', { name: 'Quitar el punto 2' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedLabel(page)).toBe('Punto 1');
    expect(await form.getByLabel('Punto 2', { exact: true }).count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('marks a proposed decision past its due date «Vencida» on its page, not a closed one, and warns of a past date when proposing', async () => {
    const { world } = h;
    const fac = await world.user('Flora Facilitadora', 'UNODC');
    const ws = await world.workspace(fac.api, 'Mesa de lavado de dinero');
    const late = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo atrasado', dueDate: '2024-03-15' })).body.decision.id;
    const agreed = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo acordado', dueDate: '2024-03-15' })).body.decision.id;
    expect((await fac.api.patch(`/api/decisions/${agreed}`, { status: 'agreed' })).status).toBe(200);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);

    await page.goto(`${h.base}/w/${ws}/decisions/${late}`);
    await page.getByRole('heading', { level: 1, name: 'Protocolo atrasado' }).waitFor();
    // In words and in the log's red tag.
    const head = page.locator('.page-head');
    expect(await head.innerText()).toContain('Vencida: vencía el 15 mar 2024');
    expect(await head.locator('.tag-overdue').innerText()).toBe('Vencida: vencía el 15 mar 2024');

    // Closed, it is no longer overdue (the log's rule).
    await page.goto(`${h.base}/w/${ws}/decisions/${agreed}`);
    await page.getByRole('heading', { level: 1, name: 'Protocolo acordado' }).waitFor();
    expect(await head.innerText()).toContain('Fecha límite: 15 mar 2024');
    expect(await head.locator('.tag-overdue').count()).toBe(0);

    // The log says it the same way.
    await page.goto(`${h.base}/w/${ws}/decisions`);
    const list = page.getByTestId('decision-list');
    await list.waitFor();
    expect(await list.locator('li', { hasText: 'Protocolo atrasado' }).locator('.tag-overdue').innerText()).toBe('Vencida: vencía el 15 mar 2024');

    // Proposing with a past due date: warned, described on the field, and still proposed.
    const form = page.getByRole('form', { name: 'Proponer una decisión' });
    const dueField = form.getByLabel(/^Fecha límite/);
    const warning = form.getByTestId('past-due-warning');
    await form.getByLabel(/^Título/).fill('Decisión de la sesión pasada');
    await dueField.fill('2030-01-10');
    expect(await warning.count()).toBe(0);
    await dueField.fill('2024-05-02');
    expect(await form.innerText()).toContain('Esa fecha ya pasó: la decisión aparecerá como vencida');
    expect(await dueField.getAttribute('aria-describedby')).toBe(await warning.getAttribute('id'));
    await form.getByRole('button', { name: 'Proponer', exact: true }).click();
    await list.getByText('Decisión de la sesión pasada').waitFor({ timeout: 5000 });
    // Said, with a link to it: with a status filter on, the log would not show it.
    const proposed = page.getByTestId('decision-proposed');
    expect(await proposed.innerText()).toBe('D-3 quedó propuesta. Abrir D-3');
    await proposed.getByRole('link', { name: 'Abrir D-3' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decisión de la sesión pasada' }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('counts down the proposal text near its limit and, past it, says by how much at the field and proposes nothing', async () => {
    const { world } = h;
    const fac = await world.user('Flor Extensa', 'UNODC');
    const ws = await world.workspace(fac.api, 'Mesa de textos largos');
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/decisions`);
    const form = page.getByRole('form', { name: 'Proponer una decisión' });
    await form.waitFor();
    const text = form.getByLabel('Texto de la propuesta');
    await form.getByLabel(/^Título/).fill('Propuesta extensa');
    // Far from the limit: no counter.
    await text.fill('a'.repeat(1000));
    expect(await form.locator('.field-hint').count()).toBe(0);
    // Near it: the characters left, tied to the box.
    await text.fill('a'.repeat(19_000));
    const hint = form.getByText('Quedan 1,000 caracteres');
    await hint.waitFor();
    expect(await text.getAttribute('aria-describedby')).toBe(await hint.getAttribute('id'));
    // Past it: by how much and what to do, at the box, which is marked; proposing is refused here and leaves focus there.
    await text.fill('a'.repeat(20_050));
    const over = form.getByText('Como máximo 20,000 caracteres: sobran 50. Acórtelo para poder guardarlo.');
    await over.waitFor();
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel(/^Título/).focus();
    await form.getByRole('button', { name: 'Proponer', exact: true }).click();
    await expect.poll(() => text.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await fac.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions).toEqual([]);
    // Shortened, it goes.
    await text.fill('a'.repeat(20_000));
    expect(await over.count()).toBe(0);
    await form.getByRole('button', { name: 'Proponer', exact: true }).click();
    await page.getByTestId('decision-proposed').waitFor({ timeout: 10_000 });
    const stored = (await fac.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions as Array<{ id: string }>;
    expect(stored).toHaveLength(1);
    expect((await fac.api.get(`/api/decisions/${stored[0].id}`)).body.decision.body).toHaveLength(20_000);
    expect(errors).toEqual([]);
    await close();
  });
});
