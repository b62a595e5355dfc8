/**
 * Every action of the admin page's tables and of a group's member panel is on screen without scrolling sideways:
 * at 1280 px (the two admin tables side by side pushed «Desactivar cuenta» out of the people table) and on a phone
 * (rows become cards, each cell under its label).
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

/** The buttons in `scope` that lie past the page's right edge, or past their scrolling table's. */
async function buttonsOutOfSight(page: Page, scope: Locator): Promise<string[]> {
  await scope.waitFor();
  const width = page.viewportSize()?.width ?? 0;
  return scope.locator('button').evaluateAll(
    (buttons, pageWidth) =>
      buttons
        .filter((b) => {
          const r = b.getBoundingClientRect();
          const wrap = b.closest('.table-wrap')?.getBoundingClientRect();
          return r.right > pageWidth + 0.5 || (wrap !== undefined && r.right > wrap.right + 0.5);
        })
        .map((b) => b.textContent?.trim() ?? ''),
    width,
  );
}

describe('admin and member tables keep their actions in sight', () => {
  const h = useBrowserWorld();

  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`shows every action at ${viewport.width} px`, async () => {
      // Each run adds its own people to the one instance.
      const ana = await h.world.user(`Ana Torres ${viewport.width}`, 'SSPC');
      const betoName = `Beto Ruiz ${viewport.width}`;
      const beto = await h.world.user(betoName, 'FGR');
      const ws = await h.world.workspace(ana.api, 'Mesa de tráfico de armas de fuego');
      await h.world.addMember(ws, ana.api, beto.id, 'member');

      const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' }, { viewport });
      try {
        await admin.page.goto(`${h.base}/admin`);
        const people = admin.page.getByTestId('admin-people');
        const row = people.locator('tr', { hasText: betoName });
        await row.waitFor();
        // Beto's row has all five actions, the last of them «Desactivar cuenta».
        expect(await row.getByRole('button', { name: 'Desactivar cuenta' }).count()).toBe(1);
        expect(await buttonsOutOfSight(admin.page, people)).toEqual([]);
        expect(await buttonsOutOfSight(admin.page, admin.page.getByTestId('admin-organizations'))).toEqual([]);
        // Wrapped actions keep touch targets apart; cells under their labels keep the table readable.
        expect(await seriousViolations(admin.page)).toEqual([]);
        expect(admin.errors).toEqual([]);
      } finally {
        await admin.close();
      }

      const facilitator = await newSignedInPage(h.browser, h.base, { email: ana.email }, { viewport });
      try {
        await facilitator.page.goto(`${h.base}/w/${ws}`);
        const panel = facilitator.page.getByTestId('member-manager');
        await panel.getByRole('button', { name: `Quitar a ${betoName} de la mesa` }).waitFor();
        expect(await buttonsOutOfSight(facilitator.page, panel)).toEqual([]);
        expect(await seriousViolations(facilitator.page)).toEqual([]);
        expect(facilitator.errors).toEqual([]);
      } finally {
        await facilitator.close();
      }
    });
  }
});
