/**
 * The engine factory: one Kysely instance over PostgreSQL (`pg`) or over the embedded
 * PGlite engine through its node-postgres adapter. Both speak the same SQL dialect, so the
 * rest of the code never knows which one it runs on.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// Civil dates stay 'YYYY-MM-DD' strings: a JS Date would shift them across time zones.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// Counts and money: int8 and numeric as JS numbers (VND amounts stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type EngineKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: EngineKind;
  /** A safe description for logs: never the password. */
  description: string;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** PostgreSQL connection string; when absent the embedded engine is used. */
  databaseUrl?: string | undefined;
  /** Data directory of the embedded engine; 'memory://' for a throw-away database. */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL (PGlite is always 1: transactions are serialised). */
  poolSize?: number;
}

export async function openDatabase(options: EngineOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? './data');
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', (error) => {
    // An idle client lost its connection; the pool replaces it on the next query.
    console.error(`gnbv: database connection error: ${error.message}`);
  });
  const client = await pool.connect();
  client.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    description: `PostgreSQL ${redactUrl(url)}`,
    close: () => db.destroy(),
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  // Bulk loads (the demo province, imports) need a bounded WAL between checkpoints.
  const startParams = [...PGlite.defaultStartParams, '-c', 'max_wal_size=64MB'];
  const pglite = inMemory
    ? new PGlite({ startParams })
    : new PGlite(path.resolve(dataDir), { startParams });
  await pglite.waitReady;
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  pool.on('error', (error) => {
    console.error(`gnbv: embedded database error: ${error.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    description: inMemory ? 'PGlite (in memory)' : `PGlite ${path.resolve(dataDir)}`,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** The server version string, e.g. "PostgreSQL 18.1 ...". */
export async function serverVersion(db: Kysely<Database>): Promise<string> {
  const result = await sql<{ version: string }>`select version() as version`.execute(db);
  return result.rows[0]?.version ?? 'unknown';
}
