/**
 * Reading one cell of an import (SPEC §6). A cell comes from CSV as text, or from a workbook as
 * text, a number, a boolean or a date; each reader returns the value in the form the registry
 * stores, or a {@link CellProblem} saying why it cannot. Pure functions, no I/O.
 */
import { cleanText } from '../../domain/text.js';
import { type EnumValue, foldHeader } from './import-columns.js';
import type { ProblemKey, ProblemParams } from './import-problems.js';

/** A cell as a reader delivers it; null or undefined when the cell is empty. */
export type Cell = string | number | boolean | Date | null | undefined;

/** Why a cell cannot be read. */
export class CellProblem {
  constructor(
    readonly key: ProblemKey,
    readonly params?: ProblemParams,
  ) {}
}

export const isProblem = (value: unknown): value is CellProblem => value instanceof CellProblem;

/** True for an empty cell, or one holding only spaces. */
export function isBlank(cell: Cell): boolean {
  if (cell === null || cell === undefined) return true;
  return typeof cell === 'string' && cell.trim() === '';
}

// Excel shows integers up to 15 digits without an exponent; String() does the same below 1e21.
function numberText(value: number): string {
  return Number.isInteger(value) ? value.toFixed(0) : String(value);
}

/** The text of a cell: numbers as written, booleans as true/false, dates as YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return isoDateOf(cell);
}

// C0 controls other than tab, line feed and carriage return, and DEL: PostgreSQL text refuses
// NUL, and none of them belongs in a name or an address.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Anything cleanText would change besides normalisation: control characters, whitespace other
// than single inner spaces. Most cells have none, and skip the slower path.
const UNUSUAL = /[\u0000-\u001F\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]|^ | $| {2}/;

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text as stored: NFC, inner whitespace collapsed, trimmed (domain cleanText), at most `max`
 * characters, no control characters. An empty result is null.
 */
export function readText(cell: Cell, max: number): string | null | CellProblem {
  const raw = typeof cell === 'string' ? cell : cellText(cell);
  // A lone UTF-16 surrogate (a workbook's &#xD800;) has no UTF-8 form: PostgreSQL's json refuses it.
  if (SURROGATE.test(raw) && LONE_SURROGATE.test(raw)) return new CellProblem('text_control');
  let text: string;
  if (UNUSUAL.test(raw)) {
    if (CONTROL.test(raw)) return new CellProblem('text_control');
    text = cleanText(raw);
  } else text = raw.normalize('NFC');
  if (text === '') return null;
  if (text.length > max) return new CellProblem('text_too_long', { max });
  return text;
}

const HOUSEHOLD_CODE = /^[0-9A-Za-z][0-9A-Za-z._/-]{0,39}$/;

export function readHouseholdCode(cell: Cell): string | null | CellProblem {
  const text = cellText(cell).trim();
  if (text === '') return null;
  return HOUSEHOLD_CODE.test(text) ? text : new CellProblem('household_code_format');
}

/** A commune code of 5 digits; spreadsheets drop leading zeros, so shorter digit strings are padded. */
export function readCommuneCode(cell: Cell): string | null | CellProblem {
  const text = cellText(cell).trim();
  if (text === '') return null;
  return /^\d{1,5}$/.test(text) ? text.padStart(5, '0') : new CellProblem('commune_format');
}

const BOOLEANS = new Map<string, boolean>([
  ['1', true],
  ['0', false],
  ['true', true],
  ['false', false],
  ['co', true],
  ['khong', false],
  ['x', true],
]);
// Files repeat a handful of spellings ("có", "Không", "x") a million times.
const booleanSpellings = new Map<string, boolean | CellProblem>();

/** Yes or no: 1/0, true/false, có/không, x/blank (blank = no), in any case, with or without diacritics. */
export function readBoolean(cell: Cell): boolean | CellProblem {
  if (cell === null || cell === undefined) return false;
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : new CellProblem('boolean');
  if (typeof cell !== 'string') return new CellProblem('boolean');
  const known = booleanSpellings.get(cell);
  if (known !== undefined) return known;
  const result = cell.trim() === '' ? false : (BOOLEANS.get(foldHeader(cell)) ?? new CellProblem('boolean'));
  if (booleanSpellings.size < 1_000) booleanSpellings.set(cell, result);
  return result;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DMY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function isoDateOf(date: Date): string {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function civilDate(y: number, m: number, d: number): string | CellProblem {
  if (y < 1900 || y > 2100) return new CellProblem('date_range');
  const days = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  if (m < 1 || m > 12 || d < 1 || d > days) return new CellProblem('date_impossible');
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * A civil date 'YYYY-MM-DD' from `YYYY-MM-DD`, `dd/mm/yyyy` (day and month may have one digit)
 * or a workbook date cell. 31/02/2024 is refused as a date that does not exist.
 */
export function readDate(cell: Cell): string | null | CellProblem {
  if (cell === null || cell === undefined) return null;
  // Workbook dates are stored as days since 1900; exceljs hands them over at UTC midnight.
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return new CellProblem('date_format');
    return civilDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === 'number') return new CellProblem('date_numeric');
  if (typeof cell !== 'string') return new CellProblem('date_format');
  const text = cell.trim();
  if (text === '') return null;
  let match = DMY_DATE.exec(text);
  if (match) return civilDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = ISO_DATE.exec(text);
  if (match) return civilDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return new CellProblem('date_format');
}

const MAX_MONEY = 1_000_000_000_000;
const PLAIN_DIGITS = /^\d+$/;
const GROUPED_DIGITS = /^\d{1,3}(?:\.\d{3})+$/;

/** Whole đồng: plain digits, or digits with '.' thousands separators (1.500.000). */
export function readMoney(cell: Cell): number | null | CellProblem {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') {
    if (cell < 0) return new CellProblem('money_negative');
    if (!Number.isInteger(cell)) return new CellProblem('money_format');
    return cell > MAX_MONEY ? new CellProblem('money_too_large') : cell;
  }
  if (typeof cell !== 'string') return new CellProblem('money_format');
  const text = cell.trim();
  if (text === '') return null;
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1).trim() : text;
  let value: number;
  if (PLAIN_DIGITS.test(digits)) value = Number(digits);
  else if (GROUPED_DIGITS.test(digits)) value = Number(digits.replace(/\./g, ''));
  else return new CellProblem('money_format');
  if (negative && value !== 0) return new CellProblem('money_negative');
  return value > MAX_MONEY ? new CellProblem('money_too_large') : value;
}

/** Score A: a whole number from 0 to 1,000,000. */
export function readScore(cell: Cell): number | null | CellProblem {
  if (cell === null || cell === undefined) return null;
  const text = cellText(cell).trim();
  if (text === '') return null;
  if (!PLAIN_DIGITS.test(text) || text.length > 7) return new CellProblem('score_format');
  const value = Number(text);
  return value > 1_000_000 ? new CellProblem('score_format') : value;
}

const DECIMAL = /^(\d+)(?:[.,](\d{1,2}))?$/;

/** Floor area in m²: at least 0, a decimal comma or point, up to 2 decimals. */
export function readFloorArea(cell: Cell): number | null | CellProblem {
  if (cell === null || cell === undefined) return null;
  let value: number;
  if (typeof cell === 'number') {
    // NaN (a workbook's <v>NaN</v>) passes every comparison: refuse it first.
    if (Number.isNaN(cell) || cell < 0 || Math.abs(cell * 100 - Math.round(cell * 100)) > 1e-6) return new CellProblem('floor_area_format');
    value = Math.round(cell * 100) / 100;
  } else {
    if (typeof cell !== 'string') return new CellProblem('floor_area_format');
    const text = cell.trim();
    if (text === '') return null;
    const match = DECIMAL.exec(text);
    if (!match) return new CellProblem('floor_area_format');
    value = Number(`${match[1]}.${match[2] ?? '0'}`);
  }
  return value > 1_000_000 ? new CellProblem('floor_area_too_large') : value;
}

/**
 * A reader of an enumerated column: the canonical code, or the Vietnamese or English label, or
 * another listed spelling, compared without case, diacritics, spaces or punctuation.
 */
export function enumReader(values: readonly EnumValue[]): (cell: Cell) => string | null | CellProblem {
  const byKey = new Map<string, string>();
  for (const value of values) {
    for (const spelling of [value.code, value.vi, value.en, ...(value.aliases ?? [])]) {
      const key = foldHeader(spelling);
      const owner = byKey.get(key);
      if (owner !== undefined && owner !== value.code) throw new Error(`"${spelling}" names two values`);
      byKey.set(key, value.code);
    }
  }
  const allowed = values.map((value) => value.vi).join(', ');
  // Files repeat a handful of spellings a million times: remember each one's answer.
  const seen = new Map<string, string | null | CellProblem>();
  return (cell) => {
    if (cell === null || cell === undefined) return null;
    const text = typeof cell === 'string' ? cell : cellText(cell);
    const known = seen.get(text);
    if (known !== undefined) return known;
    const result = text.trim() === '' ? null : (byKey.get(foldHeader(text)) ?? new CellProblem('enum_unknown', { allowed }));
    if (seen.size < 1_000) seen.set(text, result);
    return result;
  };
}

/** An ethnic group as stored in `ethnic_group`, with the spellings to match. */
export interface EthnicGroupSpelling {
  code: string;
  name: string;
  aliases: readonly string[];
}

/**
 * A reader of the ethnicity column: the official code (01–54, a lost leading zero restored) or
 * the name or an alias, matched ignoring case, diacritics, spaces and hyphens (Jrai → Gia Rai,
 * Bahnar → Ba Na).
 */
export function ethnicityReader(groups: readonly EthnicGroupSpelling[]): (cell: Cell) => string | null | CellProblem {
  const byKey = new Map<string, string>();
  for (const group of groups) {
    byKey.set(group.code, group.code);
    for (const spelling of [group.name, ...group.aliases]) byKey.set(foldHeader(spelling), group.code);
  }
  const seen = new Map<string, string | null | CellProblem>();
  return (cell) => {
    if (cell === null || cell === undefined) return null;
    const text = cellText(cell).trim();
    const known = seen.get(text);
    if (known !== undefined) return known;
    let result: string | null | CellProblem;
    if (text === '') result = null;
    else if (/^\d{1,2}$/.test(text)) result = byKey.get(text.padStart(2, '0')) ?? new CellProblem('ethnicity_unknown');
    else result = byKey.get(foldHeader(text)) ?? new CellProblem('ethnicity_unknown');
    if (seen.size < 10_000) seen.set(text, result);
    return result;
  };
}

/**
 * The shape of a citizen ID (12 digits; spaces between groups are dropped). The place and
 * birth-digit checks need the member's sex and birth date and are made with them afterwards.
 */
export function readCitizenIdShape(cell: Cell): string | null | CellProblem {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') {
    const text = numberText(cell);
    if (!PLAIN_DIGITS.test(text)) return new CellProblem('citizen_id_chars');
    return text.length === 12 ? text : new CellProblem('citizen_id_length_numeric');
  }
  const text = cellText(cell).replace(/\s+/g, '');
  if (text === '') return null;
  if (!PLAIN_DIGITS.test(text)) return new CellProblem('citizen_id_chars');
  return text.length === 12 ? text : new CellProblem('citizen_id_length');
}
