/** Plan exports: the prose body, the activities table and the sign-off table, as Markdown, DOCX or PDF. */
import type { Activity } from '../../shared/planModel.js';
import { municipalityLabel } from '../../shared/municipalities.js';
import type { Block, Run } from '../../shared/planBlocks.js';
import { heading, para, table, text, type ExportBlock, type ExportDocument } from './exportDocument.js';
import {
  exportLabels,
  labelOf,
  orgFull,
  orgShort,
  stateName,
  type ExportLabels,
  type ExportLang,
  type OrganizationNames,
} from './labels.js';
import { formatDateTime, formatStamp } from './exportDates.js';
import { documentToMarkdown } from './renderMarkdown.js';
import { documentToDocx } from './renderDocx.js';
import { documentToPdf, type PdfResult } from './renderPdf.js';

export interface PlanExportInput {
  title: string;
  lang: ExportLang;
  generatedAt: Date;
  versionName?: string;
  workspaceName: string;
  blocks: Block[];
  activities: Activity[];
  organizations: OrganizationNames;
  approvals: Array<{ organizationId: string; userName: string; at: Date }>;
  /**
   * What the approvals are of: the exported version itself; for the current draft, the newest named version and
   * whether the draft still has its content; or no named version at all. Absent: the exported version.
   */
  signOffBasis?: SignOffBasis;
  participatingOrganizationIds: string[];
}

/** Whose approvals an export's sign-off table shows (see `PlanExportInput.signOffBasis`). */
export type SignOffBasis =
  | { kind: 'version' }
  | { kind: 'unsigned' }
  /** An automatic or meeting version: it can never be approved, so no organization is "pending". */
  | { kind: 'not_named' }
  | { kind: 'draft'; versionName: string; versionAt: Date; sameContent: boolean };

/** The sentence above the sign-off table: a draft that changed since its newest named version is not covered by its approvals. */
function signOffIntro(input: PlanExportInput, l: ExportLabels): string {
  const basis = input.signOffBasis ?? { kind: 'version' };
  if (basis.kind === 'version') return l.signOffIntro;
  if (basis.kind === 'unsigned') return l.signOffUnsigned;
  if (basis.kind === 'not_named') return l.signOffNotNamed;
  const when = formatStamp(basis.versionAt).slice(0, 10);
  return basis.sameContent ? l.signOffDraftSame(basis.versionName, when) : l.signOffDraftChanged(basis.versionName, when);
}

function dateRange(a: Activity, none: string): string {
  if (!a.startDate && !a.endDate) return none;
  return `${a.startDate ?? '…'} – ${a.endDate ?? '…'}`;
}

function activityCell(a: Activity, l: ExportLabels): Run[] {
  const runs: Run[] = [text(a.title || l.none, { bold: true })];
  if (a.description) runs.push(text('\n' + a.description));
  if (a.target) runs.push(text(`\n${l.target}: ${a.target}`));
  if (a.indicator) runs.push(text(`\n${l.indicator}: ${a.indicator}`));
  return runs;
}

function placesCell(a: Activity, l: ExportLabels): string {
  const states = a.stateCodes.map(stateName).join(', ');
  const municipalities = a.municipalityCodes.length ? `${l.municipalities}: ${a.municipalityCodes.map(municipalityLabel).join(', ')}` : '';
  return [states, municipalities].filter(Boolean).join('\n') || l.none;
}

/** The activities section: one table row per activity, organizations by acronym, states by INEGI name. */
export function activitiesSection(input: PlanExportInput): ExportBlock[] {
  const l = exportLabels(input.lang);
  const c = l.activityColumns;
  const out: ExportBlock[] = [heading(2, l.activities)];
  if (input.activities.length === 0) return [...out, para(l.noActivities)];
  const rows = input.activities.map((a) => [
    activityCell(a, l),
    orgShort(input.organizations, a.leadOrganizationId, l.none),
    a.partnerOrganizationIds.map((id) => orgShort(input.organizations, id, l.none)).join(', ') || l.none,
    labelOf(l.mandateAreas, a.mandateArea, l.none),
    placesCell(a, l),
    dateRange(a, l.none),
    labelOf(l.activityStatus, a.status, l.none),
  ]);
  out.push(table([c.activity, c.lead, c.partners, c.mandateArea, c.places, c.dates, c.status], rows, [30, 9, 12, 13, 14, 12, 10]));
  return out;
}

/** The sign-off section: every participating organization (and any other that approved), with who approved and when. */
export function signOffSection(input: PlanExportInput): ExportBlock[] {
  const l = exportLabels(input.lang);
  const c = l.signOffColumns;
  if (input.signOffBasis?.kind === 'not_named') return [heading(2, l.signOff), para(l.signOffNotNamed)];
  // The latest approval of each organization is the one that counts.
  const latest = new Map<string, PlanExportInput['approvals'][number]>();
  for (const a of input.approvals) {
    const prev = latest.get(a.organizationId);
    if (!prev || prev.at.getTime() < a.at.getTime()) latest.set(a.organizationId, a);
  }
  const ids = [...new Set([...input.participatingOrganizationIds, ...latest.keys()])];
  const rows = ids.map((id) => {
    const approval = latest.get(id);
    return [
      orgFull(input.organizations, id),
      approval ? l.yes : l.pending,
      approval ? approval.userName : l.none,
      approval ? formatStamp(approval.at) : l.none,
    ];
  });
  return [heading(2, l.signOff), para(signOffIntro(input, l)), table([c.organization, c.approved, c.by, c.date], rows, [40, 15, 25, 20])];
}

/** The renderer-neutral document of a plan export. */
export function planDocument(input: PlanExportInput): ExportDocument {
  const l = exportLabels(input.lang);
  return {
    title: input.title,
    lang: input.lang,
    titlePage: true,
    pageLabel: l.page,
    meta: [
      { label: l.workingGroup, value: input.workspaceName },
      { label: l.version, value: input.versionName || l.currentDraft },
      { label: l.generatedAt, value: formatDateTime(input.lang, input.generatedAt) },
    ],
    blocks: [...input.blocks, ...activitiesSection(input), ...signOffSection(input)],
  };
}

/** The plan as Markdown. */
export function planToMarkdown(input: PlanExportInput): string {
  return documentToMarkdown(planDocument(input));
}

/** The plan as a .docx file. */
export function planToDocx(input: PlanExportInput): Promise<Buffer> {
  return documentToDocx(planDocument(input));
}

/** The plan as a PDF file. */
export async function planToPdf(input: PlanExportInput): Promise<Buffer> {
  return (await planToPdfWithPages(input)).buffer;
}

/** The plan as a PDF file, with its page count. */
export function planToPdfWithPages(input: PlanExportInput): Promise<PdfResult> {
  return documentToPdf(planDocument(input));
}
