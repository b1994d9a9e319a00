/** Zod schemas of the audit log route. */
import { z } from 'zod';
import { civilDate } from '../units/units.schemas.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const auditQuery = z.object({
  /** Username of who made the change. */
  user: text(60).optional(),
  entity: text(60).optional(),
  entityId: text(200).optional(),
  /** Exact action, or a prefix ending in `.` (`review.`). */
  action: text(80).optional(),
  from: civilDate.optional(),
  to: civilDate.optional(),
  /** `nextCursor` of the previous page. */
  cursor: z.string().regex(/^\d{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditEntryDto = z.object({
  id: z.string(),
  at: z.string(),
  user: z.object({ id: z.number(), username: z.string(), displayName: z.string() }).nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  ip: z.string().nullable(),
  /** As stored: citizen IDs and birth dates masked. */
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryDto = z.infer<typeof auditEntryDto>;

export const auditPageResponse = z.object({
  items: z.array(auditEntryDto),
  nextCursor: z.string().nullable(),
});
