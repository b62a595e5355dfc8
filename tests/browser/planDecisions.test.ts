/** A plan's page lists the decisions about it, with where each stands, live; members propose one about the plan from there. */
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('decisions on a plan’s page', () => {
  const h = useBrowserWorld();

  it('lists the plan’s decisions with their progress, follows stances live, and proposes one about the plan', async () => {
    const { world } = h;
    const fac = await world.user('Fabiola Facilitadora', 'UNODC');
    const ana = await world.user('Ana Torres', 'SSPC');
    const omar = await world.user('Omar Observador', 'FGR');
    const ws = await world.workspace(fac.api, 'Mesa de trata de personas');
    await world.addMember(ws, fac.api, ana.id, 'member', true);
    await world.addMember(ws, fac.api, omar.id, 'observer');
    const docId = await world.document(fac.api, ws);
    const about = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Priorizar los albergues de Tapachula', documentId: docId })).body.decision;
    await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Una decisión sobre otra cosa' });

    const { page, errors, close } = await newSignedInPage(h.browser, h.base, ana, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${h.base}/w/${ws}/d/${docId}`);
    const section = page.getByTestId('plan-decisions');
    await section.getByRole('heading', { name: 'Decisiones sobre este plan 1' }).waitFor();
    const items = section.locator('li.item');
    expect(await items.locator('.item-title').allInnerTexts()).toEqual(['Priorizar los albergues de Tapachula']);
    expect(await items.first().getByTestId('decision-stance-progress').innerText()).toBe('Posturas: 0 de 2');
    // A stance recorded elsewhere shows here without a reload.
    expect((await fac.api.put(`/api/decisions/${about.id}/stances/${world.orgs.UNODC.id}`, { stance: 'agree' })).status).toBe(200);
    await expect.poll(() => items.first().getByTestId('decision-stance-progress').innerText(), { timeout: 5000 }).toBe('Posturas: 1 de 2');

    // Ana proposes one about the plan from its page.
    await section.getByRole('button', { name: 'Proponer una decisión sobre este plan' }).click();
    const form = section.getByRole('form', { name: 'Proponer una decisión sobre este plan' });
    await form.getByLabel(/^Título/).fill('Compartir el directorio de albergues');
    await form.getByRole('button', { name: 'Proponer' }).click();
    await section.getByRole('heading', { name: 'Decisiones sobre este plan 2' }).waitFor({ timeout: 5000 });
    expect(await form.count()).toBe(0);
    const created = (await fac.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions.find((d: { title: string }) => d.title === 'Compartir el directorio de albergues');
    expect(created).toMatchObject({ documentId: docId, createdById: ana.id, status: 'proposed' });
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();

    // An observer reads them, and is offered no proposal.
    const o = await newSignedInPage(h.browser, h.base, omar);
    await o.page.goto(`${h.base}/w/${ws}/d/${docId}`);
    await o.page.getByTestId('plan-decisions').getByRole('heading', { name: 'Decisiones sobre este plan 2' }).waitFor();
    expect(await o.page.getByRole('button', { name: 'Proponer una decisión sobre este plan' }).count()).toBe(0);
    expect(o.errors).toEqual([]);
    await o.close();
  });
});
