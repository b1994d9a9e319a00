import { z } from 'zod';

/** `1`/`0` or `true`/`false` in a query string. */
const flag = z
  .enum(['1', '0', 'true', 'false'])
  .default('0')
  .transform((value) => value === '1' || value === 'true');

export const importQuery = z.object({ dryRun: flag, update: flag });

export const uploadQuery = z.object({ name: z.string().trim().min(1).max(255) });

export const runBody = z.object({
  /** One workbook, or the households CSV and then the members CSV. */
  uploads: z.array(z.uuid()).min(1).max(2),
});

export const runParams = z.object({ id: z.uuid() });

export const templateQuery = z.object({ lang: z.enum(['vi', 'en']).optional() });

export const uploadResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  size: z.number().int(),
  format: z.enum(['xlsx', 'csv']),
});

export const problemLineSchema = z.object({
  sheet: z.enum(['households', 'members']),
  /** Row as a spreadsheet shows it; the header is row 1. */
  row: z.number().int(),
  /** The column as written in the file's header. */
  column: z.string(),
  message: z.string(),
});

export const importReportSchema = z.object({
  id: z.uuid(),
  dryRun: z.boolean(),
  update: z.boolean(),
  committed: z.boolean(),
  files: z.array(z.string()),
  households: z.number().int(),
  members: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  membersWritten: z.number().int(),
  problemCount: z.number().int(),
  /** The first problems (all of them are in the problem report workbook, up to its own limit). */
  problems: z.array(problemLineSchema),
  truncated: z.boolean(),
});

export type ImportReport = z.infer<typeof importReportSchema>;
export type UploadDto = z.infer<typeof uploadResponse>;
