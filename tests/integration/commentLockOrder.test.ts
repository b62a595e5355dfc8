/**
 * Statements that change several comments lock them in id order: a person renamed rewrites the mention names of every
 * comment that mentions them, an acronym changed those mentioning the agency, a restore re-anchors a plan's threads.
 * In the order each statement's plan met them, two of them could take shared rows in opposite orders (a deadlock,
 * one request rolled back). On PostgreSQL a transaction of the test's own holds the comment with the highest id: the
 * rename waiting at it must already hold all the others. PGlite runs one transaction at a time: there it is a guard.
 */
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../helpers/api.js';
import { BACKENDS } from '../helpers/backends.js';
import { holdRows } from '../helpers/rowHold.js';
import { useServerWorld } from '../helpers/serverWorld.js';

/** Setups tried for one whose highest id is not the last row stored (3 in 4 are not). */
const TRIES = 20;

describe.each(BACKENDS)('comments changed together on $name', (backend) => {
  const h = useServerWorld(backend);

  /** A person mentioned in four comments of a plan; returns them, the comments' ids and a way to rename them. */
  async function mentionedFourTimes(tag: string) {
    const fac = await h.world.user(`Fina Menciona ${tag}`, 'UNODC');
    const named = await h.world.user(`Nora Nombrada ${tag}`, 'SSPC');
    const workspaceId = await h.world.workspace(fac.api, `Mesa de menciones ${tag}`);
    await h.world.addMember(workspaceId, fac.api, named.id, 'member');
    const documentId = await h.world.document(fac.api, workspaceId);
    const ids: string[] = [];
    for (let n = 0; n < 4; n++) {
      const posted = await fac.api.post<{ comment: { id: string } }>(`/api/documents/${documentId}/comments`, { body: `Punto ${n} para @{${named.id}}` });
      expect(posted.status).toBe(201);
      ids.push(posted.body.comment.id);
    }
    const rename = () => h.world.admin.patch(`/api/users/${named.id}`, { name: `Nora Renombrada ${tag}` });
    return { named, ids, rename };
  }

  it('a rename rewrites every comment that mentions the person, holding them all in id order while it waits', async () => {
    const plain = await mentionedFourTimes('sola');
    expect((await plain.rename()).status).toBe(200);
    if (backend.name !== 'postgres') return;
    const databaseUrl = h.server.config.databaseUrl!;
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
    try {
      const found = await sql<Array<{ mention_names: string }>>`select mention_names from comments where id = any(${plain.ids})`;
      expect(found.map((c) => c.mention_names)).toEqual(plain.ids.map(() => 'Nora Renombrada sola'));
      let lined: { setup: Awaited<ReturnType<typeof mentionedFourTimes>>; stored: string[] } | undefined;
      for (let attempt = 0; !lined && attempt < TRIES; attempt++) {
        const setup = await mentionedFourTimes(`en fila ${attempt}`);
        const stored = (await sql<Array<{ id: string }>>`select id from comments where id = any(${setup.ids}) order by ctid`).map((r) => r.id);
        if (stored[stored.length - 1] !== [...stored].sort().at(-1)) lined = { setup, stored };
      }
      if (!lined) throw new Error(`no setup in ${TRIES} had its highest id stored before its last row`);
      const { setup, stored } = lined;
      const hold = await holdRows(databaseUrl, 'select id from comments where id = any($1) for update', [[[...stored].sort().at(-1)!]]);
      let renamed: Promise<ApiResponse> | undefined;
      try {
        renamed = setup.rename();
        await hold.waiters(1);
        const free = await sql<Array<{ id: string }>>`select id from comments where id = any(${stored}) for update skip locked`;
        expect(free.map((r) => r.id), 'comments the waiting rename does not hold').toEqual([]);
      } finally {
        await hold.release();
      }
      expect((await renamed)?.status).toBe(200);
    } finally {
      await sql.end();
    }
  });
});
