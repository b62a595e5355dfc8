/** Test helpers for the export renderers: read a file out of a .docx zip, count PDF pages, read PDF text, sample data. */
import { inflateRawSync, inflateSync } from 'node:zlib';
import type { Activity } from '../../shared/planModel.js';
import type { OrganizationNames } from './labels.js';

/** The text of one entry of a zip archive, found through the central directory (stored or deflated entries). */
export function readZipEntry(zip: Buffer, name: string): string | null {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entryName === name) {
      const localNameLength = zip.readUInt16LE(localOffset + 26);
      const localExtraLength = zip.readUInt16LE(localOffset + 28);
      const start = localOffset + 30 + localNameLength + localExtraLength;
      const data = zip.subarray(start, start + compressedSize);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

/** Page objects in a PDF (pdfkit writes no object streams, so each page is a plain "/Type /Page" dictionary). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

// WinAnsi is Latin-1 but for 0x80-0x9F (Node's windows-1252 TextDecoder drops some of these, e.g. 0x85 "…").
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function winAnsiText(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? WIN_ANSI_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

/** The stream of object `num`, inflated (pdfkit compresses every stream). */
function objectStream(pdf: Buffer, raw: string, num: string): Buffer | null {
  const start = new RegExp(`(?:^|\\n)${num} 0 obj\\b[^]*?stream\\r?\\n`).exec(raw);
  if (!start) return null;
  const from = start.index + start[0].length;
  return inflateSync(pdf.subarray(from, raw.indexOf('endstream', from)));
}

/** Glyph code to text, from an embedded font's ToUnicode map (pdfkit writes `<first> <last> [<text> …]` ranges). */
function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const range of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<[0-9a-fA-F]+>\s*\[([^\]]*)\]/g)) {
    let code = parseInt(range[1], 16);
    for (const entry of range[2].matchAll(/<([0-9a-fA-F ]+)>/g)) {
      const units = entry[1].split(' ').filter(Boolean).map((h) => parseInt(h, 16));
      map.set(code++, String.fromCharCode(...units));
    }
  }
  return map;
}

/** A font resource of a PDF: its base font name, and its ToUnicode map (null for a standard font: WinAnsi bytes). */
interface PdfFont {
  name: string;
  map: Map<number, string> | null;
}

/** Each font resource name (F1, F2 …) to its font. */
function fontMaps(pdf: Buffer, raw: string): Map<string, PdfFont> {
  const fonts = new Map<string, PdfFont>();
  for (const ref of raw.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    if (fonts.has(ref[1])) continue;
    const body = new RegExp(`(?:^|\\n)${ref[2]} 0 obj([^]*?)endobj`).exec(raw)?.[1] ?? '';
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(body);
    const cmap = toUnicode ? objectStream(pdf, raw, toUnicode[1]) : null;
    fonts.set(ref[1], { name: /\/BaseFont \/(\S+)/.exec(body)?.[1] ?? '', map: cmap ? toUnicodeMap(cmap.toString('latin1')) : null });
  }
  return fonts;
}

function shownBy(hex: string, map: Map<number, string> | null | undefined): string {
  if (!map) return winAnsiText(Buffer.from(hex, 'hex'));
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += map.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
  return out;
}

/**
 * The text a PDF shows, in the order pdfkit wrote it: each text-showing operation (pdfkit writes `[<hex> kern …] TJ`)
 * on a line of its own. Reads the Flate-compressed content streams; the standard fonts' bytes are WinAnsi, an
 * embedded font's are glyph codes read back through its ToUnicode map.
 */
export function pdfShownText(pdf: Buffer): string {
  return pdfShownRuns(pdf)
    .map((r) => r.text)
    .join('\n');
}

/** One text-showing operation: its base font (e.g. "ABCDEF+NotoEmoji-Regular"), its text, and how many glyphs draw it. */
export interface ShownRun {
  font: string;
  text: string;
  glyphs: number;
}

/** What pdfShownText reads, operation by operation, with the font and glyphs that draw it. */
export function pdfShownRuns(pdf: Buffer): ShownRun[] {
  const raw = pdf.toString('latin1');
  const fonts = fontMaps(pdf, raw);
  const shown: ShownRun[] = [];
  const streamStart = /\/FlateDecode[^]*?>>\s*stream\r?\n/g;
  for (let m = streamStart.exec(raw); m; m = streamStart.exec(raw)) {
    const from = m.index + m[0].length;
    const to = raw.indexOf('endstream', from);
    const content = inflateSync(pdf.subarray(from, to)).toString('latin1');
    let font: string | undefined;
    for (const op of content.matchAll(/\/(F\d+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ/g)) {
      if (op[1]) {
        font = op[1];
        continue;
      }
      const hex = [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      const used = font === undefined ? undefined : fonts.get(font);
      // An embedded font's glyph codes are two bytes, a standard font's one.
      shown.push({ font: used?.name ?? '', text: shownBy(hex, used?.map), glyphs: hex.length / (used?.map ? 4 : 2) });
    }
    streamStart.lastIndex = to;
  }
  return shown;
}

export const SAMPLE_ORGS: OrganizationNames = {
  fgr: { name: 'Fiscalía General de la República', acronym: 'FGR' },
  uif: { name: 'Unidad de Inteligencia Financiera', acronym: 'UIF' },
  unodc: { name: 'Oficina de las Naciones Unidas contra la Droga y el Delito', acronym: 'UNODC' },
};

/** An activity with every field filled, overridable per test. */
export function sampleActivity(overrides: Partial<Activity> & { id: string }): Activity {
  return {
    title: 'Taller de análisis financiero',
    description: 'Capacitación conjunta sobre operaciones con recursos de procedencia ilícita.',
    leadOrganizationId: 'uif',
    partnerOrganizationIds: ['fgr', 'unodc'],
    mandateArea: 'money_laundering',
    stateCodes: ['14', '19'],
    municipalityCodes: ['14039'],
    startDate: '2025-03-01',
    endDate: '2025-06-30',
    status: 'in_progress',
    target: '40 personas capacitadas',
    indicator: 'Personas capacitadas',
    ...overrides,
  };
}
