/** Live meeting mode: the facilitator's console drives the participants' follow-along view and records decisions. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, PASSWORD } from '../helpers/api.js';
import { collectConsoleErrors, launchChromium } from '../helpers/browser.js';
import { builtClient } from '../helpers/clientBuild.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('meeting console', () => {
  let client: Awaited<ReturnType<typeof builtClient>>;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    client = await builtClient();
    server = await startTestServer({ clientDir: client.dir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    client?.cleanup();
  });

  /** Signs in through the login page in a fresh context. */
  async function signIn(email: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const base = server.config.publicOrigin;
    const context = await browser.newContext({ locale: 'es-MX' });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${base}/login`);
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL(`${base}/`);
    return { context, page, errors };
  }

  it('moves everyone to the next item with its timer and lists a decision recorded from it', async () => {
    const base = server.config.publicOrigin;
    const world = await createWorld(server.url);
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
    const url = `${base}/w/${ws}/meetings/${created.body.meeting.id}`;

    const facilitator = await signIn(fac.email);
    const participant = await signIn(ana.email);
    await participant.page.goto(url);
    await participant.page.getByTestId('meeting-agenda').waitFor();
    let navigations = 0;
    participant.page.on('framenavigated', (f) => f === participant.page.mainFrame() && navigations++);

    const consolePage = facilitator.page;
    await consolePage.goto(url);
    await consolePage.getByRole('button', { name: 'Iniciar reunión' }).click();
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

    expect(navigations).toBe(0);
    expect(facilitator.errors).toEqual([]);
    expect(participant.errors).toEqual([]);
    await facilitator.context.close();
    await participant.context.close();
  });
});
