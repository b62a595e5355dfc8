/**
 * Live revocation reaches the screen: a member has the plan open, a facilitator removes them, and
 * within a second the page says so and the editor is gone (and the plan's offline copy with it); one demoted to observer sees the open plan turn
 * read-only, and editable again when promoted, without a reload; one demoted while editing offline is told those edits
 * were not saved (not just "read only"), and gets them stored once promoted. Also the facilitator-side UI of issue 3:
 * an invitation link created on the workspace page and accepted after sign-in, the admin page, and
 * the audit page's filters and CSV link.
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/api.js';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { insertActivity } from '../../shared/planModel.js';
import { connectYjs, waitSynced } from '../helpers/yjsClient.js';

const EDITOR = '[data-testid="plan-editor"] [contenteditable="true"]';
const REVOKED = 'Ya no tiene acceso a esa mesa';

describe('access in the browser', () => {
  const h = useBrowserWorld();

  /** A fresh browser profile signed in through the login page, landing on `next` (default: home). */
  const signIn = (email: string, next?: string) => newSignedInPage(h.browser, h.base, { email }, { viewport: { width: 1280, height: 900 }, next });
  /** The sign-in page that returns to an invitation link (signed out, the link's own page offers it rather than the form). */
  const loginFor = (link: string) => `/login?next=${encodeURIComponent(new URL(link).pathname)}`;

  /** Ana facilitates a new group with one plan; Beto, a member, has that plan open in the browser and saved. */
  async function memberWithOpenPlan(names: [string, string], groupName: string) {
    const ana = await h.world.user(names[0], 'SSPC');
    const beto = await h.world.user(names[1], 'FGR');
    const workspaceId = await h.world.workspace(ana.api, groupName);
    const documentId = await h.world.document(ana.api, workspaceId);
    await h.world.addMember(workspaceId, ana.api, beto.id, 'member');
    const b = await signIn(beto.email);
    await b.page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
    await b.page.locator(EDITOR).waitFor();
    await expect.poll(() => b.page.getAttribute('[data-testid="save-state"]', 'data-state'), { timeout: 10_000 }).toBe('saved');
    return { ana, beto, workspaceId, documentId, b };
  }

  it('a removed member’s open plan shows the message and the editor is gone within a second', async () => {
    const { ana, beto, workspaceId, documentId, b } = await memberWithOpenPlan(['Ana Torres', 'Beto Ruiz'], 'Mesa de trata en Chihuahua');

    expect((await ana.api.delete(`/api/workspaces/${workspaceId}/members/${beto.id}`)).status).toBe(204);
    // The contract's bound: the removed member's sockets close, and the page reacts, within 1 s.
    await b.page.getByText(REVOKED).waitFor({ timeout: 1000 });
    await expect.poll(() => b.page.locator(EDITOR).count(), { timeout: 1000 }).toBe(0);
    expect(new URL(b.page.url()).pathname).toBe('/');
    // Nor does this browser keep the plan's offline copy: its text is the group's, and Beto is out of it.
    const offlineCopies = () => b.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('enlace:plan:')));
    await expect.poll(offlineCopies, { timeout: 10_000 }).toEqual([]);
    expect(await b.page.evaluate(() => localStorage.getItem('enlace.cachedPlans'))).toBe('[]');
    // Home no longer lists the group, and a deep link to the plan does not open it again.
    await b.page.goto(`${h.base}/w/${workspaceId}/d/${documentId}`);
    await b.page.locator('.notice').first().waitFor();
    expect(await b.page.locator(EDITOR).count()).toBe(0);
    await expect.poll(offlineCopies, { timeout: 10_000 }).toEqual([]);
    // It offers the way back rather than a retry that cannot help, and no tabs of a group they cannot see.
    expect(await b.page.getByRole('button', { name: 'Reintentar' }).count()).toBe(0);
    expect(await b.page.getByRole('navigation', { name: 'Secciones de la mesa' }).count()).toBe(0);
    await b.page.getByRole('link', { name: 'Volver a mis mesas' }).click();
    await b.page.waitForURL(`${h.base}/`);
    await b.context.close();
  });

  it('signing out in another tab ends the open plan’s session with one “session ended” notice, not “removed from the group”', async () => {
    const { b } = await memberWithOpenPlan(['Ana Ibarra', 'Beto Ibarra'], 'Mesa de armas en Sonora');
    // Another tab of the same browser signs out: the same session, so every socket of it ends.
    const out = await b.context.request.post(`${h.base}/api/auth/logout`, { headers: { origin: h.base } });
    expect(out.status()).toBe(204);
    await b.page.getByText('Su sesión se cerró. Inicie sesión de nuevo para continuar.').waitFor({ timeout: 5000 });
    await b.page.waitForURL(/\/login/, { timeout: 5000 });
    expect(await b.page.getByText('Su sesión se cerró').count()).toBe(1);
    expect(await b.page.getByText(REVOKED).count()).toBe(0);
    await b.context.close();
  });

  it('a member demoted to observer sees the open plan turn read-only, and editable again once promoted, without a reload', async () => {
    const { ana, beto, workspaceId, documentId, b } = await memberWithOpenPlan(['Ana Rol', 'Beto Rol'], 'Mesa de lavado en Juárez');
    expect(await b.page.getByTestId('read-only-notice').count()).toBe(0);
    // Survives only as long as the page is not reloaded.
    await b.page.evaluate(() => ((window as unknown as { sameLoad: boolean }).sameLoad = true));

    expect((await ana.api.put(`/api/workspaces/${workspaceId}/members/${beto.id}`, { role: 'observer' })).status).toBe(200);
    await expect.poll(() => b.page.locator(EDITOR).count(), { timeout: 10_000 }).toBe(0);
    await b.page.getByTestId('read-only-notice').waitFor();
    expect(await b.page.locator('[data-testid="plan-editor"] [contenteditable="false"]').count()).toBe(1);

    // Others' edits arrive here a moment before they are stored: the observer's badge never takes them for stranded.
    await b.page.evaluate(() => {
      const w = window as unknown as { labels: string[] };
      w.labels = [];
      const label = document.querySelector('[data-testid="save-label"]')!;
      new MutationObserver(() => w.labels.push(label.textContent ?? '')).observe(label, { childList: true, characterData: true, subtree: true });
    });
    const anaPlan = connectYjs(h.server.wsUrl, documentId, ana.api.token);
    await waitSynced(anaPlan);
    for (let i = 0; i < 8; i++) {
      insertActivity(anaPlan.doc, { id: `obs-${i}`, title: `Actividad ${i + 1} escrita por Ana` });
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    await expect.poll(() => b.page.getByTestId('activity-row').count(), { timeout: 10_000 }).toBe(8);
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(await b.page.evaluate(() => (window as unknown as { labels: string[] }).labels)).not.toContain('Sin guardar');
    expect(await b.page.getByTestId('save-label').innerText()).toBe('Solo lectura');
    expect(await b.page.getByTestId('stranded-notice').count()).toBe(0);
    anaPlan.destroy();

    expect((await ana.api.put(`/api/workspaces/${workspaceId}/members/${beto.id}`, { role: 'member' })).status).toBe(200);
    await b.page.locator(EDITOR).waitFor({ timeout: 10_000 });
    expect(await b.page.getByTestId('read-only-notice').count()).toBe(0);
    // Typing works again and is stored.
    await b.page.locator(EDITOR).click();
    await b.page.keyboard.press('Control+End');
    await b.page.keyboard.type(' Acuerdo tras el cambio de rol');
    await expect
      .poll(async () => JSON.stringify((await ana.api.get(`/api/documents/${documentId}/export?format=json`)).body), { timeout: 10_000 })
      .toContain('Acuerdo tras el cambio de rol');
    expect(await b.page.evaluate(() => (window as unknown as { sameLoad?: boolean }).sameLoad)).toBe(true);
    expect(b.errors).toEqual([]);
    await b.context.close();
  });

  it('a member demoted while editing offline is told the edits were not saved, asked before signing out, and gets them stored once promoted', async () => {
    const { ana, beto, workspaceId, documentId, b } = await memberWithOpenPlan(['Ana Fuera', 'Beto Fuera'], 'Mesa de migración en Tapachula');
    const BADGE = '[data-testid="save-state"]';
    const typed = ' Nota escrita sin conexión';
    await b.context.setOffline(true);
    await expect.poll(() => b.page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('offline');
    await b.page.locator(EDITOR).click();
    await b.page.keyboard.press('Control+End');
    await b.page.keyboard.type(typed);
    expect((await ana.api.put(`/api/workspaces/${workspaceId}/members/${beto.id}`, { role: 'observer' })).status).toBe(200);

    // Back online as an observer: the server drops the offline edits, and the page says so instead of "read only".
    await b.context.setOffline(false);
    await b.page.getByTestId('read-only-notice').waitFor({ timeout: 15_000 });
    await expect.poll(() => b.page.getByTestId('save-label').innerText(), { timeout: 15_000 }).toBe('Sin guardar');
    expect(await b.page.getAttribute(BADGE, 'data-state')).toBe('saving');
    expect(await b.page.getByTestId('stranded-notice').innerText()).toContain('no se guardaron en el servidor');
    expect(await b.page.locator('[data-testid="plan-editor"]').innerText()).toContain(typed.trim());
    const stored = async () => JSON.stringify((await ana.api.get(`/api/documents/${documentId}/export?format=json`)).body);
    expect(await stored()).not.toContain(typed.trim());
    // Signing out would erase the only copy: it asks first.
    await b.page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
    await b.page.getByTestId('sign-out-unsaved-dialog').waitFor({ timeout: 5000 });
    expect(await b.page.getByTestId('sign-out-unsaved-dialog').innerText()).toContain('Si dice «Sin guardar», el servidor ya no los aceptará');
    await b.page.getByTestId('sign-out-unsaved-dialog').getByRole('button', { name: 'Cancelar' }).click();

    // Promoted again: the edits reach the server and the badge says saved.
    expect((await ana.api.put(`/api/workspaces/${workspaceId}/members/${beto.id}`, { role: 'member' })).status).toBe(200);
    await expect.poll(stored, { timeout: 15_000 }).toContain(typed.trim());
    await expect.poll(() => b.page.getAttribute(BADGE, 'data-state'), { timeout: 15_000 }).toBe('saved');
    expect(await b.page.getByTestId('stranded-notice').count()).toBe(0);
    await expect.poll(() => b.page.getByTestId('save-label').innerText(), { timeout: 5_000 }).toBe('Guardado');
    expect(b.errors).toEqual([]);
    await b.context.close();
  });

  it('a facilitator’s invitation link, copied from the workspace page, lets a person join after signing in', async () => {
    const lucia = await h.world.user('Lucía Hernández', 'SSPC');
    const tomas = await h.world.user('Tomás Díaz', 'FGE-CHIH');
    const workspaceId = await h.world.workspace(lucia.api, 'Mesa de armas de fuego');
    const l = await signIn(lucia.email);
    await l.page.goto(`${h.base}/w/${workspaceId}`);
    const panel = l.page.getByTestId('invitation-panel');
    await panel.getByLabel('Rol').selectOption('observer');
    await panel.getByLabel('Vigencia').selectOption('168');
    await panel.getByRole('button', { name: 'Crear enlace' }).click();
    const link = await panel.getByLabel('Enlace de invitación').inputValue();
    // Checked from the top of the page: wherever the new link scrolled to, whatever lies under the sticky header
    // at that moment reads to axe as an obscured (too small) target.
    await l.page.evaluate(() => window.scrollTo(0, 0));
    expect(await seriousViolations(l.page), 'workspace page with an invitation link').toEqual([]);
    expect(link).toMatch(new RegExp(`^${h.base}/invite/[A-Za-z0-9_-]{20,}$`));
    await l.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.base });
    await panel.getByRole('button', { name: 'Copiar enlace' }).click();
    await panel.getByText('Enlace copiado.').waitFor();
    expect(await l.page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // A signed-out visitor signs in first and comes back to the invitation, which says what it is for and joins
    // only when asked.
    const t = await signIn(tomas.email, loginFor(link));
    const invitation = t.page.getByTestId('invitation');
    await invitation.getByText('Lucía Hernández (SSPC) le invita a la mesa «Mesa de armas de fuego» con el rol de observación.').waitFor();
    await invitation.getByText('Se unirá como Tomás Díaz · FGE-CHIH.', { exact: false }).waitFor();
    expect(await seriousViolations(t.page), 'invitation page').toEqual([]);
    expect((await tomas.api.get(`/api/workspaces/${workspaceId}`)).status).toBe(404);
    await invitation.getByRole('button', { name: 'Unirme a la mesa' }).click();
    await t.page.waitForURL(`${h.base}/w/${workspaceId}`);
    await t.page.getByRole('heading', { level: 1, name: 'Mesa de armas de fuego' }).waitFor();
    const detail = await tomas.api.get(`/api/workspaces/${workspaceId}`);
    expect(detail.body.permissions).toMatchObject({ role: 'observer', canEdit: false });
    // Opened again by Tomás (from the message it came in): he is told he is in, and the group opens.
    await t.page.goto(link);
    await t.page.getByText('Ya se unió a esta mesa con esta invitación.').waitFor();
    await t.page.waitForURL(`${h.base}/w/${workspaceId}`);
    // Single use: to anyone else it says so instead of joining them.
    const rosa = await h.world.user('Rosa Vega', 'FGR');
    const r = await signIn(rosa.email, loginFor(link));
    await r.page.getByText('Esta invitación no es válida, venció, fue revocada o ya se usó.', { exact: false }).waitFor();
    expect(await seriousViolations(r.page), 'used invitation').toEqual([]);
    await r.context.close();

    // The facilitator's list shows the link used; a second one, revoked from the list, admits nobody.
    await l.page.reload();
    const list = l.page.getByTestId('invitation-list');
    // Each link says who made it and when, and a used one who used it.
    const used = list.locator('tr[data-status="used"]');
    await used.getByText('Usado por Tomás Díaz').waitFor();
    expect(await used.locator('td').nth(2).innerText()).toMatch(/ · Lucía Hernández$/);
    await panel.getByRole('button', { name: 'Crear enlace' }).click();
    const second = await panel.getByLabel('Enlace de invitación').inputValue();
    expect(second).not.toBe(link);
    // Someone else signed in opens it: the page names who would join, and «Ahora no» leaves the link unused.
    const rita = await h.world.user('Rita Ochoa', 'FGR');
    const ritaPage = await signIn(rita.email, loginFor(second));
    await ritaPage.page.getByText('Se unirá como Rita Ochoa · FGR.', { exact: false }).waitFor();
    await ritaPage.page.getByRole('link', { name: 'Ahora no' }).click();
    await ritaPage.page.waitForURL(`${h.base}/`);
    expect((await rita.api.get(`/api/workspaces/${workspaceId}`)).status).toBe(404);
    await ritaPage.context.close();
    await l.page.reload();
    await list.locator('tr[data-status="pending"]').getByRole('button', { name: 'Revocar' }).click();
    await list.locator('tr[data-status="revoked"]').getByText('Revocado').waitFor();
    expect(await list.locator('tr[data-status="pending"]').count()).toBe(0);
    expect((await rita.api.post('/api/invitations/accept', { token: new URL(second).pathname.split('/').pop() })).status).toBe(404);
    // From the top of the page, as above: what lies under the sticky header where the list scrolled to reads as obscured.
    await l.page.evaluate(() => window.scrollTo(0, 0));
    expect(await seriousViolations(l.page), 'invitation list').toEqual([]);
    expect([...l.errors]).toEqual([]);
    for (const p of [l, t]) await p.context.close();
  });

  it('instance admins create organizations and people on /admin; others get no link', async () => {
    const a = await signIn('admin@enlace.test');
    await a.page.getByRole('link', { name: 'Administración' }).click();
    await a.page.waitForURL(`${h.base}/admin`);
    const orgForm = a.page.getByTestId('organization-form');
    // Sent empty, both required fields are marked (not only shown an error below).
    await orgForm.getByRole('button', { name: 'Agregar institución' }).click();
    await expect.poll(() => orgForm.locator('[aria-invalid="true"]').count()).toBe(2);
    await orgForm.getByLabel('Nombre de la institución').fill('Fiscalía General del Estado de Sonora');
    await orgForm.getByLabel('Siglas').fill('FGE-SON');
    await orgForm.getByLabel('Nivel').selectOption('state');
    await orgForm.getByLabel('Entidad federativa (INEGI)').selectOption('26');
    await orgForm.getByRole('button', { name: 'Agregar institución' }).click();
    await a.page.getByTestId('admin-organizations').getByText('Fiscalía General del Estado de Sonora').waitFor();
    // The state shows by name, not as its INEGI code.
    expect(await a.page.getByTestId('admin-organizations').locator('tr', { hasText: 'FGE-SON' }).locator('td').allInnerTexts()).toEqual(['FGE-SON', 'Fiscalía General del Estado de Sonora', 'Estatal', 'Sonora', 'Activa Desactivar']);
    // At 1280 px an admin's header (four links, search, language, name, sign out) stays on one row.
    const rowOf = (sel: string) => a.page.locator(sel).evaluate((el) => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2));
    const brandRow = await rowOf('.brand');
    for (const sel of ['.main-nav', '.search-box', '.header-tools']) expect(Math.abs((await rowOf(sel)) - brandRow), `${sel} on the brand's row`).toBeLessThanOrEqual(4);

    const personForm = a.page.getByTestId('person-form');
    await personForm.getByLabel('Nombre completo').fill('Sofía Morales');
    await personForm.getByLabel('Correo electrónico').fill('sofia.morales@enlace.test');
    await personForm.getByLabel('Contraseña inicial').fill(PASSWORD);
    await personForm.getByLabel('Institución').selectOption({ label: 'FGE-SON · Fiscalía General del Estado de Sonora' });
    await personForm.getByRole('button', { name: 'Crear cuenta' }).click();
    await a.page.getByTestId('admin-people').getByText('sofia.morales@enlace.test').waitFor();
    // From the top of the page, as above: the form's confirmation keeps it where it was while the list above grows,
    // and the rows that then lie under the sticky header read as obscured.
    await a.page.evaluate(() => window.scrollTo(0, 0));
    expect(await seriousViolations(a.page), '/admin').toEqual([]);
    expect(a.errors).toEqual([]);

    // The new person signs in with the initial password; they are not an admin, so no link and no page.
    const s = await signIn('sofia.morales@enlace.test');
    expect(await s.page.getByRole('link', { name: 'Administración' }).count()).toBe(0);
    await s.page.goto(`${h.base}/admin`);
    await s.page.getByText('Solo quien administra la instancia puede ver esta página.').waitFor();
    for (const p of [a, s]) await p.context.close();
  });

  it('the audit page filters by action and offers the filtered trail as CSV', async () => {
    const ana = await h.world.user('Ana Auditoría', 'SSPC');
    const beto = await h.world.user('Beto Auditoría', 'FGR');
    const workspaceId = await h.world.workspace(ana.api, 'Mesa auditada');
    await h.world.addMember(workspaceId, ana.api, beto.id, 'member');
    await h.world.document(ana.api, workspaceId);
    const a = await signIn(ana.email);
    await a.page.goto(`${h.base}/w/${workspaceId}/audit`);
    const table = a.page.getByTestId('audit-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(3);
    await a.page.getByLabel('Acción').fill('member');
    await a.page.getByRole('button', { name: 'Filtrar' }).click();
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    expect(await table.locator('tbody tr').innerText()).toContain('member.added');
    // The entry reads as words: what happened, to whom, and what changed.
    const cells = await table.locator('tbody tr td').allInnerTexts();
    expect(cells[3]).toBe('Alta de integrante\nmember.added');
    expect(cells[4]).toBe('persona Beto Auditoría');
    expect(cells[5].split('\n')).toEqual(['Rol: — → Integrante', 'Punto focal: — → No']);
    // A filter that matches nothing says what to do about it.
    await a.page.getByLabel('Acción').fill('overlap');
    await a.page.getByRole('button', { name: 'Filtrar' }).click();
    await a.page.getByText('Ningún registro coincide con los filtros. Cambie la acción, la persona o las fechas, o quite los filtros.').waitFor();
    await a.page.getByLabel('Acción').fill('member');
    await a.page.getByRole('button', { name: 'Filtrar' }).click();
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    expect(await seriousViolations(a.page), 'audit page').toEqual([]);
    const href = await a.page.getByTestId('audit-csv').getAttribute('href');
    // Plan visits are left out of the page and of its CSV unless asked for (see below).
    expect(href).toBe(`/api/workspaces/${workspaceId}/audit.csv?action=member&exceptAction=document.visited&lang=es`);
    const csv = await a.page.evaluate(async (url) => (await fetch(url)).text(), href!);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);

    // A comment's mentions read as names, its anchor as words (no JSON, no codes).
    const docs = (await ana.api.get(`/api/workspaces/${workspaceId}/documents`)).body.documents;
    expect((await ana.api.post(`/api/documents/${docs[0].id}/comments`, { body: `Revisa esto @{${beto.id}}`, anchor: { type: 'activity', activityId: 'act-1' } })).status).toBe(201);
    await a.page.getByLabel('Acción').fill('comment');
    await a.page.getByRole('button', { name: 'Filtrar' }).click();
    // The previous filter also showed one row: wait for the comment's, not just for one row.
    await expect.poll(() => table.locator('tbody tr').allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining('comment.created')]);
    const changes = (await table.locator('tbody tr td').allInnerTexts())[5];
    expect(changes).toContain('Beto Auditoría');
    expect(changes).toContain('Actividad');
    expect(changes).not.toContain('userIds');
    expect(changes).not.toMatch(/: activity\b/);

    // Each opening of a plan records a visit: left out, so they do not bury the changes, unless asked for.
    expect((await beto.api.post(`/api/documents/${docs[0].id}/visit`)).status).toBe(200);
    await a.page.getByLabel('Acción').fill('document');
    await a.page.getByRole('button', { name: 'Filtrar' }).click();
    await expect.poll(() => table.locator('tbody tr').allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining('document.created')]);
    await a.page.getByLabel('Incluir las visitas a los planes').check();
    await a.page.getByRole('button', { name: 'Filtrar' }).click();
    await expect.poll(() => table.locator('tbody tr').allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining('document.visited'), expect.stringContaining('document.created')]);
    expect(a.errors).toEqual([]);
    await a.context.close();
  });
});
