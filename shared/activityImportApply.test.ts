/** An import against a plan: rows naming the plan's activities update them field by field; undo puts back only what it changed. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readActivityTable, type ImportVocabulary } from './activityImport.js';
import { applyImport, planImport, undoImport } from './activityImportApply.js';
import { parseDelimited } from './delimitedText.js';
import { getActivities, insertActivity, readActivities } from './planModel.js';

const vocabulary: ImportVocabulary = {
  organizations: [
    { id: 'org-fgr', acronym: 'FGR', name: 'Fiscalía General de la República' },
    { id: 'org-inm', acronym: 'INM', name: 'Instituto Nacional de Migración' },
  ],
  fieldLabels: [
    ['title', 'Actividad'],
    ['leadOrganizationId', 'Institución líder'],
    ['status', 'Estado'],
  ],
  mandateAreaLabels: [],
  statusLabels: [
    ['planned', 'Planeada'],
    ['in_progress', 'En curso'],
    ['done', 'Concluida'],
  ],
};

function planWithTwo(): Y.Doc {
  const doc = new Y.Doc();
  insertActivity(doc, { id: 'a1', title: 'Taller', leadOrganizationId: 'org-fgr', status: 'in_progress', stateCodes: ['07'], municipalityCodes: ['07089'], target: '60 agentes' });
  insertActivity(doc, { id: 'a2', title: 'Operativo', leadOrganizationId: 'org-inm', status: 'planned' });
  return doc;
}

let counter = 0;
const newId = () => `new-${++counter}`;

describe('importing a sheet that names the plan’s activities', () => {
  it('updates the activities it names where the sheet differs, adds the rest, and reports the unchanged', () => {
    const doc = planWithTwo();
    // The matrix export's id column, edited in Excel: a1's status and lead changed, a2 as it was, one row new, one
    // naming an activity of another plan (added as new), and a cell that cannot be read (a1's municipality).
    const sheet = [
      'Id de actividad;Actividad;Institución líder;Estado;Municipios;Meta',
      'a1;Taller;INM;Concluida;Narnia;60 agentes',
      'a2;Operativo;INM;Planeada;;',
      ';Mesa binacional;FGR;;;',
      'otro-plan-7;Foro regional;;En curso;;',
    ].join('\n');
    const reading = readActivityTable(parseDelimited(sheet), vocabulary);
    expect(reading.idColumn).toBe(0);
    expect(reading.columns[0].field).toBeNull();
    const plan = planImport(reading, readActivities(doc));
    // a1: the unreadable municipality leaves a1's municipalities alone instead of clearing them.
    expect(plan.updated).toEqual([{ id: 'a1', line: 2, changes: { leadOrganizationId: 'org-inm', status: 'done' } }]);
    expect(plan.unchanged).toBe(1);
    expect(plan.added.map((a) => [a.title, a.status])).toEqual([
      ['Mesa binacional', 'planned'],
      ['Foro regional', 'in_progress'],
    ]);

    const applied = applyImport(doc, plan, 100, newId);
    expect(readActivities(doc).map((a) => [a.id, a.title, a.leadOrganizationId, a.status, a.municipalityCodes])).toEqual([
      ['a1', 'Taller', 'org-inm', 'done', ['07089']],
      ['a2', 'Operativo', 'org-inm', 'planned', []],
      [applied.added[0], 'Mesa binacional', 'org-fgr', 'planned', []],
      [applied.added[1], 'Foro regional', null, 'in_progress', []],
    ]);
    expect(applied.updated).toEqual([{ id: 'a1', before: { leadOrganizationId: 'org-fgr', status: 'in_progress' }, after: { leadOrganizationId: 'org-inm', status: 'done' } }]);
  });

  it('leaves out the rows an Enlace export marks as another plan’s, and updates its own', () => {
    const doc = planWithTwo();
    const sheet = [
      'Documento,Id de actividad,Actividad,Estado',
      '#meta+document+id,#activity+id,#activity+name,#status',
      'doc_this,a1,Taller,done',
      'doc_other,b7,Foro de otra mesa,quizás',
      ',,Nueva,tal vez',
    ].join('\n');
    const reading = readActivityTable(parseDelimited(sheet), vocabulary);
    const plan = planImport(reading, readActivities(doc), 'doc_this');
    expect(plan.otherPlans).toBe(1);
    // What could not be read in the row left out is not this import's problem; in the row imported it is.
    expect(reading.problems.map((p) => [p.line, p.value])).toEqual([
      [4, 'quizás'],
      [5, 'tal vez'],
    ]);
    expect(plan.problems.map((p) => [p.line, p.value])).toEqual([[5, 'tal vez']]);
    expect(plan.updated).toEqual([{ id: 'a1', line: 3, changes: { status: 'done' } }]);
    expect(plan.added.map((a) => a.title)).toEqual(['Nueva']);
    // Without the plan's id (or a document column), nothing is left out.
    expect(planImport(reading, readActivities(doc)).added.map((a) => a.title)).toEqual(['Foro de otra mesa', 'Nueva']);
  });

  it('keeps a blank status for an update, clears a blank text, and adds the states of new municipalities', () => {
    const doc = planWithTwo();
    const reading = readActivityTable(parseDelimited('Id de actividad\tActividad\tEstado\tMeta\tMunicipios\na1\tTaller\t\t\t08037'), vocabulary);
    const plan = planImport(reading, readActivities(doc));
    expect(plan.updated).toEqual([{ id: 'a1', line: 2, changes: { target: '', municipalityCodes: ['08037'], stateCodes: ['07', '08'] } }]);
  });

  it('undoes what it did in one change, leaving a field someone changed since as they left it', () => {
    const doc = planWithTwo();
    const reading = readActivityTable(parseDelimited('Id de actividad,Actividad,Estado,Institución líder\na1,Taller de campo,Concluida,INM\n,Nueva,,'), vocabulary);
    const applied = applyImport(doc, planImport(reading, readActivities(doc)), 100, newId);
    expect(readActivities(doc)).toHaveLength(3);
    // Someone retitles a1 after the import.
    getActivities(doc).get(0).set('title', 'Taller de campo (Tapachula)');
    let changes = 0;
    doc.on('update', () => changes++);
    undoImport(doc, applied);
    expect(changes).toBe(1);
    expect(readActivities(doc).map((a) => [a.id, a.title, a.status, a.leadOrganizationId])).toEqual([
      ['a1', 'Taller de campo (Tapachula)', 'in_progress', 'org-fgr'],
      ['a2', 'Operativo', 'planned', 'org-inm'],
    ]);
  });

  it('adds no more new rows than the plan has room for, and still makes the updates', () => {
    const doc = planWithTwo();
    const reading = readActivityTable(parseDelimited('Id de actividad,Actividad\na2,Operativo nocturno\n,Uno\n,Dos\n,Tres'), vocabulary);
    const applied = applyImport(doc, planImport(reading, readActivities(doc)), 2, newId);
    expect(applied.added).toHaveLength(2);
    expect(readActivities(doc).map((a) => a.title)).toEqual(['Taller', 'Operativo nocturno', 'Uno', 'Dos']);
    // A full plan: no room, and the updates still go through.
    const full = applyImport(doc, planImport(readActivityTable(parseDelimited('Id de actividad,Actividad\na1,Taller regional\n,Cuatro'), vocabulary), readActivities(doc)), 0, newId);
    expect(full.added).toEqual([]);
    expect(readActivities(doc).map((a) => a.title)).toEqual(['Taller regional', 'Operativo nocturno', 'Uno', 'Dos']);
  });
});
