import { describe, expect, it } from 'vitest';
import { csvFile, parseDelimited, restoreNeutralized } from './delimitedText.js';

describe('csvFile', () => {
  it('writes a byte-order mark, CRLF lines, quotes where needed and neutralizes would-be formulas', () => {
    const text = csvFile([
      ['Acción', 'Nota'],
      ['Enviar "oficio", hoy', 'línea 1\nlínea 2'],
      ['=HYPERLINK("x")', '+52 55'],
    ]);
    expect(text).toBe('\uFEFFAcción,Nota\r\n"Enviar ""oficio"", hoy","línea 1\nlínea 2"\r\n"\'=HYPERLINK(""x"")",\'+52 55\r\n');
    // Read back, it is what was written (the neutralizing quote taken off again).
    expect(parseDelimited(text.slice(1)).map((row) => row.map(restoreNeutralized))).toEqual([
      ['Acción', 'Nota'],
      ['Enviar "oficio", hoy', 'línea 1\nlínea 2'],
      ['=HYPERLINK("x")', '+52 55'],
    ]);
  });
});
