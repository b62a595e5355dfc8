import { describe, expect, it } from 'vitest';
import { csvCell, neutralizeFormula } from '../../shared/delimitedText.js';
import { matrixToHxlCsv, type MatrixCsvRow } from './hxlCsv.js';

/** Minimal RFC 4180 parser for assertions: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), i++;
    else field += c;
  }
  if (field || record.length) record.push(field), records.push(record);
  return records;
}

const row: MatrixCsvRow = {
  workspaceId: 'ws1',
  documentId: 'doc1',
  activityId: 'act1',
  title: 'Capacitación en trata de personas',
  leadOrganizationId: 'org-fgr',
  partnerOrganizationIds: ['org-unodc', 'org-unknown'],
  mandateArea: 'trafficking_in_persons',
  stateCodes: ['14', '09'],
  municipalityCodes: ['14039'],
  startDate: '2025-02-01',
  endDate: null,
  status: 'planned',
};
const orgs = {
  'org-fgr': { name: 'Fiscalía General de la República', acronym: 'FGR' },
  'org-unodc': { name: 'UNODC', acronym: 'UNODC' },
};

describe('matrixToHxlCsv', () => {
  it('writes a header row, an HXL hashtag row and one row per activity', () => {
    const csv = matrixToHxlCsv([row], orgs);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, tags, data, ...rest] = parseCsv(csv);
    expect(rest).toEqual([]);
    expect(header).toEqual([
      'Espacio de trabajo', 'Documento', 'Id de actividad', 'Actividad', 'Organización líder', 'Organizaciones socias',
      'Área de mandato', 'Estados', 'Municipios', 'Inicio', 'Fin', 'Estado de avance',
    ]);
    expect(tags).toEqual([
      '#group+workspace+id', '#meta+document+id', '#activity+id', '#activity+name', '#org+lead', '#org+partner',
      '#sector', '#adm1+code', '#adm2+code', '#date+start', '#date+end', '#status',
    ]);
    expect(data).toEqual([
      'ws1', 'doc1', 'act1', 'Capacitación en trata de personas', 'Fiscalía General de la República (FGR)',
      'UNODC; org-unknown', 'trafficking_in_persons', '14; 09', '14039', '2025-02-01', '', 'planned',
    ]);
  });

  it('uses English headers on request, and an optional BOM', () => {
    const csv = matrixToHxlCsv([], orgs, { lang: 'en', bom: true });
    expect(csv.startsWith('\uFEFFWorkspace,Document,Activity id,Activity,Lead organization,')).toBe(true);
    expect(parseCsv(csv.slice(1))).toHaveLength(2);
  });

  it('quotes commas, quotes and line breaks per RFC 4180', () => {
    const tricky = { ...row, title: 'Taller "Alerta", fase 1\nsegunda línea', leadOrganizationId: null, partnerOrganizationIds: [] };
    const csv = matrixToHxlCsv([tricky], orgs);
    expect(csv).toContain('"Taller ""Alerta"", fase 1\nsegunda línea"');
    const data = parseCsv(csv)[2];
    expect(data[3]).toBe('Taller "Alerta", fase 1\nsegunda línea');
    expect(data[4]).toBe('');
    expect(data).toHaveLength(12);
  });

  it('neutralizes spreadsheet formulas in every cell', () => {
    const evil = {
      ...row,
      title: '=HYPERLINK("http://x","clic")',
      activityId: '+1',
      workspaceId: '-2+3',
      documentId: '@SUM(A1)',
      partnerOrganizationIds: ['org-evil'],
    };
    const data = parseCsv(matrixToHxlCsv([evil], { ...orgs, 'org-evil': { name: '=cmd|"/c calc"!A1', acronym: null } }))[2];
    expect(data.slice(0, 4)).toEqual(["'-2+3", "'@SUM(A1)", "'+1", `'=HYPERLINK("http://x","clic")`]);
    expect(data[5]).toBe(`'=cmd|"/c calc"!A1`);
  });

  it('neutralizes a formula behind leading whitespace of any kind, and any cell starting with tab, CR or LF', () => {
    const hidden = [' =1+1', '   +1', '\n=1+1', '\r\n=1+1', '\u00a0=1+1', '\u3000-2', '\u2028@SUM(A1)', '\ufeff=1', '\u200b=1', ' \t\u00a0 =1', '\nTexto', '\r'];
    for (const value of hidden) expect(neutralizeFormula(value), JSON.stringify(value)).toBe(`'${value}`);
    // Through the whole export too: the quoted cell keeps its line break after the prefix.
    const data = parseCsv(matrixToHxlCsv([{ ...row, title: '\n=1+1', activityId: '\u00a0=1+1', documentId: ' =1+1' }], orgs))[2];
    expect(data.slice(1, 4)).toEqual(["' =1+1", "'\u00a0=1+1", "'\n=1+1"]);
  });

  it('leaves safe values alone', () => {
    expect(neutralizeFormula(' Plan 2025 - fase 1')).toBe(' Plan 2025 - fase 1');
    expect(neutralizeFormula('\u00a0Taller')).toBe('\u00a0Taller');
    expect(neutralizeFormula('   ')).toBe('   ');
    expect(neutralizeFormula('')).toBe('');
    expect(neutralizeFormula('Capacitación a 20 fiscales\n- segunda fase')).toBe('Capacitación a 20 fiscales\n- segunda fase');
    expect(neutralizeFormula('Plan 2025 - fase 1')).toBe('Plan 2025 - fase 1');
    expect(neutralizeFormula('\t=1')).toBe("'\t=1");
    expect(csvCell('simple')).toBe('simple');
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});
