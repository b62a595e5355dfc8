import { describe, expect, it } from 'vitest';
import { ACTION_STATUSES, ACTIVITY_STATUSES, DECISION_STATUSES, MANDATE_AREAS, STANCES } from '../../shared/constants.js';
import esUi from '../../client/i18n/es.json' with { type: 'json' };
import enUi from '../../client/i18n/en.json' with { type: 'json' };
import { exportLabels, labelOf, orgFull, orgShort, stateName } from './labels.js';
import { formatDateTime, formatStamp } from './exportDates.js';

/** The interface's labels of `keys`, in their order. */
function pick(labels: Record<string, string>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, labels[k]]));
}

describe('export labels', () => {
  it('name every enum value in both languages', () => {
    for (const lang of ['es', 'en'] as const) {
      const l = exportLabels(lang);
      for (const a of MANDATE_AREAS) expect(l.mandateAreas[a]).toMatch(/\S/);
      for (const s of STANCES) expect(l.stances[s]).toMatch(/\S/);
      for (const s of ACTIVITY_STATUSES) expect(l.activityStatus[s]).toMatch(/\S/);
      for (const s of DECISION_STATUSES) expect(l.decisionStatus[s]).toMatch(/\S/);
      for (const s of ACTION_STATUSES) expect(l.actionStatus[s]).toMatch(/\S/);
    }
  });

  it('use the official Spanish names of mandate areas and stances', () => {
    const es = exportLabels('es');
    expect(Object.values(es.mandateAreas)).toEqual([
      'Delincuencia organizada',
      'Tráfico de drogas',
      'Lavado de dinero',
      'Trata de personas',
      'Tráfico ilícito de migrantes',
      'Tráfico de armas de fuego',
      'Corrupción',
      'Delitos contra la vida silvestre y forestales',
    ]);
    expect(Object.values(es.stances)).toEqual(['De acuerdo', 'De acuerdo con condiciones', 'Abstención', 'Objeción']);
    // Read after "Stance:" as the Spanish are: nouns where English has them ("Object" read as a thing).
    expect(Object.values(exportLabels('en').stances)).toEqual(['Agree', 'Agree with conditions', 'Abstention', 'Objection']);
    expect(exportLabels('en').activities).toBe('Activities table');
    expect(es.activities).toBe('Tabla de actividades');
  });

  it('use the web app’s words for every value the interface also shows', () => {
    for (const [lang, ui] of [['es', esUi], ['en', enUi]] as const) {
      const l = exportLabels(lang);
      expect(l.mandateAreas).toEqual(pick(ui.mandateAreas, MANDATE_AREAS));
      expect(l.activityStatus).toEqual(pick(ui.activityStatus, ACTIVITY_STATUSES));
      expect(l.actionStatus).toEqual(pick(ui.actionStatus, ACTION_STATUSES));
      expect(l.decisionStatus).toEqual(pick(ui.decisionStatus, DECISION_STATUSES));
      expect(l.stances).toEqual(pick(ui.stances.values, STANCES));
    }
  });

  it('name states by INEGI code and fall back to raw values', () => {
    expect(stateName('19')).toBe('Nuevo León');
    expect(stateName('09')).toBe('Ciudad de México');
    expect(stateName('77')).toBe('77');
    expect(labelOf(exportLabels('es').stances, 'veto', '—')).toBe('veto');
    expect(labelOf(exportLabels('es').stances, null, '—')).toBe('—');
  });

  it('name organizations by acronym or in full', () => {
    const orgs = { a: { name: 'Secretaría de Marina', acronym: 'SEMAR' }, b: { name: 'Colectivo', acronym: '' } };
    expect(orgShort(orgs, 'a', '—')).toBe('SEMAR');
    expect(orgShort(orgs, 'b', '—')).toBe('Colectivo');
    expect(orgShort(orgs, null, '—')).toBe('—');
    expect(orgFull(orgs, 'a')).toBe('Secretaría de Marina (SEMAR)');
    expect(orgFull(orgs, 'zz')).toBe('zz');
  });

  it('format times in Mexico City time', () => {
    const at = new Date('2025-07-01T18:05:00Z');
    expect(formatStamp(at)).toBe('2025-07-01 12:05');
    expect(formatDateTime('es', at)).toContain('1 de julio de 2025');
    expect(formatDateTime('en', at)).toContain('July 1, 2025');
    expect(formatDateTime('en', at)).toContain('GMT-6');
  });
});
