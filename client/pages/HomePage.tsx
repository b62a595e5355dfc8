/** "My working groups": the caller's workspaces and a form to create one. */
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { getAttention, listWorkspaces } from '../api/workspaces.js';
import { useNotificationEvents } from '../components/comments/useNotificationEvents.js';
import { WorkspaceAttention } from '../components/WorkspaceAttention.js';
import { useHomeLiveCounts } from '../components/useHomeLiveCounts.js';
import { CreateWorkspaceForm } from '../components/CreateWorkspaceForm.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { MandateAreaTags } from '../components/MandateAreaTags.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useRefreshWhileShown } from '../lib/useRefreshWhileShown.js';
import { useMembershipChanges } from '../realtime/useMembershipChanges.js';
import { useSocketEvent } from '../realtime/RealtimeContext.js';
import { useMe, useSession } from '../session/SessionContext.js';

/** The / page. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { reload: reloadSession } = useSession();
  const { data, error, loading, reload } = useAsync((signal) => listWorkspaces(signal), []);
  // Secondary: the list shows without it, and a failure to read it only leaves the counts out.
  const attention = useAsync((signal) => getAttention(signal), []);
  useNotificationEvents(attention.reload);
  useRefreshWhileShown(attention.reload);
  useHomeLiveCounts((data ?? []).map((w) => w.id), attention.reload, reload);
  // A fallback for what no room tells (a dropped socket): read again when the tab is back in view (or within 30 s).
  useRefreshWhileShown(reload);
  // Added to a group or removed from one: the list follows at once (a removed group would lead to a "not found").
  // The session is read again too, for the role shown beside each group (on a removal AccessRevokedWatcher does it).
  useMembershipChanges(() => {
    reload();
    attention.reload();
  });
  useSocketEvent('member:updated', (p) => {
    if (p?.member?.userId === me.user.id) void reloadSession();
  });
  const attentionOf = (id: string) => attention.data?.find((a) => a.workspaceId === id);
  useDocumentTitle(t('workspaces.title'));
  const roleOf = (id: string) => me.memberships.find((m) => m.workspaceId === id)?.role;

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('workspaces.title')}</h1>
        <p className="muted">{t('workspaces.greeting', { name: me.user.name })}</p>
      </div>
      <div className="grid-2">
        <section aria-labelledby="my-ws-title" className="card">
          <h2 id="my-ws-title">{t('workspaces.mine')}</h2>
          {loading && !data && <Loading />}
          <ErrorNotice error={error} onRetry={reload} />
          {data && data.length === 0 && <p className="empty">{t(me.user.isAdmin ? 'workspaces.emptyAdmin' : 'workspaces.empty')}</p>}
          {data && data.length > 0 && (
            <ul className="item-list" data-testid="workspace-list">
              {data.map((w) => {
                const role = roleOf(w.id);
                return (
                  <li key={w.id} className="item">
                    <div className="item-main">
                      <Link to={`/w/${w.id}`} className="item-title">
                        {w.name}
                      </Link>
                      {w.description && <p className="item-desc">{w.description}</p>}
                      <MandateAreaTags areas={w.mandateAreas} />
                      <WorkspaceAttention attention={attentionOf(w.id)} />
                    </div>
                    {role && <span className={`role role-${role}`}>{t(`roles.${role}`)}</span>}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section className="card">
          <CreateWorkspaceForm
            onCreated={(w) => {
              void reloadSession();
              navigate(`/w/${w.id}`);
            }}
          />
        </section>
      </div>
    </div>
  );
}
