import { describe, expect, it } from 'vitest';
import type { MatrixActivity } from '../../client/api/types.js';
import { compareMatrixRows, replacePlanRows, sortMatrixRows } from '../../client/components/matrix/matrixOrder.js';

function row(documentId: string, activityId: string, title: string): MatrixActivity {
  return {
    workspaceId: 'ws',
    documentId,
    activityId,
    title,
    leadOrganizationId: null,
    partnerOrganizationIds: [],
    mandateArea: null,
    stateCodes: [],
    municipalityCodes: [],
    startDate: null,
    endDate: null,
    status: 'planned',
  };
}

describe('matrix row order', () => {
  it('sorts titles as a Spanish reader does: accents and case aside, ñ after n, numbers by value, then plan and activity', () => {
    const rows = [
      row('d1', 'a1', 'Zonas de riesgo'),
      row('d1', 'a2', 'Ñandú protegido'),
      row('d1', 'a3', 'análisis financiero'),
      row('d1', 'a4', 'Nube de datos'),
      row('d1', 'a5', 'Taller 10'),
      row('d1', 'a6', 'Taller 9'),
      row('d2', 'a1', 'Análisis financiero'),
      row('d0', 'a9', 'Análisis financiero'),
    ];
    expect(sortMatrixRows(rows).map((r) => `${r.documentId}/${r.activityId}`)).toEqual(['d0/a9', 'd1/a3', 'd2/a1', 'd1/a4', 'd1/a2', 'd1/a6', 'd1/a5', 'd1/a1']);
    expect(compareMatrixRows(rows[0], rows[0])).toBe(0);
  });

  it('replaces one plan’s rows, added, changed and removed ones alike, as a full sort of the new rows would give', () => {
    const before = sortMatrixRows([row('p1', 'a', 'Capacitación'), row('p1', 'b', 'Mapeo'), row('p2', 'a', 'Diagnóstico'), row('p2', 'b', 'Protocolo'), row('p3', 'a', 'Alertas')]);
    // p2 now: "Protocolo" renamed, "Diagnóstico" removed, one added.
    const p2 = [row('p2', 'b', 'Bitácora'), row('p2', 'c', 'Zonas')];
    const after = replacePlanRows(before, new Set(['p2']), p2);
    expect(after).toEqual(sortMatrixRows([...before.filter((r) => r.documentId !== 'p2'), ...p2]));
    expect(after.map((r) => r.title)).toEqual(['Alertas', 'Bitácora', 'Capacitación', 'Mapeo', 'Zonas']);
    // A plan gone (a 404 gives no rows) leaves none behind; rows named for another plan are not taken.
    expect(replacePlanRows(after, new Set(['p1']), [row('p9', 'x', 'Ajeno')]).map((r) => r.documentId)).toEqual(['p3', 'p2', 'p2']);
  });
});
