/** Reading a spreadsheet's rows into plan activities: delimiters, quoting, headers, and each kind of cell. */
import { describe, expect, it } from 'vitest';
import { readActivityTable, readDate, type ImportReading, type ImportVocabulary } from './activityImport.js';
import { csvCell, parseDelimited, rowsAsTsv, sniffDelimiter } from './delimitedText.js';

const activitiesOf = (reading: ImportReading) => reading.rows.map((r) => r.activity);

const vocabulary: ImportVocabulary = {
  organizations: [
    { id: 'org-fgr', acronym: 'FGR', name: 'Fiscalía General de la República' },
    { id: 'org-inm', acronym: 'INM', name: 'Instituto Nacional de Migración' },
    { id: 'org-old', acronym: 'PGR', name: 'Procuraduría General de la República', active: false },
  ],
  fieldLabels: [
    ['title', 'Actividad'],
    ['leadOrganizationId', 'Institución líder'],
    ['stateCodes', 'Entidades'],
    ['status', 'Estado'],
    ['status', 'Status'],
  ],
  mandateAreaLabels: [
    ['trafficking_in_persons', 'Trata de personas'],
    ['migrant_smuggling', 'Tráfico ilícito de migrantes'],
  ],
  statusLabels: [
    ['planned', 'Planeada'],
    ['in_progress', 'En curso'],
    ['done', 'Concluida'],
    ['in_progress', 'In progress'],
  ],
};

describe('delimited text', () => {
  it('finds the delimiter of the first line and reads quoted cells with delimiters, quotes and line breaks', () => {
    expect(sniffDelimiter('a\tb;c\td')).toBe('\t');
    expect(sniffDelimiter('Actividad;Meta;Inicio\n"x,y";z;w')).toBe(';');
    expect(sniffDelimiter('"a;b",c')).toBe(',');
    expect(parseDelimited('\uFEFFTítulo,Meta\r\n"Talleres, fase 1","Dijo ""sí""\nen mayo"\r\nOtra,\r\n')).toEqual([
      ['Título', 'Meta'],
      ['Talleres, fase 1', 'Dijo "sí"\nen mayo'],
      ['Otra', ''],
    ]);
  });

  it('writes rows as tab-separated text that reads back as they were', () => {
    const rows = [['Actividad, fase 1; norte'], [], ['Dijo "sí"\ten\nmayo', '', '=1+1'], ['a', 'b']];
    // The first line is padded so its tabs name the delimiter.
    expect(parseDelimited(rowsAsTsv(rows))).toEqual([['Actividad, fase 1; norte', '', ''], [''], ['Dijo "sí"\ten\nmayo', '', '=1+1'], ['a', 'b']]);
  });

  it('reads dates as people type them, day first', () => {
    expect(['2027-03-31', '31/03/2027', '1/3/2027', '31-03-2027', '2027/3/1', '2027-03-31 00:00:00'].map(readDate)).toEqual([
      '2027-03-31',
      '2027-03-31',
      '2027-03-01',
      '2027-03-31',
      '2027-03-01',
      '2027-03-31',
    ]);
    expect(['31/02/2027', '03/31/2027', 'marzo', '2027'].map(readDate)).toEqual([null, null, null, null]);
  });
});

describe('readActivityTable', () => {
  it('reads rows pasted from a Spanish spreadsheet: names, acronyms, codes and labels, each cell it cannot read reported', () => {
    const pasted = [
      'Actividad\tInstitución líder\tSocios\tÁmbito\tEntidades\tMunicipios\tInicio\tFin\tEstado\tMeta\tColor',
      'Talleres en albergues\tFGR\tINM; Fiscalía General de la República\tTrata de personas\tChiapas\tTapachula; 7087\t01/03/2027\t30/06/2027\tEn curso\t60 agentes\tazul',
      'Operativo conjunto\tSSPC\tPGR\tHuachicol\tCDMX, Veracruz, Narnia\tJuárez\t2027-13-01\t\tPendiente\t\t',
      '\t\t\t\t\t\t\t\t\t\t',
      '\tFGR\t\t\t\t\t\t\t\t\t',
      'Mesa binacional\t\t\ttrafficking_in_persons\t\tCuauhtémoc (09015)\t01/06/2027\t01/05/2027\tconcluida\t\t',
    ].join('\n');
    const reading = readActivityTable(parseDelimited(pasted), vocabulary);
    expect(reading.columns.map((c) => c.field)).toEqual([
      'title', 'leadOrganizationId', 'partnerOrganizationIds', 'mandateArea', 'stateCodes', 'municipalityCodes', 'startDate', 'endDate', 'status', 'target', null,
    ]);
    expect(activitiesOf(reading)).toEqual([
      {
        title: 'Talleres en albergues',
        description: '',
        leadOrganizationId: 'org-fgr',
        partnerOrganizationIds: ['org-inm', 'org-fgr'],
        mandateArea: 'trafficking_in_persons',
        stateCodes: ['07'],
        municipalityCodes: ['07089', '07087'],
        startDate: '2027-03-01',
        endDate: '2027-06-30',
        status: 'in_progress',
        target: '60 agentes',
        indicator: '',
      },
      expect.objectContaining({ title: 'Operativo conjunto', leadOrganizationId: null, partnerOrganizationIds: [], mandateArea: null, stateCodes: ['09', '30'], municipalityCodes: [], startDate: null, status: 'planned' }),
      // A municipality's state is added; an end before the start is left out.
      expect.objectContaining({ title: 'Mesa binacional', mandateArea: 'trafficking_in_persons', stateCodes: ['09'], municipalityCodes: ['09015'], startDate: '2027-06-01', endDate: null, status: 'done' }),
    ]);
    expect(reading.problems).toEqual([
      { line: 3, kind: 'unknownOrganization', field: 'leadOrganizationId', value: 'SSPC' },
      { line: 3, kind: 'inactiveOrganization', field: 'partnerOrganizationIds', value: 'PGR' },
      { line: 3, kind: 'unknownMandateArea', field: 'mandateArea', value: 'Huachicol' },
      { line: 3, kind: 'unknownState', field: 'stateCodes', value: 'Narnia' },
      // Not in Mexico City or Veracruz (Juárez is in Chihuahua, Nuevo León, Chiapas…).
      { line: 3, kind: 'unknownMunicipality', field: 'municipalityCodes', value: 'Juárez' },
      { line: 3, kind: 'badDate', field: 'startDate', value: '2027-13-01' },
      { line: 3, kind: 'unknownStatus', field: 'status', value: 'Pendiente' },
      { line: 5, kind: 'noTitle', field: 'title', value: 'FGR' },
      { line: 6, kind: 'endBeforeStart', field: 'endDate', value: '2027-06-01 > 2027-05-01' },
    ]);
  });

  it('reads Enlace’s own matrix CSV back (English headers, HXL hashtag row, ids left out)', () => {
    const csv = [
      'Workspace,Document,Activity id,Activity,Lead organization,Partner organizations,Mandate area,States,Municipalities,Start,End,Status',
      '#group+workspace+id,#meta+document+id,#activity+id,#activity+name,#org+lead,#org+partner,#sector,#adm1+code,#adm2+code,#date+start,#date+end,#status',
      'ws_1,doc_1,a1,"Border training, phase 2",INM,FGR;INM,migrant_smuggling,07;27,07089;27004,2027-01-10,2027-02-10,in_progress',
      // The export neutralized a title a spreadsheet would run as a formula; it comes back as written.
      `ws_1,doc_1,a2,${csvCell('=SUM(A1) -fase 2')},,,,,,,,planned`,
    ].join('\r\n');
    const reading = readActivityTable(parseDelimited(csv), vocabulary);
    expect(reading.problems).toEqual([]);
    expect(activitiesOf(reading)).toEqual([
      {
        title: 'Border training, phase 2',
        description: '',
        leadOrganizationId: 'org-inm',
        partnerOrganizationIds: ['org-fgr', 'org-inm'],
        mandateArea: 'migrant_smuggling',
        stateCodes: ['07', '27'],
        municipalityCodes: ['07089', '27004'],
        startDate: '2027-01-10',
        endDate: '2027-02-10',
        status: 'in_progress',
        target: '',
        indicator: '',
      },
      expect.objectContaining({ title: '=SUM(A1) -fase 2', status: 'planned' }),
    ]);
    expect(csvCell('=SUM(A1) -fase 2')).toBe("'=SUM(A1) -fase 2");
  });

  it('takes «Estado» as the states when its cells are states, and a name several municipalities share as ambiguous', () => {
    const reading = readActivityTable(parseDelimited('Título;Estado;Municipio\nA;Chihuahua;Juárez\nB;Nuevo León, Chiapas;Juárez\nC;;Juárez'), vocabulary);
    expect(reading.columns.map((c) => c.field)).toEqual(['title', 'stateCodes', 'municipalityCodes']);
    expect(activitiesOf(reading).map((a) => a.municipalityCodes)).toEqual([['08037'], [], []]);
    expect(reading.problems.map((p) => [p.line, p.kind])).toEqual([
      [3, 'ambiguousMunicipality'],
      [4, 'ambiguousMunicipality'],
    ]);
  });

  it('finds the header row under a sheet’s title block, and counts lines as the sheet numbers its rows', () => {
    const rows = [['Mesa de trata — plan de trabajo 2027'], ['Actualizado: marzo'], [], ['Actividad', 'Entidades', 'Inicio'], ['Taller', 'Chiapas', '31/02/2027'], [], ['Operativo', 'Narnia', '']];
    const reading = readActivityTable(rows, vocabulary);
    expect(reading.columns.map((c) => [c.header, c.field])).toEqual([
      ['Actividad', 'title'],
      ['Entidades', 'stateCodes'],
      ['Inicio', 'startDate'],
    ]);
    expect(activitiesOf(reading).map((a) => [a.title, a.stateCodes])).toEqual([
      ['Taller', ['07']],
      ['Operativo', []],
    ]);
    expect(reading.problems.map((p) => [p.line, p.kind, p.value])).toEqual([
      [5, 'badDate', '31/02/2027'],
      [7, 'unknownState', 'Narnia'],
    ]);
    // No row names an activity column: the first row is the header, and the preview says so.
    expect(readActivityTable([['Plan'], ['Entidades'], ['Chiapas']], vocabulary).columns).toEqual([{ header: 'Plan', field: null }]);
  });

  it('leaves out the notes and totals under the table, after a blank row, and lists each with its line and text', () => {
    const rows = [
      ['Actividad', 'Entidades', 'Inicio', 'Presupuesto'],
      ['Taller', 'Chiapas', '01/03/2027', '100'],
      ['Operativo', 'Sonora', '', '50'],
      [],
      ['Nota: cifras preliminares (señaladas con *)'],
      // Only in a column the import leaves out: a total.
      ['', '', '', '150'],
      ['Fuente: mesa técnica, con datos de las fiscalías de los estados y de la federación, corte al 31 de marzo de 2027'],
    ];
    const reading = readActivityTable(rows, vocabulary);
    expect(activitiesOf(reading).map((a) => a.title)).toEqual(['Taller', 'Operativo']);
    expect(reading.problems).toEqual([]);
    expect(reading.notes).toEqual([
      { line: 5, text: 'Nota: cifras preliminares (señaladas con *)' },
      { line: 6, text: '150' },
      { line: 7, text: 'Fuente: mesa técnica, con datos de las fiscalías de los estados y de la federac…' },
    ]);
    expect(reading.notes[2].text).toHaveLength(80);
  });

  it('keeps the rows of a table with a gap, a title-only row right under the table, and any title with another field', () => {
    const rows = [
      ['Actividad', 'Entidades', 'Inicio'],
      ['Taller', 'Chiapas', ''],
      [],
      // After a blank row, but with a state: an activity, and so are the rows it has above it.
      ['Operativo', 'Sonora', ''],
      ['Mesa técnica'],
      [],
      ['', '', ''],
      ['Foro regional', '', '01/06/2027'],
      [],
      ['Nota: sin fechas aún'],
    ];
    const reading = readActivityTable(rows, vocabulary);
    expect(activitiesOf(reading).map((a) => a.title)).toEqual(['Taller', 'Operativo', 'Mesa técnica', 'Foro regional']);
    expect(reading.notes).toEqual([{ line: 10, text: 'Nota: sin fechas aún' }]);
    // A table of titles only has no row to tell a note from: nothing is left out.
    expect(readActivityTable([['Actividad'], ['Taller'], [], ['Nota']], vocabulary).notes).toEqual([]);
    expect(activitiesOf(readActivityTable([['Actividad'], ['Taller'], [], ['Nota']], vocabulary)).map((a) => a.title)).toEqual(['Taller', 'Nota']);
    // A row without a title above the table's last data row is still told as a row without a title, not as a note.
    expect(readActivityTable([['Actividad', 'Entidades', 'Inicio'], ['Taller', 'Chiapas'], [], ['', '', '01/06/2027'], ['Foro', 'Sonora']], vocabulary).problems).toEqual([
      { line: 4, kind: 'noTitle', field: 'title', value: '01/06/2027' },
    ]);
  });

  it('reports a formula’s error (#DIV/0!, Err:502) as a value it could not read, by line and field, and leaves the field empty', () => {
    const rows = [
      ['Actividad', 'Entidades', 'Inicio', 'Meta', 'Estado'],
      ['Taller', 'Chiapas', '#N/A', '#DIV/0!', 'En curso'],
      ['Operativo', 'Err:502', '01/03/2027', '#¡VALOR!', '#REF!'],
      ['#NAME?', 'Sonora', '', '', ''],
      // Text that merely starts like one is text.
      ['Foro', '', '', '#DIV/0! en la hoja anterior', 'Concluida'],
    ];
    const reading = readActivityTable(rows, vocabulary);
    // An error in «Estado» counts for neither reading of the column.
    expect(reading.columns.map((c) => c.field)).toEqual(['title', 'stateCodes', 'startDate', 'target', 'status']);
    expect(activitiesOf(reading).map((a) => [a.title, a.stateCodes, a.startDate, a.target, a.status])).toEqual([
      ['Taller', ['07'], null, '', 'in_progress'],
      ['Operativo', [], '2027-03-01', '', 'planned'],
      ['Foro', [], null, '#DIV/0! en la hoja anterior', 'done'],
    ]);
    expect(reading.problems).toEqual([
      { line: 2, kind: 'formulaError', field: 'startDate', value: '#N/A' },
      { line: 2, kind: 'formulaError', field: 'target', value: '#DIV/0!' },
      { line: 3, kind: 'formulaError', field: 'stateCodes', value: 'Err:502' },
      { line: 3, kind: 'formulaError', field: 'status', value: '#REF!' },
      { line: 3, kind: 'formulaError', field: 'target', value: '#¡VALOR!' },
      { line: 4, kind: 'formulaError', field: 'title', value: '#NAME?' },
      { line: 4, kind: 'noTitle', field: 'title', value: '#NAME? · Sonora' },
    ]);
    // An update leaves such a field as it is.
    expect(reading.rows[0].keep).toEqual(expect.arrayContaining(['startDate', 'target']));
  });
});
