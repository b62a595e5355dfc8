/**
 * A person subscribes their calendar to all their meetings: from a meeting's page, «Suscribirse a todas mis
 * reuniones» opens the account menu's «Calendario»; the link is made, shown once with «Copiar», and a calendar app
 * (no session) reads the meeting from it; replacing it warns first and the old link stops working; «Desactivar»
 * switches it off.
 */
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe.js';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

/** What a calendar app gets from `url`: no cookie, no header. */
async function fetchFeed(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: (await res.text()).replace(/\r\n /g, '') };
}

describe('subscribing one’s calendar to all one’s meetings', () => {
  const h = useBrowserWorld();

  it('makes the link from the meeting page, copies it, and a calendar reads the meeting from it; replacing and switching it off', async () => {
    const { world } = h;
    const fac = await world.user('Fátima Facilitadora', 'UNODC');
    const ana = await world.user('Ana Suscrita', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de trata de personas');
    await world.addMember(ws, fac.api, ana.id, 'member');
    const meeting = (await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión de coordinación regional', startsAt: '2027-03-01T16:00:00Z', agenda: [{ title: 'Apertura', minutes: 15 }] })).body.meeting;

    const { page, context, errors, close } = await newSignedInPage(h.browser, h.base, ana);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.base });
    await page.goto(`${h.base}/w/${ws}/meetings/${meeting.id}`);
    await page.getByRole('heading', { level: 1, name: 'Sesión de coordinación regional' }).waitFor();
    await page.getByRole('link', { name: 'Suscribirse a todas mis reuniones' }).click();

    const dialog = page.getByRole('dialog', { name: 'Calendario' });
    await dialog.waitFor();
    await dialog.getByText(/^Un enlace privado para que su calendario/).waitFor();
    await dialog.getByRole('button', { name: 'Crear enlace' }).click();
    const field = dialog.getByLabel('Enlace de suscripción');
    await field.waitFor();
    const url = await field.inputValue();
    expect(url).toMatch(new RegExp(`^${h.base}/api/calendar/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(await field.getAttribute('readonly')).not.toBeNull();
    await dialog.getByText(/^Cópielo ahora: no se vuelve a mostrar/).waitFor();
    await dialog.getByRole('button', { name: 'Copiar' }).click();
    await dialog.getByText('Enlace copiado.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await dialog.getByTestId('calendar-feed-status').getByText(/^Enlace creado: .*2\d{3}/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // What a calendar app fetches from the copied link holds the meeting.
    const feed = await fetchFeed(url);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain(`\r\nUID:${meeting.id}@enlace\r\n`);
    expect(feed.text).toContain('\r\nSUMMARY:Sesión de coordinación regional\r\n');

    // Closed and opened again: the link is not shown any more, only when it was made and last read.
    await dialog.getByRole('button', { name: 'Cerrar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).hash).toBe('');
    await page.locator('.app-header summary', { hasText: 'Ana Suscrita' }).click();
    await page.getByRole('button', { name: 'Calendario' }).click();
    await dialog.getByTestId('calendar-feed-status').getByText(/^Última consulta de un calendario: /).waitFor();
    expect(await dialog.getByLabel('Enlace de suscripción').count()).toBe(0);

    // A new link: it warns that the old one stops working, and it does.
    await dialog.getByRole('button', { name: 'Crear un enlace nuevo' }).click();
    await dialog.getByText(/El enlace actual dejará de funcionar/).waitFor();
    await dialog.getByRole('button', { name: 'Sí, crear uno nuevo' }).click();
    await expect.poll(() => dialog.getByLabel('Enlace de suscripción').inputValue()).not.toBe(url);
    const replacement = await dialog.getByLabel('Enlace de suscripción').inputValue();
    expect((await fetchFeed(url)).status).toBe(404);
    expect((await fetchFeed(replacement)).text).toContain('\r\nSUMMARY:Sesión de coordinación regional\r\n');

    // Switched off: nothing to show, the link answers 404, and a new one can be made again.
    await dialog.getByRole('button', { name: 'Desactivar' }).click();
    await dialog.getByRole('button', { name: 'Sí, desactivarlo' }).click();
    await dialog.getByRole('button', { name: 'Crear enlace' }).waitFor();
    expect(await dialog.getByLabel('Enlace de suscripción').count()).toBe(0);
    expect((await fetchFeed(replacement)).status).toBe(404);
    expect((await ana.api.get('/api/me/calendar-feed')).body).toEqual({ feed: null });

    expect(errors).toEqual([]);
    await close();
  });
});
