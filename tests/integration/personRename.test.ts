/**
 * A person's name changes (an instance admin corrects it, or they change it themselves): their groups' member lists
 * hear `member:updated`, their open plan sockets relabel their carets on every node without a reconnect, comments that
 * mention them are found by the new name, and the admin's correction is in the instance trail with the old name.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';
import { connectEvents, connectYjs, recordEvents, waitFor, waitSynced } from '../helpers/yjsClient.js';

type Body = Record<string, any>;

describe.each(BACKENDS)('renaming a person on $name', (backend) => {
  const h = useServerWorld(backend);

  it('an admin corrects a name: member lists hear it, search follows, the trail keeps the old one', async () => {
    const fac = await h.world.user('Fátima Nombres', 'UNODC');
    const mario = await h.world.user('Maro Ezcrito', 'SSPC');
    const ws = await h.world.workspace(fac.api, 'Mesa de nombres');
    await h.world.addMember(ws, fac.api, mario.id, 'member', true);
    const doc = await h.world.document(fac.api, ws);
    const mention = (await fac.api.post(`/api/documents/${doc}/comments`, { body: `@{${mario.id}} revise el anexo` })).body.comment;
    const events = await connectEvents(h.server.url, fac.api.token!, ws);
    const heard = recordEvents(events, ['member:updated']);
    try {
      const renamed = await h.world.admin.patch(`/api/users/${mario.id}`, { name: '  Mario Escrito ' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toEqual({ user: expect.objectContaining({ id: mario.id, name: 'Mario Escrito', organizationId: h.world.orgs.SSPC.id }), active: true });
      await waitFor(() => heard.some((e) => e.payload.member?.name === 'Mario Escrito'), 5000, 'member:updated with the new name');
      expect(heard.find((e) => e.payload.member?.name === 'Mario Escrito')?.payload.member).toEqual({
        userId: mario.id,
        name: 'Mario Escrito',
        organizationId: h.world.orgs.SSPC.id,
        role: 'member',
        focalPoint: true,
      });
    } finally {
      events.disconnect();
    }
    const members = (await fac.api.get(`/api/workspaces/${ws}`)).body.members as Body[];
    expect(members.find((m) => m.userId === mario.id)?.name).toBe('Mario Escrito');
    expect((await mario.api.get('/api/me')).body.user.name).toBe('Mario Escrito');
    const found = (await fac.api.get('/api/search?q=escrito&type=comment')).body.results as Body[];
    expect(found.map((r) => [r.id, r.snippet])).toEqual([[mention.id, '@Mario Escrito revise el anexo']]);
    expect((await fac.api.get('/api/search?q=ezcrito&type=comment')).body.results).toEqual([]);
    const trail = (await h.world.admin.get('/api/audit?action=user.updated')).body.events as Body[];
    expect(trail.find((e) => e.target.id === mario.id)?.changes).toEqual({ name: { from: 'Maro Ezcrito', to: 'Mario Escrito' } });

    // The same name again: answered, nothing recorded.
    expect((await h.world.admin.patch(`/api/users/${mario.id}`, { name: 'Mario Escrito' })).status).toBe(200);
    const again = (await h.world.admin.get('/api/audit?action=user.updated')).body.events as Body[];
    expect(again.filter((e) => e.target.id === mario.id)).toHaveLength(1);
  });

  it('refuses an empty or too long name, an unknown person and anyone but an admin, changing nothing', async () => {
    const rosa = await h.world.user('Rosa Nombre', 'SSPC');
    for (const name of ['', '   ', 'x'.repeat(201)]) {
      const bad = await h.world.admin.patch(`/api/users/${rosa.id}`, { name });
      expect([bad.status, bad.body.error.details?.[0]?.path], JSON.stringify(name)).toEqual([400, 'name']);
    }
    expect((await rosa.api.patch(`/api/users/${rosa.id}`, { name: 'Rosa Otra' })).status).toBe(403);
    expect((await h.world.admin.patch('/api/users/usr_doesnotexist', { name: 'Nadie' })).status).toBe(404);
    expect((await rosa.api.get('/api/me')).body.user.name).toBe('Rosa Nombre');
  });

  /** Pablo's caret as a colleague sees it, across `change`: relabelled with `to` without a reconnect. */
  async function caretRenamed(change: (pablo: { id: string; api: Body }) => Promise<void>, to: string) {
    const fac = await h.world.user('Fátima Caret', 'UNODC');
    const pablo = await h.world.user('Pablo Viejo', 'SSPC');
    const ws = await h.world.workspace(fac.api, 'Mesa de carets');
    await h.world.addMember(ws, fac.api, pablo.id, 'member');
    const documentId = await h.world.document(fac.api, ws, 'blank');
    const his = connectYjs(h.server.wsUrl, documentId, pablo.api.token);
    const hers = connectYjs(h.server.wsUrl, documentId, fac.api.token);
    try {
      await Promise.all([waitSynced(his), waitSynced(hers)]);
      his.provider.awareness.setLocalStateField('user', { userId: pablo.id, name: 'Pablo Viejo', organizationId: pablo.organizationId, acronym: 'SSPC', color: '#1a73e8' });
      const seen = () => hers.provider.awareness.getStates().get(his.doc.clientID) as { user?: { name?: string; color?: string } } | undefined;
      await waitFor(() => seen()?.user?.name === 'Pablo Viejo', 5000, 'his caret under his old name');
      await change(pablo);
      await waitFor(() => seen()?.user?.name === to, 5000, `his caret relabelled ${to}`);
      expect(seen()?.user).toMatchObject({ userId: pablo.id, acronym: 'SSPC', color: '#1a73e8' });
      await waitFor(() => (his.provider.awareness.getLocalState() as { user?: { name?: string } } | null)?.user?.name === to, 5000, 'his own state relabelled');
    } finally {
      his.destroy();
      hers.destroy();
    }
  }

  it('relabels the caret of an open plan socket when an admin corrects the name', async () => {
    await caretRenamed(async (pablo) => {
      expect((await h.world.admin.patch(`/api/users/${pablo.id}`, { name: 'Pablo Nuevo' })).status).toBe(200);
    }, 'Pablo Nuevo');
  });

  it('relabels it when the person changes their own name', async () => {
    await caretRenamed(async (pablo) => {
      expect((await pablo.api.patch('/api/me', { name: 'Pablo Propio' })).status).toBe(200);
    }, 'Pablo Propio');
  });

  it('records a self-rename with the old name, and a language change alone without one', async () => {
    const sara = await h.world.user('Sara Pripia', 'SSPC');
    expect((await sara.api.patch('/api/me', { name: 'Sara Propia', locale: 'en' })).body.user).toMatchObject({ name: 'Sara Propia', locale: 'en' });
    expect((await sara.api.patch('/api/me', { name: 'Sara Propia' })).status).toBe(200);
    expect((await sara.api.patch('/api/me', { locale: 'es' })).status).toBe(200);
    const trail = (await h.world.admin.get('/api/audit?action=user.updated')).body.events as Body[];
    expect(trail.filter((e) => e.target.id === sara.id).map((e) => e.changes)).toEqual([{ locale: 'es' }, { locale: 'en', name: { from: 'Sara Pripia', to: 'Sara Propia' } }]);
  });

  it('answers the same name and language again without recording or announcing them', async () => {
    const fac = await h.world.user('Fátima Repite', 'UNODC');
    const tere = await h.world.user('Tere Repite', 'SSPC');
    const ws = await h.world.workspace(fac.api, 'Mesa de repeticiones');
    await h.world.addMember(ws, fac.api, tere.id, 'member');
    const events = await connectEvents(h.server.url, fac.api.token!, ws);
    const heard = recordEvents(events, ['member:updated']);
    try {
      const same = { name: 'Teresa Repite', locale: 'en' };
      const sent = [await tere.api.patch('/api/me', same), await tere.api.patch('/api/me', same), await tere.api.patch('/api/me', { locale: 'en' })];
      expect(sent.map((r) => [r.status, r.body.user.name, r.body.user.locale])).toEqual(Array(3).fill([200, same.name, 'en']));
      const recorded = async () => ((await h.world.admin.get('/api/audit?action=user.updated')).body.events as Body[]).filter((e) => e.target.id === tere.id).map((e) => e.changes);
      expect(await recorded()).toEqual([{ locale: 'en', name: { from: 'Tere Repite', to: same.name } }]);
      // A real change is still recorded, and only what it changes.
      expect((await tere.api.patch('/api/me', { name: same.name, locale: 'es' })).body.user.locale).toBe('es');
      expect(await recorded()).toEqual([{ locale: 'es' }, { locale: 'en', name: { from: 'Tere Repite', to: same.name } }]);
      await waitFor(() => heard.length > 0, 5000, 'member:updated for the rename');
      await new Promise((r) => setTimeout(r, 300));
      expect(heard.map((e) => e.payload.member.name)).toEqual([same.name]);
    } finally {
      events.disconnect();
    }
  });
});
