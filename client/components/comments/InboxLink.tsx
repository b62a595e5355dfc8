/** The header's link to the inbox, with the live number of unread notifications. */
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { useAsync } from '../../lib/useAsync.js';
import { unreadCounts } from './api.js';
import { useNotificationEvents } from './useNotificationEvents.js';
import './comments.css';

/** "Bandeja (3)". */
export function InboxLink() {
  const { t } = useTranslation();
  // The header sits outside the page's live socket on some layouts: also refresh on every navigation.
  const { pathname } = useLocation();
  const counts = useAsync((signal) => unreadCounts(signal), [pathname]);
  useNotificationEvents(counts.reload);
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
