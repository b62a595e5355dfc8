/**
 * What a UI review of follow-up actions asked for: «Mis acciones» says visibly what a status change did, with a way
 * back; open actions due today or tomorrow are tagged so (there and on the decision page); the add form gives the
 * title the whole row; institution pickers sort by what they show; Escape closes the edit form, back on «Editar»;
 * and the edit form moves an action to another owner institution.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/actionDue.js';
import { workingDay } from '../../shared/calendar.js';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

/** A select's options grouped by their <optgroup> label ('' for options outside any group). */
async function optionGroups(select: Locator): Promise<Record<string, string[]>> {
  return select.evaluate((el) => {
    const out: Record<string, string[]> = {};
    for (const o of [...(el as HTMLSelectElement).options]) {
      const group = o.parentElement instanceof HTMLOptGroupElement ? o.parentElement.label : '';
      (out[group] ??= []).push(o.textContent ?? '');
    }
    return out;
  });
}

describe('follow-up actions after the UI review', () => {
  const h = useBrowserWorld();

  it('«Mis acciones» tags actions due today and tomorrow, shows a status change with «Deshacer», and clears its hidden message on other filters', async () => {
    const { world } = h;
    const fac = await world.user('Fabiola Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de armas');
    await world.addMember(ws, fac.api, ana.id, 'member');
    const d = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Mapa de rutas' })).body.decision;
    const act = async (title: string, dueDate: string) => {
      const res = await fac.api.post(`/api/decisions/${d.id}/actions`, { title, ownerOrganizationId: world.orgs.SSPC.id, dueDate, assigneeId: ana.id });
      expect(res.status).toBe(201);
      return res.body.action.id as string;
    };
    const today = workingDay();
    const late = await act('Enviar registros', '2020-01-15');
    const visit = await act('Visitar albergue', today);
    const call = await act('Llamar a la fiscalía', addDays(today, 1));
    const later = await act('Informe anual', '2099-01-01');
    const doneToday = await act('Cerrar minuta', today);
    expect((await fac.api.patch(`/api/actions/${doneToday}`, { status: 'done' })).status).toBe(200);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${h.base}/actions`);
    await page.getByRole('heading', { name: '4 acciones' }).waitFor();
    const soonTag = (id: string) => page.locator(`[data-action-id="${id}"] .tag-due-soon`);
    expect(await soonTag(visit).innerText()).toBe('Vence hoy');
    expect(await soonTag(call).innerText()).toBe('Vence mañana');
    expect(await soonTag(later).count()).toBe(0);
    expect(await soonTag(late).count()).toBe(0);
    expect(await page.locator(`[data-action-id="${late}"] .tag-overdue`).innerText()).toBe('Vencida');

    // Marked done: the row leaves, and a visible notice says so with a way back.
    await page.getByLabel('Estado de «Visitar albergue»').selectOption('done');
    await page.getByRole('heading', { name: '3 acciones' }).waitFor({ timeout: 5000 });
    const notice = page.getByTestId('my-actions-moved');
    expect(await notice.locator('p').innerText()).toBe('«Visitar albergue» quedó como «Hecha».');
    expect(await notice.isVisible()).toBe(true);
    expect(await page.locator(`[data-action-id="${visit}"]`).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // «Deshacer» puts the status back, and the action back in the list.
    await notice.getByRole('button', { name: 'Deshacer' }).click();
    await page.locator(`[data-action-id="${visit}"]`).waitFor({ timeout: 5000 });
    await page.getByRole('heading', { name: '4 acciones' }).waitFor();
    expect(await notice.count()).toBe(0);
    expect((await fac.api.get(`/api/decisions/${d.id}`)).body.actions.find((a: { id: string }) => a.id === visit).status).toBe('open');
    expect(await page.getByRole('status').filter({ hasText: 'Visitar albergue' }).innerText()).toBe('«Visitar albergue» volvió a quedar como «Abierta».');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('4 acciones');

    // Cancelled this time: the notice stays through other filters, the hidden message does not.
    await page.getByLabel('Estado de «Llamar a la fiscalía»').selectOption('cancelled');
    await page.getByRole('heading', { name: '3 acciones' }).waitFor({ timeout: 5000 });
    expect(await notice.locator('p').innerText()).toBe('«Llamar a la fiscalía» quedó como «Cancelada».');
    expect(await page.getByRole('status').filter({ hasText: 'Llamar a la fiscalía' }).innerText()).toBe('«Llamar a la fiscalía» quedó como «Cancelada» y sale de esta lista.');
    await page.getByLabel('Estado', { exact: true }).selectOption('done');
    await page.waitForURL(`${h.base}/actions?status=done`);
    await page.locator(`[data-action-id="${doneToday}"]`).waitFor();
    const hidden = page.locator('p.visually-hidden[role="status"]');
    expect(await hidden.innerText()).toBe('');
    // A done action due today is not "due today" any more.
    expect(await soonTag(doneToday).count()).toBe(0);
    // Dismissed, it goes; the keyboard stays in the list.
    await notice.getByRole('button', { name: 'Cerrar aviso' }).click();
    expect(await notice.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(errors).toEqual([]);
    await close();
  });

  it('on the decision page: the title has the add form’s whole row, pickers sort by acronym, due-soon tags show, Escape closes the editor and the editor moves the owner', async () => {
    const { world } = h;
    const fac = await world.user('Fernanda Facilitadora', 'UNODC');
    const alma = await world.user('Alma Ortiz', 'SSPC');
    const gabo = await world.user('Gabriel Ruiz', 'FGR');
    const ws = await world.workspace(fac.api, 'Mesa de trata de personas');
    await world.addMember(ws, fac.api, alma.id, 'member', true);
    await world.addMember(ws, fac.api, gabo.id, 'member');
    const d = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo de identificación de víctimas' })).body.decision;
    const today = workingDay();
    const soon = (await fac.api.post(`/api/decisions/${d.id}/actions`, { title: 'Revisar el borrador', ownerOrganizationId: world.orgs.SSPC.id, dueDate: addDays(today, 1) })).body.action;

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${h.base}/w/${ws}/decisions/${d.id}`);
    await page.getByRole('heading', { level: 1, name: 'Protocolo de identificación de víctimas' }).waitFor();
    const row = page.locator(`[data-testid="action-item"][data-action-id="${soon.id}"]`);
    expect(await row.locator('.tag-due-soon').innerText()).toBe('Vence mañana');

    // The add form: the title alone on its row, as wide as the form; the three other fields level on the next.
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Agregar acción' }) });
    const layout = async () =>
      form.evaluate((f) => {
        const rect = (label: string) => {
          const el = [...f.querySelectorAll('label')].find((l) => l.textContent?.startsWith(label));
          const input = el && f.querySelector(`#${CSS.escape(el.htmlFor)}`);
          return input ? input.getBoundingClientRect() : null;
        };
        const title = rect('Acción')!;
        return {
          titleShare: title.width / f.getBoundingClientRect().width,
          others: ['Institución responsable', 'Persona responsable', 'Fecha límite'].map((l) => rect(l)!).map((r) => ({ top: Math.round(r.top), belowTitle: r.top >= title.bottom })),
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
      });
    const wide = await layout();
    expect(wide.titleShare).toBeGreaterThan(0.95);
    expect(new Set(wide.others.map((o) => o.top)).size).toBe(1);
    expect(wide.others.every((o) => o.belowTitle)).toBe(true);

    // Institutions in the order of what is shown: SSPC before UNODC (whose name, «Oficina de Enlace UNODC», sorted first).
    const owner = form.getByLabel(/^Institución responsable/);
    await expect.poll(() => optionGroups(owner)).toEqual({
      '': ['Elija…'],
      'Instituciones de esta mesa': ['FGR · FGR', 'SSPC · SSPC', 'UNODC · Oficina de Enlace UNODC'],
      'Otras instituciones': ['FGE-CHIH · FGE-CHIH', 'MUN-JUAREZ · MUN-JUAREZ'],
    });
    await owner.selectOption(world.orgs.SSPC.id);
    expect(Object.keys(await optionGroups(form.getByLabel(/^Persona responsable/)))).toEqual(['', 'SSPC (institución responsable)', 'FGR', 'UNODC']);

    // Escape closes the edit form unsaved; the keyboard is back on the row's «Editar».
    const edit = row.getByRole('button', { name: 'Editar «Revisar el borrador»' });
    await edit.click();
    const editor = row.getByTestId('action-editor');
    await editor.getByLabel(/^Acción/).fill('Otra cosa');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    expect(await edit.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await row.locator('.item-title').innerText()).toBe('Revisar el borrador');

    // The editor offers the owner institution, and moves the action to another.
    await edit.click();
    const editOwner = editor.getByLabel(/^Institución responsable/);
    expect(await editOwner.inputValue()).toBe(world.orgs.SSPC.id);
    expect((await optionGroups(editOwner))['Instituciones de esta mesa']).toEqual(['FGR · FGR', 'SSPC · SSPC', 'UNODC · Oficina de Enlace UNODC']);
    await editOwner.selectOption(world.orgs.FGR.id);
    expect(Object.keys(await optionGroups(editor.getByLabel(/^Persona responsable/)))).toEqual(['', 'FGR (institución responsable)', 'SSPC', 'UNODC']);
    expect(await seriousViolations(page)).toEqual([]);
    await editor.getByRole('button', { name: 'Guardar' }).click();
    await editor.waitFor({ state: 'detached' });
    await expect.poll(async () => (await fac.api.get(`/api/decisions/${d.id}`)).body.actions[0].ownerOrganizationId).toBe(world.orgs.FGR.id);
    await expect.poll(() => row.locator('.item-meta').first().innerText()).toContain('FGR');

    // On a phone: the title still has its own row, and nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const narrow = await layout();
    expect(narrow.titleShare).toBeGreaterThan(0.95);
    expect(narrow.others.every((o) => o.belowTitle)).toBe(true);
    expect(narrow.overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await close();
  });
});
