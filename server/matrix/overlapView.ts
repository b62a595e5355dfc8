/**
 * What a viewer may see of an overlap. Need-to-know: a side in a working group the viewer does not
 * belong to shows only that an activity exists elsewhere, and only when that group shares overlaps;
 * otherwise the overlap is not shown at all.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { activityProjection, documents, workspaces } from '../../db/schema.js';
import type { OverlapRow } from './overlapPass.js';

export const HIDDEN_SIDE_LABEL = 'an activity in another working group';

/** Everything about one side needed to decide and present visibility. */
export interface OverlapSideInfo {
  documentId: string;
  activityId: string;
  /** Null when the plan no longer exists. */
  workspaceId: string | null;
  workspaceName: string | null;
  documentTitle: string | null;
  shareOverlaps: boolean;
  title: string | null;
  leadOrganizationId: string | null;
  /** Whether the activity is still in its plan (a resolved flag outlives its activities, see bothSidesExist). */
  exists: boolean;
}

/** A side the viewer may see names its working group and plan, so the pair can be told apart without opening both. */
export type SideView =
  | { documentId: string; activityId: string; workspaceId: string; workspaceName: string; documentTitle: string; title: string | null }
  | { hidden: true; label: string };

export interface OverlapView {
  id: string;
  a: SideView;
  b: SideView;
  reasons: string[];
  score: number;
  status: string;
  resolution?: string;
  note?: string;
  createdAt: string;
  resolvedAt?: string;
}

export type SidesById = Map<string, { a: OverlapSideInfo; b: OverlapSideInfo }>;

/** Loads each side's working group, sharing setting, title and lead organization. */
export async function loadOverlapSides(tx: Executor, rows: OverlapRow[]): Promise<SidesById> {
  const out: SidesById = new Map();
  if (!rows.length) return out;
  const docIds = [...new Set(rows.flatMap((o) => [o.aDocumentId, o.bDocumentId]))];
  const docs = await tx
    .select({ id: documents.id, title: documents.title, workspaceId: documents.workspaceId, workspaceName: workspaces.name, share: workspaces.shareOverlaps })
    .from(documents)
    .innerJoin(workspaces, eq(workspaces.id, documents.workspaceId))
    .where(inArray(documents.id, docIds));
  const docInfo = new Map(docs.map((d) => [d.id, d]));
  // Only the flagged activities, not every row of their plans (a plan may hold 20,000), as one jsonb parameter.
  const wanted = new Map<string, [string, string]>();
  for (const o of rows) {
    wanted.set(`${o.aDocumentId}:${o.aActivityId}`, [o.aDocumentId, o.aActivityId]);
    wanted.set(`${o.bDocumentId}:${o.bActivityId}`, [o.bDocumentId, o.bActivityId]);
  }
  const sides = JSON.stringify([...wanted.values()]);
  const acts = await tx
    .select({ documentId: activityProjection.documentId, activityId: activityProjection.activityId, title: activityProjection.title, lead: activityProjection.leadOrganizationId })
    .from(activityProjection)
    .where(sql`(${activityProjection.documentId}, ${activityProjection.activityId}) in (select s->>0, s->>1 from jsonb_array_elements(${sides}::jsonb) s)`);
  const actInfo = new Map(acts.map((a) => [`${a.documentId}:${a.activityId}`, a]));
  const side = (documentId: string, activityId: string): OverlapSideInfo => {
    const d = docInfo.get(documentId);
    const a = actInfo.get(`${documentId}:${activityId}`);
    return {
      documentId,
      activityId,
      workspaceId: d?.workspaceId ?? null,
      workspaceName: d?.workspaceName ?? null,
      documentTitle: d?.title ?? null,
      shareOverlaps: d?.share ?? false,
      title: a?.title ?? null,
      leadOrganizationId: a?.lead ?? null,
      exists: a !== undefined,
    };
  };
  for (const o of rows) out.set(o.id, { a: side(o.aDocumentId, o.aActivityId), b: side(o.bDocumentId, o.bActivityId) });
  return out;
}

function sideView(s: OverlapSideInfo, visible: boolean): SideView {
  return visible && s.workspaceId
    ? { documentId: s.documentId, activityId: s.activityId, workspaceId: s.workspaceId, workspaceName: s.workspaceName ?? '', documentTitle: s.documentTitle ?? '', title: s.title }
    : { hidden: true, label: HIDDEN_SIDE_LABEL };
}

/**
 * Whether both activities of a flag are still in their plans. A resolved flag is kept when its pair stops overlapping,
 * so the resolution stands if they meet again (a version restored brings a deleted row back); while a side is gone it
 * is not listed, shown or resolved: it named nothing.
 */
export function bothSidesExist(sides: { a: OverlapSideInfo; b: OverlapSideInfo }): boolean {
  return sides.a.exists && sides.b.exists;
}

/** Whether a viewer belonging to `memberOf` may see the overlap at all. */
export function mayViewOverlap(sides: { a: OverlapSideInfo; b: OverlapSideInfo }, memberOf: ReadonlySet<string>): boolean {
  const seeA = !!sides.a.workspaceId && memberOf.has(sides.a.workspaceId);
  const seeB = !!sides.b.workspaceId && memberOf.has(sides.b.workspaceId);
  if (!seeA && !seeB) return false;
  if (!seeA && !sides.a.shareOverlaps) return false;
  if (!seeB && !sides.b.shareOverlaps) return false;
  return true;
}

/** The overlap as a viewer belonging to `memberOf` may see it; null when they may not see it. */
export function viewOverlap(o: OverlapRow, sides: { a: OverlapSideInfo; b: OverlapSideInfo }, memberOf: ReadonlySet<string>): OverlapView | null {
  if (!mayViewOverlap(sides, memberOf)) return null;
  const seeA = !!sides.a.workspaceId && memberOf.has(sides.a.workspaceId);
  const seeB = !!sides.b.workspaceId && memberOf.has(sides.b.workspaceId);
  return {
    id: o.id,
    a: sideView(sides.a, seeA),
    b: sideView(sides.b, seeB),
    reasons: o.reasons,
    score: o.score,
    status: o.status,
    ...(o.resolution ? { resolution: o.resolution } : {}),
    ...(o.note ? { note: o.note } : {}),
    createdAt: o.createdAt.toISOString(),
    ...(o.resolvedAt ? { resolvedAt: o.resolvedAt.toISOString() } : {}),
  };
}
