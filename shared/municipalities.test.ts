/** INEGI's municipality catalog as the app ships it: complete, well formed, and the labels built from it. */
import { describe, expect, it } from 'vitest';
import { STATE_CODES, isValidMunicipalityCode } from './constants.js';
import catalog from './catalogs/municipalities.json';
import { municipalitiesIn, municipalityLabel, municipalityName, placesText, stateName } from './municipalities.js';

describe('municipality catalog', () => {
  const codes = Object.keys(catalog);

  it('holds every municipality of the 32 states, each under a well-formed code of its state', () => {
    expect(codes.length).toBeGreaterThanOrEqual(2469);
    expect(codes.every(isValidMunicipalityCode)).toBe(true);
    expect(new Set(codes.map((c) => c.slice(0, 2)))).toEqual(new Set(STATE_CODES));
    const inState = (state: string) => codes.filter((c) => c.startsWith(state)).length;
    // INEGI's counts: Oaxaca 570, Puebla 217, Veracruz 212, Chiapas 124, Ciudad de México's 16 alcaldías.
    expect([inState('20'), inState('21'), inState('30'), inState('07'), inState('09')]).toEqual([570, 217, 212, 124, 16]);
    expect(Object.values(catalog).every((name) => name.trim() === name && name.length > 1 && !/\(/.test(name))).toBe(true);
  });

  it('names a code and labels it with its code; a code it lacks is shown as the code', () => {
    expect(municipalityName('07089')).toBe('Tapachula');
    expect(municipalityName('08037')).toBe('Juárez');
    expect(municipalityName('14039')).toBe('Guadalajara');
    expect(municipalityLabel('09015')).toBe('Cuauhtémoc (09015)');
    expect(municipalityName('07095')).toBeUndefined();
    expect(municipalityLabel('07999')).toBe('07999');
    // Not an inherited property read as a name.
    expect(municipalityName('constructor')).toBeUndefined();
  });
});

describe('municipalitiesIn', () => {
  it('lists a state’s municipalities by name, Spanish order (accents aside), and every state’s when none is given', () => {
    const cdmx = municipalitiesIn(['09']);
    expect(cdmx).toHaveLength(16);
    expect(cdmx.slice(0, 3).map((m) => m.name)).toEqual(['Álvaro Obregón', 'Azcapotzalco', 'Benito Juárez']);
    const two = municipalitiesIn(['09', '07']);
    expect(two.map((m) => m.code.slice(0, 2))).toEqual([...Array(124).fill('07'), ...Array(16).fill('09')]);
    expect(municipalitiesIn([])).toHaveLength(Object.keys(catalog).length);
  });

  it('says where an activity happens: its municipalities as places, else its states', () => {
    expect(placesText(['07', '09'], ['07089', '09015', '07999'])).toBe('Tapachula, Chiapas; Cuauhtémoc, Ciudad de México; 07999');
    expect(placesText(['07', '19'], [])).toBe('Chiapas, Nuevo León');
    expect(placesText([], [])).toBe('');
    expect(stateName('77')).toBe('77');
  });
});
