/** Text primitives of the PDF renderer: styled runs, each stretch in the font that has it, and page-aware tables (pdfkit). */
import type { Run } from '../../shared/planBlocks.js';
import { MAX_WORD, textPieces, type CharWidth } from './pdfPieces.js';
import { FALLBACK_FONT, type FontStyle } from './pdfFallbackFont.js';
import { EMOJI_EM, EMOJI_FONT, emojiPieces } from './pdfEmojiFont.js';
import { measurable, pdfSegments, type SegmentFont } from './pdfSegments.js';
import { fitColumnWidths } from './pdfColumns.js';
import type { Steps } from '../workers/timeSlice.js';

export type Pdf = PDFKit.PDFDocument;

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', boldItalic: 'Helvetica-BoldOblique', mono: 'Courier' };
const TEXT_COLOR = '#000000';
const LINK_COLOR = '#1a4f8b';

/** A run as the renderer writes it: all its text in one font (WinAnsi for the standard one). */
type PdfRun = Run & { font?: SegmentFont };

function styleOf(run: Run): FontStyle {
  if (run.code) return 'mono';
  if (run.bold && run.italic) return 'boldItalic';
  if (run.bold) return 'bold';
  if (run.italic) return 'italic';
  return 'regular';
}

function fontOf(run: PdfRun): string {
  // Noto Emoji has one face: bold or italic emoji look the same.
  if (run.font === 'emoji') return EMOJI_FONT;
  return run.font === 'fallback' ? FALLBACK_FONT[styleOf(run)] : FONT[styleOf(run)];
}

/** Widths of single characters in `font` at `size`, each measured once; sets the font when it measures. */
function charWidths(pdf: Pdf, font: string, size: number): CharWidth {
  const known = new Map<number, number>();
  return (code) => {
    let w = known.get(code);
    if (w === undefined) {
      // Pieces are cut lazily, between writes in other fonts, so the font is set for every measurement.
      w = pdf.font(font).fontSize(size).widthOfString(String.fromCharCode(code));
      known.set(code, w);
    }
    return w;
  };
}

/** The pieces of a run's text that writeRuns hands pdfkit: long words are cut to at most half of `width`. */
function runPieces(pdf: Pdf, run: PdfRun, width: number, size: number): Iterable<string> {
  // Most runs are too short to hold a long word or a long piece: no need to look at their characters.
  if (run.text.length <= MAX_WORD) return [run.text];
  // Emoji are cut between sequences, never inside a flag or a ZWJ sequence, and all are as wide.
  if (run.font === 'emoji') return emojiPieces(run.text, Math.max(1, Math.floor(width / 2 / (EMOJI_EM * size))));
  return textPieces(run.text, charWidths(pdf, fontOf(run), size), width / 2);
}

/** Splits runs at hard breaks (pdfkit mis-places text that follows a newline inside a continued run) and into font segments. */
function runLines(runs: Run[]): PdfRun[][] {
  const lines: PdfRun[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((piece, i) => {
      if (i > 0) lines.push([]);
      for (const segment of pdfSegments(piece)) lines[lines.length - 1].push({ ...run, text: segment.text, font: segment.font });
    });
  }
  return lines;
}

/** The runs of one line cut into pieces, lazily, so that no step of writeRuns grows with the length of a run. */
function* linePieces(pdf: Pdf, parts: PdfRun[], width: number, size: number): Generator<PdfRun, void, undefined> {
  for (const run of parts) for (const text of runPieces(pdf, run, width, size)) yield { ...run, text };
}

/** Writes styled runs as one flowing paragraph at (x, y) within `width`, yielding after each piece; pdfkit adds pages as needed. */
export function* writeRuns(pdf: Pdf, runs: Run[], x: number, width: number, size: number, y: number = pdf.y, color: string = TEXT_COLOR): Steps {
  const lines = runLines(runs);
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const lineY = lineIndex === 0 ? y : pdf.y;
    let first = true;
    const write = (run: PdfRun, continued: boolean): void => {
      pdf.font(fontOf(run)).fontSize(size).fillColor(run.href ? LINK_COLOR : color);
      // Options are inherited between continued calls, so every style option is set explicitly on each run.
      const options: PDFKit.Mixins.TextOptions = { width, continued, link: run.href ?? null, underline: Boolean(run.href || run.underline), strike: Boolean(run.strike) };
      if (first) pdf.text(run.text, x, lineY, options);
      else pdf.text(run.text, options);
      first = false;
    };
    // One piece behind, to know which is the last of the line: only that one ends the continued text.
    let pending: PdfRun | undefined;
    for (const piece of linePieces(pdf, lines[lineIndex], width, size)) {
      if (pending) {
        write(pending, true);
        yield;
      }
      pending = piece;
    }
    if (pending) write(pending, false);
    else pdf.font(FONT.regular).fontSize(size).text(' ', x, lineY, { width });
    yield;
  }
  pdf.fillColor(TEXT_COLOR);
}

// Marks where writeRuns starts a new pdfkit call, which is where pdfkit may break the line; it has no width.
const ZERO_WIDTH_SPACE = '\u200B';

/** Height the runs will take at `width`, measured in the widest font used so the estimate errs on the safe side. */
export function runsHeight(pdf: Pdf, runs: Run[], width: number, size: number): number {
  // Cut where writeRuns cuts, so pdfkit breaks the measured lines where it will break the written ones.
  const textValue =
    runs
      .map((r) => ({ ...r, text: measurable(r.text) }))
      .filter((r) => r.text !== '')
      .map((r) => Array.from(runPieces(pdf, r, width, size)).join(ZERO_WIDTH_SPACE))
      .join(ZERO_WIDTH_SPACE) || ' ';
  const font = runs.some((r) => r.code) ? FONT.mono : runs.some((r) => r.bold) ? FONT.bold : FONT.regular;
  return pdf.font(font).fontSize(size).heightOfString(textValue, { width });
}

// A cell never shows more than a page (see truncateRuns) and a page holds far fewer characters at table size,
// so longer text is cut to this before it is measured: the measuring is then bounded whatever the cell holds.
const CELL_TEXT_LIMIT = 100_000;

function runsLength(runs: Run[]): number {
  return runs.reduce((n, r) => n + r.text.length, 0);
}

/** The first `n` characters of runs. */
function headRuns(runs: Run[], n: number): Run[] {
  const out: Run[] = [];
  let left = n;
  for (const r of runs) {
    if (left <= 0) break;
    out.push({ ...r, text: r.text.slice(0, left) });
    left -= r.text.length;
  }
  return out;
}

/** The first `n` UTF-16 units of `text`, one less rather than half an emoji. */
function headText(text: string, n: number): string {
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/**
 * Cuts runs so they fit in `maxHeight`: a table row never spans more than one page. The longest run gives way first,
 * ending with an ellipsis, and the others stay whole (an activity's long description was cut with its target and
 * indicator after it); when they alone do not fit, the cell is cut at its end.
 */
function* truncateRuns(pdf: Pdf, runs: Run[], width: number, size: number, maxHeight: number): Generator<void, Run[], undefined> {
  const longest = runs.reduce((best, r, i) => (r.text.length > runs[best].text.length ? i : best), 0);
  const others = runsLength(runs) - (runs[longest]?.text.length ?? 0);
  const shortened = (n: number): Run[] => runs.map((r, i) => (i === longest ? { ...r, text: headText(r.text, n) + '…' } : r));
  if (runs.length > 1 && others < CELL_TEXT_LIMIT && runsHeight(pdf, shortened(0), width, size) <= maxHeight) {
    let lo = 0;
    let hi = Math.min(runs[longest].text.length, CELL_TEXT_LIMIT - others);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (runsHeight(pdf, shortened(mid), width, size) <= maxHeight) lo = mid;
      else hi = mid - 1;
      yield;
    }
    return shortened(lo);
  }
  const cut = (n: number): Run[] => [...headRuns(runs, n), { text: '…' }];
  let lo = 0;
  let hi = Math.min(runsLength(runs), CELL_TEXT_LIMIT);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (runsHeight(pdf, cut(mid), width, size) <= maxHeight) lo = mid;
    else hi = mid - 1;
    yield;
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

interface MeasuredRow {
  cells: Run[][];
  height: number;
}

/** Draws a table row by row, starting a new page (and repeating the header row) when a row would not fit. */
export function* writeTable(pdf: Pdf, table: PdfTable, x: number, width: number): Steps {
  // A loop, not Math.max(...rows): spreading a 200,000-row table overflows the call stack.
  const columns = table.rows.reduce((n, r) => Math.max(n, r.length), 1);
  const weights = table.widths && table.widths.length === columns ? table.widths : Array.from({ length: columns }, () => 1);
  const wordWidth = (word: string, bold: boolean) => pdf.font(bold ? FONT.bold : FONT.regular).fontSize(TABLE_FONT_SIZE).widthOfString(measurable(word));
  const colWidths = fitColumnWidths(table.rows, weights, width, 2 * CELL_PAD + 1, wordWidth, table.header);
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const usable = () => bottom() - pdf.page.margins.top;
  const header = table.header && table.rows.length ? table.rows[0] : null;
  const bodyRows = header ? table.rows.slice(1) : table.rows;

  function* measure(cells: Run[][]): Generator<void, MeasuredRow, undefined> {
    const maxText = usable() - 2 * CELL_PAD - (header ? 40 : 0);
    const fitted: Run[][] = [];
    let height = 0;
    for (let c = 0; c < colWidths.length; c++) {
      const runs = cells[c] ?? [];
      const inner = colWidths[c] - 2 * CELL_PAD;
      const tooLong = runsLength(runs) > CELL_TEXT_LIMIT || runsHeight(pdf, runs, inner, TABLE_FONT_SIZE) > maxText;
      const shown = tooLong ? yield* truncateRuns(pdf, runs, inner, TABLE_FONT_SIZE, maxText) : runs;
      fitted.push(shown);
      height = Math.max(height, runsHeight(pdf, shown, inner, TABLE_FONT_SIZE));
      yield;
    }
    return { cells: fitted, height: height + 2 * CELL_PAD };
  }

  function* drawRow(row: MeasuredRow, isHeader: boolean): Steps {
    const top = pdf.y;
    let cx = x;
    for (let c = 0; c < colWidths.length; c++) {
      const w = colWidths[c];
      if (isHeader) pdf.rect(cx, top, w, row.height).fill('#e7e6e6');
      pdf.fillColor(TEXT_COLOR);
      yield* writeRuns(pdf, row.cells[c] ?? [], cx + CELL_PAD, w - 2 * CELL_PAD, TABLE_FONT_SIZE, top + CELL_PAD);
      pdf.lineWidth(0.5).strokeColor('#999999').rect(cx, top, w, row.height).stroke();
      cx += w;
    }
    pdf.x = x;
    pdf.y = top + row.height;
  }

  const headerRow = header ? yield* measure(header.map((runs) => runs.map((r) => ({ ...r, bold: true })))) : null;
  if (headerRow && pdf.y + headerRow.height + 20 > bottom()) pdf.addPage();
  if (headerRow) yield* drawRow(headerRow, true);
  for (const cells of bodyRows) {
    const row = yield* measure(cells);
    if (pdf.y + row.height > bottom()) {
      pdf.addPage();
      if (headerRow) yield* drawRow(headerRow, true);
    }
    yield* drawRow(row, false);
  }
  pdf.x = x;
}
