/** Invitation links: facilitators create them; a signed-in person accepts one to join the working group. */
import type { WorkspaceRole } from '../../shared/constants.js';
import { request } from './http.js';
import type { Member } from './types.js';

export interface Invitation {
  id: string;
  token: string;
  role: WorkspaceRole;
  expiresAt: string;
  /** The app path to share: `/invite/<token>`. */
  path: string;
}

/** Creates a single-use link (facilitators); the token is shown only now. */
export async function createInvitation(workspaceId: string, body: { role: WorkspaceRole; expiresInHours: number }): Promise<Invitation> {
  return (await request<{ invitation: Invitation }>('POST', `/api/workspaces/${encodeURIComponent(workspaceId)}/invitations`, body)).invitation;
}

/** What a link admits to, without using it. */
export interface InvitationPreview {
  workspaceId: string;
  workspaceName: string;
  role: WorkspaceRole;
  invitedBy: { name: string; acronym: string };
  expiresAt: string;
  alreadyMember: boolean;
  usedByYou: boolean;
}

/** Reads an invitation for the signed-in person (404 when it admits no one, 403 when they were removed since). */
export function previewInvitation(token: string): Promise<InvitationPreview> {
  return request('POST', '/api/invitations/preview', { token });
}

/** Accepts an invitation for the signed-in person; answers the working group joined. */
export function acceptInvitation(token: string): Promise<{ workspaceId: string; member: Member }> {
  return request('POST', '/api/invitations/accept', { token });
}

export type InvitationStatus = 'pending' | 'used' | 'expired' | 'revoked' | 'void';

/** An invitation as facilitators see it later: its status, never its token. */
export interface InvitationSummary {
  id: string;
  role: WorkspaceRole;
  status: InvitationStatus;
  createdById: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedById: string | null;
  revokedAt: string | null;
}

/** The group's invitation links, newest first (facilitators). */
export async function listInvitations(workspaceId: string): Promise<InvitationSummary[]> {
  return (await request<{ invitations: InvitationSummary[] }>('GET', `/api/workspaces/${encodeURIComponent(workspaceId)}/invitations`)).invitations;
}

/** Revokes an unused link (facilitators). */
export async function revokeInvitation(id: string): Promise<void> {
  await request('DELETE', `/api/invitations/${encodeURIComponent(id)}`);
}
