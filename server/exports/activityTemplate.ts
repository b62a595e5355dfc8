/**
 * The activity import's Excel template: the plan table's columns (their headers as the web app names them, so the
 * import recognizes them), one example row, and drop-down lists of what Enlace knows (institutions, mandate areas,
 * statuses, states) from a second sheet, so a spreadsheet filled in Excel imports without problems.
 */
import type { ImportField } from '../../shared/activityImportColumns.js';
import { ACTIVITY_STATUSES, MANDATE_AREAS, STATES } from '../../shared/constants.js';
import { ACTIVITY_KEYS } from '../../shared/planModel.js';
import type { ExportLang } from './labels.js';
import { exportLabels } from './labels.js';

/** The template's columns: the plan table's, in its order, but the id (the web app's `activities.fields.*` labels; a test keeps them equal). */
export const TEMPLATE_FIELDS: readonly ImportField[] = ACTIVITY_KEYS.filter((k): k is ImportField => k !== 'id');
export type TemplateField = ImportField;

const HEADERS: Record<ExportLang, Record<TemplateField, string>> = {
  es: {
    title: 'Actividad',
    description: 'Descripción',
    leadOrganizationId: 'Institución líder',
    partnerOrganizationIds: 'Instituciones aliadas',
    mandateArea: 'Ámbito',
    stateCodes: 'Entidades',
    municipalityCodes: 'Municipios (INEGI)',
    startDate: 'Inicio',
    endDate: 'Fin',
    status: 'Estado',
    target: 'Meta',
    indicator: 'Indicador',
  },
  en: {
    title: 'Activity',
    description: 'Description',
    leadOrganizationId: 'Lead organization',
    partnerOrganizationIds: 'Partner organizations',
    mandateArea: 'Mandate area',
    stateCodes: 'States',
    municipalityCodes: 'Municipalities (INEGI)',
    startDate: 'Start',
    endDate: 'End',
    status: 'Status',
    target: 'Target',
    indicator: 'Indicator',
  },
};

const TEXTS = {
  es: {
    sheet: 'Actividades',
    lists: 'Listas',
    listHeaders: ['Institución', 'Ámbito', 'Estado', 'Entidad'],
    example: ['Taller de identificación de víctimas (ejemplo: reemplace esta fila)', 'Dos sesiones con fiscalías y policías municipales', '60 agentes capacitados', 'Agentes que aprueban la evaluación'],
    several: 'Varias: sepárelas con punto y coma (;). Elija de la lista o escriba el nombre.',
    pick: 'Elija de la lista.',
    municipalities: 'Nombre del municipio o su clave INEGI de 5 dígitos; varios, separados con punto y coma (;).',
    notListed: 'No está en la lista de Enlace.',
  },
  en: {
    sheet: 'Activities',
    lists: 'Lists',
    listHeaders: ['Organization', 'Mandate area', 'Status', 'State'],
    example: ['Victim identification workshop (example: replace this row)', 'Two sessions with prosecutors and municipal police', '60 officers trained', 'Officers who pass the assessment'],
    several: 'Several: separate them with semicolons (;). Pick from the list or type the name.',
    pick: 'Pick from the list.',
    municipalities: 'The municipality’s name or its 5-digit INEGI code; several, separated with semicolons (;).',
    notListed: 'It is not in Enlace’s list.',
  },
} as const;

/** Everything the template workbook shows, worked out before rendering (the render worker gets plain data). */
export interface ActivityTemplate {
  lang: ExportLang;
  sheet: string;
  lists: string;
  /** The field of each column (what the render worker needs of the plan model). */
  fields: TemplateField[];
  headers: string[];
  example: string[];
  /** Columns of the lists sheet: institutions (acronym · name), mandate areas, statuses, states. */
  listHeaders: string[];
  listColumns: string[][];
  notes: { several: string; pick: string; municipalities: string; notListed: string };
}

/** The template's content in a language, with the active institutions of the directory. */
export function activityTemplate(lang: ExportLang, organizations: ReadonlyArray<{ acronym: string; name: string }>): ActivityTemplate {
  const labels = exportLabels(lang);
  const texts = TEXTS[lang];
  const institutions = organizations.map((o) => (o.acronym && o.acronym !== o.name ? `${o.acronym} · ${o.name}` : o.name)).sort((a, b) => a.localeCompare(b, lang));
  const first = institutions[0] ?? '';
  const headers = TEMPLATE_FIELDS.map((f) => HEADERS[lang][f]);
  const example: Record<TemplateField, string> = {
    title: texts.example[0],
    description: texts.example[1],
    leadOrganizationId: first,
    partnerOrganizationIds: '',
    mandateArea: labels.mandateAreas.trafficking_in_persons,
    stateCodes: 'Chiapas',
    municipalityCodes: 'Tapachula',
    startDate: '2027-03-01',
    endDate: '2027-06-30',
    status: labels.activityStatus.planned,
    target: texts.example[2],
    indicator: texts.example[3],
  };
  return {
    lang,
    sheet: texts.sheet,
    lists: texts.lists,
    fields: [...TEMPLATE_FIELDS],
    headers,
    example: TEMPLATE_FIELDS.map((f) => example[f]),
    listHeaders: [...texts.listHeaders],
    listColumns: [institutions, MANDATE_AREAS.map((a) => labels.mandateAreas[a]), ACTIVITY_STATUSES.map((s) => labels.activityStatus[s]), STATES.map((s) => s.name)],
    notes: { several: texts.several, pick: texts.pick, municipalities: texts.municipalities, notListed: texts.notListed },
  };
}

/** The header of a field, for tests that hold the template to the web app's labels. */
export function templateHeader(lang: ExportLang, field: TemplateField): string {
  return HEADERS[lang][field];
}
