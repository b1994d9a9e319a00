/**
 * Use cases of the poverty standards API: the standards as the database holds them, and the
 * engine's classification and summary of records sent over HTTP. Any signed-in role may use them:
 * they read reference data and the records in the request, never the registry.
 *
 * Answers are built with the same engine functions as `gnbv classify` / `gnbv summarize`
 * (`classifyText`, `summarizeText`, `formatOutcome`), so the same file gets the same lines.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import {
  StandardsFileError,
  classifyText,
  detectFormat,
  formatOutcome,
  isRecordFailure,
  parseStandardsFile,
  summarizeText,
  unusableInput,
  type GroupBy,
  type Lang,
  type Outcome,
  type PovertyStandard,
  type PovertySummary,
  type UnusableCode,
  type UnusableInput,
} from '../../domain/poverty/index.js';
import type { Language } from '../../server/language.js';
import { HttpProblem, problemBody, type ProblemBody } from '../../server/problem.js';
import type { Actor } from '../access/actor.js';
import { listStandardDefinitions } from './standards.repository.js';

/** Records one request may carry; bigger sets go through `gnbv classify` / `gnbv summarize`. */
export const MAX_RECORDS_PER_REQUEST = 50_000;

/**
 * The engine's refusal of a whole input (not JSON, a broken JSON array, records of two standards)
 * or of the standards themselves, as problem+json in the engine's own words, with its `code`.
 * The engine wrote the message in the request's language, the one the problem is rendered in.
 */
export class RecordsProblem extends HttpProblem {
  constructor(readonly unusable: UnusableInput) {
    super(unusable.code === 'standards_unavailable' ? 500 : 400, 'records.unusable');
  }

  override render(language: Language): ProblemBody & { code: UnusableCode } {
    return Object.assign(problemBody(this.status, language, this.unusable.message), { code: this.unusable.code });
  }
}

// A bare number: "50,000" would read as fifty in Vietnamese.
const tooManyRecords = () =>
  new HttpProblem(413, 'records.too_many', { limit: MAX_RECORDS_PER_REQUEST }, { titleKey: 'too_large.title' });

let cached: { key: string; standards: PovertyStandard[] } | undefined;

/**
 * The standards in `poverty_standard`, checked by the engine's own parser, earliest first. The
 * database is the source, so a threshold corrected there takes effect on the next request; parsed
 * standards are reused while the rows stay the same.
 *
 * @throws {RecordsProblem} `standards_unavailable` (500) when no row is usable: an invalid
 * definition, or two standards whose review years overlap.
 */
export async function loadStandards(db: Kysely<Database>, lang: Lang = 'vi'): Promise<PovertyStandard[]> {
  const rows = await listStandardDefinitions(db);
  const key = JSON.stringify(rows);
  if (cached?.key === key) return cached.standards;
  const parsed = parseStandardRows(rows);
  if (typeof parsed === 'string') {
    throw new RecordsProblem(unusableInput('standards_unavailable', lang, { cause: parsed }));
  }
  cached = { key, standards: parsed };
  return parsed;
}

/** The standards of the rows, or what makes them unusable. */
function parseStandardRows(rows: readonly { id: string; definition: unknown }[]): PovertyStandard[] | string {
  if (rows.length === 0) return 'poverty_standard is empty';
  const standards: PovertyStandard[] = [];
  for (const row of rows) {
    const standard = parseStandardRow(row.id, row.definition);
    if (typeof standard === 'string') return `poverty_standard ${row.id}: ${standard}`;
    standards.push(standard);
  }
  standards.sort((a, b) => a.firstYear - b.firstYear);
  for (let i = 1; i < standards.length; i++) {
    const [before, after] = [standards[i - 1], standards[i]];
    if (before && after && after.firstYear <= before.lastYear) {
      return `review years of ${before.id} and ${after.id} overlap`;
    }
  }
  return standards;
}

/** A row's definition is one standard with its own labour rules: parsed as a file of one standard. */
function parseStandardRow(id: string, definition: unknown): PovertyStandard | string {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    return 'definition is not a JSON object';
  }
  const { labour, ...standard } = definition as Record<string, unknown>;
  try {
    const [parsed] = parseStandardsFile({ schemaVersion: 1, labour, standards: [standard] });
    if (!parsed || parsed.id !== id) return `the definition's id is not ${id}`;
    return parsed;
  } catch (error) {
    if (error instanceof StandardsFileError) return error.message;
    throw error;
  }
}

/**
 * How many records an input holds, counted without parsing it (parsing millions of tiny records
 * would take seconds and gigabytes): the non-blank lines of JSON Lines, the top-level elements of
 * a JSON array. Stops counting past `limit`.
 */
export function countRecords(text: string, limit = Infinity): number {
  const format = detectFormat(text);
  if (format === undefined) return 0;
  let count = 0;
  if (format === 'json_lines') {
    let blank = true;
    for (let i = 0; i < text.length && count <= limit; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        if (!blank) count++;
        blank = true;
      } else if (blank && !isSpace(c)) {
        blank = false;
      }
    }
    return blank ? count : count + 1;
  }
  let depth = 0;
  let inString = false;
  let element = false;
  for (let i = 0; i < text.length && count <= limit; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
      if (depth === 1) element = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (depth === 1) element = true;
      depth++;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (depth === 1) {
      if (c === 0x2c) {
        count++;
        element = false;
      } else if (!isSpace(c)) {
        element = true;
      }
    }
  }
  return element ? count + 1 : count;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff;
}

function checkRecordCount(text: string): void {
  if (countRecords(text, MAX_RECORDS_PER_REQUEST) > MAX_RECORDS_PER_REQUEST) throw tooManyRecords();
}

/** Every standard with its rules, for the "Chuẩn nghèo" page and the in-browser calculator. */
export async function listStandards(db: Kysely<Database>, _actor: Actor, lang: Lang): Promise<{ standards: PovertyStandard[] }> {
  return { standards: await loadStandards(db, lang) };
}

export interface ClassifyAnswer {
  readonly outcomes: readonly Outcome[];
  readonly classified: number;
  readonly invalid: number;
  /** The JSON Lines `gnbv classify` prints for the same input, newline-terminated. */
  readonly jsonLines: string;
}

/**
 * Classifies the records of an input text (a JSON array or JSON Lines), one outcome per record
 * in input order; a record that cannot be classified gives its error and the others go on.
 *
 * @throws {RecordsProblem} 400 when the input as a whole is unusable (empty, not JSON, a JSON
 * array that does not parse).
 * @throws {HttpProblem} 413 beyond {@link MAX_RECORDS_PER_REQUEST} records.
 */
export async function classifyRecords(db: Kysely<Database>, _actor: Actor, text: string, lang: Lang): Promise<ClassifyAnswer> {
  checkRecordCount(text);
  const standards = await loadStandards(db, lang);
  const result = classifyText(text, standards, { lang });
  if (!result.ok) throw new RecordsProblem(result.error);
  const invalid = result.outcomes.filter(isRecordFailure).length;
  const jsonLines = result.outcomes.map((outcome) => `${formatOutcome(outcome)}\n`).join('');
  return { outcomes: result.outcomes, classified: result.outcomes.length - invalid, invalid, jsonLines };
}

/**
 * The §5.6 summary of the records of an input text, optionally grouped.
 *
 * @throws {RecordsProblem} 400 when the input is unusable or its households belong to more than
 * one standard (the problem names both).
 * @throws {HttpProblem} 413 beyond {@link MAX_RECORDS_PER_REQUEST} records.
 */
export async function summarizeRecords(
  db: Kysely<Database>,
  _actor: Actor,
  text: string,
  options: { lang: Lang; groupBy?: GroupBy | undefined },
): Promise<PovertySummary> {
  checkRecordCount(text);
  const standards = await loadStandards(db, options.lang);
  const result = summarizeText(text, standards, { lang: options.lang, ...(options.groupBy ? { groupBy: options.groupBy } : {}) });
  if (!result.ok) throw new RecordsProblem(result.error);
  return result.summary;
}
