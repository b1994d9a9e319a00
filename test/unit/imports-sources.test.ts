/** The readers of household imports: CSV (csv-parse) and workbooks (exceljs streaming), row numbering and unreadable files. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SheetName } from '../../src/modules/imports/import-columns.js';
import type { ProblemKey } from '../../src/modules/imports/import-problems.js';
import { type RowSink, detectFormat, readCsvSheet, readWorkbook } from '../../src/modules/imports/import-sources.js';
import type { Cell } from '../../src/modules/imports/import-values.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'gnbv-sources-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Records what a reader feeds. */
class RecordingSink implements RowSink {
  events: string[] = [];
  rows: { sheet: SheetName; row: number; cells: readonly Cell[] }[] = [];
  failures: { sheet: SheetName; row: number; key: ProblemKey; wholeFile: boolean }[] = [];
  headers: Partial<Record<SheetName, readonly Cell[]>> = {};

  startSheet(sheet: SheetName, header: readonly Cell[]): boolean {
    this.events.push(`start ${sheet}`);
    this.headers[sheet] = header;
    return true;
  }
  row(sheet: SheetName, row: number, cells: readonly Cell[]): void {
    this.rows.push({ sheet, row, cells });
  }
  async endSheet(sheet: SheetName): Promise<void> {
    this.events.push(`end ${sheet}`);
  }
  fail(sheet: SheetName, row: number, key: ProblemKey, options: { wholeFile?: boolean } = {}): void {
    this.failures.push({ sheet, row, key, wholeFile: options.wholeFile ?? false });
  }
}

async function file(name: string, content: string | Buffer): Promise<{ path: string; name: string }> {
  const target = path.join(directory, name);
  await writeFile(target, content);
  return { path: target, name };
}

async function readCsv(content: string | Buffer): Promise<RecordingSink> {
  const sink = new RecordingSink();
  await readCsvSheet(await file(`f${Math.random()}.csv`, content), 'households', sink, () => undefined);
  return sink;
}

describe('CSV', () => {
  test('rows are numbered as a spreadsheet shows them, blank and multi-line rows included', async () => {
    const sink = await readCsv('\uFEFFMã hộ,Địa chỉ\r\nA1,"Làng 1,\nxã 2"\r\n\r\nA2,x\r\n');
    expect(sink.headers.households).toEqual(['Mã hộ', 'Địa chỉ']);
    expect(sink.rows.map((row) => [row.row, row.cells])).toEqual([
      [2, ['A1', 'Làng 1,\nxã 2']],
      [3, ['']],
      [4, ['A2', 'x']],
    ]);
    expect(sink.failures).toEqual([]);
    expect(sink.events).toEqual(['start households', 'end households']);
  });

  test('semicolon-separated files (Excel in a Vietnamese locale) are read too', async () => {
    const sink = await readCsv('Mã hộ;Thu nhập bình quân\nA1;1.500.000\n');
    expect(sink.rows[0]?.cells).toEqual(['A1', '1.500.000']);
  });

  test('an empty file, a UTF-16 file and a workbook given as CSV each stop with one problem', async () => {
    expect((await readCsv('')).failures).toEqual([{ sheet: 'households', row: 1, key: 'file_empty', wholeFile: false }]);
    expect((await readCsv('\uFEFF  \n')).failures[0]?.key).toBe('file_empty');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Mã hộ\n', 'utf16le')]);
    expect((await readCsv(utf16)).failures[0]?.key).toBe('file_utf16');
    expect((await readCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).failures[0]?.key).toBe('file_xlsx_for_csv');
  });

  test('bytes that are not UTF-8 stop the file at their line, after the whole rows before it', async () => {
    const latin1 = Buffer.concat([Buffer.from('Mã hộ,Tên\nA1,An\nA2,'), Buffer.from([0xd0, 0x69, 0x6e, 0x68]), Buffer.from('\nA3,Ba\n')]);
    const sink = await readCsv(latin1);
    expect(sink.rows.map((row) => row.row)).toEqual([2]);
    expect(sink.failures).toEqual([{ sheet: 'households', row: 3, key: 'file_not_utf8', wholeFile: false }]);
  });

  test('a quote that is never closed is a problem at its row', async () => {
    const sink = await readCsv('Mã hộ,Tên\nA1,An\nA2,"Ba\nA3,Ca\n');
    expect(sink.failures).toEqual([{ sheet: 'households', row: 3, key: 'csv_quote', wholeFile: false }]);
  });

  test('a stray quote inside a value is kept', async () => {
    const sink = await readCsv('Mã hộ,Tên\nA1,Nguyễn "Tí" Văn\n');
    expect(sink.rows[0]?.cells).toEqual(['A1', 'Nguyễn "Tí" Văn']);
  });
});

describe('workbooks', () => {
  test('sheets in stored order, row numbers from the sheet, dates and numbers typed', async () => {
    const book = new ExcelJS.Workbook();
    const members = book.addWorksheet('Thành viên');
    members.addRow(['Mã hộ', 'Ngày sinh']);
    members.addRow(['A1', new Date(Date.UTC(1990, 3, 2))]);
    members.getCell('B2').numFmt = 'dd/mm/yyyy';
    book.addWorksheet('Hướng dẫn').addRow(['ignored']);
    const households = book.addWorksheet('households');
    households.addRow(['Mã hộ', 'Thu nhập bình quân']);
    households.getRow(4).values = ['A1', 1_500_000];
    const target = await file('book.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    expect(await detectFormat(target.path)).toBe('xlsx');
    const sink = new RecordingSink();
    await readWorkbook(target, sink, () => undefined);
    expect(sink.events).toEqual(['start members', 'end members', 'start households', 'end households']);
    expect(sink.rows).toEqual([
      { sheet: 'members', row: 2, cells: ['A1', new Date(Date.UTC(1990, 3, 2))] },
      { sheet: 'households', row: 4, cells: ['A1', 1_500_000] },
    ]);
  });

  test('a text file named .xlsx and an empty file are refused as a whole', async () => {
    const text = await file('text.xlsx', 'Mã hộ,Mã xã\nA1,23830\n');
    expect(await detectFormat(text.path)).toBe('csv');
    const sink = new RecordingSink();
    await readWorkbook(text, sink, () => undefined);
    expect(sink.failures).toEqual([{ sheet: 'households', row: 1, key: 'file_not_xlsx', wholeFile: true }]);
    const empty = new RecordingSink();
    await readWorkbook(await file('empty.xlsx', ''), empty, () => undefined);
    expect(empty.failures[0]?.key).toBe('file_empty');
  });

  test('Vietnamese text survives zip chunk boundaries, in shared and in inline strings (exceljs#2084)', async () => {
    const names = Array.from({ length: 4_000 }, (_, i) => `Nguyễn Thị Ánh Hồng ${i} — Rơ Mah H'Lan, Đắk Pơ, Ê Đê ${'ỗ'.repeat(i % 7)}`);
    const shared = new ExcelJS.Workbook();
    const sheet = shared.addWorksheet('members');
    sheet.addRow(['Họ và tên']);
    for (const name of names) sheet.addRow([name]);
    const inlineFile = path.join(directory, 'inline.xlsx');
    const inline = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inlineFile, useSharedStrings: false });
    const inlineSheet = inline.addWorksheet('members');
    inlineSheet.addRow(['Họ và tên']).commit();
    for (const name of names) inlineSheet.addRow([name]).commit();
    inlineSheet.commit();
    await inline.commit();
    for (const target of [await file('shared.xlsx', Buffer.from(await shared.xlsx.writeBuffer())), { path: inlineFile, name: 'inline.xlsx' }]) {
      const sink = new RecordingSink();
      await readWorkbook(target, sink, () => undefined);
      expect(sink.rows.map((row) => row.cells[0]), target.name).toEqual(names);
    }
  });

  test('a damaged archive is refused as a workbook', async () => {
    const sink = new RecordingSink();
    const junk = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2048, 7)]);
    await readWorkbook(await file('junk.xlsx', junk), sink, () => undefined);
    expect(sink.failures.map((failure) => failure.key)).toEqual(['file_not_xlsx']);
  });
});
