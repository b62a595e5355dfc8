/**
 * Two people type in the same activity cell at the same moment, in two browsers. Activity fields are plain
 * strings (last writer wins in Yjs), so without the web app's rebase one person's keystrokes vanished and the
 * other's caret jumped to the end when a change arrived. And Ctrl+Z in a cell undoes one's own table edits only.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const TABLE = '[data-testid="activities-table"]';
const TITLE = `${TABLE} input[data-field="title"]`;

describe('typing in one activity cell at once', () => {
  const h = useBrowserWorld();

  async function openPlanTwice(): Promise<[Page, Page]> {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    await h.world.addMember(workspaceId, ana.api, beto.id, 'member');
    const pages: Page[] = [];
    for (const email of [ana.email, beto.email]) {
      const { page } = await newSignedInPage(h.browser, h.base, { email }, { viewport: { width: 1280, height: 900 } });
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await expect.poll(() => page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 15_000 }).toBe('saved');
      pages.push(page);
    }
    const [a, b] = pages;
    await a.getByTestId('add-activity').click();
    await a.locator(TITLE).first().fill('Capacitación a fiscales');
    await expect.poll(() => b.locator(TITLE).first().inputValue(), { timeout: 10_000 }).toBe('Capacitación a fiscales');
    return [a, b];
  }

  const titles = (pages: Page[]) => Promise.all(pages.map((p) => p.locator(TITLE).first().inputValue()));

  it('keeps both people’s keystrokes when they type at the end of one title at once', async () => {
    const [a, b] = await openPlanTwice();
    for (const p of [a, b]) {
      await p.locator(TITLE).first().click();
      await p.keyboard.press('End');
    }
    await Promise.all([a.keyboard.type(' [L-uno]', { delay: 40 }), b.keyboard.type(' [J-dos]', { delay: 40 })]);
    // Both screens settle on one title holding every character either typed.
    await expect.poll(async () => new Set(await titles([a, b])).size, { timeout: 10_000 }).toBe(1);
    const [final] = await titles([a, b]);
    expect(final.startsWith('Capacitación a fiscales')).toBe(true);
    expect([...final.slice('Capacitación a fiscales'.length)].sort().join('')).toBe([...' [L-uno] [J-dos]'].sort().join(''));
  });

  it('keeps a prefix typed by one and a suffix typed by the other, each caret staying where its person types', async () => {
    const [a, b] = await openPlanTwice();
    await a.locator(TITLE).first().click();
    await a.keyboard.press('Home');
    await b.locator(TITLE).first().click();
    await b.keyboard.press('End');
    await Promise.all([a.keyboard.type('PRE-', { delay: 60 }), b.keyboard.type('-POST', { delay: 50 })]);
    await expect.poll(() => titles([a, b]), { timeout: 10_000 }).toEqual(['PRE-Capacitación a fiscales-POST', 'PRE-Capacitación a fiscales-POST']);
  });

  it('keeps the states each person ticked while one of them was offline', async () => {
    const [a, b] = await openPlanTwice();
    const states = (p: Page) => p.locator(`${TABLE} .multi-select[data-field="stateCodes"]`).first();
    const tick = async (p: Page, name: string) => {
      await states(p).locator('.multi-select-button').click();
      await states(p).locator('.multi-select-list').getByText(name, { exact: true }).click();
      await p.keyboard.press('Escape');
    };
    await b.context().setOffline(true);
    await expect.poll(() => b.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 10_000 }).not.toBe('saved');
    await tick(b, '19 · Nuevo León');
    await tick(a, '26 · Sonora');
    await expect.poll(() => a.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 10_000 }).toBe('saved');
    await b.context().setOffline(false);
    // Both screens end with both states: neither person's tick was dropped for the other's.
    for (const p of [a, b]) await expect.poll(() => states(p).locator('.multi-select-summary').innerText(), { timeout: 15_000 }).toMatch(/^(Nuevo León, Sonora|Sonora, Nuevo León)$/);
  });

  it('tells the person whose status a concurrent change replaced, with both values, and puts theirs back on request', async () => {
    const [a, b] = await openPlanTwice();
    const status = (p: Page) => p.locator(`${TABLE} select[data-field="status"]`).first();
    const saved = (p: Page) => p.getAttribute('[data-testid="save-state"]', 'data-state');
    await b.context().setOffline(true);
    await expect.poll(() => saved(b), { timeout: 10_000 }).not.toBe('saved');
    await status(b).selectOption('done');
    await status(a).selectOption('in_progress');
    await expect.poll(() => saved(a), { timeout: 10_000 }).toBe('saved');
    await b.context().setOffline(false);
    // One value stands on both screens (Yjs picks it, not the clock); whoever's choice went is told, the other is not.
    const agreed = async () => {
      const [x, y] = await Promise.all([a, b].map((p) => status(p).inputValue()));
      return x === y ? x : null;
    };
    await expect.poll(agreed, { timeout: 15_000 }).not.toBeNull();
    const final = (await agreed()) as string;
    const [loser, winner] = final === 'done' ? [a, b] : [b, a];
    const label = { done: 'Concluida', in_progress: 'En curso' } as const;
    const theirs = label[final as keyof typeof label];
    const ours = final === 'done' ? label.in_progress : label.done;
    const notice = loser.getByTestId('lost-cell-notice');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.locator('p').innerText()).toBe(`Su cambio de «Estado» en «Capacitación a fiscales» no quedó: a la vez, otra persona puso «${theirs}» en lugar de «${ours}».`);
    expect(await winner.getByTestId('lost-cell-notice').count()).toBe(0);

    await notice.getByRole('button', { name: `Volver a poner «${ours}»` }).click();
    const oursValue = final === 'done' ? 'in_progress' : 'done';
    for (const p of [a, b]) await expect.poll(() => status(p).inputValue(), { timeout: 10_000 }).toBe(oursValue);
    expect(await loser.getByTestId('lost-cell-notice').count()).toBe(0);
    // Put back after seeing the other value: a decision, not a clash; nobody is told.
    expect(await winner.getByTestId('lost-cell-notice').count()).toBe(0);
  });

  it('tells the person typing in a row someone else deleted, and puts it back as they had it', async () => {
    const [a, b] = await openPlanTwice();
    const description = b.locator(`${TABLE} textarea[data-field="description"]`).first();
    await description.click();
    await b.keyboard.type('Jorge escribe una descripción', { delay: 20 });
    await expect.poll(() => a.locator(`${TABLE} textarea[data-field="description"]`).first().inputValue(), { timeout: 10_000 }).toBe('Jorge escribe una descripción');
    await a.getByRole('button', { name: 'Eliminar la actividad 1' }).click();
    await a.getByRole('button', { name: 'Confirmar: eliminar la actividad 1' }).click();
    const notice = b.getByTestId('row-removed-notice');
    await expect.poll(() => notice.innerText().catch(() => ''), { timeout: 10_000 }).toContain('Otra persona eliminó la actividad «Capacitación a fiscales» mientras usted la editaba.');
    // The way back does not take the focus: typing on, one's next space would press it.
    const putBack = notice.getByRole('button', { name: 'Volver a agregarla' });
    expect(await putBack.evaluate((el) => el === document.activeElement)).toBe(false);
    await putBack.click();
    for (const p of [a, b]) {
      await expect.poll(() => p.locator(TITLE).first().inputValue().catch(() => ''), { timeout: 10_000 }).toBe('Capacitación a fiscales');
      expect(await p.locator(`${TABLE} textarea[data-field="description"]`).first().inputValue()).toBe('Jorge escribe una descripción');
    }
    expect(await notice.count()).toBe(0);
    // The one who deleted it is told nothing: they chose to.
    expect(await a.getByTestId('row-removed-notice').count()).toBe(0);
  });

  it('undoes and redoes one’s own cell edits with Ctrl+Z and Ctrl+Shift+Z, leaving the other person’s edits alone', async () => {
    const [a, b] = await openPlanTwice();
    const aTitle = a.locator(TITLE).first();
    // Undo steps: adding the row, naming it, then each burst of typing after a pause of more than 500 ms.
    await a.waitForTimeout(800);
    await aTitle.click();
    await a.keyboard.press('End');
    await a.keyboard.type(' regionales');
    // A pause longer than the undo step's 500 ms: the next typing is a step of its own.
    await a.waitForTimeout(800);
    await a.keyboard.type(' 2027');
    await b.locator(`${TABLE} input[data-field="target"]`).first().fill('120 fiscales capacitados');
    await expect.poll(() => a.locator(`${TABLE} input[data-field="target"]`).first().inputValue(), { timeout: 10_000 }).toBe('120 fiscales capacitados');
    await aTitle.click();
    await a.keyboard.press('Control+z');
    await expect.poll(() => aTitle.inputValue(), { timeout: 5_000 }).toBe('Capacitación a fiscales regionales');
    await a.keyboard.press('Control+z');
    await expect.poll(() => aTitle.inputValue(), { timeout: 5_000 }).toBe('Capacitación a fiscales');
    await a.keyboard.press('Control+Shift+z');
    await expect.poll(() => aTitle.inputValue(), { timeout: 5_000 }).toBe('Capacitación a fiscales regionales');
    // The other person sees the result live, and their own edit is untouched on both screens.
    await expect.poll(() => b.locator(TITLE).first().inputValue(), { timeout: 10_000 }).toBe('Capacitación a fiscales regionales');
    for (const p of [a, b]) expect(await p.locator(`${TABLE} input[data-field="target"]`).first().inputValue()).toBe('120 fiscales capacitados');

    // Beto adds to the same title; Ana's undo takes out only her own typing, and pressing on past her first step
    // never takes the row away (adding a row is not an undo step).
    await b.locator(TITLE).first().click();
    await b.keyboard.press('End');
    await b.keyboard.type(' (Beto)');
    await expect.poll(() => aTitle.inputValue(), { timeout: 10_000 }).toBe('Capacitación a fiscales regionales (Beto)');
    await aTitle.click();
    await a.keyboard.press('Control+z');
    await expect.poll(() => b.locator(TITLE).first().inputValue(), { timeout: 10_000 }).toBe('Capacitación a fiscales (Beto)');
    for (let i = 0; i < 3; i++) await a.keyboard.press('Control+z');
    await expect.poll(() => b.locator(TITLE).first().inputValue(), { timeout: 10_000 }).toBe(' (Beto)');
    expect(await a.locator(TITLE).count()).toBe(1);
    expect(await b.locator(TITLE).count()).toBe(1);
  });

  it('sends no keystrokes into another activity when someone removes the row being typed in', async () => {
    const [a, b] = await openPlanTwice();
    await a.getByTestId('add-activity').click();
    await a.locator(TITLE).nth(1).fill('Fila dos');
    await expect.poll(() => b.locator(TITLE).nth(1).inputValue(), { timeout: 10_000 }).toBe('Fila dos');
    const description = b.locator(`${TABLE} textarea[data-field="description"]`).nth(1);
    await description.click();
    const typing = b.keyboard.type('texto que sigue llegando mientras la borran', { delay: 40 });
    await a.waitForTimeout(300);
    await a.getByTestId('remove-activity').nth(1).click();
    await a.getByTestId('confirm-remove-activity').click();
    await typing;
    await expect.poll(() => b.locator(TITLE).count(), { timeout: 10_000 }).toBe(1);
    // The first activity is untouched on both screens: nothing Beto went on typing landed in it.
    for (const p of [a, b]) {
      expect(await p.locator(TITLE).first().inputValue()).toBe('Capacitación a fiscales');
      expect(await p.locator(`${TABLE} textarea[data-field="description"]`).first().inputValue()).toBe('');
    }
  });
});
