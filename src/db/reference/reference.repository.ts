/**
 * SQL of the reference-data load: idempotent upserts that count what they change, and the
 * removal of unit rows the files no longer contain.
 */
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** What one load did to one table. */
export interface TableLoadCount {
  /** Rows in the files. */
  rows: number;
  inserted: number;
  /** Existing rows whose values changed. */
  updated: number;
  /** Existing rows already equal to the files (not written at all). */
  unchanged: number;
  /** Rows removed because the files no longer contain them (unit tables only). */
  deleted: number;
}

const CHUNK_ROWS = 500;

/**
 * Inserts `rows`, or updates the row with the same key when any other column differs; equal rows
 * are left untouched, so a second load writes nothing. Every row must carry the same columns.
 * @example
 * await upsertRows(trx, 'ethnic_group', ['code'], [{ code: '10', name: 'Gia-rai', aliases: ['Jrai'], is_minority: true }]);
 */
export async function upsertRows<TB extends keyof Database & string>(
  db: Kysely<Database>,
  table: TB,
  keyColumns: readonly (keyof Database[TB] & string)[],
  rows: readonly Insertable<Database[TB]>[],
): Promise<TableLoadCount> {
  const count: TableLoadCount = { rows: rows.length, inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
  const first = rows[0];
  if (!first) return count;
  const columns = Object.keys(first);
  const keys: readonly string[] = keyColumns;
  const updates = columns.filter((column) => !keys.includes(column));
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS) as readonly Record<string, unknown>[];
    const values = chunk.map((row) => sql`(${sql.join(columns.map((column) => row[column]))})`);
    // xmax = 0 only on a freshly inserted row version: it tells an insert from an update.
    const result = await sql<{ inserted: boolean }>`
      insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))})
      values ${sql.join(values)}
      on conflict (${sql.join(keys.map((key) => sql.ref(key)))}) do update
         set ${sql.join(updates.map((column) => sql`${sql.ref(column)} = ${sql.ref(`excluded.${column}`)}`))}
       where (${sql.join(updates.map((column) => sql.ref(`${table}.${column}`)))})
             is distinct from (${sql.join(updates.map((column) => sql.ref(`excluded.${column}`)))})
      returning (xmax = 0) as inserted
    `.execute(db);
    const inserted = result.rows.filter((row) => row.inserted).length;
    count.inserted += inserted;
    count.updated += result.rows.length - inserted;
  }
  count.unchanged = count.rows - count.inserted - count.updated;
  return count;
}

/**
 * Deletes the unit intervals of the given provinces that `keep` does not list (a corrected
 * validity date or a unit removed from the files). Returns how many were deleted.
 */
export async function deleteOtherAdminUnits(
  db: Kysely<Database>,
  provinceCodes: readonly string[],
  keep: readonly { code: string; valid_from: string }[],
): Promise<number> {
  if (provinceCodes.length === 0) return 0;
  const existing = await db
    .selectFrom('admin_unit')
    .select(['code', sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from')])
    .where('province_code', 'in', provinceCodes)
    .execute();
  const kept = new Set(keep.map((unit) => `${unit.code}@${unit.valid_from}`));
  let deleted = 0;
  for (const row of existing.filter((unit) => !kept.has(`${unit.code}@${unit.valid_from}`))) {
    const result = await db
      .deleteFrom('admin_unit')
      .where('code', '=', row.code)
      .where('valid_from', '=', row.valid_from)
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/**
 * Deletes the succession pairs with the given effective dates that `keep` does not list.
 * Returns how many were deleted.
 */
export async function deleteOtherSuccessions(
  db: Kysely<Database>,
  effectiveDates: readonly string[],
  keep: readonly { old_code: string; new_code: string; effective_date: string }[],
): Promise<number> {
  if (effectiveDates.length === 0) return 0;
  const existing = await db
    .selectFrom('unit_succession')
    .select(['old_code', 'new_code', 'effective_date'])
    .where('effective_date', 'in', effectiveDates)
    .execute();
  const key = (pair: { old_code: string; new_code: string; effective_date: string }) =>
    `${pair.old_code}→${pair.new_code}@${pair.effective_date}`;
  const kept = new Set(keep.map(key));
  let deleted = 0;
  for (const row of existing.filter((pair) => !kept.has(key(pair)))) {
    const result = await db
      .deleteFrom('unit_succession')
      .where('old_code', '=', row.old_code)
      .where('new_code', '=', row.new_code)
      .where('effective_date', '=', row.effective_date)
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}
