/**
 * Who may do what in a working group. One module, used by REST, the Yjs socket and Socket.IO alike.
 * Need-to-know: a non-member learns nothing (404), instance admins included.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { documents, memberships } from '../../db/schema.js';
import type { WorkspaceRole } from '../../shared/constants.js';
import type { Principal } from '../auth/principal.js';
import { AppError, notFound } from '../http/errors.js';

export interface WorkspaceAccess {
  workspaceId: string;
  userId: string;
  organizationId: string;
  role: WorkspaceRole;
  focalPoint: boolean;
}

export type Permission = 'read' | 'edit' | 'comment' | 'propose' | 'decide' | 'manageMembers' | 'viewAudit';

const GRANTS: Record<WorkspaceRole, readonly Permission[]> = {
  facilitator: ['read', 'edit', 'comment', 'propose', 'decide', 'manageMembers', 'viewAudit'],
  member: ['read', 'edit', 'comment', 'propose'],
  observer: ['read', 'comment'],
};

/** Whether a role holds a permission. */
export function can(access: Pick<WorkspaceAccess, 'role'>, permission: Permission): boolean {
  return GRANTS[access.role].includes(permission);
}

/** What the client uses to hide what the user cannot do. */
export function permissionsOf(access: WorkspaceAccess) {
  return {
    role: access.role,
    focalPoint: access.focalPoint,
    canEdit: can(access, 'edit'),
    canComment: can(access, 'comment'),
    canPropose: can(access, 'propose'),
    canDecide: can(access, 'decide'),
    canManageMembers: can(access, 'manageMembers'),
    canViewAudit: can(access, 'viewAudit'),
  };
}

/** The caller's membership of a workspace, if any. */
export async function findAccess(db: Executor, userId: string, workspaceId: string): Promise<WorkspaceAccess | undefined> {
  const [m] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  if (!m) return undefined;
  return { workspaceId, userId, organizationId: m.organizationId, role: m.role as WorkspaceRole, focalPoint: m.focalPoint };
}

/** Membership with a permission: 404 for non-members (they may not know it exists), 403 for members lacking it. */
export async function requireWorkspace(db: Executor, principal: Principal, workspaceId: string, permission: Permission = 'read'): Promise<WorkspaceAccess> {
  const access = await findAccess(db, principal.userId, workspaceId);
  if (!access) throw notFound('Working group');
  if (!can(access, permission)) throw new AppError('forbidden', `Your role (${access.role}) may not do this`);
  return access;
}

/** What a document read for authorization carries: its row without the search text (a whole plan's text). */
const DOCUMENT_COLUMNS = {
  id: documents.id,
  workspaceId: documents.workspaceId,
  title: documents.title,
  createdById: documents.createdById,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
};

/**
 * A document and the user's membership of its workspace, in one read (every plan socket and document route
 * asks both): undefined when there is no such document, `access` undefined when the user is not a member.
 */
export async function findDocumentAccess(db: Executor, userId: string, documentId: string) {
  const [row] = await db
    .select({ document: DOCUMENT_COLUMNS, membership: { organizationId: memberships.organizationId, role: memberships.role, focalPoint: memberships.focalPoint } })
    .from(documents)
    .leftJoin(memberships, and(eq(memberships.workspaceId, documents.workspaceId), eq(memberships.userId, userId)))
    .where(eq(documents.id, documentId))
    .limit(1);
  if (!row) return undefined;
  const m = row.membership;
  const access: WorkspaceAccess | undefined = m
    ? { workspaceId: row.document.workspaceId, userId, organizationId: m.organizationId, role: m.role as WorkspaceRole, focalPoint: m.focalPoint }
    : undefined;
  return { document: row.document, access };
}

/** A document and the caller's access to its workspace, with the same 404/403 rule. */
export async function requireDocument(db: Executor, principal: Principal, documentId: string, permission: Permission = 'read') {
  const found = await findDocumentAccess(db, principal.userId, documentId);
  if (!found?.access) throw notFound('Document');
  const { document, access } = found;
  if (!can(access, permission)) throw new AppError('forbidden', `Your role (${access.role}) may not do this`);
  return { document, access };
}

/** Instance administrators only (organizations and people). */
export function requireAdmin(principal: Principal): void {
  if (!principal.isAdmin) throw new AppError('forbidden', 'Only instance administrators may do this');
}
