/**
 * Reading the reference files: CSV and JSON text checked against a zod schema, every failure
 * turned into a {@link ReferenceDataError} that names the file, row and field.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { ReferenceDataError } from './reference-data.error.js';

/** One parsed CSV record with the line it came from (the header is line 1). */
export interface CsvRecord<T> {
  line: number;
  value: T;
}

/** A file's text and the label used in error messages. */
export interface TextFile {
  file: string;
  text: string;
}

/**
 * Reads a UTF-8 file of the reference directory.
 * @throws {ReferenceDataError} when the file cannot be read.
 */
export async function readTextFile(directory: string, relativePath: string): Promise<TextFile> {
  const absolute = path.resolve(directory, relativePath);
  const file = fileLabel(absolute);
  try {
    return { file, text: await readFile(absolute, 'utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new ReferenceDataError(file, null, null, reason);
  }
}

/** The path relative to the working directory when the file lies below it, else absolute. */
function fileLabel(absolutePath: string): string {
  const relative = path.relative(process.cwd(), absolutePath);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolutePath : relative;
}

/**
 * Parses CSV text whose header must be exactly `columns` (in that order) and checks each record
 * with `rowSchema`. Empty lines are skipped; values are not trimmed (the schema decides).
 * @example
 * const rows = parseCsv(text, 'reference/ethnic-groups.csv', ['code', 'name'], rowSchema);
 */
export function parseCsv<S extends z.ZodType>(
  text: string,
  file: string,
  columns: readonly string[],
  rowSchema: S,
): CsvRecord<z.output<S>>[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // csv-parse's types do not model the `info` option, which wraps each record with its line.
    records = parse(text, { bom: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      throw new ReferenceDataError(file, typeof error.lines === 'number' ? error.lines : null, null, error.message);
    }
    throw error;
  }
  const [header, ...body] = records;
  if (!header || header.record.join(',') !== columns.join(',')) {
    const found = header ? header.record.join(',') : 'nothing';
    throw new ReferenceDataError(file, 1, null, `the header must be "${columns.join(',')}", found "${found}"`);
  }
  return body.map(({ record, info }) => {
    const raw = Object.fromEntries(columns.map((column, index) => [column, record[index]]));
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ReferenceDataError(file, info.lines, issue ? formatPath(issue.path) : null, issue?.message ?? 'invalid');
    }
    return { line: info.lines, value: parsed.data };
  });
}

/**
 * Parses JSON text and checks it with `schema`.
 * @throws {ReferenceDataError} at the record and key of the first problem.
 */
export function parseJson<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReferenceDataError(file, null, null, `not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new ReferenceDataError(file, null, null, 'invalid');
  const location = jsonLocation(issue.path);
  const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : location.field;
  return failAt(file, location.row, field, issue.message);
}

/** Throws a {@link ReferenceDataError}; a shorthand for the checks that follow parsing. */
export function failAt(file: string, row: number | string | null, field: string | null, problem: string): never {
  throw new ReferenceDataError(file, row, field, problem);
}

/**
 * Splits a JSON path into the record and the key: the key is the last named segment with any
 * indexes after it (`indicatorCodes[1]`); the record is everything before it.
 */
function jsonLocation(issuePath: readonly PropertyKey[]): { row: string; field: string | null } {
  let lastName = -1;
  issuePath.forEach((segment, index) => {
    if (typeof segment === 'string') lastName = index;
  });
  if (lastName < 0) return { row: formatPath(issuePath), field: null };
  return { row: formatPath(issuePath.slice(0, lastName)), field: formatPath(issuePath.slice(lastName)) };
}

/** `['programs', 0, 'name']` → `programs[0].name`. */
function formatPath(issuePath: readonly PropertyKey[]): string {
  return issuePath
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}
