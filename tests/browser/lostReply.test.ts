/**
 * A reply lost after the server created an action, a comment or a plan: the page says the request failed and keeps the form
 * filled in, and sending it again gives what was created the first time (the form sent an Idempotency-Key), not a
 * second one.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

/**
 * Lets the first POST to `url` reach the server and be carried out, then drops its reply (a reset connection); later
 * requests pass. Returns the Idempotency-Key of every POST, in order.
 */
async function loseFirstReply(page: Page, url: string): Promise<string[]> {
  const keys: string[] = [];
  await page.route(url, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length > 1) return route.continue();
    // Whatever the server answers, the reply is dropped: a failed expectation here would leave the request hanging and
    // the test waiting for an alert that never comes. What it answered is told if the page's alert is missing.
    try {
      firstReplies.set(page, String((await route.fetch({ timeout: 60_000 })).status()));
    } catch (err) {
      firstReplies.set(page, `no answer: ${String(err)}`);
    }
    await route.abort('connectionreset');
  });
  return keys;
}

/** What the server answered to each page's first, dropped request (201 expected). */
const firstReplies = new WeakMap<Page, string>();

/** Waits for the page's alert about the lost reply; if it never comes, says what the server answered. */
async function lostReplyAlert(page: Page, alert = page.getByRole('alert').first()): Promise<void> {
  await alert.waitFor({ timeout: 30_000 }).catch((err: unknown) => {
    throw new Error(`${String(err)}; the first request was answered: ${firstReplies.get(page) ?? 'not yet'}`);
  });
  expect(firstReplies.get(page)).toBe('201');
}

describe('a lost reply', () => {
  const h = useBrowserWorld();

  it('creates the action once when the person sends the form again', async () => {
    const { world } = h;
    const fac = await world.user('Fernanda Facilitadora', 'UNODC');
    const ws = await world.workspace(fac.api, 'Mesa de armas');
    const created = await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Registro común de armas aseguradas' });
    const decisionId = created.body.decision.id as string;
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/decisions/${decisionId}`);
    await page.getByRole('heading', { level: 1, name: 'Registro común de armas aseguradas' }).waitFor();

    // The first request reaches the server and is carried out; its reply never arrives.
    const keys = await loseFirstReply(page, '**/api/decisions/*/actions');
    await page.getByLabel(/^Acción/).fill('Cruzar registros de aseguramientos');
    await page.getByLabel(/^Institución responsable/).selectOption({ label: 'FGR · FGR' });
    await page.getByLabel(/^Fecha límite/).fill('2027-04-30');
    await page.getByRole('button', { name: 'Agregar', exact: true }).click();
    await lostReplyAlert(page);
    expect(await page.getByLabel(/^Acción/).inputValue()).toBe('Cruzar registros de aseguramientos');

    // Sent again: the page shows the one action, the form empties, and the server holds one.
    await page.getByRole('button', { name: 'Agregar', exact: true }).click();
    await page.getByTestId('action-item').filter({ hasText: 'Cruzar registros de aseguramientos' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByLabel(/^Acción/).inputValue()).toBe('');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    const actions = (await fac.api.get(`/api/decisions/${decisionId}`)).body.actions as Array<{ title: string }>;
    expect(actions.map((a) => a.title)).toEqual(['Cruzar registros de aseguramientos']);
    expect(await page.getByTestId('action-item').count()).toBe(1);

    // A new action with the same words, sent on purpose after the success, is a new request.
    await page.getByLabel(/^Acción/).fill('Cruzar registros de aseguramientos');
    await page.getByLabel(/^Institución responsable/).selectOption({ label: 'FGR · FGR' });
    await page.getByLabel(/^Fecha límite/).fill('2027-04-30');
    await page.getByRole('button', { name: 'Agregar', exact: true }).click();
    await expect.poll(() => page.getByTestId('action-item').count(), { timeout: 15_000 }).toBe(2);
    expect(keys[2]).not.toBe(keys[0]);
    expect(errors.filter((e) => !/Failed to fetch|network|ERR_CONNECTION_RESET/i.test(e))).toEqual([]);
    await close();
  });

  it('posts a comment once when the person sends it again', async () => {
    const { world } = h;
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(ana.api);
    const docId = await world.document(ana.api, ws);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1400, height: 900 } });
    await page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await page.locator('[data-testid="plan-editor"] [contenteditable="true"]').waitFor();
    const margin = page.getByTestId('comment-margin');

    const keys = await loseFirstReply(page, `**/api/documents/${docId}/comments`);
    const composer = margin.getByPlaceholder('Escriba un comentario…');
    await composer.fill('Propongo sumar a la fiscalía de Chiapas');
    await margin.getByRole('button', { name: 'Enviar' }).click();
    await lostReplyAlert(page, margin.getByRole('alert').first());
    expect(await composer.inputValue()).toBe('Propongo sumar a la fiscalía de Chiapas');
    await margin.getByRole('button', { name: 'Enviar' }).click();
    await expect.poll(() => composer.inputValue(), { timeout: 15_000 }).toBe('');
    const bodies = (await ana.api.get(`/api/documents/${docId}/comments`)).body.comments.map((c: { body: string }) => c.body);
    expect(bodies).toEqual(['Propongo sumar a la fiscalía de Chiapas']);
    expect(keys).toEqual([keys[0], keys[0]]);
    await expect.poll(() => margin.locator('[data-comment-id]').count(), { timeout: 15_000 }).toBe(1);
    expect(errors.filter((e) => !/Failed to fetch|network|ERR_CONNECTION_RESET/i.test(e))).toEqual([]);
    await close();
  });

  it('creates a plan once when the person sends the form again', async () => {
    const { world } = h;
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(ana.api, 'Mesa de lavado de dinero');
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana);
    await page.goto(`${h.base}/w/${ws}`);
    const keys = await loseFirstReply(page, `**/api/workspaces/${ws}/documents`);
    await page.getByLabel('Título del plan').fill('Plan de trabajo 2028');
    await page.getByRole('button', { name: 'Crear plan' }).click();
    await lostReplyAlert(page);
    expect(await page.getByLabel('Título del plan').inputValue()).toBe('Plan de trabajo 2028');
    // The second answer is the first plan, replayed: the page opens it. Its answer is awaited first, so a failure
    // says whether the request was refused, never answered, or answered and not followed.
    const second = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/workspaces/${ws}/documents`), { timeout: 30_000 });
    await page.getByRole('button', { name: 'Crear plan' }).click();
    const answer = await second;
    expect(`${answer.status()} ${answer.headers()['idempotent-replayed'] ?? 'not replayed'}`).toBe('201 true');
    await page.waitForURL(/\/d\//, { timeout: 30_000 });
    const plans = (await ana.api.get(`/api/workspaces/${ws}/documents`)).body.documents as Array<{ id: string; title: string }>;
    expect(plans.map((p) => p.title)).toEqual(['Plan de trabajo 2028']);
    expect(keys).toEqual([keys[0], keys[0]]);
    expect(page.url()).toContain(`/w/${ws}/d/${plans[0].id}`);
    expect(errors.filter((e) => !/Failed to fetch|network|ERR_CONNECTION_RESET/i.test(e))).toEqual([]);
    await close();
  });
});
