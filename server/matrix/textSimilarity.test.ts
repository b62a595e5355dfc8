import { describe, expect, it } from 'vitest';
import { contentStems, normalizeText, stemToken, textSimilarity } from './textSimilarity.js';
import { SIMILAR_TITLE_THRESHOLD } from './overlapDetection.js';

describe('normalizeText', () => {
  it('lowercases, strips accents and punctuation', () => {
    expect(normalizeText('  Capacitación, ¿Trata de PERSONAS?  Niñez—México ')).toBe('capacitacion trata de personas ninez mexico');
  });
});

describe('stemming', () => {
  it('brings singular, plural, gender and derived forms together', () => {
    expect(stemToken('capacitaciones')).toBe(stemToken('capacitacion'));
    expect(stemToken('personas')).toBe(stemToken('persona'));
    expect(stemToken('mujeres')).toBe(stemToken('mujer'));
    expect(stemToken('organizada')).toBe(stemToken('organizado'));
    expect(stemToken('comunidades')).toBe(stemToken('comunidad'));
    expect(stemToken('capacitar')).toBe(stemToken('capacitacion'));
    expect(stemToken('200')).toBe('200');
  });

  it('drops Spanish and English stop words', () => {
    expect(contentStems('Capacitación en trata de personas para las y los fiscales')).toEqual(['capacit', 'trat', 'person', 'fiscal']);
    expect(contentStems('Training of the prosecutors for the border')).toEqual(contentStems('training prosecutors border'));
  });
});

describe('textSimilarity', () => {
  it('treats accent-, case- and stop-word-different Spanish titles as the same', () => {
    expect(textSimilarity('Capacitación en trata de personas', 'capacitacion sobre trata de personas')).toBe(1);
    expect(textSimilarity('Fortalecimiento de capacidades de fiscalías', 'Fortalecer capacidades fiscales')).toBeGreaterThanOrEqual(
      SIMILAR_TITLE_THRESHOLD,
    );
    expect(textSimilarity('Taller de prevención de la trata de personas', 'Talleres para prevenir la trata de mujeres')).toBeGreaterThanOrEqual(
      SIMILAR_TITLE_THRESHOLD,
    );
  });

  it('keeps unrelated titles apart, even when they share a generic word', () => {
    expect(textSimilarity('Campaña de prevención de trata', 'Capacitación en lavado de activos')).toBeLessThan(0.1);
    expect(textSimilarity('Capacitación a fiscales en lavado de dinero', 'Capacitación a policías en trata de personas')).toBeLessThan(
      SIMILAR_TITLE_THRESHOLD,
    );
  });

  it('gives nothing for a number two titles share without a word, and counts it beside a shared word', () => {
    expect(textSimilarity('Taller 2027', 'Foro 2027')).toBe(0);
    expect(textSimilarity('Plan 2027', 'Meta 2027')).toBe(0);
    expect(textSimilarity('Operativo 12', 'Capacitación 12')).toBe(0);
    expect(textSimilarity('Taller 1', 'Taller 2')).toBeGreaterThanOrEqual(SIMILAR_TITLE_THRESHOLD);
    expect(textSimilarity('Capacitación en trata 2027', 'Capacitación sobre trata 2027')).toBe(1);
    expect(textSimilarity('Taller regional 2027', 'Taller regional 2028')).toBeGreaterThan(textSimilarity('Taller regional 2027', 'Foro nacional 2027'));
    // Titles that are only a number are compared on it.
    expect(textSimilarity('2027', '2027')).toBe(1);
  });

  it('is symmetric, bounded and 0 for empty or stop-word-only text', () => {
    const a = 'Operativo contra tráfico de armas';
    const b = 'Operativos de control de armas de fuego';
    expect(textSimilarity(a, b)).toBe(textSimilarity(b, a));
    expect(textSimilarity(a, b)).toBeGreaterThan(0);
    expect(textSimilarity(a, b)).toBeLessThanOrEqual(1);
    expect(textSimilarity('', a)).toBe(0);
    expect(textSimilarity('de la y el', 'de la y el')).toBe(0);
  });
});
