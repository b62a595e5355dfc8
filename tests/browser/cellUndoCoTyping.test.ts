/**
 * Ctrl+Z after two people typed in one activity field at the same time. The table groups a burst of keystrokes into
 * one undo step; characters someone else typed in the middle of that burst reached the step's "after" but not its
 * "before", so undoing the step took them out too: Ana's one Ctrl+Z deleted Beto's words and garbled the field.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld, type BrowserSession } from '../helpers/browserSession.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const ROW = '[data-testid="activities-table"] [data-testid="activity-row"]';
const TITLE = `${ROW} input[data-field="title"]`;

describe('Ctrl+Z after typing in one activity title at once', () => {
  const h = useBrowserWorld();

  it('takes out only the presser’s own typing, in two browsers typing interleaved', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    await h.world.addMember(workspaceId, ana.api, beto.id, 'member');
    // A stock client reads what the plan holds (not what either screen shows).
    const reader = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    const sessions: BrowserSession[] = [];
    try {
      await waitSynced(reader);
      const stored = () => getActivities(reader.doc).get(0)?.get('title');
      const pages: Page[] = [];
      for (const email of [ana.email, beto.email]) {
        const session = await newSignedInPage(h.browser, h.base, { email }, { viewport: { width: 1280, height: 900 } });
        sessions.push(session);
        await session.page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
        await expect.poll(() => session.page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 15_000 }).toBe('saved');
        pages.push(session.page);
      }
      const [a, b] = pages;
      await a.getByTestId('add-activity').click();
      await a.locator(TITLE).fill('Base');
      await expect.poll(() => b.locator(TITLE).inputValue(), { timeout: 10_000 }).toBe('Base');
      // Longer than an undo step's 500 ms: naming the row stays a step of its own.
      await a.waitForTimeout(700);
      await a.locator(TITLE).click();
      await a.keyboard.press('End');
      await b.locator(TITLE).click();
      await b.keyboard.press('Home');
      await Promise.all([a.keyboard.type(' finalDeAna', { delay: 30 }), b.keyboard.type('InicioDeBeto ', { delay: 30 })]);
      await expect.poll(stored, { timeout: 10_000 }).toBe('InicioDeBeto Base finalDeAna');
      for (const p of [a, b]) await expect.poll(() => p.locator(TITLE).inputValue(), { timeout: 10_000 }).toBe('InicioDeBeto Base finalDeAna');

      // One Ctrl+Z per undo step. A machine so loaded that Ana's keystrokes came more than a step's 500 ms apart
      // split her typing into more steps: then each takes out the end of her words, and never any of Beto's.
      const ANA = ' finalDeAna';
      let presses = 0;
      for (;;) {
        const before = stored();
        await a.keyboard.press('Control+z');
        presses++;
        await expect.poll(stored, { timeout: 10_000 }).not.toBe(before);
        const now = String(stored());
        expect(now.startsWith('InicioDeBeto Base') && ANA.startsWith(now.slice('InicioDeBeto Base'.length))).toBe(true);
        if (now === 'InicioDeBeto Base' || presses === ANA.length) break;
      }
      expect(stored()).toBe('InicioDeBeto Base');
      for (const p of [a, b]) await expect.poll(() => p.locator(TITLE).inputValue(), { timeout: 10_000 }).toBe('InicioDeBeto Base');
      // Redo puts back exactly Ana's words.
      for (let i = 0; i < presses; i++) await a.keyboard.press('Control+Shift+z');
      await expect.poll(stored, { timeout: 10_000 }).toBe('InicioDeBeto Base finalDeAna');
      expect(sessions.flatMap((s) => s.errors)).toEqual([]);
    } finally {
      for (const s of sessions) await s.close();
      reader.destroy();
    }
  });
});
