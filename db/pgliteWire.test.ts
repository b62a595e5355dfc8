/** The update log's inserts on embedded PGlite through its wire protocol: one transaction per batch, never inside another's. */
import { afterEach, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from './client.js';
import { documentUpdates, organizations } from './schema.js';
import { logInserter } from '../server/sync/logInsert.js';
import { PgliteWireError } from './pgliteWire.js';

let handle: DatabaseHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

const batchOf = (documentId: string, size: number, poisonAt = -1) =>
  Array.from({ length: size }, (_, n) => ({ documentId, update: new Uint8Array([n === poisonAt ? 0xff : n, 7, n]), userId: n % 2 ? `usr_${n}` : null }));

async function storedOf(documentId: string) {
  const rows = await handle!.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).orderBy(asc(documentUpdates.id));
  return rows.map((r) => ({ id: Number(r.id), bytes: [...r.update], userId: r.userId }));
}

describe('update log inserts on PGlite', () => {
  it('stores a batch of several statements all or nothing, and recovers its prepared statements after a refusal', async () => {
    handle = await openDatabase({});
    const insert = logInserter(handle.db);
    await handle.db.execute(sql`alter table document_updates add constraint no_ff check (get_byte("update", 0) <> 255)`);

    // 40 rows go as three statements (16 + 16 + 8); the refused row is in the last one.
    const refused = insert(batchOf('plan-a', 40, 35));
    await expect(refused).rejects.toBeInstanceOf(PgliteWireError);
    await expect(refused).rejects.toMatchObject({ code: '23514', message: expect.stringMatching(/no_ff/) });
    expect(await storedOf('plan-a')).toEqual([]);

    await handle.db.execute(sql`alter table document_updates drop constraint no_ff`);
    const batch = batchOf('plan-a', 40, 35);
    const ids = await insert(batch);
    const stored = await storedOf('plan-a');
    expect(stored.map((r) => r.id)).toEqual(ids);
    expect(stored.map((r) => [r.bytes, r.userId])).toEqual(batch.map((e) => [[...e.update], e.userId]));
    // A size first seen after the refusal, and one prepared before it, both still run.
    const more = [...(await insert(batchOf('plan-b', 3))), ...(await insert(batchOf('plan-b', 16)))];
    expect((await storedOf('plan-b')).map((r) => r.id)).toEqual(more);
    expect(new Set([...ids, ...more]).size).toBe(59);
  });

  it('waits for an open transaction instead of joining it: its rollback keeps what the log stored', async () => {
    handle = await openDatabase({});
    const insert = logInserter(handle.db);
    let logged: Promise<number[]> | undefined;
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(organizations).values({ id: 'org_rolled_back', name: 'Rolled back', acronym: 'RB', level: 'federal' });
        logged = insert(batchOf('plan-c', 2));
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const ids = await logged!;
    expect((await storedOf('plan-c')).map((r) => r.id)).toEqual(ids);
    expect(await handle.db.select().from(organizations).where(eq(organizations.id, 'org_rolled_back'))).toEqual([]);
  });
});
