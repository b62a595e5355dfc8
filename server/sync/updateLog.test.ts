/** The update log: batches of any size on both databases; batching, order, and a failing database left to its backoff (PGlite). */
import { afterEach, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { documentUpdates } from '../../db/schema.js';
import { BACKENDS } from '../../tests/helpers/backends.js';
import { UpdateLog, type CommittedBatch } from './updateLog.js';

let handle: DatabaseHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

const entry = (n: number) => ({ documentId: 'plan-a', update: new Uint8Array([n, n + 1]), userId: null });

describe.each(BACKENDS)('update log batches on $name', (backend) => {
  it('stores a batch of any size in one commit, in order, and reports each entry its own id', async () => {
    const { databaseUrl: url, dataDir } = await backend.fresh();
    handle = await openDatabase({ url, dataDir });
    // 5 rows go as one prepared VALUES list; 40 and 300 exceed it (on PostgreSQL: one statement of three arrays).
    for (const size of [5, 40, 300]) {
      const commits: CommittedBatch[] = [];
      const documentId = `plan-${size}`;
      const log = new UpdateLog(handle.db, { groupCommitMs: 3, maxBatch: 1000, onCommit: (b) => commits.push(b) });
      for (let n = 0; n < size; n++) log.append({ documentId, update: new Uint8Array([n % 256, Math.floor(n / 256), 0xff]), userId: n % 3 ? `usr_${n}` : null });
      expect(await log.drain()).toBe(true);
      expect(commits, `${size} rows`).toHaveLength(1);
      const rows = await handle.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).orderBy(asc(documentUpdates.id));
      expect(rows.map((r) => Number(r.id))).toEqual(commits[0].ids.map(Number));
      // Each id names the row of its own entry: same bytes, same author.
      expect(rows.map((r) => [[...r.update], r.userId])).toEqual(commits[0].entries.map((e) => [[...e.update], e.userId]));
      log.close();
    }
  });
});

describe('update log', () => {
  it('stores updates that arrive together in one commit, in order, and reports their ids', async () => {
    handle = await openDatabase({});
    const commits: CommittedBatch[] = [];
    const log = new UpdateLog(handle.db, { groupCommitMs: 3, maxBatch: 100, onCommit: (b) => commits.push(b) });
    for (let n = 0; n < 5; n++) log.append(entry(n * 10));
    expect(log.pending).toBe(5);
    expect(await log.drain()).toBe(true);

    expect(commits).toHaveLength(1);
    expect(commits[0].entries.map((e) => e.update[0])).toEqual([0, 10, 20, 30, 40]);
    const rows = await handle.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, 'plan-a')).orderBy(asc(documentUpdates.id));
    expect(rows.map((r) => r.id)).toEqual(commits[0].ids);
    expect(rows.map((r) => [...r.update])).toEqual([0, 10, 20, 30, 40].map((n) => [n, n + 1]));
  });

  it('whenStored resolves only once everything appended before it is committed, and rejects if the log closes first', async () => {
    handle = await openDatabase({});
    const log = new UpdateLog(handle.db, { groupCommitMs: 300, quietMs: 60_000, maxBatch: 100 });
    await expect(log.whenStored()).resolves.toBeUndefined(); // nothing appended: nothing to wait for
    log.append(entry(0)); // the first update after a quiet spell commits at once
    await log.whenStored();
    await new Promise((r) => setTimeout(r, 10)); // past the end of that flush
    for (let n = 1; n < 4; n++) log.append(entry(n)); // these follow it closely: they wait out the window
    let stored = false;
    const barrier = log.whenStored().then(() => (stored = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(stored).toBe(false); // still collecting in the 300 ms window
    await barrier;
    const rows = await handle.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, 'plan-a'));
    expect(rows).toHaveLength(4);

    const failing = new UpdateLog(handle.db, { groupCommitMs: 60_000, quietMs: 60_000, maxBatch: 100 });
    failing.append(entry(9));
    const never = failing.whenStored();
    failing.close();
    await expect(never).rejects.toThrow(/closed before the change was stored/);
  });

  it('commits an update that follows a quiet spell at once, without waiting for the batch window', async () => {
    handle = await openDatabase({});
    const commits: CommittedBatch[] = [];
    const log = new UpdateLog(handle.db, { groupCommitMs: 60_000, maxBatch: 100, onCommit: (b) => commits.push(b) });
    log.append(entry(1));
    // With a one-minute window, only the quiet rule can commit this before the wait below gives up.
    await waitUntil(() => commits.length === 1, 5000);
    expect(commits[0].entries.map((e) => e.update[0])).toEqual([1]);
    expect(log.pending).toBe(0);
  });

  it('keeps its retry backoff while the database fails: updates do not turn retries into a hammering', async () => {
    handle = await openDatabase({});
    const errors: unknown[] = [];
    // Batches of 5: past the first five, each waiting update fills a batch, which used to start a commit at once.
    const log = new UpdateLog(handle.db, { groupCommitMs: 3, maxBatch: 5, onError: (e) => errors.push(e) });
    await handle.close(); // every insert now fails
    handle = undefined;
    for (let n = 0; n < 40; n++) {
      log.append(entry(n));
      await new Promise((r) => setTimeout(r, 10));
    }
    // 40 appends over ~400 ms: retries at 50, 100, 200 ms backoff make a handful of attempts, not one per append.
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBeLessThan(8);
    expect(log.pending).toBe(40);
    expect(log.failing).toBe(true);
    log.close();
  });
});

async function waitUntil(done: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
