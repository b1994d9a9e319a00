/**
 * Zod schemas of the standards API: the query strings, and the answers as the OpenAPI document
 * describes them. Record bodies are not described here: the engine itself validates every record
 * and answers per record (SPEC §5.4–5.5).
 */
import { z } from 'zod';
import {
  GROUP_BY_VALUES,
  HOUSEHOLD_STATUSES,
  INDICATOR_CODES,
  type PovertyStandard,
} from '../../domain/poverty/index.js';

const sourceStatus = z.enum(['C', 'P', 'U', 'D']).describe('C confirmed, P partial or secondary, U unverified, D derived (DOMAIN §0)');
const localized = z.object({ vi: z.string(), en: z.string() });
const threshold = z.object({ value: z.number(), status: sourceStatus, source: z.string() });
const byArea = z.object({ rural: threshold, urban: threshold });
const roadmap = z.object({
  beforeBaseMonths: z.number(),
  baseMonths: z.number(),
  stepMonthsPerYear: z.number(),
  finalMonths: z.number(),
});

const indicatorSchema = z.object({
  code: z.enum(INDICATOR_CODES),
  dimension: localized,
  name: localized,
  condition: localized,
  status: sourceStatus,
  source: z.string(),
  params: z.record(z.string(), z.unknown()).describe('the numbers and lists the indicator is derived with'),
});

/** One standard exactly as the engine uses it (`PovertyStandard`), read from the database. */
export const povertyStandardSchema = z.object({
  id: z.string(),
  name: localized,
  legalBasis: z.string(),
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  validity: z.object({ from: z.string(), to: z.string() }),
  status: z.enum(['official', 'provisional']),
  incomeLines: byArea.describe('VND per person per month; income ≤ line'),
  averageBand: byArea.extend({ appliesTo: z.literal('farm_households') }).nullable(),
  scoreACutoffs: byArea.nullable(),
  poorMinDeprivations: threshold,
  scoreBPointsPerIndicator: threshold,
  alkireFosterK: threshold,
  indicators: z.array(indicatorSchema).readonly(),
  labour: z.object({
    workingAgeFromYears: threshold,
    retirementAge: z.object({
      status: sourceStatus,
      source: z.string(),
      baseYear: z.number().int(),
      male: roadmap,
      female: roadmap,
    }),
  }),
});

// The engine's type must stay describable by the schema above.
type Assignable<T extends U, U> = T;
export type StandardMatchesSchema = Assignable<PovertyStandard, z.input<typeof povertyStandardSchema>>;

export const standardsResponse = z.object({ standards: z.array(povertyStandardSchema).readonly() });

const lang = z
  .enum(['vi', 'en'])
  .optional()
  .describe('language of record messages and problems; Accept-Language otherwise (Vietnamese by default)');

export const classifyQuery = z.object({ lang });

export const summarizeQuery = z.object({
  lang,
  groupBy: z.enum(GROUP_BY_VALUES).optional().describe('groups by unitCode, or by ethnicMinority'),
});

const classificationResult = z.object({
  id: z.string(),
  standard: z.string(),
  status: z.enum(HOUSEHOLD_STATUSES),
  deprivations: z.array(z.enum(INDICATOR_CODES)),
  deprivationCount: z.number().int(),
  scoreB: z.number(),
  incomeBasis: z.enum(['income', 'scoreA']),
});

const recordFailure = z.object({
  id: z.string().nullable(),
  error: z.object({
    code: z
      .string()
      .describe('missing_field, invalid_field, conflicting_fields, unknown_indicator, no_standard_for_year, unsupported_by_standard'),
    field: z.string().describe('JSON path in the record, e.g. facts.members[2].birthDate; "" for the whole record'),
    message: z.string(),
  }),
});

const outcome = z.union([classificationResult, recordFailure]);

/** `Accept: application/json`: the same outcomes as the JSON Lines answer, with counts. */
export const classifyJsonResponse = z.object({
  classified: z.number().int(),
  invalid: z.number().int(),
  results: z.array(outcome),
});

const perCode = z.record(z.string(), z.number());
const statusNumbers = z.object({ poor: z.number(), near_poor: z.number(), average: z.number(), not_poor: z.number() });
const figures = z.object({
  standard: z.string().nullable(),
  households: z.number().int(),
  invalid: z.number().int(),
  counts: statusNumbers,
  rates: statusNumbers,
  deprivations: z.object({ poor: perCode, near_poor: perCode }),
  af: z.object({
    k: z.number().nullable(),
    H: z.number(),
    A: z.number(),
    M0: z.number(),
    censoredHeadcount: perCode,
    contribution: perCode,
  }),
});

/** The summary of SPEC §5.6, exactly as `gnbv summarize` prints it. */
export const summaryResponse = figures.extend({ groups: z.array(figures.extend({ key: z.string() })).optional() });
