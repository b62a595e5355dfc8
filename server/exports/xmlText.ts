/** Text as an XML 1.0 file (a .docx or .xlsx part) may hold it. */

// Control characters XML 1.0 forbids, the noncharacters U+FFFE and U+FFFF, and halves of surrogate pairs left alone.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `s` without the characters an XML 1.0 part cannot carry (the docx and exceljs packages write them as they are). */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '');
}
