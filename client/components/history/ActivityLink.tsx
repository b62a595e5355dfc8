/**
 * An activity named in a diff, as a button that brings its row (or the changed cell) into view in the plan's table,
 * as a comment thread on an activity does; one no longer in the plan is said so beside the list instead.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealActivityRow } from '../comments/commentedActivity.js';

export interface ActivityLinks {
  /** The title of the activity last asked for that the table no longer has (null: none). */
  gone: string | null;
  reveal: (id: string, title: string, field?: string) => void;
}

/** The links' shared state for one comparison: a note about a missing activity goes with the comparison it was for. */
export function useActivityLinks(diff: object): ActivityLinks {
  const [gone, setGone] = useState<{ diff: object; title: string } | null>(null);
  return {
    gone: gone?.diff === diff ? gone.title : null,
    reveal: (id, title, field) => setGone(revealActivityRow(id, field) ? null : { diff, title }),
  };
}

/** The activity's title as a button to its row in the table. */
export function ActivityLink({ links, id, title, field }: { links: ActivityLinks; id: string; title: string; field?: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="vh-activity-link" title={t('history.showActivity')} onClick={() => links.reveal(id, title, field)} data-testid="history-activity-link">
      {title}
    </button>
  );
}
