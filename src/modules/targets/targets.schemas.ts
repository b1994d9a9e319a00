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
export const targetsResponse = z.object({ targets: z.array(targetDto) });
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

export const dashboardQuery = z.object({
  unit: unitCode.optional(),
  year: year.optional(),
  level: z.enum(['commune', 'district', 'province', 'new_commune']).optional(),
});
