/**
 * A stance request in the inbox stops asking once it is answered: the open inbox shows, live, the stance its
 * organization recorded, then that the decision closed (with that stance, or saying none was recorded), and the
 * header's count of unread notifications drops with it.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const LIVE_MS = 10_000;
const ASKING = 'Una decisión espera la postura de su institución';

/** The inbox row about the decision titled `title` (one row names it). */
function rowAbout(list: Locator, title: string): Locator {
  return list.locator('li').filter({ hasText: title });
}

describe('stance requests in the inbox', () => {
  const h = useBrowserWorld();

  it('shows the recorded stance and the closed decision instead of still asking, live, with the unread count', async () => {
    const fac = await h.world.user('Fátima Díaz', 'UNODC');
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(fac.api, 'Mesa de armas');
    await h.world.addMember(ws, fac.api, ana.id, 'member', true);
    await h.world.addMember(ws, fac.api, beto.id, 'member', true);
    const decision = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo de cadena de custodia' })).body.decision.id as string;

    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 900 } });
    await a.page.goto(`${h.base}/inbox`);
    await b.page.goto(`${h.base}/inbox`);
    const anaRow = rowAbout(a.page.getByTestId('inbox-list'), 'Protocolo de cadena de custodia');
    const betoRow = rowAbout(b.page.getByTestId('inbox-list'), 'Protocolo de cadena de custodia');
    const anaCount = a.page.getByTestId('inbox-link').locator('.inbox-count');
    // Asked, unread, counted.
    await anaRow.getByRole('link', { name: ASKING }).waitFor({ timeout: LIVE_MS });
    await betoRow.getByRole('link', { name: ASKING }).waitFor({ timeout: LIVE_MS });
    expect(await anaRow.getAttribute('class')).toContain('is-unread');
    await expect.poll(() => anaCount.innerText(), { timeout: LIVE_MS }).toBe('1');

    // SSPC's stance is recorded: Ana's open inbox says which, no longer asks, and the count goes.
    expect((await ana.api.put(`/api/decisions/${decision}/stances/${h.world.orgs.SSPC.id}`, { stance: 'agree' })).status).toBe(200);
    await anaRow.getByRole('link', { name: 'Postura registrada: De acuerdo' }).waitFor({ timeout: LIVE_MS });
    expect(await anaRow.innerText()).not.toContain(ASKING);
    await expect.poll(() => anaRow.getAttribute('class'), { timeout: LIVE_MS }).not.toContain('is-unread');
    expect(await anaRow.getByRole('button', { name: /^Marcar como leída/ }).count()).toBe(0);
    await expect.poll(() => anaCount.count(), { timeout: LIVE_MS }).toBe(0);
    // FGR has not answered: Beto is still asked.
    expect(await betoRow.getByRole('link').innerText()).toBe(ASKING);

    // The decision is agreed: both inboxes say it closed, each with its organization's part.
    expect((await fac.api.patch(`/api/decisions/${decision}`, { status: 'agreed' })).status).toBe(200);
    await anaRow.getByRole('link', { name: 'Decisión cerrada: Acordada' }).waitFor({ timeout: LIVE_MS });
    expect(await anaRow.getByTestId('inbox-stance-detail').innerText()).toBe('Postura registrada: De acuerdo');
    await betoRow.getByRole('link', { name: 'Decisión cerrada: Acordada' }).waitFor({ timeout: LIVE_MS });
    expect(await betoRow.getByTestId('inbox-stance-detail').innerText()).toBe('Su institución no registró postura');
    expect(await betoRow.innerText()).not.toContain(ASKING);
    await expect.poll(() => b.page.getByTestId('inbox-link').locator('.inbox-count').count(), { timeout: LIVE_MS }).toBe(0);

    // Still leads to the decision.
    await betoRow.getByRole('link', { name: 'Decisión cerrada: Acordada' }).click();
    await b.page.waitForURL(`${h.base}/w/${ws}/decisions/${decision}`);

    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await a.close();
    await b.close();
  });

  it('says it in English too', async () => {
    const fac = await h.world.user('Fiona Diaz', 'UNODC');
    const ana = await h.world.user('Anne Torres', 'SSPC');
    const ws = await h.world.workspace(fac.api, 'Firearms table');
    await h.world.addMember(ws, fac.api, ana.id, 'member', true);
    await ana.api.patch('/api/me', { locale: 'en' });
    const decision = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Chain of custody protocol' })).body.decision.id as string;
    expect((await fac.api.put(`/api/decisions/${decision}/stances/${h.world.orgs.SSPC.id}`, { stance: 'agree_with_conditions', reason: 'Con recursos' })).status).toBe(200);
    expect((await fac.api.patch(`/api/decisions/${decision}`, { status: 'deferred' })).status).toBe(200);

    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await a.page.goto(`${h.base}/inbox`);
    const row = rowAbout(a.page.getByTestId('inbox-list'), 'Chain of custody protocol');
    await row.getByRole('link', { name: 'Decision closed: Deferred' }).waitFor({ timeout: LIVE_MS });
    expect(await row.getByTestId('inbox-stance-detail').innerText()).toBe('Stance recorded: Agree with conditions');
    expect(a.errors).toEqual([]);
    await a.close();
  });
});
