/**
 * The lead-agency select of a plan's activities with many organizations: each row's select first holds only the
 * chosen agency (a table of hundreds of rows with hundreds of agencies took three times as long to appear with every
 * option in every row), then every option, filled in the background or as soon as the person reaches for it. A
 * script's selectOption and someone else's change both work on it as on any select.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const EXTRA_AGENCIES = 60;
const LEAD = (activityId: string) => `[data-activity-id="${activityId}"] select[data-field="leadOrganizationId"]`;

describe('the lead-agency select with many organizations', () => {
  const h = useBrowserWorld();

  it('starts with the chosen agency, then offers every agency, and reads and writes the plan', async () => {
    for (let i = 0; i < EXTRA_AGENCIES; i++) {
      const r = await h.world.admin.post('/api/organizations', { name: `Fiscalía municipal ${i}`, acronym: `FM${i}`, level: 'municipal', stateCode: '08' });
      expect(r.status).toBe(201);
    }
    const organizations = (await h.world.admin.get('/api/organizations')).body as { organizations: { id: string; acronym: string }[] };
    const total = organizations.organizations.length;
    expect(total).toBeGreaterThan(EXTRA_AGENCIES);
    const fm7 = organizations.organizations.find((o) => o.acronym === 'FM7')!;
    const fm42 = organizations.organizations.find((o) => o.acronym === 'FM42')!;

    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const y = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(y);
    y.doc.transact(() => {
      insertActivity(y.doc, { id: 'led', title: 'Operativo conjunto', leadOrganizationId: h.world.orgs.FGR.id });
      insertActivity(y.doc, { id: 'open', title: 'Capacitación' });
    });
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, { email: ana.email });
    try {
      // What each select held when the table first appeared.
      await page.addInitScript(() => {
        const w = window as unknown as { firstOptions?: Record<string, number> };
        new MutationObserver((_, observer) => {
          const selects = document.querySelectorAll('[data-activity-id] select[data-field="leadOrganizationId"]');
          if (selects.length < 2) return;
          observer.disconnect();
          w.firstOptions = Object.fromEntries([...selects].map((s) => [s.closest('[data-activity-id]')!.getAttribute('data-activity-id')!, (s as HTMLSelectElement).options.length]));
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await expect.poll(() => page.evaluate(() => (window as unknown as { firstOptions?: Record<string, number> }).firstOptions), { timeout: 20_000 }).toEqual({ led: 2, open: 1 });
      expect(await page.locator(LEAD('led')).inputValue()).toBe(h.world.orgs.FGR.id);

      // Then every agency, in both rows, with the chosen one still chosen.
      await expect.poll(() => page.locator(`${LEAD('open')} option`).count(), { timeout: 10_000 }).toBe(total + 1);
      await expect.poll(() => page.locator(`${LEAD('led')} option`).count(), { timeout: 10_000 }).toBe(total + 1);
      expect(await page.locator(LEAD('led')).inputValue()).toBe(h.world.orgs.FGR.id);

      // A script picks an agency: the plan has it.
      const rowOf = (id: string) => getActivities(y.doc).toArray().find((r) => r.get('id') === id) as Y.Map<unknown>;
      await page.locator(LEAD('open')).selectOption(fm42.id);
      await expect.poll(() => rowOf('open').get('leadOrganizationId'), { timeout: 10_000 }).toBe(fm42.id);

      // Someone else changes the other row's lead agency: the select shows it.
      y.doc.transact(() => rowOf('led').set('leadOrganizationId', fm7.id));
      await expect.poll(() => page.locator(LEAD('led')).inputValue(), { timeout: 10_000 }).toBe(fm7.id);
      expect(errors).toEqual([]);
    } finally {
      await close();
      y.destroy();
    }
  });
});
