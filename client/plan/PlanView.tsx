/** A loaded plan: header with presence and save state, the prose editor, and the activities table. */
import type { Editor } from '@tiptap/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanDocument, Permissions, Workspace } from '../api/types.js';
import { Avatars } from '../components/Avatars.js';
import { CommentMargin } from '../components/comments/CommentMargin.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { DropdownMenu } from '../components/DropdownMenu.js';
import { Loading } from '../components/Loading.js';
import { WorkspaceNav } from '../components/WorkspaceNav.js';
import { HistoryPanel } from '../components/history/HistoryPanel.js';
import { exportHref } from '../components/history/api.js';
import { organizationColor } from '../lib/colors.js';
import { useWorkspaceRoom } from '../realtime/RealtimeContext.js';
import { useMe } from '../session/SessionContext.js';
import { ActivitiesTable } from './ActivitiesTable.js';
import { PlanDecisions } from './PlanDecisions.js';
import { PlanEditor } from './PlanEditor.js';
import { ActivitiesPlaceholder, PlanContentLoading, SlowSyncNotice, useSlowFirstSync } from './PlanContentLoading.js';
import { useOwnEditsStored } from './ownEditsStored.js';
import { SaveIndicator } from './SaveIndicator.js';
import { useStrandedChanges } from './useStrandedChanges.js';
import { useAwarenessPeople } from './useAwarenessPeople.js';
import { CellPresence } from './CellPresence.js';
import { usePlanSession, type AwarenessUser, type PlanSession } from './usePlanSession.js';
import { useProviderStatus } from './useProviderStatus.js';
import { RestoredNotice } from './RestoredNotice.js';
import { useMissedRestore } from './restoreWatch.js';
import { UpdatedStamp } from './UpdatedStamp.js';
import { useUndoResetOnRestore } from './useUndoResetOnRestore.js';

interface Props {
  workspace: Workspace;
  document: PlanDocument;
  permissions: Permissions;
}

const EXPORTS = ['md', 'docx', 'pdf', 'json'] as const;

/** Opens the collaboration session and lays the plan out. */
export function PlanView({ workspace, document: doc, permissions }: Props) {
  const me = useMe();
  const user = useMemo<AwarenessUser>(
    () => ({
      userId: me.user.id,
      name: me.user.name,
      color: organizationColor(me.user.organizationId),
      organizationId: me.user.organizationId,
      acronym: me.organization?.acronym ?? '',
    }),
    [me.user.id, me.user.name, me.user.organizationId, me.organization?.acronym],
  );
  const session = usePlanSession(doc.id, user);
  useWorkspaceRoom(workspace.id, doc.id);
  if (!session) return <Loading />;
  return <PlanLayout key={session.ydoc.guid} session={session} user={user} workspace={workspace} doc={doc} permissions={permissions} />;
}

/**
 * The page around the plan. It re-renders only on connection changes and presence, never per keystroke: the save
 * badge, the table rows and the comment margin each follow what they show themselves.
 */
function PlanLayout({ session, user, workspace, doc, permissions }: { session: PlanSession; user: AwarenessUser; workspace: Workspace; doc: PlanDocument; permissions: Permissions }) {
  const { t } = useTranslation();
  const { ydoc, provider } = session;
  const status = useProviderStatus(provider);
  const people = useAwarenessPeople(provider);
  const slow = useSlowFirstSync(status.everSynced);
  // Until the first sync the plan is not all here: nothing is editable, unless the sync is so slow that waiting
  // longer would block people (SlowSyncNotice says what happens then).
  const loading = !status.everSynced && status.refusedCode === null && !slow;
  const canWrite = permissions.canEdit && status.refusedCode === null;
  const editable = canWrite && !loading;
  // Demoted to observer with edits the server never stored (made offline, say): they are in this browser only.
  const stranded = useStrandedChanges({ ydoc, workspaceId: workspace.id, documentId: doc.id, watching: !permissions.canEdit && status.connected && status.synced });
  const [editor, setEditor] = useState<Editor | null>(null);
  const missedRestore = useMissedRestore(doc.id, status.synced, ydoc);
  useUndoResetOnRestore(doc.id, editor, ydoc, missedRestore);
  // Requests that act on this tab's last edits (a version named, an export, a thread moved) wait until the server has them.
  const whenStored = useOwnEditsStored(workspace.id, doc.id, ydoc, canWrite);

  return (
    <div className="page page-wide plan-page">
      <WorkspaceNav workspaceId={workspace.id} workspaceName={workspace.name} permissions={permissions} current={doc.title} />
      <div className="plan-head">
        <div>
          <h1>{doc.title}</h1>
          <UpdatedStamp ydoc={ydoc} provider={provider} initial={doc.updatedAt} />
        </div>
        <div className="plan-head-tools">
          <Avatars people={people.map((p) => (p.key === user.userId ? { ...p, self: true } : p))} label={t('presence.here')} />
          <SaveIndicator ydoc={ydoc} workspaceId={workspace.id} documentId={doc.id} status={status} canEdit={permissions.canEdit} readOnly={!canWrite} stranded={stranded} />
          <DropdownMenu label={t('plans.export')}>
            {EXPORTS.map((f) => (
              <li key={f}>
                <DownloadLink href={exportHref(doc.id, f)} label={t(`plans.exportFormats.${f}`)} ready={whenStored} />
              </li>
            ))}
          </DropdownMenu>
        </div>
      </div>
      {status.refusedCode !== null && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{t(`plans.refused.${status.refusedCode}`, { defaultValue: t('plans.refused.other') })}</p>
          <p className="notice-hint">{t(`plans.refusedHint.${status.refusedCode}`, { defaultValue: t('plans.refusedHint.other') })}</p>
        </div>
      )}
      <RestoredNotice workspaceId={workspace.id} documentId={doc.id} user={user} missed={missedRestore} />
      {!permissions.canEdit && (
        <p className="notice notice-info" data-testid="read-only-notice">
          {t('plans.readOnly')}
        </p>
      )}
      {stranded && (
        <p className="notice notice-warning" role="alert" data-testid="stranded-notice">
          {t('save.notSavedHint')}
        </p>
      )}
      {slow && <SlowSyncNotice />}
      <div className="plan-with-comments">
        <section className={loading ? 'card editor-card editor-card-loading' : 'card editor-card'} aria-label={t('editor.section')}>
          <PlanEditor ydoc={ydoc} provider={provider} user={user} editable={editable} onEditor={setEditor} />
          {loading && <PlanContentLoading />}
        </section>
        <CommentMargin workspaceId={workspace.id} documentId={doc.id} ydoc={ydoc} editor={editor} permissions={permissions} synced={status.synced} whenStored={whenStored} />
      </div>
      {loading ? <ActivitiesPlaceholder /> : <ActivitiesTable ydoc={ydoc} editable={editable} documentId={doc.id} canComment={permissions.canComment} />}
      <CellPresence provider={provider} />
      <PlanDecisions workspaceId={workspace.id} documentId={doc.id} permissions={permissions} />
      <HistoryPanel workspaceId={workspace.id} documentId={doc.id} permissions={permissions} whenStored={whenStored} />
    </div>
  );
}
