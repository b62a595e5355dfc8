/** The plan document model: Y.XmlFragment("body") for prose, Y.Array("activities") of Y.Map rows. */
import * as Y from 'yjs';
import { bodyBlocks } from './planBlocks.js';
import { blocksToMarkdown } from './planMarkdown.js';
import { ID_PATTERN, isCalendarDate, isValidMunicipalityCode, MANDATE_AREAS, STATE_CODES, type ActivityStatus, type MandateArea } from './constants.js';

export const BODY_FIELD = 'body';
export const ACTIVITIES_FIELD = 'activities';

export const ACTIVITY_KEYS = [
  'id',
  'title',
  'description',
  'leadOrganizationId',
  'partnerOrganizationIds',
  'mandateArea',
  'stateCodes',
  'municipalityCodes',
  'startDate',
  'endDate',
  'status',
  'target',
  'indicator',
] as const;
export type ActivityKey = (typeof ACTIVITY_KEYS)[number];
export const ACTIVITY_LIST_KEYS: readonly ActivityKey[] = ['partnerOrganizationIds', 'stateCodes', 'municipalityCodes'];

export interface Activity {
  id: string;
  title: string;
  description: string;
  leadOrganizationId: string | null;
  partnerOrganizationIds: string[];
  mandateArea: MandateArea | null;
  stateCodes: string[];
  municipalityCodes: string[];
  startDate: string | null;
  endDate: string | null;
  status: ActivityStatus;
  target: string;
  indicator: string;
}

export function getBody(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(BODY_FIELD);
}
export function getActivities(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(ACTIVITIES_FIELD);
}

/** Text of a field: a string, a number or yes/no written as one, or a Y.Text; anything else (maps, arrays) reads as empty, not "[object Object]". */
function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v instanceof Y.Text ? v.toString() : '';
}
function strList(v: unknown): string[] {
  if (v instanceof Y.Array) return v.toArray().filter((x): x is string => typeof x === 'string');
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Longest activity id kept: longer ones read as absent, since the projection indexes ids and an index key is bounded. */
export const MAX_ACTIVITY_ID_LENGTH = 200;
/** Most partner organizations read from one activity. */
export const MAX_ACTIVITY_PARTNERS = 100;
/** Most municipalities read from one activity: Mexico has about 2,475, so every real list fits. */
export const MAX_ACTIVITY_MUNICIPALITIES = 2500;

/** An activity row's id as every reader takes it (matrix, diff, restore, anchors): '' when absent or too long. */
export function activityIdOf(row: unknown): string {
  if (!(row instanceof Y.Map)) return '';
  const id = str(row.get('id'));
  return id.length <= MAX_ACTIVITY_ID_LENGTH ? id : '';
}
function organizationIdOrNull(v: unknown): string | null {
  return typeof v === 'string' && ID_PATTERN.test(v) ? v : null;
}
function organizationIdList(v: unknown): string[] {
  return [...new Set(strList(v).filter((id) => ID_PATTERN.test(id)))].slice(0, MAX_ACTIVITY_PARTNERS);
}
// Any client may write raw Yjs: values outside the contract's vocabulary read as absent, so the matrix,
// overlaps and exports only ever carry YYYY-MM-DD dates, known mandate areas, INEGI codes and id-shaped organizations.
function dateOrNull(v: unknown): string | null {
  return typeof v === 'string' && isCalendarDate(v) ? v : null;
}
function mandateAreaOrNull(v: unknown): MandateArea | null {
  return (MANDATE_AREAS as readonly unknown[]).includes(v) ? (v as MandateArea) : null;
}

/** Reads one activity row into a plain object, tolerating missing or mistyped fields. */
export function readActivity(row: Y.Map<unknown>): Activity {
  const status = str(row.get('status'));
  return {
    id: activityIdOf(row),
    title: str(row.get('title')),
    description: str(row.get('description')),
    leadOrganizationId: organizationIdOrNull(row.get('leadOrganizationId')),
    partnerOrganizationIds: organizationIdList(row.get('partnerOrganizationIds')),
    mandateArea: mandateAreaOrNull(row.get('mandateArea')),
    // De-duplicated and bounded: one row repeating a code 60,000 times made every member's matrix a megabyte.
    stateCodes: [...new Set(strList(row.get('stateCodes')).filter((c) => STATE_CODES.includes(c)))],
    municipalityCodes: [...new Set(strList(row.get('municipalityCodes')).filter(isValidMunicipalityCode))].slice(0, MAX_ACTIVITY_MUNICIPALITIES),
    startDate: dateOrNull(row.get('startDate')),
    endDate: dateOrNull(row.get('endDate')),
    status: (['planned', 'in_progress', 'done', 'cancelled'].includes(status) ? status : 'planned') as ActivityStatus,
    target: str(row.get('target')),
    indicator: str(row.get('indicator')),
  };
}

/** All activity rows of a plan that carry an id. */
export function readActivities(doc: Y.Doc): Activity[] {
  const out: Activity[] = [];
  for (const row of getActivities(doc).toArray()) {
    if (row instanceof Y.Map) {
      const a = readActivity(row);
      if (a.id) out.push(a);
    }
  }
  return out;
}

/** Appends an activity row; list fields are stored as plain arrays (the contract's string[]). */
export function insertActivity(doc: Y.Doc, activity: Partial<Activity> & { id: string }): Y.Map<unknown> {
  const row = new Y.Map<unknown>();
  const full: Activity = {
    title: '',
    description: '',
    leadOrganizationId: null,
    partnerOrganizationIds: [],
    mandateArea: null,
    stateCodes: [],
    municipalityCodes: [],
    startDate: null,
    endDate: null,
    status: 'planned',
    target: '',
    indicator: '',
    ...activity,
  };
  for (const key of ACTIVITY_KEYS) row.set(key, full[key] ?? '');
  getActivities(doc).push([row]);
  return row;
}

type Block = { type: string; attrs?: Record<string, unknown>; text?: string; content?: Block[] };

function toYNode(block: Block): Y.XmlElement | Y.XmlText {
  if (block.type === 'text') return new Y.XmlText(block.text ?? '');
  const el = new Y.XmlElement(block.type);
  for (const [k, v] of Object.entries(block.attrs ?? {})) el.setAttribute(k, v as string);
  el.insert(0, (block.content ?? []).map(toYNode));
  return el;
}

const TEMPLATE_SECTIONS: Record<'es' | 'en', { title: string; sections: Array<[string, string]> }> = {
  es: {
    title: 'Plan de trabajo conjunto',
    sections: [
      ['Objetivos', 'Describa los objetivos comunes de la mesa.'],
      ['Líneas de trabajo', 'Enumere las líneas de trabajo acordadas.'],
      ['Actividades', 'Las actividades se registran en la tabla de actividades del plan.'],
      ['Indicadores', 'Indique cómo se medirá el avance.'],
      ['Mecanismos de coordinación', 'Explique cómo se coordinarán las instituciones para no duplicar esfuerzos.'],
    ],
  },
  en: {
    title: 'Joint work plan',
    sections: [
      ['Objectives', 'Describe the working group’s shared objectives.'],
      ['Lines of work', 'List the agreed lines of work.'],
      ['Activities', 'Activities are recorded in the plan’s activities table.'],
      ['Indicators', 'State how progress will be measured.'],
      ['Coordination mechanisms', 'Explain how institutions will coordinate so as not to duplicate efforts.'],
    ],
  },
};

/** Writes the work-plan template into an empty document (server-side, once, at creation). */
export function writeWorkPlanTemplate(doc: Y.Doc, lang: 'es' | 'en' = 'es'): void {
  const t = TEMPLATE_SECTIONS[lang];
  const blocks: Block[] = [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: t.title }] }];
  for (const [heading, hint] of t.sections) {
    blocks.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: heading }] });
    blocks.push({ type: 'paragraph', content: [{ type: 'text', text: hint }] });
  }
  doc.transact(() => {
    getBody(doc).insert(0, blocks.map(toYNode));
    getActivities(doc); // make the array exist so clients observe it from the start
  });
}

/** Writes an empty paragraph so the editor has somewhere to type. */
export function writeBlankTemplate(doc: Y.Doc): void {
  doc.transact(() => getBody(doc).insert(0, [new Y.XmlElement('paragraph')]));
}

/** The text of an element's inline content, marks dropped, hard breaks as newlines. */
function inlineOf(el: Y.XmlElement | Y.XmlFragment): string {
  let out = '';
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlText) out += child.toString().replace(/<[^>]+>/g, '');
    else if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'hardBreak') out += '\n';
      else out += inlineOf(child);
    }
  }
  return out;
}

/** The plain-text lines of one block: list markers kept, table cells tab-separated, no other markup. */
function blockToText(el: Y.XmlElement, indent: string): string[] {
  const name = el.nodeName;
  switch (name) {
    case 'heading':
    case 'codeBlock':
      return [inlineOf(el)];
    case 'paragraph':
      return [indent + inlineOf(el)];
    case 'bulletList':
    case 'orderedList': {
      const lines: string[] = [];
      let n = 1;
      for (const item of el.toArray()) {
        if (!(item instanceof Y.XmlElement)) continue;
        const marker = name === 'orderedList' ? `${n++}. ` : '- ';
        const inner = item.toArray().flatMap((c) => (c instanceof Y.XmlElement ? blockToText(c, '') : []));
        inner.forEach((line, i) => lines.push(indent + (i === 0 ? marker : '  ') + line));
      }
      return lines;
    }
    case 'blockquote':
      return el.toArray().flatMap((c) => (c instanceof Y.XmlElement ? blockToText(c, '').map((l) => '> ' + l) : []));
    case 'horizontalRule':
      return [];
    case 'table': {
      const rows = el.toArray().filter((r): r is Y.XmlElement => r instanceof Y.XmlElement);
      return rows.map((r) =>
        r
          .toArray()
          .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
          .map((c) => inlineOf(c).replace(/\|/g, '\\|').replace(/\n/g, ' '))
          .join('\t'),
      );
    }
    default:
      return [inlineOf(el)];
  }
}

/** Renders the prose body as Markdown (one blank line between blocks). */
export function bodyToMarkdown(body: Y.XmlFragment): string {
  return blocksToMarkdown(bodyBlocks(body));
}

/** Plain text of the prose body, one line per block: what search reads. */
export function bodyToPlainText(body: Y.XmlFragment): string {
  return body
    .toArray()
    .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
    .map((el) => blockToText(el, '').join('\n'))
    .join('\n');
}

/** The plain content of a plan, as versions, exports and diffs see it. */
export interface PlanContent {
  body: string;
  activities: Activity[];
}
export function readPlanContent(doc: Y.Doc): PlanContent {
  return { body: bodyToMarkdown(getBody(doc)), activities: readActivities(doc) };
}
