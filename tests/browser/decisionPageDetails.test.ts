/**
 * Details of the decision pages found by a QA pass: a readable actions list (desktop and phone),
 * a stance form that follows live stances without clobbering an unsaved choice, wording, organization
 * pickers that prefer the working group's institutions, and the add-member option labels.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
}

async function box(locator: Locator): Promise<Box> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
  });
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** How many lines the text node holding `text` occupies inside `container`. */
async function linesOf(container: Locator, text: string): Promise<number> {
  return container.evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent?.includes(wanted)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }
    return -1;
  }, text);
}

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

async function optionTexts(select: Locator): Promise<string[]> {
  return select.locator('option').allInnerTexts();
}

/** Checks the added action's row: a wide title, a compact status select beside it, the due date on one line. */
async function expectReadableActionRow(page: Page, title: string, width: number): Promise<void> {
  const row = page.getByTestId('action-item').filter({ hasText: title });
  const titleBox = await box(row.locator('.item-title'));
  const select = row.getByRole('combobox', { name: `Estado de «${title}»` });
  await expect(select.inputValue()).resolves.toBe('open');
  expect(await select.locator('option:checked').innerText()).toBe('Abierta');
  const selectBox = await box(select);
  expect(titleBox.width, `title width at ${width}px`).toBeGreaterThan(150);
  expect(overlaps(titleBox, selectBox), `select ${JSON.stringify(selectBox)} over title ${JSON.stringify(titleBox)} at ${width}px`).toBe(false);
  // Compact: the select takes what its longest status needs, not the row.
  expect(selectBox.width, `select width at ${width}px`).toBeLessThan(width / 2);
  expect(await linesOf(row, 'Vence el'), `due date lines at ${width}px`).toBe(1);
  expect(await row.innerText()).toContain('Vence el 15 dic 2099');
}

describe('decision page details', () => {
  const h = useBrowserWorld();

  it('lays out an added action readably on desktop and phone, and offers the group’s institutions first as owner', async () => {
    const { world } = h;
    const fac = await world.user('Fernanda Facilitadora', 'UNODC');
    const alma = await world.user('Alma Ortiz', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de trata de personas');
    await world.addMember(ws, fac.api, alma.id, 'member', true);
    const created = await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Protocolo de identificación de víctimas' });
    expect(created.status).toBe(201);
    const decisionId = created.body.decision.id;

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${h.base}/w/${ws}/decisions/${decisionId}`);
    await page.getByRole('heading', { level: 1, name: 'Protocolo de identificación de víctimas' }).waitFor();

    // The owner dropdown: the group's two institutions under their own heading, the rest after them, each in the order
    // of what the options show first (the acronym: UNODC's name, «Oficina de Enlace UNODC», would put it before SSPC).
    const owner = page.getByLabel(/^Institución responsable/);
    await expect.poll(() => optionGroups(owner)).toEqual({
      '': ['Elija…'],
      'Instituciones de esta mesa': ['SSPC · SSPC', 'UNODC · Oficina de Enlace UNODC'],
      'Otras instituciones': ['FGE-CHIH · FGE-CHIH', 'FGR · FGR', 'MUN-JUAREZ · MUN-JUAREZ'],
    });

    await page.getByLabel(/^Acción/).fill('Redactar borrador del protocolo');
    await owner.selectOption({ label: 'FGR · FGR' });
    await page.getByLabel(/^Fecha límite/).fill('2099-12-15');
    await page.getByRole('button', { name: 'Agregar', exact: true }).click();
    await page.getByTestId('action-item').filter({ hasText: 'Redactar borrador del protocolo' }).waitFor({ timeout: 5000 });
    await expectReadableActionRow(page, 'Redactar borrador del protocolo', 1280);

    await page.setViewportSize({ width: 390, height: 844 });
    await expectReadableActionRow(page, 'Redactar borrador del protocolo', 390);
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing on the phone layout scrolls sideways because of the row.
    const overflow = await page.getByTestId('action-item').first().evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps a facilitator’s stance form in step with a focal point’s live stance, without clobbering an unsaved choice', async () => {
    const { world } = h;
    const fac = await world.user('Federico Facilitador', 'UNODC');
    const alma = await world.user('Alma Salas', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de lavado de dinero');
    await world.addMember(ws, fac.api, alma.id, 'member', true);
    const created = await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Intercambio de información financiera' });
    const decisionId = created.body.decision.id;
    const sspc = world.orgs.SSPC.id;
    expect((await alma.api.put(`/api/decisions/${decisionId}/stances/${sspc}`, { stance: 'agree' })).status).toBe(200);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/decisions/${decisionId}`);
    const row = page.locator(`tr[data-organization-id="${sspc}"]`);
    const select = row.locator('select');
    const record = row.getByRole('button', { name: 'Registrar en su nombre' });
    await expect.poll(() => select.inputValue()).toBe('agree');
    // Every row has the same controls: each names its organization for screen readers (once the directory has
    // loaded, which on a busy machine comes after the stance itself).
    await expect.poll(() => row.getByRole('combobox', { name: 'Postura de SSPC', exact: true }).count(), { timeout: 5000 }).toBe(1);
    await expect.poll(() => row.getByRole('textbox', { name: 'Motivo de SSPC (opcional)', exact: true }).count(), { timeout: 5000 }).toBe(1);
    await expect.poll(() => row.getByRole('button', { name: 'Registrar en su nombre: SSPC', exact: true }).count(), { timeout: 5000 }).toBe(1);
    // Re-recording what is already there would only restamp it as "on their behalf": the button (enabled, so a
    // keyboard user reaches it) says so instead, and focus goes to the stance.
    await record.click();
    await row.getByText('Esa postura ya está registrada: elija otra o escriba un motivo.').waitFor({ timeout: 5000 });
    await expect.poll(() => select.evaluate((el) => el === document.activeElement), { timeout: 5000 }).toBe(true);
    expect(await select.getAttribute('aria-invalid')).toBe('true');
    expect(await row.innerText()).not.toContain('registrada por la facilitación');

    // Alma objects from her own session: the table and the facilitator's form follow.
    expect((await alma.api.put(`/api/decisions/${decisionId}/stances/${sspc}`, { stance: 'object' })).status).toBe(200);
    await row.locator('.stance').getByText('Objeción').waitFor({ timeout: 5000 });
    await expect.poll(() => select.inputValue(), { timeout: 5000 }).toBe('object');
    expect(await row.getByTestId('stance-unsaved').count()).toBe(0);

    // The facilitator starts changing it; a live change then keeps the unsaved choice and says it differs.
    await select.selectOption('abstain');
    await expect(record.isEnabled()).resolves.toBe(true);
    expect((await alma.api.put(`/api/decisions/${decisionId}/stances/${sspc}`, { stance: 'agree_with_conditions' })).status).toBe(200);
    await row.locator('.stance').getByText('De acuerdo con condiciones').waitFor({ timeout: 5000 });
    await expect(select.inputValue()).resolves.toBe('abstain');
    const note = row.getByTestId('stance-unsaved');
    await expect(note.innerText()).resolves.toBe('Sin guardar: la postura registrada ahora es «De acuerdo con condiciones».');
    const noteId = await note.getAttribute('id');
    await expect(select.getAttribute('aria-describedby')).resolves.toBe(noteId);
    expect(await seriousViolations(page)).toEqual([]);

    // Picking the recorded stance again drops the note and follows live changes again.
    await select.selectOption('agree_with_conditions');
    expect(await row.getByTestId('stance-unsaved').count()).toBe(0);
    expect((await alma.api.put(`/api/decisions/${decisionId}/stances/${sspc}`, { stance: 'agree' })).status).toBe(200);
    await expect.poll(() => select.inputValue(), { timeout: 5000 }).toBe('agree');
    const stored = (await fac.api.get(`/api/decisions/${decisionId}`)).body.stances.find((s: { organizationId: string }) => s.organizationId === sspc);
    expect(stored).toMatchObject({ stance: 'agree', onBehalf: false });
    expect(errors).toEqual([]);
    await close();
  });

  it('filters the log by the group’s institutions ("Todas") and offers them first when proposing', async () => {
    const { world } = h;
    const fac = await world.user('Flor Facilitadora', 'UNODC');
    const ana = await world.user('Ana Rivas', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de armas');
    await world.addMember(ws, fac.api, ana.id, 'member', true);
    // An owner from outside the group still needs to be filterable.
    expect((await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Rastreo de armas', ownerOrganizationId: world.orgs['FGE-CHIH'].id })).status).toBe(201);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/decisions`);
    await page.getByTestId('decision-list').waitFor();
    const filter = page.getByTestId('decision-filters').getByLabel('Institución responsable');
    await expect.poll(() => optionTexts(filter)).toEqual(['Todas', 'FGE-CHIH', 'SSPC', 'UNODC']);
    // The status filter keeps its masculine "Todos" (estados).
    expect(await page.getByTestId('decision-filters').getByLabel('Estado').locator('option').first().innerText()).toBe('Todos');

    const owner = page.getByRole('form', { name: 'Proponer una decisión' }).getByLabel('Institución responsable');
    await expect.poll(() => optionGroups(owner)).toEqual({
      '': ['— Ninguna —'],
      'Instituciones de esta mesa': ['SSPC · SSPC', 'UNODC · Oficina de Enlace UNODC'],
      'Otras instituciones': ['FGE-CHIH · FGE-CHIH', 'FGR · FGR', 'MUN-JUAREZ · MUN-JUAREZ'],
    });
    expect(errors).toEqual([]);
    await close();
  });

  it('works for a group with a single institution', async () => {
    const { world } = h;
    const fac = await world.user('Fabiola Facilitadora', 'FGR');
    const ws = await world.workspace(fac.api, 'Mesa de una institución');
    const created = await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Decisión interna' });
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/decisions`);
    await page.getByTestId('decision-list').waitFor();
    await expect.poll(() => optionTexts(page.getByTestId('decision-filters').getByLabel('Institución responsable'))).toEqual(['Todas', 'FGR']);

    await page.goto(`${h.base}/w/${ws}/decisions/${created.body.decision.id}`);
    const owner = page.getByLabel(/^Institución responsable/);
    await expect.poll(async () => (await optionGroups(owner))['Instituciones de esta mesa']).toEqual(['FGR · FGR']);
    await page.getByLabel(/^Acción/).fill('Informe interno');
    await owner.selectOption({ label: 'FGR · FGR' });
    await page.getByLabel(/^Fecha límite/).fill('2027-01-31');
    await page.getByRole('button', { name: 'Agregar', exact: true }).click();
    await page.getByTestId('action-item').filter({ hasText: 'Informe interno' }).waitFor({ timeout: 5000 });
    expect((await fac.api.get(`/api/decisions/${created.body.decision.id}`)).body.actions.map((a: { ownerOrganizationId: string }) => a.ownerOrganizationId)).toEqual([world.orgs.FGR.id]);
    expect(errors).toEqual([]);
    await close();
  });

  it('labels add-member candidates without a dangling separator when the directory hides emails', async () => {
    const { world } = h;
    const uif = await world.admin.post('/api/organizations', { name: 'Unidad de Inteligencia Financiera', acronym: 'UIF', level: 'federal' });
    expect(uif.status).toBe(201);
    world.orgs.UIF = { id: uif.body.organization.id };
    await world.user('Mariana Ortiz', 'UIF');
    const fac = await world.user('Fausto Facilitador', 'UNODC');
    const ws = await world.workspace(fac.api, 'Mesa de inteligencia financiera');

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}`);
    const person = page.getByTestId('add-member-user');
    await person.waitFor();
    const labels = await optionTexts(person);
    expect(labels).toContain('Mariana Ortiz · UIF');
    expect(labels.filter((l) => /·\s*$/.test(l))).toEqual([]);
    // The search box matches on the same label.
    await page.getByLabel('Buscar persona').fill('uif');
    await expect.poll(() => optionTexts(person)).toEqual(['Elija una persona…', 'Mariana Ortiz · UIF']);
    expect(errors).toEqual([]);
    await close();
  });

  it('names and links the meeting a decision was recorded in and the plan it is about', async () => {
    const { world } = h;
    const fac = await world.user('Felipe Facilitador', 'UNODC');
    const ws = await world.workspace(fac.api, 'Mesa de migración');
    const docId = await world.document(fac.api, ws);
    const meeting = (await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión de seguimiento', startsAt: '2027-04-01T16:00:00Z', agenda: [{ title: 'Refugios' }] })).body.meeting;
    const decision = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Ampliar los refugios', meetingId: meeting.id, documentId: docId })).body.decision;
    const plain = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Sin origen' })).body.decision;

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/decisions/${plain.id}`);
    await page.getByRole('heading', { level: 1, name: 'Sin origen' }).waitFor();
    expect(await page.getByTestId('decision-origins').count()).toBe(0);
    await page.goto(`${h.base}/w/${ws}/decisions/${decision.id}`);
    const origins = page.getByTestId('decision-origins');
    await expect.poll(async () => (await origins.innerText()).replace(/\s+/g, ' '), { timeout: 10_000 }).toBe('Registrada en la reunión Sesión de seguimiento Sobre el plan Plan de trabajo 2027');
    await origins.getByRole('link', { name: 'Sesión de seguimiento' }).click();
    await page.waitForURL(`${h.base}/w/${ws}/meetings/${meeting.id}`);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps «Agregar» of an empty action form usable: pressed, it says in Spanish what is missing and leads to the first field to fill', async () => {
    const { world } = h;
    const fac = await world.user('Felipe Facilitador', 'UNODC');
    const ws = await world.workspace(fac.api, 'Mesa de migración');
    const decision = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Ampliar los refugios' })).body.decision;
    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/decisions/${decision.id}`);
    const add = page.getByRole('button', { name: 'Agregar', exact: true });
    await add.waitFor();
    expect(await add.isDisabled()).toBe(false);
    await add.click();
    // The app's own message under each missing field (the browser's bubble would follow the browser's language).
    const form = page.locator('form.inline-form');
    await expect.poll(() => form.locator('.field-error').allInnerTexts()).toEqual(['Este campo es obligatorio.', 'Este campo es obligatorio.', 'Este campo es obligatorio.']);
    const focused = await page.evaluate(() => ({ missing: (document.activeElement as HTMLInputElement | null)?.validity?.valueMissing ?? false, invalid: document.activeElement?.getAttribute('aria-invalid') }));
    expect(focused).toEqual({ missing: true, invalid: 'true' });
    expect(await page.getByTestId('action-item').count()).toBe(0);
    // Filled, the messages go and the action is added.
    await form.getByLabel('Acción', { exact: false }).first().fill('Visitar los refugios');
    await form.locator('select').first().selectOption({ index: 1 });
    await form.locator('input[type="date"]').fill('2027-03-01');
    await add.click();
    await expect.poll(() => page.getByTestId('action-item').count(), { timeout: 10_000 }).toBe(1);
    expect(await form.locator('.field-error').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('calls an "object" stance "Objeción", as the minutes do', async () => {
    const { world } = h;
    const fac = await world.user('Felipe Facilitador', 'UNODC');
    const sara = await world.user('Sara Núñez', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de migración');
    await world.addMember(ws, fac.api, sara.id, 'member', true);
    const created = await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Ruta de atención a migrantes' });
    const decisionId = created.body.decision.id;
    expect((await sara.api.put(`/api/decisions/${decisionId}/stances/${world.orgs.SSPC.id}`, { stance: 'object', reason: 'Falta presupuesto' })).status).toBe(200);

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, sara);
    await page.goto(`${h.base}/w/${ws}/decisions/${decisionId}`);
    const row = page.locator(`tr[data-organization-id="${world.orgs.SSPC.id}"]`);
    await expect(row.locator('.stance').innerText()).resolves.toBe('Objeción');
    expect(await row.locator('select option[value="object"]').innerText()).toBe('Objeción');
    expect(await page.getByTestId('stances-table').innerText()).not.toContain('En contra');
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps showing the stance a facilitator just recorded on behalf of an organization, also while stances are hidden', async () => {
    const { world } = h;
    const fac = await world.user('Federico Facilitador', 'UNODC');
    const alma = await world.user('Alma Salas', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de lavado de dinero');
    await world.addMember(ws, fac.api, alma.id, 'member', true);
    const decisionId = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Reserva de información', stanceVisibility: 'hidden_until_closed' })).body.decision.id;
    const sspc = world.orgs.SSPC.id;

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, fac);
    await page.goto(`${h.base}/w/${ws}/decisions/${decisionId}`);
    const row = page.locator(`tr[data-organization-id="${sspc}"]`);
    const select = row.locator('select');
    await select.selectOption('agree_with_conditions');
    // Conditions nobody wrote down are asked for first: the button says so and leads to the box.
    await row.getByRole('button', { name: 'Registrar en su nombre' }).click();
    const reason = row.getByRole('textbox', { name: 'Condiciones de SSPC (obligatorio)' });
    await row.getByText('Escriba las condiciones: la mesa las necesita para poder cumplirlas.').waitFor();
    await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect((await fac.api.get(`/api/decisions/${decisionId}`)).body.stances).toEqual([]);
    // The box's own words fit in it (the objection's cut «(obligatorio)» off at 1280 px): the select says which stance.
    const placeholderFits = (box: Locator) =>
      box.evaluate((el) => {
        const input = el as HTMLInputElement;
        const style = getComputedStyle(input);
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { placeholder: input.placeholder, fits: ctx.measureText(input.placeholder).width <= room };
      });
    expect(await placeholderFits(reason)).toEqual({ placeholder: 'Condiciones (obligatorio)', fits: true });
    await select.selectOption('object');
    const objection = row.getByRole('textbox', { name: 'Motivo de la objeción de SSPC (obligatorio)' });
    expect(await placeholderFits(objection)).toEqual({ placeholder: 'Motivo (obligatorio)', fits: true });
    await select.selectOption('agree_with_conditions');
    await reason.fill('Con calendario de entregas');
    await row.getByRole('button', { name: 'Registrar en su nombre' }).click();
    await expect.poll(async () => (await fac.api.get(`/api/decisions/${decisionId}`)).body.stances.map((s: { organizationId: string }) => s.organizationId)).toEqual([sspc]);
    expect((await alma.api.get(`/api/decisions/${decisionId}`)).body.stances[0]).toMatchObject({ stance: 'agree_with_conditions', reason: 'Con calendario de entregas', onBehalf: true });
    // The page's copy hides SSPC's stance from UNODC; the form still shows what this facilitator recorded.
    await page.waitForTimeout(500);
    expect(await select.inputValue()).toBe('agree_with_conditions');
    expect(await row.getByTestId('stance-unsaved').count()).toBe(0);

    // SSPC's focal point then changes it: what is recorded is unknown here now, so the same choice may be saved again.
    expect((await alma.api.put(`/api/decisions/${decisionId}/stances/${sspc}`, { stance: 'object', reason: 'Falta dictamen' })).status).toBe(200);
    await expect.poll(() => select.inputValue(), { timeout: 5000 }).toBe('');
    await select.selectOption('agree_with_conditions');
    await reason.fill('Con calendario de entregas');
    await row.getByRole('button', { name: 'Registrar en su nombre' }).click();
    await expect.poll(async () => (await alma.api.get(`/api/decisions/${decisionId}`)).body.stances.find((s: { organizationId: string }) => s.organizationId === sspc)?.stance, { timeout: 5000 }).toBe('agree_with_conditions');
    expect(await row.getByText('Esa postura ya está registrada', { exact: false }).count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});
