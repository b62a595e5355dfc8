/**
 * A mistyped page address shows the app's own "not found" page with a 404 status; API paths keep their JSON errors.
 * A signed-out deep link leads through sign-in back to the page, without a failed request logged on the way.
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/api.js';
import { collectConsoleErrors } from '../helpers/browser.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('unknown addresses', () => {
  const h = useBrowserWorld();

  it('answers a browser with the app page (404) and a program with JSON', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const session = await newSignedInPage(h.browser, h.base, ana);
    const response = await session.page.goto(`${h.base}/no-existe/esta-pagina`);
    expect(response?.status()).toBe(404);
    await session.page.getByRole('heading', { name: 'Página no encontrada' }).waitFor();
    await expect(session.page.getByRole('link', { name: 'Volver a mis mesas' }).isVisible()).resolves.toBe(true);
    expect(session.errors.filter((e) => !e.includes('404'))).toEqual([]);

    // Programs asking for HTML on machine paths still get the contract's JSON error.
    for (const path of ['/api/no-existe', '/metrics/x', '/assets/no-existe.js']) {
      const res = await fetch(`${h.server.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('application/json');
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe('not_found');
    }
    // HEAD answers as GET does, without a body: page addresses 200 with the app page, a mistyped one 404.
    for (const path of ['/login', '/setup', '/matrix', '/w/ws_x', '/w/ws_x/d/doc_y', '/w/ws_x/decisions', '/w/ws_x/meetings/m_1']) {
      const res = await fetch(`${h.server.url}${path}`, { method: 'HEAD' });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain('text/html');
    }
    const missing = await fetch(`${h.server.url}/no-existe`, { method: 'HEAD', headers: { accept: 'text/html' } });
    expect(missing.status).toBe(404);
    await session.close();
  });

  it('sends a signed-out visitor of a deep link to sign-in and back, with nothing logged as an error', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api, 'Mesa de trata');
    const docId = await h.world.document(ana.api, workspaceId);
    const context = await h.browser.newContext({ locale: 'es-MX' });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`${h.base}/w/${workspaceId}/d/${docId}`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/w/${workspaceId}/d/${docId}`);
    await page.getByLabel('Correo electrónico').fill(ana.email);
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL(`${h.base}/w/${workspaceId}/d/${docId}`);
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends someone already signed in who opens the sign-in page on to where they were going, not to the form', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api, 'Mesa de armas');
    const session = await newSignedInPage(h.browser, h.base, ana);
    await session.page.goto(`${h.base}/login`);
    await session.page.waitForURL(`${h.base}/`);
    await session.page.getByRole('link', { name: 'Mesa de armas' }).first().waitFor();
    await session.page.goto(`${h.base}/login?next=${encodeURIComponent(`/w/${workspaceId}/decisions`)}`);
    await session.page.waitForURL(`${h.base}/w/${workspaceId}/decisions`);
    expect(await session.page.getByLabel('Contraseña', { exact: true }).count()).toBe(0);
    expect(session.errors).toEqual([]);
    await session.close();
  });

  it('shows a person outside a group only "not found" on its decisions, meeting and log pages: no heading, filters or forms', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const outsider = await h.world.user('Omar Fuera', 'FGR');
    const workspaceId = await h.world.workspace(ana.api, 'Mesa reservada');
    const meeting = await ana.api.post(`/api/workspaces/${workspaceId}/meetings`, { title: 'Sesión reservada', startsAt: '2027-04-01T16:00:00Z', agenda: [{ title: 'Apertura' }] });
    expect(meeting.status).toBe(201);
    const session = await newSignedInPage(h.browser, h.base, outsider);
    for (const path of [`/w/${workspaceId}/decisions`, `/w/${workspaceId}/meetings/${meeting.body.meeting.id}`, `/w/${workspaceId}/audit`]) {
      await session.page.goto(`${h.base}${path}`);
      const main = session.page.locator('main');
      await main.getByText('No encontramos lo que busca.').waitFor();
      expect(await main.getByRole('heading').count(), path).toBe(0);
      expect(await main.locator('form, select, input, textarea').count(), path).toBe(0);
      const text = await main.innerText();
      for (const leak of ['Mesa reservada', 'Sesión reservada', 'Decisiones', 'Bitácora', 'Solo vencidas', 'Institución responsable']) expect(text, path).not.toContain(leak);
      await expect(main.getByRole('link', { name: 'Volver a mis mesas' }).isVisible(), path).resolves.toBe(true);
    }
    // The plan page too; and the breadcrumb leads only back to their groups, not to the group they cannot open.
    const plan = await h.world.document(ana.api, workspaceId);
    await session.page.goto(`${h.base}/w/${workspaceId}/d/${plan}`);
    await session.page.locator('main').getByText('No encontramos lo que busca.').waitFor();
    const crumbs = session.page.getByRole('navigation', { name: 'Ruta de navegación' });
    expect(await crumbs.getByRole('link').allInnerTexts()).toEqual(['Mis mesas']);
    expect(session.errors.filter((e) => !e.includes('404'))).toEqual([]);
    await session.close();
  });

  it('names a plan that is not there, keeps the group’s tabs and leads back to the group', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const workspaceId = await h.world.workspace(ana.api, 'Mesa de armas');
    const session = await newSignedInPage(h.browser, h.base, ana);
    await session.page.goto(`${h.base}/w/${workspaceId}/d/doc_no_existe`);
    await session.page.getByRole('heading', { level: 1, name: 'Plan no disponible' }).waitFor();
    const sections = session.page.getByRole('navigation', { name: 'Secciones de la mesa' });
    // A facilitator keeps every tab of the group, the log included.
    await expect(sections.getByRole('link', { name: 'Bitácora' }).isVisible()).resolves.toBe(true);
    await session.page.getByRole('navigation', { name: 'Ruta de navegación' }).getByRole('link', { name: 'Mesa de armas' }).click();
    await session.page.waitForURL(`${h.base}/w/${workspaceId}`);
    await session.close();
  });

  it('moves a plan, decision or meeting opened under another group’s address to its own group’s, keeping the rest', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const jalisco = await h.world.workspace(ana.api, 'Mesa Jalisco');
    const secreta = await h.world.workspace(ana.api, 'Mesa secreta');
    const docId = await h.world.document(ana.api, secreta);
    const decision = (await ana.api.post(`/api/workspaces/${secreta}/decisions`, { title: 'Decisión de la mesa secreta' })).body.decision;
    const meeting = (await ana.api.post(`/api/workspaces/${secreta}/meetings`, { title: 'Reunión de la mesa secreta', startsAt: '2027-04-01T16:00:00Z', agenda: [{ title: 'Apertura' }] })).body.meeting;
    const session = await newSignedInPage(h.browser, h.base, ana);
    const crumbs = session.page.getByRole('navigation', { name: 'Ruta de navegación' });
    // Shown under Jalisco's name and tabs, the page offered Jalisco's people to mention and Jalisco's role decided the rest.
    for (const [wrong, right, title] of [
      [`/w/${jalisco}/d/${docId}?x=1#actividad`, `/w/${secreta}/d/${docId}?x=1#actividad`, 'Plan de trabajo 2027'],
      [`/w/${jalisco}/decisions/${decision.id}`, `/w/${secreta}/decisions/${decision.id}`, 'Decisión de la mesa secreta'],
      [`/w/${jalisco}/meetings/${meeting.id}`, `/w/${secreta}/meetings/${meeting.id}`, 'Reunión de la mesa secreta'],
    ]) {
      await session.page.goto(`${h.base}${wrong}`);
      await session.page.waitForURL(`${h.base}${right}`);
      await session.page.getByText(title).first().waitFor();
      await crumbs.getByRole('link', { name: 'Mesa secreta' }).waitFor();
      expect(await crumbs.innerText(), wrong).not.toContain('Mesa Jalisco');
    }
    expect(session.errors).toEqual([]);
    await session.close();
  });
});
