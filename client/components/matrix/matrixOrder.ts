/**
 * The order the matrix shows its rows in, kept on the client: a page replaces one plan's rows after that plan
 * changed (instead of fetching every plan again), and the merged list must read as a full load would.
 */
import type { MatrixActivity } from '../../api/types.js';

// By title as a Spanish reader sorts (accents and case aside, numbers by value), then plan and activity, so no two
// rows tie and the order does not depend on the database's collation.
const titles = new Intl.Collator('es', { sensitivity: 'base', numeric: true });

/** Negative when `a` comes before `b` in the matrix. */
export function compareMatrixRows(a: MatrixActivity, b: MatrixActivity): number {
  return titles.compare(a.title, b.title) || codeOrder(a.documentId, b.documentId) || codeOrder(a.activityId, b.activityId);
}

function codeOrder(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `rows` in matrix order (a new array). */
export function sortMatrixRows(rows: readonly MatrixActivity[]): MatrixActivity[] {
  return [...rows].sort(compareMatrixRows);
}

/** Sorted `rows` with every row of `plans` replaced by `fresh` (those plans' rows as they are now), in matrix order. */
export function replacePlanRows(rows: readonly MatrixActivity[], plans: ReadonlySet<string>, fresh: readonly MatrixActivity[]): MatrixActivity[] {
  const kept = rows.filter((r) => !plans.has(r.documentId));
  const added = sortMatrixRows(fresh.filter((r) => plans.has(r.documentId)));
  // Both lists are sorted: one merge, not a sort of the whole matrix.
  const out: MatrixActivity[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length && j < added.length) out.push(compareMatrixRows(kept[i], added[j]) <= 0 ? kept[i++] : added[j++]);
  while (i < kept.length) out.push(kept[i++]);
  while (j < added.length) out.push(added[j++]);
  return out;
}
