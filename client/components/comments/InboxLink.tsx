/** The header's link to the inbox, with the live number of unread notifications. */
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { useEffect } from 'react';
import { useAsync } from '../../lib/useAsync.js';
import { useSocketConnected } from '../../realtime/RealtimeContext.js';
import { useVisibleInterval } from '../../realtime/useLiveRefresh.js';
import { unreadCounts } from './api.js';
import { useNotificationsRead } from './notificationsRead.js';
import { useNotificationEvents } from './useNotificationEvents.js';
import './comments.css';

/** Reads in another tab or device send no event; check now and then while the tab is visible. */
const FALLBACK_MS = 60_000;

/** "Bandeja (3)". */
export function InboxLink() {
  const { t } = useTranslation();
  // Also refresh on every navigation (cheap, and catches anything the events missed).
  const { pathname } = useLocation();
  const counts = useAsync((signal) => unreadCounts(signal), [pathname]);
  // The layout provides the socket to the header too, so new notifications arrive live.
  useNotificationEvents(counts.reload);
  useNotificationsRead(counts.reload);
  useVisibleInterval(counts.reload, FALLBACK_MS);
  // Notifications sent while the socket was down never arrive: count again on every (re)connect.
  const connected = useSocketConnected();
  const { reload } = counts;
  useEffect(() => {
    if (connected) reload();
  }, [connected, reload]);
  const total = counts.data?.total ?? 0;
  return (
    <NavLink to="/inbox" aria-label={total ? t('inbox.linkUnread', { count: total }) : t('inbox.title')} data-testid="inbox-link">
      {t('inbox.title')}
      {total > 0 && (
        <span className="inbox-count" aria-hidden="true">
          {total}
        </span>
      )}
    </NavLink>
  );
}
