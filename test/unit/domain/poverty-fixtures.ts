/** Shared inputs of the poverty engine tests: the shipped standards and record builders. */
import { readFileSync } from 'node:fs';
import {
  classifyAssessment,
  isRecordFailure,
  parseStandardsFile,
  standardById,
  type ClassificationResult,
  type Outcome,
  type PovertyStandard,
  type RecordFailure,
} from '../../../src/domain/poverty/index.js';

export const STANDARDS_PATH = new URL('../../../reference/standards.json', import.meta.url);

export function readStandardsJson(): unknown {
  return JSON.parse(readFileSync(STANDARDS_PATH, 'utf8'));
}

export const standards: readonly PovertyStandard[] = parseStandardsFile(readStandardsJson());

function byId(id: string): PovertyStandard {
  const s = standardById(standards, id);
  if (!s) throw new Error(`standard ${id} missing from reference/standards.json`);
  return s;
}
export const std2022 = byId('VN-MPS-2022');
export const std2027 = byId('VN-MPS-2027');

export const SURVEY_DATE = '2025-10-01';

/** Birth date that makes the member exactly `years` old (birthday) on `survey`, shifted by `days`. */
export function birthDateFor(years: number, survey = SURVEY_DATE, days = 0): string {
  const [y, m, d] = survey.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

export type Json = Record<string, unknown>;

/** An adult member who lacks nothing. */
export function member(overrides: Json = {}): Json {
  return {
    birthDate: birthDateFor(35),
    sex: 'male',
    employment: 'contract',
    healthInsurance: true,
    attendingSchool: false,
    educationLevel: 'upper_secondary',
    ...overrides,
  };
}

/** Household facts that lack nothing under either standard. */
export function facts(overrides: Json = {}): Json {
  return {
    surveyDate: SURVEY_DATE,
    members: [member()],
    floorAreaM2: 40,
    durableWalls: true,
    durableFrame: true,
    durableRoof: true,
    waterSource: 'piped',
    latrine: 'septic',
    internetUse: true,
    informationDevices: true,
    wasteCollected: true,
    ...overrides,
  };
}

/** A rural 2025 record with an income and a list of deprivations. */
export function record(overrides: Json = {}): Json {
  return { id: 'HH-T', year: 2025, area: 'rural', incomePerCapita: 1_000_000, deprivations: [], ...overrides };
}

export function classified(outcome: Outcome): ClassificationResult {
  if (isRecordFailure(outcome)) throw new Error(`expected a classification, got ${JSON.stringify(outcome)}`);
  return outcome;
}

export function failed(outcome: Outcome): RecordFailure {
  if (!isRecordFailure(outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome;
}

export function classify(rec: unknown, lang: 'vi' | 'en' = 'vi'): Outcome {
  return classifyAssessment(rec, standards, { lang });
}

/** Deprivations derived from facts under the standard of `year`. */
export function derive(factsValue: Json, year = 2025): readonly string[] {
  const rec = { id: 'HH-F', year, area: 'rural', incomePerCapita: 1_000_000, facts: factsValue };
  return classified(classify(rec)).deprivations;
}

/** The first `n` codes of a standard (to make a household lack n indicators). */
export function codes(standard: PovertyStandard, n: number): string[] {
  return standard.indicators.slice(0, n).map((i) => i.code);
}
