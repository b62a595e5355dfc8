/** Working groups, their members, plans, audit trail, and the organization/user directories. */
import type { WorkspaceAttention } from '../../shared/attention.js';
import type { MandateArea, WorkspaceRole } from '../../shared/constants.js';
import { query, request } from './http.js';
import type { AuditEvent, DirectoryUser, Member, Organization, PlanDocument, Workspace, WorkspaceDetail } from './types.js';

/** Working groups the caller belongs to. */
export async function listWorkspaces(signal?: AbortSignal): Promise<Workspace[]> {
  return (await request<{ workspaces: Workspace[] }>('GET', '/api/workspaces', undefined, signal)).workspaces;
}

/** Creates a working group; the caller becomes its facilitator. */
export async function createWorkspace(body: { name: string; description?: string; mandateAreas: MandateArea[] }, idempotencyKey?: string): Promise<Workspace> {
  return (await request<{ workspace: Workspace }>('POST', '/api/workspaces', body, undefined, idempotencyKey)).workspace;
}

/** One working group with its members and the caller's permissions in it. */
export function getWorkspace(id: string, signal?: AbortSignal): Promise<WorkspaceDetail> {
  return request<WorkspaceDetail>('GET', `/api/workspaces/${encodeURIComponent(id)}`, undefined, signal);
}

/** What a facilitator may change in a working group's settings; only the fields given are changed. */
export interface WorkspaceSettingsPatch {
  name?: string;
  description?: string;
  mandateAreas?: MandateArea[];
  shareOverlaps?: boolean;
}

/** Changes a working group's name, description, mandate areas or overlap sharing (facilitators). */
export async function updateWorkspace(id: string, patch: WorkspaceSettingsPatch): Promise<Workspace> {
  return (await request<{ workspace: Workspace }>('PATCH', `/api/workspaces/${encodeURIComponent(id)}`, patch)).workspace;
}

/** Adds a member or changes their role / focal-point flag (facilitators). */
export async function putMember(workspaceId: string, userId: string, body: { role: WorkspaceRole; focalPoint?: boolean }): Promise<Member> {
  const path = `/api/workspaces/${encodeURIComponent(workspaceId)}/members/${encodeURIComponent(userId)}`;
  return (await request<{ member: Member }>('PUT', path, body)).member;
}

/** Removes a member (facilitators). */
export function removeMember(workspaceId: string, userId: string): Promise<void> {
  return request<void>('DELETE', `/api/workspaces/${encodeURIComponent(workspaceId)}/members/${encodeURIComponent(userId)}`);
}

/** Plans of a working group. */
export async function listDocuments(workspaceId: string, signal?: AbortSignal): Promise<PlanDocument[]> {
  const path = `/api/workspaces/${encodeURIComponent(workspaceId)}/documents`;
  return (await request<{ documents: PlanDocument[] }>('GET', path, undefined, signal)).documents;
}

/** Creates a plan from a template. */
export async function createDocument(workspaceId: string, body: { title: string; template: 'work_plan' | 'blank' }, idempotencyKey?: string): Promise<PlanDocument> {
  const path = `/api/workspaces/${encodeURIComponent(workspaceId)}/documents`;
  return (await request<{ document: PlanDocument }>('POST', path, body, undefined, idempotencyKey)).document;
}

/** One plan's metadata. */
export async function getDocument(id: string, signal?: AbortSignal): Promise<PlanDocument> {
  return (await request<{ document: PlanDocument }>('GET', `/api/documents/${encodeURIComponent(id)}`, undefined, signal)).document;
}

/** One page of the working group's audit trail (facilitators). */
export function listAudit(workspaceId: string, cursor?: string | null, signal?: AbortSignal): Promise<{ events: AuditEvent[]; nextCursor: string | null }> {
  const path = `/api/workspaces/${encodeURIComponent(workspaceId)}/audit${query({ cursor })}`;
  return request('GET', path, undefined, signal);
}

/** Every organization of the instance. */
export async function listOrganizations(signal?: AbortSignal): Promise<Organization[]> {
  return (await request<{ organizations: Organization[] }>('GET', '/api/organizations', undefined, signal)).organizations;
}

/** The user directory (admins and facilitators), used to pick new members. */
export async function listUsers(signal?: AbortSignal): Promise<DirectoryUser[]> {
  return (await request<{ users: DirectoryUser[] }>('GET', '/api/users', undefined, signal)).users;
}

/** Per working group of the caller: pending stances, overdue actions, unread notifications, a live meeting. */
export async function getAttention(signal?: AbortSignal): Promise<WorkspaceAttention[]> {
  return (await request<{ workspaces: WorkspaceAttention[] }>('GET', '/api/me/attention', undefined, signal)).workspaces;
}
