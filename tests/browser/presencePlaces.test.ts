/**
 * "Who is here now" on a group's summary says where each person is: a plan (by title), the decisions (the list or one
 * decision), a meeting, or the summary. Every page but a plan's used to show as the summary.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('where people are, on the group summary', () => {
  const h = useBrowserWorld();

  it('follows a person from the decisions to a decision, a meeting, a plan and the summary', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const workspaceId = await h.world.workspace(ana.api, 'Mesa de lavado');
    await h.world.addMember(workspaceId, ana.api, beto.id, 'member');
    const documentId = await h.world.document(ana.api, workspaceId);
    const meeting = await ana.api.post(`/api/workspaces/${workspaceId}/meetings`, { title: 'Sesión ordinaria', startsAt: '2027-03-01T16:00:00Z', agenda: [{ title: 'Apertura' }] });
    expect(meeting.status).toBe(201);
    const decision = await ana.api.post(`/api/workspaces/${workspaceId}/decisions`, { title: 'Compartir bases de datos' });
    expect(decision.status).toBe(201);

    const anaPage = await newSignedInPage(h.browser, h.base, ana);
    await anaPage.page.goto(`${h.base}/w/${workspaceId}`);
    const betoRow = anaPage.page.getByTestId('who-is-here').locator('li', { hasText: 'Beto Ruiz' });
    const betoPage = await newSignedInPage(h.browser, h.base, beto);
    const place = () => betoRow.locator('.item-meta').innerText();

    await betoPage.page.goto(`${h.base}/w/${workspaceId}/decisions`);
    await expect.poll(place, { timeout: 15_000 }).toMatch(/^en las decisiones de la mesa/);
    await betoPage.page.goto(`${h.base}/w/${workspaceId}/decisions/${decision.body.decision.id}`);
    await betoPage.page.getByRole('heading', { name: /Compartir bases de datos/ }).waitFor();
    await expect.poll(place, { timeout: 15_000 }).toMatch(/^en las decisiones de la mesa/);
    await betoPage.page.goto(`${h.base}/w/${workspaceId}/meetings/${meeting.body.meeting.id}`);
    await expect.poll(place, { timeout: 15_000 }).toMatch(/^en una reunión de la mesa/);
    await betoPage.page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
    await expect.poll(place, { timeout: 15_000 }).toMatch(/^en «/);
    await betoPage.page.goto(`${h.base}/w/${workspaceId}`);
    await expect.poll(place, { timeout: 15_000 }).toMatch(/^en el resumen de la mesa/);
    expect(anaPage.errors).toEqual([]);
    expect(betoPage.errors).toEqual([]);
    await betoPage.close();
    await anaPage.close();
  });
});
