import { describe, expect, it } from 'vitest';
import { MAX_PIECE, MAX_WORD, textPieces } from './pdfPieces.js';

/** Every character one point wide: a piece's width is its length. */
const unitWidth = (): number => 1;

function pieces(text: string, maxWidth: number): string[] {
  return Array.from(textPieces(text, unitWidth, maxWidth));
}

describe('textPieces', () => {
  it('leaves ordinary prose and words up to MAX_WORD characters whole', () => {
    const prose = `Las instituciones coordinarán sus acciones. ${'a'.repeat(MAX_WORD)} fin`;
    expect(pieces(prose, 10)).toEqual([prose]);
    expect(pieces('', 10)).toEqual(['']);
  });

  it('cuts a word longer than MAX_WORD into pieces no wider than the limit, which join back to the text', () => {
    const word = Array.from({ length: 1000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    const text = `Inicio ${word} final`;
    const out = pieces(text, 30);
    expect(out.join('')).toBe(text);
    expect(out[0]).toBe(`Inicio ${word.slice(0, 30)}`);
    expect(out.slice(1, -1).every((p) => p.length === 30)).toBe(true);
    expect(out[out.length - 1].endsWith(' final')).toBe(true);
  });

  it('measures pieces with the given widths and keeps at least one character a piece', () => {
    const wide = (code: number): number => (code === 87 ? 10 : 1); // "W" ten points, the rest one
    const out = Array.from(textPieces('W'.repeat(100) + 'i'.repeat(100), wide, 25));
    expect(out.join('')).toBe('W'.repeat(100) + 'i'.repeat(100));
    expect(out[0]).toBe('WW');
    expect(out.every((p) => [...p].reduce((w, c) => w + wide(c.charCodeAt(0)), 0) <= 25)).toBe(true);
    expect(Array.from(textPieces('x'.repeat(200), unitWidth, 0.5))).toHaveLength(200);
  });

  it('cuts long prose only before a word, once a piece has MAX_PIECE characters', () => {
    const prose = 'Acuerdo de coordinación interinstitucional. '.repeat(1000);
    const out = pieces(prose, 300);
    expect(out.join('')).toBe(prose);
    expect(out.length).toBeGreaterThan(prose.length / (MAX_PIECE + 100));
    for (const [i, p] of out.entries()) {
      if (i < out.length - 1) expect(p.length).toBeGreaterThanOrEqual(MAX_PIECE);
      if (i > 0) expect(out[i - 1].endsWith(' ') && !p.startsWith(' ')).toBe(true);
    }
  });

  it('never separates the halves of a surrogate pair', () => {
    const text = '😀'.repeat(200);
    const out = pieces(text, 3);
    expect(out.join('')).toBe(text);
    expect(out.length).toBeGreaterThan(10);
    expect(out.every((p) => !/^[\uDC00-\uDFFF]/.test(p) && !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });
});
