/** Zod schemas of the review routes (requests and responses). */
import { z } from 'zod';
import { civilDate } from '../units/units.schemas.js';

const statusEnum = z.enum(['poor', 'near_poor', 'average', 'not_poor']);
const kindEnum = z.enum(['periodic', 'regular']);
const stepEnum = z.enum(['list', 'survey', 'meeting', 'posting', 'district', 'recognition']);
const text = (max: number) => z.string().trim().min(1).max(max);

export const roundParams = z.object({ id: z.coerce.number().int().positive() });
export const roundHouseholdParams = roundParams.extend({ code: z.string().min(1).max(40) });

export const roundsQuery = z.object({
  kind: kindEnum.optional(),
  period: z.string().regex(/^\d{4}(-\d{2})?$/).optional(),
  communeCode: z.string().regex(/^\d{2,5}$/).optional(),
});

export const createRoundBody = z.object({
  kind: kindEnum,
  period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/),
  communeCode: z.string().regex(/^\d{5}$/),
});

export const stepSchema = z.object({
  step: stepEnum,
  doneOn: z.string(),
  doneAt: z.string(),
  doneBy: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const roundSummarySchema = z.object({
  id: z.number(),
  kind: kindEnum,
  communeCode: z.string(),
  communeName: z.string().nullable(),
  period: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(['open', 'closed']),
  version: z.number(),
  steps: z.array(stepEnum),
  stepsDone: z.array(stepEnum),
  nextStep: stepEnum.nullable(),
  households: z.number(),
  late: z.boolean(),
});

export const roundHouseholdSchema = z.object({
  householdCode: z.string(),
  headName: z.string(),
  village: z.string(),
  source: z.enum(['current_list', 'request', 'added']),
  included: z.boolean(),
  reason: z.string().nullable(),
  surveyState: z.enum(['none', 'draft', 'done']),
  status: statusEnum.nullable(),
  deprivations: z.array(z.string()),
  version: z.number(),
});

export const actionsSchema = z.object({
  editList: z.boolean(),
  editSurvey: z.boolean(),
  recordStep: z.boolean(),
  reopen: z.boolean(),
});

export const roundDetailSchema = z.object({
  round: roundSummarySchema,
  stepLog: z.array(stepSchema),
  households: z.array(roundHouseholdSchema),
  results: z.record(z.string(), z.number()),
  actions: actionsSchema,
});

export const roundsResponse = z.object({ rounds: z.array(roundSummarySchema) });

export const listChangeBody = z.object({ householdCode: z.string().min(1).max(40), reason: text(500) });
export const removeBody = z.object({ reason: text(500) });

const memberSurvey = z.object({
  seq: z.number().int().optional(),
  fullName: z.string().max(200).optional(),
  birthDate: z.string().nullable().optional(),
  sex: z.string().nullable().optional(),
  employment: z.string().nullable().optional(),
  healthInsurance: z.boolean().nullable().optional(),
  attendingSchool: z.boolean().nullable().optional(),
  educationLevel: z.string().nullable().optional(),
  socialAllowance: z.boolean().nullable().optional(),
  stunted: z.boolean().nullable().optional(),
  underweight: z.boolean().nullable().optional(),
});

/** The survey as entered (SPEC §5.3–5.4); a draft may leave facts out. */
export const surveySchema = z.object({
  area: z.enum(['rural', 'urban']),
  farmHousehold: z.boolean(),
  incomePerCapita: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
  scoreA: z.number().int().min(0).max(10_000).nullable().optional(),
  facts: z.object({
    surveyDate: civilDate,
    members: z.array(memberSurvey).max(60),
    floorAreaM2: z.number().min(0).max(100_000).nullable().optional(),
    durableWalls: z.boolean().nullable().optional(),
    durableFrame: z.boolean().nullable().optional(),
    durableRoof: z.boolean().nullable().optional(),
    waterSource: z.string().nullable().optional(),
    latrine: z.string().nullable().optional(),
    internetUse: z.boolean().nullable().optional(),
    informationDevices: z.boolean().nullable().optional(),
    wasteCollected: z.boolean().nullable().optional(),
  }),
});
export type SurveyInput = z.infer<typeof surveySchema>;

export const saveSurveyBody = z.object({
  version: z.number().int().positive(),
  /** false: a draft; true: the survey is finished and must classify. */
  complete: z.boolean(),
  survey: surveySchema,
});

export const surveyResponse = z.object({
  roundId: z.number(),
  householdCode: z.string(),
  headName: z.string(),
  village: z.string(),
  reviewYear: z.number(),
  standardId: z.string().nullable(),
  window: z.object({ from: z.string(), to: z.string() }),
  surveyState: z.enum(['none', 'draft', 'done']),
  status: statusEnum.nullable(),
  deprivations: z.array(z.string()),
  version: z.number(),
  survey: z.record(z.string(), z.unknown()),
  editable: z.boolean(),
});

const complaint = z.object({
  receivedOn: civilDate,
  householdCode: z.string().max(40).optional(),
  text: text(2000),
  handling: z.string().trim().max(2000).default(''),
});

export const stepBody = z.discriminatedUnion('step', [
  z.object({ step: z.literal('list'), date: civilDate }),
  z.object({ step: z.literal('survey'), date: civilDate }),
  z.object({
    step: z.literal('meeting'),
    date: civilDate,
    attendance: z.number().int().min(1).max(100_000),
    agreed: z.string().trim().max(4000).default(''),
    objections: z.array(z.object({ householdCode: z.string().max(40).optional(), text: text(2000), resolution: z.string().trim().max(2000).default('') })).max(500).default([]),
  }),
  z.object({
    step: z.literal('posting'),
    date: civilDate,
    postedUntil: civilDate,
    places: z.string().trim().max(1000).default(''),
    complaints: z.array(complaint).max(500).default([]),
  }),
  z.object({ step: z.literal('district'), date: civilDate, opinion: z.string().trim().max(4000).default('') }),
  z.object({ step: z.literal('recognition'), date: civilDate, decisionNumber: text(100) }),
]);
export type StepBody = z.infer<typeof stepBody>;

export const reopenBody = z.object({ reason: z.string().trim().min(5).max(2000) });

export const progressQuery = z.object({
  kind: kindEnum.default('periodic'),
  period: z.string().regex(/^\d{4}(-\d{2})?$/),
  unit: z.string().regex(/^\d{2,5}$/).optional(),
});

export const progressResponse = z.object({
  kind: kindEnum,
  period: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  communes: z.array(
    z.object({
      communeCode: z.string(),
      communeName: z.string(),
      districtCode: z.string().nullable(),
      roundId: z.number().nullable(),
      status: z.enum(['not_started', 'open', 'closed']),
      nextStep: stepEnum.nullable(),
      stepsDone: z.number(),
      stepsTotal: z.number(),
      late: z.boolean(),
    }),
  ),
});

export const movementsQuery = z.object({
  from: civilDate,
  to: civilDate,
  level: z.enum(['commune', 'district', 'province', 'new_commune']).default('commune'),
});

const count = z.object({ households: z.number(), persons: z.number() });
const groupTable = z.object({ start: count, decreases: z.record(z.string(), count), increases: z.record(z.string(), count), end: count });
export const movementsResponse = z.object({
  from: z.string(),
  to: z.string(),
  level: z.string(),
  units: z.array(z.object({ unit: z.string(), name: z.string().nullable(), poor: groupTable, near_poor: groupTable })),
});

export const requestBody = z.object({
  householdCode: z.string().min(1).max(40),
  kind: z.enum(['recognise_poor', 'recognise_near_poor', 'escape']),
  receivedOn: civilDate,
});

export const requestsQuery = z.object({ communeCode: z.string().regex(/^\d{2,5}$/).optional() });

export const requestsResponse = z.object({
  requests: z.array(
    z.object({
      id: z.number(),
      householdCode: z.string(),
      headName: z.string(),
      communeCode: z.string(),
      kind: z.enum(['recognise_poor', 'recognise_near_poor', 'escape']),
      receivedOn: z.string(),
      dueOn: z.string(),
      roundId: z.number().nullable(),
      decidedOn: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
});

export const resultParams = z.object({ id: z.coerce.number().int().positive(), code: z.string().min(1).max(40) });

export const surveyImportQuery = z.object({
  dryRun: z.enum(['0', '1', 'true', 'false']).default('0').transform((value) => value === '1' || value === 'true'),
  name: z.string().trim().max(255).optional(),
});

export const surveyTemplateQuery = z.object({ lang: z.enum(['vi', 'en']).optional() });

export const surveyImportReport = z.object({
  roundId: z.number(),
  dryRun: z.boolean(),
  committed: z.boolean(),
  households: z.number(),
  members: z.number(),
  written: z.number(),
  classes: z.record(z.string(), z.number()),
  problemCount: z.number(),
  problems: z.array(z.object({ sheet: z.enum(['households', 'members']), row: z.number(), column: z.string(), message: z.string() })),
  truncated: z.boolean(),
});
