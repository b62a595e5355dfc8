/**
 * Comments on one cell on other devices: on a Mac the hint names ⌘⌥M (Ctrl+⌥ is VoiceOver's), and on a phone a tap
 * into a cell shows its comment button, big enough for a finger, inside the cell and clear of its field, and the hint
 * says to tap. Screenshots go to /tmp/cellpolish/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { addActivity, openPlan, tipActivity } from '../helpers/matrix.js';
import type { YClient } from '../helpers/yjsClient.js';

const SHOTS = '/tmp/cellpolish';

describe('comments on one cell, on a Mac and on a phone', () => {
  const h = useBrowserWorld();
  const clients: YClient[] = [];
  afterAll(() => clients.forEach((c) => c.destroy()));

  it('says the Mac keys on a Mac, and shows the button on a tapped cell of a phone', { timeout: 120_000 }, async () => {
    mkdirSync(SHOTS, { recursive: true });
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const ws = await h.world.workspace(ana.api);
    const docId = await h.world.document(ana.api, ws);
    const plan = await openPlan(h.server, ana.api, docId);
    clients.push(plan);
    const kept = tipActivity(h.world.orgs.SSPC.id, { title: 'Capacitación a fiscales' });
    addActivity(plan, kept);
    await expect.poll(async () => (await ana.api.get(`/api/documents/${docId}/export?format=json`)).body.activities?.length, { timeout: 10_000 }).toBe(1);

    // A Mac: ⌘⌥M in the hint and the cell button's tooltip; Ctrl+Alt+M elsewhere (the other test).
    const mac = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await mac.page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'platform', { get: () => 'MacIntel' }));
    await mac.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const hint = mac.page.getByTestId('activities-comment-hint');
    await hint.waitFor();
    expect(await hint.innerText()).toContain('pulse ⌘⌥M mientras');
    expect(await hint.innerText()).not.toContain('Ctrl');
    const macCell = mac.page.locator(`tr[data-activity-id="${kept.id}"] [data-cell="endDate"]`);
    await macCell.hover();
    expect(await macCell.getByTestId('cell-comment-add').getAttribute('title')).toBe('Comentar esta celda (⌘⌥M)');
    expect(mac.errors).toEqual([]);
    await mac.close();

    // A phone: a tap into the end date shows its button, within the cell and not over the date's field.
    const phone = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 390, height: 844 }, hasTouch: true });
    await phone.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const cell = phone.page.locator(`tr[data-activity-id="${kept.id}"] [data-cell="endDate"]`);
    const input = cell.locator('input[data-field="endDate"]');
    await input.waitFor();
    // No keys nor pointer to speak of: the hint says to tap, and where the whole activity's button is.
    expect(await phone.page.getByTestId('activities-comment-hint').innerText()).toBe(
      'Para comentar una celda, tóquela y use el ícono que aparece en su esquina inferior; para comentar toda la actividad, use el que está bajo su número.',
    );
    await input.scrollIntoViewIfNeeded();
    await input.tap();
    const add = cell.getByTestId('cell-comment-add');
    await add.waitFor({ timeout: 5_000 });
    await cell.screenshot({ path: `${SHOTS}/phone-cell.png` });
    await phone.page.screenshot({ path: `${SHOTS}/phone-page.png` });
    const [cellBox, inputBox, addBox] = await Promise.all([cell.boundingBox(), input.boundingBox(), add.boundingBox()]);
    if (!cellBox || !inputBox || !addBox) throw new Error('cell, field or button not laid out');
    // Inside the cell…
    expect(addBox.x).toBeGreaterThanOrEqual(cellBox.x);
    expect(addBox.x + addBox.width).toBeLessThanOrEqual(cellBox.x + cellBox.width + 0.5);
    expect(addBox.y + addBox.height).toBeLessThanOrEqual(cellBox.y + cellBox.height + 0.5);
    // …and below the field, not over it…
    expect(addBox.y).toBeGreaterThanOrEqual(inputBox.y + inputBox.height - 0.5);
    // …big enough for a finger.
    expect(addBox.height).toBeGreaterThanOrEqual(27);
    expect(addBox.width).toBeGreaterThanOrEqual(31);
    // Tapped, it opens the composer on that cell.
    await add.tap();
    await expect.poll(() => phone.page.getByTestId('comment-draft-about').innerText().catch(() => '')).toContain('· Fin');
    expect(phone.errors).toEqual([]);
    await phone.close();
  });
});
