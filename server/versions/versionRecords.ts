/** Loading versions with their approvals, checking access to them, and presenting them as contract JSON. */
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { memberships, users, versionApprovals, versions } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { AppError, notFound } from '../http/errors.js';
import { requireDocument, type Permission } from '../policies/workspacePolicy.js';
import type { VersionKind } from '../../shared/constants.js';
import type { PlanVersion, SignOffRow, VersionApproval } from '../../shared/versions.js';
import type { VersionRow } from './createVersion.js';

/** A version, the plan it belongs to and the caller's access: 404 unless the caller is a member. */
export async function requireVersion(db: Executor, principal: Principal, versionId: string, permission: Permission = 'read') {
  const [version] = await db.select().from(versions).where(eq(versions.id, versionId)).limit(1);
  if (!version) throw notFound('Version');
  try {
    return { version, ...(await requireDocument(db, principal, version.documentId, permission)) };
  } catch (err) {
    // The version exists but its plan is out of reach: say nothing more than "not found".
    if (err instanceof AppError && err.code === 'not_found') throw notFound('Version');
    throw err;
  }
}

/** Approvals of the given versions, oldest first, with the approver's name. */
export async function loadApprovals(db: Executor, versionIds: string[]): Promise<Map<string, VersionApproval[]>> {
  const out = new Map<string, VersionApproval[]>(versionIds.map((id) => [id, []]));
  if (!versionIds.length) return out;
  const rows = await db
    .select({ a: versionApprovals, userName: users.name })
    .from(versionApprovals)
    .innerJoin(users, eq(users.id, versionApprovals.userId))
    .where(inArray(versionApprovals.versionId, versionIds))
    .orderBy(asc(versionApprovals.createdAt));
  for (const { a, userName } of rows) {
    out.get(a.versionId)?.push({ versionId: a.versionId, organizationId: a.organizationId, userId: a.userId, userName, createdAt: a.createdAt.toISOString() });
  }
  return out;
}

/** The organizations taking part in a working group: those with a member or facilitator (not only observers). */
export async function participatingOrganizationIds(db: Executor, workspaceId: string): Promise<string[]> {
  // The same organizations a decision's quorum counts: an organization there only to observe is not asked to sign
  // off (if its focal point signs anyway, the sign-off table lists it too).
  const rows = await db
    .selectDistinct({ id: memberships.organizationId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), ne(memberships.role, 'observer')));
  return rows.map((r) => r.id).sort();
}

/** The newest named version of a plan, if any (whose sign-off a current-draft export shows). */
export async function latestNamedVersion(db: Executor, documentId: string): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(versions)
    .where(and(eq(versions.documentId, documentId), eq(versions.kind, 'named')))
    .orderBy(desc(versions.createdAt))
    .limit(1);
  return row;
}

/** One line per participating organization (and any other that approved): approved or pending. */
export function signOffTable(approvals: VersionApproval[], participating: string[]): SignOffRow[] {
  const byOrg = new Map(approvals.map((a) => [a.organizationId, a]));
  const ids = [...new Set([...participating, ...byOrg.keys()])];
  return ids.map((organizationId) => {
    const a = byOrg.get(organizationId);
    return { organizationId, approved: !!a, userId: a?.userId ?? null, userName: a?.userName ?? null, at: a?.createdAt ?? null };
  });
}

/** A version as the API shows it; sign-off rows only for named versions, the ones that can be approved. */
export function presentVersion(v: Omit<VersionRow, 'restoreMark'>, approvals: VersionApproval[] = [], participating: string[] = []): PlanVersion {
  return {
    id: v.id,
    documentId: v.documentId,
    name: v.name,
    // A text column, written only by createVersion, which takes a VersionKind.
    kind: v.kind as VersionKind,
    createdAt: v.createdAt.toISOString(),
    createdById: v.createdById,
    meetingId: v.meetingId,
    approvals,
    signOff: v.kind === 'named' ? signOffTable(approvals, participating) : [],
  };
}
