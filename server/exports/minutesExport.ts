/** Meeting minutes exports: agenda, attendance, decisions with their stances, and follow-up actions. */
import { STANCES, type ActionStatus, type DecisionStatus, type Stance } from '../../shared/constants.js';
import type { Run } from '../../shared/planBlocks.js';
import { heading, list, para, table, text, type ExportBlock, type ExportDocument } from './exportDocument.js';
import {
  exportLabels,
  labelOf,
  orgFull,
  orgShort,
  type ExportLabels,
  type ExportLang,
  type OrganizationNames,
} from './labels.js';
import { formatDateTime, formatDay, formatStamp } from './exportDates.js';
import { documentToMarkdown } from './renderMarkdown.js';
import { documentToDocx } from './renderDocx.js';
import { documentToPdf, type PdfResult } from './renderPdf.js';

export interface MinutesStance {
  organizationId: string;
  stance: Stance;
  reason: string | null;
  onBehalf: boolean;
}

export interface MinutesInput {
  lang: ExportLang;
  workspaceName: string;
  meeting: {
    title: string;
    startsAt: Date;
    startedAt?: Date | null;
    closedAt?: Date | null;
    agenda: Array<{ title: string; minutes?: number | null }>;
  };
  attendance: Array<{ organizationId: string }>;
  /** The group's organizations at the close: an attendee outside them is a guest, which takes no stance. Absent: all are members. */
  memberOrganizationIds?: string[];
  organizations: OrganizationNames;
  /** `hiddenStances`: organizations whose stance is recorded but hidden until the decision closes. */
  decisions: Array<{ ref: string; title: string; status: DecisionStatus; body: string | null; stances: MinutesStance[]; hiddenStances?: string[] }>;
  actions: Array<{ title: string; ownerOrganizationId: string; dueDate: string | null; status: ActionStatus; decisionRef?: string | null }>;
}

/** How many organizations took each stance, in the fixed order agree → object. */
export function stanceCounts(stances: MinutesStance[]): Record<Stance, number> {
  const counts = Object.fromEntries(STANCES.map((s) => [s, 0])) as Record<Stance, number>;
  for (const s of stances) if (s.stance in counts) counts[s.stance] += 1;
  return counts;
}

function byName(orgs: OrganizationNames, lang: ExportLang) {
  return (a: string, b: string) => orgFull(orgs, a).localeCompare(orgFull(orgs, b), lang);
}

function agendaSection(input: MinutesInput, l: ExportLabels): ExportBlock[] {
  const items = input.meeting.agenda.map((item) => (item.minutes ? `${item.title} (${item.minutes} ${l.minutesUnit})` : item.title));
  return [heading(2, l.agenda), items.length ? list(true, items) : para(l.noAgenda)];
}

function attendanceSection(input: MinutesInput, l: ExportLabels): ExportBlock[] {
  const ids = [...new Set(input.attendance.map((a) => a.organizationId))].sort(byName(input.organizations, input.lang));
  if (ids.length === 0) return [heading(2, l.attendance), para(l.noAttendance)];
  return [
    heading(2, l.attendance),
    para(l.attendanceCount(ids.length)),
    list(false, ids.map((id) => orgFull(input.organizations, id))),
  ];
}

function bodyParagraphs(body: string | null): ExportBlock[] {
  if (!body) return [];
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => para(p));
}

function stanceSummary(stances: MinutesStance[], hidden: string[], l: ExportLabels): Run[] {
  const counts = stanceCounts(stances);
  const parts = STANCES.map((s) => `${l.stances[s]}: ${counts[s]}`);
  if (hidden.length) parts.push(l.hiddenCount(hidden.length));
  return [text(`${l.stancesSummary}: `, { bold: true }), text(parts.join(' · '))];
}

function stanceTable(input: MinutesInput, stances: MinutesStance[], hidden: string[], l: ExportLabels): ExportBlock {
  const c = l.stanceColumns;
  const recorded = new Map(stances.map((s) => [s.organizationId, s]));
  const hiddenIds = new Set(hidden);
  const members = input.memberOrganizationIds ? new Set(input.memberOrganizationIds) : null;
  // Organizations present without a stance are listed too, so the table reads as a roll call.
  const ids = [...new Set([...recorded.keys(), ...hidden, ...input.attendance.map((a) => a.organizationId)])].sort(
    byName(input.organizations, input.lang),
  );
  const rows = ids.map((id): Array<string | Run[]> => {
    const s = recorded.get(id);
    // Recorded but hidden: saying "no stance" would freeze a falsehood into the record.
    if (!s && hiddenIds.has(id)) return [orgFull(input.organizations, id), l.hiddenStance, l.none];
    // A guest agency attended without being in the group: "no stance" would read as one it failed to give.
    if (!s && members && !members.has(id)) return [orgFull(input.organizations, id), l.guestNoStance, l.none];
    if (!s) return [orgFull(input.organizations, id), l.notRecorded, l.none];
    const reason: Run[] = [text(s.reason || l.none)];
    if (s.onBehalf) reason.push(text(` (${l.onBehalf})`, { italic: true }));
    return [orgFull(input.organizations, id), labelOf(l.stances, s.stance, l.none), reason];
  });
  return table([c.organization, c.stance, c.reason], rows, [35, 20, 45]);
}

function decisionsSection(input: MinutesInput, l: ExportLabels): ExportBlock[] {
  const out: ExportBlock[] = [heading(2, l.decisions)];
  if (input.decisions.length === 0) return [...out, para(l.noDecisions)];
  for (const d of input.decisions) {
    out.push(heading(3, `${d.ref} — ${d.title}`));
    out.push(para(text(`${l.decisionStatusLabel}: `, { bold: true }), labelOf(l.decisionStatus, d.status, l.none)));
    out.push(...bodyParagraphs(d.body));
    const hidden = d.hiddenStances ?? [];
    out.push(para(...stanceSummary(d.stances, hidden, l)));
    if (d.stances.length === 0 && hidden.length === 0 && input.attendance.length === 0) out.push(para(l.noStances));
    else out.push(stanceTable(input, d.stances, hidden, l));
  }
  return out;
}

function actionsSection(input: MinutesInput, l: ExportLabels): ExportBlock[] {
  const c = l.actionColumns;
  if (input.actions.length === 0) return [heading(2, l.actions), para(l.noActions)];
  // Overdue as of the close; a preliminary copy (meeting not closed) as of now. Days compare as Mexico City dates.
  const asOf = formatStamp(input.meeting.closedAt ?? new Date()).slice(0, 10);
  const rows = input.actions.map((a) => [
    a.title,
    orgShort(input.organizations, a.ownerOrganizationId, l.none),
    a.dueDate ? formatDay(input.lang, a.dueDate) : l.none,
    labelOf(l.actionStatus, a.status, l.none) + (a.status === 'open' && a.dueDate && a.dueDate < asOf ? ` (${l.overdue})` : ''),
    a.decisionRef || l.none,
  ]);
  return [heading(2, l.actions), table([c.action, c.owner, c.due, c.status, c.decision], rows, [40, 15, 15, 15, 15])];
}

/** The renderer-neutral document of a meeting's minutes. */
export function minutesDocument(input: MinutesInput): ExportDocument {
  const l = exportLabels(input.lang);
  const m = input.meeting;
  const meta = [
    { label: l.workingGroup, value: input.workspaceName },
    { label: l.scheduledFor, value: formatDateTime(input.lang, m.startsAt) },
  ];
  if (m.startedAt) meta.push({ label: l.startedAt, value: formatDateTime(input.lang, m.startedAt) });
  meta.push(m.closedAt ? { label: l.closedAt, value: formatDateTime(input.lang, m.closedAt) } : { label: l.closedAt, value: l.notClosed });
  return {
    title: l.minutesTitle(m.title),
    lang: input.lang,
    titlePage: false,
    pageLabel: l.page,
    meta,
    blocks: [
      ...agendaSection(input, l),
      ...attendanceSection(input, l),
      ...decisionsSection(input, l),
      ...actionsSection(input, l),
    ],
  };
}

/** The minutes as Markdown. */
export function minutesToMarkdown(input: MinutesInput): string {
  return documentToMarkdown(minutesDocument(input));
}

/** The minutes as a .docx file. */
export function minutesToDocx(input: MinutesInput): Promise<Buffer> {
  return documentToDocx(minutesDocument(input));
}

/** The minutes as a PDF file. */
export async function minutesToPdf(input: MinutesInput): Promise<Buffer> {
  return (await minutesToPdfWithPages(input)).buffer;
}

/** The minutes as a PDF file, with its page count. */
export function minutesToPdfWithPages(input: MinutesInput): Promise<PdfResult> {
  return documentToPdf(minutesDocument(input));
}
