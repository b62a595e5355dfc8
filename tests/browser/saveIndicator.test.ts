/**
 * The save badge: `data-state` follows every save exactly (the contract), while the label people read stays
 * calm as they type, and a screen reader hears only going offline and being saved again.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const BADGE = '[data-testid="save-state"]';

describe('save indicator', () => {
  const h = useBrowserWorld();

  it('keeps the label steady while typing, and announces only offline and back', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, context, errors, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await page.locator(EDITOR).waitFor();
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');

      // Record every change of the exact state and of the visible label while typing.
      await page.evaluate((badge) => {
        const el = document.querySelector(badge)!;
        const w = window as unknown as { states: string[]; labels: string[]; spoken: string[] };
        w.states = [];
        w.labels = [];
        w.spoken = [];
        const label = () => el.querySelector('[data-testid="save-label"]')!.textContent ?? '';
        const spoken = () => el.querySelector('[role="status"]')!.textContent ?? '';
        let last = { state: el.getAttribute('data-state'), label: label(), spoken: spoken() };
        new MutationObserver(() => {
          const now = { state: el.getAttribute('data-state'), label: label(), spoken: spoken() };
          if (now.state !== last.state) w.states.push(now.state ?? '');
          if (now.label !== last.label) w.labels.push(now.label);
          if (now.spoken !== last.spoken) w.spoken.push(now.spoken);
          last = now;
        }).observe(el, { subtree: true, attributes: true, childList: true, characterData: true });
      }, BADGE);
      await page.locator(EDITOR).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Texto escrito con calma y sin prisa.', { delay: 60 });
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');
      await expect.poll(() => page.getByTestId('save-label').innerText(), { timeout: 15_000 }).toBe('Guardado');
      const seen = await page.evaluate(() => {
        const w = window as unknown as { states: string[]; labels: string[]; spoken: string[] };
        return { states: w.states, labels: w.labels, spoken: w.spoken };
      });
      // Each keystroke was a save of its own: the exact state went to "saving" and back.
      expect(seen.states).toContain('saving');
      expect(seen.states.at(-1)).toBe('saved');
      // The label went from saved to saving and back, not once per keystroke.
      expect(seen.labels.length).toBeLessThanOrEqual(Math.max(2, seen.states.length / 4));
      expect(seen.spoken).toEqual([]);

      // Deleting adds nothing to this client's clock: the badge still goes through "saving" (a save mark follows the
      // deletion), and says saved only once the deletion is stored.
      await page.evaluate(() => {
        (window as unknown as { states: string[] }).states = [];
      });
      for (let i = 0; i < 10; i++) await page.keyboard.press('Backspace');
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');
      const afterDelete = await page.evaluate(() => (window as unknown as { states: string[] }).states);
      expect(afterDelete).toContain('saving');
      expect(afterDelete.at(-1)).toBe('saved');
      const stored = await ana.api.get<{ body: string }>(`/api/documents/${documentId}/export?format=json`);
      expect(stored.body.body).toContain('Texto escrito con calma y');
      expect(stored.body.body).not.toContain('sin prisa');

      await context.setOffline(true);
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('offline');
      await expect.poll(() => page.locator(`${BADGE} [role="status"]`).innerText()).toBe('Sin conexión');
      // The badge in view: no second notice. Scrolled away (working in the table): the foot of the window says it.
      expect(await page.getByTestId('offline-float').count()).toBe(0);
      await page.getByTestId('history-panel').scrollIntoViewIfNeeded();
      await expect.poll(() => page.getByTestId('offline-float').count(), { timeout: 5000 }).toBe(1);
      expect(await page.getByTestId('offline-float').innerText()).toBe('Sus cambios se guardan en este navegador y se sincronizarán al reconectar.');
      expect(await page.getByTestId('offline-float').isVisible()).toBe(true);
      await context.setOffline(false);
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 30_000 }).toBe('saved');
      await expect.poll(() => page.getByTestId('offline-float').count(), { timeout: 5000 }).toBe(0);
      await expect.poll(() => page.locator(`${BADGE} [role="status"]`).innerText()).toBe('Guardado');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says "saved" as soon as a plan opened without typing is confirmed: the calm "saving" is for typing only', async () => {
    const ana = await h.world.user('Ana Lectora', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport: { width: 1280, height: 900 } });
    try {
      // The page's timers run on a clock the test can stop: once the plan is confirmed, it is stopped, so a label that
      // waits on a timer to say "saved" never does, while one that follows the state does.
      await page.clock.install();
      const states: string[] = [];
      await page.exposeFunction('noteSaveState', (state: string) => void states.push(state));
      await page.addInitScript(() => {
        new MutationObserver(() => {
          const state = document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state');
          const w = window as unknown as { lastSaveState?: string; noteSaveState(s: string): void };
          if (state && state !== w.lastSaveState) w.noteSaveState((w.lastSaveState = state));
        }).observe(document, { subtree: true, attributes: true, childList: true });
      });
      // The server's copy of the plan (sync step 2) reaches the page 0.3 s late, so the page is seen connected and not yet
      // in sync ("saving") on any machine; on a busy one both could land in one render and the path went untested.
      await page.routeWebSocket(/\/yjs\//, (ws) => {
        const server = ws.connectToServer();
        server.onMessage((m) => {
          if (typeof m !== 'string' && m[0] === 0 && m[1] === 1) setTimeout(() => ws.send(m), 300);
          else ws.send(m);
        });
      });
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await expect.poll(() => page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');
      // A step of 0.1 s, not more: the sockets' watchdogs read the same clock. On a loaded machine the page's clock can
      // pass that mark before the pause reaches it ("Cannot fast-forward to the past", nothing changed): read it again.
      for (let attempt = 1; ; attempt++) {
        try {
          await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
          break;
        } catch (err) {
          if (attempt >= 20 || !/fast-forward to the past/.test(String(err))) throw err;
        }
      }
      await expect.poll(() => page.getByTestId('save-label').innerText(), { timeout: 5_000 }).toBe('Guardado');
      // It did pass through "saving" while the server confirmed the copy (the path a lingering label would take).
      expect(states).toContain('saving');
      expect(errors).toEqual([]);
      await page.clock.resume();
    } finally {
      await close();
    }
  });
});
