/**
 * The words for activities added, changed and removed since a visit, in both languages and with their plurals, and
 * the words of a stance request in the inbox as it stands (asking, answered, closed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { stanceRequestLines } from '../../client/components/comments/stanceRequestLines.js';
import type { AppNotification } from '../../client/components/comments/api.js';
import { translators } from '../helpers/translators.js';

let t: { es: TFunction; en: TFunction };
beforeAll(async () => {
  t = await translators();
});

describe('since your last visit, activities', () => {
  it('tells added, changed and removed apart, one and many, in Spanish and English', () => {
    const say = (lang: 'es' | 'en', key: string, count: number) => t[lang](`comments.${key}`, { count });
    expect([1, 3].map((n) => say('es', 'sinceActivitiesAdded', n))).toEqual(['1 actividad nueva', '3 actividades nuevas']);
    expect([1, 3].map((n) => say('es', 'sinceActivities', n))).toEqual(['1 actividad modificada', '3 actividades modificadas']);
    expect([1, 3].map((n) => say('es', 'sinceActivitiesRemoved', n))).toEqual(['1 actividad eliminada', '3 actividades eliminadas']);
    expect([1, 3].map((n) => say('en', 'sinceActivitiesAdded', n))).toEqual(['1 new activity', '3 new activities']);
    expect([1, 3].map((n) => say('en', 'sinceActivities', n))).toEqual(['1 activity changed', '3 activities changed']);
    expect([1, 3].map((n) => say('en', 'sinceActivitiesRemoved', n))).toEqual(['1 activity deleted', '3 activities deleted']);
    // Spanish counts a million as "many".
    expect(say('es', 'sinceActivitiesAdded', 1_000_000)).toBe('1000000 actividades nuevas');
    expect([t.es('activities.addedSinceVisit'), t.en('activities.addedSinceVisit')]).toEqual(['Nueva desde su última visita', 'New since your last visit']);
  });
});

describe('a stance request in the inbox', () => {
  const request = (stanceRequest: AppNotification['stanceRequest']): AppNotification => ({
    id: 'ntf_1',
    kind: 'stance_requested',
    workspaceId: 'ws_1',
    target: { decisionId: 'dec_1', organizationId: 'org_1' },
    createdAt: '2027-01-01T10:00:00.000Z',
    readAt: null,
    stanceRequest,
  });

  it('asks while waiting, then names the stance given, then the closing', () => {
    expect(stanceRequestLines(request({ decisionStatus: 'proposed', stanceRecorded: false, stance: null }), t.es)).toEqual({ what: 'Una decisión espera la postura de su institución', detail: null });
    expect(stanceRequestLines(request({ decisionStatus: 'proposed', stanceRecorded: true, stance: 'agree' }), t.es)).toEqual({ what: 'Postura registrada: De acuerdo', detail: null });
    expect(stanceRequestLines(request({ decisionStatus: 'proposed', stanceRecorded: true, stance: null }), t.es)).toEqual({ what: 'Postura registrada (oculta hasta el cierre)', detail: null });
    expect(stanceRequestLines(request({ decisionStatus: 'agreed', stanceRecorded: true, stance: 'object' }), t.es)).toEqual({ what: 'Decisión cerrada: Acordada', detail: 'Postura registrada: Objeción' });
    expect(stanceRequestLines(request({ decisionStatus: 'superseded', stanceRecorded: false, stance: null }), t.en)).toEqual({ what: 'Decision closed: Superseded', detail: 'Your organization recorded no stance' });
  });

  it('leaves other kinds, and answers from servers that do not say, to the kind’s own words', () => {
    expect(stanceRequestLines({ ...request(null) }, t.es)).toBeNull();
    expect(stanceRequestLines({ ...request({ decisionStatus: 'agreed', stanceRecorded: true, stance: 'agree' }), kind: 'mention' }, t.es)).toBeNull();
  });
});
