import { z } from 'zod';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  INDICATOR_CODES,
  LATRINE_TYPES,
  WATER_SOURCES,
  type IndicatorCode,
  type IndicatorDefinition,
  type LabourRules,
  type PovertyStandard,
} from './types.js';

/** Thrown by {@link parseStandardsFile} when the standards file is not usable; the message lists the problems. */
export class StandardsFileError extends Error {
  override readonly name = 'StandardsFileError';
}

const sourceStatus = z.enum(['C', 'P', 'U', 'D']);
const localized = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

function threshold(value: z.ZodNumber) {
  return z.strictObject({ value, status: sourceStatus, source: z.string().min(1) });
}
const vnd = z.number().int().positive();
const score = z.number().positive();
const ages = z.number().int().min(0).max(150);

function byArea<T extends z.ZodType>(item: T) {
  return z.strictObject({ rural: item, urban: item });
}

const roadmap = z
  .strictObject({
    beforeBaseMonths: z.number().int().positive(),
    baseMonths: z.number().int().positive(),
    stepMonthsPerYear: z.number().int().min(0),
    finalMonths: z.number().int().positive(),
  })
  .refine((r) => r.finalMonths >= r.baseMonths, 'finalMonths must be ≥ baseMonths');

const labourSchema = z.strictObject({
  workingAgeFromYears: threshold(ages),
  retirementAge: z.strictObject({
    status: sourceStatus,
    source: z.string().min(1),
    baseYear: z.number().int(),
    male: roadmap,
    female: roadmap,
  }),
});

/** Parameter schema of each indicator code; a code the engine does not know is refused. */
const paramsSchemas: { readonly [C in IndicatorCode]: z.ZodType } = {
  employment: z.strictObject({ deprivedEmployment: z.array(z.enum(EMPLOYMENT_STATUSES)).min(1) }),
  dependants: z.strictObject({
    childUnderYears: ages,
    socialAllowanceIsDependant: z.boolean(),
    shareAbove: z.number().min(0).max(1),
  }),
  nutrition: z.strictObject({ childUnderYears: ages }),
  health_insurance: z.strictObject({ fromAgeYears: ages }),
  adult_education: z.strictObject({
    ageBands: z
      .array(
        z
          .strictObject({ fromYears: ages, toYears: ages, acceptedLevels: z.array(z.enum(EDUCATION_LEVELS)).min(1) })
          .refine((b) => b.toYears >= b.fromYears, 'toYears must be ≥ fromYears'),
      )
      .min(1),
  }),
  school_attendance: z
    .strictObject({ fromYears: ages, toYears: ages })
    .refine((p) => p.toYears >= p.fromYears, 'toYears must be ≥ fromYears'),
  housing_quality: z.strictObject({ minNonDurable: z.number().int().min(1).max(3) }),
  housing_area: z.strictObject({ minFloorAreaPerMemberM2: z.number().positive() }),
  water_source: z.strictObject({ acceptedSources: z.array(z.enum(WATER_SOURCES)).min(1) }),
  latrine: z.strictObject({ acceptedTypes: z.array(z.enum(LATRINE_TYPES)).min(1) }),
  telecom: z.strictObject({}),
  information_access: z.strictObject({}),
  waste: z.strictObject({}),
};

const indicatorSchema = z
  .strictObject({
    code: z.enum(INDICATOR_CODES),
    dimension: localized,
    name: localized,
    condition: localized,
    status: sourceStatus,
    source: z.string().min(1),
    params: z.record(z.string(), z.unknown()),
  })
  .superRefine((indicator, ctx) => {
    const result = paramsSchemas[indicator.code].safeParse(indicator.params);
    if (!result.success) {
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: ['params', ...issue.path] });
      }
    }
  });

const standardSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9._-]+$/),
    name: localized,
    legalBasis: z.string().min(1),
    firstYear: z.number().int().min(1900).max(2999),
    lastYear: z.number().int().min(1900).max(2999),
    validity: z.strictObject({ from: isoDate, to: isoDate }),
    status: z.enum(['official', 'provisional']),
    incomeLines: byArea(threshold(vnd)),
    averageBand: z
      .strictObject({ appliesTo: z.literal('farm_households'), rural: threshold(vnd), urban: threshold(vnd) })
      .nullable(),
    scoreACutoffs: byArea(threshold(score)).nullable(),
    poorMinDeprivations: threshold(z.number().int().min(1)),
    scoreBPointsPerIndicator: threshold(z.number().positive()),
    alkireFosterK: threshold(z.number().int().min(1)),
    indicators: z.array(indicatorSchema).min(1),
  })
  .superRefine((s, ctx) => {
    if (s.lastYear < s.firstYear) ctx.addIssue({ code: 'custom', message: 'lastYear < firstYear', path: ['lastYear'] });
    const seen = new Set<string>();
    s.indicators.forEach((indicator, i) => {
      if (seen.has(indicator.code)) {
        ctx.addIssue({ code: 'custom', message: `duplicate indicator ${indicator.code}`, path: ['indicators', i, 'code'] });
      }
      seen.add(indicator.code);
    });
    if (s.averageBand) {
      for (const area of ['rural', 'urban'] as const) {
        if (s.averageBand[area].value < s.incomeLines[area].value) {
          ctx.addIssue({ code: 'custom', message: 'average band below the income line', path: ['averageBand', area] });
        }
      }
    }
    for (const t of [s.poorMinDeprivations, s.alkireFosterK]) {
      if (t.value > s.indicators.length) {
        ctx.addIssue({ code: 'custom', message: 'more deprivations required than indicators exist', path: [] });
      }
    }
  });

const fileSchema = z
  .strictObject({
    $comment: z.string().optional(),
    schemaVersion: z.literal(1),
    labour: labourSchema,
    standards: z.array(standardSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.standards.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', message: `duplicate standard id ${s.id}`, path: ['standards', i, 'id'] });
      ids.add(s.id);
      file.standards.forEach((other, j) => {
        if (j > i && s.firstYear <= other.lastYear && other.firstYear <= s.lastYear) {
          ctx.addIssue({
            code: 'custom',
            message: `review years of ${s.id} and ${other.id} overlap`,
            path: ['standards', j, 'firstYear'],
          });
        }
      });
    });
  });

/**
 * Parses the content of a standards file (`reference/standards.json`, already `JSON.parse`d) into
 * typed standards, sorted by first review year. Refuses unknown indicator codes, unknown keys,
 * overlapping review years and parameters that do not fit their indicator.
 *
 * @throws {StandardsFileError} listing every problem with its path in the file.
 * @example
 * const standards = parseStandardsFile(JSON.parse(await readFile(url, 'utf8')));
 */
export function parseStandardsFile(json: unknown): PovertyStandard[] {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new StandardsFileError(`standards file is invalid — ${problems.join('; ')}`);
  }
  const labour: LabourRules = deepFreeze(parsed.data.labour);
  return parsed.data.standards
    .map((s): PovertyStandard => {
      // The params of each indicator were checked against paramsSchemas[code] above.
      const indicators = s.indicators as unknown as IndicatorDefinition[];
      return deepFreeze({ ...s, indicators, labour });
    })
    .sort((a, b) => a.firstYear - b.firstYear);
}

/**
 * The standard whose review years include `year` (năm rà soát), or `undefined` when none does
 * (e.g. 2021 and 2031 with the shipped file).
 */
export function standardForYear(standards: readonly PovertyStandard[], year: number): PovertyStandard | undefined {
  for (const s of standards) if (year >= s.firstYear && year <= s.lastYear) return s;
  return undefined;
}

/** The standard with this id, or `undefined`. */
export function standardById(standards: readonly PovertyStandard[], id: string): PovertyStandard | undefined {
  for (const s of standards) if (s.id === id) return s;
  return undefined;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
