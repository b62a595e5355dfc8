/**
 * An agency created while a plan is open. The page loaded the organization directory before it existed: someone
 * else chose it as a row's partner, and this page showed no partner, so ticking another one wrote the list without
 * it and took the other person's choice away; chosen as lead it showed as a blank select. The row now asks the
 * directory again for an id it lacks and names it; an id no directory knows stands as "unknown agency" and is kept.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const ROW = '[data-testid="activities-table"] [data-testid="activity-row"]';

describe('an agency created while the plan is open', () => {
  const h = useBrowserWorld();

  const summary = (row: Locator) => row.locator('.multi-select[data-field="partnerOrganizationIds"] .multi-select-summary').innerText();
  const leadShown = (row: Locator) => row.locator('select[data-field="leadOrganizationId"]').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text ?? '(blank)');

  it('names it when another person chooses it, and keeps it when this person ticks another partner', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const other = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(other);
    insertActivity(other.doc, { id: 'act_socio', title: 'Mesa técnica estatal' });
    insertActivity(other.doc, { id: 'act_lider', title: 'Protocolo de atención' });
    insertActivity(other.doc, { id: 'act_ajena', title: 'Fila escrita por otro sistema' });
    const session = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    try {
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await page.locator(ROW).nth(2).waitFor();
      await expect.poll(() => page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 15_000 }).toBe('saved');

      // The agency is created after Ana's page loaded the directory; another person makes it partner and lead.
      const created = await h.world.admin.post('/api/organizations', { name: 'Instituto Nuevo', acronym: 'INNUEVO', level: 'federal' });
      const newcomer = created.body.organization.id as string;
      const rows = getActivities(other.doc);
      other.doc.transact(() => {
        rows.get(0).set('partnerOrganizationIds', [newcomer]);
        rows.get(1).set('leadOrganizationId', newcomer);
        // An id no directory has (written by another system): kept, and said to be unknown.
        rows.get(2).set('leadOrganizationId', 'org_no_existe');
        rows.get(2).set('partnerOrganizationIds', ['org_no_existe_tampoco']);
      });

      const partnerRow = page.locator(`${ROW}[data-activity-id="act_socio"]`);
      await expect.poll(() => summary(partnerRow), { timeout: 10_000 }).toBe('INNUEVO');
      await expect.poll(() => leadShown(page.locator(`${ROW}[data-activity-id="act_lider"]`)), { timeout: 10_000 }).toBe('INNUEVO · Instituto Nuevo');
      const foreign = page.locator(`${ROW}[data-activity-id="act_ajena"]`);
      await expect.poll(() => leadShown(foreign)).toBe('institución desconocida');
      expect(await summary(foreign)).toBe('institución desconocida');

      // Ana ticks FGR as another partner: the newcomer stays.
      const partners = partnerRow.locator('.multi-select[data-field="partnerOrganizationIds"]');
      await partners.locator('.multi-select-button').click();
      await partners.locator('.multi-select-list').getByText('FGR · FGR', { exact: true }).click();
      await waitFor(() => (rows.get(0).get('partnerOrganizationIds') as string[]).includes(h.world.orgs.FGR.id), 10_000, 'FGR in the plan');
      expect([...(rows.get(0).get('partnerOrganizationIds') as string[])].sort()).toEqual([newcomer, h.world.orgs.FGR.id].sort());
      await page.keyboard.press('Escape');

      // The same on the row with ids no directory has: ticking FGR keeps the unknown one, which can still be unticked.
      const foreignPartners = foreign.locator('.multi-select[data-field="partnerOrganizationIds"]');
      await foreignPartners.locator('.multi-select-button').click();
      await foreignPartners.locator('.multi-select-list').getByText('FGR · FGR', { exact: true }).click();
      await waitFor(() => (rows.get(2).get('partnerOrganizationIds') as string[]).includes(h.world.orgs.FGR.id), 10_000, 'FGR in the foreign row');
      expect(rows.get(2).get('partnerOrganizationIds')).toContain('org_no_existe_tampoco');
      await foreignPartners.locator('.multi-select-list').getByText('institución desconocida', { exact: true }).click();
      await waitFor(() => JSON.stringify(rows.get(2).get('partnerOrganizationIds')) === JSON.stringify([h.world.orgs.FGR.id]), 10_000, 'unknown partner unticked');
      expect(session.errors).toEqual([]);
    } finally {
      other.destroy();
      await session.close();
    }
  });
});
