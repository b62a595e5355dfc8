/**
 * What a working group's page shows instead of itself until the group is known: a spinner while it loads, and
 * only the breadcrumb and the error when it cannot be had (a group that does not exist, or that the caller is not
 * in, answers 404: no heading, filters or forms of the page around the "not found" message).
 */
import type { ReactElement } from 'react';
import type { WorkspaceState } from '../session/useWorkspace.js';
import { ErrorNotice } from './ErrorNotice.js';
import { Loading } from './Loading.js';
import { WorkspaceNav } from './WorkspaceNav.js';

/** Null once `ws` holds the group `workspaceId` names (a kept copy of another group does not count); else what to show. */
export function workspaceUnavailable(ws: WorkspaceState, workspaceId: string): ReactElement | null {
  if (ws.data?.workspace.id === workspaceId) return null;
  if (ws.loading || !ws.error) return <Loading />;
  return (
    <div className="page">
      <WorkspaceNav workspaceId={workspaceId} />
      <ErrorNotice error={ws.error} onRetry={ws.reload} />
    </div>
  );
}
