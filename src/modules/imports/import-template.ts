/**
 * The import templates: a workbook with the sheets `households` and `members` under their
 * Vietnamese headers (drop-down lists for the enumerated columns, text format where leading
 * zeros matter), a sheet explaining every column and its allowed values, and the same headers as
 * two CSV files (UTF-8 with a BOM, so spreadsheet programs read the diacritics).
 */
import ExcelJS from 'exceljs';
import {
  BOOLEAN_NOTE,
  type ColumnDefinition,
  COLUMNS,
  type EnumValue,
  type SheetName,
  SHEETS,
  columnLetter,
} from './import-columns.js';
import type { ImportLanguage } from './import-problems.js';

/** Rows of the data sheets that get drop-down lists and formats. */
const TEMPLATE_ROWS = 5_000;

const GUIDE_SHEET = { vi: 'Hướng dẫn', en: 'Guide' } as const;
const LISTS_SHEET = 'Danh mục';

const text = {
  title: {
    vi: 'Mẫu nhập hộ gia đình và thành viên (GNBV)',
    en: 'Household and member import template (GNBV)',
  },
  rules: {
    vi: [
      'Điền sheet “households” (mỗi hộ một dòng) và sheet “members” (mỗi thành viên một dòng); không đổi tên sheet và dòng tiêu đề.',
      'Tiêu đề cột có thể viết tiếng Việt như mẫu hoặc tên chuẩn (cột “Tên chuẩn” bên dưới); không phân biệt hoa thường, có dấu hay không dấu.',
      `Cột có/không: ${BOOLEAN_NOTE.vi}.`,
      'Ngày: dd/mm/yyyy (ví dụ 20/05/2022) hoặc yyyy-mm-dd, hoặc ô định dạng ngày.',
      'Số tiền: đồng, chỉ chữ số, có thể có dấu chấm phân cách hàng nghìn (1.500.000).',
      'Cột danh mục: ghi đúng tên trong danh sách thả xuống, hoặc mã (cột “Mã”).',
      'Chạy thử (kiểm tra) trước khi nhập: hệ thống liệt kê mọi lỗi theo sheet, dòng, cột; khi còn lỗi thì không dòng nào được ghi.',
    ],
    en: [
      'Fill the sheet "households" (one household per row) and the sheet "members" (one member per row); keep the sheet names and header rows.',
      'Headers may be the Vietnamese ones of the template or the canonical names (column "Canonical name" below), in any case, with or without diacritics.',
      `Yes/no columns: ${BOOLEAN_NOTE.en}.`,
      'Dates: dd/mm/yyyy (e.g. 20/05/2022) or yyyy-mm-dd, or a date-formatted cell.',
      'Amounts: VND, digits only, optionally with "." thousands separators (1.500.000).',
      'List columns: the name as in the drop-down list, or its code (column "Code").',
      'Do a dry run first: every problem is listed by sheet, row and column; while any remains, no row is written.',
    ],
  },
  headings: {
    vi: ['Sheet', 'Cột (tiêu đề mẫu)', 'Tên chuẩn', 'Bắt buộc', 'Giá trị cho phép', 'Ví dụ', 'Giải thích'],
    en: ['Sheet', 'Column (template header)', 'Canonical name', 'Required', 'Allowed values', 'Example', 'Meaning'],
  },
  yes: { vi: 'có', en: 'yes' },
  no: { vi: 'không', en: 'no' },
  valuesHeading: {
    vi: ['Danh mục', 'Mã', 'Tên (tiếng Việt)', 'Name (English)'],
    en: ['List', 'Code', 'Name (Vietnamese)', 'Name (English)'],
  },
  kinds: {
    household_code: { vi: 'Văn bản', en: 'Text' },
    commune_code: { vi: '5 chữ số', en: '5 digits' },
    text: { vi: 'Văn bản', en: 'Text' },
    area: { vi: 'Danh mục (để trống = theo loại xã)', en: 'List (blank = by commune type)' },
    boolean: BOOLEAN_NOTE,
    date: { vi: 'dd/mm/yyyy hoặc yyyy-mm-dd', en: 'dd/mm/yyyy or yyyy-mm-dd' },
    money: { vi: 'Số nguyên đồng (1.500.000)', en: 'Whole VND (1.500.000)' },
    score: { vi: 'Số nguyên ≥ 0', en: 'Whole number ≥ 0' },
    floor_area: { vi: 'Số ≥ 0, tối đa 2 chữ số thập phân', en: 'Number ≥ 0, up to 2 decimals' },
    enum: { vi: 'Danh mục', en: 'List' },
    sex: { vi: 'Danh mục', en: 'List' },
    ethnicity: { vi: 'Mã (01–54) hoặc tên dân tộc', en: 'Code (01–54) or name' },
    citizen_id: { vi: '12 chữ số', en: '12 digits' },
  },
} as const;

/** exceljs has range data validations on worksheets, missing from its type declarations. */
const validations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

function allowedValues(column: ColumnDefinition, language: ImportLanguage): string {
  if (column.values) return column.values.map((value) => `${value[language]} (${value.code})`).join('; ');
  return text.kinds[column.kind][language];
}

/** The lists behind the drop-downs: the Vietnamese labels of each enumerated column, and yes/no. */
function dropDownLists(): Map<string, readonly string[]> {
  const lists = new Map<string, readonly string[]>([['boolean', ['có', 'không', 'x']]]);
  for (const name of SHEETS) {
    for (const column of COLUMNS[name]) if (column.values) lists.set(column.name, column.values.map((value) => value.vi));
  }
  return lists;
}

/** Where each list sits on the lists sheet (one column per list), as a formula range. */
function listRanges(lists: Map<string, readonly string[]>): Map<string, string> {
  const ranges = new Map<string, string>();
  [...lists].forEach(([name, labels], index) => {
    const letter = columnLetter(index + 1);
    ranges.set(name, `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${labels.length + 1}`);
  });
  return ranges;
}

function addListsSheet(book: ExcelJS.Workbook, lists: Map<string, readonly string[]>): void {
  const sheet = book.addWorksheet(LISTS_SHEET);
  [...lists].forEach(([name, labels], index) => {
    const letter = columnLetter(index + 1);
    sheet.getCell(`${letter}1`).value = name;
    sheet.getCell(`${letter}1`).font = { bold: true };
    labels.forEach((label, row) => (sheet.getCell(`${letter}${row + 2}`).value = label));
    sheet.getColumn(index + 1).width = Math.max(14, ...labels.map((label) => label.length + 2));
  });
}

function addDataSheet(book: ExcelJS.Workbook, name: SheetName, lists: Map<string, string>, language: ImportLanguage): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  COLUMNS[name].forEach((column, index) => {
    const position = index + 1;
    const letter = columnLetter(position);
    const cell = sheet.getCell(`${letter}1`);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = headerFill;
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.note = `${column.name}: ${column.description[language]}`;
    const sheetColumn = sheet.getColumn(position);
    sheetColumn.width = Math.min(40, Math.max(12, column.header.length + 4));
    // Codes and IDs stay text, or a spreadsheet drops their leading zeros.
    if (['household_code', 'commune_code', 'citizen_id', 'ethnicity'].includes(column.kind)) sheetColumn.numFmt = '@';
    if (column.kind === 'date') sheetColumn.numFmt = 'dd/mm/yyyy';
    const list = column.kind === 'boolean' ? lists.get('boolean') : lists.get(column.name);
    if (list) {
      validations(sheet).add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
        type: 'list',
        allowBlank: true,
        formulae: [list],
        showErrorMessage: false,
      });
    }
  });
  sheet.getRow(1).height = 45;
}

function addGuideSheet(book: ExcelJS.Workbook, language: ImportLanguage): void {
  const sheet = book.addWorksheet(GUIDE_SHEET[language]);
  sheet.getCell('A1').value = text.title[language];
  sheet.getCell('A1').font = { bold: true, size: 14 };
  let row = 3;
  for (const rule of text.rules[language]) sheet.getCell(`A${row++}`).value = `• ${rule}`;
  row += 1;
  const headings = sheet.getRow(row++);
  headings.values = [...text.headings[language]];
  headings.font = { bold: true };
  headings.eachCell((cell) => (cell.fill = headerFill));
  for (const name of SHEETS) {
    for (const column of COLUMNS[name]) {
      sheet.getRow(row++).values = [
        name,
        column.header,
        column.name,
        column.required ? text.yes[language] : text.no[language],
        allowedValues(column, language),
        column.example,
        column.description[language],
      ];
    }
  }
  row += 1;
  const valueHeadings = sheet.getRow(row++);
  valueHeadings.values = [...text.valuesHeading[language]];
  valueHeadings.font = { bold: true };
  valueHeadings.eachCell((cell) => (cell.fill = headerFill));
  const seen = new Set<readonly EnumValue[]>();
  for (const name of SHEETS) {
    for (const column of COLUMNS[name]) {
      if (!column.values || seen.has(column.values)) continue;
      seen.add(column.values);
      for (const value of column.values) sheet.getRow(row++).values = [column.name, value.code, value.vi, value.en];
    }
  }
  [14, 34, 22, 10, 60, 18, 70].forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  sheet.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn(7).alignment = { wrapText: true, vertical: 'top' };
}

/** The template workbook: households, members, the guide, and the lists behind the drop-downs. */
export async function templateWorkbook(language: ImportLanguage): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'GNBV';
  const lists = dropDownLists();
  const ranges = listRanges(lists);
  addDataSheet(book, 'households', ranges, language);
  addDataSheet(book, 'members', ranges, language);
  addGuideSheet(book, language);
  addListsSheet(book, lists);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The header line of one sheet as a CSV template (UTF-8 with a BOM). */
export function templateCsv(sheet: SheetName): string {
  const cells = COLUMNS[sheet].map((column) => (/[",]/.test(column.header) ? `"${column.header.replace(/"/g, '""')}"` : column.header));
  return `\uFEFF${cells.join(',')}\r\n`;
}
