/**
 * The engine factory: one Kysely instance over PostgreSQL (`pg`) or over the embedded
 * PGlite engine through its node-postgres adapter. Both speak the same SQL dialect, so the
 * rest of the code never knows which one it runs on.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
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
  /** The embedded engine itself (backups dump its data directory); absent on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** PostgreSQL connection string; when absent the embedded engine is used. */
  databaseUrl?: string | undefined;
  /** Data directory of the embedded engine; 'memory://' for a throw-away database. */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL (PGlite is always 1: transactions are serialised). */
  poolSize?: number;
  /** Embedded engine only: a data directory tarball (a backup's) to create `dataDir` from. */
  loadDataDir?: Blob;
}

export async function openDatabase(options: EngineOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? './data', options.loadDataDir);
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
  // keepAlive notices a vanished server on idle connections; application_name lets an operator
  // (and the outage test) find the server's sessions in pg_stat_activity.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, keepAlive: true, application_name: 'gnbv' });
  pool.on('error', (error) => {
    // An idle client lost its connection (server restarted, session terminated); the pool drops
    // it and opens a new one on the next query, so the server recovers without a restart.
    console.error(`gnbv: database connection error: ${error.message}`);
  });
  pool.on('connect', (client) => {
    // A client in use that loses its connection emits 'error' besides failing its query; with no
    // listener that would end the process. The failed query reports it (503), and the pool drops
    // the client when it comes back.
    client.on('error', () => {});
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

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const releaseLock = inMemory ? () => {} : lockDataDir(path.resolve(dataDir));
  // Bulk loads (the demo province, imports) need a bounded WAL between checkpoints.
  const startParams = [...PGlite.defaultStartParams, '-c', 'max_wal_size=64MB'];
  let pglite: PGlite;
  try {
    const load = loadDataDir ? { loadDataDir } : {};
    pglite = inMemory ? new PGlite({ startParams, ...load }) : new PGlite(path.resolve(dataDir), { startParams, ...load });
    await pglite.waitReady;
    // A loaded tarball brings the lock file of the process that dumped it.
    if (loadDataDir && !inMemory) writeFileSync(path.join(path.resolve(dataDir), DATA_DIR_LOCK_FILE), String(process.pid));
  } catch (error) {
    releaseLock();
    throw error;
  }
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  pool.on('error', (error) => {
    console.error(`gnbv: embedded database error: ${error.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    description: inMemory ? 'PGlite (in memory)' : `PGlite ${path.resolve(dataDir)}`,
    pglite,
    close: async () => {
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        releaseLock();
      }
    },
  };
}

/** Another live process holds the embedded database's directory. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the embedded database ${dataDir} is in use by process ${pid} (stop it first: one process at a time)`);
  }
}

export const DATA_DIR_LOCK_FILE = 'gnbv.lock';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded database's directory for this process: PGlite itself does not stop a second
 * process from opening the same files, and two writers would corrupt them. The lock is a file
 * holding the owner's pid; a lock left by a process that died (killed, crashed) is taken over.
 * Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, DATA_DIR_LOCK_FILE);
  const own = String(process.pid);
  for (;;) {
    try {
      writeFileSync(lockFile, own, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processIsAlive(holder)) {
        throw new DataDirBusyError(dataDir, holder);
      }
      unlinkSync(lockFile);
    }
  }
  return () => {
    try {
      if (readFileSync(lockFile, 'utf8').trim() === own) unlinkSync(lockFile);
    } catch {
      // Already gone (the directory was replaced by a restore): nothing to release.
    }
  };
}

/** The server version string, e.g. "PostgreSQL 18.1 ...". */
export async function serverVersion(db: Kysely<Database>): Promise<string> {
  const result = await sql<{ version: string }>`select version() as version`.execute(db);
  return result.rows[0]?.version ?? 'unknown';
}
