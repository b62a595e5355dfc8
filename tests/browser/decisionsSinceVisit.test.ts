/**
 * The plan page's "since your last visit" notice names the plan's decisions others proposed or acted on since the
 * reader's visit, in Spanish, each ref a link to the decision's page; a decision of no plan is not listed.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

const LIVE_MS = 15_000;

describe('decisions in the since-your-last-visit notice', () => {
  const h = useBrowserWorld();

  it('lists the plan’s new and updated decisions, each ref leading to the decision', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const propose = async (title: string, documentId?: string) => (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title, ...(documentId ? { documentId } : {}) })).body.decision as { id: string; ref: string };

    // D-1 is older than Beto's visit; afterwards Ana records SSPC's stance on it and proposes D-2 on the plan, D-3 on none.
    const older = await propose('Calendario de sesiones', docId);
    expect((await beto.api.post(`/api/documents/${docId}/visit`)).status).toBe(200);
    expect((await ana.api.put(`/api/decisions/${older.id}/stances/${h.world.orgs.SSPC.id}`, { stance: 'agree' })).status).toBe(200);
    const fresh = await propose('Protocolo común de cadena de custodia', docId);
    await propose('Acuerdo sin plan');

    const session = await newSignedInPage(h.browser, h.base, { email: beto.email }, { viewport: { width: 1280, height: 900 } });
    try {
      await session.page.goto(`${h.base}/w/${ws}/d/${docId}`);
      const line = session.page.locator('[data-testid="since-last-visit"] [data-testid="since-visit-decisions"]');
      await line.waitFor({ timeout: LIVE_MS });
      expect((await line.innerText()).trim()).toBe('2 decisiones nuevas o actualizadas: D-1, D-2');
      const links = line.getByRole('link');
      expect(await links.evaluateAll((els) => els.map((el) => [el.textContent, el.getAttribute('href'), el.getAttribute('title')]))).toEqual([
        ['D-1', `/w/${ws}/decisions/${older.id}`, 'Calendario de sesiones'],
        ['D-2', `/w/${ws}/decisions/${fresh.id}`, 'Protocolo común de cadena de custodia'],
      ]);

      // The link opens the decision's page inside the app.
      await links.filter({ hasText: 'D-2' }).click();
      await session.page.waitForURL(`${h.base}/w/${ws}/decisions/${fresh.id}`);
      await session.page.getByRole('heading', { name: /Protocolo común de cadena de custodia/ }).waitFor({ timeout: LIVE_MS });
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
