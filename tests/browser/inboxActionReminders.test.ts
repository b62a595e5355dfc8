/**
 * Reminders of follow-up actions in the inbox: they arrive live, say when the action falls due (today, tomorrow, or
 * overdue with its date), and open the decision with that action scrolled to and highlighted.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays } from '../../shared/actionDue.js';
import { workingDay } from '../../shared/calendar.js';
import { runActionRemindersNow } from '../../server/notifications/actionReminders.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const LIVE_MS = 10_000;

/** A due date as the page writes it (the browser's own Intl, so the test does not depend on Node's ICU). */
const shownDate = (page: Page, locale: string, day: string) => page.evaluate(([l, d]) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)), [locale, day] as const);

describe('action reminders in the inbox', () => {
  const h = useBrowserWorld();
  const remind = () => runActionRemindersNow(h.server.services.database.db, h.server.services.events);

  it('shows, live, an action due today, one due tomorrow and an overdue one with its date; the overdue one opens its decision on the action', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api, 'Mesa de armas');
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const decision = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Operativo conjunto' })).body.decision;
    const today = workingDay();
    const late = addDays(today, -3);
    const act = async (title: string, dueDate: string) => {
      const made = await ana.api.post(`/api/decisions/${decision.id}/actions`, { title, ownerOrganizationId: h.world.orgs.FGR.id, assigneeId: beto.id, dueDate });
      expect(made.status).toBe(201);
      return made.body.action.id as string;
    };
    const overdue = await act('Enviar el protocolo', late);
    await act('Convocar a la mesa', today);
    const tomorrow = await act('Revisar las cifras', addDays(today, 1));

    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 900 } });
    await b.page.goto(`${h.base}/inbox`);
    const list = b.page.getByTestId('inbox-list');
    // Only the assignments so far.
    await list.getByRole('link', { name: 'Ana Torres le asignó una acción' }).first().waitFor({ timeout: LIVE_MS });
    expect(await list.getByRole('link', { name: /^(Vence|Acción vencida)/ }).count()).toBe(0);

    expect((await remind()).reminders.length).toBe(3);
    const overdueLine = `Acción vencida: Enviar el protocolo (fecha límite ${await shownDate(b.page, 'es-MX', late)})`;
    await list.getByRole('link', { name: overdueLine, exact: true }).waitFor({ timeout: LIVE_MS });
    await list.getByRole('link', { name: 'Vence hoy: Convocar a la mesa', exact: true }).waitFor();
    await list.getByRole('link', { name: 'Vence mañana: Revisar las cifras', exact: true }).waitFor();
    // The line names the action; the row's second line names the group, not the action again.
    const row = list.locator('li').filter({ has: b.page.getByRole('link', { name: overdueLine }) });
    expect(await row.getAttribute('class')).toContain('is-unread');
    expect((await row.innerText()).split('Enviar el protocolo').length).toBe(2);
    expect(await row.innerText()).toContain('Mesa de armas');

    await row.getByRole('link', { name: overdueLine }).click();
    await b.page.waitForURL(`${h.base}/w/${ws}/decisions/${decision.id}?action=${overdue}`);
    await b.page.getByRole('heading', { level: 1, name: 'Operativo conjunto' }).waitFor();
    // The action is brought into view and highlighted.
    await b.page.locator(`[data-action-id="${overdue}"].linked-focus`).waitFor({ timeout: LIVE_MS });

    // Done, its reminder no longer stands: read at once, and it says what it said with its date, not «Vence mañana».
    await b.page.goto(`${h.base}/inbox`);
    await list.getByRole('link', { name: 'Vence mañana: Revisar las cifras', exact: true }).waitFor({ timeout: LIVE_MS });
    expect((await ana.api.patch(`/api/actions/${tomorrow}`, { status: 'done' })).status).toBe(200);
    const settled = `Por vencer: Revisar las cifras (fecha límite ${await shownDate(b.page, 'es-MX', addDays(today, 1))})`;
    await list.getByRole('link', { name: settled, exact: true }).waitFor({ timeout: LIVE_MS });
    expect(await list.locator('li').filter({ has: b.page.getByRole('link', { name: settled }) }).getAttribute('class')).not.toContain('is-unread');
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('says it in English too', async () => {
    const fiona = await h.world.user('Fiona Diaz', 'UNODC');
    const anne = await h.world.user('Anne Torres', 'SSPC');
    const ws = await h.world.workspace(fiona.api, 'Firearms table');
    await h.world.addMember(ws, fiona.api, anne.id, 'member', true);
    await anne.api.patch('/api/me', { locale: 'en' });
    const decision = (await fiona.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Joint operation' })).body.decision;
    const late = addDays(workingDay(), -5);
    // No assignee: SSPC's focal point is reminded.
    expect((await fiona.api.post(`/api/decisions/${decision.id}/actions`, { title: 'Send the protocol', ownerOrganizationId: h.world.orgs.SSPC.id, dueDate: late })).status).toBe(201);
    expect((await fiona.api.post(`/api/decisions/${decision.id}/actions`, { title: 'Call the meeting', ownerOrganizationId: h.world.orgs.SSPC.id, dueDate: addDays(workingDay(), 1) })).status).toBe(201);
    await remind();

    const a = await newSignedInPage(h.browser, h.base, anne, { viewport: { width: 1280, height: 900 } });
    await a.page.goto(`${h.base}/inbox`);
    const list = a.page.getByTestId('inbox-list');
    await list.getByRole('link', { name: `Overdue action: Send the protocol (due ${await shownDate(a.page, 'en-US', late)})`, exact: true }).waitFor({ timeout: LIVE_MS });
    await list.getByRole('link', { name: 'Due tomorrow: Call the meeting', exact: true }).waitFor();
    expect(a.errors).toEqual([]);
    await a.close();
  });
});
