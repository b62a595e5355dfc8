/**
 * Someone else deleted the activity row this person was editing: the row vanished under their cursor, and whatever
 * they went on typing went nowhere, without a word. The table now says so, and offers the row back as this page last
 * showed it (what they had typed included), at its place.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { ACTIVITY_KEYS, activityIdOf, type Activity } from '../../shared/planModel.js';
import type { ActivitySnapshot } from './activityRowsStore.js';

interface Removed {
  activity: Activity;
  index: number;
}

/** The row being edited here, as the page shows it: its last snapshot, with the focused field's text as typed. */
function editedRow(rows: readonly ActivitySnapshot[]): Removed | null {
  const focused = document.activeElement;
  const rowElement = focused?.closest<HTMLElement>('[data-testid="activity-row"]');
  const id = rowElement?.dataset.activityId;
  if (!id) return null;
  const index = rows.findIndex((s) => s.activity.id === id);
  if (index < 0) return null;
  const activity = { ...rows[index].activity };
  const field = (focused as HTMLElement).dataset.field;
  if ((focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement) && field && typeof activity[field as keyof Activity] === 'string') {
    (activity as unknown as Record<string, unknown>)[field] = focused.value;
  }
  return { activity, index };
}

/** Watches for a row deleted by someone else while focused here; renders the notice with "put it back". */
export function RowRemovedNotice({ activities, rows, editable }: { activities: Y.Array<Y.Map<unknown>>; rows: readonly ActivitySnapshot[]; editable: boolean }) {
  const { t } = useTranslation();
  const [removed, setRemoved] = useState<Removed | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  useEffect(() => {
    if (!editable) return;
    // `observe` runs before the page re-renders without the row: the focus is still in it.
    const onChange = (_event: Y.YArrayEvent<Y.Map<unknown>>, tr: Y.Transaction) => {
      // A restore (its change marks the plan's `restoreMarks` map) is told by RestoredNotice: putting a row back would
      // undo part of it.
      const restoreMarks = activities.doc?.share.get('restoreMarks');
      if (tr.local || (restoreMarks && tr.changed.has(restoreMarks))) return;
      const edited = editedRow(rowsRef.current);
      if (!edited) return;
      if (activities.toArray().some((r) => activityIdOf(r) === edited.activity.id)) return;
      setRemoved(edited);
    };
    activities.observe(onChange);
    return () => activities.unobserve(onChange);
  }, [activities, editable]);

  if (!removed) return null;
  const title = removed.activity.title.trim() || t('activities.untitled');
  const putBack = () => {
    const row = new Y.Map<unknown>();
    const doc = activities.doc;
    const write = () => {
      for (const key of ACTIVITY_KEYS) row.set(key, removed.activity[key] ?? '');
      activities.insert(Math.min(removed.index, activities.length), [row]);
    };
    if (doc) doc.transact(write);
    else write();
    setRemoved(null);
  };
  return (
    <div className="notice notice-warning" role="alert" data-testid="row-removed-notice">
      <p>{t('activities.removedWhileEditing', { title })}</p>
      <div className="actions-cell">
        {/* Not focused on its own: someone still typing would press it with their next space. The alert is read out. */}
        <button type="button" className="btn btn-primary btn-small" onClick={putBack}>
          {t('activities.putBack')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setRemoved(null)}>
          {t('activities.leaveRemoved')}
        </button>
      </div>
    </div>
  );
}
