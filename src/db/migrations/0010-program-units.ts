import { type Kysely, sql } from 'kysely';

/**
 * Poor units and edited due dates (issue #7).
 *
 * `poor_unit` is the configured list of units that count as poor for the allocation criteria
 * `poor_district` (huyện nghèo) and `poor_commune` (xã nghèo, xã đặc biệt khó khăn), for a span of
 * years and with the act that lists them (e.g. Decision 353/QĐ-TTg for 2021–2025). A list rather
 * than a poverty-rate threshold, because the allocation resolutions cite the official lists.
 *
 * `plan_task.due_date_set_by` marks a due date changed in the system, so reloading the plan file
 * keeps it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table poor_unit (
      province_code text not null,
      unit_code text not null,
      kind text not null check (kind in ('poor_district', 'poor_commune')),
      from_year integer not null,
      to_year integer not null,
      basis text not null,
      primary key (province_code, unit_code, kind, from_year),
      check (to_year >= from_year)
    );
    alter table plan_task add column due_date_set_by integer references app_user (id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table plan_task drop column due_date_set_by;
    drop table poor_unit;
  `.execute(db);
}
