import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getBody, writeWorkPlanTemplate } from '../../shared/planModel.js';
import { bodyBlocks, type Block } from '../../shared/planBlocks.js';
import { planToDocx, planToMarkdown, planToPdf, planToPdfWithPages, type PlanExportInput } from './planExport.js';
import { countPdfPages, readZipEntry, SAMPLE_ORGS, sampleActivity } from './testSupport.js';

function templateBlocks(lang: 'es' | 'en'): Block[] {
  const doc = new Y.Doc();
  writeWorkPlanTemplate(doc, lang);
  return bodyBlocks(getBody(doc));
}

function planInput(overrides: Partial<PlanExportInput> = {}): PlanExportInput {
  return {
    title: 'Plan de trabajo 2025 contra el lavado de dinero',
    lang: 'es',
    generatedAt: new Date('2025-03-05T20:30:00Z'),
    versionName: 'Versión para firma',
    workspaceName: 'Mesa Occidente',
    blocks: [
      ...templateBlocks('es'),
      { type: 'paragraph', runs: [{ text: 'Ver ' }, { text: 'guía', href: 'https://www.gob.mx/uif' }, { text: ' y ' }, { text: 'anexo', bold: true }] },
      { type: 'list', ordered: true, items: [[{ type: 'paragraph', runs: [{ text: 'Primer acuerdo' }] }]] },
    ],
    activities: [
      sampleActivity({ id: 'a1' }),
      sampleActivity({
        id: 'a2',
        title: 'Operativo | coordinado',
        leadOrganizationId: 'fgr',
        partnerOrganizationIds: ['desconocida'],
        mandateArea: 'firearms_trafficking',
        stateCodes: ['09', '99'],
        status: 'planned',
      }),
    ],
    organizations: SAMPLE_ORGS,
    approvals: [
      { organizationId: 'uif', userName: 'Ana Ruiz', at: new Date('2025-03-01T16:00:00Z') },
      { organizationId: 'uif', userName: 'Luis Pérez', at: new Date('2025-03-04T17:15:00Z') },
    ],
    participatingOrganizationIds: ['fgr', 'uif', 'unodc'],
    ...overrides,
  };
}

function longPlan(): PlanExportInput {
  const paragraphs: Block[] = Array.from({ length: 300 }, (_, i) => ({
    type: 'paragraph',
    runs: [{ text: `Párrafo ${i + 1}. ` + 'Las instituciones coordinarán sus acciones en el territorio. '.repeat(4) }],
  }));
  const activities = Array.from({ length: 100 }, (_, i) => sampleActivity({ id: `x${i}`, title: `Actividad número ${i + 1}` }));
  return planInput({ blocks: [...templateBlocks('es'), ...paragraphs], activities });
}

describe('planToMarkdown', () => {
  it('renders the title page, body, activities and sign-off in Spanish', () => {
    const md = planToMarkdown(planInput());
    expect(md.startsWith('# Plan de trabajo 2025 contra el lavado de dinero\n')).toBe(true);
    expect(md).toContain('**Mesa de trabajo:** Mesa Occidente');
    expect(md).toContain('**Versión:** Versión para firma');
    expect(md).toContain('5 de marzo de 2025');
    expect(md).toContain('## Objetivos');
    expect(md).toContain('Ver [guía](<https://www.gob.mx/uif>) y **anexo**');
    expect(md).toContain('1. Primer acuerdo');
    expect(md).toContain('## Tabla de actividades');
    expect(md).toContain('| Actividad | Institución líder | Instituciones aliadas | Ámbito del mandato | Entidades federativas | Fechas | Estado |');
    const row = md.split('\n').find((l) => l.includes('Taller de análisis financiero')) ?? '';
    expect(row).toContain('| UIF | FGR, UNODC | Lavado de dinero | Jalisco, Nuevo León<br>Municipios: Guadalajara (14039) | 2025-03-01 – 2025-06-30 | En curso |');
    expect(row).toContain('<br>Meta: 40 personas capacitadas');
    // A pipe in a cell is escaped; unknown organizations and state codes are shown as they are.
    const second = md.split('\n').find((l) => l.includes('Operativo')) ?? '';
    expect(second).toContain('**Operativo \\| coordinado**');
    expect(second).toContain('| FGR | desconocida | Tráfico de armas de fuego | Ciudad de México, 99');
    expect(second).toContain('| Planeada |');
  });

  it('lists every participating organization in the sign-off table with its latest approval', () => {
    const md = planToMarkdown(planInput());
    expect(md).toContain('## Aprobación de las instituciones');
    expect(md).toContain('| Unidad de Inteligencia Financiera (UIF) | Sí | Luis Pérez | 2025-03-04 11:15 |');
    expect(md).toContain('| Fiscalía General de la República (FGR) | Pendiente | — | — |');
    expect(md).toContain('| Oficina de las Naciones Unidas contra la Droga y el Delito (UNODC) | Pendiente | — | — |');
  });

  it('renders English labels', () => {
    const md = planToMarkdown(planInput({ lang: 'en', versionName: undefined, blocks: templateBlocks('en') }));
    expect(md).toContain('**Working group:** Mesa Occidente');
    expect(md).toContain('**Version:** Current draft');
    expect(md).toContain('March 5, 2025');
    expect(md).toContain('## Objectives');
    expect(md).toContain('## Activities table');
    expect(md).toContain('| Activity | Lead organization | Partner organizations | Mandate area | States | Dates | Status |');
    expect(md).toContain('| Money laundering |');
    expect(md).toContain('| In progress |');
    expect(md).toContain('| Firearms trafficking |');
    expect(md).toContain('## Sign-off');
    expect(md).toContain('| Fiscalía General de la República (FGR) | Pending | — | — |');
    expect(md).toContain('Target: 40 personas capacitadas');
  });

  it('says so when the plan has no activities', () => {
    expect(planToMarkdown(planInput({ activities: [] }))).toContain('El plan no tiene actividades registradas.');
    expect(planToMarkdown(planInput({ lang: 'en', activities: [] }))).toContain('The plan has no activities recorded.');
  });

  it('escapes text that Markdown would otherwise interpret', () => {
    const md = planToMarkdown(
      planInput({ blocks: [{ type: 'paragraph', runs: [{ text: '# no es título *ni* [enlace]\n- ni lista' }] }] }),
    );
    expect(md).toContain('\\# no es título \\*ni\\* \\[enlace\\]\\\n\\- ni lista');
  });
});

describe('planToDocx', () => {
  it('is a Word zip whose document holds the title, body, activities and sign-off', async () => {
    const buf = await planToDocx(planInput({ title: 'Plan A & B <2025>' }));
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = readZipEntry(buf, 'word/document.xml') ?? '';
    expect(xml).toContain('Plan A &amp; B &lt;2025&gt;');
    expect(xml).toContain('Objetivos');
    expect(xml).toContain('Taller de análisis financiero');
    expect(xml).toContain('Nuevo León');
    expect(xml).toContain('Lavado de dinero');
    expect(xml).toContain('UNODC');
    expect(xml).toContain('Luis Pérez');
    expect(xml).toContain('Pendiente');
    expect(xml).toContain('<w:tblHeader');
    const footers = ['word/footer1.xml', 'word/footer2.xml'].map((f) => readZipEntry(buf, f) ?? '').join('');
    expect(footers).toContain('Página');
    expect(footers).toMatch(/PAGE/);
    expect(readZipEntry(buf, 'word/_rels/document.xml.rels')).toContain('https://www.gob.mx/uif');
  });

  it('indents a list inside a quote by the quote’s indent as well as its own', async () => {
    const item = (text: string): Block[] => [{ type: 'paragraph', runs: [{ text }] }];
    const blocks: Block[] = [
      { type: 'list', ordered: false, items: [item('Fuera de la cita')] },
      { type: 'quote', blocks: [{ type: 'list', ordered: true, items: [item('Dentro de la cita')] }] },
    ];
    const xml = readZipEntry(await planToDocx(planInput({ blocks })), 'word/document.xml') ?? '';
    const paragraphOf = (text: string) => xml.split('<w:p>').find((p) => p.includes(text)) ?? xml.split(/<w:p[ >]/).find((p) => p.includes(text)) ?? '';
    expect(paragraphOf('Dentro de la cita')).toMatch(/<w:ind w:left="1287" w:hanging="360"\/>/);
    expect(paragraphOf('Fuera de la cita')).not.toContain('<w:ind');
  });

  it('uses English labels and survives control characters', async () => {
    const buf = await planToDocx(planInput({ lang: 'en', title: 'Plan\u0007 with bell' }));
    const xml = readZipEntry(buf, 'word/document.xml') ?? '';
    expect(xml).toContain('Plan with bell');
    expect(xml).toContain('Activities');
    expect(xml).toContain('Sign-off');
    expect(xml).toContain('Money laundering');
  });
});

describe('planToPdf', () => {
  it('is a PDF with numbered pages and survives characters Helvetica cannot show', async () => {
    const buf = await planToPdf(planInput({ title: 'Plan → 2025 😀 “final”' }));
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(buf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(countPdfPages(buf)).toBeGreaterThanOrEqual(2); // title page + content
  });

  it('breaks a long plan across many pages', async () => {
    const short = await planToPdfWithPages(planInput());
    const long = await planToPdfWithPages(longPlan());
    expect(countPdfPages(short.buffer)).toBe(short.pageCount);
    expect(countPdfPages(long.buffer)).toBe(long.pageCount);
    expect(long.pageCount).toBeGreaterThan(short.pageCount + 10);
  }, 60_000);
});
