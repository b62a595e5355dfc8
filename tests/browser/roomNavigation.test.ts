/**
 * Moving between a working group's pages keeps its live room: the page arriving fetches its list once (a leave and a
 * new join made it fetch again on the join's answer) and still hears the group's events; a person who goes elsewhere
 * still leaves the group's "who is here" a moment later.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const LIVE_MS = 15_000;

/** Counts the page's GETs whose path is exactly `path` (any query). */
function countGets(page: Page, path: string): { readonly n: number; reset(): void } {
  let n = 0;
  page.on('request', (req) => {
    if (req.method() === 'GET' && new URL(req.url()).pathname === path) n++;
  });
  return {
    get n() {
      return n;
    },
    reset() {
      n = 0;
    },
  };
}

describe("a working group's pages share its live room", () => {
  const h = useBrowserWorld();

  it('fetches each tab once on arrival, keeps its live events, and leaves presence after going elsewhere', { timeout: 120_000 }, async () => {
    const { world } = h;
    const ana = await world.user('Ana Torres', 'SSPC');
    const bruno = await world.user('Bruno Díaz', 'FGR');
    const ws = await world.workspace(ana.api, 'Mesa de armas');
    await world.addMember(ws, ana.api, bruno.id, 'member', true);
    const first = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo de rastreo' })).body.decision.id;

    const a = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    const decisionsGets = countGets(a.page, `/api/workspaces/${ws}/decisions`);
    const actionsGets = countGets(a.page, `/api/workspaces/${ws}/actions`);
    await a.page.goto(`${h.base}/w/${ws}/decisions`);
    const list = a.page.getByTestId('decision-list');
    await list.getByText('Protocolo de rastreo').waitFor();
    // In the room: a decision made elsewhere shows up.
    expect((await bruno.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Registro de armas aseguradas' })).status).toBe(201);
    await list.getByText('Registro de armas aseguradas').waitFor({ timeout: LIVE_MS });

    // To the actions tab: one fetch of its list, however long one waits for a second.
    actionsGets.reset();
    await a.page.getByRole('link', { name: 'Acciones', exact: true }).click();
    await a.page.waitForURL(`${h.base}/w/${ws}/actions`);
    await expect.poll(() => actionsGets.n, { timeout: LIVE_MS }).toBe(1);
    // A join's answer came in milliseconds and refetched: well past it, still one.
    await a.page.waitForTimeout(1500);
    expect(actionsGets.n).toBe(1);
    // Its live events still arrive: a new follow-up action is listed without a reload.
    expect((await bruno.api.post(`/api/decisions/${first}/actions`, { title: 'Enviar oficio a aduanas', ownerOrganizationId: world.orgs.FGR.id, dueDate: '2099-06-30' })).status).toBe(201);
    await a.page.getByText('Enviar oficio a aduanas').first().waitFor({ timeout: LIVE_MS });

    // Back to the decisions tab: one fetch again, and live.
    decisionsGets.reset();
    await a.page.getByRole('link', { name: 'Decisiones', exact: true }).click();
    await a.page.waitForURL(`${h.base}/w/${ws}/decisions`);
    await list.getByText('Registro de armas aseguradas').waitFor();
    await a.page.waitForTimeout(1500);
    expect(decisionsGets.n).toBe(1);
    expect((await bruno.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Mapa de rutas de tráfico' })).status).toBe(201);
    await list.getByText('Mapa de rutas de tráfico').waitFor({ timeout: LIVE_MS });

    // Bruno, on the group's summary, sees Ana in the group, then not once she has gone to a page of no group.
    const b = await newSignedInPage(h.browser, h.base, bruno, { viewport: { width: 1280, height: 900 } });
    await b.page.goto(`${h.base}/w/${ws}`);
    const here = b.page.getByTestId('who-is-here');
    await expect.poll(() => here.innerText(), { timeout: LIVE_MS }).toContain('Ana Torres');
    // Inside the app, as a link would: the socket stays, and the room is left once the grace is over.
    await a.page.evaluate(() => {
      history.pushState({}, '', '/search?q=armas');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await a.page.getByRole('heading', { name: /Buscar/ }).first().waitFor();
    await expect.poll(() => here.innerText(), { timeout: LIVE_MS }).not.toContain('Ana Torres');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.close();
    await b.close();
  });
});
