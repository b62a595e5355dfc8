/**
 * A daily digest missed because no node was up at its hour is written soon after a node starts, once: a restart
 * across the hour used to skip the day. Before the hour, or when today's digest exists, nothing runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outbox } from '../../db/schema.js';
import { digestMissed, DIGEST_KIND, startDailyDigest } from '../../server/notifications/digest.js';
import type { MailMessage, MailSender } from '../../server/notifications/mailSender.js';
import { createWorld } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/yjsClient.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('a missed daily digest', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({});
  });
  afterAll(() => server?.close());

  it('is written soon after start when its hour passed without one, and only once', async () => {
    const db = server.services.database.db;
    const world = await createWorld(server.url);
    const ana = await world.user('Ana Resumen', 'SSPC');
    const beto = await world.user('Beto Resumen', 'FGR');
    const ws = await world.workspace(ana.api);
    await world.addMember(ws, ana.api, beto.id, 'member');
    const docId = await world.document(ana.api, ws);
    await ana.api.post(`/api/documents/${docId}/comments`, { body: `Revise esto @{${beto.id}}` });

    const now = new Date();
    const hour = now.getUTCHours();
    // Its hour has not come yet today: not missed.
    expect(await digestMissed(db, 13, new Date(Date.UTC(2026, 11, 3, 12, 59)))).toBe(false);
    expect(await digestMissed(db, hour, now)).toBe(true);

    const sent: MailMessage[] = [];
    const sender: MailSender = { kind: 'test', send: async (m) => void sent.push(m) };
    const first = startDailyDigest(db, sender, { hourUtc: hour, publicOrigin: 'https://enlace.example', catchUpDelayMs: 0 }, quiet);
    try {
      await waitFor(() => sent.length === 1, 10_000, 'the missed digest mailed');
      expect(sent[0]).toMatchObject({ to: beto.email, subject: 'Enlace: 1 notificación sin leer' });
      expect(await digestMissed(db, hour)).toBe(false);
    } finally {
      first.stop();
    }
    // Another node starting later the same day finds today's digest written.
    const second = startDailyDigest(db, sender, { hourUtc: hour, publicOrigin: 'https://enlace.example', catchUpDelayMs: 0 }, quiet);
    await new Promise((resolve) => setTimeout(resolve, 500));
    second.stop();
    expect(sent).toHaveLength(1);
    expect(await db.select().from(outbox).where(eq(outbox.kind, DIGEST_KIND))).toHaveLength(1);
  });
});
