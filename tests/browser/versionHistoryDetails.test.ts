/**
 * The version history panel's finer points: an automatic version's restore worded in the reader's language, a
 * restore right after typing that replaces those words too, who restored a version a page missed, sign-off rows and
 * versions that follow the group and a reconnection without a reload, long names, and naming a version offline.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { delayPlanEdits, socketSwitch } from '../helpers/pageSockets.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const PANEL = '[data-testid="history-panel"]';
const SAVE_STATE = '[data-testid="save-state"]';

describe('version history panel details', () => {
  const h = useBrowserWorld();
  const signIn = (email: string, viewport = { width: 1280, height: 1000 }) => newSignedInPage(h.browser, h.base, { email }, { viewport });

  it('words the restore of an automatic version in the reader’s language, in the confirmation, the message and the comparison list', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const first = (await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Primera' })).body.version;
    // The restore leaves an automatic backup, stored under a server label ("Antes de restaurar «Primera»").
    expect((await ana.api.post(`/api/versions/${first.id}/restore`)).status).toBe(200);

    const a = await signIn(ana.email);
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await a.page.locator(EDITOR).waitFor();
    await a.page.getByRole('button', { name: 'English' }).click();
    const panel = a.page.locator(PANEL);
    await panel.getByRole('button', { name: /^Primera/ }).click();
    const options = await panel.getByRole('combobox', { name: 'Compare with' }).locator('option').allInnerTexts();
    expect(options.some((o) => o.startsWith('Before restoring ‘Primera’'))).toBe(true);

    await panel.getByRole('button', { name: /Before restoring ‘Primera’/ }).click();
    await panel.getByTestId('history-restore').click();
    expect(await panel.locator('.vh-confirm .notice-title').innerText()).toBe('Restore “Before restoring ‘Primera’”?');
    await panel.getByTestId('history-restore-confirm').click();
    const message = panel.getByText('was restored.', { exact: false });
    await message.waitFor({ timeout: 10_000 });
    expect(await message.innerText()).toContain('“Before restoring ‘Primera’” was restored.');
    expect(await panel.innerText()).not.toContain('Antes de restaurar');
    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('on a slow link, a restore asked for right after typing waits for those words: the backup holds them and the plan is the version', async () => {
    const ana = await h.world.user('Ana Lenta', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Primera' });
    const a = await signIn(ana.email);
    // Each edit reaches the server 600 ms after it is typed; the restore request would get there first.
    await delayPlanEdits(a.page, 600);
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const editor = a.page.locator(EDITOR);
    await expect.poll(() => editor.innerText(), { timeout: 10_000 }).toContain('Objetivos');
    const panel = a.page.locator(PANEL);
    await panel.getByRole('button', { name: /^Primera/ }).click();
    await panel.getByTestId('history-restore').click();
    await editor.click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Palabras recientes.');
    await panel.getByTestId('history-restore-confirm').click();
    await panel.getByText('Se restauró «Primera».', { exact: false }).waitFor({ timeout: 20_000 });

    const stored = async () => ((await ana.api.get(`/api/documents/${docId}/export?format=json`)).body as { body: string }).body;
    // Long enough for anything still in flight to have landed.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await stored()).not.toContain('Palabras recientes');
    await expect.poll(() => editor.innerText(), { timeout: 10_000 }).not.toContain('Palabras recientes');
    const versions = (await ana.api.get(`/api/documents/${docId}/versions`)).body.versions as Array<{ id: string; name: string }>;
    const backup = versions.find((v) => v.name === 'Antes de restaurar «Primera»');
    const backupBody = ((await ana.api.get(`/api/versions/${backup!.id}`)).body.content as { body: string }).body;
    expect(backupBody).toContain('Palabras recientes.');
    expect(a.errors).toEqual([]);
    await a.close();
  });

  /** Ana (facilitator) and Beto (member) on a plan with a version «Primera»; Beto signed in, his page not open yet. */
  async function restoredWhileAway() {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const first = (await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Primera' })).body.version;
    return { ana, ws, docId, first, b: await signIn(beto.email) };
  }

  /** Beto's page names Ana's restore of «Primera», with no error but the cut's; then it is closed. */
  async function toldOfRestore(b: { page: Page; errors: string[]; close(): Promise<void> }) {
    const notice = b.page.getByTestId('restored-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toContain('Ana Torres restauró la versión «Primera»');
    // Nothing typed here while cut off: nothing said about it.
    expect(await notice.innerText()).not.toContain('sin conexión');
    expect(b.errors.filter((e) => !/WebSocket|ERR_CONNECTION|net::/i.test(e))).toEqual([]);
    await b.close();
  }

  it('names who restored a version while this page was cut off, and lists the versions made meanwhile once back', async () => {
    const { ana, ws, docId, first, b } = await restoredWhileAway();
    const sockets = await socketSwitch(b.page);
    await b.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const panel = b.page.locator(PANEL);
    await panel.getByRole('button', { name: /^Primera/ }).waitFor({ timeout: 10_000 });
    await sockets.cut();
    await expect.poll(() => b.page.getAttribute(SAVE_STATE, 'data-state'), { timeout: 10_000 }).toBe('offline');
    await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Mientras tanto' });
    expect((await ana.api.post(`/api/versions/${first.id}/restore`)).status).toBe(200);
    sockets.mend();

    const notice = b.page.getByTestId('restored-notice');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.innerText()).toContain('Ana Torres restauró la versión «Primera»');
    // The list catches up when the events socket is back: its own backoff (≤ 3 s) may run after the plan's reconnect.
    await panel.getByRole('button', { name: /^Mientras tanto/ }).waitFor({ timeout: 20_000 });
    expect(b.errors.filter((e) => !/WebSocket|ERR_CONNECTION|net::/i.test(e))).toEqual([]);
    await b.close();
  });

  it('tells a page that typed while cut off where its words went, and keeps those the restore did not touch', async () => {
    const { ana, ws, docId, first, b } = await restoredWhileAway();
    const sockets = await socketSwitch(b.page);
    await b.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await expect.poll(() => b.page.getAttribute(SAVE_STATE, 'data-state'), { timeout: 10_000 }).toBe('saved');
    await sockets.cut();
    await expect.poll(() => b.page.getAttribute(SAVE_STATE, 'data-state'), { timeout: 10_000 }).toBe('offline');
    const editor = b.page.locator(EDITOR);
    await editor.click();
    await b.page.keyboard.press('Control+End');
    await b.page.keyboard.type(' Escrito sin conexión.');
    expect((await ana.api.post(`/api/versions/${first.id}/restore`)).status).toBe(200);
    sockets.mend();

    const notice = b.page.getByTestId('restored-notice');
    await notice.waitFor({ timeout: 30_000 });
    const text = await notice.innerText();
    expect(text).toContain('Ana Torres restauró la versión «Primera»');
    expect(text).toContain('Lo que usted escribió sin conexión en partes que la restauración quitó también quedó en «Antes de restaurar');
    // The restore left that paragraph as it was: the words typed offline are in the plan, and stored.
    await expect.poll(() => b.page.getAttribute(SAVE_STATE, 'data-state'), { timeout: 20_000 }).toBe('saved');
    const stored = ((await ana.api.get(`/api/documents/${docId}/export?format=json`)).body as { body: string }).body;
    expect(stored).toContain('Escrito sin conexión.');
    expect(b.errors.filter((e) => !/WebSocket|ERR_CONNECTION|net::/i.test(e))).toEqual([]);
    await b.close();
  });

  it('names a restore made while this page was cut off before its plan had first synced', async () => {
    const { ana, ws, docId, first, b } = await restoredWhileAway();
    // A loaded server: the plan's content has not arrived (the version list has) when the connection drops.
    const sockets = await socketSwitch(b.page, { withholdFirstPlan: true });
    await b.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await b.page.locator(PANEL).getByRole('button', { name: /^Primera/ }).waitFor({ timeout: 10_000 });
    await expect.poll(() => b.page.getByTestId('save-label').innerText(), { timeout: 10_000 }).toBe('Cargando…');
    await sockets.cut();
    await expect.poll(() => b.page.getAttribute(SAVE_STATE, 'data-state'), { timeout: 10_000 }).toBe('offline');
    expect((await ana.api.post(`/api/versions/${first.id}/restore`)).status).toBe(200);
    sockets.mend();

    await toldOfRestore(b);
  });

  it('names a restore made while this page was cut off before its first list of versions had arrived', async () => {
    const { ana, ws, docId, first, b } = await restoredWhileAway();
    // A loaded machine: the page's first lists of versions take a while, and the connection drops meanwhile.
    let slow = 3;
    await b.page.route(/\/api\/documents\/[^/]+\/versions$/, async (route) => {
      if (route.request().method() === 'GET' && slow > 0) {
        slow--;
        const answer = await route.fetch();
        await new Promise((r) => setTimeout(r, 4000));
        return route.fulfill({ response: answer });
      }
      return route.continue();
    });
    const sockets = await socketSwitch(b.page);
    await b.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await expect.poll(() => b.page.getAttribute(SAVE_STATE, 'data-state'), { timeout: 10_000 }).toBe('saved');
    await sockets.cut();
    await expect.poll(() => b.page.getAttribute(SAVE_STATE, 'data-state'), { timeout: 10_000 }).toBe('offline');
    // The first lists land (before the restore, as a server answers what it has when asked).
    await b.page.locator(PANEL).getByRole('button', { name: /^Primera/ }).waitFor({ timeout: 10_000 });
    expect((await ana.api.post(`/api/versions/${first.id}/restore`)).status).toBe(200);
    sockets.mend();

    await toldOfRestore(b);
  });

  it('gives a new focal point the approve button once their organization takes part, without a reload', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'observer');
    const docId = await h.world.document(ana.api, ws);
    await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Primera' });

    const b = await signIn(beto.email);
    await b.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const panel = b.page.locator(PANEL);
    await panel.getByRole('button', { name: /^Primera/ }).click();
    const fgrRow = panel.locator('.vh-signoff tbody tr', { hasText: 'FGR' });
    await panel.locator('.vh-signoff').waitFor();
    expect(await fgrRow.count()).toBe(0);
    // FGR took part only as an observer; now Beto is a member and its focal point.
    await h.world.addMember(ws, ana.api, beto.id, 'member', true);
    await expect.poll(() => fgrRow.count(), { timeout: 10_000 }).toBe(1);
    await panel.getByTestId('history-approve').click();
    await panel.getByTestId('history-approve-confirm').click();
    await panel.getByText('Su institución ya aprobó esta versión.').waitFor();
    expect(await fgrRow.innerText()).toContain('Beto Ruiz');
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('counts a version’s approvals among the organizations that can approve, and names those without a focal point', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const carla = await h.world.user('Carla Mena', 'UNODC');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, ana.id, 'facilitator', true);
    await h.world.addMember(ws, ana.api, beto.id, 'member', true);
    // UNODC takes part, but nobody is its focal point: nobody can approve for it.
    await h.world.addMember(ws, ana.api, carla.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const version = (await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Acordada en abril' })).body.version;

    const a = await signIn(ana.email);
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    // The version's line in the timeline: its date and author, then the tally.
    const tally = a.page.locator(PANEL).getByRole('button', { name: /^Acordada en abril/ }).locator('.vh-item-meta').last();
    const note = ' · 1 sin punto focal (UNODC) no puede aprobar hasta que se nombre uno';
    await expect.poll(() => tally.innerText(), { timeout: 10_000 }).toBe(`0 de 2 instituciones aprobaron${note}`);
    expect((await beto.api.post(`/api/versions/${version.id}/approvals`)).status).toBe(201);
    await expect.poll(() => tally.innerText(), { timeout: 10_000 }).toBe(`1 de 2 instituciones aprobaron${note}`);
    await a.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => tally.innerText()).toBe('1 of 2 organizations approved · 1 without a focal point (UNODC) cannot approve until one is named');
    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('wraps a long unbroken version name on a narrow screen, and says at once that a version cannot be named offline', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    await ana.api.post(`/api/documents/${docId}/versions`, { name: `https://example.org/${'x'.repeat(180)}` });
    const a = await signIn(ana.email, { width: 360, height: 800 });
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await a.page.locator(EDITOR).waitFor();
    const panel = a.page.locator(PANEL);
    await panel.locator('.vh-item-button').first().click();
    const overflowing = await a.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.vh-timeline, .vh-item-button, .vh-detail-head')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className),
    );
    expect(overflowing).toEqual([]);

    await a.context.setOffline(true);
    await panel.getByTestId('history-name-input').fill('Sin red');
    const asked = Date.now();
    await panel.getByRole('button', { name: 'Nombrar versión' }).click();
    const alert = panel.locator('.vh-name-form [role="alert"]');
    await alert.waitFor({ timeout: 5_000 });
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(await alert.innerText()).toContain('No hay conexión con el servidor.');
    // The name stays typed, to try again once back online.
    expect(await panel.getByTestId('history-name-input').inputValue()).toBe('Sin red');
    await a.context.setOffline(false);
    await a.close();
  });
});
