/**
 * Reading many projected rows without holding the event loop: through a cursor, a page at a time, with a turn
 * between pages. Embedded PGlite runs a statement and converts its whole result in this thread; one read of a
 * crowded neighbourhood (20,000 rows of one area and state) held the loop for 0.6 s.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/client.js';
import { activityProjection } from '../../db/schema.js';
import { nextTurn } from '../workers/timeSlice.js';
import type { ProjectedActivity } from './projectionRows.js';

/** Rows fetched per page (2,000 crowded rows took 30–50 ms on PGlite). */
const PAGE_ROWS = 1000;

/** Cursor names are per transaction; a counter keeps two reads in one transaction apart. */
let cursors = 0;

/** A jsonb list as either driver returns it from a raw query (parsed, or as its text). */
function stringList(value: unknown): string[] {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(list) ? list.map(String) : [];
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** A raw `activity_projection` row (column names as stored) as the projection reads it. */
function fromRaw(r: Record<string, unknown>): ProjectedActivity {
  return {
    documentId: text(r.document_id),
    activityId: text(r.activity_id),
    workspaceId: text(r.workspace_id),
    title: text(r.title),
    description: text(r.description),
    leadOrganizationId: textOrNull(r.lead_organization_id),
    partnerOrganizationIds: stringList(r.partner_organization_ids),
    mandateArea: textOrNull(r.mandate_area),
    stateCodes: stringList(r.state_codes),
    municipalityCodes: stringList(r.municipality_codes),
    startDate: textOrNull(r.start_date),
    endDate: textOrNull(r.end_date),
    status: text(r.status) as ProjectedActivity['status'],
    target: text(r.target),
    indicator: text(r.indicator),
  };
}

/** Projected rows matching `where`, read through a cursor inside `tx` (it must be a transaction) in pages. */
export async function readProjectedRows(tx: Executor, where: SQL): Promise<ProjectedActivity[]> {
  const { updatedAt: _u, contentDigest: _d, ...columns } = getTableColumns(activityProjection);
  const name = sql.raw(`projection_rows_${++cursors}`);
  const query = sql`select ${sql.join(Object.values(columns), sql`, `)} from ${activityProjection} where ${where}`;
  await tx.execute(sql`declare ${name} no scroll cursor for ${query}`);
  const out: ProjectedActivity[] = [];
  for (;;) {
    const page = rowsOf<Record<string, unknown>>(await tx.execute(sql`fetch forward ${sql.raw(String(PAGE_ROWS))} from ${name}`));
    for (const r of page) out.push(fromRaw(r));
    if (page.length < PAGE_ROWS) break;
    await nextTurn();
  }
  // Closed here on success; after a failure the transaction ends, and the cursor with it.
  await tx.execute(sql`close ${name}`);
  return out;
}
