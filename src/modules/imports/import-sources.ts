/**
 * Where the rows of an import come from: two CSV files (UTF-8, with or without BOM, comma,
 * semicolon or tab separated) read with csv-parse, or one workbook read with exceljs's streaming
 * reader. Both stream: a file of any size is read with the memory of a few rows, and both number
 * rows as a spreadsheet shows them (the header is row 1).
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { CsvSyntaxError, CsvTokenizer } from './csv-records.js';
import ExcelJS from 'exceljs';
import { type SheetName, sheetForName } from './import-columns.js';
import type { ProblemKey } from './import-problems.js';
import type { Cell } from './import-values.js';

/** What a source feeds: the header and rows of each sheet it finds, and what stops the reading. */
export interface RowSink {
  /** A sheet begins with its header row (row 1). Returns false when its rows cannot be read. */
  startSheet(sheet: SheetName, header: readonly Cell[]): boolean;
  /** One row after the header; blank rows are passed too, so numbering never drifts. */
  row(sheet: SheetName, rowNumber: number, cells: readonly Cell[]): void | Promise<void>;
  /** The sheet's last row was passed (also after a failure, once the sheet had started). */
  endSheet(sheet: SheetName): Promise<void>;
  /**
   * The sheet (or, with `wholeFile`, every sheet of the file) cannot be read on from `row`: the
   * rows read so far stand, and nothing that depends on the rest of the sheet is concluded.
   */
  fail(sheet: SheetName, row: number, key: ProblemKey, options?: { wholeFile?: boolean }): void;
}

/** An error of the sink (a database failure, say), carried through the readers untouched. */
class SinkFailure {
  constructor(readonly cause: unknown) {}
}

async function feedRow(sink: RowSink, sheet: SheetName, rowNumber: number, cells: readonly Cell[]): Promise<void> {
  try {
    const pending = sink.row(sheet, rowNumber, cells);
    if (pending) await pending;
  } catch (error) {
    throw new SinkFailure(error);
  }
}

export type ImportFormat = 'xlsx' | 'csv';

export interface ImportFile {
  path: string;
  /** The name the user gave the file (for messages and the report). */
  name: string;
}

/** Bytes read so far out of the total of every file. */
export type ByteProgress = (bytesRead: number) => void;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Longest field of a CSV file: an unclosed quote in a file of junk must not swallow it whole. */
const MAX_FIELD_CHARS = 1024 * 1024;

async function firstBytes(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** 'xlsx' when the file is a zip archive (every .xlsx is), otherwise 'csv'. */
export async function detectFormat(path: string): Promise<ImportFormat> {
  const head = await firstBytes(path, 4);
  return head.equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
}

export async function totalSize(files: readonly ImportFile[]): Promise<number> {
  let total = 0;
  for (const file of files) total += (await stat(file.path)).size;
  return total;
}

/** The separator of a CSV file: whichever of , ; and tab its first line uses most (Excel in Vietnamese saves ;). */
function detectDelimiter(head: string): string {
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: unquoted.split(delimiter).length - 1 }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0] && counts[0].count > 0 ? counts[0].delimiter : ',';
}

/** Where a file stops being UTF-8, once it does. */
interface Utf8State {
  invalidLine: number | null;
}

/**
 * The text of a file, chunk by chunk, checked to be UTF-8 (natively, with `isUtf8`). A character
 * split between chunks is carried to the next one. At the first byte that is not UTF-8 the text
 * ends after the last whole line before it, and `state.invalidLine` names the line.
 */
async function* utf8Text(file: string, onBytes: (n: number) => void, state: Utf8State): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let carry: Buffer = Buffer.alloc(0);
  let lines = 1;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    onBytes(chunk.length);
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    // Hold back an incomplete trailing character (at most 3 bytes) for the next chunk.
    let end = bytes.length;
    for (let back = 1; back <= 3 && back <= bytes.length; back++) {
      const byte = bytes[bytes.length - back] as number;
      if ((byte & 0xc0) === 0x80) continue;
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      if (need > back) end = bytes.length - back;
      break;
    }
    const body = bytes.subarray(0, end);
    carry = Buffer.from(bytes.subarray(end));
    if (!isUtf8(body)) {
      const bad = firstInvalidUtf8(body);
      state.invalidLine = lines + countLines(body.subarray(0, bad));
      const cut = body.lastIndexOf(10, bad) + 1;
      if (cut > 0) yield decoder.decode(body.subarray(0, cut));
      return;
    }
    lines += countLines(body);
    yield decoder.decode(body);
  }
  if (carry.length > 0) state.invalidLine = lines;
}

function countLines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}

/** Offset of the first byte that breaks UTF-8 (called once, on a chunk known to be invalid). */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    const need = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (need === 0 || !isUtf8(bytes.subarray(i, i + need))) return i;
    i += need;
  }
  return bytes.length;
}

/**
 * Reads one CSV file as one sheet: header, then rows, then the end of the sheet. Returns without
 * throwing; whatever stops the reading is reported through `sink.fail`.
 */
export async function readCsvSheet(
  file: ImportFile,
  sheet: SheetName,
  sink: RowSink,
  onBytes: (n: number) => void,
): Promise<void> {
  const head = await firstBytes(file.path, 64 * 1024);
  if (head.length === 0 || head.toString('utf8').replace(/^\uFEFF/, '').trim() === '') {
    sink.fail(sheet, 1, 'file_empty');
    return;
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    sink.fail(sheet, 1, 'file_utf16');
    return;
  }
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    sink.fail(sheet, 1, 'file_xlsx_for_csv');
    return;
  }
  const tokenizer = new CsvTokenizer(detectDelimiter(head.toString('utf8')), MAX_FIELD_CHARS);
  const utf8: Utf8State = { invalidLine: null };
  const records: string[][] = [];
  let rowNumber = 0;
  let readable = true;
  const feed = async () => {
    for (const record of records) {
      rowNumber += 1;
      if (rowNumber === 1) readable = sink.startSheet(sheet, record);
      else if (readable) await feedRow(sink, sheet, rowNumber, record);
    }
    records.length = 0;
  };
  try {
    for await (const text of utf8Text(file.path, onBytes, utf8)) {
      try {
        tokenizer.push(text, records);
      } finally {
        await feed();
      }
    }
    if (utf8.invalidLine === null) {
      try {
        tokenizer.end(records);
      } finally {
        await feed();
      }
    } else {
      sink.fail(sheet, utf8.invalidLine, 'file_not_utf8');
    }
  } catch (error) {
    if (error instanceof SinkFailure) throw error.cause;
    if (!(error instanceof CsvSyntaxError)) throw error;
    sink.fail(sheet, rowNumber + 1, error.kind === 'too_long' ? 'csv_too_long' : 'csv_quote');
  }
  if (rowNumber > 0) await sink.endSheet(sheet);
}

type XmlChunks = AsyncIterable<Buffer | string>;

/** Text of a stream of UTF-8 chunks, a character split between two chunks decoded whole. */
async function* utf8Chunks(source: XmlChunks): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** The exceljs internals the wrapper below reaches into (exceljs 4.4.0, lib/stream/xlsx/workbook-reader.js). */
interface WorkbookReaderInternals {
  _parseWorksheet(iterator: XmlChunks, sheetNo: string): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
  _parseWorkbook(entry: NodeJS.ReadableStream): unknown;
}

/**
 * exceljs's streaming reader decodes every zip chunk on its own (exceljs issues #2063, #2084,
 * #2316, still open in 4.4.0): a Vietnamese letter whose UTF-8 bytes straddle two chunks becomes
 * U+FFFD, silently, in about one row in a thousand. Its sheet, shared-string and workbook parsers
 * pass strings through untouched, so they are handed text decoded across chunk boundaries.
 */
function utf8SafeWorkbookReader(input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, options);
  const internals = reader as unknown as WorkbookReaderInternals;
  const decodedStream = (entry: NodeJS.ReadableStream) => {
    const text = entry.pipe(new PassThrough());
    text.setEncoding('utf8');
    return text;
  };
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  const parseWorkbook = internals._parseWorkbook.bind(reader);
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet(utf8Chunks(iterator), sheetNo);
  internals._parseSharedStrings = (entry) => parseSharedStrings(decodedStream(entry));
  internals._parseWorkbook = (entry) => parseWorkbook(decodedStream(entry));
  return reader;
}

/** The value of a workbook cell as the importer reads it. */
function workbookCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) return null;
    if (typeof result === 'object' && !(result instanceof Date)) return null;
    return result;
  }
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  return null;
}

function rowCells(row: ExcelJS.Row): Cell[] {
  // row.values is 1-based and sparse.
  const values = row.values as ExcelJS.CellValue[];
  const cells: Cell[] = [];
  for (let index = 1; index < values.length; index++) cells.push(workbookCell(values[index]));
  return cells;
}

/** How long the workbook reader may give nothing once the whole file has been read. */
const WORKBOOK_STALL_MS = 5_000;

class WorkbookStalled extends Error {}

/**
 * exceljs waits forever on some damaged archives (an entry whose inflate fails, e.g. a bad CRC in
 * `xl/styles.xml`, never ends), which left the import's request unanswered for good. Iterables
 * wrapped by the guard fail with {@link WorkbookStalled} when the file has been read to its end
 * and the reader then gives nothing for {@link WORKBOOK_STALL_MS}. One timer for the whole read.
 */
function stallGuard(input: Readable) {
  let quietSince: number | null = null;
  let pending: ((error: Error) => void) | null = null;
  input.once('close', () => (quietSince = Date.now()));
  const timer = setInterval(() => {
    if (pending && quietSince !== null && Date.now() - quietSince > WORKBOOK_STALL_MS) pending(new WorkbookStalled());
  }, 250);
  timer.unref();
  const guard = <T>(iterable: AsyncIterable<T>): AsyncIterable<T> => ({
    [Symbol.asyncIterator]() {
      const iterator = iterable[Symbol.asyncIterator]();
      return {
        next: () =>
          new Promise<IteratorResult<T>>((resolve, reject) => {
            pending = reject;
            iterator.next().then(
              (result) => {
                pending = null;
                if (quietSince !== null) quietSince = Date.now();
                resolve(result);
              },
              (error: unknown) => {
                pending = null;
                reject(error);
              },
            );
          }),
        return: async () => (await iterator.return?.()) ?? { done: true, value: undefined },
      };
    },
  });
  return { guard, stop: () => clearInterval(timer) };
}

/**
 * Reads the sheets `households` and `members` of a workbook (other sheets, such as the
 * template's explanation, are skipped). Sheets are fed in the order the file stores them.
 */
export async function readWorkbook(file: ImportFile, sink: RowSink, onBytes: (n: number) => void): Promise<void> {
  const head = await firstBytes(file.path, 4);
  if (head.length === 0) {
    sink.fail('households', 1, 'file_empty', { wholeFile: true });
    return;
  }
  if (!head.equals(ZIP_MAGIC)) {
    sink.fail('households', 1, 'file_not_xlsx', { wholeFile: true });
    return;
  }
  const input = createReadStream(file.path, { highWaterMark: 1024 * 1024 });
  input.on('data', (chunk) => onBytes(chunk.length));
  const reader = utf8SafeWorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const { guard, stop } = stallGuard(input);
  const seen = new Set<SheetName>();
  let current: SheetName | null = null;
  let lastRow = 0;
  try {
    for await (const worksheet of guard(reader)) {
      const name = (worksheet as unknown as { name: string }).name;
      const sheet = sheetForName(name);
      if (!sheet || seen.has(sheet)) {
        for await (const _row of guard(worksheet as AsyncIterable<unknown>)) {
          // An unrelated sheet: drained so the stream moves on.
        }
        continue;
      }
      seen.add(sheet);
      current = sheet;
      let started = false;
      let readable = true;
      lastRow = 0;
      for await (const row of guard(worksheet as AsyncIterable<ExcelJS.Row>)) {
        lastRow = row.number;
        if (!started) {
          started = true;
          readable = sink.startSheet(sheet, row.number === 1 ? rowCells(row) : []);
          if (row.number === 1) continue;
        }
        if (readable) await feedRow(sink, sheet, row.number, rowCells(row));
      }
      if (!started) sink.startSheet(sheet, []);
      current = null;
      await sink.endSheet(sheet);
    }
  } catch (error) {
    if (error instanceof SinkFailure) throw error.cause;
    // Anything else comes from exceljs or its unzipper: a damaged or foreign file.
    sink.fail(current ?? 'households', current ? lastRow + 1 : 1, 'file_not_xlsx', { wholeFile: current === null });
    if (current) await sink.endSheet(current);
  } finally {
    stop();
    input.destroy();
  }
}
