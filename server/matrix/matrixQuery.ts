/**
 * Reading the coordination matrix: projected activities of the working groups a user belongs to,
 * filtered in SQL, and pivot counts over them.
 */
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { activityProjection, memberships } from '../../db/schema.js';
import { involvedOrganizations, pivotCounts, touchedStates, type MatrixActivity, type MatrixQuery, type Pivot, type PivotRows } from '../../shared/matrix.js';

const t = activityProjection;

/** The WHERE of the rows `userId` may see that match `f`, over `activity_projection` (the matrix's and the overlap list's). */
export function matrixConditions(userId: string, f: MatrixQuery): SQL[] {
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
  if (f.municipalityCode) out.push(sql`${t.municipalityCodes} @> ${JSON.stringify([f.municipalityCode])}::jsonb`);
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
export async function queryMatrix(db: Executor, userId: string, filters: MatrixQuery): Promise<MatrixActivity[]> {
  const rows = await db
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
  // The projection is written from readActivity, which keeps known mandate areas and statuses only; the columns are text.
  return rows as MatrixActivity[];
}

/** Counts activities per organization (lead or partner) or state × mandate area (see pivotCounts). */
export function pivotMatrix(activities: MatrixActivity[], rows: PivotRows, areaOrder: readonly string[]): Pivot {
  return pivotCounts(activities, rows, areaOrder, rows === 'organization' ? involvedOrganizations : touchedStates);
}
