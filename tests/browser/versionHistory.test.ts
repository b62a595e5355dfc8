/**
 * The version history panel in the browser: a facilitator names a version, edits, sees the diff
 * with the inserted text highlighted and who made it, restores with confirmation (the editor goes
 * back), and a focal point signs the version off. No console errors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { delayPlanEdits, socketSwitch } from '../helpers/pageSockets.js';
import { plain, textContaining } from '../helpers/comments.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';
import { insertActivity } from '../../shared/planModel.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const PANEL = '[data-testid="history-panel"]';

describe('version history panel in the browser', () => {
  const h = useBrowserWorld();

  const signIn = (email: string) => newSignedInPage(h.browser, h.base, { email }, { viewport: { width: 1280, height: 1000 } });

  it('names, compares, restores and signs off a version', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member', true);
    const docId = await h.world.document(ana.api, ws);
    const planUrl = `${h.base}/w/${ws}/d/${docId}`;

    const a = await signIn(ana.email);
    await a.page.goto(planUrl);
    await a.page.locator(EDITOR).waitFor();
    await expect.poll(() => a.page.locator(EDITOR).innerText(), { timeout: 10_000 }).toContain('Objetivos');
    const panel = a.page.locator(PANEL);
    await panel.getByTestId('history-name-input').fill('Acordada en marzo');
    await panel.getByRole('button', { name: 'Nombrar versión' }).click();
    await panel.getByRole('button', { name: /Acordada en marzo/ }).waitFor();

    await a.page.locator(EDITOR).click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Talleres regionales.');
    await expect.poll(() => a.page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 10_000 }).toBe('saved');
    await panel.getByRole('button', { name: 'Actualizar comparación' }).click();
    await expect.poll(() => panel.locator('ins.vh-ins').allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining('Talleres regionales.')]);
    await expect.poll(() => panel.getByTestId('history-contributors').innerText(), { timeout: 10_000 }).toContain('Ana Torres');

    // Beto has the plan open while Ana restores: his page says who changed it, and why.
    const b = await signIn(beto.email);
    await b.page.goto(planUrl);
    await expect.poll(() => b.page.locator(EDITOR).innerText(), { timeout: 10_000 }).toContain('Talleres regionales.');

    await panel.getByTestId('history-restore').click();
    await panel.getByTestId('history-restore-confirm').click();
    await expect.poll(() => b.page.getByTestId('restored-notice').innerText(), { timeout: 10_000 }).toContain('Ana Torres restauró la versión «Acordada en marzo»');
    expect(await b.page.getByTestId('restored-notice').innerText()).toContain('«Antes de restaurar “Acordada en marzo”»');
    expect(await b.page.locator(EDITOR).innerText()).not.toContain('Talleres regionales.');
    expect(await a.page.getByTestId('restored-notice').count()).toBe(0);
    await expect.poll(() => a.page.locator(EDITOR).innerText(), { timeout: 10_000 }).not.toContain('Talleres regionales.');
    await panel.getByRole('button', { name: /Antes de restaurar/ }).waitFor();
    await panel.getByText('Se restauró «Acordada en marzo».', { exact: false }).waitFor();
    // The message follows a switch of language, as the rest of the page does.
    await a.page.getByRole('button', { name: 'English' }).click();
    await panel.getByText('“Acordada en marzo” was restored.', { exact: false }).waitFor();
    // Beto reads in English: the backup is named in his language, as his history list names it.
    await b.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => b.page.getByTestId('restored-notice').innerText(), { timeout: 10_000 }).toContain('“Before restoring ‘Acordada en marzo’”');
    await b.page.getByRole('button', { name: 'Español' }).click();
    await a.page.getByRole('button', { name: 'Español' }).click();
    await panel.getByRole('button', { name: 'Nombrar versión' }).waitFor();

    const bPanel = b.page.locator(PANEL);
    await bPanel.getByRole('button', { name: /^Acordada en marzo/ }).click();
    await bPanel.getByTestId('history-approve').click();
    await bPanel.getByTestId('history-approve-confirm').click();
    await bPanel.getByText('Su institución ya aprobó esta versión.').waitFor();
    // SSPC, without a focal point, cannot approve: counted apart, so FGR's approval completes the tally.
    await expect.poll(() => panel.getByTestId('history-approval-count').innerText(), { timeout: 10_000 }).toBe('1 de 1 institución aprobó · 1 sin punto focal (SSPC) no puede aprobar hasta que se nombre uno');
    // SSPC has no focal point in this group, so nobody can approve for it yet: the table says so, and what to do.
    const sspcRow = bPanel.locator('.vh-signoff tr', { hasText: 'SSPC' });
    expect(await sspcRow.locator('.tag').innerText()).toBe('Sin punto focal');
    expect(await bPanel.getByTestId('signoff-no-focal').innerText()).toContain('quien facilita la mesa puede designarlo');

    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.close();
    await b.close();
  });
  it('on a slow link, names a version or exports the plan typed into a moment before only once the server has the words, so they hold them', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);

    const a = await signIn(ana.email);
    // Each edit reaches the server 2.5 s after it is typed; the request naming the version would get there first.
    // (600 ms was shorter than a loaded machine can take between the last keystroke and the click, so the button
    // never had to wait and its "saving" label never showed.)
    await delayPlanEdits(a.page, 2500);
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const editor = a.page.locator(EDITOR);
    await expect.poll(() => editor.innerText(), { timeout: 10_000 }).toContain('Objetivos');
    const panel = a.page.locator(PANEL);
    await panel.getByTestId('history-name-input').fill('Con mesas técnicas');
    await editor.click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Mesas técnicas estatales.');
    await panel.getByRole('button', { name: 'Nombrar versión' }).click();
    // The wait is said on the button, then the version appears.
    await panel.getByRole('button', { name: 'Guardando sus últimos cambios…' }).waitFor();
    await panel.getByRole('button', { name: /Con mesas técnicas/ }).waitFor({ timeout: 15_000 });

    const versions = (await ana.api.get(`/api/documents/${docId}/versions`)).body.versions as Array<{ id: string; name: string }>;
    const named = versions.find((v) => v.name === 'Con mesas técnicas');
    expect(named).toBeDefined();
    const content = (await ana.api.get(`/api/versions/${named!.id}`)).body.content as { body: string };
    expect(content.body).toContain('Mesas técnicas estatales.');

    // The plan's export, asked for right after typing, waits the same way.
    await editor.click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Reunión con fiscalías.');
    await a.page.locator('summary', { hasText: 'Exportar' }).click();
    const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByRole('link', { name: 'Markdown (.md)' }).click()]);
    const file = await download.path();
    expect(readFileSync(file, 'utf8')).toContain('Mesas técnicas estatales. Reunión con fiscalías.');
    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('forgets the undo history when a version is restored, so Ctrl+Z does not write restored words in twice', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const stored = async () => ((await ana.api.get(`/api/documents/${docId}/export?format=json`)).body as { body: string }).body;

    const a = await signIn(ana.email);
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const editor = a.page.locator(EDITOR);
    await expect.poll(() => editor.innerText(), { timeout: 10_000 }).toContain('Objetivos');
    await editor.click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Alfa beta gamma');
    await expect.poll(stored, { timeout: 10_000 }).toContain('Alfa beta gamma');
    const version = (await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Con gamma' })).body.version;

    // A pause, so the deletion is an undo step of its own (the editor joins steps within 500 ms).
    await new Promise((r) => setTimeout(r, 800));
    for (let i = 0; i < ' gamma'.length; i++) await a.page.keyboard.press('Backspace');
    await expect.poll(stored, { timeout: 10_000 }).not.toContain('gamma');
    expect((await ana.api.post(`/api/versions/${version.id}/restore`)).status).toBe(200);
    await expect.poll(() => editor.innerText(), { timeout: 10_000 }).toContain('Alfa beta gamma');
    // The restore's event, which empties the undo history, comes on the events socket right after the backup's
    // `version:created`; once the panel lists the backup (fetched after that event), the page has handled both.
    await a.page.locator(PANEL).getByRole('button', { name: /Antes de restaurar/ }).waitFor({ timeout: 10_000 });

    // Undo finds nothing from before the restore: the words stay as restored, once.
    await editor.click();
    await a.page.keyboard.press('Control+z');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await stored()).match(/Alfa beta gamma|gamma/g)).toEqual(['Alfa beta gamma']);
    expect((await editor.innerText()).match(/Alfa beta gamma|gamma/g)).toEqual(['Alfa beta gamma']);
    expect(a.errors).toEqual([]);
    await a.close();
  });
  it('tells a page cut off during a restore once it is back, and its Ctrl+Z then writes nothing twice', async () => {
    const ana = await h.world.user('Ana Cortada', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const stored = async () => ((await ana.api.get(`/api/documents/${docId}/export?format=json`)).body as { body: string }).body;

    const a = await signIn(ana.email);
    // Both of the page's sockets (the plan's and the events') go through a switch: while cut, they drop and stay down.
    const sockets = await socketSwitch(a.page);
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const editor = a.page.locator(EDITOR);
    await expect.poll(() => editor.innerText(), { timeout: 10_000 }).toContain('Objetivos');
    await editor.click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Alfa beta delta');
    await expect.poll(stored, { timeout: 10_000 }).toContain('Alfa beta delta');
    const version = (await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Con delta' })).body.version;
    await new Promise((r) => setTimeout(r, 800));
    for (let i = 0; i < ' delta'.length; i++) await a.page.keyboard.press('Backspace');
    await expect.poll(stored, { timeout: 10_000 }).not.toContain('delta');

    await sockets.cut();
    await expect.poll(() => a.page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 10_000 }).toBe('offline');
    // Restored from elsewhere (another device of Ana's) while this page hears nothing.
    expect((await ana.api.post(`/api/versions/${version.id}/restore`)).status).toBe(200);
    sockets.mend();
    await expect.poll(() => editor.innerText(), { timeout: 30_000 }).toContain('Alfa beta delta');
    const notice = a.page.getByTestId('restored-notice');
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    expect(await notice.innerText()).toContain('Ana Cortada restauró la versión «Con delta»');

    await editor.click();
    await a.page.keyboard.press('Control+z');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await stored()).match(/delta/g)).toEqual(['delta']);
    expect((await editor.innerText()).match(/delta/g)).toEqual(['delta']);
    expect(a.errors.filter((e) => !/WebSocket|ERR_CONNECTION|net::/i.test(e))).toEqual([]);
    await a.close();
  });

  it('tells the person’s other tab of a restore made in this one, and this one not', async () => {
    const ana = await h.world.user('Ana Dos Pestañas', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const version = (await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Primera' })).body.version;
    const a = await signIn(ana.email);
    const other = await a.context.newPage();
    for (const page of [a.page, other]) {
      await page.goto(`${h.base}/w/${ws}/d/${docId}`);
      await page.locator(EDITOR).waitFor({ timeout: 10_000 });
    }
    await a.page.locator(EDITOR).click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Después de la primera.');
    await expect.poll(() => a.page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 10_000 }).toBe('saved');
    const panel = a.page.locator(PANEL);
    await panel.getByRole('button', { name: /Primera/ }).click({ timeout: 10_000 });
    await panel.getByTestId('history-restore').click();
    await panel.getByTestId('history-restore-confirm').click();
    await expect.poll(() => other.getByTestId('restored-notice').count(), { timeout: 10_000 }).toBe(1);
    expect(await other.getByTestId('restored-notice').innerText()).toContain('restauró la versión «Primera»');
    expect(await a.page.getByTestId('restored-notice').count()).toBe(0);
    await a.close();
  });

  it('compares a version with an older one from older to newer: what the newer added shows as added', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const y = connectYjs(h.server.wsUrl, docId, ana.api.token);
    let older: { id: string };
    try {
      await waitSynced(y);
      older = (await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Primera' })).body.version;
      insertActivity(y.doc, { id: 'act_cmp', title: 'Taller regional en Sonora' });
      const text = textContaining(y.doc, 'Objetivos');
      text.insert(plain(text).length, ' comunes');
      await expect
        .poll(async () => JSON.stringify((await ana.api.get(`/api/documents/${docId}/export?format=json`)).body), { timeout: 10_000 })
        .toContain('Objetivos comunes');
      await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Segunda' });
    } finally {
      y.destroy();
    }
    const a = await signIn(ana.email);
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const panel = a.page.locator(PANEL);
    await panel.getByRole('button', { name: /^Segunda/ }).click();
    await panel.getByRole('combobox', { name: 'Comparar con' }).selectOption(older.id);
    await expect.poll(() => panel.locator('ins.vh-ins').allInnerTexts(), { timeout: 10_000 }).toContainEqual(expect.stringContaining('comunes'));
    expect((await panel.locator('del').allInnerTexts()).filter((t) => t.includes('comunes'))).toEqual([]);
    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('lists a big comparison’s activity changes 200 at a time, with their totals', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const y = connectYjs(h.server.wsUrl, docId, ana.api.token);
    let older: { id: string };
    try {
      await waitSynced(y);
      older = (await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Antes del pegado' })).body.version;
      y.doc.transact(() => {
        for (let i = 0; i < 750; i++) insertActivity(y.doc, { id: `paste-${i}`, title: `Actividad pegada ${i + 1}` });
      });
      await expect.poll(async () => (await ana.api.get(`/api/documents/${docId}/diff?from=${older.id}&to=current`)).body.activities?.added?.length, { timeout: 15_000 }).toBe(750);
      await ana.api.post(`/api/documents/${docId}/versions`, { name: 'Con el pegado' });
    } finally {
      y.destroy();
    }
    const a = await signIn(ana.email);
    await a.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const panel = a.page.locator(PANEL);
    await panel.getByRole('button', { name: /^Con el pegado/ }).click();
    await panel.getByRole('combobox', { name: 'Comparar con' }).selectOption(older.id);
    const items = panel.locator('.vh-activity-changes > li');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(200);
    expect(await panel.getByTestId('history-activity-summary').innerText()).toBe('Actividades: 750 agregadas, 0 eliminadas, 0 cambios de campo.');
    expect(await items.first().innerText()).toBe('Actividad agregada: Actividad pegada 1');
    const more = panel.getByTestId('history-more-changes');
    expect(await more.innerText()).toBe('Mostrar más (550 restantes)');
    for (const [count, left] of [[400, '350'], [600, '150']] as const) {
      await more.click();
      await expect.poll(() => items.count(), { timeout: 5_000 }).toBe(count);
      expect(await more.innerText()).toBe(`Mostrar más (${left} restantes)`);
    }
    await more.click();
    await expect.poll(() => items.count(), { timeout: 5_000 }).toBe(750);
    expect(await more.count()).toBe(0);
    expect(await items.last().innerText()).toBe('Actividad agregada: Actividad pegada 750');
    expect(a.errors).toEqual([]);
    await a.close();
  });
});
