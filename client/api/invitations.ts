/**
 * Invitation links: facilitators create them; a signed-in person accepts one to join the working group, and a person
 * without an account signs up with one made for them (it names their agency).
 */
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
  /** For a person without an account: the organization their new account joins; null for people who have one. */
  organizationId: string | null;
}

/** Creates a single-use link (facilitators); the token is shown only now. */
export async function createInvitation(workspaceId: string, body: { role: WorkspaceRole; expiresInHours: number; organizationId?: string }): Promise<Invitation> {
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
  /** For an unused link made for a person without an account: the agency their new account would join. */
  signUp: { organization: { name: string; acronym: string } } | null;
}

/** Reads an invitation, signed in or not (404 when it admits no one, 403 when the signed-in person was removed since). */
export function previewInvitation(token: string): Promise<InvitationPreview> {
  return request('POST', '/api/invitations/preview', { token });
}

/** Accepts an invitation for the signed-in person; answers the working group joined. */
export function acceptInvitation(token: string): Promise<{ workspaceId: string; member: Member }> {
  return request('POST', '/api/invitations/accept', { token });
}

/** What a person without an account gives to sign up with a link made for them. */
export interface SignUpBody {
  token: string;
  name: string;
  email: string;
  password: string;
}

/** Creates the account, joins the group and signs in (the session cookie comes with the answer). */
export function signUpWithInvitation(body: SignUpBody): Promise<{ workspaceId: string; member: Member }> {
  return request('POST', '/api/invitations/sign-up', body);
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
  organizationId: string | null;
}

/** The group's invitation links, newest first (facilitators). */
export async function listInvitations(workspaceId: string): Promise<InvitationSummary[]> {
  return (await request<{ invitations: InvitationSummary[] }>('GET', `/api/workspaces/${encodeURIComponent(workspaceId)}/invitations`)).invitations;
}

/** Revokes an unused link (facilitators). */
export async function revokeInvitation(id: string): Promise<void> {
  await request('DELETE', `/api/invitations/${encodeURIComponent(id)}`);
}
