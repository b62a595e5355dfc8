import { describe, expect, it } from 'vitest';
import type { Block } from '../../shared/planBlocks.js';
import type { ExportBlock, ExportDocument } from './exportDocument.js';
import { fitColumnWidths } from './pdfColumns.js';
import { documentToPdf } from './renderPdf.js';
import { pdfShownText } from './testSupport.js';

/** 5 points a character, 6 in bold: easy sums. */
const measure = (word: string, bold: boolean) => word.length * (bold ? 6 : 5);
const cells = (...texts: string[]) => texts.map((text) => [{ text }]);

describe('fitColumnWidths', () => {
  it('keeps the weights when every word fits', () => {
    expect(fitColumnWidths([cells('ab', 'cd')], [1, 1], 200, 8, measure)).toEqual([100, 100]);
  });

  it('widens a column to its longest word (bold in the header) and takes the room from the others', () => {
    const widths = fitColumnWidths([cells('Actividad', 'Responsable'), cells('Taller', 'MUN-JUAREZ')], [7, 1], 400, 8, measure);
    // "Responsable" in bold: 11 × 6 + 8 = 74; the first column gives up what the second needs.
    expect(widths).toEqual([326, 74]);
  });

  it('keeps the weights when the others have no room to give', () => {
    expect(fitColumnWidths([cells('xxxxxxxxxxxxxxxxxxxx', 'yyyyyyyyyyyyyyyyyyyy')], [1, 1], 100, 8, measure, false)).toEqual([50, 50]);
  });
});

describe('a PDF table with narrow weights', () => {
  it('writes Spanish headers and agency acronyms whole, not broken mid-word', async () => {
    const header = ['Actividad', 'Responsable', 'Participantes', 'Ámbito', 'Lugares', 'Fechas', 'Estado'];
    const row = ['Capacitación a fiscales', 'MUN-JUAREZ', 'FGE-CHIH, SSPC', 'Trata de personas', 'Chihuahua', '2027', 'En curso'];
    const table: ExportBlock = { type: 'table', header: true, rows: [header, row].map((r) => r.map((text) => [{ text }])), widths: [30, 9, 12, 13, 14, 12, 10] };
    const doc: ExportDocument = { title: 'T', meta: [], titlePage: false, blocks: [table as Block], pageLabel: '{n} / {total}', lang: 'es' };
    const lines = pdfShownText((await documentToPdf(doc)).buffer).split('\n');
    for (const word of ['Responsable', 'Participantes', 'MUN-JUAREZ', 'FGE-CHIH,']) expect(lines.some((l) => l.split(' ').includes(word)), word).toBe(true);
  });
});
