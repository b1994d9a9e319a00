import { type Kysely, sql } from 'kysely';

/**
 * The audit log keeps no citizen ID or birth date in full: writers mask them
 * (`src/modules/audit/audit-mask.ts`; the importer's SQL the same way), and the rows written
 * before this migration are masked here once — an ID keeps its last four digits, a birth date
 * its year. Indexes serve the audit page's filters in keyset order (newest first).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function pg_temp.audit_mask(input jsonb) returns jsonb
    language sql immutable as $$
      select regexp_replace(regexp_replace(input::text,
        '"(citizen_id|citizenId)": "[^"\\\\]*([^"\\\\]{4})"', '"\\1": "********\\2"', 'g'),
        '"(birth_date|birthDate)": "([0-9]{4})[^"\\\\]*"', '"\\1": "\\2-**-**"', 'g')::jsonb
    $$;
    update audit_log set before = pg_temp.audit_mask(before), after = pg_temp.audit_mask(after)
     where before is not null or after is not null;
    drop function pg_temp.audit_mask(jsonb);

    drop index audit_log_entity;
    create index audit_log_entity on audit_log (entity, entity_id, id);
    create index audit_log_user on audit_log (user_id, id);
    create index audit_log_action on audit_log (action, id);
    create index audit_log_at on audit_log (at, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index audit_log_at; drop index audit_log_action; drop index audit_log_user;
    drop index audit_log_entity;
    create index audit_log_entity on audit_log (entity, entity_id);
  `.execute(db);
}
