/**
 * Mentions in comment bodies, parsed on the server (a client cannot make anyone be notified):
 * `@{userId}` names one person (the composer inserts it), `@ACRONYM` names an organization
 * (case-insensitive): its focal point and every member it has in this working group.
 * Only members of the working group can be mentioned; anything else is plain text.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { memberships, organizations } from '../../db/schema.js';

export interface Mentions {
  userIds: string[];
  organizationIds: string[];
}

export interface MentionTokens {
  userIds: string[];
  /** Normalized organization handles (see normalizeHandle). */
  handles: string[];
}

const USER_TOKEN = /@\{([A-Za-z0-9_-]{1,100})\}/g;
// Not after a word character, `.` or `@`: e-mail addresses ("ana@sspc.gob.mx") are not mentions.
const HANDLE_TOKEN = /(?<![\p{L}\p{N}_.@])@([\p{L}\p{N}][\p{L}\p{N}_.&-]{0,39})/gu;

/** The comparable form of an acronym or handle: NFC, lowercase, no spaces. */
export function normalizeHandle(value: string): string {
  return value.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}

/** The raw mention tokens of a body, in order of first appearance, without duplicates. */
export function parseMentionTokens(body: string): MentionTokens {
  const userIds = new Set<string>();
  for (const m of body.matchAll(USER_TOKEN)) userIds.add(m[1]);
  const handles = new Set<string>();
  for (const m of body.replace(USER_TOKEN, ' ').matchAll(HANDLE_TOKEN)) {
    // Sentence punctuation after a handle ("@SSPC." / "@FGR-") is not part of it.
    const handle = m[1].replace(/[.&_-]+$/u, '');
    if (handle) handles.add(normalizeHandle(handle));
  }
  return { userIds: [...userIds], handles: [...handles] };
}

export interface ResolvedMentions {
  mentions: Mentions;
  /** Everyone to notify: mentioned members plus every member of a mentioned organization. */
  recipients: string[];
}

/** Resolves a body's mentions against the working group's members. */
export async function resolveMentions(db: Executor, workspaceId: string, body: string): Promise<ResolvedMentions> {
  const tokens = parseMentionTokens(body);
  if (!tokens.userIds.length && !tokens.handles.length) return { mentions: { userIds: [], organizationIds: [] }, recipients: [] };
  const members = await db
    .select({ userId: memberships.userId, organizationId: memberships.organizationId, acronym: organizations.acronym })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.workspaceId, workspaceId));
  const memberIds = new Set(members.map((m) => m.userId));
  const userIds = tokens.userIds.filter((id) => memberIds.has(id));
  const wanted = new Set(tokens.handles);
  const organizationIds = [...new Set(members.filter((m) => wanted.has(normalizeHandle(m.acronym))).map((m) => m.organizationId))];
  const orgSet = new Set(organizationIds);
  const recipients = new Set(userIds);
  for (const m of members) if (orgSet.has(m.organizationId)) recipients.add(m.userId);
  return { mentions: { userIds, organizationIds }, recipients: [...recipients] };
}
