/** Live meeting mode: the facilitator's console drives the participants' follow-along view and records decisions. */
import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/api.js';
import { newSignedInPage, useBrowserHarness } from '../helpers/browserSession.js';

describe('meeting console', () => {
  const h = useBrowserHarness();

  // One instance, one set-up: both tests share the world made by the first that needs it.
  let sharedWorld: World | undefined;
  const worldOf = async () => (sharedWorld ??= await createWorld(h.server.url));

  it('moves everyone to the next item with its timer and lists a decision recorded from it', async () => {
    const world = await worldOf();
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de trata de personas');
    await world.addMember(ws, fac.api, ana.id, 'member', true);
    const created = await fac.api.post(`/api/workspaces/${ws}/meetings`, {
      title: 'Sesión ordinaria de marzo',
      startsAt: '2027-03-01T16:00:00Z',
      agenda: [{ title: 'Bienvenida', minutes: 5 }, { title: 'Protocolo de atención a víctimas', minutes: 30 }],
    });
    expect(created.status).toBe(201);
    const url = `${h.base}/w/${ws}/meetings/${created.body.meeting.id}`;

    const facilitator = await newSignedInPage(h.browser, h.base, fac);
    const participant = await newSignedInPage(h.browser, h.base, ana);
    await participant.page.goto(url);
    await participant.page.getByTestId('meeting-agenda').waitFor();
    // Before it starts, the empty decision list says when decisions get there.
    await participant.page.getByText('Aún no hay decisiones. Se registran durante la reunión, desde el punto en curso del orden del día.').waitFor();
    let navigations = 0;
    participant.page.on('framenavigated', (f) => f === participant.page.mainFrame() && navigations++);

    const consolePage = facilitator.page;
    await consolePage.goto(url);
    // Nobody marked present yet: the attendance list says so in agreement with "instituciones".
    await consolePage.getByRole('button', { name: 'Asistencia: Ninguna' }).waitFor();
    await consolePage.getByRole('button', { name: 'Iniciar reunión' }).click();
    // Scheduled for another day than today: starting it now asks first.
    await consolePage.getByRole('button', { name: 'Sí, iniciarla ahora' }).click();
    await consolePage.getByRole('button', { name: /Siguiente/ }).click();
    const current = consolePage.getByTestId('meeting-agenda').locator('[aria-current="step"]');
    await current.getByText('Protocolo de atención a víctimas').waitFor({ timeout: 5000 });
    await current.getByTestId('meeting-timer').waitFor();

    const followed = participant.page.getByTestId('meeting-agenda').locator('[aria-current="step"]');
    await followed.getByText('Protocolo de atención a víctimas').waitFor({ timeout: 5000 });
    const timer = followed.getByTestId('meeting-timer');
    await timer.waitFor({ timeout: 5000 });
    await expect(timer.textContent()).resolves.toMatch(/^0:\d\d de 30:00/);
    await expect(timer.getAttribute('data-over')).resolves.toBe('false');

    await consolePage.getByText('Aún no se registran decisiones en esta reunión. Registre la del punto en curso con el formulario de abajo.').waitFor();
    const form = consolePage.getByRole('form', { name: 'Registrar una decisión de este punto' });
    const title = form.getByRole('textbox');
    await expect(title.inputValue()).resolves.toBe('Protocolo de atención a víctimas');
    await title.fill('Adoptar el protocolo de atención a víctimas');
    await form.getByRole('button', { name: 'Registrar decisión' }).click();

    const listed = participant.page.getByTestId('meeting-decisions');
    await listed.getByText('Adoptar el protocolo de atención a víctimas').waitFor({ timeout: 5000 });
    await expect(listed.getByText('D-1').isVisible()).resolves.toBe(true);
    const decisions = (await ana.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions;
    expect(decisions).toMatchObject([{ title: 'Adoptar el protocolo de atención a víctimas', meetingId: created.body.meeting.id }]);
    // The room watches the stances come in: UNODC and SSPC take part, and SSPC's focal point casts its stance.
    const progress = consolePage.getByTestId('meeting-decisions').getByTestId('decision-stance-progress');
    await expect.poll(() => progress.innerText()).toBe('Posturas: 0 de 2');
    expect((await ana.api.put(`/api/decisions/${decisions[0].id}/stances/${world.orgs.SSPC.id}`, { stance: 'agree' })).status).toBe(200);
    await expect.poll(() => progress.innerText(), { timeout: 5000 }).toBe('Posturas: 1 de 2');
    // Its follow-up action is agreed and recorded from the console, without leaving the meeting.
    const followUps = consolePage.getByTestId('meeting-decision-actions');
    await followUps.locator('summary').click();
    expect(await followUps.locator('summary').innerText()).toBe('Acciones de seguimiento (0)');
    await followUps.getByLabel(/^Acción/).fill('Circular el protocolo a las fiscalías');
    await followUps.getByLabel(/^Institución responsable/).selectOption({ label: await followUps.getByLabel(/^Institución responsable/).locator('option', { hasText: /^SSPC · / }).innerText() });
    await followUps.getByLabel(/^Fecha límite/).fill('2027-03-15');
    await followUps.getByRole('button', { name: 'Agregar', exact: true }).click();
    await followUps.getByTestId('action-item').filter({ hasText: 'Circular el protocolo a las fiscalías' }).waitFor({ timeout: 5000 });
    expect(await followUps.locator('summary').innerText()).toBe('Acciones de seguimiento (1)');
    await expect.poll(() => consolePage.getByTestId('meeting-decisions').getByTestId('decision-action-progress').innerText(), { timeout: 5000 }).toBe('1 acción abierta');
    expect((await ana.api.get(`/api/decisions/${decisions[0].id}`)).body.actions.map((a: { title: string }) => a.title)).toEqual(['Circular el protocolo a las fiscalías']);

    // The minutes download arrives under the server's file name…
    const [download] = await Promise.all([consolePage.waitForEvent('download'), consolePage.getByRole('link', { name: 'Markdown (.md)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/marzo.*\.md$/);

    expect(navigations).toBe(0);
    // The group's overview heads the live meeting's card as in progress, not as the next one.
    const overview = await participant.context.newPage();
    await overview.goto(`${h.base}/w/${ws}`);
    await overview.getByTestId('upcoming-meeting').getByRole('heading', { name: 'Reunión en curso' }).waitFor();
    await overview.close();
    expect(facilitator.errors).toEqual([]);
    expect(participant.errors).toEqual([]);

    // While a file is being built the link says so (the response is held here until that has been seen).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await consolePage.route('**/minutes?format=docx*', async (r) => {
      await held;
      await r.continue();
    });
    const docx = consolePage.waitForEvent('download');
    await consolePage.getByRole('link', { name: 'Word (.docx)' }).click();
    await consolePage.getByText('Preparando Word (.docx)…').waitFor();
    release();
    expect((await docx).suggestedFilename()).toMatch(/\.docx$/);
    await consolePage.getByRole('link', { name: 'Word (.docx)' }).waitFor();

    // …and when the server fails, the page says so and what to do, instead of saving an error as a file.
    await consolePage.route('**/minutes?format=pdf*', (r) => r.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'boom' } }) }));
    await consolePage.getByRole('link', { name: 'PDF' }).click();
    await consolePage.getByText('El servidor tuvo un problema.').waitFor();
    expect(await consolePage.getByText('Vuelva a intentarlo en un momento. Si persiste, avise a la administración.').count()).toBe(1);
    await facilitator.close();
    await participant.close();
  });
  it('records a decision with its details in a meeting that has no agenda items', async () => {
    const world = await worldOf();
    const fac = await world.user('Fatima Facilitadora', 'UNODC');
    const ws = await world.workspace(fac.api, 'Mesa de armas');
    const created = await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión urgente', startsAt: '2027-03-01T16:00:00Z', agenda: [] });
    const meetingId = created.body.meeting.id;
    expect((await fac.api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    // The API says why an item cannot be chosen, in words.
    const noItem = await fac.api.put(`/api/meetings/${meetingId}/current-item`, { index: 0 });
    expect(noItem.body.error.details).toEqual([{ path: 'index', message: 'This meeting has no agenda items', issue: 'no_agenda_items' }]);

    const p = await newSignedInPage(h.browser, h.base, fac);
    await p.page.goto(`${h.base}/w/${ws}/meetings/${meetingId}`);
    // The agenda says it has no items rather than showing a bare heading, and there is nothing to step through.
    await p.page.getByText('Esta reunión no tiene puntos en el orden del día.').waitFor();
    expect(await p.page.getByRole('button', { name: /Anterior|Siguiente/ }).count()).toBe(0);
    await p.page.getByText('Aún no se registran decisiones en esta reunión. Regístrelas con el formulario de abajo.').waitFor();
    // With no item in progress the form is not "from this item".
    const form = p.page.getByRole('form', { name: 'Registrar una decisión', exact: true });
    await expect(form.getByRole('heading').textContent()).resolves.toBe('Registrar una decisión');
    await form.getByLabel(/^Título/).fill('Alerta conjunta de rastreo');
    await form.getByText(/^Más detalles/).click();
    await form.getByLabel('Fecha límite').fill('2027-04-15');
    await form.getByLabel(/posturas/i).check();
    await form.getByRole('button', { name: 'Registrar decisión' }).click();
    await p.page.getByTestId('meeting-decisions').getByText('Alerta conjunta de rastreo').waitFor();
    const [decision] = (await fac.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions;
    expect(decision).toMatchObject({ title: 'Alerta conjunta de rastreo', meetingId, dueDate: '2027-04-15', stanceVisibility: 'hidden_until_closed' });
    expect(p.errors).toEqual([]);
    await p.close();
  });

  it('keeps a decision being typed when the meeting closes, to record outside the meeting or discard', async () => {
    const world = await worldOf();
    const fac = await world.user('Fernanda Facilitadora', 'UNODC');
    const ws = await world.workspace(fac.api, 'Mesa de migración');
    const live = async (title: string) => {
      const created = await fac.api.post(`/api/workspaces/${ws}/meetings`, { title, startsAt: '2027-03-01T16:00:00Z', agenda: [{ title: 'Bienvenida' }, { title: 'Red de albergues' }] });
      const id: string = created.body.meeting.id;
      expect((await fac.api.post(`/api/meetings/${id}/start`)).status).toBe(200);
      return id;
    };
    const listed = async () => (await fac.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions as { title: string; meetingId?: string | null }[];

    // Closed (by someone else, here the API) while a title is being typed: the words stay, with why and what now.
    const first = await live('Sesión de abril');
    const p = await newSignedInPage(h.browser, h.base, fac);
    await p.page.goto(`${h.base}/w/${ws}/meetings/${first}`);
    const form = p.page.getByRole('form', { name: 'Registrar una decisión de este punto' });
    const title = form.getByLabel(/^Título/);
    await expect(title.inputValue()).resolves.toBe('Bienvenida');
    await title.fill('Mapear los albergues de la frontera sur');
    expect((await fac.api.post(`/api/meetings/${first}/close`)).status).toBe(200);
    await p.page.locator('.page-head').getByText('Cerrada').waitFor({ timeout: 5000 });
    await form.getByRole('alert').getByText('La reunión ya está cerrada.').waitFor();
    await expect(title.inputValue()).resolves.toBe('Mapear los albergues de la frontera sur');
    expect(await form.getByRole('button', { name: 'Registrar decisión' }).count()).toBe(0);
    await form.getByRole('button', { name: 'Registrar fuera de la reunión' }).click();
    await p.page.getByRole('status').getByText('Decisión registrada fuera de la reunión:').waitFor();
    await form.waitFor({ state: 'detached' });
    const [outside] = await listed();
    expect(outside.title).toBe('Mapear los albergues de la frontera sur');
    expect(outside.meetingId ?? null).toBeNull();
    await p.page.getByRole('link', { name: /Mapear los albergues de la frontera sur/ }).waitFor();
    await p.page.getByText('Aún no se registran decisiones en esta reunión.', { exact: true }).waitFor();
    expect(p.errors).toEqual([]);

    // Closed as the decision goes out: the server refuses it (409 meeting_closed), and the form says so instead of vanishing.
    const second = await live('Sesión de mayo');
    await p.page.goto(`${h.base}/w/${ws}/meetings/${second}`);
    await expect(title.inputValue()).resolves.toBe('Bienvenida');
    await p.page.route('**/api/workspaces/*/decisions', async (r) => {
      if (r.request().method() === 'POST') expect((await fac.api.post(`/api/meetings/${second}/close`)).status).toBe(200);
      await r.continue();
    });
    await form.getByRole('button', { name: 'Registrar decisión' }).click();
    await form.getByRole('alert').getByText('La reunión ya está cerrada.').waitFor();
    await p.page.locator('.page-head').getByText('Cerrada').waitFor({ timeout: 5000 });
    await expect(title.inputValue()).resolves.toBe('Bienvenida');
    expect(await listed()).toHaveLength(1);
    // Discarding lets the form go, as an untouched one does at the close.
    await form.getByRole('button', { name: 'Descartar' }).click();
    await form.waitFor({ state: 'detached' });
    await p.page.getByText('Aún no se registran decisiones en esta reunión.', { exact: true }).waitFor();
    expect(await listed()).toHaveLength(1);
    // The refused request is the only error the browser logged.
    expect(p.errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    await p.close();
  });
});
