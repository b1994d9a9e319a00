/**
 * Input and output of the engine as text, shared by `gnbv classify` / `gnbv summarize` and the
 * HTTP API so both give the same answers. Pure: the caller reads files or requests and writes
 * the strings; streaming callers feed {@link JsonLinesDecoder} chunk by chunk.
 */
import { assessHousehold, failure, type Assessment } from './assessment.js';
import { SummaryBuilder, type GroupBy, type PovertySummary } from './summary.js';
import type { Lang, Outcome, PovertyStandard } from './types.js';

/** One item of the input: a parsed record, or a JSON Lines line that is not JSON. */
export type InputEntry =
  | { readonly kind: 'record'; readonly value: unknown; readonly position: { readonly line?: number; readonly index?: number } }
  | { readonly kind: 'broken_line'; readonly line: number };

/** Why a whole input cannot be used (exit 1 on the command line). */
export type UnusableCode =
  | 'empty_input'
  | 'not_json'
  | 'invalid_json_array'
  | 'unreadable'
  | 'mixed_standards'
  | 'standards_unavailable';

export interface UnusableInput {
  readonly code: UnusableCode;
  /** One line, in the requested language, without any value from the records. */
  readonly message: string;
}

export interface UnusableDetail {
  /** File name as the user gave it (`-` is stdin). */
  readonly file?: string;
  /** A short cause, already in the requested language. */
  readonly cause?: string;
  readonly standards?: readonly [string, string];
}

/** The one-line message for an unusable input. */
export function unusableInput(code: UnusableCode, lang: Lang = 'vi', detail: UnusableDetail = {}): UnusableInput {
  const vi = lang === 'vi';
  const source = detail.file === undefined || detail.file === '-' ? (vi ? 'đầu vào chuẩn (stdin)' : 'standard input') : detail.file;
  const cause = detail.cause ?? (vi ? 'lỗi không xác định' : 'unknown error');
  const [a, b] = detail.standards ?? ['?', '?'];
  const messages: Record<UnusableCode, string> = {
    empty_input: vi ? 'Đầu vào trống: không có bản ghi nào để xử lý.' : 'The input is empty: there are no records to process.',
    not_json: vi
      ? 'Đầu vào không phải JSON: cần một mảng JSON hoặc JSON Lines (mỗi dòng một đối tượng).'
      : 'The input is not JSON: expected a JSON array or JSON Lines (one object per line).',
    invalid_json_array: vi
      ? 'Đầu vào bắt đầu bằng “[” nhưng không phải là mảng JSON hợp lệ.'
      : 'The input starts with “[” but is not a valid JSON array.',
    unreadable: vi ? `Không đọc được ${source}: ${cause}.` : `Cannot read ${source}: ${cause}.`,
    mixed_standards: vi
      ? `Các bản ghi thuộc nhiều chuẩn nghèo khác nhau (${a}, ${b}); chỉ tổng hợp được các hộ cùng một chuẩn.`
      : `The records belong to different poverty standards (${a}, ${b}); a summary covers one standard only.`,
    standards_unavailable: vi
      ? `Không nạp được danh mục chuẩn nghèo: ${cause}.`
      : `Cannot load the poverty standards: ${cause}.`,
  };
  return { code, message: messages[code] };
}

function firstContentChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xfeff) return c;
  }
  return -1;
}

/**
 * The input's format from its beginning: `[` → a JSON array, anything else → JSON Lines;
 * `undefined` while only white space (or a byte-order mark) has been seen.
 */
export function detectFormat(start: string): 'json_array' | 'json_lines' | undefined {
  const c = firstContentChar(start);
  if (c < 0) return undefined;
  return c === 0x5b ? 'json_array' : 'json_lines';
}

function isBlank(line: string): boolean {
  return firstContentChar(line) < 0;
}

/**
 * Splits JSON Lines into entries as text arrives, keeping only the unfinished line in memory.
 * Lines are numbered from 1 as an editor shows them; blank lines are skipped but counted.
 * A line that is not JSON becomes a `broken_line` entry — except that, until some line has parsed,
 * broken lines are held back: if none ever parses the input is not JSON at all, and
 * {@link finish} says so instead (then nothing was emitted).
 */
export class JsonLinesDecoder {
  private rest = '';
  private lineNo = 0;
  private started = false;
  private sawContent = false;
  private parsedAny = false;
  private heldBroken: number[] = [];

  constructor(private readonly emit: (entry: InputEntry) => void) {}

  /** Feeds the next piece of text (any split, even mid-line). */
  push(chunk: string): void {
    if (chunk === '') return;
    let text = this.rest === '' ? chunk : this.rest + chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = start === 0 ? text : text.slice(start);
  }

  /** Ends the input; returns why it is unusable, or `undefined` when it was JSON Lines. */
  finish(): 'empty_input' | 'not_json' | undefined {
    if (this.rest !== '') {
      const last = this.rest;
      this.rest = '';
      this.line(last);
    }
    if (!this.sawContent) return 'empty_input';
    if (!this.parsedAny) return 'not_json';
    return undefined;
  }

  private line(raw: string): void {
    const line = raw.charCodeAt(raw.length - 1) === 0x0d ? raw.slice(0, -1) : raw;
    const lineNo = ++this.lineNo;
    if (line.charCodeAt(0) !== 0x7b && isBlank(line)) return;
    this.sawContent = true;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (this.parsedAny) this.emit({ kind: 'broken_line', line: lineNo });
      else this.heldBroken.push(lineNo);
      return;
    }
    if (!this.parsedAny) {
      this.parsedAny = true;
      for (const held of this.heldBroken) this.emit({ kind: 'broken_line', line: held });
      this.heldBroken = [];
    }
    this.emit({ kind: 'record', value, position: { line: lineNo } });
  }
}

/**
 * Parses a whole JSON array input into entries.
 * Returns `invalid_json_array` when it does not parse (or is not an array).
 */
export function parseJsonArray(text: string): { ok: true; entries: InputEntry[] } | { ok: false; code: 'invalid_json_array' } {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { ok: false, code: 'invalid_json_array' };
  }
  if (!Array.isArray(value)) return { ok: false, code: 'invalid_json_array' };
  const items: readonly unknown[] = value;
  return { ok: true, entries: items.map((v, index): InputEntry => ({ kind: 'record', value: v, position: { index } })) };
}

/**
 * Reads a whole input text (a JSON array or JSON Lines) into entries, or says why it is unusable:
 * empty (nothing but white space), not JSON, or a JSON array that does not parse. An empty JSON
 * array `[]` is usable and has no entries.
 */
export function readInputText(text: string): { ok: true; entries: InputEntry[] } | { ok: false; code: UnusableCode } {
  const format = detectFormat(text);
  if (format === undefined) return { ok: false, code: 'empty_input' };
  if (format === 'json_array') return parseJsonArray(text);
  const entries: InputEntry[] = [];
  const decoder = new JsonLinesDecoder((e) => entries.push(e));
  decoder.push(text);
  const unusable = decoder.finish();
  return unusable ? { ok: false, code: unusable } : { ok: true, entries };
}

/** Classifies one entry; a broken JSON Lines line is `invalid_field` with field `""` and id `null`. */
export function assessEntry(entry: InputEntry, standards: readonly PovertyStandard[], lang: Lang = 'vi'): Assessment {
  if (entry.kind === 'broken_line') {
    return { ok: false, failure: failure('invalid_field', '', { kind: 'not_json_line' }, { line: entry.line }, lang) };
  }
  return assessHousehold(entry.value, standards, { lang, position: entry.position });
}

/**
 * One output line of `gnbv classify` (JSON, without the newline); the same text as
 * `JSON.stringify(outcome)`, spelled out for classified households because statuses, codes and
 * bases are fixed identifiers that need no escaping.
 */
export function formatOutcome(outcome: Outcome): string {
  if ('error' in outcome) return JSON.stringify(outcome);
  const d = outcome.deprivations;
  return (
    `{"id":${JSON.stringify(outcome.id)},"standard":${JSON.stringify(outcome.standard)},"status":"${outcome.status}",` +
    `"deprivations":${d.length === 0 ? '[]' : `["${d.join('","')}"]`},"deprivationCount":${outcome.deprivationCount},` +
    `"scoreB":${outcome.scoreB},"incomeBasis":"${outcome.incomeBasis}"}`
  );
}

export type ClassifyTextResult =
  | { readonly ok: true; readonly outcomes: Outcome[]; readonly allClassified: boolean }
  | { readonly ok: false; readonly error: UnusableInput };

/**
 * Classifies every record of an input text, in input order: what `gnbv classify` prints, and what
 * `POST /api/classify` answers.
 */
export function classifyText(text: string, standards: readonly PovertyStandard[], options: { lang?: Lang } = {}): ClassifyTextResult {
  const lang = options.lang ?? 'vi';
  const input = readInputText(text);
  if (!input.ok) return { ok: false, error: unusableInput(input.code, lang) };
  let allClassified = true;
  const outcomes = input.entries.map((entry) => {
    const a = assessEntry(entry, standards, lang);
    if (!a.ok) allClassified = false;
    return a.ok ? a.result : a.failure;
  });
  return { ok: true, outcomes, allClassified };
}

/**
 * Classifies records that are already parsed (e.g. a JSON request body that is an array), with
 * the same outcomes and messages as {@link classifyText} on that array.
 */
export function classifyRecords(
  records: readonly unknown[],
  standards: readonly PovertyStandard[],
  options: { lang?: Lang } = {},
): { outcomes: Outcome[]; allClassified: boolean } {
  let allClassified = true;
  const outcomes = records.map((value, index) => {
    const a = assessHousehold(value, standards, { lang: options.lang, position: { index } });
    if (!a.ok) allClassified = false;
    return a.ok ? a.result : a.failure;
  });
  return { outcomes, allClassified };
}

export type SummarizeTextResult =
  | { readonly ok: true; readonly summary: PovertySummary }
  | { readonly ok: false; readonly error: UnusableInput };

/** Adds an entry to a summary; returns false when its standard differs from the households before. */
export function addEntryToSummary(
  builder: SummaryBuilder,
  entry: InputEntry,
  standards: readonly PovertyStandard[],
  lang: Lang = 'vi',
): boolean {
  const a = assessEntry(entry, standards, lang);
  if (a.ok) return builder.add(a);
  builder.addInvalid();
  return true;
}

/** The summary of an input text (SPEC §5.6): what `gnbv summarize` prints and `POST /api/summarize` answers. */
export function summarizeText(
  text: string,
  standards: readonly PovertyStandard[],
  options: { lang?: Lang; groupBy?: GroupBy } = {},
): SummarizeTextResult {
  const lang = options.lang ?? 'vi';
  const input = readInputText(text);
  if (!input.ok) return { ok: false, error: unusableInput(input.code, lang) };
  const builder = new SummaryBuilder(options.groupBy);
  for (const entry of input.entries) {
    if (!addEntryToSummary(builder, entry, standards, lang)) break;
  }
  const mixed = builder.mixedStandards;
  if (mixed) return { ok: false, error: unusableInput('mixed_standards', lang, { standards: mixed }) };
  return { ok: true, summary: builder.build() };
}
