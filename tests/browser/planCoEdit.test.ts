/**
 * Two people of one working group co-edit a plan in two browsers: prose and an activity row
 * travel both ways, presence shows both, the save state settles on "saved", a fresh browser
 * loads what was stored, and nothing is logged to the console as an error.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld, type BrowserSession } from '../helpers/browserSession.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const TABLE = '[data-testid="activities-table"]';

describe('plan co-editing in the browser', () => {
  const h = useBrowserWorld();

  /** A fresh browser profile, signed in through the login page, once home has rendered. */
  async function signIn(email: string): Promise<BrowserSession> {
    const person = await newSignedInPage(h.browser, h.base, { email }, { viewport: { width: 1280, height: 900 } });
    await person.page.getByRole('heading', { level: 1 }).waitFor();
    return person;
  }

  const editorText = (p: Page) => p.locator(EDITOR).innerText();
  const saveState = (p: Page) => p.getAttribute('[data-testid="save-state"]', 'data-state');

  it('shows each person the other’s prose and activity edits, and settles on saved', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    await h.world.addMember(workspaceId, ana.api, beto.id, 'member');
    const planUrl = `${h.base}/w/${workspaceId}/d/${documentId}`;

    const a = await signIn(ana.email);
    const b = await signIn(beto.email);
    for (const p of [a.page, b.page]) {
      await p.goto(planUrl);
      await p.locator(EDITOR).waitFor();
      await expect.poll(() => editorText(p), { timeout: 10_000 }).toContain('Objetivos');
      await expect.poll(() => saveState(p), { timeout: 10_000 }).toBe('saved');
    }

    // Both are present in each other's header.
    for (const p of [a.page, b.page]) {
      await expect.poll(() => p.locator('[data-testid="presence-avatars"] li').count(), { timeout: 10_000 }).toBe(2);
    }

    // Prose: Ana appends to the end, Beto sees it; Beto adds a paragraph, Ana sees it.
    await a.page.locator(EDITOR).click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Ana propone talleres regionales.');
    await expect.poll(() => editorText(b.page), { timeout: 10_000 }).toContain('Ana propone talleres regionales.');

    await b.page.locator(EDITOR).click();
    await b.page.keyboard.press('Control+End');
    await b.page.keyboard.press('Enter');
    await b.page.keyboard.type('Beto agrega la coordinación con fiscalías.');
    await expect.poll(() => editorText(a.page), { timeout: 10_000 }).toContain('Beto agrega la coordinación con fiscalías.');

    // Beto makes the plan's title a level-2 heading from the toolbar: a changed attribute of an element (the server
    // used to take it for a stray child of the body and close his editor for good, losing the change). The text's
    // headings are drawn a level down, under the page's own <h1>: level 1 is an <h2>, level 2 an <h3>.
    const title = b.page.locator(`${EDITOR} h2`).first();
    const titleText = await title.innerText();
    await title.click();
    await b.page.getByRole('button', { name: /^H2:/ }).click();
    // (Ana's copy may show Beto's caret, with his name, inside the heading.)
    await expect.poll(() => a.page.locator(`${EDITOR} h3`).first().innerText(), { timeout: 10_000 }).toContain(titleText);
    expect(await a.page.locator(`${EDITOR} h2`).count()).toBe(0);

    // Activities: Ana adds a row and names it; Beto sees it, sets its status and target; Ana sees those.
    await a.page.getByTestId('add-activity').click();
    const aTitle = a.page.locator(`${TABLE} input[data-field="title"]`).first();
    await aTitle.fill('Capacitación a fiscales en trata');
    const bTitle = b.page.locator(`${TABLE} input[data-field="title"]`).first();
    await expect.poll(() => bTitle.inputValue(), { timeout: 10_000 }).toBe('Capacitación a fiscales en trata');

    await b.page.locator(`${TABLE} select[data-field="status"]`).first().selectOption('in_progress');
    await b.page.locator(`${TABLE} input[data-field="target"]`).first().fill('120 fiscales capacitados');
    await expect.poll(() => a.page.locator(`${TABLE} select[data-field="status"]`).first().inputValue(), { timeout: 10_000 }).toBe('in_progress');
    await expect.poll(() => a.page.locator(`${TABLE} input[data-field="target"]`).first().inputValue(), { timeout: 10_000 }).toBe('120 fiscales capacitados');
    // States are picked from the list by name; the collapsed cell names them, not their INEGI codes.
    const bStates = b.page.locator(`${TABLE} [data-field="stateCodes"]`).first();
    await bStates.getByRole('button').click();
    // Each name shows right beside its box, inside the list: the cells' full-width rule for inputs stretched the
    // checkboxes to the list's width, and the names sat past its clipped edge.
    const layout = await bStates.locator('.multi-select-list').evaluate((list) => {
      const box = list.getBoundingClientRect();
      const label = [...list.querySelectorAll('label')].find((l) => l.textContent === '07 · Chiapas');
      const r = label?.getBoundingClientRect();
      return r ? { offset: r.left - box.left, endsInside: r.left + 30 < box.right } : null;
    });
    expect(layout?.endsInside).toBe(true);
    expect(layout?.offset).toBeLessThan(48);
    await bStates.getByLabel('07 · Chiapas').check();
    await bStates.getByLabel('26 · Sonora').check();
    await b.page.keyboard.press('Escape');
    await expect.poll(() => a.page.locator(`${TABLE} [data-field="stateCodes"] .multi-select-summary`).first().innerText(), { timeout: 10_000 }).toBe('Chiapas, Sonora');
    // Beto's write of one field did not disturb Ana's title.
    expect(await aTitle.inputValue()).toBe('Capacitación a fiscales en trata');
    // An end before the start is kept (the other date may be about to move) but marked on both screens.
    const aEnd = a.page.locator(`${TABLE} input[data-field="endDate"]`).first();
    await a.page.locator(`${TABLE} input[data-field="startDate"]`).first().fill('2027-10-01');
    await aEnd.fill('2027-01-15');
    for (const p of [a.page, b.page]) {
      const end = p.locator(`${TABLE} input[data-field="endDate"]`).first();
      await expect.poll(() => end.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
      expect(await p.locator(`#${await end.getAttribute('aria-describedby')}`).innerText()).toContain('anterior a la de inicio');
    }
    await aEnd.fill('2027-12-15');
    await expect.poll(() => b.page.locator(`${TABLE} input[data-field="endDate"]`).first().getAttribute('aria-invalid'), { timeout: 10_000 }).toBeNull();

    for (const p of [a.page, b.page]) {
      await expect.poll(() => saveState(p), { timeout: 15_000 }).toBe('saved');
      expect(await p.locator(`${TABLE} [data-testid="activity-row"]`).count()).toBe(1);
    }

    // What was saved is what a fresh browser (no local copy) loads from the server.
    const c = await signIn(ana.email);
    await c.page.goto(planUrl);
    await c.page.locator(EDITOR).waitFor();
    await expect.poll(() => editorText(c.page), { timeout: 10_000 }).toContain('Beto agrega la coordinación con fiscalías.');
    expect(await editorText(c.page)).toContain('Ana propone talleres regionales.');
    await expect.poll(() => c.page.locator(`${TABLE} input[data-field="title"]`).first().inputValue(), { timeout: 10_000 }).toBe('Capacitación a fiscales en trata');
    expect(await c.page.locator(`${TABLE} select[data-field="status"]`).first().inputValue()).toBe('in_progress');
    expect(await c.page.locator(`${EDITOR} h3`).first().innerText()).toBe(titleText);

    expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
    for (const p of [a, b, c]) await p.close();
  });

  it('gives an observer a live, read-only plan', async () => {
    const lead = await h.world.user('Lucía Hernández', 'SSPC');
    const observer = await h.world.user('Tomás Díaz', 'FGE-CHIH');
    const workspaceId = await h.world.workspace(lead.api, 'Mesa de armas de fuego');
    const documentId = await h.world.document(lead.api, workspaceId);
    await h.world.addMember(workspaceId, lead.api, observer.id, 'observer');
    const planUrl = `${h.base}/w/${workspaceId}/d/${documentId}`;

    const l = await signIn(lead.email);
    const o = await signIn(observer.email);
    await l.page.goto(planUrl);
    await o.page.goto(planUrl);
    await l.page.locator(EDITOR).waitFor();
    await o.page.getByTestId('read-only-notice').waitFor();
    await expect.poll(() => o.page.locator('[data-testid="plan-editor"] .ProseMirror').innerText(), { timeout: 10_000 }).toContain('Objetivos');
    expect(await o.page.locator(EDITOR).count()).toBe(0);
    expect(await o.page.getByTestId('add-activity').count()).toBe(0);

    await l.page.locator(EDITOR).click();
    await l.page.keyboard.press('Control+End');
    await l.page.keyboard.type(' Revisión trimestral.');
    await l.page.getByTestId('add-activity').click();
    await l.page.locator(`${TABLE} input[data-field="title"]`).first().fill('Rastreo de armas aseguradas');
    await expect.poll(() => o.page.locator('[data-testid="plan-editor"] .ProseMirror').innerText(), { timeout: 10_000 }).toContain('Revisión trimestral.');
    await expect.poll(() => o.page.locator(`${TABLE} [data-testid="activity-row"]`).innerText(), { timeout: 10_000 }).toContain('Rastreo de armas aseguradas');
    expect(await o.page.locator(`${TABLE} input`).count()).toBe(0);
    await expect.poll(() => saveState(o.page), { timeout: 10_000 }).toBe('saved');
    await expect.poll(() => saveState(l.page), { timeout: 15_000 }).toBe('saved');
    // The observer has nothing to save: the badge says so (its data-state stays exact).
    expect(await o.page.getByTestId('save-label').innerText()).toBe('Solo lectura');
    await expect.poll(() => l.page.getByTestId('save-label').innerText(), { timeout: 5_000 }).toBe('Guardado');

    // On a tablet the comments stack under the editor and keep the usual gap before the activities card.
    await o.page.setViewportSize({ width: 768, height: 900 });
    const gap = await o.page.evaluate(() => {
      const comments = document.querySelector('[data-testid="comment-margin"]')!.getBoundingClientRect();
      const activities = document.querySelector('[data-testid="activities-table"]')!.closest('.card')!.getBoundingClientRect();
      return Math.round(activities.top - comments.bottom);
    });
    expect(gap).toBeGreaterThanOrEqual(16);

    expect([...l.errors, ...o.errors]).toEqual([]);
    for (const p of [l, o]) await p.close();
  });
});
