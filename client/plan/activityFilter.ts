/**
 * Finding activities in a big plan by their words. A table of more than 100 rows keeps only the rows in view in the
 * page (useRowWindow), so the browser's find no longer reaches the others: the table's own filter does, over every row.
 */
import { useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import type { Activity } from '../../shared/planModel.js';
import { municipalityLabel } from '../../shared/municipalities.js';
import { foldText } from '../../shared/textFold.js';
import type { ActivitySnapshot } from './activityRowsStore.js';

// A row's snapshot is replaced whenever the row changes, so its folded words can be kept with it.
const folded = new WeakMap<Activity, string>();

function wordsOf(activity: Activity): string {
  let words = folded.get(activity);
  if (words === undefined) {
    // A municipality is found by its code or its name ("Tapachula" finds 07089).
    words = foldText([activity.title, activity.description, activity.target, activity.indicator, ...activity.municipalityCodes.map(municipalityLabel)].join('\n'));
    folded.set(activity, words);
  }
  return words;
}

/**
 * The positions of the rows whose words hold every word of `query`, and of the rows in `kept` (null: no query, every
 * row). Rows found are added to `kept`.
 */
export function filterActivities(rows: readonly ActivitySnapshot[], query: string, kept: Set<Y.Map<unknown>> = new Set()): number[] | null {
  const terms = foldText(query).split(/\s+/).filter(Boolean);
  if (!terms.length) return null;
  const found: number[] = [];
  rows.forEach(({ row, activity }, i) => {
    if (kept.has(row) || terms.every((term) => wordsOf(activity).includes(term))) {
      found.push(i);
      kept.add(row);
    }
  });
  return found;
}

/**
 * The rows shown for `query` (see filterActivities). A row found stays while the query is the same, even once edited
 * out of it: a row must not vanish under the person typing in it. Rows others add or change into it join the list.
 */
export function useActivityFilter(rows: readonly ActivitySnapshot[], query: string): number[] | null {
  const kept = useRef<{ query: string; rows: Set<Y.Map<unknown>> } | null>(null);
  return useMemo(() => {
    if (kept.current?.query !== query) kept.current = { query, rows: new Set() };
    return filterActivities(rows, query, kept.current.rows);
  }, [rows, query]);
}
