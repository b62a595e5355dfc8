import { describe, expect, it } from 'vitest';
import type { Block } from '../../shared/planBlocks.js';
import type { ExportDocument } from './exportDocument.js';
import { pdfSafe, pdfSegments } from './pdfSegments.js';
import { documentToPdf } from './renderPdf.js';
import { countPdfPages, pdfShownText } from './testSupport.js';

/** A document whose own text (title, footer) has no lowercase letters, so the body's can be picked out of the PDF. */
function doc(blocks: Block[]): ExportDocument {
  return { title: 'T', meta: [], titlePage: false, blocks, pageLabel: '{n} / {total}', lang: 'es' };
}

/** A pasted-blob-like word of lowercase letters, the same every run. */
function word(length: number): string {
  let seed = 7;
  let out = '';
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += String.fromCharCode(97 + Math.floor((seed / 2147483648) * 26));
  }
  return out;
}

function lowercaseShown(pdf: Buffer): string {
  return pdfShownText(pdf).replace(/[^a-z]/g, '');
}

// pdfkit re-measured the rest of a word wider than the line for every line it filled: a 200,000-character word
// took about 30 s (70 s as a heading) with the whole server waiting. Cut into pieces it takes well under a second.
describe('documentToPdf with a long unbroken word', () => {
  const long = word(200_000);

  it('writes a 200,000-character word of a paragraph whole and in order', { timeout: 20_000 }, async () => {
    const { buffer, pageCount } = await documentToPdf(doc([{ type: 'paragraph', runs: [{ text: 'Antes ' }, { text: long, bold: true }, { text: ' despues' }] }]));
    expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(countPdfPages(buffer)).toBe(pageCount);
    expect(pageCount).toBeGreaterThan(20);
    expect(lowercaseShown(buffer)).toBe(`ntes${long}despues`);
  });

  it('writes the word whole as a heading and as a code block', { timeout: 20_000 }, async () => {
    const { buffer } = await documentToPdf(
      doc([
        { type: 'heading', level: 1, runs: [{ text: long }] },
        { type: 'code', text: long },
      ]),
    );
    expect(lowercaseShown(buffer)).toBe(long + long);
  });

  it('cuts the word to what fits on a page in a table cell, keeping its start', { timeout: 20_000 }, async () => {
    const { buffer } = await documentToPdf(doc([{ type: 'table', header: false, rows: [[[{ text: long }], [{ text: 'B' }]]] }]));
    const shown = lowercaseShown(buffer);
    expect(shown.length).toBeGreaterThan(1000);
    expect(long.startsWith(shown)).toBe(true);
    expect(pdfShownText(buffer)).toContain('…');
  });
});

describe('documentToPdf of a large plan', () => {
  it('gives the event loop turns while it renders', { timeout: 60_000 }, async () => {
    const prose = 'Las instituciones coordinarán sus acciones en el territorio. '.repeat(10);
    const blocks: Block[] = Array.from({ length: 2000 }, () => ({ type: 'paragraph', runs: [{ text: prose }] }));
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    try {
      const { pageCount } = await documentToPdf(doc(blocks));
      expect(pageCount).toBeGreaterThan(100);
    } finally {
      clearInterval(ticker);
    }
    // Rendered in one go, no timer could run until it was done.
    expect(turns).toBeGreaterThan(5);
  });
});

describe('pdfSafe', () => {
  it('keeps WinAnsi text and maps the rest to look-alikes, unaccented letters or "?"', () => {
    const input = 'Plan → 2025 😀 “final” ñ\u0007 e\u0301 x\u00A0y\tz 中 Œuvre — ‰ ﬁ ² \u202F\u2212\u0085\uD800a Ⅻ';
    expect(pdfSafe(input)).toBe('Plan -> 2025 ? “final” ñ e? x\u00A0y    z ? Œuvre — ‰ fi ²  -?a XII');
    expect(pdfSafe('x'.repeat(1000))).toBe('x'.repeat(1000));
  });
});

// Helvetica encodes WinAnsi only: "≥ 80 %" in a target, a Czech or Greek name, a Russian partner's title came out
// as "? 80 %", "Dvo?ák" and rows of "?". What it lacks is now written in DejaVu Sans, embedded as a subset.
describe('documentToPdf of text beyond WinAnsi', () => {
  it('shows mathematical signs, accented Latin, Greek and Cyrillic as written, and "?" only for what neither font has', async () => {
    const { buffer } = await documentToPdf(
      doc([
        { type: 'paragraph', runs: [{ text: 'Meta: ≥ 80 % de avance → informe; Antonín Dvořák; ' }, { text: 'Ελλάδα', bold: true }, { text: ' y ' }, { text: 'Москва, Казань', italic: true }] },
        { type: 'table', header: true, rows: [[[{ text: 'Indicador' }], [{ text: 'Umbral' }]], [[{ text: 'Cobertura ✓' }], [{ text: '≤ 5 días; 北京' }]]] },
      ]),
    );
    const shown = pdfShownText(buffer).replace(/\n/g, '');
    expect(shown).toContain('Meta: ≥ 80 % de avance → informe; Antonín Dvořák; Ελλάδα y Москва, Казань');
    expect(shown).toContain('Cobertura ✓');
    // DejaVu Sans has no Chinese: those two characters still read "?" rather than an empty box.
    expect(shown).toContain('≤ 5 días; ??');
    expect(buffer.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
  });

  it('embeds no font at all for text Helvetica can show', async () => {
    const { buffer } = await documentToPdf(doc([{ type: 'paragraph', runs: [{ text: 'Coordinación en Michoacán, “año” 2025 — ¿sí? €' }] }]));
    expect(pdfShownText(buffer).replace(/\n/g, '')).toContain('Coordinación en Michoacán, “año” 2025 — ¿sí? €');
    expect(buffer.toString('latin1')).not.toContain('FontFile2');
  });

  it('keeps a paragraph of Cyrillic in one fallback segment, spaces and punctuation included', () => {
    expect(pdfSegments('Plan: Москва, Санкт-Петербург и Казань. Fin')).toEqual([
      { text: 'Plan: ', font: 'standard' },
      { text: 'Москва, Санкт-Петербург и Казань', font: 'fallback' },
      { text: '. Fin', font: 'standard' },
    ]);
    expect(pdfSegments('a\u2009b\u0007c')).toEqual([{ text: 'a bc', font: 'standard' }]);
  });
});
