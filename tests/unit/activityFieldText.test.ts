import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { activityFieldText, type FieldTextDeps } from '../../client/components/history/activityFieldText.js';

const t = ((key: string, opts?: { defaultValue?: string }) => (key === 'activityStatus.done' ? 'Concluida' : (opts?.defaultValue ?? key))) as unknown as TFunction;
const deps: FieldTextDeps = { t, organization: (id) => (id === 'org_fgr' ? 'FGR' : id), date: (day) => `día ${day}` };

describe('activityFieldText', () => {
  it('names states as the activities table does, not by their INEGI codes', () => {
    expect(activityFieldText('stateCodes', ['08', '19'], deps)).toBe('Chihuahua, Nuevo León');
  });

  it('shows start and end days in the reader’s locale', () => {
    expect(activityFieldText('startDate', '2027-03-15', deps)).toBe('día 2027-03-15');
    expect(activityFieldText('endDate', '2027-04-30', deps)).toBe('día 2027-04-30');
  });

  it('keeps organizations by label, statuses in words, municipalities as codes and empty values as a dash', () => {
    expect(activityFieldText('partnerOrganizationIds', ['org_fgr'], deps)).toBe('FGR');
    expect(activityFieldText('leadOrganizationId', 'org_fgr', deps)).toBe('FGR');
    expect(activityFieldText('status', 'done', deps)).toBe('Concluida');
    expect(activityFieldText('municipalityCodes', ['08037'], deps)).toBe('08037');
    expect(activityFieldText('stateCodes', [], deps)).toBe('—');
    expect(activityFieldText('target', '', deps)).toBe('—');
  });
});
