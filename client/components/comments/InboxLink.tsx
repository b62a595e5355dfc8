/** The header's link to the inbox, with the live number of unread notifications. */
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { useAsync } from '../../lib/useAsync.js';
import { useMembershipChanges } from '../../realtime/useMembershipChanges.js';
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
  // Removed from a group, its notifications no longer count (the server leaves them out); and those sent while the
  // socket was down never arrive: count again then too.
  useMembershipChanges(counts.reload);
  const total = counts.data?.total ?? 0;
  return (
    // The name a screen reader announces is the visible text plus words for the count ("Bandeja 2 notificaciones sin
    // leer"), not a different label: speech users say what they see.
    <NavLink to="/inbox" data-testid="inbox-link">
      {t('inbox.title')}
      {total > 0 && (
        <>
          {' '}
          <span className="inbox-count">{total}</span>
          <span className="visually-hidden"> {t('inbox.unreadSuffix', { count: total })}</span>
        </>
      )}
    </NavLink>
  );
}
