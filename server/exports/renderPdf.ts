/** Renders an export document as a paginated PDF (pdfkit, Helvetica with DejaVu Sans and Noto Emoji for what it lacks, numbered pages). */
import PDFDocument from 'pdfkit';
import type { Block } from '../../shared/planBlocks.js';
import type { ExportBlock, ExportDocument } from './exportDocument.js';
import { FONT, writeRuns, writeTable, type Pdf } from './pdfText.js';
import { pdfSafe } from './pdfSegments.js';
import { registerFallbackFonts } from './pdfFallbackFont.js';
import { registerEmojiFont } from './pdfEmojiFont.js';
import { runSliced, type Steps } from '../workers/timeSlice.js';

export interface PdfResult {
  buffer: Buffer;
  pageCount: number;
}

const MARGIN = 56;
const BODY_SIZE = 10;
const HEADING_SIZES = [18, 15, 13, 11.5, 10.5, 10];
const LIST_INDENT = 16;

function bottom(pdf: Pdf): number {
  return pdf.page.height - pdf.page.margins.bottom;
}

/** Starts a new page unless `needed` points fit: keeps headings with what follows them. */
function ensureSpace(pdf: Pdf, needed: number): void {
  if (pdf.y + needed > bottom(pdf)) pdf.addPage();
}

function* writeBlocks(pdf: Pdf, blocks: Array<ExportBlock | Block>, x: number, width: number): Steps {
  for (const block of blocks) yield* writeBlock(pdf, block, x, width);
}

function* writeBlock(pdf: Pdf, block: ExportBlock | Block, x: number, width: number): Steps {
  switch (block.type) {
    case 'heading': {
      const size = HEADING_SIZES[block.level - 1] ?? BODY_SIZE;
      pdf.moveDown(0.4);
      ensureSpace(pdf, size * 4);
      yield* writeRuns(pdf, block.runs.map((r) => ({ ...r, bold: true })), x, width, size);
      pdf.moveDown(0.3);
      return;
    }
    case 'paragraph':
      if (block.runs.every((r) => r.text.trim() === '')) return;
      ensureSpace(pdf, BODY_SIZE * 1.5);
      yield* writeRuns(pdf, block.runs, x, width, BODY_SIZE);
      pdf.moveDown(0.5);
      return;
    case 'list':
      yield* writeList(pdf, block, x, width);
      return;
    case 'quote': {
      const startPage = pdf.bufferedPageRange().count;
      const top = pdf.y;
      yield* writeBlocks(pdf, block.blocks, x + 14, width - 14);
      // A quote that crossed pages gets its bar on the last page only: enough to mark it.
      const barTop = pdf.bufferedPageRange().count === startPage ? top : pdf.page.margins.top;
      pdf.lineWidth(2).strokeColor('#bbbbbb').moveTo(x + 4, barTop).lineTo(x + 4, pdf.y - 4).stroke();
      return;
    }
    case 'code': {
      ensureSpace(pdf, BODY_SIZE * 1.5);
      // Through writeRuns like prose, so a long line of code is cut into pieces pdfkit wraps cheaply.
      yield* writeRuns(pdf, [{ text: block.text || ' ', code: true }], x + 6, width - 12, 8.5, pdf.y, '#222222');
      pdf.moveDown(0.5);
      return;
    }
    case 'rule':
      ensureSpace(pdf, 12);
      pdf.lineWidth(0.75).strokeColor('#999999').moveTo(x, pdf.y + 4).lineTo(x + width, pdf.y + 4).stroke();
      pdf.y += 12;
      return;
    case 'table':
      if (block.rows.length === 0) return;
      yield* writeTable(pdf, { header: block.header, rows: block.rows, widths: 'widths' in block ? block.widths : undefined }, x, width);
      pdf.moveDown(0.8);
      return;
  }
}

function* writeList(pdf: Pdf, block: Extract<Block, { type: 'list' }>, x: number, width: number): Steps {
  for (const [i, item] of block.items.entries()) {
    const marker = block.ordered ? `${(block.start ?? 1) + i}.` : '•';
    ensureSpace(pdf, BODY_SIZE * 1.5);
    const top = pdf.y;
    pdf.font(FONT.regular).fontSize(BODY_SIZE).fillColor('#000000').text(marker, x, top, { width: LIST_INDENT + 4, lineBreak: false });
    pdf.x = x;
    pdf.y = top;
    if (item.length === 0 || item[0].type !== 'paragraph') pdf.moveDown(1);
    for (const [j, inner] of item.entries()) {
      if (j === 0 && inner.type === 'paragraph') {
        yield* writeRuns(pdf, inner.runs, x + LIST_INDENT + 4, width - LIST_INDENT - 4, BODY_SIZE, top);
        pdf.moveDown(0.2);
      } else yield* writeBlock(pdf, inner, x + LIST_INDENT + 4, width - LIST_INDENT - 4);
    }
  }
  pdf.x = x;
  pdf.moveDown(0.3);
}

function* writeTitle(pdf: Pdf, doc: ExportDocument, x: number, width: number): Steps {
  if (doc.titlePage) pdf.y = pdf.page.height / 4;
  yield* writeRuns(pdf, [{ text: doc.title, bold: true }], x, width, doc.titlePage ? 24 : 18);
  pdf.moveDown(doc.titlePage ? 1.5 : 0.6);
  for (const m of doc.meta) {
    yield* writeRuns(pdf, [{ text: `${m.label}: `, bold: true }, { text: m.value }], x, width, doc.titlePage ? 12 : BODY_SIZE);
    pdf.moveDown(0.2);
  }
  if (doc.titlePage) pdf.addPage();
  else pdf.moveDown(1);
}

function* numberPages(pdf: Pdf, template: string): Steps {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const label = pdfSafe(template.replace('{n}', String(i - start + 1)).replace('{total}', String(count)));
    // Writing inside the bottom margin would make pdfkit start a new page; lift the margin while drawing the footer.
    const saved = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font(FONT.regular).fontSize(8).fillColor('#555555').text(label, MARGIN, pdf.page.height - MARGIN / 2 - 4, {
      width: pdf.page.width - 2 * MARGIN,
      align: 'center',
      lineBreak: false,
    });
    pdf.page.margins.bottom = saved;
    yield;
  }
}

function* writeDocument(pdf: Pdf, doc: ExportDocument): Steps {
  const width = pdf.page.width - 2 * MARGIN;
  yield* writeTitle(pdf, doc, MARGIN, width);
  yield* writeBlocks(pdf, doc.blocks, MARGIN, width);
  yield* numberPages(pdf, doc.pageLabel);
}

/** The PDF of an export document and how many pages it has; rendered in slices so other requests are served meanwhile. */
export function documentToPdf(doc: ExportDocument): Promise<PdfResult> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      bufferPages: true,
      lang: doc.lang === 'es' ? 'es-MX' : 'en-US',
      // pdfkit writes metadata strings beyond ASCII as UTF-16: the title needs no WinAnsi mapping there.
      info: { Title: doc.title, Creator: 'Enlace' },
    });
    registerFallbackFonts(pdf);
    registerEmojiFont(pdf);
    const chunks: Buffer[] = [];
    let pageCount = 0;
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('error', reject);
    pdf.on('end', () => resolve({ buffer: Buffer.concat(chunks), pageCount }));
    runSliced(writeDocument(pdf, doc))
      .then(() => {
        pageCount = pdf.bufferedPageRange().count;
        pdf.end();
      })
      .catch(reject);
  });
}
