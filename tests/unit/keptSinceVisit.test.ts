/** A kept "since your last visit" summary and a later read make one summary from the older visit. */
import { describe, expect, it } from 'vitest';
import { hasNews, mergeSinceVisit } from '../../client/components/comments/keptSinceVisit.js';
import type { ChangesSinceVisit } from '../../client/components/comments/api.js';

const none: ChangesSinceVisit = { since: null, newComments: [], editedComments: [], addedActivityIds: [], changedActivityIds: [], removedActivities: 0, changedSections: [], removedSections: [], decisions: [] };

describe('mergeSinceVisit', () => {
  it('keeps the older visit’s time and unites what either read found', () => {
    const older: ChangesSinceVisit = {
      ...none,
      since: '2026-12-01T10:00:00.000Z',
      newComments: ['c1'],
      editedComments: ['c0'],
      addedActivityIds: ['a0'],
      changedActivityIds: ['a1'],
      removedActivities: 1,
      changedSections: ['Objetivos'],
      decisions: [{ id: 'd1', ref: 'D-1', title: 'Calendario', status: 'proposed', created: true, statusChanged: false, stancesRecorded: 2 }],
    };
    const newer: ChangesSinceVisit = {
      ...none,
      since: '2026-12-02T09:00:00.000Z',
      newComments: ['c2', 'c1'],
      // c0 edited again; c1 is new since the older visit, so its edit is no extra news.
      editedComments: ['c0', 'c1', 'c3'],
      // a0 was added since the older visit: changed after, it stays added. a1 was there: seen again as a new row
      // (brought back), it stays changed.
      addedActivityIds: ['a1', 'a3'],
      changedActivityIds: ['a0', 'a2'],
      removedActivities: 2,
      changedSections: ['Objetivos', 'Riesgos'],
      removedSections: ['Anexo'],
      decisions: [
        { id: 'd1', ref: 'D-1', title: 'Calendario 2027', status: 'agreed', created: false, statusChanged: true, stancesRecorded: 1 },
        { id: 'd2', ref: 'D-2', title: 'Protocolo', status: 'proposed', created: true, statusChanged: false, stancesRecorded: 0 },
      ],
    };
    expect(mergeSinceVisit(older, newer)).toEqual({
      since: '2026-12-01T10:00:00.000Z',
      newComments: ['c1', 'c2'],
      editedComments: ['c0', 'c3'],
      addedActivityIds: ['a0', 'a3'],
      changedActivityIds: ['a1', 'a2'],
      changedActivities: [{ id: 'a1', fields: [] }, { id: 'a2', fields: [] }],
      removedActivities: 3,
      changedSections: ['Objetivos', 'Riesgos'],
      removedSections: ['Anexo'],
      decisions: [
        { id: 'd1', ref: 'D-1', title: 'Calendario 2027', status: 'agreed', created: true, statusChanged: true, stancesRecorded: 2 },
        { id: 'd2', ref: 'D-2', title: 'Protocolo', status: 'proposed', created: true, statusChanged: false, stancesRecorded: 0 },
      ],
    });
  });

  it('reads a summary kept before added activities were told apart (no addedActivityIds)', () => {
    const kept: ChangesSinceVisit = { since: '2026-12-01T10:00:00.000Z', newComments: [], changedActivityIds: ['a1'], removedActivities: 0, changedSections: [] };
    expect(mergeSinceVisit(kept, { ...none, since: '2026-12-02T09:00:00.000Z', addedActivityIds: ['a2'] })).toMatchObject({ addedActivityIds: ['a2'], changedActivityIds: ['a1'] });
  });

  it('unites the fields either read named for a changed activity, in column order, and drops those of one added since the older visit', () => {
    const older: ChangesSinceVisit = { ...none, since: '2026-12-01T10:00:00.000Z', addedActivityIds: ['a0'], changedActivityIds: ['a1'], changedActivities: [{ id: 'a1', fields: ['target'] }] };
    const newer: ChangesSinceVisit = {
      ...none,
      since: '2026-12-02T09:00:00.000Z',
      changedActivityIds: ['a0', 'a1', 'a2'],
      changedActivities: [{ id: 'a0', fields: ['title'] }, { id: 'a1', fields: ['endDate', 'target'] }, { id: 'a2', fields: ['status'] }],
    };
    expect(mergeSinceVisit(older, newer)).toMatchObject({
      addedActivityIds: ['a0'],
      changedActivityIds: ['a1', 'a2'],
      changedActivities: [{ id: 'a1', fields: ['endDate', 'target'] }, { id: 'a2', fields: ['status'] }],
    });
    // A summary a tab kept before fields were told: the newer read's fields alone.
    const kept: ChangesSinceVisit = { since: '2026-12-01T10:00:00.000Z', newComments: [], changedActivityIds: ['a1'], removedActivities: 0, changedSections: [] };
    expect(mergeSinceVisit(kept, newer).changedActivities).toEqual([{ id: 'a1', fields: ['endDate', 'target'] }, { id: 'a0', fields: ['title'] }, { id: 'a2', fields: ['status'] }]);
  });

  it('tells of a comment edited or an activity added since the visit, and of nothing before any visit', () => {
    expect(hasNews({ ...none, since: '2026-12-01T10:00:00.000Z', editedComments: ['c0'] })).toBe(true);
    expect(hasNews({ ...none, since: '2026-12-01T10:00:00.000Z', addedActivityIds: ['a1'] })).toBe(true);
    expect(hasNews({ ...none, since: '2026-12-01T10:00:00.000Z', changedActivityIds: [] })).toBe(false);
    expect(hasNews({ ...none, since: '2026-12-01T10:00:00.000Z' })).toBe(false);
    expect(hasNews({ ...none, editedComments: ['c0'] })).toBe(false);
  });
});
