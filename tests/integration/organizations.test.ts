/**
 * Organizations: creation accepts a duplicate acronym (the contract's route; the web app warns first); a change may not
 * take another's acronym (case-insensitive, trimmed), checked under a lock so concurrent renames cannot both pass;
 * duplicates already stored are left alone; instance admins change an organization with PATCH, audited from → to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../../db/schema.js';
import { createWorld, type World } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

type Body = Record<string, any>;

describe.each(BACKENDS)('organizations on $name', (backend) => {
  let server: TestServer;
  let world: World;
  let fgr: Body;

  beforeAll(async () => {
    server = await startTestServer(await backend.fresh());
    world = await createWorld(server.url);
    fgr = (await world.admin.patch(`/api/organizations/${world.orgs.FGR.id}`, { name: 'Fiscalía General de la República' })).body.organization;
  });
  afterAll(() => server?.close());

  it('creates a second organization with an acronym in use (the contract’s route; the web app warns first)', async () => {
    expect(fgr.name).toBe('Fiscalía General de la República');
    const res = await world.admin.post('/api/organizations', { name: 'Fiscalía General (delegación)', acronym: ' fgr ', level: 'federal' });
    expect(res.status).toBe(201);
    const stored = (await world.admin.get('/api/organizations')).body.organizations.filter((o: Body) => o.acronym.trim().toLowerCase() === 'fgr');
    expect(stored.map((o: Body) => o.name).sort()).toEqual(['Fiscalía General (delegación)', 'Fiscalía General de la República']);
  });

  it('lets only one of several simultaneous renames to the same acronym through', async () => {
    const created = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => world.admin.post('/api/organizations', { name: `Unidad de Inteligencia Financiera ${i}`, acronym: `UIF-${i}`, level: 'federal' })),
    );
    const attempts = await Promise.all(
      created.map((c, i) => world.admin.patch(`/api/organizations/${c.body.organization.id}`, { acronym: ['UIF', 'uif', ' UIF', 'Uif', 'UIF '][i] })),
    );
    expect(attempts.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const winner = attempts.find((r) => r.status === 200)!.body.organization;
    for (const r of attempts.filter((a) => a.status === 409)) expect(r.body.error.message).toBe(`An organization with acronym ${winner.acronym.trim()} already exists: ${winner.name}`);
    const stored = (await world.admin.get('/api/organizations')).body.organizations.filter((o: Body) => o.acronym.trim().toLowerCase() === 'uif');
    expect(stored).toHaveLength(1);
  });

  it('changes an organization for instance admins only, with the rules of creation, audited from → to', async () => {
    const chih = world.orgs['FGE-CHIH'].id;
    const res = await world.admin.patch(`/api/organizations/${chih}`, { name: 'Fiscalía General del Estado de Chihuahua', acronym: 'FGE CHIH', stateCode: null });
    expect(res.status).toBe(200);
    expect(res.body.organization).toMatchObject({ id: chih, name: 'Fiscalía General del Estado de Chihuahua', acronym: 'FGE CHIH', level: 'state', stateCode: null });
    const listed = (await world.admin.get('/api/organizations')).body.organizations.find((o: Body) => o.id === chih);
    expect(listed).toMatchObject({ name: 'Fiscalía General del Estado de Chihuahua', acronym: 'FGE CHIH', stateCode: null });

    const audit = await world.admin.get('/api/audit?action=organization.updated');
    expect(audit.body.events.find((e: Body) => e.target.id === chih)).toMatchObject({
      actorId: world.adminUser.id,
      target: { type: 'organization', id: chih },
      changes: {
        name: { from: 'FGE-CHIH', to: 'Fiscalía General del Estado de Chihuahua' },
        acronym: { from: 'FGE-CHIH', to: 'FGE CHIH' },
        stateCode: { from: '08', to: null },
      },
    });

    // The state back, the level too; fields not sent stay.
    const again = await world.admin.patch(`/api/organizations/${chih}`, { stateCode: '08', level: 'federal' });
    expect(again.body.organization).toMatchObject({ name: 'Fiscalía General del Estado de Chihuahua', level: 'federal', stateCode: '08' });

    // Not an admin: 403; an unknown organization: 404.
    const ana = await world.user('Ana Torres', 'SSPC');
    const refused = await ana.api.patch(`/api/organizations/${chih}`, { name: 'Otra' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    expect((await world.admin.patch('/api/organizations/org_nope', { name: 'Otra' })).status).toBe(404);
    expect((await world.admin.get('/api/organizations')).body.organizations.find((o: Body) => o.id === chih).name).toBe('Fiscalía General del Estado de Chihuahua');
  });

  it('validates a change as a creation, and refuses an acronym another organization has (not its own)', async () => {
    const sspc = world.orgs.SSPC.id;
    for (const [body, path] of [
      [{}, ''],
      [{ name: '   ' }, 'name'],
      [{ acronym: 'X'.repeat(31) }, 'acronym'],
      [{ level: 'galactic' }, 'level'],
      [{ stateCode: '33' }, 'stateCode'],
      [{ name: 'SSPC', color: 'red' }, ''],
    ] as const) {
      const res = await world.admin.patch(`/api/organizations/${sspc}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: Body) => d.path)).toContain(path);
    }
    const taken = await world.admin.patch(`/api/organizations/${sspc}`, { acronym: 'fgr' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'conflict', message: 'An organization with acronym FGR already exists: Fiscalía General de la República' });
    // Nor one that only reads the same: full-width letters, or an invisible character added.
    for (const lookalike of ['ＦＧＲ', 'FGR\u200b', '\u2060F\u00adGR']) {
      const posing = await world.admin.patch(`/api/organizations/${sspc}`, { acronym: lookalike });
      expect([posing.status, posing.body.error?.code], JSON.stringify(lookalike)).toEqual([409, 'conflict']);
    }
    const invisible = await world.admin.patch(`/api/organizations/${sspc}`, { acronym: '\u200b\u200b' });
    expect([invisible.status, invisible.body.error.details[0].path]).toEqual([400, 'acronym']);
    const unknownState = await world.admin.patch(`/api/organizations/${sspc}`, { stateCode: '33' });
    expect(unknownState.body.error.details[0].message).toBe('Use an INEGI state code, from "01" to "32"');
    // Its own acronym in another case is no duplicate.
    const own = await world.admin.patch(`/api/organizations/${sspc}`, { acronym: 'sspc', name: 'Secretaría de Seguridad y Protección Ciudadana' });
    expect(own.status).toBe(200);
    expect(own.body.organization).toMatchObject({ acronym: 'sspc', name: 'Secretaría de Seguridad y Protección Ciudadana' });
  });

  it('leaves stored duplicates alone: both listed, each still renamed', async () => {
    const { db } = server.services.database;
    await db.insert(organizations).values([
      { id: 'org_legacy_a', name: 'Instituto Nacional de Migración', acronym: 'INM', level: 'federal' },
      { id: 'org_legacy_b', name: 'Instituto Nacional de Migración (delegación)', acronym: 'inm ', level: 'federal' },
    ]);
    const listed = (await world.admin.get('/api/organizations')).body.organizations.filter((o: Body) => o.id.startsWith('org_legacy_'));
    expect(listed).toHaveLength(2);
    const renamed = await world.admin.patch('/api/organizations/org_legacy_b', { name: 'INM, oficina de Chihuahua', acronym: 'INM' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.organization.name).toBe('INM, oficina de Chihuahua');
    // Another organization renamed to that acronym is refused, naming the first stored.
    const third = await world.admin.patch(`/api/organizations/${world.orgs.SSPC.id}`, { acronym: 'INM' });
    expect([third.status, third.body.error.message]).toEqual([409, 'An organization with acronym INM already exists: Instituto Nacional de Migración']);
  });
});
