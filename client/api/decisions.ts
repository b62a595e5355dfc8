/** Decisions, organization stances and follow-up actions. */
import type { DecisionStatus, Stance } from '../../shared/constants.js';
import { query, request } from './http.js';
import type { Decision, DecisionAction, DecisionDetail, DecisionProgress } from './types.js';

export interface NewDecision {
  title: string;
  body?: string;
  documentId?: string;
  meetingId?: string;
  ownerOrganizationId?: string;
  dueDate?: string;
  stanceVisibility?: 'open' | 'hidden_until_closed';
}

/** Decisions of a working group, optionally by status. */
export async function listDecisions(workspaceId: string, status?: DecisionStatus | '', signal?: AbortSignal): Promise<Decision[]> {
  const path = `/api/workspaces/${encodeURIComponent(workspaceId)}/decisions${query({ status })}`;
  return (await request<{ decisions: Decision[] }>('GET', path, undefined, signal)).decisions;
}

/** A working group's decision register: its decisions (optionally by status, or those about one plan) and each one's progress, by id. */
export async function decisionRegister(
  workspaceId: string,
  filter: { status?: DecisionStatus | ''; documentId?: string },
  signal?: AbortSignal,
): Promise<{ decisions: Decision[]; progress: Record<string, DecisionProgress> }> {
  const path = `/api/workspaces/${encodeURIComponent(workspaceId)}/decisions${query({ status: filter.status, documentId: filter.documentId, progress: 'true' })}`;
  return request<{ decisions: Decision[]; progress: Record<string, DecisionProgress> }>('GET', path, undefined, signal);
}

/** Proposes a decision (members, facilitators); a retry with the same `idempotencyKey` returns the first one. */
export async function createDecision(workspaceId: string, body: NewDecision, idempotencyKey?: string): Promise<Decision> {
  const path = `/api/workspaces/${encodeURIComponent(workspaceId)}/decisions`;
  return (await request<{ decision: Decision }>('POST', path, body, undefined, idempotencyKey)).decision;
}

/** A decision with its stances, actions and history. */
export function getDecision(id: string, signal?: AbortSignal): Promise<DecisionDetail> {
  return request<DecisionDetail>('GET', `/api/decisions/${encodeURIComponent(id)}`, undefined, signal);
}

/** Changes a decision's status and the decision that replaced it (facilitators), or its text. */
export function updateDecision(
  id: string,
  body: { title?: string; body?: string; ownerOrganizationId?: string | null; dueDate?: string | null; status?: DecisionStatus; supersededById?: string | null },
): Promise<unknown> {
  return request('PATCH', `/api/decisions/${encodeURIComponent(id)}`, body);
}

/** Records an organization's stance (its focal point, or a facilitator on its behalf). */
export function recordStance(decisionId: string, organizationId: string, body: { stance: Stance; reason?: string }): Promise<unknown> {
  return request('PUT', `/api/decisions/${encodeURIComponent(decisionId)}/stances/${encodeURIComponent(organizationId)}`, body);
}

/** Adds a follow-up action to a decision; a retry with the same `idempotencyKey` returns the first one. */
export async function createAction(
  decisionId: string,
  body: { title: string; ownerOrganizationId: string; dueDate: string; assigneeId?: string },
  idempotencyKey?: string,
): Promise<DecisionAction> {
  return (await request<{ action: DecisionAction }>('POST', `/api/decisions/${encodeURIComponent(decisionId)}/actions`, body, undefined, idempotencyKey)).action;
}

/** Marks an action open, done or cancelled. */
export function updateAction(id: string, status: DecisionAction['status']): Promise<unknown> {
  return request('PATCH', `/api/actions/${encodeURIComponent(id)}`, { status });
}

/** Changes an action's title, due date, assignee (null: nobody) or owner institution; only the fields given. */
export async function editAction(id: string, changes: { title?: string; dueDate?: string; assigneeId?: string | null; ownerOrganizationId?: string }): Promise<DecisionAction> {
  return (await request<{ action: DecisionAction }>('PATCH', `/api/actions/${encodeURIComponent(id)}`, changes)).action;
}

/** Actions of a working group; `overdue` lists open actions past their due date. */
export async function listActions(workspaceId: string, filter: { overdue?: boolean } = {}, signal?: AbortSignal): Promise<DecisionAction[]> {
  const path = `/api/workspaces/${encodeURIComponent(workspaceId)}/actions${query({ overdue: filter.overdue ? 'true' : undefined })}`;
  return (await request<{ actions: DecisionAction[] }>('GET', path, undefined, signal)).actions;
}
