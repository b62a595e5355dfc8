/**
 * Restore, by those who edit the plan (members and facilitators; observers never change a document).
 * The current content is first saved as an automatic version, so a restore is always undone by
 * restoring that version. The restore itself is a new forward Yjs change on the live
 * document, visible at once to connected clients; no history is rewritten.
 */
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

/** Something to tell a group once a restore is done (Socket.IO event name and payload). */
type GroupEvent = [workspaceId: string, event: string, payload: Record<string, unknown>];

/**
 * Waits for a restore to land, be stored and be followed up; past `ms`, a clear 503 instead of a request left hanging
 * while the database is away. The restore goes on regardless (its change is in the plan or on its way): `late` sees the
 * rest of it, once the database answers.
 */
async function doneWithin<T>(work: Promise<T>, ms: number, late: (work: Promise<T>) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late(work);
      reject(new AppError('unavailable', 'The restore is applied but the database has not stored it yet; it will be saved when the database answers. Check the plan in a minute.'));
    }, ms);
  });
  try {
    return await Promise.race([work, waited]);
  } finally {
    clearTimeout(timer);
  }
}

/** Registers `POST /api/versions/:id/restore`. */
export function registerRestoreRoute(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/versions/:id/restore',
    summary: 'Make a version’s content current as a new change (members and facilitators); the content before is saved as an auto version first (emits version:created). A 503 after the change was applied means the database has not stored it yet: the restore still completes (its backup, version:created and version:restored) once it answers',
    tags: ['versions'],
    response: z.strictObject({ version, backupVersion: version }),
    refusals: [403, 409, 503],
    params: idParams,
    // Its own transaction: the live document must be loaded outside one (PGlite has a single connection).
    transaction: false,
    handler: async (ctx) => {
      const { principal, services } = ctx;
      const { db } = services.database;
      const log = ctx.req.log;
      const { version, document } = await requireVersion(db, principal, ctx.params.id, 'edit');
      // One restore of a plan at a time (see restoreLease): released however this one ends.
      const release = await acquireRestoreLease(db, document.id, undefined, undefined, log);
      // A lease left behind expires on its own; failing to free it must not turn a restore into an error.
      const freeLease = () => release().catch((err: unknown) => log.warn({ err }, 'a restore lease was not released; it expires on its own'));
      let answeredLate = false;
      try {
        const prepared = await prepare();
        const { answer, events } = await doneWithin(land(prepared), services.config.limits.restoreStoreWaitMs, (work) => {
          // Answered 503, but the restore is in the plan: the rest of it still runs, and the group still hears of
          // it (the pipeline sends a handler's events only with its answer). The lease is held until it is done,
          // so a retry after the 503 waits for it instead of running on a half-recorded restore.
          answeredLate = true;
          void work
            .then(({ events: late }) => late.forEach(([workspaceId, event, payload]) => services.events.toWorkspace(workspaceId, event, payload)))
            .catch((err: unknown) => log.error({ err, documentId: document.id }, 'a restore was not applied or not stored'))
            .finally(() => freeLease());
        });
        for (const [workspaceId, event, payload] of events) ctx.emit(workspaceId, event, payload);
        return answer;
      } finally {
        if (!answeredLate) await freeLease();
      }

      /**
       * Everything written before the change: its backup and audit entries. The change is computed before anything
       * is written, from the content the backup then stores: a restore refused while computing (the restore worker
       * busy or unable: 503) leaves no backup named after it and no "restored" audit event, as if it had not been
       * asked (a reconnecting page would read such a backup as a restore it missed). Edits typed meanwhile are not in
       * that content: as the change is computed from it, those edits merge with it rather than being deleted as "not
       * in the version".
       */
      async function prepare() {
        await services.hub.acquire(document.id);
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
        return { change, backup };
      }

      /**
       * The change applied to the live plan and stored, then everything that follows a restore that happened: the
       * backup's record of it, comments re-anchored, and the answer with the events to tell the group.
       */
      async function land({ change, backup }: Awaited<ReturnType<typeof prepare>>) {
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
        await services.hub.changeFrom(document.id, principal.userId, compute, {
          base: new Uint8Array(),
          beforeApply: (live) => {
            landedOn = { state: encodeVersionState(live.doc), logPosition: live.logPosition };
          },
          afterApply: (live) => {
            late = editsDuring(live, LATE_EDIT_WINDOW_MS);
          },
        });
        if (landedOn) {
          const state = await landedOn.state;
          await db.update(versions).set({ state, logPosition: Math.max(backup.logPosition, landedOn.logPosition), restoreMark: mark ?? null }).where(eq(versions.id, backup.id));
          // Not awaited: the answer does not wait out the window (see lateEdits).
          if (late) void addLateEditsToBackup(db, backup.id, late, log);
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
        const events: GroupEvent[] = reanchored.map((c) => [c.workspaceId, 'comment:updated', { documentId: c.documentId, comment: presentComment(c, c, false) }]);
        const participating = await participatingOrganizationIds(db, document.workspaceId);
        const backupView = presentVersion(backup, [], participating);
        events.push([document.workspaceId, 'version:created', { documentId: document.id, version: backupView }]);
        // Who restored what, by name too: the others' pages say why the plan changed under them.
        const restored = { documentId: document.id, versionId: version.id, versionName: version.name, versionKind: version.kind, backupVersionId: backup.id, backupVersionName: backup.name, restoredById: principal.userId, restoredByName: principal.name };
        events.push([document.workspaceId, 'version:restored', restored]);
        const approvals = await loadApprovals(db, [version.id]);
        return { answer: { version: presentVersion(version, approvals.get(version.id) ?? [], participating), backupVersion: backupView }, events };
      }
    },
  });
}
