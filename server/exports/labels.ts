/** Every fixed string of the plan and minutes exports, in Spanish and English, plus name formatting (dates: exportDates.ts). */
import {
  type ActionStatus,
  type ActivityStatus,
  type DecisionStatus,
  type MandateArea,
  type Stance,
} from '../../shared/constants.js';

export type ExportLang = 'es' | 'en';

export interface ExportLabels {
  locale: string;
  // Title page and document chrome
  workingGroup: string;
  version: string;
  currentDraft: string;
  generatedAt: string;
  /** Page footer template: `{n}` and `{total}` are filled in by the renderer (DOCX uses fields). */
  page: string;
  none: string;
  yes: string;
  no: string;
  // Plan
  /** Heading of the exported activities table (the template's own "Actividades" section points to it by that name). */
  activities: string;
  noActivities: string;
  activityColumns: {
    activity: string;
    lead: string;
    partners: string;
    mandateArea: string;
    places: string;
    dates: string;
    status: string;
  };
  target: string;
  indicator: string;
  municipalities: string;
  activityStatus: Record<ActivityStatus, string>;
  mandateAreas: Record<MandateArea, string>;
  signOff: string;
  signOffIntro: string;
  /** The current draft's sign-off when no version has been named yet. */
  signOffUnsigned: string;
  /** An automatic or meeting version: only named versions are put up for sign-off. */
  signOffNotNamed: string;
  /** The current draft still has the content of the newest named version (its name, its date). */
  signOffDraftSame: (versionName: string, date: string) => string;
  /** The current draft changed since the newest named version: its approvals do not cover the draft. */
  signOffDraftChanged: (versionName: string, date: string) => string;
  signOffColumns: { organization: string; approved: string; by: string; date: string };
  pending: string;
  // Minutes
  minutesTitle: (meetingTitle: string) => string;
  scheduledFor: string;
  startedAt: string;
  closedAt: string;
  notClosed: string;
  agenda: string;
  noAgenda: string;
  minutesUnit: string;
  attendance: string;
  attendanceCount: (n: number) => string;
  noAttendance: string;
  decisions: string;
  noDecisions: string;
  decisionStatusLabel: string;
  decisionStatus: Record<DecisionStatus, string>;
  stancesSummary: string;
  noStances: string;
  stanceColumns: { organization: string; stance: string; reason: string };
  stances: Record<Stance, string>;
  onBehalf: string;
  notRecorded: string;
  /** An attending organization outside the group: a guest, which takes no stance. */
  guestNoStance: string;
  /** A stance recorded on a decision whose stances stay hidden until it closes (still open at the meeting's close). */
  hiddenStance: string;
  hiddenCount: (n: number) => string;
  actions: string;
  noActions: string;
  actionColumns: { action: string; owner: string; due: string; status: string; decision: string };
  actionStatus: Record<ActionStatus, string>;
  /** Added to an open action's status when its due date had passed at the close (or now, for a preliminary copy). */
  overdue: string;
}

const es: ExportLabels = {
  locale: 'es-MX',
  workingGroup: 'Mesa de trabajo',
  version: 'Versión',
  currentDraft: 'Borrador vigente',
  generatedAt: 'Generado',
  page: 'Página {n} de {total}',
  none: '—',
  yes: 'Sí',
  no: 'No',
  activities: 'Tabla de actividades',
  noActivities: 'El plan no tiene actividades registradas.',
  activityColumns: {
    activity: 'Actividad',
    lead: 'Institución líder',
    partners: 'Instituciones aliadas',
    mandateArea: 'Ámbito del mandato',
    places: 'Entidades federativas',
    dates: 'Fechas',
    status: 'Estado',
  },
  target: 'Meta',
  indicator: 'Indicador',
  municipalities: 'Municipios',
  activityStatus: { planned: 'Planeada', in_progress: 'En curso', done: 'Concluida', cancelled: 'Cancelada' },
  mandateAreas: {
    organized_crime: 'Delincuencia organizada',
    drug_trafficking: 'Tráfico de drogas',
    money_laundering: 'Lavado de dinero',
    trafficking_in_persons: 'Trata de personas',
    migrant_smuggling: 'Tráfico ilícito de migrantes',
    firearms_trafficking: 'Tráfico de armas de fuego',
    corruption: 'Corrupción',
    wildlife_forest_crime: 'Delitos contra la vida silvestre y forestales',
  },
  signOff: 'Aprobación de las instituciones',
  signOffIntro: 'Instituciones participantes y su aprobación de esta versión del plan.',
  signOffUnsigned: 'Ninguna versión de este plan se ha sometido a aprobación. Para recabarla, guarde una versión con nombre.',
  signOffNotNamed: 'Esta versión se guardó automáticamente o al cerrar una reunión: no se somete a aprobación. Solo las versiones con nombre la reciben.',
  signOffDraftSame: (name, date) => `Aprobaciones de la versión «${name}» (${date}); este borrador conserva su contenido.`,
  signOffDraftChanged: (name, date) =>
    `Aprobaciones de la versión «${name}» (${date}). Este borrador cambió desde entonces: esas aprobaciones no lo cubren.`,
  signOffColumns: { organization: 'Institución', approved: 'Aprobado', by: 'Aprobado por', date: 'Fecha' },
  pending: 'Pendiente',
  minutesTitle: (t) => `Minuta: ${t}`,
  scheduledFor: 'Convocada para',
  startedAt: 'Inicio',
  closedAt: 'Cierre',
  notClosed: 'Reunión no cerrada: minuta preliminar',
  agenda: 'Orden del día',
  noAgenda: 'Sin puntos en el orden del día.',
  minutesUnit: 'min',
  attendance: 'Asistencia',
  attendanceCount: (n) => (n === 1 ? '1 institución presente' : `${n} instituciones presentes`),
  noAttendance: 'No se registró asistencia.',
  decisions: 'Decisiones',
  noDecisions: 'No se registraron decisiones.',
  decisionStatusLabel: 'Estado',
  decisionStatus: {
    proposed: 'Propuesta',
    agreed: 'Acordada',
    rejected: 'Rechazada',
    deferred: 'Aplazada',
    superseded: 'Sustituida',
  },
  stancesSummary: 'Posturas',
  noStances: 'Sin posturas registradas.',
  stanceColumns: { organization: 'Institución', stance: 'Postura', reason: 'Motivo' },
  stances: {
    agree: 'De acuerdo',
    agree_with_conditions: 'De acuerdo con condiciones',
    abstain: 'Abstención',
    object: 'Objeción',
  },
  onBehalf: 'registrada por la facilitación en su nombre',
  notRecorded: 'Sin postura',
  guestNoStance: 'Invitada (no emite postura)',
  hiddenStance: 'Registrada (oculta hasta cerrar la decisión)',
  hiddenCount: (n) => `ocultas hasta cerrar la decisión: ${n}`,
  actions: 'Acciones de seguimiento',
  noActions: 'No se registraron acciones.',
  actionColumns: { action: 'Acción', owner: 'Responsable', due: 'Fecha límite', status: 'Estado', decision: 'Decisión' },
  // The web app's words: the minutes must not call a status something else.
  actionStatus: { open: 'Abierta', done: 'Hecha', cancelled: 'Cancelada' },
  overdue: 'vencida',
};

const en: ExportLabels = {
  locale: 'en-US',
  workingGroup: 'Working group',
  version: 'Version',
  currentDraft: 'Current draft',
  generatedAt: 'Generated',
  page: 'Page {n} of {total}',
  none: '—',
  yes: 'Yes',
  no: 'No',
  activities: 'Activities table',
  noActivities: 'The plan has no activities recorded.',
  activityColumns: {
    activity: 'Activity',
    lead: 'Lead organization',
    partners: 'Partner organizations',
    mandateArea: 'Mandate area',
    places: 'States',
    dates: 'Dates',
    status: 'Status',
  },
  target: 'Target',
  indicator: 'Indicator',
  municipalities: 'Municipalities',
  activityStatus: { planned: 'Planned', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' },
  mandateAreas: {
    organized_crime: 'Organized crime',
    drug_trafficking: 'Drug trafficking',
    money_laundering: 'Money laundering',
    trafficking_in_persons: 'Trafficking in persons',
    migrant_smuggling: 'Migrant smuggling',
    firearms_trafficking: 'Firearms trafficking',
    corruption: 'Corruption',
    wildlife_forest_crime: 'Wildlife and forest crime',
  },
  signOff: 'Sign-off',
  signOffIntro: 'Participating organizations and their approval of this version of the plan.',
  signOffUnsigned: 'No version of this plan has been put up for sign-off. To collect approvals, save a named version.',
  signOffNotNamed: 'This version was saved automatically or when a meeting closed: it is not put up for sign-off. Only named versions are.',
  signOffDraftSame: (name, date) => `Approvals of version “${name}” (${date}); this draft still has its content.`,
  signOffDraftChanged: (name, date) =>
    `Approvals of version “${name}” (${date}). This draft has changed since then: those approvals do not cover it.`,
  signOffColumns: { organization: 'Organization', approved: 'Approved', by: 'Approved by', date: 'Date' },
  pending: 'Pending',
  minutesTitle: (t) => `Minutes: ${t}`,
  scheduledFor: 'Scheduled for',
  startedAt: 'Started',
  closedAt: 'Closed',
  notClosed: 'Meeting not closed: draft minutes',
  agenda: 'Agenda',
  noAgenda: 'No agenda items.',
  minutesUnit: 'min',
  attendance: 'Attendance',
  attendanceCount: (n) => (n === 1 ? '1 organization present' : `${n} organizations present`),
  noAttendance: 'No attendance was recorded.',
  decisions: 'Decisions',
  noDecisions: 'No decisions were recorded.',
  decisionStatusLabel: 'Status',
  decisionStatus: {
    proposed: 'Proposed',
    agreed: 'Agreed',
    rejected: 'Rejected',
    deferred: 'Deferred',
    superseded: 'Superseded',
  },
  stancesSummary: 'Stances',
  noStances: 'No stances recorded.',
  stanceColumns: { organization: 'Organization', stance: 'Stance', reason: 'Reason' },
  stances: {
    agree: 'Agree',
    agree_with_conditions: 'Agree with conditions',
    abstain: 'Abstention',
    object: 'Objection',
  },
  onBehalf: 'recorded by the facilitator on its behalf',
  notRecorded: 'No stance',
  guestNoStance: 'Guest (takes no stance)',
  hiddenStance: 'Recorded (hidden until the decision closes)',
  hiddenCount: (n) => `hidden until the decision closes: ${n}`,
  actions: 'Follow-up actions',
  noActions: 'No actions were recorded.',
  actionColumns: { action: 'Action', owner: 'Owner', due: 'Due date', status: 'Status', decision: 'Decision' },
  actionStatus: { open: 'Open', done: 'Done', cancelled: 'Cancelled' },
  overdue: 'overdue',
};

const LABELS: Record<ExportLang, ExportLabels> = { es, en };

/** The labels of one export language. */
export function exportLabels(lang: ExportLang): ExportLabels {
  return LABELS[lang];
}

export type OrganizationNames = Record<string, { name: string; acronym: string }>;

/** Short name of an organization for table cells: its acronym, else its name, else the raw id. */
export function orgShort(orgs: OrganizationNames, id: string | null | undefined, none: string): string {
  if (!id) return none;
  const org = orgs[id];
  return org ? org.acronym || org.name : id;
}

/** Full name of an organization with its acronym, e.g. "Fiscalía General de la República (FGR)". */
export function orgFull(orgs: OrganizationNames, id: string): string {
  const org = orgs[id];
  if (!org) return id;
  return org.acronym && org.acronym !== org.name ? `${org.name} (${org.acronym})` : org.name;
}

// The INEGI name of a state code (the same in both languages); exports read it from here.
export { stateName } from '../../shared/municipalities.js';

/** Looks a key up in a label table, falling back to the raw value for anything unknown (old data, new enums). */
export function labelOf<K extends string>(table: Record<K, string>, key: string | null | undefined, fallback: string): string {
  if (key == null || key === '') return fallback;
  return (table as Record<string, string>)[key] ?? key;
}
