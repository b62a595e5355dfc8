import { describe, expect, it } from 'vitest';
import { foldForMatch, typeAheadIndex } from '../../client/components/listTypeAhead.js';

const STATES = ['05 · Coahuila de Zaragoza', '07 · Chiapas', '08 · Chihuahua', '09 · Ciudad de México', '32 · Zacatecas'];

describe('typeAheadIndex', () => {
  it('finds a name by its first letters, accents and case aside', () => {
    expect(typeAheadIndex(STATES, 'z', -1)).toBe(4);
    expect(typeAheadIndex(STATES, 'chih', -1)).toBe(2);
    expect(typeAheadIndex(STATES, 'CIUDAD DE MEX', -1)).toBe(3);
    expect(foldForMatch('México')).toBe('mexico');
  });

  it('steps through the names that begin with one letter pressed again, and wraps', () => {
    expect(typeAheadIndex(STATES, 'c', -1)).toBe(0);
    expect(typeAheadIndex(STATES, 'c', 0)).toBe(1);
    expect(typeAheadIndex(STATES, 'c', 3)).toBe(0);
    // The same key pressed again before the pause: still one letter.
    expect(typeAheadIndex(STATES, 'cc', 0)).toBe(1);
  });

  it('keeps the current name while more letters still match it, and finds codes too', () => {
    expect(typeAheadIndex(STATES, 'chi', 1)).toBe(1);
    expect(typeAheadIndex(STATES, 'chih', 1)).toBe(2);
    expect(typeAheadIndex(STATES, '32', -1)).toBe(4);
  });

  it('answers -1 when nothing matches', () => {
    expect(typeAheadIndex(STATES, 'q', 0)).toBe(-1);
    expect(typeAheadIndex([], 'a', -1)).toBe(-1);
  });
});
