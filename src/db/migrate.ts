/**
 * Migrations: one ordered list of files, the same for PGlite and PostgreSQL. Each migration
 * runs in its own transaction (PostgreSQL DDL is transactional), so a failed one leaves
 * nothing half-applied.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './schema.js';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-registry.js';
import * as m0004 from './migrations/0004-review.js';
import * as m0005 from './migrations/0005-program.js';
import * as m0006 from './migrations/0006-targets.js';
import * as m0007 from './migrations/0007-reports.js';
import * as m0009 from './migrations/0009-support-coverage.js';
import * as m0010 from './migrations/0010-program-units.js';
import * as m0011 from './migrations/0011-report-attachments.js';
import * as m0012 from './migrations/0012-accounts.js';
import * as m0013 from './migrations/0013-audit.js';

const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-registry': m0002,
  '0004-review': m0004,
  '0005-program': m0005,
  '0006-targets': m0006,
  '0007-reports': m0007,
  '0009-support-coverage': m0009,
  '0010-program-units': m0010,
  '0011-report-attachments': m0011,
  '0012-accounts': m0012,
  '0013-audit': m0013,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export class MigrationError extends Error {
  constructor(
    readonly migrationName: string,
    cause: unknown,
  ) {
    super(
      `migration ${migrationName} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new StaticMigrationProvider(),
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) throw new MigrationError(failed?.migrationName ?? 'unknown', error);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
