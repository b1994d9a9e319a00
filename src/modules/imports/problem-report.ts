/**
 * The problem report of an import as a workbook: a sheet listing every problem (sheet, row,
 * column, message), then a copy of the uploaded sheets with each bad cell filled red and its
 * message as a note. The copies keep the sheet names, headers and row numbers of the upload, so
 * a user can correct the cells in place and import the report itself.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type SheetName, columnLetter } from './import-columns.js';
import { type ImportLanguage, type Problem, renderProblem } from './import-problems.js';
import { type ImportFile, type ImportFormat, type RowSink, readCsvSheet, readWorkbook } from './import-sources.js';
import type { Cell } from './import-values.js';

const labels = {
  problems: { vi: 'Lỗi', en: 'Problems' },
  headings: { vi: ['Sheet', 'Dòng', 'Cột', 'Lỗi'], en: ['Sheet', 'Row', 'Column', 'Problem'] },
  truncated: {
    vi: 'Chỉ liệt kê {shown} lỗi đầu tiên trong tổng số {count} lỗi.',
    en: 'Only the first {shown} of {count} problems are listed.',
  },
} as const;

const badFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** Copies the rows a reader feeds into the report's sheets, marking the cells with problems. */
class MarkingCopy implements RowSink {
  private sheet: ExcelJS.Worksheet | null = null;

  constructor(
    private readonly book: ExcelJS.stream.xlsx.WorkbookWriter,
    /** Messages by `sheet:row`, then by column index (0 = the whole row). */
    private readonly marks: ReadonlyMap<string, ReadonlyMap<number, string[]>>,
  ) {}

  startSheet(sheet: SheetName, header: readonly Cell[]): boolean {
    this.sheet = this.book.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    const row = this.sheet.getRow(1);
    header.forEach((cell, index) => {
      const target = row.getCell(index + 1);
      target.value = cell ?? null;
      target.font = { bold: true };
      target.fill = headerFill;
    });
    this.mark(sheet, 1, row);
    row.commit();
    return true;
  }

  row(sheet: SheetName, rowNumber: number, cells: readonly Cell[]): void {
    if (!this.sheet) return;
    const row = this.sheet.getRow(rowNumber);
    cells.forEach((cell, index) => {
      if (cell !== null && cell !== undefined && cell !== '') row.getCell(index + 1).value = cell;
    });
    this.mark(sheet, rowNumber, row);
    row.commit();
  }

  private mark(sheet: SheetName, rowNumber: number, row: ExcelJS.Row): void {
    const marks = this.marks.get(`${sheet}:${rowNumber}`);
    if (!marks) return;
    for (const [columnIndex, messages] of marks) {
      const cell = row.getCell(Math.max(columnIndex, 1));
      cell.fill = badFill;
      cell.note = messages.join('\n');
    }
  }

  async endSheet(): Promise<void> {
    this.sheet?.commit();
    this.sheet = null;
  }

  fail(): void {
    // The problem is already in the list; the copy simply ends where the reading stopped.
  }
}

export interface ProblemReportInput {
  format: ImportFormat;
  files: readonly ImportFile[];
  problems: readonly Problem[];
  problemCount: number;
}

/** Writes the problem report workbook to `output`. */
export async function writeProblemReport(input: ProblemReportInput, language: ImportLanguage, output: Writable): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const list = book.addWorksheet(labels.problems[language], { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [{ width: 12 }, { width: 8 }, { width: 32 }, { width: 100 }];
  const heading = list.addRow([...labels.headings[language]]);
  heading.font = { bold: true };
  heading.eachCell((cell) => (cell.fill = headerFill));
  heading.commit();
  const marks = new Map<string, Map<number, string[]>>();
  for (const problem of input.problems) {
    const line = renderProblem(problem, language);
    list.addRow([line.sheet, line.row, line.column || (problem.columnIndex ? columnLetter(problem.columnIndex) : ''), line.message]).commit();
    const key = `${problem.sheet}:${problem.row}`;
    const byColumn = marks.get(key) ?? new Map<number, string[]>();
    byColumn.set(problem.columnIndex, [...(byColumn.get(problem.columnIndex) ?? []), line.message]);
    marks.set(key, byColumn);
  }
  if (input.problemCount > input.problems.length) {
    const note = labels.truncated[language]
      .replace('{shown}', String(input.problems.length))
      .replace('{count}', String(input.problemCount));
    list.addRow([note]).commit();
  }
  list.commit();

  const copy = new MarkingCopy(book, marks);
  const ignoreBytes = () => undefined;
  if (input.format === 'xlsx') {
    const [file] = input.files;
    if (file) await readWorkbook(file, copy, ignoreBytes);
  } else {
    const [households, members] = input.files;
    if (households) await readCsvSheet(households, 'households', copy, ignoreBytes);
    if (members) await readCsvSheet(members, 'members', copy, ignoreBytes);
  }
  await book.commit();
}
