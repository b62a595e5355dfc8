/**
 * A facilitator corrects a scheduled meeting (title, date and time, an agenda item) from a form prefilled with
 * it, and a participant's open page follows live; then calls it off, after a question, and both pages show it
 * as «Cancelada» with nothing left to run (nor a calendar event to take), as does the group's list of meetings.
 * A participant takes the meeting into their own calendar (.ics).
 * Two facilitators at once: only what one changed is sent, a clash on the same field is said before it is
 * overwritten, and a meeting that starts while the form is open keeps the typed title and says the start cannot move.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('editing and cancelling a meeting', () => {
  const h = useBrowserWorld();

  it('edits title, date and an agenda item, live for a participant, then cancels it for everyone', async () => {
    const { world } = h;
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de trata de personas');
    await world.addMember(ws, fac.api, ana.id, 'member', true);
    const created = await fac.api.post(`/api/workspaces/${ws}/meetings`, {
      title: 'Sesión ordinaria',
      startsAt: '2027-03-01T16:00:00Z',
      agenda: [{ title: 'Bienvenida', minutes: 5 }, { title: 'Protocolo de atención', minutes: 30 }],
    });
    const meetingId = created.body.meeting.id;
    const url = `${h.base}/w/${ws}/meetings/${meetingId}`;
    const stored = async () => (await fac.api.get(`/api/meetings/${meetingId}`)).body.meeting;

    const facilitator = await newSignedInPage(h.browser, h.base, fac);
    const participant = await newSignedInPage(h.browser, h.base, ana);
    await participant.page.goto(url);
    await participant.page.getByRole('heading', { level: 1, name: 'Sesión ordinaria', exact: true }).waitFor();
    // A participant reads the meeting; correcting or calling it off is for facilitators.
    expect(await participant.page.getByRole('button', { name: 'Editar reunión' }).count()).toBe(0);
    expect(await participant.page.getByRole('button', { name: 'Cancelar reunión' }).count()).toBe(0);
    // Anyone in the group may put it in their own calendar.
    const [ics] = await Promise.all([participant.page.waitForEvent('download'), participant.page.getByRole('link', { name: 'Agregar a mi calendario (.ics)' }).click()]);
    expect(ics.suggestedFilename()).toBe('Sesión ordinaria.ics');
    // Long lines are folded (a line break and a space): unfolded before reading.
    const event = (await readFile((await ics.path()) ?? '', 'utf8')).replace(/\r\n /g, '');
    expect(event).toContain('\r\nSUMMARY:Sesión ordinaria\r\nDESCRIPTION:Mesa: Mesa de trata de personas\\n\\nOrden del día:\\n1. Bienvenida (5 min)\\n');
    expect(event).toContain('\r\nDTSTART:20270301T160000Z\r\nDTEND:20270301T163500Z\r\n');

    const page = facilitator.page;
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Sesión ordinaria', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Editar reunión' }).click();

    // Prefilled with the meeting as it is (the start in the browser's own zone, as the picker shows it).
    const form = page.getByTestId('meeting-edit');
    const title = form.getByLabel(/^Título de la reunión/);
    const startsAt = form.getByLabel(/^Fecha y hora/);
    await expect.poll(() => title.inputValue()).toBe('Sesión ordinaria');
    await expect(page.evaluate(() => document.activeElement?.id === document.querySelector('[data-testid="meeting-edit"] input')?.id)).resolves.toBe(true);
    const localStart = await page.evaluate(() => {
      const d = new Date('2027-03-01T16:00:00Z');
      const two = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
    });
    expect(await startsAt.inputValue()).toBe(localStart);
    expect(await form.getByLabel('Punto 1', { exact: true }).inputValue()).toBe('Bienvenida');
    expect(await form.getByLabel('Punto 2', { exact: true }).inputValue()).toBe('Protocolo de atención');
    // Each minutes field is named with its item, not just «Minutos» over and over.
    expect(await form.getByRole('spinbutton', { name: 'Minutos del punto 2', exact: true }).inputValue()).toBe('30');
    expect(await form.getByRole('spinbutton', { name: 'Minutos del punto 1', exact: true }).inputValue()).toBe('5');
    expect(await form.getByRole('spinbutton', { name: 'Minutos', exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await title.fill('Sesión ordinaria de marzo');
    await startsAt.fill('2027-03-04T11:30');
    await form.getByLabel('Punto 2', { exact: true }).fill('Protocolo de atención a víctimas');
    await form.getByRole('button', { name: 'Guardar cambios' }).click();
    const newStart = await page.evaluate(() => new Date('2027-03-04T11:30').toISOString());

    await page.getByRole('heading', { level: 1, name: 'Sesión ordinaria de marzo' }).waitFor({ timeout: 5000 });
    await form.waitFor({ state: 'detached' });
    expect(await stored()).toMatchObject({
      title: 'Sesión ordinaria de marzo',
      startsAt: newStart,
      agenda: [{ title: 'Bienvenida', minutes: 5 }, { title: 'Protocolo de atención a víctimas', minutes: 30 }],
      status: 'scheduled',
    });
    // Focus goes back to the button that opened the form.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Editar reunión');

    // The participant's page, open all along, follows without a reload.
    const p = participant.page;
    await p.getByRole('heading', { level: 1, name: 'Sesión ordinaria de marzo' }).waitFor({ timeout: 5000 });
    await p.getByTestId('meeting-agenda').getByText('Protocolo de atención a víctimas').waitFor({ timeout: 5000 });
    expect(await p.locator(`.page-head time[datetime="${newStart}"]`).count()).toBe(1);

    // Calling it off asks first; the harmless answer is focused and keeps it.
    await page.getByRole('button', { name: 'Cancelar reunión' }).click();
    const confirm = page.getByRole('group', { name: /^¿Cancelar la reunión\?/ });
    await confirm.waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('No, mantenerla');
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'No, mantenerla' }).click();
    await page.getByRole('button', { name: 'Cancelar reunión' }).waitFor();
    expect((await stored()).status).toBe('scheduled');

    await page.getByRole('button', { name: 'Cancelar reunión' }).click();
    await confirm.getByRole('button', { name: 'Sí, cancelar la reunión' }).click();
    await expect.poll(async () => (await stored()).status, { timeout: 5000 }).toBe('cancelled');
    for (const each of [page, p]) {
      await each.locator('.page-head .status').getByText('Cancelada', { exact: true }).waitFor({ timeout: 5000 });
      await each.getByText('Esta reunión se canceló: no se iniciará ni tendrá minuta.', { exact: false }).waitFor();
      await each.getByText('Una reunión cancelada no tiene minuta.').waitFor();
      for (const control of ['Iniciar reunión', 'Editar reunión', 'Cancelar reunión', 'Cerrar y congelar la minuta']) {
        expect(await each.getByRole('button', { name: control }).count(), control).toBe(0);
      }
      expect(await each.getByRole('link', { name: /Markdown|Word|PDF|calendario/ }).count()).toBe(0);
    }
    expect(await seriousViolations(page)).toEqual([]);

    // The group's list keeps it, muted and saying so.
    await p.goto(`${h.base}/w/${ws}`);
    const row = p.locator('li.item', { has: p.getByRole('link', { name: 'Sesión ordinaria de marzo' }) });
    await row.getByText('Cancelada', { exact: true }).waitFor({ timeout: 5000 });
    expect(await row.getAttribute('class')).toContain('item-cancelled');

    expect(facilitator.errors).toEqual([]);
    expect(participant.errors).toEqual([]);
    await facilitator.close();
    await participant.close();
  });

  it('on a live meeting edits the agenda only, keeping the items up to the one under way, and offers no cancel', async () => {
    const { world } = h;
    const fac = await world.user('Fabián Facilitador', 'UNODC');
    const ws = await world.workspace(fac.api, 'Mesa de armas');
    const m = (await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión en curso', startsAt: '2027-05-01T16:00:00Z', agenda: [{ title: 'Apertura' }, { title: 'Informe' }, { title: 'Varios' }] })).body.meeting;
    expect((await fac.api.post(`/api/meetings/${m.id}/start`)).status).toBe(200);
    expect((await fac.api.put(`/api/meetings/${m.id}/current-item`, { index: 1 })).status).toBe(200);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/meetings/${m.id}`);
    await page.getByRole('button', { name: 'Cerrar y congelar la minuta' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancelar reunión' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Editar orden del día' }).click();
    const form = page.getByTestId('meeting-edit');
    await form.getByRole('heading', { name: 'Editar el orden del día' }).waitFor();
    expect(await form.getByLabel(/^Título de la reunión/).count()).toBe(0);
    expect(await form.getByLabel(/^Fecha y hora/).count()).toBe(0);
    await form.getByText(/La reunión está en curso/).waitFor();
    // Items 1 and 2 (the one under way) stay; item 3 may go.
    expect(await form.getByRole('button', { name: /^Quitar el punto/ }).allTextContents()).toHaveLength(1);
    await form.getByRole('button', { name: 'Quitar el punto 3' }).waitFor();
    await form.getByLabel('Punto 2', { exact: true }).fill('Informe de avances');
    await form.getByRole('button', { name: 'Agregar punto' }).click();
    await form.getByLabel('Punto 4', { exact: true }).fill('Próxima sesión');
    await form.getByRole('spinbutton', { name: 'Minutos del punto 4', exact: true }).fill('10');
    await form.getByRole('button', { name: 'Guardar cambios' }).click();
    await form.waitFor({ state: 'detached', timeout: 5000 });
    const agenda = page.getByTestId('meeting-agenda');
    await agenda.locator('[aria-current="step"]').getByText('Informe de avances').waitFor({ timeout: 5000 });
    await agenda.getByText('Próxima sesión').waitFor();
    const stored = (await fac.api.get(`/api/meetings/${m.id}`)).body.meeting;
    expect(stored).toMatchObject({ status: 'live', currentItem: 1, title: 'Sesión en curso', agenda: [{ title: 'Apertura' }, { title: 'Informe de avances' }, { title: 'Varios' }, { title: 'Próxima sesión', minutes: 10 }] });
    expect(errors).toEqual([]);
    await close();
  });

  it('sends only what was changed, so another facilitator’s changes meanwhile survive, and warns before overwriting the same field', async () => {
    const { world } = h;
    const fac = await world.user('Fernanda Facilitadora', 'UNODC');
    const other = await world.user('Oscar Cofacilitador', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de lavado de dinero');
    await world.addMember(ws, fac.api, other.id, 'facilitator');
    const m = (await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Título original', startsAt: '2027-04-01T16:00:00Z', agenda: [{ title: 'Uno', minutes: 10 }] })).body.meeting;
    const stored = async () => (await fac.api.get(`/api/meetings/${m.id}`)).body.meeting;
    /** The other facilitator's correction, through the API while Fernanda's form is open. */
    const otherChanges = async (body: Record<string, unknown>) => expect((await other.api.patch(`/api/meetings/${m.id}`, body)).status).toBe(200);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/meetings/${m.id}`);
    const form = page.getByTestId('meeting-edit');
    const title = form.getByLabel(/^Título de la reunión/);
    /** Opens the form and waits until it holds the meeting as it is now. */
    const openForm = async (heading: string) => {
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor({ timeout: 5000 });
      await page.getByRole('button', { name: 'Editar reunión' }).click();
      await expect.poll(() => title.inputValue()).toBe(heading);
    };
    /** What the other facilitator changed reaches Fernanda's page (its heading) while her form stays as it opened. */
    const seen = (heading: string) => page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor({ timeout: 5000 });
    const save = () => form.getByRole('button', { name: 'Guardar cambios' }).click();

    // Saved untouched: nothing is sent, so the other facilitator's new title and item stay.
    await openForm('Título original');
    await otherChanges({ title: 'Título de Oscar', agenda: [{ title: 'Uno', minutes: 10 }, { title: 'Punto de Oscar' }] });
    await seen('Título de Oscar');
    expect(await title.inputValue()).toBe('Título original');
    await save();
    await form.waitFor({ state: 'detached', timeout: 5000 });
    expect(await stored()).toMatchObject({ title: 'Título de Oscar', agenda: [{ title: 'Uno', minutes: 10 }, { title: 'Punto de Oscar' }] });

    // Only the start changed: only the start is sent.
    await openForm('Título de Oscar');
    await otherChanges({ title: 'Título de Oscar, revisado', agenda: [{ title: 'Uno', minutes: 15 }, { title: 'Punto de Oscar' }, { title: 'Otro punto de Oscar' }] });
    await seen('Título de Oscar, revisado');
    await form.getByLabel(/^Fecha y hora/).fill('2027-04-02T09:00');
    await save();
    await form.waitFor({ state: 'detached', timeout: 5000 });
    const newStart = await page.evaluate(() => new Date('2027-04-02T09:00').toISOString());
    expect(await stored()).toMatchObject({
      title: 'Título de Oscar, revisado',
      startsAt: newStart,
      agenda: [{ title: 'Uno', minutes: 15 }, { title: 'Punto de Oscar' }, { title: 'Otro punto de Oscar' }],
    });

    // Both retitle it: Fernanda is told, nothing is sent, and only a second save overwrites (the title only).
    await openForm('Título de Oscar, revisado');
    await title.fill('Título de Fernanda');
    await otherChanges({ title: 'Título final de Oscar', agenda: [{ title: 'Uno', minutes: 15 }, { title: 'Punto de Oscar' }] });
    await seen('Título final de Oscar');
    await save();
    const clash = form.getByRole('alert').filter({ hasText: 'Otra persona cambió esta reunión mientras la editaba' });
    await clash.waitFor({ timeout: 5000 });
    expect(await clash.textContent()).toContain('el título (ahora «Título final de Oscar»)');
    expect(await clash.textContent()).not.toContain('orden del día');
    expect(await clash.textContent()).toContain('Sus cambios aún no se guardaron');
    expect((await stored()).title).toBe('Título final de Oscar');
    expect(await title.inputValue()).toBe('Título de Fernanda');
    expect(await seriousViolations(page)).toEqual([]);
    await save();
    await form.waitFor({ state: 'detached', timeout: 5000 });
    expect(await stored()).toMatchObject({ title: 'Título de Fernanda', agenda: [{ title: 'Uno', minutes: 15 }, { title: 'Punto de Oscar' }] });

    // Both change the agenda: told again, and «Cargar la versión actual» puts the other's agenda in the form.
    await openForm('Título de Fernanda');
    await form.getByRole('spinbutton', { name: 'Minutos del punto 1', exact: true }).fill('20');
    await otherChanges({ agenda: [{ title: 'Uno', minutes: 15 }, { title: 'Punto de Oscar' }, { title: 'Asuntos generales' }] });
    await page.getByTestId('meeting-agenda').getByText('Asuntos generales').waitFor({ timeout: 5000 });
    await save();
    await clash.waitFor({ timeout: 5000 });
    expect(await clash.textContent()).toContain('el orden del día');
    expect(await clash.textContent()).not.toContain('el título');
    await clash.getByRole('button', { name: 'Cargar la versión actual' }).click();
    await clash.waitFor({ state: 'detached' });
    expect(await form.getByLabel('Punto 3', { exact: true }).inputValue()).toBe('Asuntos generales');
    expect(await form.getByRole('spinbutton', { name: 'Minutos del punto 1', exact: true }).inputValue()).toBe('15');
    expect(await title.inputValue()).toBe('Título de Fernanda');
    await save();
    await form.waitFor({ state: 'detached', timeout: 5000 });
    expect(await stored()).toMatchObject({ title: 'Título de Fernanda', agenda: [{ title: 'Uno', minutes: 15 }, { title: 'Punto de Oscar' }, { title: 'Asuntos generales' }] });

    expect(errors).toEqual([]);
    await close();
  });

  it('keeps a typed title when the meeting starts while the form is open, and says the typed start cannot be saved', async () => {
    const { world } = h;
    const fac = await world.user('Fidel Facilitador', 'UNODC');
    const other = await world.user('Olga Cofacilitadora', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de tráfico de migrantes');
    await world.addMember(ws, fac.api, other.id, 'facilitator');
    const m = (await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Nombre viejo', startsAt: '2027-06-01T15:00:00Z', agenda: [{ title: 'Uno' }, { title: 'Dos' }] })).body.meeting;

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/meetings/${m.id}`);
    await page.getByRole('heading', { level: 1, name: 'Nombre viejo', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Editar reunión' }).click();
    const form = page.getByTestId('meeting-edit');
    const title = form.getByLabel(/^Título de la reunión/);
    await expect.poll(() => title.inputValue()).toBe('Nombre viejo');
    await title.fill('Nombre nuevo');
    await form.getByLabel(/^Fecha y hora/).fill('2027-06-08T15:00');
    await form.getByLabel('Punto 2', { exact: true }).fill('Dos (corregido)');

    expect((await other.api.post(`/api/meetings/${m.id}/start`)).status).toBe(200);
    const started = form.getByRole('alert').filter({ hasText: 'La reunión empezó mientras la editaba' });
    await started.waitFor({ timeout: 5000 });
    expect(await started.textContent()).toContain('ya no se pueden cambiar');
    expect(await started.textContent()).toContain('no se guardará');
    // The picker goes (a live meeting's start is kept), but the typed title and item stay, to be saved.
    expect(await form.getByLabel(/^Fecha y hora/).count()).toBe(0);
    expect(await title.inputValue()).toBe('Nombre nuevo');
    expect(await form.getByLabel('Punto 2', { exact: true }).inputValue()).toBe('Dos (corregido)');
    expect(await seriousViolations(page)).toEqual([]);

    await form.getByRole('button', { name: 'Guardar cambios' }).click();
    await form.waitFor({ state: 'detached', timeout: 5000 });
    await page.getByRole('heading', { level: 1, name: 'Nombre nuevo', exact: true }).waitFor({ timeout: 5000 });
    const saved = (await fac.api.get(`/api/meetings/${m.id}`)).body.meeting;
    expect(saved).toMatchObject({ status: 'live', title: 'Nombre nuevo', agenda: [{ title: 'Uno' }, { title: 'Dos (corregido)' }] });
    expect(Date.parse(saved.startsAt)).toBe(Date.parse('2027-06-01T15:00:00Z'));
    expect(errors).toEqual([]);
    await close();
  });
});
