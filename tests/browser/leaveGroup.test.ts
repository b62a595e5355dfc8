/**
 * Leaving a working group from its page, in Chromium: a member asks, confirms and lands home, told they left (not that
 * their access was taken away); the group is gone from their list. The last facilitator is told to name another first.
 */
import { describe, expect, it } from 'vitest';
import { newSignedInPage, useBrowserWorld } from '../helpers/browserSession.js';

describe('leaving a working group', () => {
  const h = useBrowserWorld();

  it('a member leaves after a question and lands home, told so once; the last facilitator cannot leave yet', async () => {
    const fac = await h.world.user('Fátima Facilitadora', 'UNODC');
    const member = await h.world.user('Mario Miembro', 'SSPC');
    const ws = await h.world.workspace(fac.api, 'Mesa de armas de fuego');
    await h.world.addMember(ws, fac.api, member.id, 'member');

    const m = await newSignedInPage(h.browser, h.base, member);
    await m.page.goto(`${h.base}/w/${ws}`);
    await m.page.getByRole('heading', { level: 1, name: 'Mesa de armas de fuego' }).waitFor();
    await m.page.getByRole('button', { name: 'Salir de la mesa' }).click();
    await m.page.getByText('¿Salir de «Mesa de armas de fuego»?', { exact: false }).waitFor();
    await m.page.getByRole('button', { name: 'Sí, salir' }).click();
    await m.page.waitForURL(`${h.base}/`);
    await m.page.getByText('Salió de la mesa «Mesa de armas de fuego».').waitFor();
    // Left by choice: not the warning of someone whose access was taken away.
    await m.page.waitForTimeout(500);
    expect(await m.page.getByText('Ya no tiene acceso a esa mesa', { exact: false }).count()).toBe(0);
    expect(await m.page.getByRole('link', { name: 'Mesa de armas de fuego' }).count()).toBe(0);
    expect((await fac.api.get(`/api/workspaces/${ws}`)).body.members.map((x: { userId: string }) => x.userId)).toEqual([fac.id]);
    // The group page, still open as the answer came, read the group once more (the member:removed event): a 404, the
    // browser's own log line. Nothing else went wrong.
    expect(m.errors.filter((e) => !e.includes('status of 404'))).toEqual([]);

    const f = await newSignedInPage(h.browser, h.base, fac);
    await f.page.goto(`${h.base}/w/${ws}`);
    await f.page.getByRole('button', { name: 'Salir de la mesa' }).click();
    await f.page.getByRole('button', { name: 'Sí, salir' }).click();
    await f.page.getByTestId('leave-group').getByText('La mesa necesita al menos una persona facilitadora.').waitFor();
    expect(new URL(f.page.url()).pathname).toBe(`/w/${ws}`);
    expect((await fac.api.get(`/api/workspaces/${ws}`)).status).toBe(200);
    await m.close();
    await f.close();
  });
});
