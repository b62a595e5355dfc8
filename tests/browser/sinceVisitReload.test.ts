/**
 * Opening a plan records the visit, so "since your last visit" would be gone after a reload, unread. The tab keeps
 * the summary until the reader dismisses it: a reload shows it again, with what changed meanwhile added, and once
 * dismissed it stays gone.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const LIVE_MS = 15_000;
const NOTICE = '[data-testid="since-last-visit"]';

describe('since your last visit, across a reload', () => {
  const h = useBrowserWorld();

  it('keeps the summary on reload, adds later news to it, and forgets it once dismissed', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const comment = async (body: string) => expect((await ana.api.post(`/api/documents/${docId}/comments`, { body })).status).toBe(201);
    const visitAt = async () => (await beto.api.get(`/api/documents/${docId}/changes-since-visit`)).body.since as string | null;

    expect((await beto.api.post(`/api/documents/${docId}/visit`)).status).toBe(200);
    const firstVisit = await visitAt();
    await comment('Propongo revisar el calendario de Sinaloa.');

    const session = await newSignedInPage(h.browser, h.base, { email: beto.email }, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    try {
      await page.goto(`${h.base}/w/${ws}/d/${docId}`);
      const comments = page.locator(`${NOTICE} [data-testid="since-visit-comments"]`);
      await comments.waitFor({ timeout: LIVE_MS });
      expect((await comments.innerText()).trim()).toBe('1 comentario nuevo');
      // The page has recorded this visit: the server alone has nothing new for Beto any more.
      await expect.poll(visitAt, { timeout: LIVE_MS }).not.toBe(firstVisit);
      const title = (await page.locator(`${NOTICE} .notice-title`).innerText()).trim();

      await page.reload();
      await comments.waitFor({ timeout: LIVE_MS });
      expect((await comments.innerText()).trim()).toBe('1 comentario nuevo');
      // Still "since" the visit before the first opening, not since the reload.
      expect((await page.locator(`${NOTICE} .notice-title`).innerText()).trim()).toBe(title);

      // News while the page was away is added to what was not dismissed. (A comment made while the plan is open
      // shows in its margin at once, and leaving the page records the visit: that one is not news.)
      const beforeLeaving = await visitAt();
      await page.goto('about:blank');
      // Leaving records the visit (a request the page sends as it goes): the next comment must come after it.
      await expect.poll(visitAt, { timeout: LIVE_MS }).not.toBe(beforeLeaving);
      await comment('Y el de Guerrero también.');
      await page.goto(`${h.base}/w/${ws}/d/${docId}`);
      await expect.poll(async () => (await comments.innerText()).trim(), { timeout: LIVE_MS }).toBe('2 comentarios nuevos');

      await page.locator('[data-testid="since-visit-dismiss"]').click();
      await page.locator(NOTICE).waitFor({ state: 'detached', timeout: LIVE_MS });
      expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('enlace.sinceVisit.')))).toEqual([]);
      const read = page.waitForResponse((r) => r.url().endsWith(`/api/documents/${docId}/changes-since-visit`), { timeout: LIVE_MS });
      await page.reload();
      expect((await read).status()).toBe(200);
      await page.locator('[data-testid="plan-editor"] [contenteditable="true"]').waitFor({ timeout: LIVE_MS });
      await page.waitForTimeout(500);
      expect(await page.locator(NOTICE).count()).toBe(0);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('forgets the kept summary when the person signs out', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    expect((await beto.api.post(`/api/documents/${docId}/visit`)).status).toBe(200);
    expect((await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Sólo para la mesa.' })).status).toBe(201);

    const session = await newSignedInPage(h.browser, h.base, { email: beto.email }, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    try {
      await page.goto(`${h.base}/w/${ws}/d/${docId}`);
      await page.locator(`${NOTICE} [data-testid="since-visit-comments"]`).waitFor({ timeout: LIVE_MS });
      const kept = () => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('enlace.sinceVisit.')));
      expect(await kept()).toEqual([`enlace.sinceVisit.${docId}`]);
      await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
      await page.waitForURL(/\/login/, { timeout: LIVE_MS });
      expect(await kept()).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
