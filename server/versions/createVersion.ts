/**
 * Stores a version of a plan: the full Yjs state of the live document, compressed (versionState.ts;
 * a version never depends on the update log, which compaction folds away), and the log position it covers.
 */
import { sql } from 'drizzle-orm';
import type { InferSelectModel } from 'drizzle-orm';
import { versions } from '../../db/schema.js';
import type { VersionKind } from '../../shared/constants.js';
import { newId } from '../ids.js';
import type { DocumentHub } from '../sync/documentHub.js';
import { rowsOf, type Executor } from '../../db/client.js';
import { encodeVersionState } from './versionState.js';

export type VersionRow = InferSelectModel<typeof versions>;

export interface CreateVersionInput {
  documentId: string;
  name: string;
  kind: VersionKind;
  /** Null for versions the server makes on its own (automatic versions). */
  createdById: string | null;
  meetingId?: string | null;
  /**
   * The content to store, taken earlier by the caller (a restore's backup: the very state its change was computed
   * from; see takeContent), with the log position it covers. Without it, the plan's content now.
   */
  taken?: TakenContent;
}

/** Highest update-log id stored for a document, counting ranges compaction folded into contributions. */
export async function currentLogPosition(tx: Executor, documentId: string): Promise<number> {
  const result = await tx.execute(sql`
    select greatest(
      coalesce((select max(id) from document_updates where document_id = ${documentId}), 0),
      coalesce((select max(max_log_id) from document_contributions where document_id = ${documentId}), 0)
    ) as position`);
  return Number(rowsOf<{ position: string | number }>(result)[0]?.position ?? 0);
}

/** A plan's content encoded for the versions table, and the highest update-log id it includes. */
export interface TakenContent {
  state: Uint8Array;
  logPosition: number;
}

/** The content of a plan now (`executor` reads it when this node has not loaded the plan, and the stored log position). */
export async function takeContent(executor: Executor, hub: DocumentHub, documentId: string): Promise<TakenContent> {
  // Through the caller's executor: inside a transaction, hub.acquire would wait forever on PGlite's single connection.
  const current = await hub.peek(documentId, executor);
  // Encoded synchronously with the node's known log position: everything this node committed is in it.
  const encoding = encodeVersionState(current.doc);
  const known = current.logPosition;
  current.release();
  const state = await encoding;
  return { state, logPosition: Math.max(known, await currentLogPosition(executor, documentId)) };
}

/** Saves the document's current content (or the content the caller took) as a version and returns the stored row. */
export async function createVersion(tx: Executor, hub: DocumentHub, input: CreateVersionInput): Promise<VersionRow> {
  const { state, logPosition } = input.taken ?? (await takeContent(tx, hub, input.documentId));
  const [row] = await tx
    .insert(versions)
    .values({
      id: newId('ver'),
      documentId: input.documentId,
      name: input.name,
      kind: input.kind,
      state,
      logPosition,
      meetingId: input.meetingId ?? null,
      createdById: input.createdById,
    })
    .returning();
  return row;
}
