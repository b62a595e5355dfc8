/** A plan socket's admission on both databases (on PGlite through its wire protocol): every answer the contract names. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { PgliteWire } from '../../db/pgliteWire.js';
import { documents, memberships, organizations, sessions, users, workspaces } from '../../db/schema.js';
import { BACKENDS } from '../../tests/helpers/backends.js';
import { hashToken } from '../auth/tokens.js';
import { admitPlanSocket } from './planSocketAdmission.js';

let handle: DatabaseHandle | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await handle?.close();
  handle = undefined;
});

describe.each(BACKENDS)('plan socket admission on $name', (backend) => {
  it('admits members (observers read-only) with their identity, and refuses with 4401, 4404 and 4403', async () => {
    const { databaseUrl: url, dataDir } = await backend.fresh();
    handle = await openDatabase({ url, dataDir });
    const wireRuns = vi.spyOn(PgliteWire.prototype, 'run');
    const { db } = handle;
    const hour = 3_600_000;
    await db.insert(organizations).values({ id: 'org_a', name: 'Unidad de Inteligencia Financiera', acronym: 'UIF', level: 'federal' });
    await db.insert(users).values(
      ['ana', 'beto', 'caro'].map((n) => ({ id: `usr_${n}`, email: `${n}@example.org`, name: n.toUpperCase(), passwordHash: 'x', organizationId: 'org_a' })),
    );
    await db.insert(sessions).values([
      { tokenHash: hashToken('tok-ana'), userId: 'usr_ana', expiresAt: new Date(Date.now() + hour) },
      { tokenHash: hashToken('tok-beto'), userId: 'usr_beto', expiresAt: new Date(Date.now() + hour) },
      { tokenHash: hashToken('tok-caro'), userId: 'usr_caro', expiresAt: new Date(Date.now() + hour) },
      { tokenHash: hashToken('tok-old'), userId: 'usr_ana', expiresAt: new Date(Date.now() - hour) },
    ]);
    await db.insert(workspaces).values({ id: 'wsp_a', name: 'Mesa', mandateAreas: ['corruption'], createdById: 'usr_ana' });
    await db.insert(documents).values({ id: 'doc_a', workspaceId: 'wsp_a', title: 'Plan', createdById: 'usr_ana' });
    await db.insert(memberships).values([
      { workspaceId: 'wsp_a', userId: 'usr_ana', organizationId: 'org_a', role: 'member' },
      { workspaceId: 'wsp_a', userId: 'usr_beto', organizationId: 'org_a', role: 'observer' },
    ]);

    expect(await admitPlanSocket(db, 'tok-ana', 'doc_a')).toEqual({
      ok: true,
      workspaceId: 'wsp_a',
      canWrite: true,
      identity: { userId: 'usr_ana', name: 'ANA', organizationId: 'org_a', acronym: 'UIF', sessionHash: hashToken('tok-ana') },
    });
    expect(await admitPlanSocket(db, 'tok-beto', 'doc_a')).toMatchObject({ ok: true, canWrite: false, identity: { userId: 'usr_beto' } });
    expect(await admitPlanSocket(db, 'tok-caro', 'doc_a')).toMatchObject({ ok: false, code: 4403 });
    expect(await admitPlanSocket(db, 'tok-ana', 'doc_missing')).toMatchObject({ ok: false, code: 4404 });
    expect(await admitPlanSocket(db, 'tok-ana', undefined)).toMatchObject({ ok: false, code: 4404 });
    expect(await admitPlanSocket(db, 'tok-old', 'doc_a')).toMatchObject({ ok: false, code: 4401 });
    expect(await admitPlanSocket(db, 'tok-nobody', 'doc_a')).toMatchObject({ ok: false, code: 4401 });
    // Seven statements, all through PGlite's wire when embedded (its query path cost ~6× the CPU per socket).
    expect(wireRuns).toHaveBeenCalledTimes(backend.name === 'pglite' ? 7 : 0);
  });
});
