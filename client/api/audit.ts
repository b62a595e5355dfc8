/** The audit trail: a working group's (facilitators) and the instance's (admins), filtered, as pages or a CSV link. */
import { query, request } from './http.js';
import type { AuditEvent } from './types.js';

/** Filters the server understands; `action` without a dot matches a family (`decision` → `decision.*`). */
export interface AuditFilters {
  action?: string;
  /** An action (or family) left out. */
  exceptAction?: string;
  actorId?: string;
  /** Instants (ISO-8601); the page turns the chosen local days into them. */
  from?: string;
  to?: string;
}

export interface AuditPage {
  events: Array<AuditEvent & { actorName?: string | null; organizationAcronym?: string | null }>;
  nextCursor: string | null;
}

function base(workspaceId: string | null): string {
  return workspaceId ? `/api/workspaces/${encodeURIComponent(workspaceId)}/audit` : '/api/audit';
}

/** One page of a working group's trail, or of the instance's own trail when `workspaceId` is null. */
export function listAuditPage(workspaceId: string | null, filters: AuditFilters, cursor?: string | null, signal?: AbortSignal): Promise<AuditPage> {
  return request('GET', base(workspaceId) + query({ ...filters, cursor }), undefined, signal);
}

/** The download link of the filtered trail as CSV (same-origin, the session cookie authenticates it). */
export function auditCsvUrl(workspaceId: string | null, filters: AuditFilters, lang: string): string {
  return `${base(workspaceId)}.csv${query({ ...filters, lang: lang === 'en' ? 'en' : 'es' })}`;
}
