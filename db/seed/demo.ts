/**
 * A realistic demo: the liaison office and Mexican federal, state and municipal agencies, two working
 * groups, plans with activities in several states, decisions with stances, an upcoming meeting and
 * comments. Passwords are generated and returned once; nothing is hard-coded.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Executor } from '../client.js';
import { comments, decisions, documents, meetings, memberships, notifications, organizations, stances, users, workspaces } from '../schema.js';
import { insertActivity, writeWorkPlanTemplate, type Activity } from '../../shared/planModel.js';
import type { MandateArea } from '../../shared/constants.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { writeInitialState } from '../../server/sync/documentStore.js';
import { newId } from '../../server/ids.js';
import { notifyStanceRequested } from '../../server/notifications/notify.js';

export interface DemoCredential {
  name: string;
  email: string;
  password: string;
  organization: string;
  role: string;
}

const ORGS = [
  { key: 'SSPC', name: 'Secretaría de Seguridad y Protección Ciudadana', level: 'federal' },
  { key: 'FGR', name: 'Fiscalía General de la República', level: 'federal' },
  { key: 'UIF', name: 'Unidad de Inteligencia Financiera', level: 'federal' },
  { key: 'INM', name: 'Instituto Nacional de Migración', level: 'federal' },
  { key: 'FGE-CHIS', name: 'Fiscalía General del Estado de Chiapas', level: 'state', stateCode: '07' },
  { key: 'FGE-CHIH', name: 'Fiscalía General del Estado de Chihuahua', level: 'state', stateCode: '08' },
  { key: 'PM-TAP', name: 'Policía Municipal de Tapachula', level: 'municipal', stateCode: '07' },
  { key: 'OSC-RED', name: 'Red de Albergues para Personas Migrantes', level: 'civil_society' },
] as const;

const PEOPLE: Array<{ name: string; org: (typeof ORGS)[number]['key'] }> = [
  { name: 'Lucía Hernández', org: 'SSPC' },
  { name: 'Jorge Ramírez', org: 'FGR' },
  { name: 'Mariana Ortiz', org: 'UIF' },
  { name: 'Andrés Velázquez', org: 'INM' },
  { name: 'Sofía Gómez', org: 'FGE-CHIS' },
  { name: 'Ricardo Chávez', org: 'FGE-CHIH' },
  { name: 'Elena Morales', org: 'PM-TAP' },
  { name: 'Tomás Díaz', org: 'OSC-RED' },
];

function password(): string {
  return randomBytes(12).toString('base64url');
}

function plan(activities: Array<Partial<Activity> & { id: string }>): Uint8Array {
  const doc = new Y.Doc();
  writeWorkPlanTemplate(doc, 'es');
  for (const a of activities) insertActivity(doc, a);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** Creates the demo data inside the caller's transaction; returns the demo accounts' credentials. */
export async function seedDemo(tx: Executor, admin: { id: string; organizationId: string }): Promise<DemoCredential[]> {
  const orgIds: Record<string, string> = {};
  // The admin's own agency may be one of the demo's (set up as "sspc", say): it is used, not made a second time.
  const [own] = await tx.select({ acronym: organizations.acronym }).from(organizations).where(eq(organizations.id, admin.organizationId));
  const sameAcronym = (a: string, b: string) => a.trim().toLocaleLowerCase('es') === b.trim().toLocaleLowerCase('es');
  for (const o of ORGS) {
    if (own && sameAcronym(own.acronym, o.key)) {
      orgIds[o.key] = admin.organizationId;
      continue;
    }
    orgIds[o.key] = newId('org');
    await tx.insert(organizations).values({ id: orgIds[o.key], name: o.name, acronym: o.key, level: o.level, stateCode: 'stateCode' in o ? o.stateCode : null });
  }
  const credentials: DemoCredential[] = [];
  const userIds: Record<string, string> = {};
  for (const p of PEOPLE) {
    const pw = password();
    const email = `${p.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, '.')}@demo.enlace.mx`;
    userIds[p.org] = newId('usr');
    await tx.insert(users).values({ id: userIds[p.org], email, name: p.name, passwordHash: await hashPassword(pw), organizationId: orgIds[p.org] });
    credentials.push({ name: p.name, email, password: pw, organization: p.org, role: '' });
  }

  const today = new Date();
  const iso = (days: number) => new Date(today.getTime() + days * 86400000).toISOString().slice(0, 10);
  const groups = [
    {
      name: 'Mesa de Trata de Personas y Tráfico Ilícito de Migrantes',
      description: 'Coordinación interinstitucional en la frontera sur y la frontera norte.',
      mandateAreas: ['trafficking_in_persons', 'migrant_smuggling'] as MandateArea[],
      members: [['SSPC', 'facilitator', true], ['FGR', 'member', true], ['INM', 'member', true], ['FGE-CHIS', 'member', true], ['FGE-CHIH', 'member', true], ['PM-TAP', 'member', true], ['OSC-RED', 'observer', false]] as const,
      activities: [
        { id: 'act-tdp-1', title: 'Capacitación en identificación de víctimas de trata', leadOrganizationId: orgIds['FGE-CHIS'], partnerOrganizationIds: [orgIds['PM-TAP']], mandateArea: 'trafficking_in_persons' as const, stateCodes: ['07'], municipalityCodes: ['07089'], startDate: iso(10), endDate: iso(40), status: 'planned' as const, target: 'Policías municipales de Tapachula', indicator: '60 elementos capacitados' },
        { id: 'act-tdp-2', title: 'Capacitacion sobre identificacion de victimas de trata de personas', leadOrganizationId: orgIds['INM'], partnerOrganizationIds: [], mandateArea: 'trafficking_in_persons' as const, stateCodes: ['07'], municipalityCodes: [], startDate: iso(20), endDate: iso(50), status: 'planned' as const, target: 'Policías municipales de Tapachula', indicator: '40 agentes capacitados' },
        { id: 'act-tdp-3', title: 'Operativo conjunto contra redes de tráfico de migrantes', leadOrganizationId: orgIds['FGR'], partnerOrganizationIds: [orgIds['SSPC'], orgIds['FGE-CHIH']], mandateArea: 'migrant_smuggling' as const, stateCodes: ['08'], municipalityCodes: ['08037'], startDate: iso(-20), endDate: iso(30), status: 'in_progress' as const, target: 'Redes de tráfico en Ciudad Juárez', indicator: 'Carpetas de investigación abiertas' },
        { id: 'act-tdp-4', title: 'Protocolo de atención a personas migrantes en albergues', leadOrganizationId: orgIds['OSC-RED'], partnerOrganizationIds: [orgIds['INM']], mandateArea: 'migrant_smuggling' as const, stateCodes: ['02', '26'], municipalityCodes: [], startDate: iso(-60), endDate: iso(-5), status: 'done' as const, target: 'Albergues de Tijuana y Nogales', indicator: 'Protocolo publicado' },
      ],
      decisions: [
        { title: 'Adoptar un protocolo común de identificación de víctimas', status: 'proposed', stances: [['SSPC', 'agree'], ['FGR', 'agree_with_conditions', 'Siempre que el protocolo incluya a las fiscalías estatales desde su diseño.'], ['INM', 'abstain', 'Lo consultará con su área jurídica antes de la próxima sesión.']] },
        { title: 'Calendario trimestral de operativos coordinados', status: 'agreed', stances: [['SSPC', 'agree'], ['FGR', 'agree'], ['FGE-CHIH', 'agree']] },
      ],
    },
    {
      name: 'Mesa de Lavado de Dinero',
      description: 'Inteligencia financiera y persecución de estructuras de lavado.',
      mandateAreas: ['money_laundering', 'corruption'] as MandateArea[],
      members: [['UIF', 'facilitator', true], ['FGR', 'member', true], ['SSPC', 'member', true], ['FGE-CHIH', 'member', true]] as const,
      activities: [
        { id: 'act-ld-1', title: 'Análisis de operaciones inusuales en el sector inmobiliario', leadOrganizationId: orgIds['UIF'], partnerOrganizationIds: [orgIds['FGR']], mandateArea: 'money_laundering' as const, stateCodes: ['09', '19'], municipalityCodes: [], startDate: iso(0), endDate: iso(90), status: 'in_progress' as const, target: 'Sector inmobiliario', indicator: 'Reportes de inteligencia' },
        { id: 'act-ld-2', title: 'Taller de investigación patrimonial para fiscalías estatales', leadOrganizationId: orgIds['FGR'], partnerOrganizationIds: [orgIds['FGE-CHIH']], mandateArea: 'money_laundering' as const, stateCodes: ['08'], municipalityCodes: [], startDate: iso(15), endDate: iso(16), status: 'planned' as const, target: 'Fiscalía de Chihuahua', indicator: '25 fiscales capacitados' },
      ],
      decisions: [{ title: 'Compartir tipologías de lavado entre fiscalías', status: 'proposed', stances: [['UIF', 'agree'], ['FGR', 'object', 'Las tipologías incluyen datos de investigaciones abiertas: primero hay que acordar cómo protegerlos.']] }],
    },
  ];

  for (const g of groups) {
    const wsId = newId('ws');
    await tx.insert(workspaces).values({ id: wsId, name: g.name, description: g.description, mandateAreas: g.mandateAreas, createdById: admin.id, decisionSeq: g.decisions.length });
    await tx.insert(memberships).values({ workspaceId: wsId, userId: admin.id, organizationId: admin.organizationId, role: 'facilitator' });
    for (const [org, role, focal] of g.members) {
      await tx.insert(memberships).values({ workspaceId: wsId, userId: userIds[org], organizationId: orgIds[org], role, focalPoint: focal });
    }
    const docId = newId('doc');
    await tx.insert(documents).values({ id: docId, workspaceId: wsId, title: 'Plan de trabajo conjunto 2027', createdById: admin.id });
    await writeInitialState(tx, docId, plan(g.activities));
    let ref = 0;
    for (const d of g.decisions) {
      const decisionId = newId('dec');
      await tx.insert(decisions).values({ id: decisionId, workspaceId: wsId, ref: ++ref, title: d.title, status: d.status, documentId: docId, createdById: userIds[g.members[0][0]], closedAt: d.status === 'proposed' ? null : new Date() });
      for (const [org, stance, reason] of d.stances) {
        await tx.insert(stances).values({ decisionId, organizationId: orgIds[org], stance, reason: reason ?? '', castById: userIds[org] });
      }
      // Agencies taking part that have not answered an open proposal are asked, as a proposal made in the app asks them.
      if (d.status === 'proposed') {
        const answered = new Set(d.stances.map(([org]) => orgIds[org]));
        const asked = [admin.organizationId, ...g.members.filter(([, role]) => role !== 'observer').map(([org]) => orgIds[org])].filter((id) => !answered.has(id));
        await notifyStanceRequested(tx, { id: decisionId, workspaceId: wsId, createdById: userIds[g.members[0][0]], ref: `D-${ref}`, title: d.title }, undefined, [...new Set(asked)]);
      }
    }
    await tx.insert(meetings).values({
      id: newId('mtg'),
      workspaceId: wsId,
      title: 'Sesión ordinaria de la mesa',
      startsAt: new Date(today.getTime() + 7 * 86400000),
      agenda: [{ title: 'Seguimiento de acuerdos', minutes: 20 }, { title: 'Revisión del plan de trabajo', minutes: 40 }, { title: 'Asuntos generales', minutes: 15 }],
      createdById: admin.id,
    });
    const commentId = newId('cmt');
    const author = g.members[1][0];
    await tx.insert(comments).values({
      id: commentId,
      documentId: docId,
      workspaceId: wsId,
      threadId: commentId,
      authorId: userIds[author],
      organizationId: orgIds[author],
      body: `¿Podemos coordinar esta actividad con @${g.members[0][0]} para no duplicar esfuerzos?`,
      anchor: { type: 'activity', activityId: g.activities[0].id },
      mentions: { userIds: [], organizationIds: [orgIds[g.members[0][0]]] },
    });
    // The mentioned agency's person hears of it, as they would of a comment written in the app: a newcomer's inbox
    // shows what the inbox is for.
    await tx.insert(notifications).values({
      id: newId('ntf'),
      userId: userIds[g.members[0][0]],
      workspaceId: wsId,
      kind: 'mention',
      target: { type: 'comment', documentId: docId, commentId, threadId: commentId, actorId: userIds[author], via: 'organization' },
    });
  }
  for (const c of credentials) {
    const inGroups = groups.flatMap((g) => g.members.filter(([org]) => org === c.organization).map(([, role]) => role));
    c.role = [...new Set(inGroups)].join(', ');
  }
  return credentials;
}
