/** Renders the activity import's template (activityTemplate.ts) as an .xlsx workbook with drop-down lists. */
import type { DataValidation } from 'exceljs';
import type { ActivityTemplate, TemplateField } from './activityTemplate.js';
import { xmlText } from './xmlText.js';

/** Rows of the activities sheet that get the drop-downs and formats (the header is row 1). */
const TEMPLATE_ROWS = 2000;

/** A column's letter (1 → A); the template has a dozen columns. */
const letter = (column: number) => String.fromCharCode(64 + column);

/** The template workbook: the activities sheet first, the lists it draws on second. */
export async function activityTemplateToXlsx(template: ActivityTemplate): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Enlace';
  book.created = new Date();
  const sheet = book.addWorksheet(template.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = book.addWorksheet(template.lists);

  lists.addRow(template.listHeaders).font = { bold: true };
  const longest = Math.max(...template.listColumns.map((c) => c.length));
  for (let r = 0; r < longest; r++) lists.addRow(template.listColumns.map((c) => (r < c.length ? xmlText(c[r]) : null)));
  lists.columns.forEach((col, i) => {
    col.width = Math.min(70, Math.max(14, ...template.listColumns[i].map((v) => v.length + 2)));
  });
  /** The absolute range of a lists column's values (at least one row, so an empty directory still makes a valid formula). */
  const listRange = (column: number) => `'${template.lists.replace(/'/g, "''")}'!$${letter(column)}$2:$${letter(column)}$${Math.max(2, template.listColumns[column - 1].length + 1)}`;

  sheet.addRow(template.headers.map(xmlText)).font = { bold: true };
  sheet.addRow(template.example.map(xmlText));
  const column = (field: TemplateField) => template.fields.indexOf(field) + 1;
  const range = (field: TemplateField) => `${letter(column(field))}2:${letter(column(field))}${TEMPLATE_ROWS + 1}`;
  const { notes } = template;
  // exceljs keeps range validations in `worksheet.dataValidations` (written as one sqref each); its typings omit it.
  const validations = (sheet as unknown as { dataValidations: { add(address: string, validation: DataValidation | { type: 'any'; formulae: []; showInputMessage: boolean; prompt: string }): void } }).dataValidations;
  // One value from a list: a value not in it is refused, with what to do.
  const single = (field: TemplateField, listColumn: number) =>
    validations.add(range(field), { type: 'list', allowBlank: true, formulae: [listRange(listColumn)], showErrorMessage: true, errorStyle: 'stop', error: `${notes.notListed} ${notes.pick}`, showInputMessage: true, prompt: notes.pick });
  // Several values: the list helps to pick one, and anything may be typed (the import checks every name).
  const several = (field: TemplateField, listColumn: number) =>
    validations.add(range(field), { type: 'list', allowBlank: true, formulae: [listRange(listColumn)], showErrorMessage: false, showInputMessage: true, prompt: notes.several });
  single('leadOrganizationId', 1);
  several('partnerOrganizationIds', 1);
  single('mandateArea', 2);
  several('stateCodes', 4);
  single('status', 3);
  validations.add(range('municipalityCodes'), { type: 'any', formulae: [], showInputMessage: true, prompt: notes.municipalities });
  for (const field of ['startDate', 'endDate'] as const) {
    sheet.getColumn(column(field)).numFmt = 'dd/mm/yyyy';
    // The example's dates are real dates, so Excel shows and sorts them as dates.
    const example = sheet.getCell(2, column(field));
    example.value = new Date(`${template.example[column(field) - 1]}T00:00:00Z`);
    example.numFmt = 'dd/mm/yyyy';
  }
  sheet.columns.forEach((col, i) => {
    col.width = Math.min(60, Math.max(14, template.headers[i].length + 2, template.example[i].length + 2));
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
