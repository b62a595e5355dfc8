/**
 * Comments on one cell of the activities table: a member comments on an end date from the cell itself (by pointer and
 * by Ctrl+Alt+M), the comment is anchored on that field, and Escape takes the focus back to the cell; an observer sees
 * the cell's count, opens its thread from it (Escape there comes back to the count), and comments on another cell through
 * the row's «Comentar» button. A thread deleted whole leaves the focus on the next thread's card.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { addActivity, openPlan, tipActivity } from '../helpers/matrix.js';
import type { YClient } from '../helpers/yjsClient.js';

/** Where the focus is: the field or cell, its row, and the comment box's placeholder. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      field: el?.dataset.field ?? el?.closest<HTMLElement>('[data-field]')?.dataset.field ?? '',
      cell: el?.closest<HTMLElement>('[data-cell]')?.dataset.cell ?? '',
      row: el?.closest<HTMLElement>('[data-activity-id]')?.dataset.activityId ?? '',
      testId: el?.dataset.testid ?? '',
      placeholder: el?.getAttribute('placeholder') ?? '',
    };
  });

/** The thread card holding the focus, and whether on its quote button. */
const focusedCard = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { thread: el?.closest('[data-thread-id]')?.getAttribute('data-thread-id') ?? null, anchor: !!el?.classList.contains('comment-anchor') };
  });

describe('comments on one cell of the activities table', () => {
  const h = useBrowserWorld();
  const clients: YClient[] = [];
  afterAll(() => clients.forEach((c) => c.destroy()));

  it('a member comments on a cell from the table; an observer sees its count, opens its thread and comments by keyboard', { timeout: 120_000 }, async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const carla = await h.world.user('Carla Méndez', 'FGE-CHIH');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    await h.world.addMember(ws, ana.api, carla.id, 'observer');
    const docId = await h.world.document(ana.api, ws);
    const plan = await openPlan(h.server, ana.api, docId);
    clients.push(plan);
    const other = tipActivity(h.world.orgs.FGR.id, { title: 'Protocolo de atención a víctimas' });
    const kept = tipActivity(h.world.orgs.SSPC.id, { title: 'Capacitación a fiscales' });
    addActivity(plan, other);
    addActivity(plan, kept);
    await expect.poll(async () => (await ana.api.get(`/api/documents/${docId}/export?format=json`)).body.activities?.length, { timeout: 10_000 }).toBe(2);
    const comments = async () => (await ana.api.get(`/api/documents/${docId}/comments`)).body.comments as Array<{ body: string; anchor: unknown; threadId: string }>;

    // Beto (member): the end date's comment button shows under the pointer, and opens the composer on that cell.
    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 900 } });
    await b.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const bRow = b.page.locator(`tr[data-activity-id="${kept.id}"]`);
    await bRow.locator('input[data-field="endDate"]').waitFor();
    const hint = b.page.getByTestId('activities-comment-hint');
    expect(await hint.innerText()).toContain('Ctrl+Alt+M');
    expect(await b.page.getByTestId('activities-table').getAttribute('aria-describedby')).toBe(await hint.getAttribute('id'));
    const endCell = bRow.locator('[data-cell="endDate"]');
    expect(await endCell.getByTestId('cell-comment-add').count()).toBe(0);
    await endCell.hover();
    const add = endCell.getByTestId('cell-comment-add');
    expect(await add.getAttribute('aria-label')).toBe('Comentar esta celda: Fin, actividad 2');
    expect(await add.getAttribute('tabindex')).toBe('-1');
    await add.click();
    const about = b.page.getByTestId('comment-draft-about');
    await expect.poll(() => about.innerText().catch(() => '')).toContain('Sobre: «Capacitación a fiscales» · Fin');
    await expect.poll(() => focused(b.page)).toMatchObject({ placeholder: 'Escriba un comentario…' });
    await b.page.keyboard.type('¿Por qué esta fecha?');
    await b.page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await comments()).map((c) => ({ body: c.body, anchor: c.anchor })), { timeout: 10_000 }).toEqual([
      { body: '¿Por qué esta fecha?', anchor: { type: 'activity', activityId: kept.id, field: 'endDate' } },
    ]);
    const [dateThread] = await comments();
    // The new thread is the open one: its cell is outlined and counts it; the other row's end date does not.
    await expect.poll(() => endCell.getAttribute('data-comment-active')).toBe('true');
    await expect.poll(() => endCell.getByTestId('cell-comment-marker').innerText().catch(() => '')).toBe('1');
    expect(await b.page.locator(`tr[data-activity-id="${other.id}"] [data-cell="endDate"] [data-testid="cell-comment-marker"]`).count()).toBe(0);
    // Escape in the composer: back to the end date's field.
    await b.page.keyboard.press('Escape');
    await expect.poll(() => focused(b.page)).toMatchObject({ field: 'endDate', row: kept.id });

    // By keyboard: Ctrl+Alt+M on the partners' button comments on that cell, and Escape comes back to it.
    const partners = bRow.locator('[data-field="partnerOrganizationIds"] button.multi-select-button');
    await partners.focus();
    await b.page.keyboard.press('Control+Alt+KeyM');
    await expect.poll(() => about.innerText().catch(() => '')).toContain('Sobre: «Capacitación a fiscales» · Instituciones aliadas');
    await expect.poll(() => focused(b.page)).toMatchObject({ placeholder: 'Escriba un comentario…' });
    await b.page.keyboard.type('Falta la SSPC');
    await b.page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await comments()).map((c) => c.anchor), { timeout: 10_000 }).toContainEqual({ type: 'activity', activityId: kept.id, field: 'partnerOrganizationIds' });
    await b.page.keyboard.press('Escape');
    await expect.poll(() => focused(b.page)).toMatchObject({ field: 'partnerOrganizationIds', cell: 'partnerOrganizationIds', row: kept.id });

    // Deleting a thread's only comment takes its card away: the focus goes on to the next card, not to the page.
    const partnersThread = (await comments()).find((x) => x.body === 'Falta la SSPC');
    const pCard = b.page.locator(`.comment-margin [data-thread-id="${partnersThread?.threadId}"]`);
    // Closed first: an open thread stays listed to say its comment was deleted.
    if ((await pCard.getAttribute('class'))?.includes('is-active')) await pCard.locator('.comment-anchor').click();
    await pCard.getByRole('button', { name: 'Eliminar' }).click();
    await pCard.locator('.comment-confirm').getByRole('button', { name: 'Eliminar' }).click();
    await expect.poll(() => pCard.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => focusedCard(b.page)).toEqual({ thread: dateThread.threadId, anchor: true });
    expect(b.errors).toEqual([]);
    await b.close();

    // Carla (observer, read-only table): the end date counts its thread; pressed, the margin opens it.
    const c = await newSignedInPage(h.browser, h.base, carla, { viewport: { width: 1280, height: 900 } });
    await c.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await c.page.getByTestId('read-only-notice').waitFor();
    const cRow = c.page.locator(`tr[data-activity-id="${kept.id}"]`);
    const marker = cRow.locator('[data-cell="endDate"] [data-testid="cell-comment-marker"]');
    await marker.waitFor({ timeout: 10_000 });
    expect(await marker.innerText()).toBe('1');
    expect(await marker.getAttribute('aria-label')).toBe('1 comentario abierto sobre Fin, actividad 2');
    const card = c.page.locator(`.comment-margin [data-thread-id="${dateThread.threadId}"]`);
    expect(await card.getAttribute('class')).not.toContain('is-active');
    await marker.click();
    await expect.poll(() => card.getAttribute('class')).toContain('is-active');
    await expect.poll(() => c.page.evaluate(() => document.activeElement?.closest('[data-thread-id]')?.getAttribute('data-thread-id') ?? null)).toBe(dateThread.threadId);
    expect(await card.innerText()).toContain('¿Por qué esta fecha?');
    await expect.poll(() => cRow.locator('[data-cell="endDate"]').getAttribute('data-comment-active')).toBe('true');
    // Escape on the thread: back to the marker it was opened from.
    await c.page.keyboard.press('Escape');
    await expect.poll(() => focused(c.page)).toMatchObject({ testId: 'cell-comment-marker', cell: 'endDate', row: kept.id });

    // By keyboard in the read-only table: the row's «Comentar» button asks which field, and Escape comes back to it.
    const rowButton = cRow.getByTestId('row-comment');
    expect(await rowButton.getAttribute('aria-label')).toBe('Comentar la actividad 2');
    await rowButton.focus();
    await c.page.keyboard.press('Enter');
    const fieldSelect = c.page.getByTestId('comment-field-select');
    await expect.poll(() => focused(c.page)).toMatchObject({ testId: 'comment-field-select' });
    const cAbout = c.page.getByTestId('comment-draft-about');
    expect(await cAbout.innerText()).toContain('Sobre: «Capacitación a fiscales» (toda la actividad)');
    await fieldSelect.selectOption('target');
    expect(await cAbout.innerText()).toContain('Sobre: «Capacitación a fiscales» · Meta');
    // Past «Quitar» (back to a general comment), the box.
    await c.page.keyboard.press('Tab');
    expect(await c.page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText)).toBe('Quitar');
    await c.page.keyboard.press('Tab');
    await expect.poll(() => focused(c.page)).toMatchObject({ placeholder: 'Escriba un comentario…' });
    await c.page.keyboard.type('¿Cómo se mide esta meta?');
    await c.page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await comments()).find((x) => x.body === '¿Cómo se mide esta meta?')?.anchor, { timeout: 10_000 }).toEqual({ type: 'activity', activityId: kept.id, field: 'target' });
    await c.page.keyboard.press('Escape');
    await expect.poll(() => focused(c.page)).toMatchObject({ testId: 'row-comment', row: kept.id });

    // A read-only cell's own button, under the pointer: Escape goes back to that cell.
    const statusCell = cRow.locator('[data-cell="status"]');
    await statusCell.hover();
    await statusCell.getByTestId('cell-comment-add').click();
    await expect.poll(() => cAbout.innerText().catch(() => '')).toContain('Sobre: «Capacitación a fiscales» · Estado');
    await expect.poll(() => focused(c.page)).toMatchObject({ placeholder: 'Escriba un comentario…' });
    await c.page.keyboard.press('Escape');
    await expect.poll(() => focused(c.page)).toMatchObject({ cell: 'status', row: kept.id, field: '' });
    expect(c.errors).toEqual([]);
    await c.close();
  });
});
