/** Text primitives of the PDF renderer: WinAnsi-safe strings, styled runs and page-aware tables (pdfkit). */
import type { Run } from '../../shared/planBlocks.js';

export type Pdf = PDFKit.PDFDocument;

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', boldItalic: 'Helvetica-BoldOblique', mono: 'Courier' };
const TEXT_COLOR = '#000000';
const LINK_COLOR = '#1a4f8b';

// The standard PDF fonts only encode WinAnsi; pdfkit writes anything else as garbage glyph codes.
const WIN_ANSI_EXTRA = new Set([
  402, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226, 8230, 8364, 8240, 8249, 8250, 710, 8482, 338,
  339, 732, 352, 353, 376, 381, 382,
]);
const REPLACEMENTS: Record<string, string> = { '\u00A0': ' ', '\u202F': ' ', '\u2009': ' ', '\u2010': '-', '\u2011': '-', '\u2212': '-', '\u2192': '->', '\u2190': '<-', '\t': '    ' };

function encodable(code: number): boolean {
  return (code >= 32 && code <= 126) || (code >= 160 && code <= 255) || WIN_ANSI_EXTRA.has(code) || code === 10;
}

/** Maps text onto what Helvetica can show: known look-alikes, then accents stripped, then "?". */
export function pdfSafe(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 63;
    if (encodable(code)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if (code < 32 || (code >= 127 && code < 160)) continue;
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += [...base].every((c) => encodable(c.codePointAt(0) ?? 0)) && base !== '' ? base : '?';
    }
  }
  return out;
}

function fontOf(run: Run): string {
  if (run.code) return FONT.mono;
  if (run.bold && run.italic) return FONT.boldItalic;
  if (run.bold) return FONT.bold;
  if (run.italic) return FONT.italic;
  return FONT.regular;
}

/** Splits runs at hard breaks: pdfkit mis-places text that follows a newline inside a continued run. */
function runLines(runs: Run[]): Run[][] {
  const lines: Run[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((piece, i) => {
      if (i > 0) lines.push([]);
      const safe = pdfSafe(piece);
      if (safe !== '') lines[lines.length - 1].push({ ...run, text: safe });
    });
  }
  return lines;
}

/** Writes styled runs as one flowing paragraph at (x, y) within `width`; pdfkit adds pages as needed. */
export function writeRuns(pdf: Pdf, runs: Run[], x: number, width: number, size: number, y: number = pdf.y): void {
  runLines(runs).forEach((parts, lineIndex) => {
    const lineY = lineIndex === 0 ? y : pdf.y;
    if (parts.length === 0) {
      pdf.font(FONT.regular).fontSize(size).text(' ', x, lineY, { width });
      return;
    }
    parts.forEach((run, i) => {
      pdf.font(fontOf(run)).fontSize(size).fillColor(run.href ? LINK_COLOR : TEXT_COLOR);
      // Options are inherited between continued calls, so every style option is set explicitly on each run.
      const options: PDFKit.Mixins.TextOptions = {
        width,
        continued: i < parts.length - 1,
        link: run.href ?? null,
        underline: Boolean(run.href),
        strike: Boolean(run.strike),
      };
      if (i === 0) pdf.text(run.text, x, lineY, options);
      else pdf.text(run.text, options);
    });
  });
  pdf.fillColor(TEXT_COLOR);
}

/** Height the runs will take at `width`, measured in the widest font used so the estimate errs on the safe side. */
export function runsHeight(pdf: Pdf, runs: Run[], width: number, size: number): number {
  const textValue = pdfSafe(runs.map((r) => r.text).join('')) || ' ';
  const font = runs.some((r) => r.code) ? FONT.mono : runs.some((r) => r.bold) ? FONT.bold : FONT.regular;
  return pdf.font(font).fontSize(size).heightOfString(textValue, { width });
}

/** Cuts runs so they fit in `maxHeight`, ending with an ellipsis: a table row never spans more than one page. */
function truncateRuns(pdf: Pdf, runs: Run[], width: number, size: number, maxHeight: number): Run[] {
  const full = runs.map((r) => r.text).join('');
  let lo = 0;
  let hi = full.length;
  const cut = (n: number): Run[] => {
    const out: Run[] = [];
    let left = n;
    for (const r of runs) {
      if (left <= 0) break;
      out.push({ ...r, text: r.text.slice(0, left) });
      left -= r.text.length;
    }
    out.push({ text: '…' });
    return out;
  };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (runsHeight(pdf, cut(mid), width, size) <= maxHeight) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}

export interface PdfTable {
  header: boolean;
  rows: Run[][][];
  widths?: number[];
}

const CELL_PAD = 4;
const TABLE_FONT_SIZE = 8;

/** Draws a table row by row, starting a new page (and repeating the header row) when a row would not fit. */
export function writeTable(pdf: Pdf, table: PdfTable, x: number, width: number): void {
  const columns = Math.max(1, ...table.rows.map((r) => r.length));
  const weights = table.widths && table.widths.length === columns ? table.widths : Array.from({ length: columns }, () => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const colWidths = weights.map((w) => (w / total) * width);
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const usable = () => bottom() - pdf.page.margins.top;
  const header = table.header && table.rows.length ? table.rows[0] : null;
  const bodyRows = header ? table.rows.slice(1) : table.rows;

  const measure = (cells: Run[][]): { cells: Run[][]; height: number } => {
    const maxText = usable() - 2 * CELL_PAD - (header ? 40 : 0);
    const fitted = colWidths.map((w, c) => {
      const runs = cells[c] ?? [];
      const inner = w - 2 * CELL_PAD;
      return runsHeight(pdf, runs, inner, TABLE_FONT_SIZE) > maxText ? truncateRuns(pdf, runs, inner, TABLE_FONT_SIZE, maxText) : runs;
    });
    const height = Math.max(...fitted.map((runs, c) => runsHeight(pdf, runs, colWidths[c] - 2 * CELL_PAD, TABLE_FONT_SIZE))) + 2 * CELL_PAD;
    return { cells: fitted, height };
  };

  const drawRow = (row: { cells: Run[][]; height: number }, isHeader: boolean): void => {
    const top = pdf.y;
    let cx = x;
    colWidths.forEach((w, c) => {
      if (isHeader) pdf.rect(cx, top, w, row.height).fill('#e7e6e6');
      pdf.fillColor(TEXT_COLOR);
      writeRuns(pdf, row.cells[c] ?? [], cx + CELL_PAD, w - 2 * CELL_PAD, TABLE_FONT_SIZE, top + CELL_PAD);
      pdf.lineWidth(0.5).strokeColor('#999999').rect(cx, top, w, row.height).stroke();
      cx += w;
    });
    pdf.x = x;
    pdf.y = top + row.height;
  };

  const headerRow = header ? measure(header.map((runs) => runs.map((r) => ({ ...r, bold: true })))) : null;
  if (headerRow && pdf.y + headerRow.height + 20 > bottom()) pdf.addPage();
  if (headerRow) drawRow(headerRow, true);
  for (const cells of bodyRows) {
    const row = measure(cells);
    if (pdf.y + row.height > bottom()) {
      pdf.addPage();
      if (headerRow) drawRow(headerRow, true);
    }
    drawRow(row, false);
  }
  pdf.x = x;
}
