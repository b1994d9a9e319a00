/** Zod schemas of the targets and dashboard routes. */
import { z } from 'zod';
import { COMPARATORS, TARGET_INDICATORS } from '../../domain/targets/index.js';

const indicator = z.enum(TARGET_INDICATORS as [string, ...string[]]).transform((v) => v as (typeof TARGET_INDICATORS)[number]);
const comparator = z.enum(COMPARATORS as [string, ...string[]]).transform((v) => v as (typeof COMPARATORS)[number]);
const kind = z.enum(['change_points', 'level']);
const year = z.coerce.number().int().min(2000).max(2100);
const unitCode = z.string().regex(/^\d{2,5}$/);

export const targetDto = z.object({
  id: z.number().int(),
  unitCode: z.string(),
  year: z.number().int(),
  indicator: z.string(),
  kind: z.string(),
  value: z.number(),
  comparator: z.string(),
  source: z.string(),
  note: z.string().nullable(),
  version: z.number().int(),
});

export const targetsQuery = z.object({ year: year.optional(), unit: unitCode.optional() });
export const targetsResponse = z.object({ targets: z.array(targetDto.extend({ unitName: z.string().nullable().describe('the unit\'s latest name') })) });
export const targetParams = z.object({ id: z.coerce.number().int().positive() });

export const createTargetBody = z.strictObject({
  unitCode,
  year,
  indicator,
  kind,
  value: z.number().min(-100).max(1_000_000),
  comparator,
  note: z.string().max(500).nullish(),
});

export const updateTargetBody = z.strictObject({
  kind,
  value: z.number().min(-100).max(1_000_000),
  comparator,
  note: z.string().max(500).nullish(),
  version: z.number().int().positive(),
});

export const deleteTargetQuery = z.object({ version: z.coerce.number().int().positive() });

export const cascadeQuery = z.object({ year, indicator: indicator.default('poor_rate') });

const level = z.enum(['commune', 'district', 'province', 'new_commune']);

export const dashboardQuery = z.object({
  unit: unitCode.optional(),
  year: year.optional(),
  level: level.optional(),
});

/** The tables of the dashboard that can be downloaded, one per chart (and the targets). */
export const DASHBOARD_TABLES = ['units', 'trend', 'profile', 'targets'] as const;

export const dashboardExportQuery = dashboardQuery.extend({
  table: z.enum(DASHBOARD_TABLES),
  format: z.enum(['csv', 'xlsx']),
  lang: z.enum(['vi', 'en']).optional(),
});

const rate = z.number().nullable().describe('percent, full precision; null without households');
const mark = z.enum(['on_track', 'at_risk', 'off_track', 'no_data']);

/** Counts and rates of a unit in a year (rates in percent). */
const rateRow = z.object({
  households: z.number().int(),
  persons: z.number().int(),
  poor: z.number().int(),
  nearPoor: z.number().int(),
  ethnicMinorityHouseholds: z.number().int(),
  ethnicMinorityPoor: z.number().int(),
  escapedPoverty: z.number().int(),
  poorWithPlan: z.number().int().describe('poor households with a support plan'),
  poorRate: rate,
  nearPoorRate: rate,
  ethnicMinorityPoorRate: rate,
  supportPlanShare: rate.describe('percent of poor households with a support plan'),
});

/** A target measured: the rule, the baseline (end of the previous year), the actual and the mark. */
const evaluated = z.object({
  indicator: z.string(),
  kind: z.string(),
  value: z.number(),
  comparator: z.string(),
  baseline: z.number().nullable(),
  actual: z.number().nullable(),
  measured: z.number().nullable().describe('change in points, or the level'),
  met: z.boolean(),
  shortfall: z.number(),
  mark,
  behind: z.number(),
});

const ethnicGroup = z.object({ households: z.number().int(), poor: z.number().int(), nearPoor: z.number().int(), poorRate: rate, nearPoorRate: rate });

export const dashboardResponse = z.object({
  unit: z.object({ code: z.string(), name: z.string(), level, parentCode: z.string().nullable() }),
  year: z.number().int(),
  years: z.array(z.number().int()),
  standard: z.string(),
  summary: rateRow,
  ethnicity: z.object({ ethnicMinority: ethnicGroup, other: ethnicGroup }),
  targets: z.array(evaluated.extend({ id: z.number().int(), unitCode: z.string(), year: z.number().int(), source: z.string(), note: z.string().nullable(), version: z.number().int() })),
  children: z.array(rateRow.extend({ code: z.string(), name: z.string(), level, standard: z.string(), targets: z.array(evaluated.extend({ inherited: z.boolean() })) })),
  trend: z.array(rateRow.extend({ year: z.number().int(), standard: z.string(), standardBreak: z.boolean() })),
  profile: z.array(z.object({ code: z.string(), poor: z.number().int(), nearPoor: z.number().int(), poorShare: rate, nearPoorShare: rate })),
  af: z
    .object({
      k: z.number().int().nullable(),
      H: z.number(),
      A: z.number(),
      M0: z.number(),
      contribution: z.record(z.string(), z.number()),
      censoredHeadcount: z.record(z.string(), z.number()),
    })
    .nullable(),
  whereToAct: z.array(
    evaluated.omit({ met: true, behind: true }).extend({
      unitCode: z.string(),
      name: z.string(),
      inherited: z.boolean(),
      topIndicators: z.array(z.object({ code: z.string(), contribution: z.number() })),
    }),
  ),
});

export type DashboardResponse = z.infer<typeof dashboardResponse>;
