/**
 * kill -9 at random moments of a multi-client editing storm, 20 rounds, on PGlite (DATA_DIR) and PostgreSQL:
 * every edit a `document:saved` covered before the crash is there after the restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { connectEvents, connectYjs, recordEvents, waitFor, waitSynced } from '../helpers/yjsClient.js';
import { Ledger, marksIn, seeded, Storm } from './support/ledger.js';

const ROUNDS = 20;

describe.each(BACKENDS)('kill -9 during an editing storm on $name', (backend) => {
  let proc: ServerProcess | undefined;
  afterEach(async () => {
    await proc?.kill();
    proc = undefined;
  });

  it(`loses nothing announced saved across ${ROUNDS} crashes at random moments`, { timeout: 480_000 }, async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const rnd = seeded(seed);
    const db = await backend.fresh();
    const env: Record<string, string> = db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : { DATA_DIR: db.dataDir! };
    proc = await startServerProcess(env);
    const port = proc.port;
    const world = await createWorld(proc.url);
    const ana = await world.user('Ana', 'SSPC');
    const wsId = await world.workspace(ana.api);
    const docId = await world.document(ana.api, wsId, 'work_plan');
    const token = ana.api.token!;
    const ledger = new Ledger();
    let written = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const where = `seed ${seed}, round ${round}`;
      // What the previous crash must not have lost.
      const check = connectYjs(proc.wsUrl, docId, token);
      await waitSynced(check, 30000);
      const present = marksIn(check.doc);
      const lost = [...ledger.saved].filter((m) => !present.has(m));
      expect(lost, `${where}: saved edits lost (${lost.length} of ${ledger.saved.size})`).toEqual([]);
      check.destroy();

      const events = await connectEvents(proc.url, token, wsId);
      const saved = recordEvents(events, ['document:saved']);
      events.on('document:saved', (p: { documentId: string; stateVector: string }) => {
        if (p.documentId === docId) ledger.cover(p.stateVector);
      });
      const storm = new Storm(ledger, rnd, `r${round}`);
      await storm.connect(proc.wsUrl, docId, token, 3 + Math.floor(rnd() * 3));
      storm.start(8);
      // The crash comes at a random moment once the storm is under way (a first save has been announced).
      await waitFor(() => saved.length > 0, 20000, `${where}: first save`);
      await new Promise((r) => setTimeout(r, 50 + rnd() * 900));
      await proc.kill('SIGKILL');
      storm.destroy();
      events.close();
      written += storm.written;
      ledger.forgetPending();
      proc = await startServerProcess(env, port);
    }

    const final = connectYjs(proc.wsUrl, docId, token);
    await waitSynced(final, 30000);
    const present = marksIn(final.doc);
    expect([...ledger.saved].filter((m) => !present.has(m)), `seed ${seed}: saved edits lost after the last crash`).toEqual([]);
    // The storm was real: thousands of edits, most of them announced saved before their crash.
    expect(written).toBeGreaterThan(ROUNDS * 20);
    expect(ledger.saved.size).toBeGreaterThan(ROUNDS * 10);
    final.destroy();
  });
});
