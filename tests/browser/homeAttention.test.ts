/**
 * The home page says what awaits the person in each working group (a live meeting, decisions awaiting
 * their organization's stance, their overdue actions, plans others changed since their last visit, unread
 * notifications), each a link to where it is dealt with, and follows the groups' events and new notifications
 * without a reload.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { seriousViolations } from '../helpers/axe.js';
import { insertActivity } from '../../shared/planModel.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const LIVE_MS = 15_000;

describe('needs attention on the home page', () => {
  const h = useBrowserWorld();

  it('lists what awaits the person per group, links to it, follows mentions live, and reads in English too', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api, 'Mesa de armas de fuego');
    const quiet = await h.world.workspace(ana.api, 'Mesa tranquila');
    await h.world.addMember(ws, ana.api, beto.id, 'member', true);
    await h.world.addMember(quiet, ana.api, beto.id, 'member');
    const doc = await h.world.document(ana.api, ws);
    const decision = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo de rastreo' })).body.decision.id;
    await beto.api.post('/api/notifications/read', { all: true });
    await ana.api.post(`/api/decisions/${decision}/actions`, { title: 'Enviar oficio', ownerOrganizationId: h.world.orgs.FGR.id, dueDate: '2020-06-30' });
    const meeting = (await ana.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión de enero', startsAt: '2027-01-15T16:00:00Z', agenda: [{ title: 'Avances' }] })).body.meeting.id;
    await ana.api.post(`/api/meetings/${meeting}/start`);

    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 900 } });
    const list = b.page.getByTestId('workspace-list');
    const row = list.locator('li.item', { hasText: 'Mesa de armas de fuego' });
    const attention = row.getByTestId('workspace-attention');
    await expect.poll(() => attention.locator('li').allInnerTexts(), { timeout: LIVE_MS }).toEqual([
      'Reunión en curso: Sesión de enero',
      '1 decisión espera la postura de su institución',
      '1 acción vencida a su cargo',
    ]);
    // Nothing awaits Beto in the quiet group, and it says nothing.
    expect(await list.locator('li.item', { hasText: 'Mesa tranquila' }).getByTestId('workspace-attention').count()).toBe(0);
    expect(await seriousViolations(b.page)).toEqual([]);

    // A mention shows up without a reload.
    await ana.api.post(`/api/documents/${doc}/comments`, { body: `Revisa el oficio, @{${beto.id}}` });
    await expect.poll(() => attention.locator('li').allInnerTexts(), { timeout: LIVE_MS }).toContain('1 notificación sin leer');

    // Reading it elsewhere (another tab, the API) takes it away here too.
    expect((await beto.api.post('/api/notifications/read', { all: true })).status).toBe(200);
    await expect.poll(() => attention.locator('li').allInnerTexts(), { timeout: LIVE_MS }).not.toContain('1 notificación sin leer');

    // The home page is in each group's room: a meeting closed or started shows without a reload or a return to the tab.
    await ana.api.post(`/api/meetings/${meeting}/close`);
    await expect.poll(() => attention.locator('li').allInnerTexts(), { timeout: LIVE_MS }).toEqual([
      '1 decisión espera la postura de su institución',
      '1 acción vencida a su cargo',
    ]);
    const meeting2 = (await ana.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión de enero', startsAt: '2027-01-16T16:00:00Z', agenda: [{ title: 'Avances' }] })).body.meeting.id;
    await ana.api.post(`/api/meetings/${meeting2}/start`);
    await attention.getByRole('link', { name: 'Reunión en curso: Sesión de enero' }).waitFor({ timeout: LIVE_MS });
    await ana.api.post(`/api/documents/${doc}/comments`, { body: `Y esto también, @{${beto.id}}` });
    await expect.poll(() => attention.locator('li').allInnerTexts(), { timeout: LIVE_MS }).toContain('1 notificación sin leer');
    // A plan Beto has seen, edited by Ana while his home page is open.
    expect((await beto.api.post(`/api/documents/${doc}/visit`)).status).toBe(200);
    const y = connectYjs(h.server.wsUrl, doc, ana.api.token);
    await waitSynced(y);
    insertActivity(y.doc, { id: 'rastreo', title: 'Rastreo de armas aseguradas' });
    await expect.poll(() => attention.locator('li').allInnerTexts(), { timeout: LIVE_MS }).toContain('1 plan con cambios desde su última visita');
    y.destroy();
    // A group renamed by its facilitator is renamed here too.
    expect((await ana.api.patch(`/api/workspaces/${quiet}`, { name: 'Mesa de seguimiento' })).status).toBe(200);
    await list.locator('li.item', { hasText: 'Mesa de seguimiento' }).waitFor({ timeout: LIVE_MS });

    // Each line leads to its place.
    await attention.getByRole('link', { name: '1 decisión espera la postura de su institución' }).click();
    await b.page.waitForURL(`${h.base}/w/${ws}/decisions`);
    await b.page.getByText('Protocolo de rastreo').first().waitFor();
    await b.page.goBack();
    await attention.getByRole('link', { name: 'Reunión en curso: Sesión de enero' }).click();
    await b.page.waitForURL(`${h.base}/w/${ws}/meetings/${meeting2}`);
    await b.page.goBack();
    // The overdue action opens among the group's actions, filtered to those overdue on him.
    await attention.getByRole('link', { name: '1 acción vencida a su cargo' }).click();
    await b.page.waitForURL(`${h.base}/w/${ws}/actions?overdue=1&mine=1`);
    expect(await b.page.getByLabel('Solo vencidas').isChecked()).toBe(true);
    expect(await b.page.getByLabel('Solo a mi cargo (mías o de mi institución)').isChecked()).toBe(true);
    await b.page.getByTestId('action-row').first().waitFor();
    expect(await b.page.getByTestId('action-row').count()).toBe(1);

    // In English.
    await beto.api.patch('/api/me', { locale: 'en' });
    await b.page.goto(`${h.base}/`);
    await expect.poll(() => attention.locator('li').allInnerTexts(), { timeout: LIVE_MS }).toEqual([
      'Meeting in progress: Sesión de enero',
      "1 decision awaits your organization's stance",
      '1 overdue action on you',
      '1 plan changed since your last visit',
      '1 unread notification',
    ]);
    expect(b.errors).toEqual([]);
    await b.close();
  });
});
