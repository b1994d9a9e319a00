/**
 * The SQL of backups: which tables a database holds, their row counts and content hashes, and
 * the migrations applied. Both engines answer the same statements.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

// Tables are found in the catalog, not in the Kysely schema, so a backup covers every table.
type Db = Kysely<Database>;

export interface TableFigures {
  name: string;
  rows: number;
  /** `sha256:…` of the table's rows as a multiset (see `tableFigures`). */
  hash: string;
}

/** The base tables of schema `public`, in byte order of their names. */
export async function listTables(db: Db): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select tablename as name from pg_catalog.pg_tables
     where schemaname = 'public'
     order by tablename collate "C"
  `.execute(db);
  return result.rows.map((row) => row.name);
}

/** The migrations applied, in order; empty when GNBV never migrated this database. */
export async function listAppliedMigrations(db: Db): Promise<string[]> {
  const exists = await sql<{ found: string | null }>`select to_regclass('public.schema_migration')::text as found`.execute(db);
  if (!exists.rows[0]?.found) return [];
  const result = await sql<{ name: string }>`select name from schema_migration order by name collate "C"`.execute(db);
  return result.rows.map((row) => row.name);
}

/**
 * Row count and content hash of each table, read in one repeatable-read snapshot.
 *
 * The hash is order-free, so it does not depend on a collation or on physical row order (both
 * differ between a source and its restored copy): each row's text form is hashed with MD5, the
 * two 64-bit halves of those digests are summed over the table, and the two sums are hashed
 * with SHA-256. The text form is made independent of session settings (time zone, date and
 * interval styles, float digits) by pinning them for the transaction.
 */
export async function tableFigures(
  db: Db,
  tables: readonly string[],
  onTable?: (done: number, total: number) => void,
): Promise<TableFigures[]> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await pinTextSettings(trx);
      const figures: TableFigures[] = [];
      for (const name of tables) {
        figures.push(await figuresOf(trx, name));
        onTable?.(figures.length, tables.length);
      }
      return figures;
    });
}

/** Pins the settings a row's text form depends on, for the current transaction. */
export async function pinTextSettings(db: Db): Promise<void> {
  await sql`
    select set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true),
           set_config('IntervalStyle', 'postgres', true), set_config('extra_float_digits', '1', true),
           set_config('bytea_output', 'hex', true)
  `.execute(db);
}

/** Row count and content hash of one table (inside a transaction with the settings pinned). */
export async function figuresOf(db: Db, table: string): Promise<TableFigures> {
  const result = await sql<{ rows: number; high: string; low: string }>`
    select count(*) as rows,
           coalesce(sum(('x' || substr(h, 1, 16))::bit(64)::bigint::numeric), 0)::text as high,
           coalesce(sum(('x' || substr(h, 17, 16))::bit(64)::bigint::numeric), 0)::text as low
      from (select md5(t::text) as h from ${sql.table(`public.${table}`)} as t) as s
  `.execute(db);
  const row = result.rows[0] ?? { rows: 0, high: '0', low: '0' };
  const digest = createHash('sha256').update(`${row.high}:${row.low}`).digest('hex');
  return { name: table, rows: Number(row.rows), hash: `sha256:${digest}` };
}

/** How much a database holds: its tables and their rows (to refuse overwriting data). */
export async function databaseSize(db: Db): Promise<{ tables: number; rows: number }> {
  const tables = await listTables(db);
  let rows = 0;
  for (const name of tables) {
    const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(`public.${name}`)}`.execute(db);
    rows += Number(result.rows[0]?.n ?? 0);
  }
  return { tables: tables.length, rows };
}
