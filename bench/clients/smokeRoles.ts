/** Smoke: a few clients each add an activity and type a line; all must end with the same content. */
import * as Y from 'yjs';
import { connectMany, type Target } from './connect.js';
import { benchMap, contentDigest, sleep, waitUntil, type Handler } from './common.js';
import { getActivities, getBody, insertActivity, readActivities } from '../../shared/planModel.js';

/** Runs `clients` clients on one document for about `durationMs`; reports whether they converged. */
const run = async (args: { target: Target; doc: string; clients: number; durationMs: number }) => {
  const clients = await connectMany(args.target, Array(args.clients).fill(args.doc), { awareness: true });
  try {
    clients.forEach((c, i) => {
      insertActivity(c.doc, { id: `smoke-${i}`, title: `Smoke activity ${i}` });
      const para = new Y.XmlElement('paragraph');
      para.insert(0, [new Y.XmlText(`line from client ${i}`)]);
      const body = getBody(c.doc);
      body.insert(body.length, [para]);
    });
    const rounds = Math.max(1, Math.floor(args.durationMs / 100));
    for (let r = 0; r < rounds; r++) {
      clients.forEach((c, i) => benchMap(c.doc).set(`c${i}`, r));
      await sleep(100);
    }
    const expected = new Set(clients.map((_, i) => `smoke-${i}`));
    const converged = await waitUntil(() => {
      const digests = new Set(clients.map((c) => contentDigest(c.doc)));
      const ids = new Set(readActivities(clients[0].doc).map((a) => a.id));
      return digests.size === 1 && [...expected].every((id) => ids.has(id));
    }, 5000, 50);
    return {
      converged,
      digests: clients.map((c) => contentDigest(c.doc)),
      activities: getActivities(clients[0].doc).length,
      closes: clients.flatMap((c) => c.closeCodes),
    };
  } finally {
    for (const c of clients) c.destroy();
  }
};

export const smokeHandlers: Record<string, Handler> = {
  'smoke.run': run,
};
