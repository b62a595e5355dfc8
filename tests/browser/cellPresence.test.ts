/**
 * Who is in which activity cell: the prose has carets, and the table shows the field another person is in, outlined
 * in their colour with their name and agency, following them from cell to cell and gone once they leave the table.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const ROW = '[data-testid="activities-table"] [data-testid="activity-row"]';
const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';

/** The name tag drawn on the cell holding `field` in the first activity row ('none' when there is none). */
const tagOn = (page: Page, field: string) =>
  page.locator(`${ROW} >> nth=0`).locator(`:is(td, th):has([data-field="${field}"])`).evaluate((cell) => getComputedStyle(cell, '::before').content);
/** The outline of `field` in the first activity row. */
const outlineOf = (page: Page, field: string) => page.locator(`${ROW} >> nth=0`).locator(`[data-field="${field}"]`).evaluate((el) => getComputedStyle(el).outlineStyle);

describe('people in the activities table', () => {
  const h = useBrowserWorld();

  it('shows the cell another person is in, with their name, as they move and until they leave the table', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    await h.world.addMember(workspaceId, ana.api, beto.id, 'member');
    const sessions = [];
    for (const email of [ana.email, beto.email]) {
      const session = await newSignedInPage(h.browser, h.base, { email }, { viewport: { width: 1280, height: 900 } });
      await session.page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await expect.poll(() => session.page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 15_000 }).toBe('saved');
      sessions.push(session);
    }
    const [a, b] = sessions.map((s) => s.page);
    // Ana adds a row (her focus lands in its title: Beto sees her there), then goes back to the prose.
    await a.getByTestId('add-activity').click();
    await b.locator(`${ROW} >> nth=0`).waitFor();
    await expect.poll(() => tagOn(b, 'title'), { timeout: 10_000 }).toBe('"Ana Torres · SSPC"');
    await a.locator(EDITOR).click();
    await expect.poll(() => tagOn(b, 'title'), { timeout: 10_000 }).toBe('none');
    expect(await tagOn(a, 'title')).toBe('none');

    await b.locator(`${ROW} >> nth=0`).locator('[data-field="title"]').click();
    await expect.poll(() => tagOn(a, 'title'), { timeout: 10_000 }).toBe('"Beto Ruiz · FGR"');
    expect(await outlineOf(a, 'title')).toBe('solid');
    // Beto's own page marks nobody: he knows where he is.
    expect(await tagOn(b, 'title')).toBe('none');

    await b.locator(`${ROW} >> nth=0`).locator('[data-field="status"]').focus();
    await expect.poll(() => tagOn(a, 'status'), { timeout: 10_000 }).toBe('"Beto Ruiz · FGR"');
    expect(await tagOn(a, 'title')).toBe('none');
    expect(await outlineOf(a, 'title')).toBe('none');

    // Into the prose: he has a caret there, and no cell.
    await b.locator(EDITOR).click();
    await expect.poll(() => tagOn(a, 'status'), { timeout: 10_000 }).toBe('none');
    expect(await outlineOf(a, 'status')).toBe('none');
    expect([...sessions[0].errors, ...sessions[1].errors]).toEqual([]);
    for (const s of sessions) await s.close();
  });
});
