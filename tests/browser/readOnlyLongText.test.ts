/**
 * An observer reads the activities as text, not fields. A value with no space to break at (a link, a code, a string
 * written by another system) ran out of the pinned title under the next columns, and made its own column tens of
 * thousands of pixels wide, the other columns that far off to the side. It now breaks inside its column.
 */
import { describe, expect, it } from 'vitest';
import { insertActivity } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const ROW = '[data-testid="activities-table"] [data-testid="activity-row"]';
const LINK = 'https://www.gob.mx/sspc/documentos/protocolo-nacional-de-actuacion-para-la-atencion-de-victimas-de-trata-de-personas-2027-version-final-revisada.pdf';

describe('long unbroken values in a read-only activities table', () => {
  const h = useBrowserWorld();

  it('keeps each value inside its own column', async () => {
    const lead = await h.world.user('Lucía Hernández', 'SSPC');
    const observer = await h.world.user('Tomás Díaz', 'FGR');
    const workspaceId = await h.world.workspace(lead.api);
    const documentId = await h.world.document(lead.api, workspaceId);
    await h.world.addMember(workspaceId, lead.api, observer.id, 'observer');
    const writer = connectYjs(h.server.wsUrl, documentId, lead.api.token);
    await waitSynced(writer);
    insertActivity(writer.doc, { id: 'act_link', title: 'Protocolo'.repeat(40), description: LINK.repeat(20), target: LINK, indicator: 'x'.repeat(3000) });
    const o = await newSignedInPage(h.browser, h.base, observer, { viewport: { width: 1280, height: 900 } });
    try {
      await o.page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
      await o.page.getByTestId('read-only-notice').waitFor();
      await expect.poll(() => o.page.locator(ROW).innerText(), { timeout: 10_000 }).toContain('Protocolo');
      const cells = await o.page.locator(`${ROW} > *`).evaluateAll((els) =>
        els.map((el) => {
          const cell = el.getBoundingClientRect();
          const range = document.createRange();
          range.selectNodeContents(el);
          const text = range.getBoundingClientRect();
          return { width: Math.round(cell.width), overflows: text.right > cell.right + 1 };
        }),
      );
      // No column wider than the frame's width, and no text running out of its cell (the pinned title included).
      for (const cell of cells) {
        expect(cell.width).toBeLessThan(700);
        expect(cell.overflows).toBe(false);
      }
      const frame = await o.page.getByTestId('activities-scroll').evaluate((el) => el.scrollWidth);
      expect(frame).toBeLessThan(4000);
      expect(o.errors).toEqual([]);
    } finally {
      writer.destroy();
      await o.close();
    }
  });
});
