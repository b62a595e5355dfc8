/**
 * A person's calendar subscription link: made, shown again without its token, replaced and switched off, every
 * change audited; the feed (no session, the link is the credential) lists exactly the meetings of the groups the
 * person is in at each fetch, from 30 days back, each event as the meeting's own .ics has it; a replaced, switched
 * off or deactivated person's link is a 404; the token is stored only as its hash and never logged.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.js';
import { auditEvents, calendarFeeds } from '../../db/schema.js';
import { Api, createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { useServerWorld } from '../helpers/serverWorld.js';

const DAY = 24 * 3600_000;

/** The VEVENT blocks of an .ics text, unfolded, each as its content lines. */
function events(ics: string): string[][] {
  const lines = ics.replace(/\r\n /g, '').split('\r\n');
  const out: string[][] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT' && current) {
      out.push(current);
      current = undefined;
    } else current?.push(line);
  }
  return out;
}

/** One property of an event's lines. */
const prop = (event: string[], name: string) => event.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);
/** The events' summaries, sorted. */
const titles = (ics: string) => events(ics).map((e) => prop(e, 'SUMMARY') ?? '').sort();
/** The feed path of a subscription URL. */
const pathOf = (url: string) => new URL(url).pathname;

describe.each(BACKENDS)('a calendar subscription feed on $name', (backend) => {
  const h = useServerWorld(backend);

  it('is made, shown without its token, replaced and switched off; it lists the meetings of the groups one is in now', async () => {
    const { world, server } = h;
    const db = server.services.database.db;
    const anon = new Api(server.url);
    const fac = await world.user('Fátima Suscripción', 'UNODC');
    const member = await world.user('Marco Suscripción', 'SSPC');
    const stranger = await world.user('Xavier Suscripción', 'FGR');
    const north = await world.workspace(fac.api, 'Mesa Norte');
    const south = await world.workspace(fac.api, 'Mesa Sur');
    const elsewhere = await world.workspace(stranger.api, 'Mesa ajena');
    await world.addMember(north, fac.api, member.id, 'member');
    await world.addMember(south, fac.api, member.id, 'observer');
    const meet = async (api: Api, ws: string, title: string, startsAt: Date) => {
      const res = await api.post(`/api/workspaces/${ws}/meetings`, { title, startsAt: startsAt.toISOString(), agenda: [{ title: 'Apertura', minutes: 20 }] });
      expect(res.status).toBe(201);
      return res.body.meeting.id as string;
    };
    const now = Date.now();
    const upcoming = await meet(fac.api, north, 'Sesión Norte, próxima', new Date(now + 7 * DAY));
    const lastWeek = await meet(fac.api, north, 'Sesión Norte, pasada', new Date(now - 10 * DAY));
    await meet(fac.api, north, 'Sesión Norte, antigua', new Date(now - 40 * DAY));
    await meet(fac.api, south, 'Sesión Sur', new Date(now + 3 * DAY));
    const calledOff = await meet(fac.api, south, 'Sesión Sur, cancelada', new Date(now + 5 * DAY));
    expect((await fac.api.post(`/api/meetings/${calledOff}/cancel`)).status).toBe(200);
    await meet(stranger.api, elsewhere, 'Sesión ajena', new Date(now + 2 * DAY));

    expect((await member.api.get('/api/me/calendar-feed')).body).toEqual({ feed: null });
    // An Idempotency-Key is not honoured here: the answer holds the token, and a stored answer would keep it.
    const made = await member.api.request('POST', '/api/me/calendar-feed', {}, { 'idempotency-key': 'feed-key-1' });
    expect(made.status).toBe(201);
    expect(made.body.feed).toEqual({ createdAt: expect.any(String), lastUsedAt: null });
    const url = made.body.url as string;
    expect(url).toMatch(new RegExp(`^${server.services.config.publicOrigin}/api/calendar/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
    const token = /feeds\/([^/]+)\.ics$/.exec(url)![1];

    // Shown again without the link.
    const shown = await member.api.get('/api/me/calendar-feed');
    expect(shown.body).toEqual({ feed: { createdAt: made.body.feed.createdAt, lastUsedAt: null } });
    expect(JSON.stringify(shown.body)).not.toContain(token);

    // Only the hash is stored: in the feed's row, and nowhere an idempotent answer could have kept the link.
    const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, member.id));
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('base64url'));
    expect(row.tokenHash).not.toContain(token);
    const kept = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from idempotent_requests where response like ${'%' + token + '%'}`));
    expect(kept[0].n).toBe(0);

    // Signed out, no header: the link is enough.
    const feed = await anon.request<string>('GET', pathOf(url));
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(feed.headers.get('cache-control')).toBe('private, no-store');
    expect(feed.headers.get('set-cookie')).toBeNull();
    expect(feed.body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(feed.body).toContain('\r\nX-WR-CALNAME:Reuniones de Enlace\r\n');
    expect(titles(feed.body)).toEqual(['Sesión Norte\\, pasada', 'Sesión Norte\\, próxima', 'Sesión Sur', 'Sesión Sur\\, cancelada']);
    const byUid = new Map(events(feed.body).map((e) => [prop(e, 'UID'), e]));
    expect(prop(byUid.get(`${calledOff}@enlace`)!, 'STATUS')).toBe('CANCELLED');
    expect(prop(byUid.get(`${calledOff}@enlace`)!, 'SEQUENCE')).toBe('1');
    expect(prop(byUid.get(`${lastWeek}@enlace`)!, 'STATUS')).toBe('CONFIRMED');

    // Each event is the meeting's own .ics event, UID and SEQUENCE included (a calendar that imported one keeps one).
    expect((await fac.api.patch(`/api/meetings/${upcoming}`, { title: 'Sesión Norte, próxima (corregida)' })).status).toBe(200);
    const single = events((await member.api.request<string>('GET', `/api/meetings/${upcoming}/calendar.ics`)).body)[0];
    const inFeed = events((await anon.request<string>('GET', pathOf(url))).body).find((e) => prop(e, 'UID') === `${upcoming}@enlace`)!;
    const withoutStamp = (e: string[]) => e.filter((l) => !l.startsWith('DTSTAMP:'));
    expect(withoutStamp(inFeed)).toEqual(withoutStamp(single));
    expect(prop(inFeed, 'SEQUENCE')).toBe('1');

    // In English when asked; a fetch is shown to its owner as the link's last use.
    const english = await anon.request<string>('GET', `${pathOf(url)}?lang=en`);
    expect(english.body).toContain('\r\nX-WR-CALNAME:Enlace meetings\r\n');
    expect(prop(events(english.body)[0], 'DESCRIPTION')).toMatch(/^Working group: Mesa/);
    expect((await member.api.get('/api/me/calendar-feed')).body.feed.lastUsedAt).toEqual(expect.any(String));

    // Removed from a group: its meetings leave the feed at the next fetch.
    expect((await fac.api.delete(`/api/workspaces/${south}/members/${member.id}`)).status).toBe(204);
    expect(titles((await anon.request<string>('GET', pathOf(url))).body)).toEqual(['Sesión Norte\\, pasada', 'Sesión Norte\\, próxima (corregida)']);

    // Replaced: the old link is a 404 in the contract's shape, the new one works.
    const again = await member.api.post('/api/me/calendar-feed');
    expect(again.status).toBe(201);
    expect(again.body.url).not.toBe(url);
    const old = await anon.request('GET', pathOf(url));
    expect(old.status).toBe(404);
    expect(old.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect((await anon.request('GET', pathOf(again.body.url))).status).toBe(200);
    expect((await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, member.id))).length).toBe(1);

    // Switched off: 404, and nothing left to show.
    expect((await member.api.delete('/api/me/calendar-feed')).status).toBe(204);
    expect((await anon.request('GET', pathOf(again.body.url))).status).toBe(404);
    expect((await member.api.get('/api/me/calendar-feed')).body).toEqual({ feed: null });
    expect((await member.api.delete('/api/me/calendar-feed')).status).toBe(204);

    // Every change is in the trail, made by the person, without the token.
    const trail = await db.select().from(auditEvents).where(sql`${auditEvents.action} like 'user.calendar_feed_%' and ${auditEvents.target}->>'id' = ${member.id}`).orderBy(auditEvents.id);
    expect(trail.map((e) => [e.action, e.actorId])).toEqual([
      ['user.calendar_feed_created', member.id],
      ['user.calendar_feed_rotated', member.id],
      ['user.calendar_feed_revoked', member.id],
    ]);
    expect(JSON.stringify(trail)).not.toContain(token);
  });

  it('answers 404 for a deactivated person’s link and for links that never existed', async () => {
    const { world, server } = h;
    const anon = new Api(server.url);
    const fac = await world.user('Fabián Baja', 'UNODC');
    const leaving = await world.user('Lorena Baja', 'FGR');
    const ws = await world.workspace(fac.api, 'Mesa de la baja');
    await world.addMember(ws, fac.api, leaving.id, 'member');
    await fac.api.post(`/api/workspaces/${ws}/meetings`, { title: 'Sesión de la baja', startsAt: '2027-06-01T16:00:00Z', agenda: [] });
    const path = pathOf((await leaving.api.post('/api/me/calendar-feed')).body.url);
    expect(titles((await anon.request<string>('GET', path)).body)).toEqual(['Sesión de la baja']);

    expect((await world.admin.patch(`/api/users/${leaving.id}`, { active: false })).status).toBe(200);
    const gone = await anon.request('GET', path);
    expect(gone.status).toBe(404);
    expect(JSON.stringify(gone.body)).not.toContain('Sesión de la baja');
    for (const unknown of ['/api/calendar/feeds/no-such-feed-token-0000000.ics', '/api/calendar/feeds/short.ics']) {
      const res = await anon.request('GET', unknown);
      expect(res.status, unknown).toBe(404);
      expect((res.body as { error: { code: string } }).error.code).toBe('not_found');
    }
    // A session does not stand in for the link, nor a link for a session.
    expect((await anon.request('GET', '/api/me', undefined, { authorization: `Bearer ${path.slice(20, -4)}` })).status).toBe(401);
  });
});

describe('a calendar feed’s link in the log and against guessing', () => {
  let server: TestServer;
  const logged: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ limits: { loginFailures: 1 }, logDestination: { write: (line) => void logged.push(line) } });
  });
  afterAll(() => server?.close());

  it('never writes the token to the log, and refuses an address after repeated unknown links', async () => {
    const world = await createWorld(server.url);
    const person = await world.user('Lucía Registro', 'SSPC');
    const url = (await person.api.post('/api/me/calendar-feed')).body.url as string;
    const token = /feeds\/([^/]+)\.ics$/.exec(url)![1];
    const anon = new Api(server.url);
    expect((await anon.request('GET', `${pathOf(url)}?lang=en`)).status).toBe(200);
    // What would quote the address: Fastify's request fields, an error about the request, a message naming it.
    server.app.log.info({ req: { method: 'GET', url: pathOf(url), headers: {} } }, 'incoming request');
    server.app.log.warn({ err: new Error(`Reply was already sent, in the "${pathOf(url)}" route`) }, 'reply error');
    server.app.log.warn(`fetched ${url}`);
    const text = logged.join('');
    expect(text).toContain('/api/calendar/feeds/[redacted]');
    expect(text).not.toContain(token);

    // Unknown links from one address: five (the sign-up bound for one allowed sign-in failure), then 429 for the next
    // unknown one, while a good link from the same address is still served (a calendar service polls many from one).
    for (let i = 0; i < 5; i++) expect((await anon.request('GET', `/api/calendar/feeds/guess-${i}-000000000000000000000.ics`)).status).toBe(404);
    const refused = await anon.request('GET', '/api/calendar/feeds/guess-5-000000000000000000000.ics');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((refused.body as { error: { code: string } }).error.code).toBe('rate_limited');
    const stillServed = await anon.request('GET', pathOf(url));
    expect(stillServed.status).toBe(200);
    expect(String(stillServed.body)).toContain('BEGIN:VCALENDAR');
    expect(logged.join('')).not.toContain(token);
  });
});
