/** The decision log as the page lists it (filters applied), with each decision's progress, as a CSV file for a report. */
import { workingDay } from '../../shared/calendar.js';
import { csvFile } from '../../shared/delimitedText.js';
import type { Decision, DecisionProgress } from '../api/types.js';

/** What a line needs besides the decision: labels in the page's language. */
export interface DecisionsCsvContext {
  progress: Readonly<Record<string, DecisionProgress>>;
  organizationLabel: (id: string) => string;
  statusLabel: (status: Decision['status']) => string;
  headers: { ref: string; title: string; status: string; owner: string; dueDate: string; stances: string; organizations: string; openActions: string; overdueActions: string; proposedOn: string };
}

/** CSV text: one line per decision; the stance count stands beside the number of organizations expected to cast one. */
export function decisionsCsv(decisions: readonly Decision[], ctx: DecisionsCsvContext): string {
  const h = ctx.headers;
  const lines = [[h.ref, h.title, h.status, h.owner, h.dueDate, h.stances, h.organizations, h.openActions, h.overdueActions, h.proposedOn]];
  for (const d of decisions) {
    const p = ctx.progress[d.id];
    lines.push([
      d.ref,
      d.title,
      ctx.statusLabel(d.status),
      d.ownerOrganizationId ? ctx.organizationLabel(d.ownerOrganizationId) : '',
      d.dueDate ?? '',
      p ? String(p.stances) : '',
      p ? String(p.organizations) : '',
      p ? String(p.openActions) : '',
      p ? String(p.overdueActions) : '',
      // The day in Mexico City, as due dates are.
      d.createdAt ? workingDay(new Date(d.createdAt)) : '',
    ]);
  }
  return csvFile(lines);
}
