import { describe, expect, it } from 'vitest';
import { foldText } from '../../shared/textFold.js';
import { highlightSegments, makeSnippet } from './highlight.js';
import { parseQuery } from './queryTerms.js';

describe('search text helpers', () => {
  it('folds accents and case, and keeps the marks that are parts of letters', () => {
    expect(foldText('Coordinación ÑANDÚ Über')).toBe('coordinacion nandu uber');
    // Beyond Latin-1 and Latin Extended-B too (Vietnamese, decomposed input).
    expect(foldText('Nguyễn Ếch e\u0301')).toBe('nguyen ech e');
    // A Devanagari vowel sign is a combining mark, but not a diacritic: removing it would change the word.
    expect(foldText('किताब')).toBe('किताब');
  });

  it('builds a prefix tsquery of letters and digits only', () => {
    expect(parseQuery('  Víctimas   de TRATA!! a ')).toEqual({ words: ['victimas', 'de', 'trata'], tsquery: 'victimas:* & de:* & trata:*' });
    expect(parseQuery("x' | !(y) & z:*")).toEqual({ words: [], tsquery: '' });
    expect(parseQuery('2027 plan 2027').words).toEqual(['2027', 'plan']);
  });

  it('highlights whole words whose folded form starts with a term', () => {
    expect(highlightSegments('La coordinación, y más coordinaciones.', ['coordin'])).toEqual([
      { text: 'La ', match: false },
      { text: 'coordinación', match: true },
      { text: ', y más ', match: false },
      { text: 'coordinaciones', match: true },
      { text: '.', match: false },
    ]);
    expect(highlightSegments('sin nada', ['xyz'])).toEqual([{ text: 'sin nada', match: false }]);
  });

  it('cuts a snippet around the first match at word boundaries', () => {
    const text = `${'palabra '.repeat(60)}hallazgo importante ${'cola '.repeat(60)}`;
    const { snippet, highlights } = makeSnippet(text, ['hallazgo'], 120);
    expect(snippet.startsWith('…palabra')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(122);
    expect(highlights.filter((s) => s.match).map((s) => s.text)).toEqual(['hallazgo']);
    expect(highlights.map((s) => s.text).join('')).toBe(snippet);
    expect(makeSnippet('  corto \n\n texto  largo ', ['texto']).snippet).toBe('corto · texto largo');
  });
});
