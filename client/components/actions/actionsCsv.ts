/** The follow-up actions as the page lists them, as a CSV file for a spreadsheet (a report on pending commitments). */
import { csvFile } from '../../../shared/delimitedText.js';
import type { Decision, DecisionAction } from '../../api/types.js';

/** What a line needs besides the action: its decision, names and labels in the page's language. */
export interface ActionsCsvContext {
  decisionsById: ReadonlyMap<string, Pick<Decision, 'ref' | 'title'>>;
  organizationLabel: (id: string) => string;
  personName: (userId: string) => string | undefined;
  statusLabel: (status: DecisionAction['status']) => string;
  headers: { action: string; decision: string; decisionTitle: string; owner: string; assignee: string; dueDate: string; status: string; overdue: string };
  yes: string;
}

/** CSV text (CRLF lines, a byte-order mark so Excel reads it as UTF-8); cells that could run as formulas are neutralized. */
export function actionsCsv(actions: readonly DecisionAction[], ctx: ActionsCsvContext): string {
  const h = ctx.headers;
  const lines = [[h.action, h.decision, h.decisionTitle, h.owner, h.assignee, h.dueDate, h.status, h.overdue]];
  for (const a of actions) {
    const decision = a.decisionId ? ctx.decisionsById.get(a.decisionId) : undefined;
    lines.push([
      a.title,
      decision?.ref ?? '',
      decision?.title ?? '',
      ctx.organizationLabel(a.ownerOrganizationId),
      a.assigneeId ? (ctx.personName(a.assigneeId) ?? '') : '',
      a.dueDate,
      ctx.statusLabel(a.status),
      a.overdue ? ctx.yes : '',
    ]);
  }
  return csvFile(lines);
}
