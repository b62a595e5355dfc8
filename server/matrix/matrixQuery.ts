/**
 * Reading the coordination matrix: projected activities of the working groups a user belongs to,
 * filtered in SQL, and pivot counts over them.
 */
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { activityProjection, memberships } from '../../db/schema.js';

export interface MatrixFilters {
  mandateArea?: string;
  stateCode?: string;
  organizationId?: string;
  level?: string;
  status?: string;
  /** Activities still running on or after this date. */
  from?: string;
  /** Activities starting on or before this date. */
  to?: string;
  workspaceId?: string;
  documentId?: string;
}

/** One row of `GET /api/matrix`. */
export interface MatrixActivity {
  workspaceId: string;
  documentId: string;
  activityId: string;
  title: string;
  leadOrganizationId: string | null;
  partnerOrganizationIds: string[];
  mandateArea: string | null;
  stateCodes: string[];
  municipalityCodes: string[];
  startDate: string | null;
  endDate: string | null;
  status: string;
}

const t = activityProjection;

/** The WHERE of the rows `userId` may see that match `f`, over `activity_projection` (the matrix's and the overlap list's). */
export function matrixConditions(userId: string, f: MatrixFilters): SQL[] {
  const out: SQL[] = [inArray(t.workspaceId, sql`(select ${memberships.workspaceId} from ${memberships} where ${memberships.userId} = ${userId})`)];
  if (f.workspaceId) out.push(eq(t.workspaceId, f.workspaceId));
  if (f.documentId) out.push(eq(t.documentId, f.documentId));
  if (f.mandateArea) out.push(eq(t.mandateArea, f.mandateArea));
  if (f.status) out.push(eq(t.status, f.status));
  if (f.stateCode) {
    // A municipality places an activity in its state even when the state is not listed.
    out.push(sql`(${t.stateCodes} @> ${JSON.stringify([f.stateCode])}::jsonb
      or exists (select 1 from jsonb_array_elements_text(${t.municipalityCodes}) m where left(m, 2) = ${f.stateCode}))`);
  }
  if (f.organizationId) out.push(or(eq(t.leadOrganizationId, f.organizationId), sql`${t.partnerOrganizationIds} @> ${JSON.stringify([f.organizationId])}::jsonb`) as SQL);
  if (f.level) {
    out.push(sql`exists (select 1 from organizations o
      where o.level = ${f.level}
        and (o.id = ${t.leadOrganizationId} or ${t.partnerOrganizationIds} @> jsonb_build_array(o.id)))`);
  }
  // Dates are ISO strings; an activity without an end (or start) is open on that side.
  // A range typed the wrong way round spans from its earlier date to its later one, as overlap detection reads it
  // (greatest and least skip a missing date, so a missing end is open).
  if (f.from) out.push(sql`(${t.endDate} is null or greatest(${t.startDate}, ${t.endDate}) >= ${f.from})`);
  if (f.to) out.push(sql`(${t.startDate} is null or least(${t.startDate}, ${t.endDate}) <= ${f.to})`);
  return out;
}

/** The activities `userId` may see that match the filters, ordered by title. */
export async function queryMatrix(db: Executor, userId: string, filters: MatrixFilters): Promise<MatrixActivity[]> {
  return db
    .select({
      workspaceId: t.workspaceId,
      documentId: t.documentId,
      activityId: t.activityId,
      title: t.title,
      leadOrganizationId: t.leadOrganizationId,
      partnerOrganizationIds: t.partnerOrganizationIds,
      mandateArea: t.mandateArea,
      stateCodes: t.stateCodes,
      municipalityCodes: t.municipalityCodes,
      startDate: t.startDate,
      endDate: t.endDate,
      status: t.status,
    })
    .from(t)
    .where(and(...matrixConditions(userId, filters)))
    .orderBy(asc(t.title), asc(t.documentId), asc(t.activityId));
}

export type PivotRows = 'organization' | 'state';

export interface Pivot {
  rows: PivotRows;
  cols: 'mandateArea';
  /** Column keys in order; activities without a mandate area count under "none". */
  columns: string[];
  data: Array<{ key: string; counts: Record<string, number>; total: number }>;
  totals: Record<string, number>;
  total: number;
}

/**
 * Counts activities per row × mandate area. An activity counts once under each organization it
 * involves (lead or partner) and each state it touches, so row sums may exceed `total`.
 */
export function pivotMatrix(activities: MatrixActivity[], rows: PivotRows, areaOrder: readonly string[]): Pivot {
  const byRow = new Map<string, Record<string, number>>();
  const totals: Record<string, number> = {};
  const seenAreas = new Set<string>();
  for (const a of activities) {
    const col = a.mandateArea ?? 'none';
    seenAreas.add(col);
    totals[col] = (totals[col] ?? 0) + 1;
    const keys =
      rows === 'organization'
        ? [a.leadOrganizationId, ...a.partnerOrganizationIds].filter((k): k is string => !!k)
        : [...a.stateCodes, ...a.municipalityCodes.map((m) => m.slice(0, 2))];
    for (const key of new Set(keys)) {
      const counts = byRow.get(key) ?? {};
      counts[col] = (counts[col] ?? 0) + 1;
      byRow.set(key, counts);
    }
  }
  const columns = [...areaOrder.filter((a) => seenAreas.has(a)), ...[...seenAreas].filter((a) => !areaOrder.includes(a)).sort()];
  const data = [...byRow.entries()]
    .map(([key, counts]) => ({ key, counts, total: Object.values(counts).reduce((s, n) => s + n, 0) }))
    .sort((x, y) => y.total - x.total || (x.key < y.key ? -1 : 1));
  return { rows, cols: 'mandateArea', columns, data, totals, total: activities.length };
}
