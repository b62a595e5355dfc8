/**
 * A formula's error as a spreadsheet shows it (#DIV/0!, #N/A, LibreOffice's Err:502…): every reader gives a cell
 * holding one its text, the way .xlsx stores it, and the import lists it among the values it could not read instead
 * of taking it for data or leaving it out unsaid.
 */

/** Excel 97–2003's error codes (BOOLERR and FORMULA records), by the text Excel shows for each. */
const BIFF_ERRORS: ReadonlyMap<number, string> = new Map([
  [0x00, '#NULL!'],
  [0x07, '#DIV/0!'],
  [0x0f, '#VALUE!'],
  [0x17, '#REF!'],
  [0x1d, '#NAME?'],
  [0x24, '#NUM!'],
  [0x2a, '#N/A'],
  [0x2b, '#GETTING_DATA'],
]);

/** The text of an .xls error code; a code Excel never writes still reads as an error, never as nothing. */
export const biffErrorText = (code: number): string => BIFF_ERRORS.get(code) ?? '#ERROR!';

/**
 * Error texts: Excel's and Google Sheets' (in English, as files store them, and in Spanish, as a Spanish Excel puts
 * them on the clipboard), and LibreOffice's numbered ones.
 */
const ERROR_TEXT =
  /^(?:#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|ERROR!)|#¡(?:NULO|DIV\/0|VALOR|REF|NUM|DESBORDAMIENTO|CALC)!|#¿NOMBRE\?|Err:\d{3})$/;

/** Whether a cell's text is a formula's error rather than a value. */
export const isFormulaError = (text: string): boolean => ERROR_TEXT.test(text.trim());
