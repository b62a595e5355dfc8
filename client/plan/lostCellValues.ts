/**
 * Two people setting one single-value cell at once (a status, a date, the lead organization, the mandate area), one
 * of them offline say: Yjs keeps one value by its own tie-break, not by time, and the other person's choice was gone
 * without a word. Unlike text, two choices cannot be merged; so the person whose value was replaced is told, with
 * both values, and can put theirs back. A value replaced by someone who had seen it is a later decision, not news.
 */
import * as Y from 'yjs';
import { getActivities, type ActivityKey } from '../../shared/planModel.js';
import { currentItem, originsOf } from './fieldRebase.js';

/** The activity fields that hold one value each (text and list fields are merged instead, see fieldRebase). */
export const SINGLE_VALUE_FIELDS: ReadonlySet<ActivityKey> = new Set<ActivityKey>(['status', 'startDate', 'endDate', 'leadOrganizationId', 'mandateArea']);

/** A value set here that a concurrent write replaced. */
export interface LostCellValue {
  activityId: string;
  key: ActivityKey;
  ours: string;
  theirs: string;
}

/** Whether `winner`'s writer had seen the value `mine` (or a later one of this client) when writing. */
function sawIt(store: Y.Doc['store'], winner: Y.Item, mine: Y.ID): boolean {
  for (const id of originsOf(store, winner.origin)) if (id.client === mine.client && id.clock >= mine.clock) return true;
  return false;
}

/** Calls `onLost` for each value set here that a write made without seeing it replaced; returns the unsubscribe. */
export function watchLostCellValues(doc: Y.Doc, onLost: (lost: LostCellValue) => void): () => void {
  const activities = getActivities(doc);
  /** This client's latest write per row and field, until someone else's value replaces it. */
  const latest = new WeakMap<Y.Map<unknown>, Map<string, { id: Y.ID; value: string }>>();
  const onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, tr: Y.Transaction) => {
    for (const event of events) {
      const row = event.target;
      if (!(event instanceof Y.YMapEvent) || !(row instanceof Y.Map) || row.parent !== activities) continue;
      for (const key of event.keysChanged) {
        if (!SINGLE_VALUE_FIELDS.has(key as ActivityKey)) continue;
        const item = currentItem(row, key);
        const value = row.get(key);
        if (tr.local) {
          if (!item || item.id.client !== doc.clientID || typeof value !== 'string') continue;
          let byKey = latest.get(row);
          if (!byKey) latest.set(row, (byKey = new Map()));
          byKey.set(key, { id: item.id, value });
          continue;
        }
        const mine = latest.get(row)?.get(key);
        // Nothing set here, or this client's value still stands (the other write lost the tie-break).
        if (!mine || !item || item.id.client === doc.clientID) continue;
        latest.get(row)?.delete(key);
        const theirs = typeof value === 'string' ? value : '';
        if (theirs === mine.value || sawIt(doc.store, item, mine.id)) continue;
        const activityId = row.get('id');
        if (typeof activityId === 'string') onLost({ activityId, key: key as ActivityKey, ours: mine.value, theirs });
      }
    }
  };
  activities.observeDeep(onChange);
  return () => activities.unobserveDeep(onChange);
}
