/**
 * Reaching an activity's row from elsewhere on the plan page (a comment thread, the "changed since your last visit"
 * note). A very big table keeps only some rows in the page (see useRowWindow), so callers ask the open table, which
 * scrolls the row into its window first; with no table registered the row is looked up in the page as it is.
 */

/** Finds the first of `ids`, in the table's order, and hands its row to `then` once it is in the page (never if none). */
export type ActivityRowFinder = (ids: ReadonlySet<string>, then: (row: HTMLElement) => void) => boolean;

let current: ActivityRowFinder | null = null;

/** The open table's finder; returns the unregister function. */
export function registerActivityRowFinder(finder: ActivityRowFinder): () => void {
  current = finder;
  return () => {
    if (current === finder) current = null;
  };
}

/** Hands the first of `activityIds` (in table order) to `then` once its row is in the page; false when no row has one. */
export function withActivityRow(activityIds: readonly string[], then: (row: HTMLElement) => void): boolean {
  const wanted = new Set(activityIds);
  if (current) return current(wanted, then);
  const rows = document.querySelectorAll<HTMLElement>('[data-testid="activities-table"] tr[data-activity-id]');
  const row = [...rows].find((r) => wanted.has(r.dataset.activityId ?? ''));
  if (row) then(row);
  return row !== undefined;
}
