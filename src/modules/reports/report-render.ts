/**
 * One report table in four formats: XLSX (exceljs; title, two-level header laid out like the
 * official tables, numbers as numbers), PDF (pdfmake with its bundled Roboto, every text NFC so
 * the diacritics render; landscape when the table is wide), CSV (UTF-8 with a BOM, so
 * spreadsheet programs read the diacritics) and JSON.
 */
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import type { CellValue, ReportColumn, ReportSection, ReportTable } from './report-tables.js';

export const REPORT_FORMATS = ['xlsx', 'pdf', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export interface ReportDocument {
  table: ReportTable;
  /** The issuing body printed at the top left ("UBND TỈNH GIA LAI"). */
  issuer: string;
}

const nfc = (text: string) => text.normalize('NFC');

/** Header spans: each group (or lone column) with the columns it covers. */
function headerSpans(columns: readonly ReportColumn[]): { label: string; grouped: boolean; start: number; length: number }[] {
  const spans: { label: string; grouped: boolean; start: number; length: number }[] = [];
  columns.forEach((column, index) => {
    const last = spans.at(-1);
    if (column.group && last?.grouped && last.label === column.group) last.length += 1;
    else spans.push({ label: column.group ?? column.header, grouped: Boolean(column.group), start: index, length: 1 });
  });
  return spans;
}

const hasGroups = (table: ReportSection) => table.columns.some((column) => column.group);

/** The tables of a report: its sections, or the report itself. */
function partsOf(table: ReportTable): ReportSection[] {
  return table.sections ?? [table];
}

const wideColumns = (part: ReportSection) => part.columns.length > 7;

export async function renderXlsx({ table, issuer }: ReportDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'GNBV';
  book.title = nfc(table.title);
  const sectioned = Boolean(table.sections);
  partsOf(table).forEach((part, index) => {
    const name = (part.sheet ?? (sectioned ? `${index + 1}` : table.name)).replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
    writeSheet(book.addWorksheet(nfc(name), { pageSetup: { orientation: wideColumns(part) ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 } }), part, {
      issuer,
      title: table.title,
      subtitle: sectioned ? `${part.title} — ${part.subtitle}` : table.subtitle,
    });
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** One table on a sheet: issuer (row 1), title (row 3), subtitle (row 4), header from row 6, body, totals, then the notes. */
function writeSheet(sheet: ExcelJS.Worksheet, table: ReportSection, heading: { issuer: string; title: string; subtitle: string }): void {
  const width = Math.max(1, table.columns.length);
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  sheet.getCell(1, 1).value = nfc(heading.issuer);
  sheet.getCell(1, 1).font = { bold: true };
  if (width > 1) sheet.mergeCells(3, 1, 3, width);
  sheet.getCell(3, 1).value = nfc(heading.title);
  sheet.getCell(3, 1).font = { bold: true, size: 13 };
  sheet.getCell(3, 1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.getRow(3).height = 36;
  if (width > 1) sheet.mergeCells(4, 1, 4, width);
  sheet.getCell(4, 1).value = nfc(heading.subtitle);
  sheet.getCell(4, 1).alignment = { horizontal: 'center', wrapText: true };
  sheet.getCell(4, 1).font = { italic: true };

  const headerTop = 6;
  const twoLevels = hasGroups(table);
  for (const span of headerSpans(table.columns)) {
    const column = span.start + 1;
    if (span.grouped) {
      sheet.mergeCells(headerTop, column, headerTop, column + span.length - 1);
      sheet.getCell(headerTop, column).value = nfc(span.label);
      table.columns.slice(span.start, span.start + span.length).forEach((c, i) => {
        sheet.getCell(headerTop + 1, column + i).value = nfc(c.header);
      });
    } else {
      if (twoLevels) sheet.mergeCells(headerTop, column, headerTop + 1, column);
      sheet.getCell(headerTop, column).value = nfc(span.label);
    }
  }
  const headerRows = twoLevels ? 2 : 1;
  for (let r = headerTop; r < headerTop + headerRows; r++) {
    for (let c = 1; c <= table.columns.length; c++) {
      const cell = sheet.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = border;
    }
  }
  const bodyTop = headerTop + headerRows;
  const write = (values: Record<string, CellValue>, rowNumber: number, bold: boolean) => {
    table.columns.forEach((column, i) => {
      const cell = sheet.getCell(rowNumber, i + 1);
      const value = values[column.key];
      cell.value = typeof value === 'string' ? nfc(value) : value ?? null;
      cell.border = border;
      if (column.kind === 'percent') cell.numFmt = '0.00';
      else if (column.kind === 'integer') cell.numFmt = '#,##0';
      else if (column.kind === 'number') cell.numFmt = '#,##0.##';
      if (bold) cell.font = { bold: true };
      if (column.kind === 'text') cell.alignment = { wrapText: true, vertical: 'top' };
    });
  };
  table.rows.forEach((row, index) => write(row, bodyTop + index, false));
  table.footer.forEach((row, index) => write(row, bodyTop + table.rows.length + index, true));
  const notesTop = bodyTop + table.rows.length + table.footer.length + 1;
  (table.notes ?? []).forEach((note, index) => {
    if (width > 1) sheet.mergeCells(notesTop + index, 1, notesTop + index, width);
    const cell = sheet.getCell(notesTop + index, 1);
    cell.value = nfc(`* ${note}`);
    cell.font = { italic: true, size: 9 };
    cell.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(notesTop + index).height = 28;
  });
  table.columns.forEach((column, i) => {
    const longest = Math.max(column.header.length, ...table.rows.slice(0, 500).map((row) => String(row[column.key] ?? '').length));
    sheet.getColumn(i + 1).width = column.key === 'no' ? 6 : Math.min(40, Math.max(10, longest + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: bodyTop - 1 }];
}

const csvCell = (value: CellValue) => {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : nfc(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The CSV lines of one table: the header ("Hộ nghèo - Số hộ" for a grouped column), the rows, the totals, then the notes after an empty line. */
function csvLines(table: ReportSection): string[] {
  const header = table.columns.map((column) => csvCell(column.group ? `${column.group} - ${column.header}` : column.header));
  const lines = [header.join(','), ...[...table.rows, ...table.footer].map((row) => table.columns.map((column) => csvCell(row[column.key] ?? null)).join(','))];
  if (table.notes?.length) lines.push('', ...table.notes.map((note) => csvCell(`* ${note}`)));
  return lines;
}

/** CSV, UTF-8 with a BOM: the table; a report of sections gives each section's title line and table, an empty line between. */
export function renderCsv({ table }: ReportDocument): Buffer {
  const lines = table.sections ? table.sections.flatMap((section, index) => [...(index > 0 ? [''] : []), csvCell(`${section.title} — ${section.subtitle}`), ...csvLines(section)]) : csvLines(table);
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export function renderJson({ table }: ReportDocument, extra: Record<string, unknown>): Buffer {
  const body = table.sections
    ? { sections: table.sections.map(({ title, subtitle, columns, rows, footer, notes }) => ({ title, subtitle, columns, rows, footer, notes: notes ?? [] })) }
    : { columns: table.columns, rows: table.rows, footer: table.footer, ...(table.notes ? { notes: table.notes } : {}) };
  return Buffer.from(JSON.stringify({ ...extra, name: table.name, title: table.title, subtitle: table.subtitle, ...body }));
}

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let pdfmake: PdfMake | undefined;

function engine(): PdfMake {
  if (!pdfmake) {
    const fonts = require('pdfmake/fonts/Roboto.js') as Record<string, Record<string, string>>;
    const fontFiles = new Set(Object.values(fonts).flatMap((styles) => Object.values(styles)));
    pdfmake = require('pdfmake') as PdfMake;
    pdfmake.setFonts(fonts);
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((file) => fontFiles.has(file));
  }
  return pdfmake;
}

const pdfText = (value: CellValue, column: ReportColumn) => {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (column.kind === 'percent') return value.toFixed(2).replace('.', ',');
    return value.toLocaleString('vi-VN', { maximumFractionDigits: column.kind === 'number' ? 2 : 0 });
  }
  return nfc(value);
};

/** One table as pdfmake content: the two-level header (repeated on every page), the body and the totals in bold, then the notes. */
function pdfTable(table: ReportSection): Record<string, unknown>[] {
  const twoLevels = hasGroups(table);
  const top: Record<string, unknown>[] = [];
  const second: Record<string, unknown>[] = [];
  for (const span of headerSpans(table.columns)) {
    if (span.grouped) {
      top.push({ text: nfc(span.label), colSpan: span.length, style: 'head' });
      for (let i = 1; i < span.length; i++) top.push({});
      table.columns.slice(span.start, span.start + span.length).forEach((column) => second.push({ text: nfc(column.header), style: 'head' }));
    } else {
      top.push({ text: nfc(span.label), rowSpan: twoLevels ? 2 : 1, style: 'head' });
      second.push({});
    }
  }
  const bodyRow = (row: Record<string, CellValue>, bold: boolean) =>
    table.columns.map((column) => ({ text: pdfText(row[column.key] ?? null, column), bold, alignment: column.kind === 'text' ? 'left' : 'right' }));
  const body = [top, ...(twoLevels ? [second] : []), ...table.rows.map((row) => bodyRow(row, false)), ...table.footer.map((row) => bodyRow(row, true))];
  return [
    {
      fontSize: table.columns.length > 10 ? 7 : 8,
      table: {
        headerRows: twoLevels ? 2 : 1,
        widths: table.columns.map((column) => (column.key === 'no' ? 22 : column.kind === 'text' ? '*' : 'auto')),
        body,
      },
    },
    ...(table.notes ?? []).map((note, index) => ({ text: nfc(`* ${note}`), italics: true, fontSize: 7, margin: [0, index === 0 ? 4 : 0, 0, 0] })),
  ];
}

/** PDF: the title, then the table (or each section with its title); landscape when a table has more than seven columns. */
export async function renderPdf({ table, issuer }: ReportDocument): Promise<Buffer> {
  const parts = partsOf(table);
  const wide = parts.some(wideColumns);
  const tables = table.sections
    ? table.sections.flatMap((section) => [
        { text: nfc(section.title), bold: true, fontSize: 10, margin: [0, 12, 0, 0] },
        { text: nfc(section.subtitle), italics: true, margin: [0, 0, 0, 4] },
        ...pdfTable(section),
      ])
    : pdfTable(table);
  return engine()
    .createPdf({
      info: { title: nfc(table.title), creator: 'GNBV' },
      pageSize: 'A4',
      pageOrientation: wide ? 'landscape' : 'portrait',
      pageMargins: [24, 28, 24, 28],
      defaultStyle: { font: 'Roboto', fontSize: 8 },
      styles: { head: { bold: true, alignment: 'center', fillColor: '#eeeeee' } },
      content: [
        { text: nfc(issuer), bold: true },
        { text: nfc('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), bold: true, alignment: 'right', margin: [0, -10, 0, 0] },
        { text: nfc('Độc lập - Tự do - Hạnh phúc'), alignment: 'right', margin: [0, 0, 0, 12] },
        { text: nfc(table.title), fontSize: 12, bold: true, alignment: 'center' },
        { text: nfc(table.subtitle), italics: true, alignment: 'center', margin: [0, 2, 0, 10] },
        ...tables,
      ],
    })
    .getBuffer();
}

/** The file name of a report: `tong-hop-2022-64.xlsx`. */
export function reportFileName(name: string, year: number, unit: string, format: ReportFormat): string {
  return `${name}-${year}-${unit}.${format}`;
}
