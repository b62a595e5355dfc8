/**
 * A facilitator marks a decision superseded and names the one that replaced it, in Chromium: both decisions' pages
 * link to each other, the history names the replacement by its ref, and a member sees the links live.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('the decision that replaced another', () => {
  const h = useBrowserWorld();

  it('is picked with the status «Sustituida», and each decision links to the other', async () => {
    const { world } = h;
    const fac = await world.user('Felipe Facilitador', 'UNODC');
    const member = await world.user('Marta Miembro', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de armas');
    await world.addMember(ws, fac.api, member.id, 'member');
    const old = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Calendario de 2026' })).body.decision;
    const replacement = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Calendario de 2027' })).body.decision;

    const f = await newSignedInPage(h.browser, h.base, fac);
    const m = await newSignedInPage(h.browser, h.base, member);
    await m.page.goto(`${h.base}/w/${ws}/decisions/${replacement.id}`);
    await m.page.getByRole('heading', { level: 1, name: 'Calendario de 2027' }).waitFor();
    expect(await m.page.getByTestId('decision-replacements').count()).toBe(0);

    await f.page.goto(`${h.base}/w/${ws}/decisions/${old.id}`);
    await f.page.getByRole('heading', { level: 1, name: 'Calendario de 2026' }).waitFor();
    // The replacement is asked for only once the status is «Sustituida».
    expect(await f.page.getByLabel('Sustituida por').count()).toBe(0);
    await f.page.getByLabel('Estado', { exact: true }).selectOption({ label: 'Sustituida' });
    const pickReplacement = f.page.getByLabel('Sustituida por');
    // The decision itself is not offered.
    await expect.poll(async () => (await pickReplacement.locator('option').allInnerTexts()).map((s) => s.trim())).toEqual(['— Sin indicar —', 'D-2 · Calendario de 2027']);
    await pickReplacement.selectOption({ label: 'D-2 · Calendario de 2027' });
    await f.page.getByRole('button', { name: 'Guardar' }).click();

    const replacedBy = f.page.getByTestId('decision-replacements');
    await expect.poll(async () => (await replacedBy.innerText()).replace(/\s+/g, ' '), { timeout: 10_000 }).toBe('Sustituida por D-2 · Calendario de 2027');
    expect((await fac.api.get(`/api/decisions/${old.id}`)).body.decision).toMatchObject({ status: 'superseded', supersededById: replacement.id });
    // The history names the replacement by its ref and title, never by its id.
    const history = f.page.locator('ol.history');
    await expect.poll(() => history.innerText()).toContain('D-2 · Calendario de 2027');
    expect(await history.innerText()).not.toContain(replacement.id);

    // The member's page of the replacement learns it live.
    const replaces = m.page.getByTestId('decision-replacements');
    await expect.poll(async () => (await replaces.innerText().catch(() => '')).replace(/\s+/g, ' '), { timeout: 10_000 }).toBe('Sustituye a D-1 · Calendario de 2026');
    await replaces.getByRole('link', { name: 'D-1 · Calendario de 2026' }).click();
    await m.page.waitForURL(`${h.base}/w/${ws}/decisions/${old.id}`);
    await m.page.getByTestId('decision-replacements').getByRole('link', { name: 'D-2 · Calendario de 2027' }).waitFor();
    expect(f.errors).toEqual([]);
    expect(m.errors).toEqual([]);
    await f.close();
    await m.close();
  });
});
