import { completedMonthsBetweenKeys, parseDateKey } from './ages.js';
import {
  compileStandard,
  deriveDeprivations,
  type HouseholdFactName,
  type HouseholdFacts,
  type MemberFacts,
} from './indicators.js';
import { recordErrorMessage, type ExpectedType, type Reason } from './messages.js';
import { standardById, standardForYear } from './standards.js';
import {
  AREAS,
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  LATRINE_TYPES,
  SEXES,
  WATER_SOURCES,
  type Area,
  type ClassificationResult,
  type ErrorCode,
  type GroupingKeys,
  type HouseholdStatus,
  type IndicatorCode,
  type Lang,
  type Outcome,
  type PovertyStandard,
  type RecordFailure,
  type RecordPosition,
} from './types.js';

/**
 * Hộ nghèo / hộ cận nghèo / hộ có mức sống trung bình by income (SPEC §5.2):
 * income ≤ line and `d` ≥ 3 → `poor`; income ≤ line and `d` < 3 → `near_poor`; otherwise a farm
 * household (nông, lâm, ngư, diêm nghiệp) with income ≤ the average band → `average`; otherwise
 * `not_poor`. Every comparison is inclusive.
 *
 * @param incomePerCapita VND per person per month.
 * @param deprivationCount number of indicators the household lacks.
 * @example classifyByIncome(std2022, 'rural', 1_500_000, 2, false) // 'near_poor'
 */
export function classifyByIncome(
  standard: PovertyStandard,
  area: Area,
  incomePerCapita: number,
  deprivationCount: number,
  farmHousehold: boolean,
): HouseholdStatus {
  if (incomePerCapita <= standard.incomeLines[area].value) {
    return deprivationCount >= standard.poorMinDeprivations.value ? 'poor' : 'near_poor';
  }
  if (farmHousehold && standard.averageBand && incomePerCapita <= standard.averageBand[area].value) return 'average';
  return 'not_poor';
}

/**
 * Classification by điểm A (income-proxy score, Circular 07/2021): A ≤ cut-off and `d` ≥ 3 →
 * `poor`; A ≤ cut-off and `d` < 3 → `near_poor`; otherwise `not_poor` (scores never give `average`).
 *
 * @throws {Error} when the standard has no score-A cut-off (VN-MPS-2027); records are refused
 * earlier with `unsupported_by_standard`.
 */
export function classifyByScoreA(
  standard: PovertyStandard,
  area: Area,
  scoreA: number,
  deprivationCount: number,
): HouseholdStatus {
  if (!standard.scoreACutoffs) throw new Error(`standard ${standard.id} has no score-A cut-off`);
  if (scoreA <= standard.scoreACutoffs[area].value) {
    return deprivationCount >= standard.poorMinDeprivations.value ? 'poor' : 'near_poor';
  }
  return 'not_poor';
}

/** Điểm B = 10 × number of lacking indicators (points per indicator from the standard). */
export function scoreB(standard: PovertyStandard, deprivationCount: number): number {
  return standard.scoreBPointsPerIndicator.value * deprivationCount;
}

export interface AssessOptions {
  /** Language of error messages; Vietnamese by default. */
  readonly lang?: Lang;
  /** Where the record sits in its input, named in error messages. */
  readonly position?: RecordPosition;
}

/** A classified household with what a summary needs besides the output fields. */
export interface AssessedHousehold {
  readonly ok: true;
  readonly result: ClassificationResult;
  readonly standard: PovertyStandard;
  readonly grouping: GroupingKeys;
}
export interface FailedAssessment {
  readonly ok: false;
  readonly failure: RecordFailure;
}
export type Assessment = AssessedHousehold | FailedAssessment;

/** The first problem found in a record; thrown inside validation, never outside this module. */
class Problem {
  constructor(
    readonly code: ErrorCode,
    readonly field: string,
    readonly reason: Reason,
  ) {}
}

type Json = Readonly<Record<string, unknown>>;

const AREA_SET: ReadonlySet<string> = new Set(AREAS);
const SEX_SET: ReadonlySet<string> = new Set(SEXES);
const EMPLOYMENT_SET: ReadonlySet<string> = new Set(EMPLOYMENT_STATUSES);
const EDUCATION_SET: ReadonlySet<string> = new Set(EDUCATION_LEVELS);
const WATER_SET: ReadonlySet<string> = new Set(WATER_SOURCES);
const LATRINE_SET: ReadonlySet<string> = new Set(LATRINE_TYPES);
const NON_ASCII = /[^\x00-\x7f]/;

function nfc(s: string): string {
  return NON_ASCII.test(s) ? s.normalize('NFC') : s;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Where a field sits: `''` (top level), `'facts'`, or a member index (`facts.members[i]`).
 * Paths are only spelled out when a problem is found.
 */
type Prefix = '' | 'facts' | number;

function pathOf(prefix: Prefix, key: string): string {
  if (typeof prefix === 'number') return `facts.members[${prefix}].${key}`;
  return prefix === '' ? key : `${prefix}.${key}`;
}

// Fields are read with literal property names (`record.area`), which keeps V8's property
// caches monomorphic on records of one shape; helpers get the value and the field's place.

function invalid(field: string, reason: Reason): Problem {
  return new Problem('invalid_field', field, reason);
}

function wrongType(field: string, expected: ExpectedType): Problem {
  return invalid(field, { kind: 'wrong_type', expected });
}

/** `null` counts as absent (SPEC §5.4). */
function isAbsent(v: unknown): v is null | undefined {
  return v === undefined || v === null;
}

function present(v: unknown, prefix: Prefix, key: string): unknown {
  if (isAbsent(v)) throw new Problem('missing_field', pathOf(prefix, key), { kind: 'missing' });
  return v;
}

function requiredBoolean(v: unknown, prefix: Prefix, key: string): boolean {
  if (typeof v === 'boolean') return v;
  present(v, prefix, key);
  throw wrongType(pathOf(prefix, key), 'boolean');
}

/** `socialAllowance`, `stunted`, `underweight`, `farmHousehold`: false when absent. */
function optionalBoolean(v: unknown, prefix: Prefix, key: string): boolean {
  if (typeof v === 'boolean') return v;
  if (isAbsent(v)) return false;
  throw wrongType(pathOf(prefix, key), 'boolean');
}

function requiredEnum<T extends string>(
  v: unknown,
  prefix: Prefix,
  key: string,
  set: ReadonlySet<string>,
  list: readonly T[],
): T {
  if (typeof v === 'string' && set.has(v)) return v as T;
  present(v, prefix, key);
  throw invalid(pathOf(prefix, key), { kind: 'not_one_of', allowed: list });
}

/** A date as its YYYYMMDD key. */
function requiredDate(v: unknown, prefix: Prefix, key: string): number {
  const date = typeof v === 'string' ? parseDateKey(v) : -1;
  if (date >= 0) return date;
  present(v, prefix, key);
  throw invalid(pathOf(prefix, key), { kind: 'invalid_date' });
}

function nonNegativeNumber(v: unknown, prefix: Prefix, key: string): number {
  if (typeof v === 'number' && v >= 0 && Number.isFinite(v)) return v;
  present(v, prefix, key);
  if (typeof v !== 'number' || !Number.isFinite(v)) throw wrongType(pathOf(prefix, key), 'number');
  throw invalid(pathOf(prefix, key), { kind: 'negative' });
}

function readId(v: unknown): string {
  if (typeof v !== 'string') {
    present(v, '', 'id');
    throw wrongType('id', 'string');
  }
  const id = nfc(v);
  if (id.trim() === '') throw invalid('id', { kind: 'empty_string' });
  return id;
}

function readStandard(named: unknown, year: unknown, standards: readonly PovertyStandard[]): PovertyStandard {
  let standard: PovertyStandard | undefined;
  if (!isAbsent(named)) {
    if (typeof named !== 'string') throw wrongType('standard', 'string');
    standard = standardById(standards, named);
    if (!standard) throw invalid('standard', { kind: 'unknown_standard', known: standards.map((s) => s.id) });
  }
  if (isAbsent(year)) {
    if (standard) return standard;
    throw new Problem('missing_field', 'year', { kind: 'missing' });
  }
  if (typeof year !== 'number' || !Number.isFinite(year)) throw wrongType('year', 'integer');
  if (!Number.isInteger(year)) throw invalid('year', { kind: 'not_integer' });
  if (standard) {
    if (year < standard.firstYear || year > standard.lastYear) {
      throw new Problem('conflicting_fields', 'year', { kind: 'year_outside_standard', year, standard });
    }
    return standard;
  }
  const byYear = standardForYear(standards, year);
  if (!byYear) throw new Problem('no_standard_for_year', 'year', { kind: 'no_standard_for_year', year, available: standards });
  return byYear;
}

type IncomeBasis = { readonly kind: 'income' | 'scoreA'; readonly value: number };

function readIncomeBasis(income: unknown, score: unknown, standard: PovertyStandard): IncomeBasis {
  if (!isAbsent(income) && !isAbsent(score)) {
    throw new Problem('conflicting_fields', 'scoreA', { kind: 'both_given', other: 'incomePerCapita' });
  }
  if (!isAbsent(income)) {
    if (typeof income !== 'number' || !Number.isFinite(income)) throw wrongType('incomePerCapita', 'integer');
    if (!Number.isSafeInteger(income)) throw invalid('incomePerCapita', { kind: 'not_integer' });
    if (income < 0) throw invalid('incomePerCapita', { kind: 'negative' });
    return { kind: 'income', value: income };
  }
  if (!isAbsent(score)) {
    const value = nonNegativeNumber(score, '', 'scoreA');
    if (!standard.scoreACutoffs) {
      throw new Problem('unsupported_by_standard', 'scoreA', { kind: 'score_unsupported', standard: standard.id });
    }
    return { kind: 'scoreA', value };
  }
  throw new Problem('missing_field', 'incomePerCapita', { kind: 'missing_one_of', other: 'scoreA' });
}

function readListedDeprivations(list: unknown, standard: PovertyStandard): IndicatorCode[] {
  if (!Array.isArray(list)) throw wrongType('deprivations', 'array');
  const c = compileStandard(standard);
  const lacking: boolean[] = new Array<boolean>(c.codes.length).fill(false);
  for (let i = 0; i < list.length; i++) {
    const code: unknown = list[i];
    if (typeof code !== 'string') throw wrongType(`deprivations[${i}]`, 'string');
    const at = c.indexOf.get(code);
    if (at === undefined) {
      throw new Problem('unknown_indicator', `deprivations[${i}]`, { kind: 'unknown_indicator', standard: standard.id });
    }
    if (lacking[at]) throw invalid(`deprivations[${i}]`, { kind: 'duplicate_indicator' });
    lacking[at] = true;
  }
  return c.codes.filter((_, i) => lacking[i]);
}

function readMember(value: unknown, i: number, surveyDate: number): MemberFacts {
  if (!isObject(value)) throw invalid(`facts.members[${i}]`, { kind: 'not_object' });
  const birth = requiredDate(value.birthDate, i, 'birthDate');
  if (birth > surveyDate) throw invalid(pathOf(i, 'birthDate'), { kind: 'birth_after_survey' });
  const ageMonths = completedMonthsBetweenKeys(birth, surveyDate);
  return {
    ageYears: Math.floor(ageMonths / 12),
    ageMonths,
    sex: requiredEnum(value.sex, i, 'sex', SEX_SET, SEXES),
    employment: requiredEnum(value.employment, i, 'employment', EMPLOYMENT_SET, EMPLOYMENT_STATUSES),
    healthInsurance: requiredBoolean(value.healthInsurance, i, 'healthInsurance'),
    attendingSchool: requiredBoolean(value.attendingSchool, i, 'attendingSchool'),
    educationLevel: requiredEnum(value.educationLevel, i, 'educationLevel', EDUCATION_SET, EDUCATION_LEVELS),
    socialAllowance: optionalBoolean(value.socialAllowance, i, 'socialAllowance'),
    stunted: optionalBoolean(value.stunted, i, 'stunted'),
    underweight: optionalBoolean(value.underweight, i, 'underweight'),
  };
}

function readHouseholdFact(facts: Json, name: HouseholdFactName, into: HouseholdFacts): void {
  switch (name) {
    case 'floorAreaM2': into.floorAreaM2 = nonNegativeNumber(facts.floorAreaM2, 'facts', name); return;
    case 'durableWalls': into.durableWalls = requiredBoolean(facts.durableWalls, 'facts', name); return;
    case 'durableFrame': into.durableFrame = requiredBoolean(facts.durableFrame, 'facts', name); return;
    case 'durableRoof': into.durableRoof = requiredBoolean(facts.durableRoof, 'facts', name); return;
    case 'waterSource': into.waterSource = requiredEnum(facts.waterSource, 'facts', name, WATER_SET, WATER_SOURCES); return;
    case 'latrine': into.latrine = requiredEnum(facts.latrine, 'facts', name, LATRINE_SET, LATRINE_TYPES); return;
    case 'internetUse': into.internetUse = requiredBoolean(facts.internetUse, 'facts', name); return;
    case 'informationDevices': into.informationDevices = requiredBoolean(facts.informationDevices, 'facts', name); return;
    case 'wasteCollected': into.wasteCollected = requiredBoolean(facts.wasteCollected, 'facts', name); return;
  }
}

function deriveFromFacts(value: unknown, standard: PovertyStandard): IndicatorCode[] {
  if (!isObject(value)) throw invalid('facts', { kind: 'not_object' });
  const c = compileStandard(standard);
  let members: MemberFacts[] = [];
  let surveyYear = 0;
  if (c.usesMembers) {
    const survey = requiredDate(value.surveyDate, 'facts', 'surveyDate');
    surveyYear = Math.floor(survey / 10000);
    const list = present(value.members, 'facts', 'members');
    if (!Array.isArray(list)) throw wrongType('facts.members', 'array');
    if (list.length === 0) throw invalid('facts.members', { kind: 'no_members' });
    members = new Array<MemberFacts>(list.length);
    for (let i = 0; i < list.length; i++) members[i] = readMember(list[i], i, survey);
  }
  const household: HouseholdFacts = {};
  for (const name of c.householdFacts) readHouseholdFact(value, name, household);
  return deriveDeprivations(standard, { surveyYear, members, household });
}

function readGrouping(unit: unknown, em: unknown): GroupingKeys {
  let unitCode: string | null = null;
  if (!isAbsent(unit)) {
    if (typeof unit !== 'string') throw wrongType('unitCode', 'string');
    unitCode = nfc(unit);
    if (unitCode.trim() === '') throw invalid('unitCode', { kind: 'empty_string' });
  }
  if (!isAbsent(em) && typeof em !== 'boolean') throw wrongType('ethnicMinority', 'boolean');
  return { unitCode, ethnicMinority: isAbsent(em) ? null : em };
}

/**
 * Validates one assessment record (SPEC §5.4) and classifies it, keeping what a summary needs.
 *
 * Checks run in this order and the first problem is reported: record is an object; `id`
 * (required non-empty string, NFC-normalised); `standard` / `year` (a named standard wins, and a
 * year outside its review years is `conflicting_fields` on `year`; without `standard` the year
 * picks it, or `no_standard_for_year`); `area`; `farmHousehold`; exactly one of
 * `incomePerCapita` / `scoreA` (both → `conflicting_fields` on `scoreA`, neither →
 * `missing_field` on `incomePerCapita`); exactly one of `deprivations` / `facts` (both →
 * `conflicting_fields` on `facts`, neither → `missing_field` on `deprivations`); then `unitCode`
 * and `ethnicMinority`.
 *
 * Decisions where SPEC §5 is silent:
 * - `incomePerCapita` must be a non-negative whole number of VND (fractions and negatives are
 *   `invalid_field`; a numeric string is `invalid_field`, nothing is coerced).
 * - `scoreA` and `floorAreaM2` must be non-negative finite numbers; fractions are allowed.
 * - `year` must be an integer.
 * - A code listed twice in `deprivations` is `invalid_field` (it would count twice otherwise).
 * - A birth date after the survey date is `invalid_field` on that birth date.
 * - `unitCode`, when given, is a non-empty string; `ethnicMinority` a boolean.
 * - Unknown keys are ignored, like facts the chosen standard does not use.
 *
 * Never throws; messages never repeat personal values from the record.
 *
 * @example
 * const a = assessHousehold(JSON.parse(line), standards, { lang: 'en', position: { line: 7 } });
 * if (a.ok) console.log(a.result.status); else console.log(a.failure.error.message);
 */
export function assessHousehold(
  record: unknown,
  standards: readonly PovertyStandard[],
  options: AssessOptions = {},
): Assessment {
  let id: string | null = null;
  try {
    if (!isObject(record)) throw invalid('', { kind: 'not_object' });
    id = readId(record.id);
    const standard = readStandard(record.standard, record.year, standards);
    const area = requiredEnum(record.area, '', 'area', AREA_SET, AREAS);
    const farmHousehold = optionalBoolean(record.farmHousehold, '', 'farmHousehold');
    const basis = readIncomeBasis(record.incomePerCapita, record.scoreA, standard);

    const listed = record.deprivations;
    const facts = record.facts;
    if (!isAbsent(listed) && !isAbsent(facts)) {
      throw new Problem('conflicting_fields', 'facts', { kind: 'both_given', other: 'deprivations' });
    }
    if (isAbsent(listed) && isAbsent(facts)) {
      throw new Problem('missing_field', 'deprivations', { kind: 'missing_one_of', other: 'facts' });
    }
    const deprivations = isAbsent(listed) ? deriveFromFacts(facts, standard) : readListedDeprivations(listed, standard);
    const grouping = readGrouping(record.unitCode, record.ethnicMinority);

    const d = deprivations.length;
    const status =
      basis.kind === 'income'
        ? classifyByIncome(standard, area, basis.value, d, farmHousehold)
        : classifyByScoreA(standard, area, basis.value, d);
    const result: ClassificationResult = {
      id,
      standard: standard.id,
      status,
      deprivations,
      deprivationCount: d,
      scoreB: scoreB(standard, d),
      incomeBasis: basis.kind,
    };
    return { ok: true, result, standard, grouping };
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    const subject = { id, line: options.position?.line, index: options.position?.index };
    return {
      ok: false,
      failure: {
        id,
        error: { code: e.code, field: e.field, message: recordErrorMessage(subject, e.field, e.reason, options.lang) },
      },
    };
  }
}

/**
 * Classifies one assessment record (SPEC §5.4–5.5): the household's status, deprivations in the
 * standard's order, count, điểm B and the basis used, or the first problem found. See
 * {@link assessHousehold} for the order of checks and the decisions taken where SPEC is silent.
 *
 * @example
 * classifyAssessment({ id: 'HH-1', year: 2025, area: 'rural', incomePerCapita: 1_200_000,
 *   deprivations: ['latrine', 'health_insurance', 'water_source'] }, standards)
 * // { id: 'HH-1', standard: 'VN-MPS-2022', status: 'poor',
 * //   deprivations: ['health_insurance', 'water_source', 'latrine'], deprivationCount: 3,
 * //   scoreB: 30, incomeBasis: 'income' }
 */
export function classifyAssessment(
  record: unknown,
  standards: readonly PovertyStandard[],
  options: AssessOptions = {},
): Outcome {
  const a = assessHousehold(record, standards, options);
  return a.ok ? a.result : a.failure;
}

/** Whether an outcome is a refused record. */
export function isRecordFailure(outcome: Outcome): outcome is RecordFailure {
  return 'error' in outcome;
}

/** A refused record built outside validation, e.g. a JSON Lines line that is not JSON. */
export function failure(
  code: ErrorCode,
  field: string,
  reason: Reason,
  position: RecordPosition,
  lang: Lang = 'vi',
): RecordFailure {
  return { id: null, error: { code, field, message: recordErrorMessage({ id: null, ...position }, field, reason, lang) } };
}
