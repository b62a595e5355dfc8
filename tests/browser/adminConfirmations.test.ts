/**
 * Where the admin page says what a form or a row's action did, from an audit: the confirmation went under the
 * header, out of view when the form was far down, and each one pushed the page down. Now it is said beside the
 * submit button (or in the row an action changed), in a live region that was in the page before, a second one
 * replacing the first; the submit row stays where it was on screen while the list above it gains the new row.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

/** The element's top edge on the screen, in pixels. */
const screenTop = async (el: Locator) => (await el.boundingBox())!.y;

/** Whether the element's top is still at `top` on the screen (scrolling goes by whole pixels: within one is still). */
const stillAt = async (el: Locator, top: number) => Math.abs((await screenTop(el)) - top) <= 1;

/** Whether the element lies wholly inside the window. */
async function inView(page: Page, el: Locator): Promise<boolean> {
  const box = (await el.boundingBox())!;
  const height = page.viewportSize()!.height;
  return box.y >= 0 && box.y + box.height <= height;
}

describe('admin confirmations where the form is', () => {
  const h = useBrowserWorld();

  it('says an added organization beside its button, in view below a long list, and replaces it for the next one', async () => {
    // A list long enough that the form starts well below the first screen.
    for (let n = 1; n <= 14; n++) {
      expect((await h.world.admin.post('/api/organizations', { name: `Secretaría número ${n}`, acronym: `SEC${n}`, level: 'federal' })).status).toBe(201);
    }
    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' }, { viewport: { width: 1280, height: 900 } });
    const { page } = admin;
    await page.goto(`${h.base}/admin`);
    const list = page.getByTestId('admin-organizations');
    await list.locator('tr', { hasText: 'SEC14' }).waitFor();
    const form = page.getByTestId('organization-form');
    const submit = form.getByRole('button', { name: 'Agregar institución' });
    const status = form.getByRole('status');
    // The live region is there, empty, before anything is said: screen readers announce what then appears in it.
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await status.innerText()).toBe('');
    const headTop = await page.locator('.page-head').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);

    for (const acronym of ['SEGOB', 'SRE']) {
      await form.getByLabel('Nombre de la institución').fill(`Institución ${acronym}`);
      await form.getByLabel('Siglas').fill(acronym);
      await submit.scrollIntoViewIfNeeded();
      const rowsBefore = await list.locator('tbody tr').count();
      // Below the first screen: the header's notices were out of view from here.
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(400);
      const buttonTop = await screenTop(submit);
      await submit.click();
      await expect.poll(() => status.innerText(), { timeout: 10_000 }).toBe(`Se agregó la institución ${acronym}.`);
      await list.locator('tr', { hasText: `Institución ${acronym}` }).waitFor({ timeout: 10_000 });
      expect(await list.locator('tbody tr').count()).toBe(rowsBefore + 1);
      // One confirmation, the newest: the first one's words are gone.
      expect(await status.locator('p').count()).toBe(1);
      // Where the person was looking: the button has not moved on screen though the list above it grew by a row,
      // and the confirmation is beside it (not above), inside the window.
      await expect.poll(() => stillAt(submit, buttonTop)).toBe(true);
      expect(await screenTop(status.locator('p'))).toBeGreaterThanOrEqual(buttonTop - 4);
      expect(await inView(page, status.locator('p'))).toBe(true);
    }
    // Nothing went under the header, and the page's head did not move down.
    expect(await page.locator('.notice-list .notice').count()).toBe(0);
    expect(await page.locator('.page-head').evaluate((el) => el.getBoundingClientRect().top + window.scrollY)).toBe(headTop);
    expect(await seriousViolations(page)).toEqual([]);
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it('says an added person under the button on a phone, in view though the new card above is tall, one at a time', async () => {
    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' }, { viewport: { width: 390, height: 844 } });
    const { page } = admin;
    await page.goto(`${h.base}/admin`);
    const people = page.getByTestId('admin-people');
    await people.waitFor();
    const form = page.getByTestId('person-form');
    const submit = form.getByRole('button', { name: 'Crear cuenta' });
    const status = form.getByRole('status');
    expect(await status.innerText()).toBe('');
    for (const [name, email] of [
      ['Irma Nueva', 'irma.nueva@enlace.test'],
      ['Iván Nuevo', 'ivan.nuevo@enlace.test'],
    ]) {
      await form.getByLabel(/^Nombre completo/).fill(name);
      await form.getByLabel(/^Correo electrónico/).fill(email);
      await form.getByLabel(/^Contraseña inicial/).fill('una-contraseña-larga');
      await form.getByLabel(/^Institución/).selectOption(h.world.orgs.FGR.id);
      await submit.scrollIntoViewIfNeeded();
      const buttonTop = await screenTop(submit);
      await submit.click();
      await expect.poll(() => status.innerText(), { timeout: 10_000 }).toBe(`Se creó la cuenta de ${name}.`);
      await people.locator('tr', { hasText: name }).waitFor({ timeout: 10_000 });
      expect(await status.locator('p').count()).toBe(1);
      await expect.poll(() => stillAt(submit, buttonTop)).toBe(true);
      // Under the button on a phone: the line is too narrow for both.
      expect(await screenTop(status.locator('p'))).toBeGreaterThan(buttonTop);
      expect(await inView(page, status.locator('p'))).toBe(true);
    }
    expect(await page.locator('.notice-list .notice').count()).toBe(0);
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it('says a row’s change in that row, where focus returns, and only the latest one', async () => {
    const olga = await h.world.user('Olga Renombra', 'SSPC');
    const pablo = await h.world.user('Pablo Promovido', 'FGR');
    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' }, { viewport: { width: 1280, height: 900 } });
    const { page } = admin;
    await page.goto(`${h.base}/admin`);
    const people = page.getByTestId('admin-people');
    const olgaRow = people.locator('tr', { hasText: olga.email });
    const pabloRow = people.locator('tr', { hasText: pablo.email });
    await olgaRow.waitFor();
    expect(await olgaRow.getByRole('status').innerText()).toBe('');

    await olgaRow.getByRole('button', { name: 'Cambiar nombre de Olga Renombra' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cambiar nombre de Olga Renombra' });
    await dialog.getByLabel('Nombre completo').fill('Olga Renombrada');
    await dialog.getByRole('button', { name: 'Guardar nombre' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => olgaRow.getByRole('status').innerText(), { timeout: 10_000 }).toBe('Olga Renombra se llama ahora Olga Renombrada.');
    expect(await inView(page, olgaRow.getByRole('status'))).toBe(true);

    await pabloRow.getByRole('button', { name: 'Dar administración a Pablo Promovido' }).click();
    await expect.poll(() => pabloRow.getByRole('status').innerText(), { timeout: 10_000 }).toBe('Pablo Promovido ahora administra la instancia.');
    // The earlier row's confirmation is replaced, not kept beside the new one.
    expect(await olgaRow.getByRole('status').innerText()).toBe('');

    // An organization's saved edit is said in its row too, where focus goes back; renamed, the row moves to its new
    // place by name (from near the end of a long list to its top) and the page follows it there.
    const orgs = page.getByTestId('admin-organizations');
    await orgs.getByRole('button', { name: 'Editar SSPC' }).click();
    const edit = page.getByTestId('organization-edit-form');
    await edit.getByLabel('Nombre de la institución').fill('Agencia de Seguridad');
    await edit.getByRole('button', { name: 'Guardar cambios' }).click();
    const sspcRow = orgs.locator('tr', { has: page.getByRole('button', { name: 'Editar SSPC' }) });
    await expect.poll(() => sspcRow.getByRole('status').innerText(), { timeout: 10_000 }).toBe('Se actualizó la institución SSPC.');
    await expect.poll(() => orgs.locator('tbody tr').first().innerText(), { timeout: 10_000 }).toContain('Agencia de Seguridad');
    await expect.poll(() => inView(page, sspcRow.getByRole('status'))).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Editar SSPC');

    expect(await page.locator('.notice-list .notice').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(admin.errors).toEqual([]);
    await admin.close();
  });
});
