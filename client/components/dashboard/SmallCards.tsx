/** The next meeting and the recently changed plans. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkspaceDashboard } from '../../api/dashboard.js';
import { useFormat } from '../../lib/format.js';
import type { PlanSinceVisit } from '../comments/api.js';
import { PlanVisitTags } from '../PlanVisitTags.js';

/** Card with the live or next scheduled meeting. */
export function UpcomingMeetingCard({ workspaceId, meeting }: { workspaceId: string; meeting: WorkspaceDashboard['upcomingMeeting'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="card dash-card" aria-labelledby="dash-meeting" data-testid="upcoming-meeting">
      <h3 id="dash-meeting">{t(meeting?.status === 'live' ? 'dashboard.liveMeeting' : 'dashboard.upcomingMeeting')}</h3>
      {!meeting ? (
        <p className="empty">{t('dashboard.noMeeting')}</p>
      ) : (
        <div>
          <Link to={`/w/${workspaceId}/meetings/${meeting.id}`} className="item-title">
            {meeting.title}
          </Link>
          <p className="item-meta">
            {meeting.status === 'live' ? <span className="tag tag-live">{t('dashboard.live')}</span> : <time dateTime={meeting.startsAt}>{fmt.dateTimeWithZone(meeting.startsAt)}</time>}
            <span>{t('dashboard.agendaItems', { count: meeting.agendaItems })}</span>
          </p>
        </div>
      )}
    </section>
  );
}

/** Card with the plans most recently changed. */
export function RecentPlansCard({ workspaceId, plans, visits }: { workspaceId: string; plans: WorkspaceDashboard['recentPlans']; visits: ReadonlyMap<string, PlanSinceVisit> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section className="card dash-card" aria-labelledby="dash-plans" data-testid="recent-plans">
      <h3 id="dash-plans">{t('dashboard.recentPlans')}</h3>
      {plans.length === 0 ? (
        <p className="empty">{t('plans.empty')}</p>
      ) : (
        <ul className="item-list compact-list">
          {plans.map((p) => (
            <li key={p.id} className="item">
              <div className="item-main">
                <Link to={`/w/${workspaceId}/d/${p.id}`} className="item-title">
                  {p.title}
                </Link>
                <p className="item-meta">
                  <span>{t('plans.updated', { when: fmt.dateTime(p.updatedAt) })}</span>
                  <PlanVisitTags visit={visits.get(p.id)} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
