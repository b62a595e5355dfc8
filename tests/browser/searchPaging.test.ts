/**
 * The search page past its first 50 hits: kind chips with the query's true counts (a kind none of whose hits
 * made the first page included), a truthful screen-reader count, "Mostrar más" loading the rest, and a kind
 * filter that asks the server for that kind; a follow-up action found opens its decision with the action in view.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('search page paging', () => {
  const h = useBrowserWorld();

  it('shows true counts per kind and loads the rest with “Mostrar más”', { timeout: 120_000 }, async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api, 'Mesa de fauna');
    const doc = await h.world.document(ana.api, ws);
    // Decision titles outrank comment bodies: all 60 decisions come before the 5 comments.
    for (let start = 0; start < 60; start += 10) {
      const created = await Promise.all(Array.from({ length: 10 }, (_, k) => ana.api.post(`/api/workspaces/${ws}/decisions`, { title: `Acuerdo ${start + k} sobre el pelícano pardo` })));
      expect(created.map((r) => r.status)).toEqual(Array(10).fill(201));
    }
    const commentIds: string[] = [];
    for (let i = 0; i < 5; i++) commentIds.push((await ana.api.post(`/api/documents/${doc}/comments`, { body: `Nota ${i}: vimos un pelícano herido.` })).body.comment.id);

    const session = await newSignedInPage(h.browser, h.base, ana);
    const { page } = session;
    await page.goto(`${h.base}/search?q=pelicano`);
    const items = page.locator('[data-testid="search-results"] > li');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(50);

    // Every kind with hits has a chip with its true count, though no comment is on this page.
    const chips = page.getByTestId('search-kinds').getByRole('button');
    expect(await chips.allInnerTexts()).toEqual(['Todo (65)', 'Decisiones (60)', 'Comentarios (5)']);
    expect(await page.locator('[data-testid="search-results"] > li[data-type="comment"]').count()).toBe(0);
    // The header's search box and the page's form are two search landmarks, told apart by their names.
    const landmarks = await page.getByRole('search').evaluateAll((forms) => forms.map((f) => f.getAttribute('aria-label')));
    expect(landmarks).toEqual(['Buscar en planes, actividades, decisiones, acciones y comentarios', 'Buscar de nuevo']);
    expect(await page.getByTestId('search-announcement').innerText()).toBe('50 de 65 resultados para «pelicano»; hay más con «Mostrar más»');
    expect(await page.getByTestId('search-progress').innerText()).toBe('Se muestran 50 de 65 resultados');

    // "Mostrar más" appends the other 15, the comments last; the keyboard lands on the first new one.
    const more = page.getByRole('button', { name: 'Mostrar más (15 restantes)' });
    await more.click();
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(65);
    await expect.poll(() => page.getByTestId('search-announcement').innerText()).toBe('65 resultados para «pelicano»');
    expect(await page.getByTestId('search-more').count()).toBe(0);
    expect(await page.getByTestId('search-progress').count()).toBe(0);
    expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-type')))).toEqual([...Array(60).fill('decision'), ...Array(5).fill('comment')]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('li')?.parentElement?.children[50] === document.activeElement?.closest('li'))).toBe(true);
    // Each hit once: the 60 decisions' references and the 5 comments' texts.
    const texts = await items.allInnerTexts();
    expect(new Set(texts.map((t) => /D-\d+/.exec(t)?.[0] ?? /Nota \d/.exec(t)?.[0])).size).toBe(65);

    // The comments chip asks the server for comments: the five, with the counts unchanged.
    await page.getByRole('button', { name: 'Comentarios (5)' }).click();
    await page.waitForURL(/type=comment/);
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(5);
    expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-type')))).toEqual(Array(5).fill('comment'));
    expect(await chips.allInnerTexts()).toEqual(['Todo (65)', 'Decisiones (60)', 'Comentarios (5)']);
    expect(await page.getByRole('button', { name: 'Comentarios (5)' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('search-announcement').innerText()).toBe('Comentarios: 5 resultados para «pelicano»');

    // A reload of the filtered address (a shared link) shows the same.
    await page.reload();
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(5);
    expect(commentIds).toHaveLength(5);
    expect(session.errors).toEqual([]);
    await session.close();
  });

  it('finds a follow-up action and opens its decision with the action in view', { timeout: 120_000 }, async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api, 'Mesa de trata');
    const decision = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo de albergues' })).body.decision;
    for (let i = 0; i < 12; i++) {
      const title = i === 7 ? 'Enviar el padrón de refugios a la Fiscalía' : `Tarea ${i} de seguimiento`;
      expect((await ana.api.post(`/api/decisions/${decision.id}/actions`, { title, ownerOrganizationId: ana.organizationId, dueDate: '2099-03-31' })).status).toBe(201);
    }
    const actionId = (await ana.api.get(`/api/decisions/${decision.id}`)).body.actions.find((a: { title: string }) => a.title.startsWith('Enviar')).id as string;

    const session = await newSignedInPage(h.browser, h.base, ana);
    const { page } = session;
    await page.goto(`${h.base}/search?q=padron%20refugio`);
    const items = page.locator('[data-testid="search-results"] > li');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('search-kinds').getByRole('button').allInnerTexts()).toEqual(['Todo (1)', 'Acciones (1)']);
    const hit = items.first();
    expect(await hit.getAttribute('data-type')).toBe('action');
    expect(await hit.locator('.item-meta').innerText()).toContain('ACCIÓN');
    expect(await hit.locator('.item-meta').innerText()).toContain('D-1');
    expect(await hit.locator('.search-result-snippet').innerText()).toBe('Protocolo de albergues');
    expect(await hit.locator('mark').allInnerTexts()).toEqual(['padrón', 'refugios']);

    // The link opens the decision; the action is scrolled to, highlighted and holds the keyboard.
    await hit.getByRole('link').click();
    await page.waitForURL(new RegExp(`/decisions/${decision.id}\\?action=${actionId}$`));
    const row = page.locator(`[data-action-id="${actionId}"]`);
    await expect.poll(() => row.evaluate((li) => li.classList.contains('linked-focus')), { timeout: 10_000 }).toBe(true);
    expect(await row.locator('.item-title').innerText()).toBe('Enviar el padrón de refugios a la Fiscalía');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-action-id]')?.getAttribute('data-action-id'))).toBe(actionId);
    // Scrolled smoothly into view: in the viewport once the scroll ends.
    const viewport = page.viewportSize();
    await expect.poll(async () => {
      const box = await row.boundingBox();
      return !!box && !!viewport && box.y >= 0 && box.y + box.height <= viewport.height;
    }).toBe(true);
    expect(session.errors).toEqual([]);
    await session.close();
  });
});
