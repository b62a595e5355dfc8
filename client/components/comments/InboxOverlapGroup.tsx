/** One inbox row for several overlap notices of one plan: how many, a link to the matrix, and each activity on demand. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../lib/format.js';
import type { AppNotification } from './api.js';

interface Props {
  /** Newest first, all read or all unread, all about one plan. */
  notifications: AppNotification[];
  href: (n: AppNotification) => string;
  markRead: (ids: string[]) => void;
}

/** The grouped row (see inboxGroups.ts). */
export function InboxOverlapGroup({ notifications, href, markRead }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const newest = notifications[0];
  const unread = !newest.readAt;
  const ids = notifications.map((n) => n.id);
  const count = notifications.length;
  const what = t('inbox.overlapGroup', { count });
  const where = [newest.workspaceName, newest.documentTitle].filter(Boolean).join(' · ');
  const when = fmt.dateTime(newest.createdAt);
  return (
    <li className={`inbox-item${unread ? ' is-unread' : ''}`} data-testid="inbox-overlap-group">
      <div>
        <p className="inbox-what">
          {/* The matrix lists every flag; following the row is reading all of it. */}
          <Link to={href(newest)} onClick={() => unread && markRead(ids)}>
            {what}
          </Link>
        </p>
        <p className="muted small">
          {where} · <time dateTime={newest.createdAt}>{when}</time>
        </p>
        <button type="button" className="btn btn-ghost btn-small inbox-expand" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
          {open ? t('inbox.overlapGroupHide') : t('inbox.overlapGroupShow', { count })}
        </button>
        <ul id={listId} className="inbox-sublist small" hidden={!open}>
          {open &&
            notifications.map((n) => (
              <li key={n.id}>
                <Link to={href(n)} onClick={() => unread && markRead([n.id])}>
                  {typeof n.target.title === 'string' && n.target.title ? n.target.title : t('inbox.overlapUntitled')}
                </Link>
              </li>
            ))}
        </ul>
      </div>
      {unread && (
        <button type="button" className="btn btn-ghost btn-small" aria-label={t('inbox.markReadOf', { what: [what, where, when].filter(Boolean).join(' · ') })} onClick={() => markRead(ids)}>
          {t('inbox.markRead')}
        </button>
      )}
    </li>
  );
}
