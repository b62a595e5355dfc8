/**
 * What the inbox says and where it leads: a mention shows the start of its comment (people by name, never an id);
 * an overlap notice opens the matrix on that overlap (in view, highlighted, focused), also once it is resolved and
 * out of the open list, or says plainly that it is gone. A resolved overlap says how, by whom and when. An action
 * assigned to the reader names who assigned it and leads to its decision.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';
import { addActivity, openPlan, pollUntil, tipActivity, twoGroups } from '../helpers/matrix.js';
import type { YClient } from '../helpers/yjsClient.js';

/** The focused element's overlap id, whether it is highlighted, and whether it is inside the window. */
function focusedOverlap(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const card = el?.closest<HTMLElement>('[data-overlap-id]');
    if (!el || !card || card !== el) return null;
    const r = card.getBoundingClientRect();
    return { id: card.dataset.overlapId, highlighted: card.classList.contains('overlap-focus'), inView: r.top >= 0 && r.top < window.innerHeight };
  });
}

describe('inbox notices in the browser', () => {
  const h = useBrowserWorld();
  const clients: YClient[] = [];
  afterAll(() => clients.forEach((c) => c.destroy()));

  it('shows a short excerpt of the comment that mentions the reader, with people by name', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const long = ' Luego revisamos la meta de capacitación con la fiscalía estatal y el municipio, y cerramos el calendario de talleres de marzo.';
    const gone = (await ana.api.post(`/api/documents/${docId}/comments`, { body: `Borrador para @{${beto.id}}` })).body.comment;
    expect((await ana.api.delete(`/api/comments/${gone.id}`)).status).toBe(204);
    await ana.api.post(`/api/documents/${docId}/comments`, { body: `¿Puedes confirmar las fechas, @{${beto.id}}?${long}` });

    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 900 } });
    await b.page.goto(`${h.base}/inbox`);
    const item = b.page.getByTestId('inbox-list').locator('li').first();
    await item.getByRole('link', { name: 'Ana Torres le mencionó' }).waitFor();
    const excerpt = await item.locator('.inbox-excerpt').innerText();
    expect(excerpt.startsWith('¿Puedes confirmar las fechas, @Beto Ruiz? Luego revisamos')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(Array.from(excerpt).length).toBeLessThanOrEqual(141);
    expect(await item.innerText()).not.toContain('@{');
    // A mention whose comment was deleted says so instead of showing nothing.
    const older = b.page.getByTestId('inbox-list').locator('li').nth(1);
    expect(await older.locator('.inbox-excerpt').innerText()).toBe('El comentario se eliminó.');
    // Deleted while the inbox is open: its words go at once, without a reload.
    const live = (await ana.api.post(`/api/documents/${docId}/comments`, { body: `Dato sensible para @{${beto.id}}` })).body.comment;
    const newest = b.page.getByTestId('inbox-list').locator('li').first();
    await newest.getByText('Dato sensible para @Beto Ruiz').waitFor();
    expect((await ana.api.delete(`/api/comments/${live.id}`)).status).toBe(204);
    await newest.locator('.inbox-excerpt').getByText('El comentario se eliminó.').waitFor({ timeout: 5000 });
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('tells who assigned the reader an action, and leads to its decision', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const decision = (await ana.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Operativo conjunto' })).body.decision;
    const made = await ana.api.post(`/api/decisions/${decision.id}/actions`, { title: 'Enviar el protocolo', ownerOrganizationId: h.world.orgs.FGR.id, assigneeId: beto.id, dueDate: '2027-02-01' });
    expect(made.status).toBe(201);

    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 900 } });
    await b.page.goto(`${h.base}/inbox`);
    const item = b.page.getByTestId('inbox-list').locator('li').first();
    expect(await item.innerText()).toContain('Enviar el protocolo');
    await item.getByRole('link', { name: 'Ana Torres le asignó una acción' }).click();
    // The decision opens on that action (scrolled to and highlighted).
    await b.page.waitForURL(`${h.base}/w/${ws}/decisions/${decision.id}?action=${made.body.action.id}`);
    await b.page.getByRole('heading', { level: 1, name: 'Operativo conjunto' }).waitFor();
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('names each «Marcar como leída» button after its notification, and marks that one read', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    for (const name of ['Mesa de armas', 'Mesa de trata de personas']) {
      const ws = await h.world.workspace(ana.api, name);
      await h.world.addMember(ws, ana.api, beto.id, 'member');
      const docId = await h.world.document(ana.api, ws);
      expect((await ana.api.post(`/api/documents/${docId}/comments`, { body: `Revisa esto, @{${beto.id}}` })).status).toBe(201);
    }

    const b = await newSignedInPage(h.browser, h.base, beto);
    await b.page.goto(`${h.base}/inbox`);
    const rows = b.page.getByTestId('inbox-list').locator('li');
    await rows.nth(1).waitFor();
    // Each button reads as what the row says (who, where, when), though all still show the same words.
    const names: string[] = [];
    for (const row of await rows.all()) {
      const button = row.getByRole('button');
      expect(await button.innerText()).toBe('Marcar como leída');
      const expected = `Marcar como leída: ${await row.getByRole('link').innerText()} · ${await row.locator('p.muted').innerText()}`;
      expect(await button.getAttribute('aria-label')).toBe(expected);
      names.push(expected);
    }
    expect(names[0]).toMatch(/^Marcar como leída: Ana Torres le mencionó · Mesa de trata de personas · Plan de trabajo 2027 · /);
    expect(names[1]).toMatch(/^Marcar como leída: Ana Torres le mencionó · Mesa de armas · Plan de trabajo 2027 · /);

    // The button found by its name marks that notification read, and only that one.
    await b.page.getByRole('button', { name: /^Marcar como leída: Ana Torres le mencionó · Mesa de armas/ }).click();
    await expect.poll(() => rows.getByRole('button').count(), { timeout: 5000 }).toBe(1);
    expect(await rows.nth(0).getByRole('button').getAttribute('aria-label')).toBe(names[0]);
    const unread = (await beto.api.get('/api/notifications?unread=true')).body.notifications as { workspaceName: string }[];
    expect(unread.map((n) => n.workspaceName)).toEqual(['Mesa de trata de personas']);
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('opens the matrix on the overlap of a notice, resolved or not, and says so when it is gone', async () => {
    const { liaison, facA, facB, focalA, wsA, wsB, docA, docB } = await twoGroups(h.world);
    await facA.api.patch(`/api/workspaces/${wsA}`, { shareOverlaps: true });
    await facB.api.patch(`/api/workspaces/${wsB}`, { shareOverlaps: true });
    const planA = await openPlan(h.server, facA.api, docA);
    const planB = await openPlan(h.server, facB.api, docB);
    clients.push(planA, planB);
    // Enough other work in the matrix that the overlap list starts below the fold.
    for (const [i, area] of (['money_laundering', 'corruption', 'firearms_trafficking', 'drug_trafficking', 'organized_crime', 'wildlife_forest_crime'] as const).entries()) {
      addActivity(planB, tipActivity(h.world.orgs.SSPC.id, { title: `Actividad sin duplicidad ${i + 1}`, mandateArea: area, stateCodes: ['09'] }));
    }
    addActivity(planA, tipActivity(h.world.orgs['FGE-CHIH'].id, { title: 'Capacitación a fiscales de Chihuahua' }));
    addActivity(planB, tipActivity(h.world.orgs['MUN-JUAREZ'].id, { title: 'Capacitación a fiscales en Juárez' }));
    const notice = (
      await pollUntil<{ notifications: Array<{ kind: string; target: { overlapId?: string } }> }>(focalA.api, '/api/notifications', (x) => x.notifications.some((n) => n.kind === 'overlap'), 10_000)
    ).notifications.find((n) => n.kind === 'overlap')!;
    const overlapId = notice.target.overlapId!;

    const a = await newSignedInPage(h.browser, h.base, focalA, { viewport: { width: 1280, height: 800 } });
    await a.page.goto(`${h.base}/inbox`);
    // The notice names which of A's activities it is about.
    const entry = a.page.locator('li', { has: a.page.getByRole('link', { name: 'Posible duplicidad con otra actividad' }) });
    await expect.poll(() => entry.first().innerText()).toContain('Capacitación a fiscales de Chihuahua');
    expect(await entry.first().innerText()).not.toContain('Juárez');
    await a.page.getByRole('link', { name: 'Posible duplicidad con otra actividad' }).click();
    await a.page.waitForURL(`${h.base}/matrix?overlap=${overlapId}`);
    await expect.poll(() => focusedOverlap(a.page), { timeout: 10_000 }).toEqual({ id: overlapId, highlighted: true, inView: true });
    const overlaps = a.page.getByTestId('matrix-overlaps');
    expect(await overlaps.locator('[data-overlap-focus]').innerText()).toContain('Del aviso');

    // Resolved by B's facilitator: gone from the open list, yet the notice still leads to it, saying how it was resolved.
    expect((await facB.api.post(`/api/overlaps/${overlapId}/resolve`, { resolution: 'coordinate', note: 'Calendario común' })).status).toBe(200);
    await a.page.goto(`${h.base}/matrix?overlap=${overlapId}`);
    const pinned = a.page.getByTestId('overlap-pinned');
    await pinned.waitFor();
    expect(await pinned.innerText()).toContain('ya fue atendida, por eso no aparece entre las pendientes');
    await expect.poll(() => focusedOverlap(a.page), { timeout: 10_000 }).toEqual({ id: overlapId, highlighted: true, inView: true });
    const outcome = await pinned.getByTestId('overlap-outcome').innerText();
    expect(outcome).toContain('Atendida: Coordinar — Calendario común');
    // B's facilitator is not in A: A's focal point learns when, not who.
    expect(outcome).toMatch(/Registrado el /);
    expect(outcome).not.toContain('Bruno');

    // Under "Atendidas" the list holds it, highlighted, and nothing says there is something to decide.
    await overlaps.getByLabel('Mostrar').selectOption('resolved');
    await expect.poll(() => overlaps.locator(`li.overlap-focus[data-overlap-id="${overlapId}"]`).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => pinned.count()).toBe(0);
    const resolvedText = await overlaps.innerText();
    expect(resolvedText).not.toContain('Decida cómo coordinarlas');
    expect(resolvedText).toContain('Posibles duplicidades ya atendidas');

    // An overlap that is not there (or not theirs) is said to be so, not silently ignored.
    await a.page.goto(`${h.base}/matrix?overlap=ovl_no_existe`);
    const missing = a.page.getByTestId('overlap-focus-missing');
    await missing.waitFor();
    expect(await missing.innerText()).toContain('No encontramos la posible duplicidad del aviso');
    await expect.poll(() => a.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null), { timeout: 10_000 }).toBe('overlap-focus-missing');
    expect(a.errors.filter((e) => !e.includes('404'))).toEqual([]);
    await a.close();

    // Someone in both groups is told who resolved it.
    const l = await newSignedInPage(h.browser, h.base, liaison, { viewport: { width: 1280, height: 800 } });
    await l.page.goto(`${h.base}/matrix?overlap=${overlapId}`);
    await l.page.getByTestId('overlap-pinned').waitFor();
    expect(await l.page.getByTestId('overlap-outcome').innerText()).toMatch(/Registrado por Bruno Facilitador el /);
    expect(l.errors).toEqual([]);
    await l.close();
  });
  it('shows a plan’s overlap notices as one row: how many, each activity on demand, all read at once', async () => {
    const { facA, facB, focalA, wsA, wsB, docA, docB } = await twoGroups(h.world);
    await facA.api.patch(`/api/workspaces/${wsA}`, { shareOverlaps: true });
    await facB.api.patch(`/api/workspaces/${wsB}`, { shareOverlaps: true });
    const planA = await openPlan(h.server, facA.api, docA);
    const planB = await openPlan(h.server, facB.api, docB);
    clients.push(planA, planB);
    const titles = ['Capacitación a fiscales de Chihuahua', 'Operativo contra tala ilegal en la sierra', 'Talleres de prevención en escuelas'];
    for (const title of titles) addActivity(planA, tipActivity(h.world.orgs['FGE-CHIH'].id, { title }));
    addActivity(planB, tipActivity(h.world.orgs['MUN-JUAREZ'].id, { title: 'Capacitación a fiscales en Juárez' }));
    type Notices = { notifications: Array<{ id: string; kind: string; readAt: string | null; target: { overlapId?: string; title?: string } }> };
    const overlapNotices = (x: Notices) => x.notifications.filter((n) => n.kind === 'overlap');
    const notices = overlapNotices(await pollUntil<Notices>(focalA.api, '/api/notifications', (x) => overlapNotices(x).length === 3, 15_000));
    // A mention, to show other notices stay as they are around the group.
    await facA.api.post(`/api/documents/${docA}/comments`, { body: `Revisemos esto, @{${focalA.id}}` });

    const a = await newSignedInPage(h.browser, h.base, focalA, { viewport: { width: 1280, height: 800 } });
    await a.page.goto(`${h.base}/inbox`);
    const list = a.page.getByTestId('inbox-list');
    const group = list.getByTestId('inbox-overlap-group');
    await group.waitFor();
    expect(await list.locator(':scope > li').count()).toBe(2);
    expect(await group.getByRole('link').first().innerText()).toBe('3 actividades de este plan podrían duplicar otras');
    expect(await list.getByRole('link', { name: 'Posible duplicidad con otra actividad' }).count()).toBe(0);
    expect(await list.getByRole('link', { name: 'Ana Facilitadora le mencionó' }).count()).toBe(1);

    // Each activity, on demand, leads to its own overlap in the matrix.
    const toggle = group.getByRole('button', { name: 'Ver las 3 actividades' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await group.getByRole('button', { name: 'Ocultar las actividades' }).getAttribute('aria-expanded')).toBe('true');
    const items = group.locator('.inbox-sublist li');
    expect((await items.allInnerTexts()).sort()).toEqual([...titles].sort());
    const first = notices.find((n) => n.target.title === titles[1])!;
    await group.getByRole('link', { name: titles[1] }).click();
    await a.page.waitForURL(`${h.base}/matrix?overlap=${first.target.overlapId}`);
    await expect.poll(() => focusedOverlap(a.page), { timeout: 10_000 }).toMatchObject({ id: first.target.overlapId, highlighted: true });
    // Following one activity read that one only.
    const readNow = async () => overlapNotices((await focalA.api.get('/api/notifications')).body as Notices).filter((n) => n.readAt).map((n) => n.id);
    await expect.poll(readNow, { timeout: 5_000 }).toEqual([first.id]);

    // Back in the inbox: the two unread stay one row, the read one stands alone; one button reads the two.
    await a.page.goto(`${h.base}/inbox`);
    await expect.poll(() => group.getByRole('link').first().innerText(), { timeout: 10_000 }).toBe('2 actividades de este plan podrían duplicar otras');
    expect(await list.getByRole('link', { name: 'Posible duplicidad con otra actividad' }).count()).toBe(1);
    await group.getByRole('button', { name: /^Marcar como leída/ }).click();
    await expect.poll(async () => (await readNow()).length, { timeout: 5_000 }).toBe(3);
    await expect.poll(() => group.getByRole('link').first().innerText(), { timeout: 10_000 }).toBe('3 actividades de este plan podrían duplicar otras');
    // Only the mention is left unread.
    await expect.poll(() => a.page.getByTestId('inbox-link').locator('.inbox-count').innerText(), { timeout: 10_000 }).toBe('1');
    expect(a.errors).toEqual([]);
    await a.close();
  });

  it('leads from a mention on an activity thread to the thread, and from the thread to the activity row', async () => {
    const ana = await h.world.user('Ana Torres', 'SSPC');
    const beto = await h.world.user('Beto Ruiz', 'FGR');
    const ws = await h.world.workspace(ana.api);
    await h.world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await h.world.document(ana.api, ws);
    const plan = await openPlan(h.server, ana.api, docId);
    clients.push(plan);
    // Enough rows that the one commented on is far below the comment margin.
    const rows = Array.from({ length: 30 }, (_, i) => tipActivity(h.world.orgs.SSPC.id, { title: `Taller regional ${i + 1}` }));
    for (const row of rows) addActivity(plan, row);
    const target = rows[24];
    const other = rows[3];
    // About one cell of its row: the end date.
    await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Sin relación con el aviso', anchor: { type: 'activity', activityId: other.id, field: 'endDate' } });
    await ana.api.post(`/api/documents/${docId}/comments`, { body: 'Comentario sobre todo el plan' });
    const created = await ana.api.post(`/api/documents/${docId}/comments`, { body: `¿Confirmas la sede, @{${beto.id}}?`, anchor: { type: 'activity', activityId: target.id } });
    expect(created.status).toBe(201);
    const threadId: string = created.body.comment.threadId;

    const b = await newSignedInPage(h.browser, h.base, beto, { viewport: { width: 1280, height: 800 } });
    await b.page.goto(`${h.base}/inbox`);
    await b.page.getByTestId('inbox-list').getByRole('link', { name: 'Ana Torres le mencionó' }).first().click();
    await b.page.waitForURL((url) => url.searchParams.get('thread') === threadId);
    const card = b.page.locator(`.comment-margin [data-thread-id="${threadId}"]`);
    await expect.poll(() => card.getAttribute('class'), { timeout: 10_000 }).toContain('is-active');
    // The thread is open, so its activity's row is marked, and only that row.
    const marked = b.page.locator('[data-testid="activities-table"] tr[data-commented="true"]');
    await expect.poll(() => marked.count(), { timeout: 10_000 }).toBe(1);
    expect(await marked.getAttribute('data-activity-id')).toBe(target.id);

    // The thread leads to the row: in view and focused, and still marked.
    expect(await card.getByRole('button', { name: 'Actividad: Taller regional 25' }).getAttribute('aria-pressed')).toBe('true');
    await card.getByRole('button', { name: 'Ir a la actividad en la tabla' }).click();
    const focused = () =>
      b.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el.tagName !== 'TR') return null;
        const r = el.getBoundingClientRect();
        return { id: el.dataset.activityId, inView: r.top >= 0 && r.bottom <= window.innerHeight };
      });
    await expect.poll(focused, { timeout: 10_000 }).toEqual({ id: target.id, inView: true });
    expect(await marked.getAttribute('data-activity-id')).toBe(target.id);

    // Another activity's thread moves the mark; closing it takes the mark away. A general thread has no way to a row.
    expect(await b.page.locator('.comment-margin [data-testid="comment-go-to-activity"]').count()).toBe(2);
    const otherCard = b.page.locator('.comment-margin .comment-thread').filter({ hasText: 'Sin relación con el aviso' });
    await otherCard.getByRole('button', { name: 'Actividad: Taller regional 4' }).click();
    await expect.poll(() => marked.getAttribute('data-activity-id'), { timeout: 10_000 }).toBe(other.id);
    await otherCard.getByRole('button', { name: 'Actividad: Taller regional 4' }).click();
    await expect.poll(() => marked.count(), { timeout: 10_000 }).toBe(0);
    // A thread about one cell names its column, and leads to that cell.
    expect((await otherCard.locator('.comment-anchor').innerText()).trim()).toBe('Actividad: Taller regional 4 · Fin');
    await otherCard.getByRole('button', { name: 'Ir a la actividad en la tabla' }).click();
    const focusedCell = () =>
      b.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? { field: el.dataset.field ?? null, row: el.closest<HTMLElement>('tr')?.dataset.activityId ?? null } : null;
      });
    await expect.poll(focusedCell, { timeout: 10_000 }).toEqual({ field: 'endDate', row: other.id });
    expect(b.errors).toEqual([]);
    await b.close();
  });
});
