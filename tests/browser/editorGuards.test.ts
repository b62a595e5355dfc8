/**
 * Edits the web app must not turn into a dead end: a paste nested deeper than the server takes, a link typed as a
 * bare domain, and a deleted activity row undone with Ctrl+Z right after confirming.
 */
import { describe, expect, it } from 'vitest';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const TABLE = '[data-testid="activities-table"]';

/** An HTML list nested `levels` deep, each level holding one item with its own text. */
function nestedList(levels: number): string {
  let html = '';
  for (let i = levels; i >= 1; i--) html = `<ul><li><p>Nivel ${i}</p>${html}</li></ul>`;
  return html;
}

describe('editor guards in the browser', () => {
  const h = useBrowserWorld();

  it('takes a paste nested too deep as paragraphs and stays connected; takes a bare domain as a link; undoes a deleted row with Ctrl+Z', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const seed = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    try {
      await waitSynced(seed);
      insertActivity(seed.doc, { id: 'act_uno', title: 'Mesa técnica estatal' });
      insertActivity(seed.doc, { id: 'act_dos', title: 'Taller en Tijuana' });
      await waitFor(() => getActivities(seed.doc).length === 2, 5000, 'rows');
    } finally {
      seed.destroy();
    }
    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    const page = a.page;
    await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
    await page.locator(EDITOR).waitFor();
    const saveState = () => page.getAttribute('[data-testid="save-state"]', 'data-state');
    await expect.poll(saveState, { timeout: 10_000 }).toBe('saved');

    // A list 60 levels deep (the server takes about 47): pasted as its lines, one paragraph each.
    await page.locator(EDITOR).click();
    await page.keyboard.press('Control+End');
    await page.locator(EDITOR).evaluate((el, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'lista');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, nestedList(60));
    await expect.poll(() => page.locator(EDITOR).innerText(), { timeout: 10_000 }).toContain('Nivel 60');
    await expect.poll(saveState, { timeout: 15_000 }).toBe('saved');
    expect(await page.locator(`${EDITOR} ul`).count()).toBe(0);
    expect(await page.locator('.notice-error[role="alert"]').count()).toBe(0);

    // A link to a bare domain gets https:// (the browser's own check refused it in English before).
    await page.locator(`${EDITOR} p`, { hasText: 'Nivel 1' }).first().dblclick();
    await page.getByRole('button', { name: 'Vínculo' }).click();
    await page.getByLabel('Dirección del vínculo').fill('ejemplo.org');
    await page.getByRole('button', { name: 'Aplicar' }).click();
    await expect.poll(() => page.locator(`${EDITOR} a`).first().getAttribute('href'), { timeout: 5000 }).toBe('https://ejemplo.org/');

    // Deleting a row leaves focus in the table, where Ctrl+Z brings it back; so does deleting the last one.
    const titles = () => page.locator(`${TABLE} input[data-field="title"]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const removeRow = async (id: string) => {
      const row = page.locator(`[data-testid="activity-row"][data-activity-id="${id}"]`);
      await row.getByTestId('remove-activity').click();
      await row.getByTestId('confirm-remove-activity').click();
    };
    await removeRow('act_uno');
    await expect.poll(titles, { timeout: 5000 }).toEqual(['Taller en Tijuana']);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value), { timeout: 5000 }).toBe('Taller en Tijuana');
    await page.keyboard.press('Control+z');
    await expect.poll(titles, { timeout: 5000 }).toEqual(['Mesa técnica estatal', 'Taller en Tijuana']);
    await removeRow('act_uno');
    await removeRow('act_dos');
    await expect.poll(titles, { timeout: 5000 }).toEqual([]);
    await page.keyboard.press('Control+z');
    await expect.poll(titles, { timeout: 5000 }).toEqual(['Taller en Tijuana']);
    await expect.poll(saveState, { timeout: 15_000 }).toBe('saved');
    expect(a.errors).toEqual([]);
    await a.close();
  });
});
