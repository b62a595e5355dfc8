/** A short note of what changed in the plan since the reader's last visit. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import type { ChangesSinceVisit } from './api.js';

/** Nothing on a first visit or when nothing changed. */
export function SinceLastVisit({ changes }: { changes: ChangesSinceVisit }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { since, newComments, changedActivityIds, changedSections } = changes;
  if (!since || (!newComments.length && !changedActivityIds.length && !changedSections.length)) return null;
  const sections = changedSections.map((s) => s || t('comments.sinceUntitled'));
  return (
    <div className="notice notice-info since-visit" role="status" data-testid="since-last-visit">
      <p className="notice-title">{t('comments.sinceTitle', { when: fmt.dateTime(since) })}</p>
      <ul className="small">
        {newComments.length > 0 && <li>{t('comments.sinceComments', { count: newComments.length })}</li>}
        {sections.length > 0 && <li>{t('comments.sinceSections', { sections: fmt.list(sections) })}</li>}
        {changedActivityIds.length > 0 && <li>{t('comments.sinceActivities', { count: changedActivityIds.length })}</li>}
      </ul>
    </div>
  );
}
