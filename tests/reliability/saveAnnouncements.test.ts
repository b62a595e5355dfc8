/**
 * Under a sustained backlog (more unsaved updates than one group commit takes), saves must still be announced
 * as they happen: a plan being typed into continuously must not look "unsaved" until everyone stops.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { insertActivity } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { connectEvents, coveredBy, recordEvents, waitFor, waitSynced } from '../helpers/yjsClient.js';
import { useLiveServer } from '../helpers/liveServer.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('save announcements under a backlog', () => {
  const live = useLiveServer();

  it('keeps announcing what is stored while a busy plan always has more waiting', async () => {
    // Small commits, so that a steady writer keeps more queued than one commit takes.
    const server = await live.start({ ...(await BACKENDS[0].fresh()), limits: { groupCommitMaxUpdates: 5, messagesPerSecond: 100000, messageBurst: 100000, maxActivitiesPerPlan: 1_000_000 } });
    const world = await createWorld(server.url);
    const ana = await world.user('Ana', 'SSPC');
    const wsId = await world.workspace(ana.api);
    const docId = await world.document(ana.api, wsId, 'blank');
    const events = await connectEvents(server.url, ana.api.token!, wsId);
    const saved = recordEvents(events, ['document:saved']);
    const writer = live.connect(docId, ana.api.token);
    await waitSynced(writer);

    const stored = (sv: string) => Y.decodeStateVector(new Uint8Array(Buffer.from(sv, 'base64'))).get(writer.doc.clientID) ?? 0;
    const hub = server.services.hub;
    let n = 0;
    let maxQueued = 0;
    const announcedWhileBusy: number[] = [];
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      for (let i = 0; i < 40; i++) insertActivity(writer.doc, { id: `fila-${n}`, title: `Fila ${n++}` });
      await sleep(10);
      maxQueued = Math.max(maxQueued, hub.updateLog.pending);
      const last = saved.at(-1);
      if (last && hub.updateLog.pendingFor(docId) > 5) announcedWhileBusy.push(stored(last.payload.stateVector));
    }
    // The backlog was real…
    expect(maxQueued).toBeGreaterThan(5);
    // …and announcements kept coming during it, each covering more than the one before.
    expect(new Set(announcedWhileBusy).size).toBeGreaterThan(3);
    await waitFor(() => saved.some((e) => coveredBy(writer.doc, e.payload.stateVector)), 30000, 'everything announced');
    events.close();
  });
});
