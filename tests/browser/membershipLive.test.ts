/**
 * Pages that list things across a person's working groups follow their membership live: removed from a group, the
 * open inbox and the header's unread count drop its notifications (comment excerpts included) at once, not on a
 * 60 s fallback; and the home page's list of groups gains a group the person was added to and loses one they were
 * removed from, without a reload.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

/** Well under the header's 60 s fallback: only a live refetch gets there in time. */
const LIVE_MS = 5000;

describe('membership changes in open pages', () => {
  const h = useBrowserWorld();

  it('drops a removed group’s notifications from the open inbox and the header count', async () => {
    const ana = await h.world.user('Ana Bandeja', 'SSPC');
    const beto = await h.world.user('Beto Bandeja', 'FGR');
    const leaving = await h.world.workspace(ana.api, 'Mesa de trata en Chihuahua');
    const staying = await h.world.workspace(ana.api, 'Mesa de armas en Sonora');
    await h.world.addMember(leaving, ana.api, beto.id, 'member');
    await h.world.addMember(staying, ana.api, beto.id, 'member');
    const leavingPlan = await h.world.document(ana.api, leaving);
    const stayingPlan = await h.world.document(ana.api, staying);
    for (const body of [`Revisa el oficio reservado, @{${beto.id}}`, `Y la lista de testigos, @{${beto.id}}`]) {
      expect((await ana.api.post(`/api/documents/${leavingPlan}/comments`, { body })).status).toBe(201);
    }
    expect((await ana.api.post(`/api/documents/${stayingPlan}/comments`, { body: `Agenda de la sesión de enero, @{${beto.id}}` })).status).toBe(201);

    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 900 } });
    await b.page.goto(`${h.base}/inbox`);
    const items = b.page.getByTestId('inbox-list').locator('li');
    await expect.poll(() => items.count(), { timeout: LIVE_MS }).toBe(3);
    const count = b.page.getByTestId('inbox-link').locator('.inbox-count');
    await expect.poll(() => count.innerText(), { timeout: LIVE_MS }).toBe('3');

    expect((await ana.api.delete(`/api/workspaces/${leaving}/members/${beto.id}`)).status).toBe(204);
    await expect.poll(() => items.allInnerTexts(), { timeout: LIVE_MS }).toHaveLength(1);
    const left = (await items.allInnerTexts()).join('\n');
    expect(left).toContain('Agenda de la sesión de enero, @Beto Bandeja');
    expect(left).toContain('Mesa de armas en Sonora');
    const page = await b.page.locator('main').innerText();
    expect(page).not.toContain('oficio reservado');
    expect(page).not.toContain('lista de testigos');
    expect(page).not.toContain('Mesa de trata en Chihuahua');
    await expect.poll(() => count.innerText(), { timeout: LIVE_MS }).toBe('1');
    expect(await b.page.getByTestId('inbox-link').innerText()).toMatch(/^Bandeja 1\b/);
    // The inbox stays open (the group was not being looked at), and what it shows still leads somewhere.
    expect(new URL(b.page.url()).pathname).toBe('/inbox');
    await items.first().getByRole('link', { name: 'Ana Bandeja le mencionó' }).click();
    await b.page.waitForURL((url) => url.pathname === `/w/${staying}/d/${stayingPlan}`);
    await b.page.locator('.comment-margin .comment-thread', { hasText: 'Agenda de la sesión de enero' }).waitFor({ timeout: LIVE_MS });
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('adds a group the person joins to the open home page, and takes away one they leave', async () => {
    const ana = await h.world.user('Ana Inicio', 'SSPC');
    const dario = await h.world.user('Darío Inicio', 'FGR');
    const first = await h.world.workspace(ana.api, 'Mesa de lavado en Juárez');
    const later = await h.world.workspace(ana.api, 'Mesa de migración en Tapachula');
    await h.world.addMember(first, ana.api, dario.id, 'member');

    const d = await newSignedInPage(h.browser, h.base, dario, { viewport: { width: 1280, height: 900 } });
    const titles = () => d.page.getByTestId('workspace-list').locator('.item-title').allInnerTexts();
    await expect.poll(titles, { timeout: LIVE_MS }).toEqual(['Mesa de lavado en Juárez']);

    await h.world.addMember(later, ana.api, dario.id, 'observer');
    await expect.poll(titles, { timeout: LIVE_MS }).toEqual(expect.arrayContaining(['Mesa de lavado en Juárez', 'Mesa de migración en Tapachula']));
    // With the role the person has there, read again with the group.
    const added = d.page.getByTestId('workspace-list').locator('li.item', { hasText: 'Mesa de migración en Tapachula' });
    await expect.poll(() => added.locator('.role').innerText(), { timeout: LIVE_MS }).toBe('Observación');

    expect((await ana.api.delete(`/api/workspaces/${first}/members/${dario.id}`)).status).toBe(204);
    await expect.poll(titles, { timeout: LIVE_MS }).toEqual(['Mesa de migración en Tapachula']);
    // Still on the home page, and the group added live opens.
    expect(new URL(d.page.url()).pathname).toBe('/');
    await added.getByRole('link', { name: 'Mesa de migración en Tapachula' }).click();
    await d.page.waitForURL(`${h.base}/w/${later}`);
    await d.page.getByRole('heading', { level: 1, name: 'Mesa de migración en Tapachula' }).waitFor({ timeout: LIVE_MS });
    expect(await d.page.getByText('No encontramos lo que busca').count()).toBe(0);
    expect(d.errors).toEqual([]);
    await d.close();
  });
});

describe('the group page’s member list', () => {
  const h = useBrowserWorld();

  it('follows people added and removed by someone else, without a reload', async () => {
    const ana = await h.world.user('Ana Lista', 'SSPC');
    const oscar = await h.world.user('Oscar Cofacilitador', 'FGR');
    const beto = await h.world.user('Beto Saliente', 'FGE-CHIH');
    const carla = await h.world.user('Carla Entrante', 'MUN-JUAREZ');
    const ws = await h.world.workspace(ana.api, 'Mesa de fauna');
    await h.world.addMember(ws, ana.api, oscar.id, 'facilitator');
    await h.world.addMember(ws, ana.api, beto.id, 'member');

    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    try {
      await a.page.goto(`${h.base}/w/${ws}`);
      const list = a.page.getByTestId('member-list');
      await expect.poll(() => list.innerText(), { timeout: LIVE_MS }).toContain('Beto Saliente');
      expect(await list.innerText()).not.toContain('Carla Entrante');

      // Oscar, on his own, adds Carla and removes Beto: Ana's open page follows.
      await h.world.addMember(ws, oscar.api, carla.id, 'observer');
      await expect.poll(() => list.innerText(), { timeout: LIVE_MS }).toContain('Carla Entrante');
      expect((await oscar.api.delete(`/api/workspaces/${ws}/members/${beto.id}`)).status).toBe(204);
      await expect.poll(() => list.innerText(), { timeout: LIVE_MS }).not.toContain('Beto Saliente');
      expect(a.errors).toEqual([]);
    } finally {
      await a.close();
    }
  });
});
