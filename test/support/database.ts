/**
 * A fresh, migrated database with the reference data for one test file: in-memory PGlite, or a
 * new PostgreSQL database (created from TEST_DATABASE_URL, dropped afterwards) when the
 * project runs the PostgreSQL tier. The same test cases run on both.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, type EngineKind, openDatabase } from '../../src/db/engine.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadReferenceData } from '../../src/db/reference/index.js';
import { loadProgramData } from '../../src/modules/program/program-data.loader.js';
import { loadPlanTargets } from '../../src/modules/targets/plan-targets.js';

export const testEngine: EngineKind = process.env.GNBV_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The connection string on PostgreSQL (for child processes), undefined on PGlite. */
  url: string | undefined;
  destroy(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** An empty database with nothing applied. */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  if (testEngine === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    return { handle, url: undefined, destroy: () => handle.close() };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `gnbv_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    handle,
    url: url.toString(),
    destroy: async () => {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A migrated database with the reference and program data loaded, as a started server has. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const database = await createEmptyTestDatabase();
  await migrateToLatest(database.handle.db);
  await loadReferenceData(database.handle.db);
  await loadProgramData(database.handle.db);
  await loadPlanTargets(database.handle.db);
  return database;
}
