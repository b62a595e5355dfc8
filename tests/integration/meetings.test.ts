import { afterEach, describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectEvents, recordEvents, waitFor } from '../helpers/yjsClient.js';

/** Reads one entry of a zip (central directory walk; deflate or stored). */
function zipEntry(zip: Buffer, name: string): string | undefined {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let off = zip.readUInt32LE(eocd + 16);
  const count = zip.readUInt16LE(eocd + 10);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(off + 10);
    const size = zip.readUInt32LE(off + 20);
    const nameLen = zip.readUInt16LE(off + 28);
    const extra = zip.readUInt16LE(off + 30);
    const comment = zip.readUInt16LE(off + 32);
    const local = zip.readUInt32LE(off + 42);
    const entry = zip.subarray(off + 46, off + 46 + nameLen).toString();
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    off += 46 + nameLen + extra + comment;
  }
  return undefined;
}

describe.each(BACKENDS)('meetings on $name', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('runs a live meeting and freezes minutes with decisions, stances and attendance in md, docx and pdf', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const fac = await world.user('Fátima', 'UNODC');
    const focal = await world.user('Fernando', 'SSPC');
    const outsider = await world.user('Xavier', 'FGE-CHIH');
    const ws = await world.workspace(fac.api);
    await world.addMember(ws, fac.api, focal.id, 'member', true);
    await world.document(fac.api, ws);
    const created = await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión ordinaria', startsAt: '2027-02-01T16:00:00Z', agenda: [{ title: 'Acuerdos', minutes: 20 }, { title: 'Plan', minutes: 30 }] });
    expect(created.status).toBe(201);
    const m = created.body.meeting;
    // Minutes are as exact as a start time needs; an offset other than Z is taken; no time zone, or no such day, is not.
    const inMexicoCity = await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Extraordinaria', startsAt: '2027-02-01T10:00-06:00', agenda: [] });
    expect(inMexicoCity.status).toBe(201);
    expect(inMexicoCity.body.meeting.startsAt).toBe('2027-02-01T16:00:00.000Z');
    for (const startsAt of ['2027-02-01T10:00', '2027-02-30T10:00Z', 'mañana']) {
      const refused = await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Mal fechada', startsAt, agenda: [] });
      expect(refused.status, startsAt).toBe(400);
      expect(refused.body.error.details[0].path).toBe('startsAt');
    }
    expect((await focal.api.post(`/api/meetings/${m.id}/start`)).status).toBe(403);
    const events = await connectEvents(server.url, focal.api.token!, ws);
    const seen = recordEvents(events, ['meeting:updated', 'version:created']);
    const started = (await fac.api.post(`/api/meetings/${m.id}/start`)).body.meeting;
    expect(started).toMatchObject({ status: 'live', currentItem: 0 });
    expect(Date.parse(started.currentItemStartedAt)).not.toBeNaN();
    await new Promise((r) => setTimeout(r, 5)); // the clock must move for the item change to show a later start
    const moved = (await fac.api.put(`/api/meetings/${m.id}/current-item`, { index: 1 })).body.meeting;
    expect(moved.currentItem).toBe(1);
    expect(Date.parse(moved.currentItemStartedAt)).toBeGreaterThan(Date.parse(started.currentItemStartedAt));
    expect((await fac.api.put(`/api/meetings/${m.id}/current-item`, { index: 5 })).status).toBe(400);
    await fac.api.put(`/api/meetings/${m.id}/attendance`, { organizationIds: [world.orgs.SSPC.id, world.orgs.UNODC.id] });
    await waitFor(() => seen.some((e) => e.payload.meeting.currentItem === 1), 5000, 'everyone follows the current item');
    const d = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Calendario de operativos', meetingId: m.id })).body.decision;
    await focal.api.put(`/api/decisions/${d.id}/stances/${world.orgs.SSPC.id}`, { stance: 'agree_with_conditions', reason: 'Con presupuesto' });
    await fac.api.patch(`/api/decisions/${d.id}`, { status: 'agreed' });
    await fac.api.post(`/api/decisions/${d.id}/actions`, { title: 'Circular el calendario', ownerOrganizationId: world.orgs.SSPC.id, dueDate: '2027-02-15' });
    const closed = await fac.api.post(`/api/meetings/${m.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.meeting.status).toBe('closed');
    expect(closed.body.meeting.minutes.versionIds).toHaveLength(1);
    // Each plan's meeting version is told as every version is: the whole version object, as GET /api/versions/:id has it.
    await waitFor(() => seen.some((e) => e.event === 'version:created'), 5000, 'version:created for the meeting version');
    const told = seen.find((e) => e.event === 'version:created')!.payload;
    const stored = (await focal.api.get(`/api/versions/${closed.body.meeting.minutes.versionIds[0]}`)).body.version;
    expect(told.version).toEqual({ ...stored, kind: 'meeting', meetingId: m.id });
    expect(told.documentId).toBe(told.version.documentId);
    expect((await fac.api.post(`/api/meetings/${m.id}/close`)).status).toBe(409);

    const md = await focal.api.request('GET', `/api/meetings/${m.id}/minutes?format=md&lang=es`);
    expect(md.status).toBe(200);
    const text = String(md.body);
    expect(text).toContain('D-1');
    expect(text).toContain('Calendario de operativos');
    expect(text).toContain('SSPC');
    expect(text).toContain('De acuerdo con condiciones');
    expect(text).toContain('Circular el calendario');
    const en = String((await focal.api.request('GET', `/api/meetings/${m.id}/minutes?format=md&lang=en`)).body);
    expect(en).toContain('Agree with conditions');
    const docx = await fetch(`${server.url}/api/meetings/${m.id}/minutes?format=docx&lang=en`, { headers: { authorization: `Bearer ${focal.api.token}` } });
    expect(docx.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.docx"/);
    const xml = zipEntry(Buffer.from(await docx.arrayBuffer()), 'word/document.xml');
    expect(xml).toContain('Calendario de operativos');
    const pdf = await fetch(`${server.url}/api/meetings/${m.id}/minutes?format=pdf`, { headers: { authorization: `Bearer ${focal.api.token}` } });
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
    for (const path of [`/api/meetings/${m.id}`, `/api/meetings/${m.id}/minutes`, `/api/workspaces/${ws}/meetings`]) expect((await outsider.api.get(path)).status).toBe(404);
    expect((await outsider.api.post(`/api/meetings/${m.id}/close`)).status).toBe(404);
    events.close();
  });

  it('an item picked before the start opens the meeting, and its clock starts with the meeting, not before', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const fac = await world.user('Fátima', 'UNODC');
    const ws = await world.workspace(fac.api);
    const m = (await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión', startsAt: '2027-02-01T16:00:00Z', agenda: [{ title: 'Apertura' }, { title: 'Seguimiento', minutes: 10 }] })).body.meeting;
    const picked = (await fac.api.put(`/api/meetings/${m.id}/current-item`, { index: 1 })).body.meeting;
    expect(picked).toMatchObject({ status: 'scheduled', currentItem: 1, currentItemStartedAt: null });
    await new Promise((r) => setTimeout(r, 20));
    const started = (await fac.api.post(`/api/meetings/${m.id}/start`)).body.meeting;
    expect(started).toMatchObject({ status: 'live', currentItem: 1 });
    expect(started.currentItemStartedAt).toBe(started.startedAt);
    // A second start keeps the running item's clock.
    await new Promise((r) => setTimeout(r, 20));
    expect((await fac.api.post(`/api/meetings/${m.id}/start`)).body.meeting.currentItemStartedAt).toBe(started.currentItemStartedAt);
  });

  it('freezes what the close knew: a hidden stance reads as recorded and hidden, and later renames leave the minutes as they were', async () => {
    server = await startTestServer(await backend.fresh());
    const world = await createWorld(server.url);
    const fac = await world.user('Fátima', 'UNODC');
    const focal = await world.user('Fernando', 'SSPC');
    const ws = await world.workspace(fac.api, 'Mesa de armas');
    await world.addMember(ws, fac.api, focal.id, 'member', true);
    const m = (await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión reservada', startsAt: '2027-02-01T16:00:00Z', agenda: [{ title: 'Votación' }] })).body.meeting;
    await fac.api.post(`/api/meetings/${m.id}/start`);
    await fac.api.put(`/api/meetings/${m.id}/attendance`, { organizationIds: [world.orgs.UNODC.id, world.orgs.SSPC.id] });
    const d = (await fac.api.post(`/api/workspaces/${ws}/decisions`, { title: 'Votación reservada', stanceVisibility: 'hidden_until_closed', meetingId: m.id })).body.decision;
    expect((await focal.api.put(`/api/decisions/${d.id}/stances/${world.orgs.SSPC.id}`, { stance: 'object', reason: 'motivo reservado' })).status).toBe(200);
    expect((await fac.api.post(`/api/meetings/${m.id}/close`)).status).toBe(200);

    const minutes = async () => (await fac.api.get<string>(`/api/meetings/${m.id}/minutes?format=md&lang=es`)).body;
    const before = await minutes();
    const sspcRow = before.split('\n').find((line) => line.startsWith('|') && line.includes('SSPC'));
    expect(sspcRow).toContain('Registrada (oculta hasta cerrar la decisión)');
    expect(before).toContain('ocultas hasta cerrar la decisión: 1');
    expect(before).not.toContain('Objeción: 1');
    expect(before).not.toContain('motivo reservado');
    const frozen = (await fac.api.get(`/api/meetings/${m.id}`)).body.meeting.minutes;
    expect(frozen.decisions[0]).toMatchObject({ stances: [], hiddenStances: [world.orgs.SSPC.id] });
    expect(frozen.workspaceName).toBe('Mesa de armas');

    expect((await fac.api.patch(`/api/workspaces/${ws}`, { name: 'Mesa renombrada' })).status).toBe(200);
    expect((await world.admin.patch(`/api/organizations/${world.orgs.SSPC.id}`, { name: 'Secretaría con otro nombre', acronym: 'SSPC-2' })).status).toBe(200);
    expect(await minutes()).toBe(before);
    expect(before).toContain('Mesa de armas');
  });
});
