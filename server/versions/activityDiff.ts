/** Field-level diff of two activity tables, matched by activity id. */
import { ACTIVITY_KEYS, type Activity } from '../../shared/planModel.js';
import type { ActivitiesDiff, ActivityChange } from '../../shared/versions.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Which activities were added, removed, and which fields of the others changed (in `to`'s order). Rows are matched
 * by id in order of appearance: a plan may hold two rows with one id (a client wrote them), and the second of them is
 * an addition or a removal of its own, not hidden behind the first.
 */
export function diffActivities(from: Activity[], to: Activity[]): ActivitiesDiff {
  const unmatched = new Map<string, Activity[]>();
  for (const a of from) unmatched.set(a.id, [...(unmatched.get(a.id) ?? []), a]);
  const added: Activity[] = [];
  const changed: ActivityChange[] = [];
  for (const a of to) {
    const old = unmatched.get(a.id)?.shift();
    if (!old) {
      added.push(a);
      continue;
    }
    for (const field of ACTIVITY_KEYS) {
      if (field !== 'id' && !same(old[field], a[field])) changed.push({ id: a.id, field, from: old[field], to: a[field], title: a.title });
    }
  }
  const left = new Set([...unmatched.values()].flat());
  const removed = from.filter((a) => left.has(a));
  return { added, removed, changed };
}
