/**
 * Delimited text as spreadsheets give and take it. Read: cells copied from Excel (tabs), a CSV saved by a
 * Spanish-locale Excel (semicolons) or anywhere else (commas). RFC 4180 quoting: a quoted cell may hold the
 * delimiter, line breaks and doubled quotes. Written: CSV cells quoted the same way, would-be formulas neutralized
 * (the exports', the audit trail's and the web app's import template).
 */

const DELIMITERS = ['\t', ';', ','] as const;

/** The delimiter the first line uses most, outside quotes (a comma when it has none of them). */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/** The rows of `text`, each a list of cells (a byte-order mark and a last line break are not cells). */
export function parseDelimited(text: string, delimiter = sniffDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cell += ch;
  }
  if (cell !== '' || row.length) endRow();
  return rows;
}

/**
 * Cells Excel, LibreOffice or Sheets may run as a formula (OWASP "CSV injection"): those whose first visible
 * character is = + - or @. Importers trim leading whitespace before looking for one, so any run of it counts
 * (space, NBSP and every other Unicode space, tab, CR, LF, BOM; `\s` covers them), and so do the zero-width
 * characters nobody sees in a cell. A cell starting with tab, CR or LF is neutralized whatever follows.
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s\u200b-\u200d\u2060]*[=+\-@])/;

/** Neutralizes a would-be formula by prefixing a single quote, which spreadsheets show as text. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell as it was before `neutralizeFormula`: what Enlace's own CSV files hold comes back as it was written. */
export function restoreNeutralized(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Quotes a cell per RFC 4180 when it holds a comma, quote or line break (after formula neutralization). */
export function csvCell(value: string): string {
  const safe = neutralizeFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A spreadsheet's CSV file from rows of cells: a byte-order mark (Excel then reads UTF-8), CRLF lines, every cell through `csvCell`. */
export function csvFile(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Rows as tab-separated text that `parseDelimited` reads back as they were. The first line is padded to the widest
 * row and a cell holding a comma or semicolon is quoted (as one with a tab, line break or quote), so the delimiter
 * sniffed from the first line is the tab even when a sheet opens with a one-cell title.
 */
export function rowsAsTsv(rows: readonly (readonly string[])[]): string {
  const cell = (value: string) => (/[\t\r\n",;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const width = rows.reduce((most, row) => Math.max(most, row.length), 0);
  return rows.map((row, i) => (i === 0 ? [...row, ...Array<string>(Math.max(0, width - row.length)).fill('')] : row).map(cell).join('\t')).join('\n');
}
