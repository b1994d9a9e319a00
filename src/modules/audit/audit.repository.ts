/** The audit log: who, when, from where, what, before and after (SPEC §11). */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { currentRequestAddress } from './audit-context.js';
import { maskPersonalData } from './audit-mask.js';

export interface AuditEntry {
  userId: number | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** The client address; left out, the address of the HTTP request in progress. */
  ip?: string | null;
}

/** Writes one audit row, with the citizen IDs and birth dates of `before`/`after` masked. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(maskPersonalData(entry.before)),
      after: entry.after === undefined ? null : JSON.stringify(maskPersonalData(entry.after)),
      ip: entry.ip ?? currentRequestAddress(),
    })
    .execute();
}

export interface AuditFilter {
  username?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  /** First and last civil day, in the province's time zone. */
  from?: string | undefined;
  to?: string | undefined;
  timeZone: string;
  /** The id of the last row of the previous page (rows come newest first). */
  before?: string | undefined;
  limit: number;
}

/**
 * One page of the log, newest first, keyset-paged on the id. An action ending in `.` or `*`
 * matches its prefix (`review.` finds every review action).
 */
export async function listAuditEntries(db: Kysely<Database>, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('app_user as u', 'u.id', 'a.user_id')
    .select([
      'a.id',
      'a.at',
      'a.user_id',
      'u.username',
      'u.display_name',
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.ip',
      'a.before',
      'a.after',
    ])
    .orderBy('a.id', 'desc')
    .limit(filter.limit + 1);
  if (filter.username) query = query.where('u.username', '=', filter.username);
  if (filter.entity) query = query.where('a.entity', '=', filter.entity);
  if (filter.entityId) query = query.where('a.entity_id', '=', filter.entityId);
  if (filter.action) {
    const prefix = filter.action.replace(/[.*]$/, '');
    query =
      prefix === filter.action
        ? query.where('a.action', '=', filter.action)
        : query.where(sql<boolean>`starts_with(a.action, ${prefix})`);
  }
  if (filter.from) {
    query = query.where(sql<boolean>`a.at >= (${filter.from}::date)::timestamp at time zone ${filter.timeZone}`);
  }
  if (filter.to) {
    query = query.where(sql<boolean>`a.at < (${filter.to}::date + 1)::timestamp at time zone ${filter.timeZone}`);
  }
  if (filter.before) query = query.where('a.id', '<', filter.before);
  return query.execute();
}
