/** The /inbox page: the signed-in user's notifications, newest first, live; opening one marks it read. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listNotifications, markNotificationsRead, type AppNotification } from '../components/comments/api.js';
import { inboxRows } from '../components/comments/inboxGroups.js';
import { InboxOverlapGroup } from '../components/comments/InboxOverlapGroup.js';
import { announceNotificationsRead } from '../components/comments/notificationsRead.js';
import { actionDueLine } from '../components/comments/actionDueLine.js';
import { stanceRequestLines } from '../components/comments/stanceRequestLines.js';
import { useNotificationEvents } from '../components/comments/useNotificationEvents.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useMembershipChanges } from '../realtime/useMembershipChanges.js';
import '../components/comments/comments.css';

/** The most ids one `POST /api/notifications/read` takes. */
const READ_IDS_PER_REQUEST = 500;

/** Where a notification leads in the web app. */
export function notificationHref(n: AppNotification): string {
  const ws = encodeURIComponent(n.workspaceId);
  const target = n.target;
  if ((n.kind === 'mention' || n.kind === 'reply' || n.kind === 'thread_resolved') && target.documentId) {
    // The plan opens on the conversation itself (resolved ones too), not just the plan.
    const thread = target.threadId ? `?thread=${encodeURIComponent(target.threadId)}` : '';
    return `/w/${ws}/d/${encodeURIComponent(target.documentId)}${thread}`;
  }
  // An action's notification opens its decision with that action scrolled to and highlighted (DecisionPage's ?action=).
  if ((n.kind === 'action_assigned' || n.kind === 'action_due') && target.decisionId) {
    const action = target.actionId ? `?action=${encodeURIComponent(target.actionId)}` : '';
    return `/w/${ws}/decisions/${encodeURIComponent(target.decisionId)}${action}`;
  }
  if (n.kind === 'stance_requested' && target.decisionId) return `/w/${ws}/decisions/${encodeURIComponent(target.decisionId)}`;
  // The matrix opens on that overlap: scrolled to, highlighted and focused (see MatrixOverlaps).
  if (n.kind === 'overlap') return target.overlapId ? `/matrix?overlap=${encodeURIComponent(target.overlapId)}` : '/matrix';
  return `/w/${ws}`;
}

/** The translation key of a notification's line: a mention reached through the reader's organization says so. */
function kindKey(n: AppNotification): string {
  return n.kind === 'mention' && n.target.via === 'organization' ? 'mentionOrganization' : n.kind;
}

/** The inbox page. */
export function InboxPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // How many pages are shown: a live event reloads all of them, so an older page read once stays current.
  const [pages, setPages] = useState(1);
  const list = useAsync(async (signal) => {
    const shown: AppNotification[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < pages; page++) {
      const next = await listNotifications({ unread: unreadOnly, cursor }, signal);
      shown.push(...next.notifications);
      cursor = next.nextCursor;
      if (!cursor) break;
    }
    return { shown, more: cursor !== null };
  }, [unreadOnly, pages]);
  useNotificationEvents(list.reload);
  // A group the person was removed from takes its notifications (and their excerpts) with it; the server filters them.
  useMembershipChanges(list.reload);
  useDocumentTitle(t('inbox.title'));

  const markRead = async (which: { ids: string[] } | { all: true }) => {
    setError(null);
    try {
      // A plan's grouped overlap notices can outnumber what one request reads (500 ids).
      if ('ids' in which) for (let i = 0; i < which.ids.length; i += READ_IDS_PER_REQUEST) await markNotificationsRead({ ids: which.ids.slice(i, i + READ_IDS_PER_REQUEST) });
      else await markNotificationsRead(which);
      list.reload();
      announceNotificationsRead();
    } catch (err) {
      setError(err);
    }
  };

  const items = list.data?.shown ?? [];
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('inbox.title')}</h1>
        <div className="comment-actions">
          <label className="check small">
            <input
              type="checkbox"
              checked={unreadOnly}
              onChange={(e) => {
                setUnreadOnly(e.target.checked);
                setPages(1);
              }}
            />{' '}
            {t('inbox.unreadOnly')}
          </label>
          <button type="button" className="btn btn-secondary btn-small" disabled={!unread} onClick={() => void markRead({ all: true })}>
            {t('inbox.markAllRead')}
          </button>
        </div>
      </div>
      {error !== null && <ErrorNotice error={error} compact />}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error && !list.data ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : items.length === 0 ? (
        <p className="muted">{t(unreadOnly ? 'inbox.noneUnread' : 'inbox.none')}</p>
      ) : (
        <ul className="inbox-list card" data-testid="inbox-list">
          {inboxRows(items).map((row) => {
            if (row.kind === 'overlaps') return <InboxOverlapGroup key={row.key} notifications={row.notifications} href={notificationHref} markRead={(ids) => void markRead({ ids })} />;
            const n = row.notification;
            // A stance request says where it stands now: asking still, the stance given, or the decision closed.
            const stance = stanceRequestLines(n, t);
            // A reminder says when its action falls due, reckoned now; its line names the action already.
            const due = actionDueLine(n, t, fmt.date);
            const what = stance?.what ?? due ?? t(`inbox.kinds.${kindKey(n)}`, { defaultValue: n.kind, name: n.actorName ?? t('comments.unknownUser') });
            const where = [n.workspaceName, n.documentTitle, !due && typeof n.target.title === 'string' ? n.target.title : null].filter(Boolean).join(' · ');
            const when = fmt.dateTime(n.createdAt);
            return (
              <li key={n.id} className={`inbox-item${n.readAt ? '' : ' is-unread'}`}>
                <div>
                  <p className="inbox-what">
                    <Link to={notificationHref(n)} onClick={() => !n.readAt && void markRead({ ids: [n.id] })}>
                      {what}
                    </Link>
                  </p>
                  {stance?.detail && (
                    <p className="inbox-excerpt small" data-testid="inbox-stance-detail">
                      {stance.detail}
                    </p>
                  )}
                  {n.excerpt ? (
                    <p className="inbox-excerpt small">{n.excerpt}</p>
                  ) : (
                    // A mention or reply without an excerpt: its comment was deleted since.
                    (n.kind === 'mention' || n.kind === 'reply') && <p className="inbox-excerpt small muted">{t('inbox.commentDeleted')}</p>
                  )}
                  <p className="muted small">
                    {where} · <time dateTime={n.createdAt}>{when}</time>
                  </p>
                </div>
                {!n.readAt && (
                  // Every row has this button: its name says which notification (what, where, when) when read out of context.
                  <button type="button" className="btn btn-ghost btn-small" aria-label={t('inbox.markReadOf', { what: [what, where, when].filter(Boolean).join(' · ') })} onClick={() => void markRead({ ids: [n.id] })}>
                    {t('inbox.markRead')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {list.data?.more && (
        <p>
          <button type="button" className="btn btn-secondary btn-small" disabled={list.loading} onClick={() => setPages((n) => n + 1)}>
            {list.loading ? t('inbox.loadingOlder') : t('inbox.showOlder')}
          </button>
        </p>
      )}
    </div>
  );
}
