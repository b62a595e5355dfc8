/**
 * Automatic versions: when a plan has been edited for `limits.autoVersionAfterMs` since its last
 * version, the next save stores an `auto` version. Driven by the hub's `saved` events, so an idle
 * plan costs nothing; the database decides whether a version already covers the edits, which keeps
 * several nodes (or a named version made meanwhile) from producing duplicates.
 */
import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditEvents, versions } from '../../db/schema.js';
import type { AppServices } from '../services.js';
import { createVersion, type VersionRow } from './createVersion.js';
import { participatingOrganizationIds, presentVersion } from './versionRecords.js';

export const AUTO_VERSION_NAME = 'Versión automática';

/** Inserts the audit event of a version the server made on its own. */
export async function auditSystemVersion(tx: Executor, workspaceId: string, row: VersionRow, changes: Record<string, unknown> = {}): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: null,
    organizationId: null,
    workspaceId,
    action: 'version.created',
    target: { type: 'version', id: row.id },
    changes: { documentId: row.documentId, kind: row.kind, name: row.name, ...changes },
  });
}

/** Makes the automatic version, or, when a version (named, meeting, another node's) was made since `since`, says when. */
async function makeAutoVersion(services: AppServices, documentId: string, workspaceId: string, since: number): Promise<{ row: VersionRow } | { newerAt: number }> {
  return services.database.db.transaction(async (tx) => {
    const [latest] = await tx.select({ at: versions.createdAt }).from(versions).where(eq(versions.documentId, documentId)).orderBy(desc(versions.createdAt)).limit(1);
    if (latest && latest.at.getTime() >= since) return { newerAt: latest.at.getTime() };
    const row = await createVersion(tx, services.hub, { documentId, name: AUTO_VERSION_NAME, kind: 'auto', createdById: null });
    await auditSystemVersion(tx, workspaceId, row);
    return { row };
  });
}

/** Starts watching saves; returns a function that stops it. */
export function startAutoVersions(services: AppServices, onError: (err: unknown) => void): () => void {
  // Per document: when the first edit not covered by a version was saved.
  const firstEdit = new Map<string, number>();
  const busy = new Set<string>();
  const onSaved = ({ documentId, workspaceId }: { documentId: string; workspaceId: string }) => {
    const now = Date.now();
    const first = firstEdit.get(documentId);
    if (first === undefined) return void firstEdit.set(documentId, now);
    if (now - first < services.config.limits.autoVersionAfterMs || busy.has(documentId)) return;
    busy.add(documentId);
    makeAutoVersion(services, documentId, workspaceId, first)
      .then(async (made) => {
        // A newer version covers the edits up to it; what this save stored counts from that version, so the next
        // automatic one comes the editing time after it (counting from now put it off by up to that time again).
        // (One millisecond on: the edits this save stored came after that version, which must not cover them again.)
        if (!('row' in made)) return void firstEdit.set(documentId, made.newerAt + 1);
        const { row } = made;
        firstEdit.delete(documentId);
        const participating = await participatingOrganizationIds(services.database.db, workspaceId);
        services.events.toWorkspace(workspaceId, 'version:created', { documentId, version: presentVersion(row, [], participating) });
      })
      .catch(onError)
      .finally(() => busy.delete(documentId));
  };
  services.hub.on('saved', onSaved);
  return () => services.hub.off('saved', onSaved);
}
