/**
 * A working group's home at a glance: what my agency still owes (stances, actions), what is late,
 * the next meeting, recently changed plans, who is here now and how activities progress.
 * One request (`GET /api/workspaces/:id/dashboard`), refreshed by the group's live events.
 */
import { lazy, Suspense, useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getDashboard } from '../../api/dashboard.js';
import type { Member } from '../../api/types.js';
import { useAsync } from '../../lib/useAsync.js';
import { useWorkspaceEvent, useWorkspaceResync } from '../../realtime/RealtimeContext.js';
import type { PresenceEntry } from '../../realtime/socket.js';
import type { PlanSinceVisit } from '../comments/api.js';
import { useNotificationsRead } from '../comments/notificationsRead.js';
import { useNotificationEvents, type NotificationEvent } from '../comments/useNotificationEvents.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Loading } from '../Loading.js';
import { ActionsCard } from './ActionsCard.js';
import './dashboard.css';
import { PendingStancesCard } from './PendingStancesCard.js';
import { PresenceCard } from './PresenceCard.js';
import { RecentPlansCard, UpcomingMeetingCard } from './SmallCards.js';

// recharts is large: the charts load in their own chunk, after the lists.
const ProgressCharts = lazy(() => import('./ProgressCharts.js').then((m) => ({ default: m.ProgressCharts })));

/** Saves arrive many times a minute while people type: refresh for them at most this often. */
const SAVE_REFRESH_MS = 5000;

interface Props {
  workspaceId: string;
  online: PresenceEntry[];
  members: Member[];
  /** The reader's last visit to each plan (usePlanVisits). */
  visits: ReadonlyMap<string, PlanSinceVisit>;
}

/** The dashboard block at the top of /w/:workspaceId. */
export function WorkspaceDashboard({ workspaceId, online, members, visits }: Props) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useAsync((signal) => getDashboard(workspaceId, signal), [workspaceId]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reloadSoon = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      reload();
    }, SAVE_REFRESH_MS);
  }, [reload]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  useWorkspaceEvent(workspaceId, 'decision:created', reload);
  useWorkspaceResync(workspaceId, reload);
  useWorkspaceEvent(workspaceId, 'decision:updated', reload);
  useWorkspaceEvent(workspaceId, 'stance:recorded', reload);
  useWorkspaceEvent(workspaceId, 'action:updated', reload);
  useWorkspaceEvent(workspaceId, 'meeting:updated', reload);
  useWorkspaceEvent(workspaceId, 'document:saved', reloadSoon);
  useWorkspaceEvent(workspaceId, 'document:created', reload);
  useWorkspaceEvent(workspaceId, 'document:updated', reload);
  // The unread-comments notice counts this group's notifications, which reach the person's own room, not the group's:
  // it follows them as the header's count does (a mention arriving, everything read in another tab or here).
  useNotificationEvents((e: NotificationEvent | undefined) => {
    if (!e || e.workspaceId === workspaceId) reload();
  });
  useNotificationsRead(reload);

  if (loading && !data) return <Loading label={t('dashboard.loading')} />;
  if (!data) return <ErrorNotice error={error} onRetry={reload} />;

  return (
    <section className="dashboard" aria-labelledby="dashboard-title" data-testid="workspace-dashboard">
      <h2 id="dashboard-title" className="visually-hidden">
        {t('dashboard.title')}
      </h2>
      <ErrorNotice error={error} onRetry={reload} compact />
      {data.unreadComments > 0 && (
        <p className="notice notice-info" data-testid="unread-comments">
          {t('dashboard.unreadComments', { count: data.unreadComments })} <Link to="/inbox">{t('dashboard.unreadCommentsLink')}</Link>
        </p>
      )}
      <div className="dashboard-grid">
        <PendingStancesCard workspaceId={workspaceId} items={data.pendingStances} total={data.totals.pendingStances} canCast={data.canCastStance} />
        <ActionsCard workspaceId={workspaceId} mine={data.myActions} overdue={data.overdueActions} totals={data.totals} />
        <UpcomingMeetingCard workspaceId={workspaceId} meeting={data.upcomingMeeting} />
        <RecentPlansCard workspaceId={workspaceId} plans={data.recentPlans} visits={visits} />
        <PresenceCard online={online} members={members} plans={data.recentPlans} />
      </div>
      <Suspense fallback={<Loading />}>
        <ProgressCharts progress={data.activityProgress} />
      </Suspense>
    </section>
  );
}
