/**
 * The coordination matrix's API shapes (`GET /api/matrix` and its pivot), and the pivot's counts, which the server
 * answers `GET /api/matrix/pivot` with and the web app computes in memory over the rows it holds.
 */
import type { Activity } from './planModel.js';

/** The matrix's filters as a person sets them; an absent or empty one filters nothing. */
export interface MatrixFilters {
  mandateArea?: string;
  stateCode?: string;
  /** Activities in this municipality (INEGI code). */
  municipalityCode?: string;
  organizationId?: string;
  level?: string;
  status?: string;
  /** Activities still running on or after this date. */
  from?: string;
  /** Activities starting on or before this date. */
  to?: string;
}

/** The filters plus the working group or plan a request may narrow the rows to. */
export interface MatrixQuery extends MatrixFilters {
  workspaceId?: string;
  /** One plan's rows: what a page showing the matrix refetches after that plan's rows changed. */
  documentId?: string;
}

type MatrixFields = 'title' | 'leadOrganizationId' | 'partnerOrganizationIds' | 'mandateArea' | 'stateCodes' | 'municipalityCodes' | 'startDate' | 'endDate' | 'status';

/** One row of `GET /api/matrix`: an activity's fields the matrix shows, and the plan and working group it is in. */
export interface MatrixActivity extends Pick<Activity, MatrixFields> {
  workspaceId: string;
  documentId: string;
  activityId: string;
}

export type PivotRows = 'organization' | 'state';

/** Activity counts per organization or state × mandate area. */
export interface Pivot {
  rows: PivotRows;
  cols: 'mandateArea';
  /** Column keys in order; activities without a mandate area count under "none". */
  columns: string[];
  data: Array<{ key: string; counts: Record<string, number>; total: number }>;
  totals: Record<string, number>;
  total: number;
}

/** The organizations an activity involves: its lead, then its partners. */
export function involvedOrganizations(a: Pick<MatrixActivity, 'leadOrganizationId' | 'partnerOrganizationIds'>): string[] {
  return [a.leadOrganizationId, ...a.partnerOrganizationIds].filter((id): id is string => !!id);
}

/** The states an activity touches: those it lists, then those of its municipalities (an INEGI municipality code begins with its state's). */
export function touchedStates(a: Pick<MatrixActivity, 'stateCodes' | 'municipalityCodes'>): string[] {
  return [...a.stateCodes, ...a.municipalityCodes.map((m) => m.slice(0, 2))];
}

/**
 * Counts activities per row × mandate area. An activity counts once under each key `keysOf` gives it (each
 * organization it involves, each state it touches; a key given twice counts once), so row sums may exceed `total`;
 * columns in `areaOrder`, then any other area in name order; busiest rows first.
 */
export function pivotCounts<A extends { mandateArea: string | null }>(activities: readonly A[], rows: PivotRows, areaOrder: readonly string[], keysOf: (a: A) => Iterable<string>): Pivot {
  const byRow = new Map<string, Record<string, number>>();
  const totals: Record<string, number> = {};
  const seenAreas = new Set<string>();
  for (const a of activities) {
    const col = a.mandateArea ?? 'none';
    seenAreas.add(col);
    totals[col] = (totals[col] ?? 0) + 1;
    for (const key of new Set(keysOf(a))) {
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
