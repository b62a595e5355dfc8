/**
 * A defunct agency in the web app, in Chromium: an instance admin deactivates it on the admin page (after a
 * confirmation saying what stays), and it is offered for nothing new: not in the new-person form, not as the lead
 * or a partner of another activity. Rows that already name it keep showing it, marked deactivated, and can let it go;
 * the matrix's filter marks it too.
 */
import { describe, expect, it } from 'vitest';
import { insertActivity } from '../../shared/planModel.js';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const ROW = '[data-testid="activities-table"] [data-testid="activity-row"]';

describe('a deactivated organization in the web app', () => {
  const h = useBrowserWorld();

  it('is deactivated on the admin page and offered for nothing new, while the rows that name it keep it', async () => {
    const pgr = (await h.world.admin.post('/api/organizations', { name: 'Procuraduría General de la República', acronym: 'PGR', level: 'federal' })).body.organization.id as string;
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const writer = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(writer);
    insertActivity(writer.doc, { id: 'act_pgr', title: 'Operativo de la PGR', leadOrganizationId: pgr, partnerOrganizationIds: [pgr] });
    insertActivity(writer.doc, { id: 'act_nueva', title: 'Actividad nueva' });

    const admin = await newSignedInPage(h.browser, h.base, { email: 'admin@enlace.test' });
    await admin.page.goto(`${h.base}/admin`);
    const row = admin.page.getByTestId('admin-organizations').locator('tr', { hasText: 'Procuraduría General de la República' });
    await row.getByRole('button', { name: 'Desactivar PGR' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Desactivar PGR' });
    await dialog.getByText('Todo lo que ya la nombra se conserva', { exact: false }).waitFor();
    expect(await seriousViolations(admin.page), 'the confirmation').toEqual([]);
    await dialog.getByRole('button', { name: 'Desactivar institución' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin.page.getByText('Se desactivó PGR.').waitFor();
    await row.getByText('Desactivada').waitFor();
    await row.getByRole('button', { name: 'Reactivar PGR' }).waitFor();
    expect((await h.world.admin.get('/api/organizations')).body.organizations.find((o: { id: string }) => o.id === pgr).active).toBe(false);
    // The new-person form offers it no more.
    const personForm = admin.page.getByTestId('person-form');
    const offered = await personForm.locator('select[required] option').allTextContents();
    expect(offered.some((text) => text.startsWith('SSPC'))).toBe(true);
    expect(offered.some((text) => text.startsWith('PGR'))).toBe(false);
    expect(admin.errors).toEqual([]);
    await admin.close();

    const session = await newSignedInPage(h.browser, h.base, ana);
    const { page } = session;
    await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
    const named = page.locator(ROW, { has: page.locator('input[value="Operativo de la PGR"]') });
    const fresh = page.locator(ROW, { has: page.locator('input[value="Actividad nueva"]') });
    await named.waitFor();
    // The row that names it shows it, marked; the other cannot choose it.
    const namedLead = named.locator('select[data-field="leadOrganizationId"]');
    expect(await namedLead.inputValue()).toBe(pgr);
    expect(await namedLead.locator('option:checked').textContent()).toBe('PGR · Procuraduría General de la República (desactivada)');
    expect(await fresh.locator(`select[data-field="leadOrganizationId"] option[value="${pgr}"]`).isDisabled()).toBe(true);
    expect(await fresh.locator(`select[data-field="leadOrganizationId"] option[value="${h.world.orgs.FGR.id}"]`).isDisabled()).toBe(false);
    await fresh.locator('.multi-select[data-field="partnerOrganizationIds"] .multi-select-button').click();
    expect(await fresh.getByLabel('PGR · Procuraduría General de la República (desactivada)').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await named.locator('.multi-select[data-field="partnerOrganizationIds"] .multi-select-button').click();
    const stillThere = named.getByLabel('PGR · Procuraduría General de la República (desactivada)');
    expect([await stillThere.isChecked(), await stillThere.isDisabled()]).toEqual([true, false]);
    await page.keyboard.press('Escape');
    // The matrix still filters by it (it leads activities), marked as the plan's pickers mark it.
    await page.goto(`${h.base}/matrix`);
    const orgFilter = page.getByLabel('Institución', { exact: true });
    await orgFilter.locator(`option[value="${pgr}"]`).waitFor({ state: 'attached' });
    expect(await orgFilter.locator(`option[value="${pgr}"]`).textContent()).toBe('PGR · Procuraduría General de la República (desactivada)');
    expect(await orgFilter.locator(`option[value="${h.world.orgs.FGR.id}"]`).textContent()).not.toContain('desactivada');
    expect(session.errors).toEqual([]);
    writer.destroy();
    await session.close();
  });
});
