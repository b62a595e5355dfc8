/** Field-level diff of two activity tables, matched by activity id. */
import { ACTIVITY_KEYS, type Activity, type ActivityKey } from '../../shared/planModel.js';

export interface ActivityChange {
  id: string;
  field: ActivityKey;
  from: unknown;
  to: unknown;
  /** The activity's title on the `to` side, so a change can be named without another lookup. */
  title: string;
}

export interface ActivitiesDiff {
  added: Activity[];
  removed: Activity[];
  changed: ActivityChange[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Which activities were added, removed, and which fields of the others changed (in `to`'s order). */
export function diffActivities(from: Activity[], to: Activity[]): ActivitiesDiff {
  const before = new Map(from.map((a) => [a.id, a]));
  const after = new Map(to.map((a) => [a.id, a]));
  const added = to.filter((a) => !before.has(a.id));
  const removed = from.filter((a) => !after.has(a.id));
  const changed: ActivityChange[] = [];
  for (const a of to) {
    const old = before.get(a.id);
    if (!old) continue;
    for (const field of ACTIVITY_KEYS) {
      if (field !== 'id' && !same(old[field], a[field])) changed.push({ id: a.id, field, from: old[field], to: a[field], title: a.title });
    }
  }
  return { added, removed, changed };
}
