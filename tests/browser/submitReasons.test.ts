/**
 * Submit buttons stay within a keyboard user's reach and say what is missing: pressed too early, a form shows its
 * errors and moves focus to the first field to fix ("Crear mesa", "Crear plan", "Programar", "Proponer", "Nombrar
 * versión", a stance's "Registrar"); "Comentar la selección" says, tied to it, that text must be selected first.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';

/** Whether `el` has focus. */
const hasFocus = (el: Locator) => el.evaluate((e) => e === document.activeElement);

/** Presses a submit button by keyboard (it must be focusable) and expects focus on `field`, marked invalid. */
async function refusedTo(page: Page, button: Locator, field: Locator): Promise<void> {
  await button.focus();
  expect(await hasFocus(button)).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(() => hasFocus(field), { timeout: 5000 }).toBe(true);
  expect(await field.getAttribute('aria-invalid')).toBe('true');
}

describe('submit buttons that say what is missing', () => {
  const h = useBrowserWorld();

  it('moves focus to the first field to fix in the working group, plan, meeting, decision and version forms', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 1000 } });

    // Home: "Crear mesa" goes to the name, then (named) to the first mandate area.
    const createWs = page.locator('form').filter({ has: page.getByRole('button', { name: 'Crear mesa' }) });
    await refusedTo(page, createWs.getByRole('button', { name: 'Crear mesa' }), createWs.getByLabel(/^Nombre de la mesa/));
    expect(await createWs.innerText()).toContain('Este campo es obligatorio.');
    await createWs.getByLabel(/^Nombre de la mesa/).fill('Mesa de armas');
    await refusedTo(page, createWs.getByRole('button', { name: 'Crear mesa' }), createWs.locator('input[type="checkbox"]').first());

    // The working group: "Crear plan", then "Programar" field by field.
    await page.goto(`${h.base}/w/${ws}`);
    const planForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Crear plan' }) });
    await refusedTo(page, planForm.getByRole('button', { name: 'Crear plan' }), planForm.getByLabel(/^Título del plan/));
    const titleError = await planForm.getByLabel(/^Título del plan/).getAttribute('aria-describedby');
    expect(await page.locator(`[id="${titleError}"]`).innerText()).toBe('Este campo es obligatorio.');

    await page.locator('summary', { hasText: 'Programar una reunión' }).click();
    const meetingForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Programar', exact: true }) });
    const schedule = meetingForm.getByRole('button', { name: 'Programar', exact: true });
    await refusedTo(page, schedule, meetingForm.getByLabel(/^Título de la reunión/));
    await meetingForm.getByLabel(/^Título de la reunión/).fill('Sesión ordinaria');
    await refusedTo(page, schedule, meetingForm.getByLabel(/^Fecha y hora/));
    await meetingForm.getByLabel(/^Fecha y hora/).fill('2027-03-01T10:00');
    await refusedTo(page, schedule, meetingForm.getByLabel('Punto 1', { exact: true }));
    expect(await meetingForm.innerText()).toContain('Añada al menos un punto al orden del día.');

    // Decisions: "Proponer".
    await page.goto(`${h.base}/w/${ws}/decisions`);
    const decisionForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Proponer', exact: true }) });
    await refusedTo(page, decisionForm.getByRole('button', { name: 'Proponer', exact: true }), decisionForm.getByLabel(/^Título/).first());

    // The plan: "Nombrar versión"; "Comentar la selección" is reachable and says why it does nothing yet.
    await page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await page.locator(EDITOR).waitFor();
    const panel = page.locator('[data-testid="history-panel"]');
    await refusedTo(page, panel.getByRole('button', { name: 'Nombrar versión' }), panel.getByTestId('history-name-input'));
    expect(await panel.locator('.field-error').innerText()).toBe('Este campo es obligatorio.');

    const commentButton = page.getByRole('button', { name: 'Comentar la selección' });
    await commentButton.focus();
    expect(await hasFocus(commentButton)).toBe(true);
    expect(await commentButton.getAttribute('aria-disabled')).toBe('true');
    const hintId = await commentButton.getAttribute('aria-describedby');
    const hint = page.locator(`[id="${hintId}"]`);
    expect(await hint.isVisible()).toBe(true);
    expect(await hint.innerText()).toBe('Seleccione texto del plan para comentarlo.');
    await page.keyboard.press('Enter');
    expect(await page.locator('.comment-draft-anchor').count()).toBe(0);
    // With text selected the button works and the hint goes.
    await page.locator(`${EDITOR} p`).first().click({ clickCount: 3 });
    await expect.poll(() => commentButton.getAttribute('aria-disabled'), { timeout: 5000 }).toBe('false');
    expect(await commentButton.getAttribute('aria-describedby')).toBeNull();
    await commentButton.click();
    await page.locator('.comment-draft-anchor').waitFor({ timeout: 5000 });

    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('.comment-draft-anchor').getByRole('button', { name: 'Remove' }).click();
    await page.locator(EDITOR).click();
    await expect.poll(() => page.getByText('Select text in the plan to comment on it.').count(), { timeout: 5000 }).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps a stance\'s "Registrar" within reach and, pressed with no stance chosen, says so at the stance', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const decision = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo común' })).body.decision;
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana);
    await page.goto(`${h.base}/w/${ws}/decisions/${decision.id}`);
    const row = page.locator(`tr[data-organization-id="${h.world.orgs.SSPC.id}"]`);
    const record = row.getByRole('button', { name: /^Registrar/ });
    await refusedTo(page, record, row.locator('select'));
    expect(await row.innerText()).toContain('Elija una postura para registrarla.');
    await row.locator('select').selectOption('agree');
    expect(await row.innerText()).not.toContain('Elija una postura para registrarla.');
    await record.click();
    await row.locator('.stance').getByText('De acuerdo').waitFor({ timeout: 5000 });
    expect(errors).toEqual([]);
    await close();
  });
});
