import { z } from 'zod';
import { civilDate } from '../units/units.schemas.js';
import { REPORT_FORMATS } from './report-render.js';
import { REPORT_NAMES } from './report-tables.js';

const year = z.coerce.number().int().min(2000).max(2100);
const deadlineState = z.enum(['on_time', 'late_submitted', 'overdue', 'due_soon', 'upcoming']);
const status = z.enum(['draft', 'submitted', 'returned', 'accepted']);
const title = z.object({ vi: z.string(), en: z.string() });

export const yearQuery = z.object({ year: year.optional() });
export const matrixQuery = z.object({ year: year.optional(), unit: z.string().regex(/^\d{2,5}$/).optional() });
export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const reportParams = z.object({ name: z.enum(REPORT_NAMES) });
export const reportQuery = z.object({
  year,
  unit: z.string().regex(/^\d{2,5}$/).optional(),
  format: z.enum(REPORT_FORMATS).default('json'),
});

export const attachmentSchema = z.object({ id: z.number(), fileName: z.string(), contentType: z.string(), size: z.number(), uploadedAt: z.string() });
export const attachmentQuery = z.object({ name: z.string().max(300).default('') });

export const submissionSchema = z.object({
  id: z.number(),
  attachments: z.array(attachmentSchema),
  status,
  note: z.string().nullable(),
  returnReason: z.string().nullable(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number(),
});

const obligationSchema = z.object({
  id: z.number(),
  year: z.number(),
  code: z.string(),
  ruleId: z.string(),
  title,
  dueOn: z.string(),
  from: z.array(z.string()),
  to: z.array(z.string()),
  via: z.string().nullable(),
  /** The parties as `level:commune`, `agency:SLDTBXH`, `party:ministry` (what the edit form sends back). */
  fromParties: z.array(z.string()),
  toParties: z.array(z.string()),
  source: z.string(),
  version: z.number(),
});

export const obligationResponse = obligationSchema;

export const calendarResponse = z.object({
  year: z.number(),
  today: z.string(),
  obligations: z.array(
    obligationSchema.extend({
      dueState: deadlineState,
      expected: z.number(),
      submitted: z.number(),
      accepted: z.number(),
      overdue: z.number(),
      mine: z.array(z.object({ submitter: z.string(), name: z.string(), state: deadlineState, submission: submissionSchema.nullable() })),
    }),
  ),
});

const partySpec = z.string().regex(/^(level:(commune|district|province)|agency:[A-Za-z0-9_]{1,40}|party:[a-z_]{1,60})$/, 'level:commune|district|province, agency:CODE or party:code');

export const updateObligationBody = z.object({
  dueOn: civilDate,
  from: z.array(partySpec).min(1).max(20).optional(),
  to: z.array(partySpec).min(1).max(20).optional(),
  titleVi: z.string().trim().min(3).max(500).optional(),
  titleEn: z.string().trim().min(3).max(500).optional(),
  version: z.number().int().positive(),
});

export const saveSubmissionBody = z.object({
  obligationId: z.number().int().positive(),
  submitter: z.string().regex(/^(unit|agency|party):[A-Za-z0-9_]+$/),
  note: z.string().trim().max(2000).optional(),
  submit: z.boolean(),
  version: z.number().int().positive().optional(),
});

export const returnBody = z.object({ reason: z.string().trim().min(3).max(2000), version: z.number().int().positive() });
export const acceptBody = z.object({ version: z.number().int().positive() });

export const submissionResponse = submissionSchema.extend({
  obligationId: z.number(),
  obligationCode: z.string(),
  submitter: z.string(),
  dueOn: z.string(),
  state: deadlineState,
});

export const matrixResponse = z.object({
  year: z.number(),
  today: z.string(),
  obligations: z.array(z.object({ id: z.number(), code: z.string(), title, dueOn: z.string() })),
  rows: z.array(
    z.object({
      submitter: z.string(),
      name: z.string(),
      level: z.enum(['province', 'district', 'commune', 'agency', 'party']),
      overdue: z.number(),
      late: z.number(),
      cells: z.record(z.string(), z.object({ state: deadlineState, status: status.nullable(), submissionId: z.number().nullable(), version: z.number().nullable() })),
    }),
  ),
});

export const remindersResponse = z.object({
  year: z.number(),
  today: z.string(),
  reminders: z.array(
    z.object({ obligationId: z.number(), code: z.string(), title, dueOn: z.string(), submitter: z.string(), name: z.string(), kind: z.enum(['due_soon', 'overdue']), days: z.number() }),
  ),
});

export const partiesResponse = z.array(z.object({ spec: z.string(), name: z.string() }));
