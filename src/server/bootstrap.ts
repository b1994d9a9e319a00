/**
 * Getting a database ready to serve: open the engine, migrate, load the reference data and,
 * in demo mode on an empty embedded database, the synthetic demo province and its users.
 */
import path from 'node:path';
import type { AppConfig } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/engine.js';
import { migrateToLatest } from '../db/migrate.js';
import { DEFAULT_REFERENCE_DIRECTORY, loadReferenceData } from '../db/reference/index.js';
import {
  referenceFingerprint,
  storedReferenceFingerprint,
  storeReferenceFingerprint,
} from '../db/reference/reference-fingerprint.js';
import { loadProgramData } from '../modules/program/program-data.loader.js';
import { loadPlanTargets } from '../modules/targets/plan-targets.js';
import { refreshAggregates } from '../modules/targets/refresh-aggregates.js';
import { type ProvinceSetting, readProvinceSetting } from '../modules/access/scope.repository.js';
import { createDemoUsers, listDemoUsernames } from '../modules/users/demo-users.js';
import { seedDemoProvince } from '../modules/demo/demo-seed.js';
import { seedDemoReviewResults } from '../modules/review/demo-review.js';

export const DEFAULT_DEMO_HOUSEHOLDS = 3000;

export interface PreparedSystem {
  handle: DatabaseHandle;
  province: ProvinceSetting;
  demoUsers: string[];
  /** True when this start seeded the demo province. */
  seededDemo: boolean;
}

export class StartupError extends Error {}

export interface PrepareOptions {
  onStep?: (step: string) => void;
  onDemoProgress?: (done: number, total: number) => void;
  demoHouseholds?: number;
}

export async function prepareSystem(config: AppConfig, options: PrepareOptions = {}): Promise<PreparedSystem> {
  const step = options.onStep ?? (() => {});
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    const target = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database at ${config.dataDir}`;
    throw new StartupError(`cannot open ${target}: ${reason(error)}`);
  }
  try {
    step('migrate');
    await migrateToLatest(handle.db);
    step('reference');
    await loadReferenceIfChanged(handle);
    const province = await readProvinceSetting(handle.db);
    let seededDemo = false;
    if (config.demo && handle.engine === 'pglite') {
      const existing = await handle.db
        .selectFrom('household')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (existing.n === 0) {
        step('demo');
        await seedDemoProvince(handle.db, {
          households: options.demoHouseholds ?? DEFAULT_DEMO_HOUSEHOLDS,
          ...(options.onDemoProgress ? { onProgress: options.onDemoProgress } : {}),
        });
        await createDemoUsers(handle.db);
        step('demo-review');
        await seedDemoReviewResults(handle.db);
        await refreshAggregates(handle.db, province.code);
        seededDemo = true;
      }
    }
    const demoUsers = config.demo ? await listDemoUsernames(handle.db) : [];
    return { handle, province, demoUsers, seededDemo };
  } catch (error) {
    await handle.close().catch(() => {});
    throw new StartupError(`cannot prepare the database: ${reason(error)}`);
  }
}

/**
 * Loads the reference, program and plan data unless the same files were loaded by the same code
 * into the same schema before (`gnbv migrate` always loads). Returns whether it loaded.
 * @example
 * await loadReferenceIfChanged(handle); // true on a new database, false on the next start
 */
export async function loadReferenceIfChanged(handle: DatabaseHandle, directory = DEFAULT_REFERENCE_DIRECTORY): Promise<boolean> {
  const fingerprint = await referenceFingerprint(handle.db, directory);
  if ((await storedReferenceFingerprint(handle.db)) === fingerprint) return false;
  await loadReferenceData(handle.db, { directory });
  await loadProgramData(handle.db, { directory });
  await loadPlanTargets(handle.db, path.join(directory, 'plan-2022.json'));
  await storeReferenceFingerprint(handle.db, fingerprint);
  return true;
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
