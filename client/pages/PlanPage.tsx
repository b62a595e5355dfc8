/** The /w/:workspaceId/d/:documentId page: loads the plan's metadata, then the live editor (lazy chunk). */
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { getDocument } from '../api/workspaces.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { WorkspaceNav } from '../components/WorkspaceNav.js';
import { WorkspaceRedirect } from '../components/WorkspaceRedirect.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { PlanView } from '../plan/PlanView.js';
import { useWorkspace } from '../session/useWorkspace.js';
import { useActivityFocus } from './useActivityFocus.js';

/** The plan page. */
export function PlanPage() {
  const { workspaceId = '', documentId = '' } = useParams();
  const { t } = useTranslation();
  const ws = useWorkspace(workspaceId);
  const doc = useAsync((signal) => getDocument(documentId, signal), [documentId]);
  useDocumentTitle(doc.data?.title ?? t('plans.title'));
  useActivityFocus();

  if (doc.data && doc.data.workspaceId !== workspaceId) return <WorkspaceRedirect routeWorkspaceId={workspaceId} itemWorkspaceId={doc.data.workspaceId} />;
  if ((ws.loading && !ws.data) || (doc.loading && !doc.data)) return <Loading />;
  if (!ws.data || !doc.data) {
    return (
      <div className="page">
        {/* The group's tabs and a way back to it stay, with a heading naming what could not be shown. */}
        <WorkspaceNav workspaceId={workspaceId} workspaceName={ws.data?.workspace.name} permissions={ws.permissions} current={t('plans.unavailable')} />
        <h1>{t('plans.unavailable')}</h1>
        <ErrorNotice
          error={ws.error ?? doc.error}
          onRetry={() => {
            ws.reload();
            doc.reload();
          }}
        />
      </div>
    );
  }
  return <PlanView workspace={ws.data.workspace} document={doc.data} permissions={ws.permissions} />;
}
