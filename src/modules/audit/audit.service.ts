/**
 * Reading the audit log: the province admin, and supervisors (the Fatherland Front oversees
 * the program, so it may see who changed what), newest first with filters. Citizen IDs and
 * birth dates are masked when stored (`audit-mask.ts`) and again when read.
 */
import type { Kysely } from 'kysely';
import type { Database, RoleCode } from '../../db/schema.js';
import type { Language } from '../../server/language.js';
import { message } from '../../server/messages.js';
import { HttpProblem } from '../../server/problem.js';
import type { Actor } from '../access/actor.js';
import { assertRole } from '../access/scope.js';
import { maskPersonalData } from './audit-mask.js';
import { listAuditEntries } from './audit.repository.js';
import type { AuditEntryDto, AuditQuery } from './audit.schemas.js';

export const AUDIT_READERS: readonly RoleCode[] = ['province_admin', 'supervisor'];

type AuditRow = Awaited<ReturnType<typeof listAuditEntries>>[number];

export function mapAuditEntry(row: AuditRow): AuditEntryDto {
  return {
    id: String(row.id),
    // `at` is declared Generated<Timestamp>, which Kysely leaves unwrapped; it is a Date.
    at: new Date(row.at as unknown as Date).toISOString(),
    user:
      row.user_id === null
        ? null
        : { id: row.user_id, username: row.username ?? '', displayName: row.display_name ?? '' },
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    ip: row.ip,
    // Stored masked; masked again in case a row was written around `recordAudit`.
    before: maskPersonalData(row.before ?? null),
    after: maskPersonalData(row.after ?? null),
  };
}

export async function listAudit(
  db: Kysely<Database>,
  actor: Actor,
  query: AuditQuery,
  context: { timeZone: string; language: Language },
) {
  assertRole(actor, AUDIT_READERS);
  if (query.from && query.to && query.from > query.to) {
    throw new HttpProblem(400, 'validation.detail', { count: 1 }, {
      titleKey: 'validation.title',
      errors: [{ field: 'to', message: message('audit.range', context.language) }],
    });
  }
  const rows = await listAuditEntries(db, {
    username: query.user?.toLowerCase(),
    entity: query.entity,
    entityId: query.entityId,
    action: query.action,
    from: query.from,
    to: query.to,
    timeZone: context.timeZone,
    before: query.cursor,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(mapAuditEntry),
    nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null,
  };
}
