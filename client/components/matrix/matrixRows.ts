/**
 * The matrix in memory: filter keys computed once per data load, the filters the server's `GET /api/matrix`
 * applies (same meaning, same order of rows), and the counts the map and the pivots show.
 */
import { MANDATE_AREAS } from '../../../shared/constants.js';
import { involvedOrganizations, pivotCounts, touchedStates } from '../../../shared/matrix.js';
import { MATRIX_FILTER_KEYS, type MatrixFilters, type Pivot, type PivotRows } from '../../api/matrix.js';
import type { MatrixActivity, Organization } from '../../api/types.js';

/** One row with what the filters compare, so a filter change never rebuilds sets per row. */
export interface IndexedActivity {
  row: MatrixActivity;
  /** Listed states and the states of listed municipalities. */
  states: ReadonlySet<string>;
  /** Lead and partner organizations. */
  organizations: ReadonlySet<string>;
  /** Government levels of those organizations. */
  levels: ReadonlySet<string>;
}

/** Every row's filter keys, in the server's order and by row. */
export interface MatrixIndex {
  entries: IndexedActivity[];
  of: ReadonlyMap<MatrixActivity, IndexedActivity>;
}

/** Computes the filter keys of every row (once per load, and when the organization directory changes). */
export function indexMatrix(rows: MatrixActivity[], organizations: ReadonlyMap<string, Organization>): MatrixIndex {
  const entries = rows.map((row): IndexedActivity => {
    const orgIds = involvedOrganizations(row);
    const levels = new Set<string>();
    for (const id of orgIds) {
      const level = organizations.get(id)?.level;
      if (level) levels.add(level);
    }
    return { row, states: new Set(touchedStates(row)), organizations: new Set(orgIds), levels };
  });
  return { entries, of: new Map(entries.map((x) => [x.row, x])) };
}

/** A canonical string of the filters that are set (equal strings, equal filters). */
export function filterKey(filters: MatrixFilters): string {
  const q = new URLSearchParams();
  for (const k of MATRIX_FILTER_KEYS) if (filters[k]) q.set(k, filters[k]);
  return q.toString();
}

/** The filters a `filterKey` string (or any query string) holds. */
export function parseFilters(search: string | URLSearchParams): MatrixFilters {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  return Object.fromEntries(MATRIX_FILTER_KEYS.map((k) => [k, q.get(k) ?? ''])) as MatrixFilters;
}

/** The rows matching `f`, in the server's order; dates are ISO strings, a missing start or end is open on that side. */
export function filterMatrix(index: MatrixIndex, f: MatrixFilters): MatrixActivity[] {
  const out: MatrixActivity[] = [];
  for (const x of index.entries) {
    const r = x.row;
    if (f.mandateArea && r.mandateArea !== f.mandateArea) continue;
    if (f.status && r.status !== f.status) continue;
    if (f.stateCode && !x.states.has(f.stateCode)) continue;
    if (f.municipalityCode && !r.municipalityCodes.includes(f.municipalityCode)) continue;
    if (f.organizationId && !x.organizations.has(f.organizationId)) continue;
    if (f.level && !x.levels.has(f.level)) continue;
    // Dates typed the wrong way round span from the earlier to the later, as the server's filter reads them.
    const reversed = !!r.startDate && !!r.endDate && r.startDate > r.endDate;
    const [first, last] = reversed ? [r.endDate, r.startDate] : [r.startDate, r.endDate];
    if (f.from && last && last < f.from) continue;
    if (f.to && first && first > f.to) continue;
    out.push(r);
  }
  return out;
}

/** How many of `rows` touch each state (through a listed state or municipality). */
export function countByState(rows: MatrixActivity[], index: MatrixIndex): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) for (const c of index.of.get(r)?.states ?? []) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts;
}

/** Counts per organization or state × mandate area, as `GET /api/matrix/pivot` does (pivotCounts), from the index's keys. */
export function pivotMatrix(rows: MatrixActivity[], index: MatrixIndex, by: PivotRows): Pivot {
  return pivotCounts(rows, by, MANDATE_AREAS, (r) => {
    const x = index.of.get(r);
    return (by === 'organization' ? x?.organizations : x?.states) ?? [];
  });
}
