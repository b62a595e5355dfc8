/**
 * A decision half typed in a live meeting survives the facilitator moving on: the form stays on the item it was
 * started for and says so, records it there, or lets it go for the item under way. An empty form follows the meeting.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

/** Waits until the page's agenda shows `title` as the item under way. */
const waitForItem = (page: Page, title: string) => page.getByTestId('meeting-agenda').locator('[aria-current="step"]').getByText(title).waitFor({ timeout: 5000 });

describe('a meeting decision being typed when the item changes', () => {
  const h = useBrowserWorld();

  it('keeps the typed decision on its item, records it, then follows the meeting; or discards it on request', async () => {
    const { world } = h;
    const fac = await world.user('Fabiola Facilitadora', 'UNODC');
    const ana = await world.user('Ana Participa', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de trata de personas');
    await world.addMember(ws, fac.api, ana.id, 'member', true);
    const created = await fac.api.post(`/api/workspaces/${ws}/meetings`, {
      title: 'Sesión con texto en curso',
      startsAt: '2027-03-01T16:00:00Z',
      agenda: [{ title: 'Tema A' }, { title: 'Tema B' }, { title: 'Tema C' }],
    });
    const meetingId: string = created.body.meeting.id;
    expect((await fac.api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    const url = `${h.base}/w/${ws}/meetings/${meetingId}`;

    const facilitator = await newSignedInPage(h.browser, h.base, fac);
    const participant = await newSignedInPage(h.browser, h.base, ana);
    await facilitator.page.goto(url);
    await participant.page.goto(url);
    await waitForItem(facilitator.page, 'Tema A');
    await waitForItem(participant.page, 'Tema A');
    const next = facilitator.page.getByRole('button', { name: /Siguiente/ });
    const page = participant.page;
    const form = page.getByRole('form', { name: 'Registrar una decisión de este punto' });
    const title = form.getByLabel(/^Título/);
    const body = form.getByLabel('Texto de la propuesta');
    const notice = page.getByRole('status').filter({ hasText: 'Esta decisión es del punto' });

    // Ana types a decision for «Tema A» (its details too); the facilitator moves on meanwhile.
    await expect(title.inputValue()).resolves.toBe('Tema A');
    await title.fill('Tema A: se acuerda crear el protocolo conjunto con la fiscalía');
    await form.getByText(/^Más detalles/).click();
    await body.fill('Redacción acordada palabra por palabra en la sala.');
    await next.click();
    await waitForItem(page, 'Tema B');
    await expect(title.inputValue()).resolves.toBe('Tema A: se acuerda crear el protocolo conjunto con la fiscalía');
    await expect(body.inputValue()).resolves.toBe('Redacción acordada palabra por palabra en la sala.');
    await notice.waitFor({ timeout: 5000 });
    expect(await notice.innerText()).toBe('Esta decisión es del punto «Tema A»; la reunión ya pasó a «Tema B». Puede registrarla igual: quedará en esta reunión.');

    // Recorded as typed, in this meeting; the form then starts afresh from the item under way.
    await form.getByRole('button', { name: 'Registrar decisión' }).click();
    await page.getByTestId('meeting-decisions').getByText('Tema A: se acuerda crear el protocolo conjunto con la fiscalía').waitFor({ timeout: 5000 });
    const decisions = (await fac.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions;
    expect(decisions).toMatchObject([{ title: 'Tema A: se acuerda crear el protocolo conjunto con la fiscalía', body: 'Redacción acordada palabra por palabra en la sala.', meetingId }]);
    await expect.poll(() => title.inputValue(), { timeout: 5000 }).toBe('Tema B');
    expect(await notice.count()).toBe(0);

    // Untouched, the form follows the meeting to the next item, with nothing to say about it.
    await next.click();
    await waitForItem(page, 'Tema C');
    await expect.poll(() => title.inputValue(), { timeout: 5000 }).toBe('Tema C');
    expect(await notice.count()).toBe(0);

    // Typed again, then the meeting goes back: the person may let the draft go and take up the item under way.
    await title.fill('Borrador que ya no hace falta');
    await facilitator.page.getByRole('button', { name: /Anterior/ }).click();
    await waitForItem(page, 'Tema B');
    await notice.waitFor({ timeout: 5000 });
    expect(await notice.innerText()).toBe('Esta decisión es del punto «Tema C»; la reunión ya pasó a «Tema B». Puede registrarla igual: quedará en esta reunión.');
    await expect(title.inputValue()).resolves.toBe('Borrador que ya no hace falta');
    await page.getByRole('button', { name: 'Descartarla y pasar a «Tema B»' }).click();
    await expect(title.inputValue()).resolves.toBe('Tema B');
    expect(await notice.count()).toBe(0);
    // The keyboard lands in the fresh form's title, not at the top of the page.
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await fac.api.get(`/api/workspaces/${ws}/decisions`)).body.decisions).toHaveLength(1);

    expect(facilitator.errors).toEqual([]);
    expect(participant.errors).toEqual([]);
    await facilitator.close();
    await participant.close();
  });
});
