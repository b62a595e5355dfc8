/**
 * Someone changes an activity's municipalities while another person is half way through typing a code in that cell.
 * The unfinished code is not in the plan yet (only whole, valid codes are written), and the other person's change
 * replaced it on screen: the next keystrokes landed on their last code ("08037" + "39") and the cell said "invalid".
 * Their change now shows, with the unfinished code kept after it.
 */
import { describe, expect, it } from 'vitest';
import { getActivities, insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

const ROW = '[data-testid="activities-table"] [data-testid="activity-row"]';

describe('typing municipality codes while someone else changes them', () => {
  const h = useBrowserWorld();

  it('keeps the code being typed and adds the other person’s', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api);
    const documentId = await h.world.document(ana.api, workspaceId);
    const other = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(other);
    insertActivity(other.doc, { id: 'act_municipios', title: 'Jornadas de prevención', municipalityCodes: ['09015'] });
    const session = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    try {
      await page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      const cell = page.locator(`${ROW} input[data-field="municipalityCodes"]`);
      await expect.poll(() => cell.inputValue(), { timeout: 10_000 }).toBe('09015');
      await cell.click();
      await cell.press('End');
      await page.keyboard.type(', 140');

      // The other person adds Ciudad Juárez meanwhile.
      getActivities(other.doc).get(0).set('municipalityCodes', ['09015', '08037']);
      await expect.poll(() => cell.inputValue()).toBe('09015, 08037, 140');

      await page.keyboard.type('39');
      const stored = () => JSON.stringify(getActivities(other.doc).get(0).get('municipalityCodes'));
      await waitFor(() => stored() === JSON.stringify(['09015', '08037', '14039']), 10_000, 'all three codes in the plan');
      expect(await cell.getAttribute('aria-invalid')).toBe('false');
      expect(session.errors).toEqual([]);
    } finally {
      other.destroy();
      await session.close();
    }
  });
});
