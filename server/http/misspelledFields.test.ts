import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findMisspelledFields, meantField } from './misspelledFields.js';

describe('misspelled fields', () => {
  it('names the known field a near miss meant, and nothing for short or unrelated names', () => {
    const known = ['title', 'stanceVisibility', 'activityIds', 'status', 'startsAt'];
    expect(meantField('stanceVisiblity', known)).toBe('stanceVisibility');
    expect(meantField('stance_visibility', known)).toBe('stanceVisibility');
    expect(meantField('activityId', known)).toBe('activityIds');
    expect(meantField('Title', known)).toBe('title');
    expect(meantField('tilte', known)).toBe('title');
    expect(meantField('state', known)).toBeUndefined();
    expect(meantField('id', known)).toBeUndefined();
    expect(meantField('clientReference', known)).toBeUndefined();
  });

  it('looks through optional, default and nested objects and arrays of objects, and skips a field that is also sent right', () => {
    const schema = z.object({
      name: z.string(),
      organization: z.object({ acronym: z.string(), level: z.string().optional() }).optional(),
      agenda: z.array(z.object({ minutes: z.number().optional() })).default([]),
    });
    expect(findMisspelledFields(schema, { name: 'x', Name: 'y', organization: { acronim: 'A', levle: 'x' } }).map((f) => f.path)).toEqual(['organization.acronim', 'organization.levle']);
    expect(findMisspelledFields(schema, { name: 'x', agenda: [{ minutes: 5 }, { minute: 5 }] }).map((f) => f.path)).toEqual(['agenda.1.minute']);
    expect(findMisspelledFields(schema, 'not an object')).toEqual([]);
  });
});
