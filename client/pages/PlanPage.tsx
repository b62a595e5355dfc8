/** The /w/:workspaceId/d/:documentId page: loads the plan's metadata, then the live editor (lazy chunk). */
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api/http.js';
import { getDocument } from '../api/workspaces.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { WorkspaceNav } from '../components/WorkspaceNav.js';
import { WorkspaceRedirect } from '../components/WorkspaceRedirect.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { pendingOfflinePlanIds } from '../plan/localCache.js';
import { PlanView } from '../plan/PlanView.js';
import { useVisibleInterval } from '../realtime/useLiveRefresh.js';
import { useWorkspace } from '../session/useWorkspace.js';
import { useActivityFocus } from './useActivityFocus.js';

/** How often a plan page that could not reach the server tries again by itself. */
const OFFLINE_RETRY_MS = 10_000;

/** The plan page. */
export function PlanPage() {
  const { workspaceId = '', documentId = '' } = useParams();
  const { t } = useTranslation();
  const ws = useWorkspace(workspaceId);
  const doc = useAsync((signal) => getDocument(documentId, signal), [documentId]);
  useDocumentTitle(doc.data?.title ?? t('plans.title'));
  useActivityFocus();
  const failed = !ws.data || !doc.data;
  const offline = failed && [ws.error, doc.error].some((e) => e instanceof ApiError && e.code === 'network_error');
  const { reload: reloadWorkspace } = ws;
  const { reload: reloadDocument } = doc;
  const again = useCallback(() => {
    reloadWorkspace();
    reloadDocument();
  }, [reloadWorkspace, reloadDocument]);
  // The connection back, the page loads by itself: when the browser says it is online, and now and then meanwhile (a
  // server that was down sends no such event). Nobody has to find «Reintentar» after a lost connection.
  useEffect(() => {
    if (!offline) return;
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [offline, again]);
  useVisibleInterval(again, OFFLINE_RETRY_MS, offline);

  if (doc.data && doc.data.workspaceId !== workspaceId) return <WorkspaceRedirect routeWorkspaceId={workspaceId} itemWorkspaceId={doc.data.workspaceId} />;
  // Tried again while unreachable, the page keeps saying so (no flash of a spinner, no alert read out anew each time).
  if (!offline && ((ws.loading && !ws.data) || (doc.loading && !doc.data))) return <Loading />;
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
        {offline && pendingOfflinePlanIds().includes(documentId) && (
          // Edits made here while the connection was down are in this browser's copy of the plan, not lost.
          <p className="notice notice-info" data-testid="plan-offline-edits-kept">
            {t('plans.offlineEditsKept')}
          </p>
        )}
      </div>
    );
  }
  return <PlanView workspace={ws.data.workspace} document={doc.data} permissions={ws.permissions} />;
}
