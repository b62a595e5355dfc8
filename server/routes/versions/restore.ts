/**
 * Restore, by those who edit the plan (members and facilitators; observers never change a document).
 * The current content is first saved as an automatic version, so a restore is always undone by
 * restoring that version. The restore itself is a new forward Yjs change on the live
 * document, visible at once to connected clients; no history is rewritten.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../../db/client.js';
import { auditEvents, versions } from '../../../db/schema.js';
import { eq } from 'drizzle-orm';
import { AppError } from '../../http/errors.js';
import type { AuditEntry, RouteFn } from '../../http/pipeline.js';
import { createVersion, takeContent } from '../../versions/createVersion.js';
import { encodeVersionState, versionStateAsUpdate } from '../../versions/versionState.js';
import { loadApprovals, participatingOrganizationIds, presentVersion, requireVersion } from '../../versions/versionRecords.js';
import { addLateEditsToBackup, editsDuring, LATE_EDIT_WINDOW_MS } from '../../versions/lateEdits.js';
import { withRestoreMarker, type RestoreMark } from '../../versions/staleBaseEdits.js';
import { reanchorAfterRestore } from '../../versions/reanchorAfterRestore.js';
import { acquireRestoreLease } from '../../versions/restoreLease.js';
import { presentComment } from '../comments/present.js';
import { idParams } from './schema.js';
import { z } from 'zod';
import { version } from '../../http/responses/plans.js';

const BEFORE_RESTORE = /^Antes de restaurar «(.+)»$/s;

/**
 * The name of the automatic version saved before a restore (a server label; the web app words it in its language).
 * Restoring such a backup names the new one after the same original, not «Antes de restaurar «…»» nested once
 * more with every undo: the list's times tell the copies apart.
 */
export function beforeRestoreName(restored: { name: string; kind: string }): string {
  let name = restored.name;
  if (restored.kind === 'auto') for (let m = BEFORE_RESTORE.exec(name); m; m = BEFORE_RESTORE.exec(name)) name = m[1]!;
  return `Antes de restaurar «${name}»`;
}

/** The pipeline's audit row, written in this route's own transaction. */
async function auditIn(tx: Executor, actor: { userId: string; organizationId: string }, ip: string, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: actor.userId,
    organizationId: actor.organizationId,
    workspaceId: entry.workspaceId ?? null,
    ip,
    action: entry.action,
    target: entry.target,
    changes: entry.changes ?? {},
  });
}

/** How long a restore waits for the database to store it before answering 503 (it is still stored once the database answers). */
const RESTORE_STORE_WAIT_MS = 15_000;

/** Waits for a change to be stored; past the wait, a clear 503 instead of a request left hanging while the database is away. */
async function storedWithin(change: Promise<void>, ms: number, log: FastifyBaseLogger): Promise<void> {
  // Whatever happens to the change after the answer went out is logged, never an unhandled rejection.
  change.catch((err: unknown) => log.error({ err }, 'a restore was not applied or not stored'));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('unavailable', 'The restore is applied but the database has not stored it yet; it will be saved when the database answers. Check the plan in a minute.')), ms);
  });
  try {
    await Promise.race([change, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function registerRestoreRoute(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/versions/:id/restore',
    summary: 'Make a version’s content current as a new change (members and facilitators); the content before is saved as an auto version first (emits version:created)',
    tags: ['versions'],
    response: z.strictObject({ version, backupVersion: version }),
    refusals: [403, 409, 503],
    params: idParams,
    // Its own transaction: the live document must be loaded outside one (PGlite has a single connection).
    transaction: false,
    handler: async (ctx) => {
      const { principal, services } = ctx;
      const { db } = services.database;
      const { version, document } = await requireVersion(db, principal, ctx.params.id, 'edit');
      // One restore of a plan at a time (see restoreLease): released however this one ends.
      const release = await acquireRestoreLease(db, document.id);
      try {
        return await restore();
      } finally {
        // A lease left behind expires on its own; failing to free it must not turn a restore into an error.
        await release().catch((err: unknown) => ctx.req.log.warn({ err }, 'a restore lease was not released; it expires on its own'));
      }

      async function restore() {
        await services.hub.acquire(document.id);
        // The change is computed before anything is written, from the content the backup then stores: a restore
        // refused while computing (the restore worker busy or unable: 503) leaves no backup named after it and no
        // "restored" audit event, as if it had not been asked (a reconnecting page would read such a backup as a
        // restore it missed). Edits typed meanwhile are not in that content: as the change is computed from it, those
        // edits merge with it rather than being deleted as "not in the version".
        const taken = await takeContent(db, services.hub, document.id);
        const change = await services.planRestorer.changeFor(await versionStateAsUpdate(taken.state), version.state);
        const backup = await db.transaction(async (tx) => {
          const row = await createVersion(tx, services.hub, { documentId: document.id, name: beforeRestoreName(version), kind: 'auto', createdById: principal.userId, taken });
          await auditIn(tx, principal, ctx.req.ip, {
            action: 'version.created',
            workspaceId: document.workspaceId,
            target: { type: 'version', id: row.id },
            changes: { documentId: document.id, kind: row.kind, name: row.name, reason: 'before_restore' },
          });
          await auditIn(tx, principal, ctx.req.ip, {
            action: 'version.restored',
            workspaceId: document.workspaceId,
            target: { type: 'version', id: version.id },
            changes: { documentId: document.id, name: version.name, backupVersionId: row.id },
          });
          return row;
        });
        // Applied once the backup is stored, so the content it replaces can always be restored. The backup is then
        // brought up to the instant the change landed (what a block the restore replaces held, typed meanwhile, is
        // there for an undo), and then takes in what was still in flight as it landed.
        let landedOn: { state: Promise<Uint8Array>; logPosition: number } | undefined;
        let late: Promise<Uint8Array[]> | undefined;
        // The change carries a marker, and the backup records its clocks: a client that comes back with edits made
        // before it received this restore has them added to the backup, however late (see staleBaseEdits).
        let mark: RestoreMark | undefined;
        // Already computed: the state changeFrom hands over is not needed (an empty base spares encoding the plan).
        const compute = async () => {
          if (!change) return null;
          const marked = withRestoreMarker(change, backup.id);
          mark = marked.mark;
          return marked.update;
        };
        const restored = services.hub.changeFrom(document.id, principal.userId, compute, {
          base: new Uint8Array(),
          beforeApply: (live) => {
            landedOn = { state: encodeVersionState(live.doc), logPosition: live.logPosition };
          },
          afterApply: (live) => {
            late = editsDuring(live, LATE_EDIT_WINDOW_MS);
          },
        });
        await storedWithin(restored, RESTORE_STORE_WAIT_MS, ctx.req.log);
        if (landedOn) {
          const state = await landedOn.state;
          await db.update(versions).set({ state, logPosition: Math.max(backup.logPosition, landedOn.logPosition), restoreMark: mark ?? null }).where(eq(versions.id, backup.id));
          // Not awaited: the answer does not wait out the window (see lateEdits).
          if (late) void addLateEditsToBackup(db, backup.id, late, ctx.req.log);
        }
        // Comments whose words the restored content brings back (an undone restore, say) are anchored on them again.
        const live = await services.hub.acquire(document.id);
        const reanchored = await db.transaction(async (tx) => {
          const rows = await reanchorAfterRestore(tx as Executor, live.doc, document.id);
          for (const c of rows) {
            await auditIn(tx as Executor, principal, ctx.req.ip, { action: 'comment.reanchored', workspaceId: c.workspaceId, target: { type: 'comment', id: c.id }, changes: { documentId: c.documentId, reason: 'restore' } });
          }
          return rows;
        });
        for (const c of reanchored) ctx.emit(c.workspaceId, 'comment:updated', { documentId: c.documentId, comment: presentComment(c, c, false) });
        const participating = await participatingOrganizationIds(db, document.workspaceId);
        const backupView = presentVersion(backup, [], participating);
        ctx.emit(document.workspaceId, 'version:created', { version: backupView });
        // Who restored what, by name too: the others' pages say why the plan changed under them.
        ctx.emit(document.workspaceId, 'version:restored', { documentId: document.id, versionId: version.id, versionName: version.name, versionKind: version.kind, backupVersionId: backup.id, backupVersionName: backup.name, restoredById: principal.userId, restoredByName: principal.name });
        const approvals = await loadApprovals(db, [version.id]);
        return { version: presentVersion(version, approvals.get(version.id) ?? [], participating), backupVersion: backupView };
      }
    },
  });
}
