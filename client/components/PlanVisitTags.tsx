/** A plan's line in its group's list, as the reader left it: news from others since their last visit, or never opened. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format.js';
import type { PlanSinceVisit } from './comments/api.js';

/** Nothing while the visits are unknown (still loading, or not answered: the list stands without them). */
export function PlanVisitTags({ visit }: { visit: PlanSinceVisit | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!visit) return null;
  if (!visit.lastVisitAt) return <span className="tag" data-testid="plan-never-opened">{t('plans.sinceVisit.neverOpened')}</span>;
  const news = visit.edited || visit.newComments > 0 || visit.editedComments > 0 || visit.decisions > 0;
  return (
    <>
      <span>{t('plans.sinceVisit.lastVisit', { when: fmt.dateTime(visit.lastVisitAt) })}</span>
      {news && (
        <span className="tags tags-inline" role="group" aria-label={t('plans.sinceVisit.label')} data-testid="plan-since-visit">
          {visit.edited && <span className="tag tag-news">{t('plans.sinceVisit.edited')}</span>}
          {visit.newComments > 0 && <span className="tag tag-news">{t('plans.sinceVisit.newComments', { count: visit.newComments })}</span>}
          {visit.editedComments > 0 && <span className="tag tag-news">{t('plans.sinceVisit.editedComments', { count: visit.editedComments })}</span>}
          {visit.decisions > 0 && <span className="tag tag-news">{t('plans.sinceVisit.decisions', { count: visit.decisions })}</span>}
        </span>
      )}
    </>
  );
}
