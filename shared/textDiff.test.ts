import { describe, expect, it } from 'vitest';
import { diffSequences, diffText, tokenize } from './textDiff.js';

function seeded(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

const rebuild = (runs: Array<{ op: string; text: string }>, side: 'from' | 'to') =>
  runs
    .filter((r) => r.op === 'equal' || r.op === (side === 'from' ? 'delete' : 'insert'))
    .map((r) => r.text)
    .join('');

describe('word-level text diff', () => {
  it('tokenizes words, punctuation and whitespace without losing a character', () => {
    expect(tokenize('Año 2027: trata, ¿sí?\n  fin')).toEqual(['Año', ' ', '2027', ':', ' ', 'trata', ',', ' ', '¿', 'sí', '?', '\n  ', 'fin']);
  });

  it('reports exactly the inserted and deleted words', () => {
    const runs = diffText('Objetivos comunes de la mesa.', 'Objetivos comunes y urgentes de la mesa regional.');
    expect(runs.filter((r) => r.op === 'insert').map((r) => r.text.trim())).toEqual(['y urgentes', 'regional']);
    expect(runs.some((r) => r.op === 'delete')).toBe(false);
    const removed = diffText('Uno dos tres cuatro', 'Uno cuatro');
    expect(removed.filter((r) => r.op === 'delete').map((r) => r.text.trim())).toEqual(['dos tres']);
  });

  it('is minimal on sequences (classic Myers example)', () => {
    const runs = diffSequences('ABCABBA'.split(''), 'CBABAC'.split(''));
    const edits = runs.filter((r) => r.op !== 'equal').reduce((n, r) => n + r.items.length, 0);
    expect(edits).toBe(5);
  });

  it('rebuilds both sides exactly on random edits', () => {
    const rnd = seeded(7);
    const words = ['la', 'mesa', 'de', 'trata', 'Juárez', 'plan', ',', '.', ' ', '\n', 'FGR'];
    const pick = () => words[Math.floor(rnd() * words.length)];
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(rnd() * 40) }, pick).join(' ');
      const tokens = a.split(' ');
      for (let e = 0; e < 5; e++) {
        const i = Math.floor(rnd() * (tokens.length + 1));
        if (rnd() < 0.5) tokens.splice(i, 1);
        else tokens.splice(i, 0, pick());
      }
      const b = tokens.join(' ');
      const runs = diffText(a, b);
      expect(rebuild(runs, 'from')).toBe(a);
      expect(rebuild(runs, 'to')).toBe(b);
    }
  });

  it('falls back to one replacement past the edit limit, still exact', () => {
    const runs = diffText('a b c d e f', 'u v w x y z', 2);
    expect(rebuild(runs, 'from')).toBe('a b c d e f');
    expect(rebuild(runs, 'to')).toBe('u v w x y z');
  });
});
