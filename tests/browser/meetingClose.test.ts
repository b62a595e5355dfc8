/**
 * Closing a meeting freezes its minutes for good: the console asks before doing it, and a closed
 * meeting no longer marks an item as "Ahora". Attendance is taken among the group's institutions.
 */
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('closing a meeting', () => {
  const h = useBrowserWorld();

  it('asks for confirmation (cancel keeps it live), then closes and drops the "Ahora" tag for everyone', async () => {
    const { world } = h;
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de trata de personas');
    await world.addMember(ws, fac.api, ana.id, 'member', true);
    const created = await fac.api.post(`/api/workspaces/${ws}/meetings`, {
      title: 'Sesión extraordinaria',
      startsAt: '2027-03-01T16:00:00Z',
      agenda: [{ title: 'Bienvenida', minutes: 5 }, { title: 'Protocolo de atención a víctimas', minutes: 30 }],
    });
    const meetingId = created.body.meeting.id;
    expect((await fac.api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    expect((await fac.api.put(`/api/meetings/${meetingId}/current-item`, { index: 1 })).status).toBe(200);
    const url = `${h.base}/w/${ws}/meetings/${meetingId}`;
    const status = async () => (await fac.api.get(`/api/meetings/${meetingId}`)).body.meeting.status;

    const facilitator = await newSignedInPage(h.browser, h.base, fac);
    const participant = await newSignedInPage(h.browser, h.base, ana);
    await participant.page.goto(url);
    const followed = participant.page.getByTestId('meeting-agenda');
    await followed.getByText('Ahora').waitFor();

    const page = facilitator.page;
    await page.goto(url);
    const agenda = page.getByTestId('meeting-agenda');
    await agenda.locator('[aria-current="step"]').getByText('Ahora').waitFor();
    const closeButton = page.getByRole('button', { name: 'Cerrar y congelar la minuta' });

    // First click: only a question, with the harmless choice focused. Nothing is closed.
    await closeButton.click();
    const confirm = page.getByRole('group', { name: '¿Cerrar la reunión? La minuta quedará congelada y no se podrá deshacer.' });
    await confirm.waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Cancelar');
    expect(await status()).toBe('live');
    expect(await seriousViolations(page)).toEqual([]);

    // Escape (like Cancel) puts the button back, focused, and the meeting stays live.
    await page.keyboard.press('Escape');
    await closeButton.waitFor();
    expect(await confirm.count()).toBe(0);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Cerrar y congelar la minuta');
    await closeButton.click();
    await confirm.getByRole('button', { name: 'Cancelar' }).click();
    await closeButton.waitFor();
    expect(await status()).toBe('live');

    // Confirmed: closed, for the facilitator and, live, for the participant.
    await closeButton.click();
    await confirm.getByRole('button', { name: 'Sí, cerrar y congelar' }).click();
    await expect.poll(status, { timeout: 5000 }).toBe('closed');
    await page.locator('.page-head .status').getByText('Cerrada').waitFor({ timeout: 5000 });
    await participant.page.locator('.page-head .status').getByText('Cerrada').waitFor({ timeout: 5000 });
    for (const p of [page, participant.page]) {
      const list = p.getByTestId('meeting-agenda');
      expect(await list.innerText()).not.toContain('Ahora');
      expect(await list.locator('[aria-current]').count()).toBe(0);
      expect(await list.getByTestId('meeting-timer').count()).toBe(0);
    }
    expect(await page.getByRole('button', { name: 'Cerrar y congelar la minuta' }).count()).toBe(0);
    expect(facilitator.errors).toEqual([]);
    expect(participant.errors).toEqual([]);
    await facilitator.close();
    await participant.close();
  });

  it('shows a closed meeting’s decisions as its minutes froze them, with where each stands now if it moved on', async () => {
    const { world } = h;
    const fac = await world.user('Fernanda Facilitadora', 'UNODC');
    const ws = await world.workspace(fac.api, 'Mesa de armas');
    const m = (await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión de mayo', startsAt: '2027-05-01T16:00:00Z', agenda: [{ title: 'Acuerdos' }] })).body.meeting;
    expect((await fac.api.post(`/api/meetings/${m.id}/start`)).status).toBe(200);
    const moved = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Registro común de armas', meetingId: m.id })).body.decision;
    const kept = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Calendario de revisiones', meetingId: m.id })).body.decision;
    expect((await fac.api.post(`/api/meetings/${m.id}/close`)).status).toBe(200);
    expect((await fac.api.patch(`/api/decisions/${moved.id}`, { status: 'rejected' })).status).toBe(200);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/meetings/${m.id}`);
    const list = page.getByTestId('meeting-decisions');
    await page.getByText('Como constan en el acta, al cierre de la reunión.').waitFor();
    const row = list.locator('li', { hasText: 'Registro común de armas' });
    await row.getByText('Propuesta', { exact: true }).waitFor();
    await row.getByTestId('status-now').getByText('Hoy: Rechazada').waitFor();
    expect(await list.locator('li', { hasText: 'Calendario de revisiones' }).getByTestId('status-now').count()).toBe(0);
    expect(kept.status).toBe('proposed');
    expect(errors).toEqual([]);
    await close();
  });

  it('says when a meeting held before its scheduled day ran, and asks before starting one on another day', async () => {
    const { world } = h;
    const fac = await world.user('Flor Facilitadora', 'UNODC');
    const ws = await world.workspace(fac.api, 'Mesa de lavado de dinero');
    // Eight days ahead: another calendar day than today in any time zone.
    const scheduled = new Date(Date.now() + 8 * 86_400_000);
    scheduled.setUTCHours(18, 0, 0, 0);
    const schedule = async (title: string) => (await fac.api.post(`/api/workspaces/${ws}/meetings`, { title, startsAt: scheduled.toISOString(), agenda: [{ title: 'Informe' }] })).body.meeting.id as string;
    const early = await schedule('Sesión adelantada');
    const later = await schedule('Sesión de seguimiento');
    expect((await fac.api.post(`/api/meetings/${early}/start`)).status).toBe(200);
    expect((await fac.api.post(`/api/meetings/${early}/close`)).status).toBe(200);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/meetings/${early}`);
    await page.getByTestId('meeting-agenda').waitFor();
    // Days as the page's locale and time zone write them.
    const days = (lang: string) =>
      page.evaluate(([at, locale]) => {
        const f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' });
        return { today: f.format(new Date()), scheduled: f.format(new Date(at)) };
      }, [scheduled.toISOString(), lang]);
    const es = await days('es-MX');
    const meta = page.locator('.page-head .item-meta');
    // Held today, closed: the day it ran, its times, and the schedule as a side note.
    await expect.poll(() => meta.innerText(), { timeout: 5000 }).toMatch(new RegExp(`^Celebrada el ${es.today} de \\d.* a \\d.*GMT[^\\n]*\\s+\\(programada para el ${es.scheduled}\\)\\s+Cerrada$`));
    await page.getByRole('button', { name: 'English' }).click();
    const en = await days('en-US');
    await expect.poll(() => meta.innerText(), { timeout: 5000 }).toMatch(new RegExp(`^Held on ${en.today} from \\d.* to \\d.*GMT[^\\n]*\\s+\\(scheduled for ${en.scheduled}\\)\\s+Closed$`));
    await page.getByRole('button', { name: 'Español' }).click();

    // Starting the other one today asks first, naming its day; "not yet" leaves it scheduled.
    await page.goto(`${h.base}/w/${ws}/meetings/${later}`);
    const startButton = page.getByRole('button', { name: 'Iniciar reunión' });
    await startButton.click();
    const confirm = page.getByRole('group', { name: `Esta reunión está programada para el ${es.scheduled}, no para hoy. ¿Iniciarla ahora?` });
    await confirm.waitFor({ timeout: 5000 });
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('No, todavía no');
    await confirm.getByRole('button', { name: 'No, todavía no' }).click();
    await startButton.waitFor();
    expect((await fac.api.get(`/api/meetings/${later}`)).body.meeting.status).toBe('scheduled');
    await startButton.click();
    await confirm.getByRole('button', { name: 'Sí, iniciarla ahora' }).click();
    await expect.poll(async () => (await fac.api.get(`/api/meetings/${later}`)).body.meeting.status, { timeout: 5000 }).toBe('live');
    await expect.poll(() => meta.innerText(), { timeout: 5000 }).toMatch(new RegExp(`^Iniciada el ${es.today}, .*GMT[^\\n]*\\s+\\(programada para el ${es.scheduled}\\)\\s+En curso$`));
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('takes attendance among the group’s institutions, keeping any already recorded', async () => {
    const { world } = h;
    const fac = await world.user('Fabián Facilitador', 'UNODC');
    const ana = await world.user('Ana Luna', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de migración');
    await world.addMember(ws, fac.api, ana.id, 'observer');
    const created = await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión de abril', startsAt: '2027-04-01T16:00:00Z', agenda: [{ title: 'Informe' }] });
    const meetingId = created.body.meeting.id;
    expect((await fac.api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    // FGR, a guest from outside the group, was already marked present.
    expect((await fac.api.put(`/api/meetings/${meetingId}/attendance`, { organizationIds: [world.orgs.FGR.id] })).status).toBe(200);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/meetings/${meetingId}`);
    await page.getByRole('button', { name: 'Asistencia: FGR' }).click();
    const choices = page.locator('.multi-select-list label');
    await expect.poll(() => choices.allInnerTexts()).toEqual(['FGR · FGR', 'UNODC · Oficina de Enlace UNODC', 'SSPC · SSPC']);
    await page.getByLabel('SSPC · SSPC').check();
    await expect
      .poll(async () => (await fac.api.get(`/api/meetings/${meetingId}`)).body.meeting.attendance, { timeout: 5000 })
      .toEqual([world.orgs.FGR.id, world.orgs.SSPC.id]);

    // Ticks faster than the server answers: each one builds on the one before, none is lost.
    let inFlight = 0;
    let lastSaveActivity = Date.now();
    await page.route('**/api/meetings/*/attendance', async (route) => {
      inFlight++;
      lastSaveActivity = Date.now();
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    page.on('requestfinished', (req) => {
      if (!req.url().endsWith('/attendance')) return;
      inFlight--;
      lastSaveActivity = Date.now();
    });
    await page.getByLabel('UNODC · Oficina de Enlace UNODC').check();
    await page.waitForTimeout(100);
    await page.getByLabel('FGR · FGR').uncheck();
    await page.waitForTimeout(250); // the first answer arrives between these ticks
    await page.getByLabel('SSPC · SSPC').uncheck();
    await page.getByLabel('SSPC · SSPC').check();
    const present = async () => ((await fac.api.get(`/api/meetings/${meetingId}`)).body.meeting.attendance as string[]).slice().sort();
    const expected = [world.orgs.SSPC.id, world.orgs.UNODC.id].sort();
    // Once no save is on its way, nor has been for a while (the page sends the next at once): a list sent between the
    // ticks (one of them alone) can be the server's for a moment.
    const settled = () => inFlight === 0 && Date.now() - lastSaveActivity > 700;
    await expect.poll(async () => (settled() ? present() : 'saving'), { timeout: 10_000 }).toEqual(expected);
    await page.getByRole('button', { name: /^Asistencia: (SSPC, UNODC|UNODC, SSPC)$/ }).waitFor();
    await page.waitForTimeout(500);
    expect(await present()).toEqual(expected);
    expect(errors).toEqual([]);
    await close();
  });
});
