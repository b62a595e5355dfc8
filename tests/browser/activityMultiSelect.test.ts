/**
 * The activities table's partner and state lists. A press on an option's name moved the focus to the table's
 * scrolling frame (the nearest element that takes focus), the list took that for focus leaving it and closed, and
 * nothing was chosen: only the small box itself worked. And Ctrl+Z did nothing on a list's button, where Escape
 * leaves the focus after ticking.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld, type BrowserSession } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced, type YClient } from '../helpers/yjsClient.js';

const ROW = '[data-testid="activities-table"] [data-testid="activity-row"]';

describe('multi-selects in the activities table', () => {
  const h = useBrowserWorld();

  /** Ana on a plan with one activity, and a stock client reading what the plan holds. */
  async function openPlan(): Promise<{ session: BrowserSession; page: Page; reader: YClient; stored: (key: string) => unknown; orgs: Record<string, { id: string }> }> {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const reader = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(reader);
    insertActivity(reader.doc, { id: 'act_listas', title: 'Mesa técnica estatal' });
    const session = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await session.page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
    await session.page.locator(ROW).waitFor();
    await expect.poll(() => session.page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 15_000 }).toBe('saved');
    const stored = (key: string) => getActivities(reader.doc).get(0)?.get(key);
    return { session, page: session.page, reader, stored, orgs: h.world.orgs };
  }

  const button = (cell: Locator) => cell.locator('.multi-select-button');

  it('ticks an option when its name is clicked, keeping the list open for the next one', async () => {
    const { session, page, reader, stored, orgs } = await openPlan();
    try {
      const states = page.locator(`${ROW} .multi-select[data-field="stateCodes"]`);
      await button(states).click();
      await states.locator('.multi-select-list').getByText('07 · Chiapas', { exact: true }).click();
      expect(await button(states).getAttribute('aria-expanded')).toBe('true');
      expect(await states.getByLabel('07 · Chiapas').isChecked()).toBe(true);
      await states.locator('.multi-select-list').getByText('26 · Sonora', { exact: true }).click();
      await waitFor(() => JSON.stringify(stored('stateCodes')) === JSON.stringify(['07', '26']), 10_000, 'both states in the plan');
      // A second press on a name unticks it.
      await states.locator('.multi-select-list').getByText('07 · Chiapas', { exact: true }).click();
      await waitFor(() => JSON.stringify(stored('stateCodes')) === JSON.stringify(['26']), 10_000, 'Chiapas unticked in the plan');
      expect(await button(states).getAttribute('aria-expanded')).toBe('true');
      // The keyboard still closes it, and the focus goes back to the button.
      await page.keyboard.press('Escape');
      expect(await button(states).getAttribute('aria-expanded')).toBe('false');
      expect(await button(states).evaluate((b) => b === document.activeElement)).toBe(true);
      expect(await states.locator('.multi-select-summary').innerText()).toBe('Sonora');

      const partners = page.locator(`${ROW} .multi-select[data-field="partnerOrganizationIds"]`);
      await button(partners).click();
      await partners.locator('.multi-select-list').getByText('FGR · FGR', { exact: true }).click();
      await waitFor(() => JSON.stringify(stored('partnerOrganizationIds')) === JSON.stringify([orgs.FGR.id]), 10_000, 'FGR in the plan');
      expect(await button(partners).getAttribute('aria-expanded')).toBe('true');
      // A press outside still closes it.
      await page.locator('h1').first().click();
      expect(await button(partners).getAttribute('aria-expanded')).toBe('false');
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
      reader.destroy();
    }
  });

  it('moves through a list by arrow keys and by typing a name', async () => {
    const { session, page, reader, stored } = await openPlan();
    try {
      const states = page.locator(`${ROW} .multi-select[data-field="stateCodes"]`);
      const focused = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? document.activeElement?.className ?? null);
      await button(states).focus();
      // ↓ on the closed list opens it on its first state.
      await page.keyboard.press('ArrowDown');
      await expect.poll(focused, { timeout: 5_000 }).toBe('01 · Aguascalientes');
      expect(await button(states).getAttribute('aria-expanded')).toBe('true');
      // Letters go to the state whose name begins with them, accents aside; Space ticks it.
      await page.keyboard.type('zac');
      await expect.poll(focused, { timeout: 5_000 }).toBe('32 · Zacatecas');
      await page.keyboard.press('Space');
      await waitFor(() => JSON.stringify(stored('stateCodes')) === JSON.stringify(['32']), 10_000, 'Zacatecas in the plan');
      await page.keyboard.press('ArrowUp');
      expect(await focused()).toBe('31 · Yucatán');
      await page.keyboard.press('Home');
      expect(await focused()).toBe('01 · Aguascalientes');
      await page.keyboard.press('End');
      expect(await focused()).toBe('32 · Zacatecas');
      // A pause, then one letter: a new name, and the same letter again steps to the next state that begins with it.
      await new Promise((r) => setTimeout(r, 900));
      await page.keyboard.press('c');
      expect(await focused()).toBe('04 · Campeche');
      await page.keyboard.press('c');
      expect(await focused()).toBe('05 · Coahuila de Zaragoza');
      await new Promise((r) => setTimeout(r, 900));
      await page.keyboard.type('mexico');
      expect(await focused()).toBe('15 · México');
      // ↑ from the first state goes back to the button; Escape closes the list there.
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowUp');
      expect(await button(states).evaluate((b) => b === document.activeElement)).toBe(true);
      await page.keyboard.press('Escape');
      expect(await button(states).getAttribute('aria-expanded')).toBe('false');
      expect(await states.locator('.multi-select-summary').innerText()).toBe('Zacatecas');
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
      reader.destroy();
    }
  });

  it('undoes and redoes a tick with Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z with the focus on the list’s button', async () => {
    const { session, page, reader, stored } = await openPlan();
    try {
      const states = page.locator(`${ROW} .multi-select[data-field="stateCodes"]`);
      await button(states).click();
      // The box itself, so this proves the keys alone.
      await states.getByLabel('07 · Chiapas').check();
      await page.keyboard.press('Escape');
      expect(await button(states).evaluate((b) => b === document.activeElement)).toBe(true);
      await waitFor(() => JSON.stringify(stored('stateCodes')) === JSON.stringify(['07']), 10_000, 'Chiapas in the plan');

      const holds = (codes: string[], what: string) => waitFor(() => JSON.stringify(stored('stateCodes')) === JSON.stringify(codes), 10_000, what);
      await page.keyboard.press('Control+z');
      await holds([], 'the tick undone');
      await expect.poll(() => states.locator('.multi-select-summary').innerText(), { timeout: 5_000 }).toBe('Ninguna');
      await page.keyboard.press('Control+y');
      await holds(['07'], 'the tick redone with Ctrl+Y');
      await page.keyboard.press('Control+z');
      await holds([], 'the tick undone again');
      await page.keyboard.press('Control+Shift+z');
      await holds(['07'], 'the tick redone with Ctrl+Shift+Z');
      await expect.poll(() => states.locator('.multi-select-summary').innerText(), { timeout: 5_000 }).toBe('Chiapas');
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
      reader.destroy();
    }
  });

  it('does not offer the lead organization as a partner, and takes an organization made lead out of the partners', async () => {
    const { session, page, reader, stored, orgs } = await openPlan();
    try {
      getActivities(reader.doc).get(0)!.set('partnerOrganizationIds', [orgs.FGR.id, orgs.SSPC.id]);
      const partners = page.locator(`${ROW} .multi-select[data-field="partnerOrganizationIds"]`);
      await expect.poll(() => partners.locator('.multi-select-summary').innerText(), { timeout: 10_000 }).toBe('FGR, SSPC');
      await page.locator(`${ROW} select[data-field="leadOrganizationId"]`).selectOption(orgs.FGR.id);
      await waitFor(() => stored('leadOrganizationId') === orgs.FGR.id && JSON.stringify(stored('partnerOrganizationIds')) === JSON.stringify([orgs.SSPC.id]), 10_000, 'FGR leads and is no longer a partner');
      await expect.poll(() => partners.locator('.multi-select-summary').innerText(), { timeout: 10_000 }).toBe('SSPC');
      await button(partners).click();
      const list = partners.locator('.multi-select-list');
      await list.getByText('SSPC · SSPC', { exact: true }).waitFor();
      expect(await list.getByText('FGR · FGR', { exact: true }).count()).toBe(0);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
      reader.destroy();
    }
  });
});
