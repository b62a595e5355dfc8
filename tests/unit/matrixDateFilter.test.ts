/** The web app's in-memory matrix filter reads dates as the server does, a reversed range included. */
import { describe, expect, it } from 'vitest';
import { filterMatrix, indexMatrix } from '../../client/components/matrix/matrixRows.js';
import type { MatrixActivity } from '../../client/api/types.js';

function row(activityId: string, startDate: string | null, endDate: string | null): MatrixActivity {
  return {
    workspaceId: 'ws1',
    documentId: 'doc1',
    activityId,
    title: activityId,
    leadOrganizationId: null,
    partnerOrganizationIds: [],
    mandateArea: 'corruption',
    stateCodes: ['08'],
    municipalityCodes: [],
    startDate,
    endDate,
    status: 'planned',
  } as MatrixActivity;
}

describe('matrix date filter in the web app', () => {
  const index = indexMatrix([row('q1', '2027-01-01', '2027-03-31'), row('reversed', '2027-06-01', '2027-01-01'), row('open', null, null)], new Map());
  const ids = (from?: string, to?: string) => filterMatrix(index, { from, to }).map((r) => r.activityId).sort();

  it('keeps a reversed range in the months it spans, and leaves it out of the others', () => {
    expect(ids('2027-03-01', '2027-04-01')).toEqual(['open', 'q1', 'reversed']);
    expect(ids('2027-05-01', '2027-05-31')).toEqual(['open', 'reversed']);
    expect(ids('2027-07-01')).toEqual(['open']);
    expect(ids(undefined, '2026-12-31')).toEqual(['open']);
  });
});
