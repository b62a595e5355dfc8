/**
 * A working group's audit trail in Chromium, in English: plan edits over the Yjs socket show once per editing
 * session, by plan title; a version saved before a restore is named in the interface's language; a comment's entry
 * names no raw id (hovering shows it, the CSV keeps it). An empty log says it is empty (and that plan visits are
 * hidden by default), not that "no entry matches the filters" when the person set none.
 */
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema.js';
import { getBody } from '../../shared/planModel.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

describe('audit page', () => {
  const h = useBrowserWorld();

  it('reads plan edits, restores and comments in words, in the interface’s language', { timeout: 120_000 }, async () => {
    const fac = await h.world.user('Flora Facilitadora', 'UNODC');
    const beto = await h.world.user('Beto Integrante', 'FGR');
    const ws = await h.world.workspace(fac.api, 'Mesa de armas');
    await h.world.addMember(ws, fac.api, beto.id, 'member');
    const doc = await h.world.document(fac.api, ws);
    const version = (await fac.api.post(`/api/documents/${doc}/versions`, { name: 'Acordada en marzo' })).body.version;

    // Beto types into the plan: one editing session.
    const client = connectYjs(h.base.replace(/^http/, 'ws'), doc, beto.api.token);
    await waitSynced(client);
    for (let i = 0; i < 5; i++) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`Línea ${i}`)]);
      getBody(client.doc).push([p]);
    }
    const edited = async () => ((await fac.api.get(`/api/workspaces/${ws}/audit?action=document.edited`)).body.events as unknown[]).length;
    await waitFor(async () => (await edited()) === 1, 10_000, 'the edit’s audit entry');
    client.destroy();
    const comment = (await beto.api.post(`/api/documents/${doc}/comments`, { body: 'Revisar la línea 3' })).body.comment;
    expect((await fac.api.post(`/api/versions/${version.id}/restore`)).status).toBe(200);

    await fac.api.patch('/api/me', { locale: 'en' });
    const session = await newSignedInPage(h.browser, h.base, fac, { viewport: { width: 1400, height: 900 } });
    const { page } = session;
    await page.goto(`${h.base}/w/${ws}/audit`);
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    const row = (code: string) => table.locator('tbody tr', { has: page.locator('code.audit-code', { hasText: new RegExp(`^${code.replace('.', '\\.')}$`) }) });

    const edit = row('document.edited');
    expect(await edit.count()).toBe(1);
    expect(await edit.locator('td').nth(1).innerText()).toBe('Beto Integrante');
    expect(await edit.locator('td').nth(3).innerText()).toContain('Plan edited');
    expect(await edit.locator('.audit-target').innerText()).toBe('plan Plan de trabajo 2027');

    // The backup saved before the restore, named in English, in its target and its changes.
    const backup = row('version.created').filter({ hasText: 'before' });
    await expect.poll(() => backup.locator('.audit-changes').innerText()).toContain('Before restoring ‘Acordada en marzo’');
    expect(await backup.locator('.audit-target').innerText()).toBe('version Before restoring ‘Acordada en marzo’');
    expect(await table.innerText()).not.toContain('Antes de restaurar');

    // A comment's entry: its kind and plan, never its id on screen.
    const commented = row('comment.created');
    expect(await commented.locator('.audit-target').innerText()).toBe('comment');
    expect(await commented.locator('.audit-target span[title]').getAttribute('title')).toBe(comment.id);
    expect(await commented.locator('.audit-changes').innerText()).toContain('Plan de trabajo 2027');
    expect(await table.innerText()).not.toContain(comment.id);
    expect(session.errors).toEqual([]);
    await session.close();
  });

  it('an empty log says so and how to show plan visits; only filters the person set are blamed', { timeout: 120_000 }, async () => {
    const fac = await h.world.user('Fina Facilitadora', 'UNODC');
    const ws = await h.world.workspace(fac.api, 'Mesa sin bitácora');
    const doc = await h.world.document(fac.api, ws);
    // Creating a group records entries; removed here so the log starts empty, as the case to show requires.
    await h.server.services.database.db.delete(auditEvents).where(eq(auditEvents.workspaceId, ws));
    const session = await newSignedInPage(h.browser, h.base, fac, { viewport: { width: 1400, height: 900 } });
    const { page } = session;
    await page.goto(`${h.base}/w/${ws}/audit`);
    const empty = page.locator('section.card > p.empty');
    const filter = () => page.getByRole('button', { name: 'Filtrar' }).click();
    const hidden = 'Aún no hay registros en la bitácora de esta mesa. Las visitas a los planes no se muestran: para verlas, marque «Incluir las visitas a los planes» y pulse «Filtrar».';
    await expect.poll(() => empty.innerText(), { timeout: 10_000 }).toBe(hidden);

    // Visits included, still nothing: just empty (nothing is hidden, no filter to clear).
    await page.getByLabel('Incluir las visitas a los planes').check();
    await filter();
    await expect.poll(() => empty.innerText(), { timeout: 10_000 }).toBe('Aún no hay registros en la bitácora de esta mesa.');

    // Only a visit on record: the default view hides it and says how to show it.
    expect((await fac.api.post(`/api/documents/${doc}/visit`)).status).toBe(200);
    await page.getByRole('button', { name: 'Quitar filtros' }).click();
    await expect.poll(() => empty.innerText(), { timeout: 10_000 }).toBe(hidden);
    await page.getByLabel('Incluir las visitas a los planes').check();
    await filter();
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.locator('tbody tr').allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining('document.visited')]);

    // A filter the person set that matches nothing: that one is to be changed or cleared.
    await page.getByLabel('Acción').fill('overlap');
    await filter();
    await expect
      .poll(() => empty.innerText(), { timeout: 10_000 })
      .toBe('Ningún registro coincide con los filtros. Cambie la acción, la persona o las fechas, o quite los filtros.');
    expect(session.errors).toEqual([]);
    await session.close();
  });
});
