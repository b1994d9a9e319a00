/** Zod schemas of the program routes' requests. Money is whole đồng, never negative. */
import { z } from 'zod';
import { civilDate } from '../units/units.schemas.js';

const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const year = z.coerce.number().int().min(2000).max(2100);
const code = z.string().min(1).max(40);
const version = z.number().int().min(1);
const source = z.enum(['central', 'provincial_counterpart', 'mobilised']);

export const programYearQuery = z.object({ programCode: code, year });
export const programYearParams = z.object({ programCode: code, year });
export const projectParams = z.object({ code });
export const idParams = z.object({ id: z.coerce.number().int().min(1) });
export const householdParams = z.object({ code: z.string().min(1).max(40) });
export const householdItemParams = z.object({ code: z.string().min(1).max(40), id: z.coerce.number().int().min(1) });
export const taskParams = z.object({ planId: code, taskId: code });

export const dependenceBody = z.object({ centralDependencePercent: z.number().min(0).max(100) });

export const projectAgenciesBody = z.object({
  year,
  agencies: z.array(z.object({ agencyCode: code, role: z.enum(['lead', 'implementing']) })).max(30),
});

export const tasksQuery = z.object({ year, mine: z.enum(['true', 'false']).optional() });
export const taskBody = z.object({
  status: z.enum(['open', 'in_progress', 'done']),
  completedOn: civilDate.nullable().optional(),
  /** Omitted: unchanged; null: no due date. */
  dueDate: civilDate.nullable().optional(),
  version,
});

const disbursements = z.array(z.object({ month: z.number().int().min(1).max(12), amount: money })).max(12);

export const budgetLineBody = z.object({
  programCode: code,
  year: z.number().int().min(2000).max(2100),
  projectCode: code,
  unitCode: z.string().regex(/^\d{2,5}$/),
  source,
  kind: z.enum(['investment', 'recurrent']),
  planned: money,
  allocated: money,
  disbursements: disbursements.default([]),
  note: z.string().max(500).nullable().optional(),
});

export const budgetLineUpdateBody = z.object({
  planned: money,
  allocated: money,
  disbursements,
  note: z.string().max(500).nullable().optional(),
  version,
});

const criterion = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]*$/), coefficient: z.number().min(0) });

export const allocationBody = z.object({
  programCode: code,
  year: z.number().int().min(2000).max(2100),
  projectCode: code,
  source,
  total: money,
  criteria: z.array(criterion).min(1).max(20),
  minimumShare: z.number().min(0).max(1).nullable().optional(),
  maximumShare: z.number().min(0).max(1).nullable().optional(),
  units: z
    .array(z.object({ code: z.string().regex(/^\d{2,5}$/), counts: z.record(z.string(), z.number().int().min(0)) }))
    .min(1)
    .max(1000),
  /** The adopting resolution; its date decides which units are in force (a preview may omit it). */
  resolutionNumber: z.string().trim().min(1).max(100).optional(),
  resolutionDate: civilDate.optional(),
});

export const allocationSaveBody = allocationBody.extend({
  name: z.string().trim().min(1).max(200),
  resolutionNumber: z.string().trim().min(1).max(100),
  resolutionDate: civilDate,
});

export const agenciesQuery = z.object({ date: civilDate.optional() });

export const allocationCountsQuery = z.object({ year: year.optional(), date: civilDate.optional() });

export const outputBody = z.object({
  projectCode: code,
  year: z.number().int().min(2000).max(2100),
  name: z.string().trim().min(1).max(300),
  unitOfMeasure: z.string().trim().min(1).max(50),
  target: z.number().min(0),
  actual: z.number().min(0).nullable().optional(),
});

export const outputUpdateBody = z.object({
  target: z.number().min(0),
  actual: z.number().min(0).nullable(),
  version,
});

export const supportPlanBody = z.object({
  programCode: code.optional(),
  helperName: z.string().trim().min(1).max(200).nullable(),
  helperKind: z.enum(['person', 'organisation']).nullable(),
  /** The plan's version when it exists; omitted to create it. */
  version: version.optional(),
});

export const supportItemBody = z.object({
  supportCode: code,
  agencyCode: code.optional(),
  amount: money,
  fundingProjectCode: code.nullable().optional(),
  status: z.enum(['planned', 'in_progress', 'done', 'cancelled']).default('planned'),
  plannedDate: civilDate,
  completedDate: civilDate.nullable().optional(),
  note: z.string().max(500).nullable().optional(),
});

export const supportItemUpdateBody = supportItemBody.extend({ version });

export const supportGapsQuery = z.object({
  lacking: z.enum(['plan', 'helper']).default('plan'),
  communeCode: z.string().regex(/^\d{2,5}$/).optional(),
});

export const twinningBody = z.object({
  agencyCode: code,
  communeCode: z.string().regex(/^\d{2,5}$/),
  village: z.string().trim().min(1).max(100).nullable().optional(),
  kind: z.enum(['twinning', 'sponsorship']),
  startDate: civilDate,
  endDate: civilDate.nullable().optional(),
  note: z.string().max(500).nullable().optional(),
});

export type BudgetLineInput = z.infer<typeof budgetLineBody>;
export type BudgetLineUpdate = z.infer<typeof budgetLineUpdateBody>;
export type AllocationInput = z.infer<typeof allocationBody>;
export type AllocationSaveInput = z.infer<typeof allocationSaveBody>;
export type OutputInput = z.infer<typeof outputBody>;
export type SupportPlanInput = z.infer<typeof supportPlanBody>;
export type SupportItemInput = z.infer<typeof supportItemBody>;
export type TwinningInput = z.infer<typeof twinningBody>;
