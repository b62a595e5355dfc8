/**
 * An audited export leaves only once its audit event is committed: whoever holds the file is on the trail. The
 * commit is slowed on purpose (a deferred trigger that sleeps at commit time), so a file sent before the commit, as
 * raw routes once did, arrives while the event is still invisible.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema.js';
import { createWorld, type Api, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe.each(BACKENDS)('audited exports on $name', (backend) => {
  let server: TestServer;
  let world: World;
  let ana: Api;
  let ws: string;
  let plan: string;

  const eventsOf = async (action: string, workspaceId: string | null) => {
    const scope = workspaceId ? eq(auditEvents.workspaceId, workspaceId) : sql`${auditEvents.workspaceId} is null`;
    const [row] = await server.services.database.db.select({ n: count() }).from(auditEvents).where(and(scope, eq(auditEvents.action, action)));
    return row.n;
  };
  const download = async (path: string, api: Api) => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${api.token}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    world = await createWorld(server.url);
    ana = (await world.user('Ana Facilitadora', 'SSPC')).api;
    ws = await world.workspace(ana, 'Mesa de armas');
    plan = await world.document(ana, ws);
    const { db } = server.services.database;
    await db.execute(sql.raw('create function slow_commit() returns trigger language plpgsql as $$ begin perform pg_sleep(0.3); return null; end $$'));
    await db.execute(sql.raw('create constraint trigger slow_commit after insert on audit_events deferrable initially deferred for each row execute function slow_commit()'));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends a group’s trail as CSV only after the export’s audit event is stored', async () => {
    const file = await download(`/api/workspaces/${ws}/audit.csv?lang=en`, ana);
    expect(file.subarray(3).toString('utf8')).toMatch(/^id,at_utc,actor_id/);
    expect(await eventsOf('audit.exported', ws)).toBe(1);
  });

  it('sends the instance’s trail only after its audit event is stored', async () => {
    const file = await download('/api/audit.csv?lang=en', world.admin);
    expect(file.subarray(3).toString('utf8')).toMatch(/^id,at_utc,actor_id/);
    expect(await eventsOf('audit.exported', null)).toBe(1);
  });

  it('sends a plan’s export only after its audit event is stored', async () => {
    const markdown = (await download(`/api/documents/${plan}/export?format=md`, ana)).toString('utf8');
    expect(markdown).toMatch(/^# /);
    expect(await eventsOf('document.exported', ws)).toBe(1);
    const json = JSON.parse((await download(`/api/documents/${plan}/export?format=json`, ana)).toString('utf8'));
    expect(Object.keys(json)).toEqual(['title', 'body', 'activities', 'version']);
    expect(await eventsOf('document.exported', ws)).toBe(2);
  });

  it('answers HEAD on an export with its headers, without rendering it or writing a trace', async () => {
    const before = await eventsOf('document.exported', ws);
    for (const format of ['md', 'pdf', 'docx', 'json']) {
      const res = await fetch(`${server.url}/api/documents/${plan}/export?format=${format}`, { method: 'HEAD', headers: { authorization: `Bearer ${ana.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(new RegExp(`attachment;.*\\.${format}`));
      expect(res.headers.get('content-type')).toMatch(format === 'pdf' ? /application\/pdf/ : /./);
      expect((await res.arrayBuffer()).byteLength).toBe(0);
    }
    const csv = await fetch(`${server.url}/api/workspaces/${ws}/audit.csv`, { method: 'HEAD', headers: { authorization: `Bearer ${ana.token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    // The trail's stream is dropped unread (Fastify drained it to its end, answering without a length).
    expect(csv.headers.get('content-length')).toBe('0');
    expect(await eventsOf('document.exported', ws)).toBe(before);
    expect(await eventsOf('audit.exported', ws)).toBe(1);
    // A stranger's HEAD is refused like their GET.
    const stranger = (await world.user('Luis Externo', 'FGR')).api;
    const refused = await fetch(`${server.url}/api/documents/${plan}/export?format=md`, { method: 'HEAD', headers: { authorization: `Bearer ${stranger.token}` } });
    expect(refused.status).toBe(404);
  });
});
