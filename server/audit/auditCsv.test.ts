import { describe, expect, it } from 'vitest';
import { auditCsvHeader, auditCsvLine } from './auditCsv.js';
import type { AuditRow } from './auditQuery.js';

const row = (over: Partial<AuditRow> = {}): AuditRow => ({
  id: '7',
  at: '2027-03-01T16:00:00.000Z',
  actorId: 'usr_1',
  actorName: 'Ana Torres',
  organizationId: 'org_1',
  organizationAcronym: 'SSPC',
  action: 'decision.created',
  target: { type: 'decision', id: 'dec_1' },
  changes: { title: 'Protocolo' },
  ...over,
});

describe('audit CSV', () => {
  it('writes a BOM and the header in the asked language', () => {
    expect(auditCsvHeader('es')).toBe('\uFEFFid,fecha_hora_utc,persona_id,persona,institucion_id,institucion,accion,objeto_tipo,objeto_id,cambios\r\n');
    expect(auditCsvHeader('en').startsWith('\uFEFFid,at_utc,actor_id,actor,')).toBe(true);
  });

  it('quotes commas and quotes, and keeps changes as JSON', () => {
    expect(auditCsvLine(row())).toBe('7,2027-03-01T16:00:00.000Z,usr_1,Ana Torres,org_1,SSPC,decision.created,decision,dec_1,"{""title"":""Protocolo""}"\r\n');
  });

  it('neutralizes every cell that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const line = auditCsvLine(row({ actorName: `${start}SUM(A1:A9)`, organizationAcronym: `${start}X` }));
      const cells = line.split(',');
      expect(cells[3].replace(/^"|"$/g, '')).toBe(`'${start}SUM(A1:A9)`);
      expect(cells[5].replace(/^"|"$/g, '')).toBe(`'${start}X`);
    }
  });

  it('writes empty cells for a system event without actor', () => {
    expect(auditCsvLine(row({ actorId: null, actorName: null, organizationId: null, organizationAcronym: null, changes: {} }))).toBe(
      '7,2027-03-01T16:00:00.000Z,,,,,decision.created,decision,dec_1,{}\r\n',
    );
  });
});
