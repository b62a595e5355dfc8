/**
 * A plan being edited folds its log at most every `compactMinIntervalMs`: typed into flat out, it reached the fold
 * threshold eight times a second. The first fold is not held back, and one held back still runs when the edits stop.
 */
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { documentSnapshots, documentUpdates } from '../../db/schema.js';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { useLiveServer } from '../helpers/liveServer.js';
import { waitFor, waitSynced } from '../helpers/yjsClient.js';

describe.each(BACKENDS)('compaction while a plan is edited, on $name', (backend) => {
  const live = useLiveServer();

  it('folds at once the first time, then at most once per interval, and catches up after the edits stop', async () => {
    const db = await backend.fresh();
    const server = await live.start({ ...db, limits: { compactAfterUpdates: 20, compactMinIntervalMs: 6000 } });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const docId = await world.document(ana.api, ws, 'blank');
    const client = live.connect(docId, ana.api.token);
    await waitSynced(client);
    const database = server.services.database.db;
    const logRows = async () => (await database.select({ n: count() }).from(documentUpdates).where(eq(documentUpdates.documentId, docId)))[0].n;

    const plan = server.services.hub.documents.get(docId)!;

    for (let i = 0; i < 25; i++) insertActivity(client.doc, { id: `a${i}`, title: `Actividad ${i}` });
    await waitFor(() => plan.compactedAt > 0, 10_000, 'the first fold, at once');
    const firstFoldAt = plan.compactedAt;
    await waitFor(async () => (await logRows()) < 20, 10_000, 'the first fold done');

    // Past the threshold again at once, but inside the interval: the log keeps them.
    for (let i = 25; i < 85; i++) insertActivity(client.doc, { id: `a${i}`, title: `Actividad ${i}` });
    await waitFor(async () => (await logRows()) >= 40, 10_000, 'the new entries stored');
    const rows = await logRows();
    if (Date.now() - firstFoldAt < 5000) {
      expect(rows).toBeGreaterThanOrEqual(40);
      expect(plan.compactedAt).toBe(firstFoldAt);
    }

    // No more edits: the held-back fold runs when the interval is over.
    await waitFor(async () => (await logRows()) < 20, 20_000, 'the held-back fold');
    expect(plan.compactedAt - firstFoldAt).toBeGreaterThanOrEqual(6000);
    // What the plan counts as stored is what is stored now: the snapshot and the log left, not every update it ever
    // stored (then a plan loaded for long looked too big to fold at shutdown, and was left unfolded).
    const storedNow = async () => {
      const [snapshot] = await database.select({ state: documentSnapshots.state }).from(documentSnapshots).where(eq(documentSnapshots.documentId, docId));
      const log = await database.select({ update: documentUpdates.update }).from(documentUpdates).where(eq(documentUpdates.documentId, docId));
      return snapshot.state.byteLength + log.reduce((n, r) => n + r.update.byteLength, 0);
    };
    await waitFor(async () => plan.storedBytes === (await storedNow()), 10_000, 'the fold told the plan what it stored');

    live.closeClients();
    await live.stop();
    await live.start(db);
    const fresh = live.connect(docId, ana.api.token);
    await waitSynced(fresh);
    expect(readActivities(fresh.doc).map((a) => a.id)).toEqual(Array.from({ length: 85 }, (_, i) => `a${i}`));
  });
});
