/**
 * Loads the synthetic demo province into an empty registry (SPEC §2: `npm start` on an empty
 * embedded database, `gnbv seed demo`). One transaction: either the whole province is there,
 * or nothing is.
 */
// Members go in through the one bulk writer the importer uses.
import { insertMembers } from '../imports/imports.repository.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { foldForSearch } from '../../domain/text.js';
import { readProvinceSetting } from '../access/scope.repository.js';
import { type RegistryColumns, registryColumns } from '../households/household-classification.js';
import { listPovertyStandards } from '../households/households.repository.js';
import {
  DEMO_ETHNIC_CODES,
  DEMO_LABEL,
  type DemoHousehold,
  type DemoMember,
  generateDemoProvince,
} from './demo-generator.js';
import {
  hasHouseholds,
  insertHouseholds,
  listCommunesValidOn,
  listMissingEthnicCodes,
  lockHouseholds,
  writeDemoSetting,
} from './demo.repository.js';

/**
 * Survey date of the demo data: the periodic review of late 2021 that measured Gia Lai's
 * baseline with the 2022–2025 standard (DOMAIN §6.4). The communes are those valid on that
 * day: old Gia Lai's 220 (the 1 Sep 2024 snapshot, valid 2020-01-01 – 2024-10-31). Note that
 * the standard for this baseline is VN-MPS-2022 (review year 2022), not the survey's calendar
 * year.
 */
export const DEMO_SURVEY_DATE = '2021-10-01';

/** Seed used when none is given. */
export const DEFAULT_DEMO_SEED = 2021;

/** Households per INSERT; the members of a batch go in one more INSERT. */
const BATCH_HOUSEHOLDS = 2_000;

/** Seeding into a registry that already has households, or without the reference data. */
export class DemoSeedError extends Error {
  override readonly name = 'DemoSeedError';
}

export interface SeedDemoOptions {
  households: number;
  seed?: number;
  /** Defaults to {@link DEMO_SURVEY_DATE}. */
  surveyDate?: string;
  /** Called after each batch with the households written so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedDemoResult {
  households: number;
  members: number;
}

/**
 * Generates the demo province and writes it in one transaction, in batches of multi-row
 * INSERTs, then records the setting 'demo'. Every row is `is_synthetic`.
 *
 * @example
 * const { households, members } = await seedDemoProvince(db, { households: 2_000 });
 * @throws {DemoSeedError} when the registry already has households, when no commune is valid
 * at the survey date, or when the ethnic groups are missing (reference data not loaded).
 */
export async function seedDemoProvince(db: Kysely<Database>, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const surveyDate = options.surveyDate ?? DEMO_SURVEY_DATE;
  const total = options.households;

  return db.transaction().execute(async (trx) => {
    await lockHouseholds(trx);
    if (await hasHouseholds(trx)) {
      throw new DemoSeedError(
        'the household registry is not empty: demo data can only be loaded into an empty registry',
      );
    }
    const province = await readProvinceSetting(trx);
    const communes = await listCommunesValidOn(trx, surveyDate, [province.code, ...province.previousCodes]);
    if (communes.length === 0) {
      throw new DemoSeedError(`no commune is valid on ${surveyDate}: load the reference data first (gnbv migrate)`);
    }
    const missing = await listMissingEthnicCodes(trx, DEMO_ETHNIC_CODES);
    if (missing.length > 0) {
      throw new DemoSeedError(`ethnic groups ${missing.join(', ')} are missing: load the reference data first (gnbv migrate)`);
    }

    let households = 0;
    let members = 0;
    // The registry's derived columns (class and deprivations, folded names), as every writer fills them.
    const standards = await listPovertyStandards(trx);
    let householdBatch: (DemoHousehold & RegistryColumns)[] = [];
    let memberBatch: (DemoMember & { search_name: string })[] = [];
    const flush = async (): Promise<void> => {
      await insertHouseholds(trx, householdBatch);
      await insertMembers(trx, memberBatch);
      households += householdBatch.length;
      members += memberBatch.length;
      householdBatch = [];
      memberBatch = [];
      options.onProgress?.(households, total);
    };

    options.onProgress?.(0, total);
    for (const record of generateDemoProvince({ seed, households: total, communes, surveyDate, provinceCode: province.code })) {
      householdBatch.push({ ...record.household, ...registryColumns(record.household, record.members, standards) });
      for (const member of record.members) memberBatch.push({ ...member, search_name: foldForSearch(member.full_name) });
      if (householdBatch.length >= BATCH_HOUSEHOLDS) await flush();
    }
    if (householdBatch.length > 0) await flush();

    await writeDemoSetting(trx, { seed, households, members, generatedAt: surveyDate, label: DEMO_LABEL });
    return { households, members };
  });
}
