/**
 * GET /api/meetings/:id/calendar.ics: a meeting as an iCalendar event for the participants' own calendars — its
 * start and planned end, agenda and link, in Spanish or English; rescheduling and cancelling raise its SEQUENCE;
 * only the group's members may have it.
 */
import { describe, expect, it } from 'vitest';
import { Api } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { useServerWorld } from '../helpers/serverWorld.js';

/** The unfolded content lines of an .ics text, by property name (first occurrence). */
function properties(ics: string): Record<string, string> {
  const lines = ics.replace(/\r\n /g, '').split('\r\n');
  const out: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at > 0 && !(line.slice(0, at) in out)) out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}

describe.each(BACKENDS)('a meeting in one’s own calendar on $name', (backend) => {
  const h = useServerWorld(backend);

  it('gives the event with its planned end, agenda and link, follows reschedules and cancelling, and only to members', async () => {
    const { world } = h;
    const fac = await world.user('Fátima Calendario', 'UNODC');
    const member = await world.user('Marco Calendario', 'SSPC');
    const outsider = await world.user('Xavier Calendario', 'FGE-CHIH');
    const ws = await world.workspace(fac.api, 'Mesa de trata, Norte');
    await world.addMember(ws, fac.api, member.id, 'member');
    await world.workspace(outsider.api, 'Otra mesa');
    const agenda = [{ title: 'Apertura', minutes: 10 }, { title: 'Rutas; casos, y seguimiento', minutes: 35 }, { title: 'Asuntos generales' }];
    const created = await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión ordinaria, marzo', startsAt: '2027-03-04T17:30:00Z', agenda });
    expect(created.status).toBe(201);
    const id = created.body.meeting.id as string;

    const res = await member.api.request<string>('GET', `/api/meetings/${id}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('.ics');
    expect(res.body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(res.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const p = properties(res.body);
    expect(p.UID).toBe(`${id}@enlace`);
    expect(p.DTSTART).toBe('20270304T173000Z');
    // 10 + 35 minutes of time boxes: the item without one adds nothing.
    expect(p.DTEND).toBe('20270304T181500Z');
    expect(p.SUMMARY).toBe('Sesión ordinaria\\, marzo');
    expect(p.SEQUENCE).toBe('0');
    expect(p.STATUS).toBe('CONFIRMED');
    expect(p.DESCRIPTION).toBe(
      `Mesa: Mesa de trata\\, Norte\\n\\nOrden del día:\\n1. Apertura (10 min)\\n2. Rutas\\; casos\\, y seguimiento (35 min)\\n3. Asuntos generales\\n\\nEn Enlace: ${p.URL}`,
    );
    expect(p.URL).toMatch(new RegExp(`/w/${ws}/meetings/${id}$`));

    const english = properties((await member.api.request<string>('GET', `/api/meetings/${id}/calendar.ics?lang=en`)).body);
    expect(english.DESCRIPTION.startsWith('Working group: Mesa de trata\\, Norte\\n\\nAgenda:\\n1. Apertura')).toBe(true);

    // A new start is a new version of the same event.
    expect((await fac.api.patch(`/api/meetings/${id}`, { startsAt: '2027-03-05T16:00:00Z', agenda: [{ title: 'Apertura' }] })).status).toBe(200);
    const moved = properties((await member.api.request<string>('GET', `/api/meetings/${id}/calendar.ics`)).body);
    expect(moved).toMatchObject({ UID: `${id}@enlace`, DTSTART: '20270305T160000Z', DTEND: '20270305T170000Z', SEQUENCE: '1' });
    expect((await fac.api.post(`/api/meetings/${id}/cancel`)).status).toBe(200);
    const cancelled = properties((await member.api.request<string>('GET', `/api/meetings/${id}/calendar.ics`)).body);
    expect(cancelled).toMatchObject({ STATUS: 'CANCELLED', SEQUENCE: '2' });

    // Need-to-know: someone outside the group is told there is no such meeting; a bad language is refused.
    const outside = await outsider.api.request('GET', `/api/meetings/${id}/calendar.ics`);
    expect(outside.status).toBe(404);
    expect(JSON.stringify(outside.body)).not.toContain('Sesión ordinaria');
    expect((await member.api.request('GET', `/api/meetings/${id}/calendar.ics?lang=fr`)).status).toBe(400);
    expect((await new Api(h.server.url).request('GET', `/api/meetings/${id}/calendar.ics`)).status).toBe(401);
  });
});
