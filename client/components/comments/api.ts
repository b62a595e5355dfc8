/** Comments, visits and notifications as the web app reads them (see the external contract). */
import { ApiError, query, request } from '../../api/http.js';
import type { DecisionSinceVisit } from '../../../shared/sinceVisit.js';

export type TextAnchor = { type: 'text'; start: string; end: string; quote: string };
export type ActivityAnchor = { type: 'activity'; activityId: string; field?: string };
export type CommentAnchor = TextAnchor | ActivityAnchor;

export interface Comment {
  id: string;
  documentId: string;
  threadId: string;
  parentId: string | null;
  authorId: string;
  organizationId: string;
  body: string;
  anchor: CommentAnchor | null;
  mentions: { userIds: string[]; organizationIds: string[] };
  createdAt: string;
  editedAt: string | null;
  resolvedAt: string | null;
  resolvedById: string | null;
  deleted: boolean;
  detached: boolean;
}

export type NotificationKind = 'mention' | 'reply' | 'thread_resolved' | 'stance_requested' | 'overlap' | 'action_assigned' | 'action_due';

export interface AppNotification {
  id: string;
  kind: NotificationKind | string;
  workspaceId: string;
  /** An action's (`action_assigned`, `action_due`) names it with `actionId`, `decisionId`, `title`, `dueDate`; a reminder adds `stage` (`due_soon`, `overdue`). */
  target: Record<string, unknown> & { documentId?: string; commentId?: string; threadId?: string; decisionId?: string; overlapId?: string; actionId?: string };
  createdAt: string;
  readAt: string | null;
  workspaceName?: string | null;
  documentTitle?: string | null;
  actorName?: string | null;
  /** A mention's or reply's comment, its start (mentions as @Name); null once deleted. */
  excerpt?: string | null;
  /** A stance request's decision as it is now (null for other kinds; absent from older servers). */
  stanceRequest?: StanceRequestState | null;
}

/** Where a stance request stands when listed: its decision's status and the asked organization's stance. */
export interface StanceRequestState {
  decisionStatus: string;
  stanceRecorded: boolean;
  /** Null when none is recorded, or when it is another organization's and hidden until the decision closes. */
  stance: string | null;
}

const enc = encodeURIComponent;

/** The server did not find the quoted words under an anchor (its copy of the plan has not got the edit that made them yet). */
export function refusedForQuote(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'validation_failed' && Array.isArray(err.details) && err.details.some((d: { issue?: unknown }) => d?.issue === 'quote_mismatch');
}

/** The comments of a plan. */
export async function listComments(documentId: string, status: 'open' | 'resolved' | 'all' = 'all', signal?: AbortSignal): Promise<Comment[]> {
  return (await request<{ comments: Comment[] }>('GET', `/api/documents/${enc(documentId)}/comments${query({ status })}`, undefined, signal)).comments;
}

/** Posts a comment, a reply (parentId) or an anchored comment; a retry with the same `idempotencyKey` returns the first. */
export async function createComment(documentId: string, body: { body: string; parentId?: string; anchor?: CommentAnchor }, idempotencyKey?: string): Promise<Comment> {
  return (await request<{ comment: Comment }>('POST', `/api/documents/${enc(documentId)}/comments`, body, undefined, idempotencyKey)).comment;
}

/** Edits one's own comment. */
export async function editComment(id: string, body: string): Promise<Comment> {
  return (await request<{ comment: Comment }>('PATCH', `/api/comments/${enc(id)}`, { body })).comment;
}

/** Puts a text thread back on its words after an edit moved them (the server checks it covers the quoted words). */
export async function reanchorComment(id: string, anchor: TextAnchor): Promise<Comment> {
  return (await request<{ comment: Comment }>('PUT', `/api/comments/${enc(id)}/anchor`, { anchor })).comment;
}

/** Deletes a comment (author or facilitator); a marker stays in the thread. */
export function deleteComment(id: string): Promise<void> {
  return request<void>('DELETE', `/api/comments/${enc(id)}`);
}

/** Resolves or reopens the thread a comment belongs to. */
export async function setThreadResolved(id: string, resolved: boolean): Promise<Comment> {
  return (await request<{ comment: Comment }>('POST', `/api/comments/${enc(id)}/${resolved ? 'resolve' : 'reopen'}`)).comment;
}

/** An activity others changed since the visit, and which of its fields (keys of the plan's activity rows). */
export interface ChangedActivitySinceVisit {
  id: string;
  fields: string[];
}

export interface ChangesSinceVisit {
  since: string | null;
  newComments: string[];
  /** Comments others wrote before the visit and edited since (absent from older servers). */
  editedComments?: string[];
  /** Activities others added since the visit (absent from older servers and from summaries a tab kept before). */
  addedActivityIds?: string[];
  /** Activities there at the visit whose fields others changed since. */
  changedActivityIds: string[];
  /** The same, each with the activity keys that changed ([] when the server cannot tell; absent from older servers). */
  changedActivities?: ChangedActivitySinceVisit[];
  /** Activities deleted since by others (their ids went with them). */
  removedActivities: number;
  changedSections: string[];
  /** Headings deleted since the visit (absent from servers older than this field). */
  removedSections?: string[];
  /** The plan's decisions others proposed, changed the status of or recorded stances on (absent from older servers). */
  decisions?: DecisionSinceVisit[];
}


/** What changed since the caller's last recorded visit. */
export function changesSinceVisit(documentId: string, signal?: AbortSignal): Promise<ChangesSinceVisit> {
  return request<ChangesSinceVisit>('GET', `/api/documents/${enc(documentId)}/changes-since-visit`, undefined, signal);
}

/** One plan of a group as the caller left it (GET /api/workspaces/:id/changes-since-visit). */
export interface PlanSinceVisit {
  documentId: string;
  /** Null: never opened. */
  lastVisitAt: string | null;
  /** Someone else changed its text or activities since the visit. */
  edited: boolean;
  newComments: number;
  /** Comments others wrote before the visit and edited since. */
  editedComments: number;
  /** Decisions linked to the plan that others proposed, moved or recorded stances on since the visit. */
  decisions: number;
}

/** For each plan of a working group: the caller's last visit and what others did since. */
export async function groupChangesSinceVisit(workspaceId: string, signal?: AbortSignal): Promise<PlanSinceVisit[]> {
  return (await request<{ plans: PlanSinceVisit[] }>('GET', `/api/workspaces/${enc(workspaceId)}/changes-since-visit`, undefined, signal)).plans;
}

/** Records a visit (after reading what changed, and again on leaving). */
export function recordVisit(documentId: string): Promise<unknown> {
  return request<unknown>('POST', `/api/documents/${enc(documentId)}/visit`);
}

/**
 * Records a visit as the page goes away (tab closed or hidden): a `keepalive` request, which the browser
 * completes after the page is gone, where an ordinary one would be cancelled.
 */
export function recordVisitOnLeave(documentId: string): void {
  void fetch(`/api/documents/${enc(documentId)}/visit`, { method: 'POST', credentials: 'same-origin', keepalive: true }).catch((err: unknown) =>
    console.warn('visit not recorded on leaving', err),
  );
}

/** One page of the caller's notifications, newest first; `nextCursor` names the next, older page. */
export function listNotifications(
  which: { unread: boolean; cursor?: string | null },
  signal?: AbortSignal,
): Promise<{ notifications: AppNotification[]; nextCursor: string | null }> {
  const query = new URLSearchParams();
  if (which.unread) query.set('unread', 'true');
  if (which.cursor) query.set('cursor', which.cursor);
  const qs = query.toString();
  return request('GET', `/api/notifications${qs ? `?${qs}` : ''}`, undefined, signal);
}

/** Marks notifications read: some by id, or all. */
export async function markNotificationsRead(which: { ids: string[] } | { all: true }): Promise<string[]> {
  return (await request<{ read: string[] }>('POST', '/api/notifications/read', which)).read;
}

/** Unread notifications per plan and in total. */
export function unreadCounts(signal?: AbortSignal): Promise<{ byDocument: Record<string, number>; total: number }> {
  return request('GET', '/api/notifications/unread-counts', undefined, signal);
}
