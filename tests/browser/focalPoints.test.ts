/**
 * One focal point per organization, said where it matters, in Chromium: naming a second one (adding a member, or in
 * a member's row) tells the facilitator whom it replaces before saving and after; a member who may not record their
 * organization's stance is told who does (its focal point, or nobody yet), and an observer why not.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('focal points in the web app', () => {
  const h = useBrowserWorld();

  it('tells a facilitator whose focal point a new one replaces, when adding a member and in a member’s row', { timeout: 120_000 }, async () => {
    const fac = await h.world.user('Flora Facilitadora', 'UNODC');
    const beto = await h.world.user('Beto Fiscal', 'FGR');
    const fausto = await h.world.user('Fausto Fiscal', 'FGR');
    const paco = await h.world.user('Paco Policía', 'SSPC');
    const ws = await h.world.workspace(fac.api, 'Mesa de armas');
    await h.world.addMember(ws, fac.api, beto.id, 'member', true);
    await h.world.addMember(ws, fac.api, paco.id, 'member');
    const session = await newSignedInPage(h.browser, h.base, fac, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await page.goto(`${h.base}/w/${ws}`);
    const manager = page.getByTestId('member-manager');
    const form = manager.locator('form', { has: page.getByTestId('add-member-user') });

    // Fausto (FGR) as focal point: FGR has Beto already, said before saving.
    await form.getByTestId('add-member-user').selectOption({ label: "Fausto Fiscal · FGR" });
    const focal = form.getByRole('checkbox', { name: /Punto focal de su institución/ });
    await focal.check();
    const warning = form.getByTestId('focal-point-replaces');
    expect(await warning.innerText()).toBe('FGR ya tiene punto focal en esta mesa: Beto Fiscal. Hay uno por institución: al guardar, Beto Fiscal deja de serlo y conserva su rol en la mesa.');
    expect(await focal.getAttribute('aria-describedby')).toBe(await warning.getAttribute('id'));
    // Not for an organization without one: Paco's SSPC has none (he is a member already; the row says nothing either).
    await focal.uncheck();
    expect(await form.getByTestId('focal-point-replaces').count()).toBe(0);
    await focal.check();
    await form.getByRole('button', { name: 'Agregar', exact: true }).click();
    await expect.poll(() => page.getByTestId('add-member-status').innerText()).toBe('Se agregó a Fausto Fiscal con el rol Integrante, como punto focal de FGR en lugar de Beto Fiscal.');
    const members = (await fac.api.get(`/api/workspaces/${ws}`)).body.members as Array<{ userId: string; focalPoint: boolean }>;
    expect(members.filter((m) => m.focalPoint).map((m) => m.userId)).toEqual([fausto.id]);

    // In Beto's row now: ticking him back says it takes the role from Fausto.
    const betoRow = manager.locator('tr', { hasText: 'Beto Fiscal' });
    await expect.poll(() => betoRow.getByRole('checkbox', { name: 'Beto Fiscal es punto focal' }).isChecked()).toBe(false);
    expect(await betoRow.getByTestId('focal-point-replaces').count()).toBe(0);
    await betoRow.getByRole('checkbox', { name: 'Beto Fiscal es punto focal' }).check();
    expect(await betoRow.getByTestId('focal-point-replaces').innerText()).toContain('FGR ya tiene punto focal en esta mesa: Fausto Fiscal.');
    // Paco's SSPC has no focal point: ticking him says nothing of anyone.
    const pacoRow = manager.locator('tr', { hasText: 'Paco Policía' });
    await pacoRow.getByRole('checkbox', { name: 'Paco Policía es punto focal' }).check();
    expect(await pacoRow.getByTestId('focal-point-replaces').count()).toBe(0);
    expect(session.errors).toEqual([]);
    await session.close();
  });

  it('tells a member who records their organization’s stance, and an observer why they record none', { timeout: 120_000 }, async () => {
    const fac = await h.world.user('Fina Facilitadora', 'UNODC');
    const diego = await h.world.user('Diego Fiscal', 'FGR');
    const ema = await h.world.user('Ema Fiscal', 'FGR');
    const sara = await h.world.user('Sara Policía', 'SSPC');
    const olga = await h.world.user('Olga Observadora', 'FGE-CHIH');
    const ws = await h.world.workspace(fac.api, 'Mesa de trata');
    await h.world.addMember(ws, fac.api, diego.id, 'member', true);
    await h.world.addMember(ws, fac.api, ema.id, 'member');
    await h.world.addMember(ws, fac.api, sara.id, 'member');
    await h.world.addMember(ws, fac.api, olga.id, 'observer');
    const decision = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo de albergues' })).body.decision;

    const cases: Array<[{ email: string }, string | null]> = [
      [ema, 'La postura de FGR la registra su punto focal en esta mesa: Diego Fiscal. Si quiere opinar, hágalo con esa persona o en un comentario.'],
      [sara, 'SSPC aún no tiene punto focal en esta mesa: pida a quien facilita que nombre uno o que registre la postura en nombre de SSPC.'],
      [olga, 'Con el rol de Observación puede seguir la decisión y comentarla, pero no registrar posturas.'],
      // Those who may record one are told nothing: the form is there.
      [diego, null],
      [fac, null],
    ];
    for (const [user, note] of cases) {
      const session = await newSignedInPage(h.browser, h.base, user);
      await session.page.goto(`${h.base}/w/${ws}/decisions/${decision.id}`);
      await session.page.getByTestId('stances-table').waitFor();
      const shown = session.page.getByTestId('stance-rights');
      if (note) expect(await shown.innerText()).toBe(note);
      else expect(await shown.count()).toBe(0);
      expect(session.errors).toEqual([]);
      await session.close();
    }

    // Closed, nobody is told how to record one.
    expect((await fac.api.patch(`/api/decisions/${decision.id}`, { status: 'agreed' })).status).toBe(200);
    const after = await newSignedInPage(h.browser, h.base, ema);
    await after.page.goto(`${h.base}/w/${ws}/decisions/${decision.id}`);
    await after.page.getByTestId('stances-table').waitFor();
    expect(await after.page.getByTestId('stance-rights').count()).toBe(0);
    await after.close();
  });
});
