/** Who does what where: the coordination matrix, its pivots and downloads, and overlap flags. */
import type { OverlapReason, OverlapResolution } from '../../shared/constants.js';
import type { MatrixActivity, MatrixFilters } from '../../shared/matrix.js';
import { query, request } from './http.js';

export type { MatrixFilters, Pivot, PivotRows } from '../../shared/matrix.js';

export const MATRIX_FILTER_KEYS = ['mandateArea', 'stateCode', 'municipalityCode', 'organizationId', 'level', 'status', 'from', 'to'] as const satisfies ReadonlyArray<keyof MatrixFilters>;

/** One side of an overlap: the activity when the viewer may see it, else only that it exists elsewhere. */
export type OverlapSide =
  | { documentId: string; activityId: string; workspaceId: string; workspaceName: string; documentTitle: string; title: string | null; hidden?: undefined }
  | { hidden: true; label: string };

export interface Overlap {
  id: string;
  a: OverlapSide;
  b: OverlapSide;
  reasons: OverlapReason[];
  score: number;
  status: 'open' | 'resolved';
  resolution?: OverlapResolution;
  note?: string;
  createdAt: string;
  resolvedAt?: string;
  /** Who resolved it, when the viewer shares that person's working group. */
  resolvedBy?: { userId: string; name: string };
}

/** Activities matching the filters, from every plan the caller may see (or one plan: a 404 when it is not). */
export async function getMatrix(filters: MatrixFilters & { documentId?: string }, signal?: AbortSignal): Promise<MatrixActivity[]> {
  return (await request<{ activities: MatrixActivity[] }>('GET', `/api/matrix${query({ ...filters })}`, undefined, signal)).activities;
}

/** Link to the same rows as HXL-tagged CSV. */
export function matrixCsvUrl(filters: MatrixFilters, lang?: string): string {
  return `/api/matrix.csv${query({ ...filters, lang })}`;
}

/** Link to the same rows as an Excel workbook (or one plan's rows: what its activity import offers to edit and bring back). */
export function matrixXlsxUrl(filters: MatrixFilters & { documentId?: string }, lang?: string): string {
  return `/api/matrix.xlsx${query({ ...filters, lang })}`;
}

/** Some of the overlaps, highest score first: `nextCursor` says the server has more (how many is not known). */
export interface OverlapPages {
  overlaps: Overlap[];
  nextCursor: string | null;
  /** Server pages read. */
  pages: number;
}

/**
 * The first `pages` server pages of the overlaps with a side among the matrix rows `filters` select, or the pages
 * after `after` (a `nextCursor`). The matrix's activity `status` filter is sent as `activityStatus`.
 */
export async function getOverlapPages(
  status: 'open' | 'resolved' | 'all',
  filters: MatrixFilters,
  pages: number,
  signal?: AbortSignal,
  after?: string,
): Promise<OverlapPages> {
  const { status: activityStatus, ...rows } = filters;
  const out: Overlap[] = [];
  let cursor = after ?? null;
  let read = 0;
  do {
    const q = query({ status, ...rows, activityStatus, cursor });
    const body = await request<{ overlaps: Overlap[]; nextCursor?: string | null }>('GET', `/api/overlaps${q}`, undefined, signal);
    out.push(...body.overlaps);
    cursor = body.nextCursor ?? null;
    read++;
  } while (cursor && read < pages);
  return { overlaps: out, nextCursor: cursor, pages: read };
}

/** How many open overlaps each of the caller's activities has, keyed `documentId:activityId` (those with none are absent). */
export async function getOverlapMarks(signal?: AbortSignal): Promise<Map<string, number>> {
  const body = await request<{ activities: Array<{ documentId: string; activityId: string; open: number }> }>('GET', '/api/overlaps/marks', undefined, signal);
  return new Map(body.activities.map((a) => [`${a.documentId}:${a.activityId}`, a.open]));
}

/** One overlap the caller may see, whatever its status or place in the list (a 404 otherwise). */
export async function getOverlap(id: string, signal?: AbortSignal): Promise<Overlap> {
  return (await request<{ overlap: Overlap }>('GET', `/api/overlaps/${encodeURIComponent(id)}`, undefined, signal)).overlap;
}

/** Records how an overlap is handled. */
export async function resolveOverlap(id: string, resolution: OverlapResolution, note?: string): Promise<Overlap> {
  return (await request<{ overlap: Overlap }>('POST', `/api/overlaps/${encodeURIComponent(id)}/resolve`, { resolution, ...(note ? { note } : {}) })).overlap;
}

/** The plan page of an activity, focused on its row. */
export function activityHref(side: { workspaceId: string; documentId: string; activityId: string }): string {
  return `/w/${side.workspaceId}/d/${side.documentId}?activity=${encodeURIComponent(side.activityId)}`;
}
