/**
 * Mentions in comment bodies, parsed on the server: `@{userId}` (what the composer inserts), `@[label](userId)`
 * or a bare `@userId` names one person; `@ACRONYM` names an organization (case-insensitive, the longest acronym
 * of the group the text starts with, so "@SRE/DGAJ" is not "@SRE" and "@A.C." works): its focal point and every
 * member it has in this working group. A request may also list mentions (`mentions: {userIds,
 * organizationIds}`, the shape comments are returned in). Only members of the working group and organizations
 * in it can be mentioned; anything else is plain text or ignored.
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
  /** Bare `@word` handles as written: a member's `@userId` is that person (acronyms are read by mentionedAcronyms). */
  rawHandles: string[];
}

const USER_TOKEN = /@\{([A-Za-z0-9_-]{1,100})\}|@\[[^\]\n]{0,200}\]\(([A-Za-z0-9_-]{1,100})\)/g;
// Not after a word character, `.` or `@`: e-mail addresses ("ana@sspc.gob.mx") are not mentions.
const HANDLE_TOKEN = /(?<![\p{L}\p{N}_.@])@([\p{L}\p{N}][\p{L}\p{N}_.&-]{0,39})/gu;

/** The comparable form of an acronym or handle: NFC, lowercase, no spaces. */
export function normalizeHandle(value: string): string {
  return value.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}

/** The raw mention tokens of a body, in order of first appearance, without duplicates. */
export function parseMentionTokens(body: string): MentionTokens {
  const userIds = new Set<string>();
  for (const m of body.matchAll(USER_TOKEN)) userIds.add(m[1] ?? m[2]);
  const rawHandles = new Set<string>();
  for (const m of body.replace(USER_TOKEN, ' ').matchAll(HANDLE_TOKEN)) {
    // Sentence punctuation after a handle ("@SSPC." / "@FGR-") is not part of it.
    const handle = m[1].replace(/[.&_-]+$/u, '');
    if (!handle) continue;
    rawHandles.add(handle);
  }
  return { userIds: [...userIds], rawHandles: [...rawHandles] };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const NOT_BEFORE_MENTION = /[\p{L}\p{N}_.@]/u;

/**
 * The acronyms (normalized, of those given) a body mentions. At each `@` not inside a word or an address, the longest
 * acronym the text after it starts with, typed without its spaces (as the composer inserts it) and ending where a word
 * ends. Matching the group's own acronyms, not a pattern, lets acronyms hold any punctuation ("A.C.", "SRE/DGAJ").
 */
export function mentionedAcronyms(body: string, acronyms: readonly string[]): Set<string> {
  const text = body.replace(USER_TOKEN, ' ').normalize('NFC').toLowerCase();
  const forms = [...new Set(acronyms.map(normalizeHandle))].filter(Boolean).sort((a, b) => b.length - a.length);
  const found = new Set<string>();
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at > 0 && NOT_BEFORE_MENTION.test(text[at - 1])) continue;
    const hit = forms.find((form) => text.startsWith(form, at + 1) && !WORD_CHAR.test(text[at + 1 + form.length] ?? ''));
    if (hit) found.add(hit);
  }
  return found;
}

export interface ResolvedMentions {
  mentions: Mentions;
  /** Everyone to notify: mentioned members plus every member of a mentioned organization. */
  recipients: string[];
}

/** Resolves a body's mentions, and those a request listed, against the working group's members. */
export async function resolveMentions(db: Executor, workspaceId: string, body: string, listed?: Partial<Mentions>): Promise<ResolvedMentions> {
  const tokens = parseMentionTokens(body);
  const listedUsers = listed?.userIds ?? [];
  const listedOrganizations = listed?.organizationIds ?? [];
  if (!body.includes('@') && !listedUsers.length && !listedOrganizations.length) {
    return { mentions: { userIds: [], organizationIds: [] }, recipients: [] };
  }
  const members = await db
    .select({ userId: memberships.userId, organizationId: memberships.organizationId, acronym: organizations.acronym })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.workspaceId, workspaceId));
  const memberIds = new Set(members.map((m) => m.userId));
  const userIds = [...new Set([...tokens.userIds, ...tokens.rawHandles, ...listedUsers])].filter((id) => memberIds.has(id));
  const wanted = mentionedAcronyms(body, [...new Set(members.map((m) => m.acronym))]);
  const listedOrgs = new Set(listedOrganizations);
  const organizationIds = [...new Set(members.filter((m) => wanted.has(normalizeHandle(m.acronym)) || listedOrgs.has(m.organizationId)).map((m) => m.organizationId))];
  const orgSet = new Set(organizationIds);
  const recipients = new Set(userIds);
  for (const m of members) if (orgSet.has(m.organizationId)) recipients.add(m.userId);
  return { mentions: { userIds, organizationIds }, recipients: [...recipients] };
}
