import { describe, expect, it } from 'vitest';
import { minutesToDocx, minutesToMarkdown, minutesToPdf, minutesToPdfWithPages, stanceCounts, type MinutesInput } from './minutesExport.js';
import { countPdfPages, pdfShownRuns, readZipEntry, SAMPLE_ORGS } from './testSupport.js';

function minutesInput(overrides: Partial<MinutesInput> = {}): MinutesInput {
  return {
    lang: 'es',
    workspaceName: 'Mesa Occidente',
    meeting: {
      title: 'Tercera sesión ordinaria',
      startsAt: new Date('2025-04-10T16:00:00Z'),
      startedAt: new Date('2025-04-10T16:05:00Z'),
      closedAt: new Date('2025-04-10T18:00:00Z'),
      agenda: [{ title: 'Bienvenida', minutes: 10 }, { title: 'Revisión del plan' }],
    },
    attendance: [{ organizationId: 'uif' }, { organizationId: 'fgr' }, { organizationId: 'unodc' }],
    organizations: SAMPLE_ORGS,
    decisions: [
      {
        ref: 'D-1',
        title: 'Adoptar el plan de trabajo',
        status: 'agreed',
        body: 'Se adopta el plan.\n\nCon revisión trimestral.',
        stances: [
          { organizationId: 'fgr', stance: 'agree', reason: null, onBehalf: false },
          { organizationId: 'uif', stance: 'agree_with_conditions', reason: 'Sujeto a presupuesto', onBehalf: false },
          { organizationId: 'unodc', stance: 'object', reason: 'Falta un indicador', onBehalf: true },
        ],
      },
      { ref: 'D-2', title: 'Crear subgrupo técnico', status: 'deferred', body: null, stances: [] },
    ],
    actions: [
      { title: 'Circular el plan firmado', ownerOrganizationId: 'fgr', dueDate: '2025-04-30', status: 'open', decisionRef: 'D-1' },
      { title: 'Proponer indicador', ownerOrganizationId: 'unodc', dueDate: null, status: 'done' },
    ],
    ...overrides,
  };
}

describe('stanceCounts', () => {
  it('counts every stance, zero included', () => {
    expect(stanceCounts(minutesInput().decisions[0].stances)).toEqual({ agree: 1, agree_with_conditions: 1, abstain: 0, object: 1 });
  });
});

describe('minutesToMarkdown', () => {
  it('renders the header, agenda and attendance by organization in Spanish', () => {
    const md = minutesToMarkdown(minutesInput());
    expect(md.startsWith('# Minuta: Tercera sesión ordinaria\n')).toBe(true);
    expect(md).toContain('**Mesa de trabajo:** Mesa Occidente');
    expect(md).toContain('**Convocada para:** 10 de abril de 2025');
    expect(md).toContain('**Cierre:** 10 de abril de 2025');
    expect(md).toContain('## Orden del día\n\n1. Bienvenida (10 min)\n2. Revisión del plan');
    expect(md).toContain('## Asistencia\n\n3 instituciones presentes');
    // Attendance is listed by organization name, alphabetically.
    expect(md).toContain(
      '- Fiscalía General de la República (FGR)\n- Oficina de las Naciones Unidas contra la Droga y el Delito (UNODC)\n- Unidad de Inteligencia Financiera (UIF)',
    );
  });

  it('summarizes stances per decision, by count and by organization', () => {
    const md = minutesToMarkdown(minutesInput());
    expect(md).toContain('### D-1 — Adoptar el plan de trabajo');
    expect(md).toContain('**Estado:** Acordada');
    expect(md).toContain('Se adopta el plan.\n\nCon revisión trimestral.');
    expect(md).toContain('**Posturas:** De acuerdo: 1 · De acuerdo con condiciones: 1 · Abstención: 0 · Objeción: 1');
    expect(md).toContain('| Institución | Postura | Motivo |');
    expect(md).toContain('| Unidad de Inteligencia Financiera (UIF) | De acuerdo con condiciones | Sujeto a presupuesto |');
    expect(md).toContain(
      '| Oficina de las Naciones Unidas contra la Droga y el Delito (UNODC) | Objeción | Falta un indicador *(registrada por la facilitación en su nombre)* |',
    );
    // A decision without stances still lists who was present.
    expect(md).toContain('### D-2 — Crear subgrupo técnico');
    expect(md).toContain('**Estado:** Aplazada');
    expect(md).toContain('**Posturas:** De acuerdo: 0 · De acuerdo con condiciones: 0 · Abstención: 0 · Objeción: 0');
    expect(md).toContain('| Fiscalía General de la República (FGR) | Sin postura | — |');
  });

  it('lists a guest agency (attending, not in the group) as taking no stance, in both languages', () => {
    // FGR attended as a guest: the group's organizations were UIF and UNODC when the meeting closed.
    const input = minutesInput({ memberOrganizationIds: ['uif', 'unodc'] });
    const md = minutesToMarkdown(input);
    expect(md).toContain('| Fiscalía General de la República (FGR) | Invitada (no emite postura) | — |');
    expect(md).not.toContain('| Fiscalía General de la República (FGR) | Sin postura | — |');
    // A stance it did record (D-1) still shows as recorded.
    expect(md).toContain('| Fiscalía General de la República (FGR) | De acuerdo | — |');
    expect(minutesToMarkdown({ ...input, lang: 'en' })).toContain('| Fiscalía General de la República (FGR) | Guest (takes no stance) | — |');
  });

  it('lists follow-up actions with owner, due date, status and decision', () => {
    const md = minutesToMarkdown(minutesInput());
    expect(md).toContain('## Acciones de seguimiento');
    // Due dates are written out like every other date; statuses use the web app's words.
    expect(md).toContain('| Circular el plan firmado | FGR | 30 de abril de 2025 | Abierta | D-1 |');
    expect(md).toContain('| Proponer indicador | UNODC | — | Hecha | — |');
  });

  it('flags an open action whose due date had passed when the meeting closed', () => {
    const input = minutesInput();
    input.actions = [
      { title: 'Enviar oficio', ownerOrganizationId: 'fgr', dueDate: '2025-04-01', status: 'open', decisionRef: 'D-1' },
      { title: 'Revisar oficio', ownerOrganizationId: 'fgr', dueDate: '2025-04-01', status: 'done', decisionRef: 'D-1' },
    ];
    const md = minutesToMarkdown(input);
    expect(md).toContain('| Enviar oficio | FGR | 1 de abril de 2025 | Abierta (vencida) | D-1 |');
    expect(md).toContain('| Revisar oficio | FGR | 1 de abril de 2025 | Hecha | D-1 |');
    expect(minutesToMarkdown({ ...input, lang: 'en' })).toContain('| Enviar oficio | FGR | April 1, 2025 | Open (overdue) | D-1 |');
  });

  it('renders English labels', () => {
    const md = minutesToMarkdown(minutesInput({ lang: 'en' }));
    expect(md.startsWith('# Minutes: Tercera sesión ordinaria\n')).toBe(true);
    expect(md).toContain('**Working group:** Mesa Occidente');
    expect(md).toContain('**Scheduled for:** April 10, 2025');
    expect(md).toContain('## Agenda');
    expect(md).toContain('## Attendance\n\n3 organizations present');
    expect(md).toContain('## Decisions');
    expect(md).toContain('**Status:** Agreed');
    expect(md).toContain('**Stances:** Agree: 1 · Agree with conditions: 1 · Abstention: 0 · Objection: 1');
    expect(md).toContain('*(recorded by the facilitator on its behalf)*');
    expect(md).toContain('| No stance |');
    expect(md).toContain('## Follow-up actions');
    expect(md).toContain('| Circular el plan firmado | FGR | April 30, 2025 | Open | D-1 |');
  });

  it('marks draft minutes and empty sections', () => {
    const md = minutesToMarkdown(
      minutesInput({
        meeting: { title: 'Sesión', startsAt: new Date('2025-04-10T16:00:00Z'), closedAt: null, agenda: [] },
        attendance: [],
        decisions: [],
        actions: [],
      }),
    );
    expect(md).toContain('**Cierre:** Reunión no cerrada: minuta preliminar');
    expect(md).not.toContain('**Inicio:**');
    expect(md).toContain('Sin puntos en el orden del día.');
    expect(md).toContain('No se registró asistencia.');
    expect(md).toContain('No se registraron decisiones.');
    expect(md).toContain('No se registraron acciones.');
  });
});

describe('minutesToDocx', () => {
  it('is a Word zip holding the decisions, stances and attendance', async () => {
    const buf = await minutesToDocx(minutesInput());
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = readZipEntry(buf, 'word/document.xml') ?? '';
    expect(xml).toContain('Minuta: Tercera sesión ordinaria');
    expect(xml).toContain('D-1 — Adoptar el plan de trabajo');
    expect(xml).toContain('De acuerdo: 1 · De acuerdo con condiciones: 1 · Abstención: 0 · Objeción: 1');
    expect(xml).toContain('Unidad de Inteligencia Financiera (UIF)');
    expect(xml).toContain('Circular el plan firmado');
  });
});

describe('minutesToPdf', () => {
  it('is a PDF, and many decisions give more pages', async () => {
    const buf = await minutesToPdf(minutesInput());
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const many = minutesInput({
      decisions: Array.from({ length: 60 }, (_, i) => ({ ...minutesInput().decisions[0], ref: `D-${i + 1}` })),
    });
    const short = await minutesToPdfWithPages(minutesInput());
    const long = await minutesToPdfWithPages(many);
    expect(countPdfPages(long.buffer)).toBe(long.pageCount);
    expect(long.pageCount).toBeGreaterThan(short.pageCount);
  }, 60_000);

  it('shows emoji of the agenda and of a stance in the emoji font, not as "?"', async () => {
    const input = minutesInput({ meeting: { ...minutesInput().meeting, agenda: [{ title: '🚨 Alerta en la frontera 🇲🇽' }] } });
    input.decisions[0].stances[1].reason = 'Sujeto a presupuesto 👍';
    const runs = pdfShownRuns(await minutesToPdf(input));
    const emoji = runs.filter((r) => /^[A-Z]{6}\+NotoEmoji-Regular$/.test(r.font)).map((r) => r.text);
    expect(emoji).toEqual(expect.arrayContaining(['🚨', '🇲🇽', '👍']));
    const shown = runs.map((r) => r.text).join('');
    expect(shown).toContain('🚨 Alerta en la frontera 🇲🇽');
    expect(shown).toContain('Sujeto a presupuesto 👍');
  });
});
