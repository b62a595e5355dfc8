/** Loads a working group with the caller's permissions in it. */
import type { Permissions, WorkspaceDetail } from '../api/types.js';
import { getWorkspace } from '../api/workspaces.js';
import { useAsync, type AsyncState } from '../lib/useAsync.js';
import { useWorkspaceEvent } from '../realtime/RealtimeContext.js';
import { useMe } from './SessionContext.js';

const NONE: Permissions = {
  role: 'observer',
  canEdit: false,
  canComment: false,
  canPropose: false,
  canDecide: false,
  canManageMembers: false,
  canViewAudit: false,
  focalPoint: false,
};

/** Permissions implied by a role, for a server response that carries none. */
export function permissionsForRole(role: Permissions['role'] | undefined, focalPoint: boolean): Permissions {
  switch (role) {
    case 'facilitator':
      return { role, canEdit: true, canComment: true, canPropose: true, canDecide: true, canManageMembers: true, canViewAudit: true, focalPoint };
    case 'member':
      return { ...NONE, role, canEdit: true, canComment: true, canPropose: true, focalPoint };
    case 'observer':
      return { ...NONE, role, canComment: true, focalPoint };
    default:
      return NONE;
  }
}

export interface WorkspaceState extends AsyncState<WorkspaceDetail> {
  permissions: Permissions;
}

/** The working group, its members and what the caller may do in it (nothing until loaded). */
export function useWorkspace(workspaceId: string): WorkspaceState {
  const me = useMe();
  const state = useAsync((signal) => getWorkspace(workspaceId, signal), [workspaceId]);
  // Someone joined, left, or got another role: the member list follows. When it is my role, my permissions follow
  // too, so an open plan turns read-only, or editable, at once, as the server already treats its socket.
  useWorkspaceEvent(workspaceId, 'member:updated', () => state.reload());
  useWorkspaceEvent(workspaceId, 'member:removed', () => state.reload());
  // A facilitator renamed the group or changed its areas or sharing: every page that names it follows.
  useWorkspaceEvent(workspaceId, 'workspace:updated', () => state.reload());
  let permissions = NONE;
  if (state.data) {
    const mine = state.data.members.find((m) => m.userId === me.user.id);
    permissions = state.data.permissions ?? permissionsForRole(mine?.role, mine?.focalPoint ?? false);
  }
  return { ...state, permissions };
}
