/** A working group's home: plans, meetings, who is online, members (and their management). */
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { WorkspaceDashboard } from '../components/dashboard/WorkspaceDashboard.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { GroupSettingsButton } from '../components/groupSettings/GroupSettingsButton.js';
import { InvitationPanel } from '../components/InvitationPanel.js';
import { LeaveGroupButton } from '../components/LeaveGroupButton.js';
import { Loading } from '../components/Loading.js';
import { MandateAreaTags } from '../components/MandateAreaTags.js';
import { MeetingsSection } from '../components/MeetingsSection.js';
import { MemberManager } from '../components/MemberManager.js';
import { MembersList } from '../components/MembersList.js';
import { PlansSection } from '../components/PlansSection.js';
import { usePlanVisits } from '../components/usePlanVisits.js';
import { WorkspaceNav } from '../components/WorkspaceNav.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useWorkspaceResync, useWorkspaceRoom } from '../realtime/RealtimeContext.js';
import { useWorkspace } from '../session/useWorkspace.js';

/** The /w/:workspaceId page. */
export function WorkspacePage() {
  const { workspaceId = '' } = useParams();
  const { t } = useTranslation();
  const { data, error, loading, reload, permissions } = useWorkspace(workspaceId);
  const online = useWorkspaceRoom(workspaceId);
  // A rejoin catches up on a change of the group's settings missed meanwhile (useWorkspace follows the live ones).
  useWorkspaceResync(workspaceId, reload);
  useDocumentTitle(data?.workspace.name);
  const visits = usePlanVisits(workspaceId);

  if (loading && !data) return <Loading />;
  if (!data) {
    return (
      <div className="page">
        <WorkspaceNav workspaceId={workspaceId} />
        <ErrorNotice error={error} onRetry={reload} />
      </div>
    );
  }
  const { workspace, members } = data;

  return (
    <div className="page">
      <WorkspaceNav workspaceId={workspaceId} workspaceName={workspace.name} permissions={permissions} />
      <div className="page-head">
        <h1>{workspace.name}</h1>
        {workspace.description && <p className="lead">{workspace.description}</p>}
        <MandateAreaTags areas={workspace.mandateAreas} />
        <p className="muted">
          {t('workspace.yourRole')}: <span className={`role role-${permissions.role}`}>{t(`roles.${permissions.role}`)}</span>
          {permissions.focalPoint && <span className="tag tag-focal">{t('members.focalPoint')}</span>}
        </p>
        {permissions.canManageMembers && <GroupSettingsButton workspace={workspace} onChanged={reload} />}
      </div>
      <ErrorNotice error={error} onRetry={reload} compact />
      <WorkspaceDashboard workspaceId={workspaceId} online={online} members={members} visits={visits} />
      <div className="grid-2">
        <div className="stack">
          <PlansSection workspaceId={workspaceId} canCreate={permissions.canEdit} visits={visits} />
          <MeetingsSection workspaceId={workspaceId} canCreate={permissions.canDecide} />
        </div>
        <section className="card" aria-labelledby="members-title">
          <h2 id="members-title">
            {t('members.title')} <span className="count">{members.length}</span>
          </h2>
          <p className="muted small">{t('presence.onlineCount', { count: new Set(online.map((p) => p.userId)).size })}</p>
          <MembersList members={members} online={online} />
        </section>
      </div>
      {permissions.canManageMembers && <MemberManager workspaceId={workspaceId} members={members} onChanged={reload} />}
      {permissions.canManageMembers && <InvitationPanel workspaceId={workspaceId} />}
      <LeaveGroupButton workspaceId={workspaceId} workspaceName={workspace.name} />
    </div>
  );
}
