/** Renders an export document as a Word (.docx) file with the docx package. */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Block, Run } from '../../shared/planBlocks.js';
import type { ExportBlock, ExportDocument, ExportTable } from './exportDocument.js';
import { xmlText } from './xmlText.js';

const ORDERED_REF = 'enlace-ordered';
/** Word takes list numbers up to 32767. */
const MAX_LIST_START = 32767;
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];
const MONO = 'Courier New';

/** Word text cannot hold XML-invalid characters; the docx package does not strip them. */
const clean = xmlText;

function textRuns(run: Run, extra: { size?: number } = {}): TextRun[] {
  return clean(run.text)
    .split('\n')
    .map(
      (piece, i) =>
        new TextRun({
          text: piece,
          break: i > 0 ? 1 : undefined,
          bold: run.bold,
          italics: run.italic,
          strike: run.strike,
          underline: run.underline ? {} : undefined,
          font: run.code ? MONO : undefined,
          style: run.href ? 'Hyperlink' : undefined,
          ...extra,
        }),
    );
}

function paragraphChildren(runs: Run[], extra: { size?: number } = {}): ParagraphChild[] {
  return runs.flatMap((run): ParagraphChild[] =>
    run.href ? [new ExternalHyperlink({ link: run.href, children: textRuns(run, extra) })] : textRuns(run, extra),
  );
}

/** Renders blocks in order; each ordered list gets its own numbering instance so Word restarts it at its start. */
class DocxBlocks {
  private nextInstance = 1;
  /** First numbers of ordered lists that do not start at 1: each gets a numbering definition of its own. */
  readonly starts = new Set<number>();

  render(blocks: Array<ExportBlock | Block>, depth = 0, indent = 0): Array<Paragraph | Table> {
    return blocks.flatMap((b) => this.block(b, depth, indent));
  }

  private block(block: ExportBlock | Block, depth: number, indent: number): Array<Paragraph | Table> {
    const indentOpt = indent ? { indent: { left: indent } } : {};
    switch (block.type) {
      case 'heading':
        return [new Paragraph({ heading: HEADINGS[block.level - 1], children: paragraphChildren(block.runs) })];
      case 'paragraph':
        return [new Paragraph({ children: paragraphChildren(block.runs), ...indentOpt })];
      case 'list':
        return this.list(block, depth, indent);
      case 'quote':
        return this.render(block.blocks, depth, indent + 567);
      case 'code':
        return block.text.split('\n').map(
          (line) =>
            new Paragraph({
              children: [new TextRun({ text: clean(line), font: MONO, size: 18 })],
              shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' },
              spacing: { after: 0 },
              ...indentOpt,
            }),
        );
      case 'rule':
        return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } } })];
      case 'table':
        return [docxTable(block), new Paragraph({})];
    }
  }

  private list(block: Extract<Block, { type: 'list' }>, depth: number, indent: number): Array<Paragraph | Table> {
    const level = Math.min(depth, 8);
    const instance = block.ordered ? this.nextInstance++ : 0;
    // Word's numbering restarts each instance at its definition's start: a list from 3 needs a definition from 3.
    const start = block.ordered ? Math.min(MAX_LIST_START, block.start ?? 1) : 1;
    if (start !== 1) this.starts.add(start);
    const reference = start === 1 ? ORDERED_REF : `${ORDERED_REF}-${start}`;
    const out: Array<Paragraph | Table> = [];
    for (const item of block.items) {
      item.forEach((inner, i) => {
        if (i === 0 && inner.type === 'paragraph') {
          const marker = block.ordered
            ? { numbering: { reference, level, instance } }
            : { bullet: { level } };
          // Inside a quote the item moves in by the quote's indent too (the numbering's own indent ignores it).
          const quoted = indent ? { indent: { left: indent + 720 * (level + 1), hanging: 360 } } : {};
          out.push(new Paragraph({ children: paragraphChildren(inner.runs), ...marker, ...quoted }));
        } else if (inner.type === 'list') {
          // Loops, not push(...): a list item holding 200,000 blocks would overflow the call stack.
          for (const p of this.list(inner, depth + 1, indent)) out.push(p);
        } else {
          for (const p of this.render([inner], depth + 1, indent + 720 * (level + 1))) out.push(p);
        }
      });
    }
    return out;
  }
}

function boldRuns(runs: Run[]): Run[] {
  return runs.map((r) => ({ ...r, bold: true }));
}

function docxTable(block: ExportTable): Table {
  // A loop, not Math.max(...rows): spreading a 200,000-row table overflows the call stack.
  const width = block.rows.reduce((n, r) => Math.max(n, r.length), 1);
  const weights = block.widths && block.widths.length === width ? block.widths : Array.from({ length: width }, () => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const pct = weights.map((w) => Math.round((w / sum) * 100));
  const rows = block.rows.map((cells, r) => {
    const header = block.header && r === 0;
    return new TableRow({
      tableHeader: header,
      children: Array.from(
        { length: width },
        (_, c) =>
          new TableCell({
            width: { size: pct[c], type: WidthType.PERCENTAGE },
            shading: header ? { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } : undefined,
            children: [new Paragraph({ children: paragraphChildren(header ? boldRuns(cells[c] ?? []) : cells[c] ?? [], { size: 18 }) })],
          }),
      ),
    });
  });
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

function footer(template: string): Footer {
  // The template's placeholders become Word fields, so numbers stay right after the reader reflows the text.
  const children: Array<string | (typeof PageNumber)[keyof typeof PageNumber]> = [];
  for (const part of template.split(/(\{n\}|\{total\})/)) {
    if (part === '{n}') children.push(PageNumber.CURRENT);
    else if (part === '{total}') children.push(PageNumber.TOTAL_PAGES);
    else if (part) children.push(part);
  }
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children, size: 16 })] })],
  });
}

function titleBlock(doc: ExportDocument): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      spacing: doc.titlePage ? { before: 2400, after: 400 } : { after: 200 },
      children: [new TextRun({ text: clean(doc.title) })],
    }),
  ];
  for (const m of doc.meta) {
    out.push(
      new Paragraph({
        children: [new TextRun({ text: clean(`${m.label}: `), bold: true }), new TextRun({ text: clean(m.value) })],
      }),
    );
  }
  if (doc.titlePage) out.push(new Paragraph({ children: [new PageBreak()] }));
  return out;
}

/** A decimal numbering definition whose lists start at `start`. */
function orderedNumbering(reference: string, start: number) {
  return {
    reference,
    levels: Array.from({ length: 9 }, (_, level) => ({
      level,
      start,
      format: LevelFormat.DECIMAL,
      text: `%${level + 1}.`,
      alignment: AlignmentType.START,
      style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
    })),
  };
}

/** The .docx file of an export document. */
export async function documentToDocx(doc: ExportDocument): Promise<Buffer> {
  const blocks = new DocxBlocks();
  const body = blocks.render(doc.blocks);
  const file = new Document({
    title: clean(doc.title),
    creator: 'Enlace',
    numbering: { config: [orderedNumbering(ORDERED_REF, 1), ...[...blocks.starts].map((n) => orderedNumbering(`${ORDERED_REF}-${n}`, n))] },
    sections: [
      {
        footers: { default: footer(doc.pageLabel) },
        children: [...titleBlock(doc), ...body],
      },
    ],
  });
  return Packer.toBuffer(file);
}
