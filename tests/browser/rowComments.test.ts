/**
 * Comments on a whole activity (no field) in the activities table: its row's number cell counts its open threads, the
 * count opens them in the margin (its cell outlined while one is open; Escape on the thread comes back to the count) and
 * goes as they are resolved; on a touch screen the row's «Comentar» button shows, finger-sized and clear of the number,
 * and comments on the whole activity. On a desktop that button stays out of sight until focused. Screenshots go to
 * /tmp/rowcomments/.
 */
import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { addActivity, openPlan, tipActivity } from '../helpers/matrix.js';
import type { YClient } from '../helpers/yjsClient.js';

const SHOTS = '/tmp/rowcomments';

/** Where the focus is: its test id, cell and row. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      testId: el?.dataset.testid ?? '',
      cell: el?.closest<HTMLElement>('[data-cell]')?.dataset.cell ?? '',
      row: el?.closest<HTMLElement>('[data-activity-id]')?.dataset.activityId ?? '',
      thread: el?.closest('[data-thread-id]')?.getAttribute('data-thread-id') ?? null,
    };
  });

/** The box of the row number's own text in its cell (the number cell's first text node). */
const numberTextBox = (cell: Locator) =>
  cell.evaluate((td) => {
    const text = [...td.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
    if (!text) return null;
    const range = document.createRange();
    range.selectNodeContents(text);
    const r = range.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height, text: text.textContent?.trim() };
  });

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;

describe('comments on a whole activity in the activities table', () => {
  const h = useBrowserWorld();
  const clients: YClient[] = [];
  afterAll(() => clients.forEach((c) => c.destroy()));

  it('counts a row’s whole-activity threads, opens them, and lets a touch screen comment on the row', { timeout: 120_000 }, async () => {
    mkdirSync(SHOTS, { recursive: true });
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const plan = await openPlan(h.server, ana.api, docId);
    clients.push(plan);
    const other = tipActivity(h.world.orgs.SSPC.id, { title: 'Protocolo de atención a víctimas' });
    const kept = tipActivity(h.world.orgs.SSPC.id, { title: 'Capacitación a fiscales' });
    addActivity(plan, other);
    addActivity(plan, kept);
    await expect.poll(async () => (await ana.api.get(`/api/documents/${docId}/export?format=json`)).body.activities?.length, { timeout: 10_000 }).toBe(2);
    const comments = async () => (await ana.api.get(`/api/documents/${docId}/comments`)).body.comments as Array<{ id: string; body: string; anchor: unknown; threadId: string }>;
    const wholeActivity = async (body: string) => {
      const r = await ana.api.post(`/api/documents/${docId}/comments`, { body, anchor: { type: 'activity', activityId: kept.id } });
      expect(r.status).toBe(201);
      return r.body.comment as { id: string; threadId: string };
    };
    const first = await wholeActivity('¿Quién imparte la capacitación?');
    const second = await wholeActivity('Falta el calendario');

    // A desktop: the row's number cell counts both threads, named in words; the other row and the row's cells count none.
    const d = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await d.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const row = d.page.locator(`tr[data-activity-id="${kept.id}"]`);
    const marker = row.getByTestId('row-comment-marker');
    await marker.waitFor({ timeout: 10_000 });
    expect(await marker.innerText()).toBe('2');
    expect(await marker.getAttribute('aria-label')).toBe('2 comentarios abiertos sobre toda la actividad 2, «Capacitación a fiscales»');
    expect(await marker.evaluate((el) => el.closest('td')?.classList.contains('num'))).toBe(true);
    expect(await row.getByTestId('cell-comment-marker').count()).toBe(0);
    expect(await d.page.locator(`tr[data-activity-id="${other.id}"] [data-testid="row-comment-marker"]`).count()).toBe(0);
    // Under the number, not over it.
    const numCell = row.locator('td.num');
    const [numBox, markerBox] = await Promise.all([numberTextBox(numCell), marker.boundingBox()]);
    if (!numBox || !markerBox) throw new Error('number or marker not laid out');
    expect(numBox.text).toBe('2');
    expect(overlaps(numBox, markerBox)).toBe(false);
    await numCell.screenshot({ path: `${SHOTS}/desktop-row.png` });
    // The row's «Comentar» button stays a skip link here: out of sight until focused.
    const rowButton = row.getByTestId('row-comment');
    expect((await rowButton.boundingBox())?.width ?? 0).toBeLessThan(8);
    expect(await rowButton.evaluate((el) => getComputedStyle(el).clipPath)).toBe('inset(50%)');

    // Pressed: the margin opens the first thread and takes the focus; Escape there comes back to the count.
    const firstCard = d.page.locator(`.comment-margin [data-thread-id="${first.threadId}"]`);
    expect(await firstCard.getAttribute('class')).not.toContain('is-active');
    expect(await numCell.getAttribute('data-comment-active')).toBeNull();
    await marker.click();
    await expect.poll(() => firstCard.getAttribute('class')).toContain('is-active');
    await expect.poll(async () => (await focused(d.page)).thread).toBe(first.threadId);
    expect(await firstCard.innerText()).toContain('¿Quién imparte la capacitación?');
    // While it is open, the count's cell is outlined and marked as a cell is for its own thread (cellComments.test.ts);
    // no field's cell is, nor the other row's number.
    const outlineOf = (cell: Locator) => cell.evaluate((el) => getComputedStyle(el).outlineStyle);
    await expect.poll(() => numCell.getAttribute('data-comment-active')).toBe('true');
    expect(await numCell.getAttribute('class')).toContain('cell-commented');
    expect(await outlineOf(numCell)).toBe('solid');
    await numCell.screenshot({ path: `${SHOTS}/desktop-row-open.png` });
    expect(await row.locator('[data-cell][data-comment-active]').count()).toBe(0);
    expect(await d.page.locator(`tr[data-activity-id="${other.id}"] td.num`).getAttribute('data-comment-active')).toBeNull();
    await d.page.keyboard.press('Escape');
    await expect.poll(() => focused(d.page)).toMatchObject({ testId: 'row-comment-marker', row: kept.id });
    // Escape only brings the focus back (the thread stays open, and marked); closed, the mark goes.
    expect(await numCell.getAttribute('data-comment-active')).toBe('true');
    await firstCard.locator('.comment-anchor').click();
    await expect.poll(() => firstCard.getAttribute('class')).not.toContain('is-active');
    await expect.poll(() => numCell.getAttribute('data-comment-active')).toBeNull();
    expect(await numCell.getAttribute('class')).not.toContain('cell-commented');
    expect(await outlineOf(numCell)).not.toBe('solid');

    // Resolved elsewhere, the count follows live: one, then none.
    expect((await ana.api.post(`/api/comments/${first.id}/resolve`)).status).toBe(200);
    await expect.poll(() => marker.innerText().catch(() => ''), { timeout: 10_000 }).toBe('1');
    expect(await marker.getAttribute('aria-label')).toBe('1 comentario abierto sobre toda la actividad 2, «Capacitación a fiscales»');
    expect((await ana.api.post(`/api/comments/${second.id}/resolve`)).status).toBe(200);
    await expect.poll(() => marker.count(), { timeout: 10_000 }).toBe(0);
    expect(d.errors).toEqual([]);
    await d.close();

    // A phone: no keys, no hover; the row's «Comentar» button shows in the number cell, big enough for a finger.
    const phone = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 390, height: 844 }, hasTouch: true });
    await phone.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const pRow = phone.page.locator(`tr[data-activity-id="${kept.id}"]`);
    await pRow.locator('input[data-field="endDate"]').waitFor();
    const pNum = pRow.locator('td.num');
    const tapButton = pRow.getByTestId('row-comment');
    await tapButton.scrollIntoViewIfNeeded();
    const [cellBox, pNumBox, buttonBox] = await Promise.all([pNum.boundingBox(), numberTextBox(pNum), tapButton.boundingBox()]);
    if (!cellBox || !pNumBox || !buttonBox) throw new Error('number cell, number or button not laid out');
    expect(buttonBox.width).toBeGreaterThanOrEqual(31);
    expect(buttonBox.height).toBeGreaterThanOrEqual(27);
    expect(inside(buttonBox, cellBox)).toBe(true);
    expect(overlaps(pNumBox, buttonBox)).toBe(false);
    await tapButton.tap();
    const about = phone.page.getByTestId('comment-draft-about');
    await expect.poll(() => about.innerText().catch(() => '')).toContain('Sobre: «Capacitación a fiscales» (toda la actividad)');
    const box = phone.page.locator('.comment-new textarea');
    await box.tap();
    await box.fill('¿Hay presupuesto para la sede?');
    await phone.page.locator('.comment-new').getByRole('button', { name: 'Enviar' }).tap();
    await expect.poll(async () => (await comments()).find((c) => c.body === '¿Hay presupuesto para la sede?')?.anchor, { timeout: 10_000 }).toEqual({ type: 'activity', activityId: kept.id });

    // Its count shows beside the button, finger-sized too, neither covering the other nor the number.
    const pMarker = pRow.getByTestId('row-comment-marker');
    await pMarker.waitFor({ timeout: 10_000 });
    expect(await pMarker.innerText()).toBe('1');
    await pMarker.scrollIntoViewIfNeeded();
    const [cellBox2, pNumBox2, buttonBox2, markerBox2] = await Promise.all([pNum.boundingBox(), numberTextBox(pNum), tapButton.boundingBox(), pMarker.boundingBox()]);
    if (!cellBox2 || !pNumBox2 || !buttonBox2 || !markerBox2) throw new Error('number cell, number, button or marker not laid out');
    expect(markerBox2.width).toBeGreaterThanOrEqual(31);
    expect(markerBox2.height).toBeGreaterThanOrEqual(27);
    expect(inside(markerBox2, cellBox2)).toBe(true);
    expect(inside(buttonBox2, cellBox2)).toBe(true);
    expect(overlaps(markerBox2, buttonBox2)).toBe(false);
    expect(overlaps(pNumBox2, markerBox2)).toBe(false);
    expect(overlaps(pNumBox2, buttonBox2)).toBe(false);
    await pNum.screenshot({ path: `${SHOTS}/phone-row.png` });
    await phone.page.screenshot({ path: `${SHOTS}/phone-page.png` });
    expect(phone.errors).toEqual([]);
    await phone.close();
  });
});
