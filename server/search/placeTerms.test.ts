import { describe, expect, it } from 'vitest';
import { placesNamed } from './placeTerms.js';

describe('placesNamed', () => {
  it('names states and municipalities by the beginning of a word of their name, or by code', () => {
    expect(placesNamed('tapachula')).toEqual({ states: [], municipalities: ['07089'] });
    expect(placesNamed('tapach').municipalities).toEqual(['07089']);
    // A state names its municipalities too (an activity may list only those).
    const chiapas = placesNamed('chiapas');
    expect(chiapas.states).toEqual(['07']);
    expect(chiapas.municipalities).toHaveLength(124);
    expect(placesNamed('cuauhtemoc').municipalities).toEqual(expect.arrayContaining(['09015', '08017']));
    expect(placesNamed('07089')).toEqual({ states: [], municipalities: ['07089'] });
    expect(placesNamed('07999')).toEqual({ states: [], municipalities: [] });
    // Two letters begin hundreds of names («de», «la») and name no place.
    expect(placesNamed('de')).toEqual({ states: [], municipalities: [] });
    expect(placesNamed('capacitacion')).toEqual({ states: [], municipalities: [] });
  });
});
