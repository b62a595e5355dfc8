/**
 * Compaction folds a plan's log in a worker thread, outside any transaction, and writes only if the snapshot it
 * folded is still the stored one. Folding a 20 MB plan used to hold the event loop for seconds, every 500 updates.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { documentContributions, documentSnapshots, documentUpdates } from '../../db/schema.js';
import { eq } from 'drizzle-orm';
import { compactDocument, docFromState, readStoredState } from '../../server/sync/documentStore.js';
import { foldStoredState, type FoldInput } from '../../server/sync/stateFold.js';
import { createStateFolder, type StateFolder } from '../../server/sync/stateFolder.js';
import { getBody, insertActivity, readActivities } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

describe.each(BACKENDS)('compaction in a worker thread on $name', (backend) => {
  let server: TestServer | undefined;
  let folder: StateFolder | undefined;
  afterEach(async () => {
    await folder?.close();
    await server?.close();
    server = folder = undefined;
  });

  /**
   * A stored plan with `rows` activities written in `edits` updates, each also adding a paragraph of `prose` to the body
   * (no live copy left), and a direct database handle.
   */
  async function storedPlan(edits: number, rows: number, prose = ''): Promise<{ db: TestServer['services']['database']['db']; docId: string; expected: string[]; clientId: number }> {
    server = await startTestServer({ ...(await backend.fresh()), limits: { compactAfterUpdates: 1_000_000 } });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const ws = await world.workspace(ana.api);
    const docId = await world.document(ana.api, ws, 'blank');
    const client = connectYjs(server.wsUrl, docId, ana.api.token);
    await waitSynced(client);
    const expected: string[] = [];
    for (let e = 0; e < edits; e++) {
      client.doc.transact(() => {
        for (let i = 0; i < rows / edits; i++) {
          const id = `e${e}-${i}`;
          insertActivity(client.doc, { id, title: `Actividad ${id}` });
          expected.push(id);
        }
        if (prose) getBody(client.doc).push([new Y.XmlText(prose)]);
      });
    }
    const db = server.services.database.db;
    await waitFor(async () => readActivities(docFromState(await readStoredState(db, docId))).length === expected.length, 20_000, 'every edit stored');
    client.destroy();
    // The matrix projection of what was written runs on PGlite in this thread: finished first, so only the fold is timed.
    await server.services.projection.idle();
    return { db, docId, expected, clientId: client.doc.clientID };
  }

  it('folds in the worker what folding here would, while the event loop keeps turning', async () => {
    // ~6 MB of prose and 2,000 activities in 40 updates: a fold that takes a while to decode.
    const { db, docId, expected, clientId } = await storedPlan(40, 2000, 'Texto del plan de trabajo. '.repeat(5500));
    const before = await readStoredState(db, docId);
    const here = await foldStoredState({ snapshot: before.updates[0], updates: before.updates.slice(1) });
    const errors: unknown[] = [];
    folder = createStateFolder({ error: (obj) => errors.push(obj) });
    let turns = 0;
    let folding = false;
    const ticker = setInterval(() => folding && turns++, 1);
    const folded = await compactDocument(db, docId, async (input) => {
      folding = true;
      try {
        return await folder!.fold(input);
      } finally {
        folding = false;
      }
    });
    clearInterval(ticker);
    expect(errors).toEqual([]);
    expect(folded).toBe(40);
    // The event loop ran timers while the worker decoded and encoded the plan (folding here, it could not).
    expect(turns).toBeGreaterThan(5);
    const [snapshot] = await db.select().from(documentSnapshots).where(eq(documentSnapshots.documentId, docId));
    expect(Buffer.from(snapshot.state).equals(Buffer.from(here.merged))).toBe(true);
    expect(await db.select().from(documentUpdates).where(eq(documentUpdates.documentId, docId))).toHaveLength(0);
    expect(readActivities(docFromState(await readStoredState(db, docId))).map((a) => a.id)).toEqual(expected);
    // Who wrote the folded entries comes back from the worker too: Ana's one Yjs client, nothing deleted.
    const [contribution] = await db.select().from(documentContributions).where(eq(documentContributions.documentId, docId));
    expect(contribution).toMatchObject({ updates: 40, clients: [clientId], deletes: [] });
  });

  it('writes nothing when another fold replaced the snapshot meanwhile, and loses no entry', async () => {
    const { db, docId, expected } = await storedPlan(6, 60);
    let raced = false;
    // While this fold computes, another one (another node) folds the same log and a new edit arrives.
    const stale = await compactDocument(db, docId, async (input: FoldInput) => {
      const out = await foldStoredState(input);
      expect(await compactDocument(db, docId)).toBe(6);
      const late = new Y.Doc();
      Y.applyUpdate(late, (await readStoredState(db, docId)).updates[0]);
      const stateBefore = Y.encodeStateVector(late);
      late.transact(() => insertActivity(late, { id: 'late', title: 'Tardía' }));
      await db.insert(documentUpdates).values({ documentId: docId, update: Y.encodeStateAsUpdate(late, stateBefore) });
      raced = true;
      return out;
    });
    expect(raced).toBe(true);
    expect(stale).toBe(0);
    // The late entry stays in the log, and everything reads back.
    expect(await db.select().from(documentUpdates).where(eq(documentUpdates.documentId, docId))).toHaveLength(1);
    expect(readActivities(docFromState(await readStoredState(db, docId))).map((a) => a.id)).toEqual([...expected, 'late']);
    expect(await compactDocument(db, docId)).toBe(1);
    expect(readActivities(docFromState(await readStoredState(db, docId))).map((a) => a.id)).toEqual([...expected, 'late']);
  });
});
