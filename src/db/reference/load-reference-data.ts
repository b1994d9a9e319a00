/**
 * The reference-data load (SPEC §4): province setting, administrative units, succession, ethnic
 * groups, agencies, program catalog, support catalog and poverty standards, from the files of
 * `reference/` into the tables of migration 0001 — in one transaction, idempotently.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { agencyRow } from './agencies.parser.js';
import { ethnicGroupRow } from './ethnic-groups.parser.js';
import { programProjectRows, programRows } from './program-catalog.parser.js';
import { provinceSetting } from './province.parser.js';
import { DEFAULT_REFERENCE_DIRECTORY, readReferenceData } from './read-reference-data.js';
import { deleteOtherAdminUnits, deleteOtherSuccessions, type TableLoadCount, upsertRows } from './reference.repository.js';
import { povertyStandardRow } from './standards.parser.js';
import { supportTypeRow } from './support-catalog.parser.js';

export interface LoadReferenceOptions {
  /** Where the files are; the project's `reference/` by default. */
  directory?: string;
  /** Called before each step: 'read', then each table name in load order. Throwing aborts the load. */
  onProgress?: (step: string) => void;
}

/** What the load did, per table. */
export interface ReferenceLoadReport {
  directory: string;
  tables: {
    setting: TableLoadCount;
    admin_unit: TableLoadCount;
    unit_succession: TableLoadCount;
    ethnic_group: TableLoadCount;
    agency: TableLoadCount;
    program: TableLoadCount;
    program_project: TableLoadCount;
    support_type: TableLoadCount;
    poverty_standard: TableLoadCount;
  };
  /** Alternative spellings of unit names found in the name-variant files (checked, not stored). */
  unitNameVariants: number;
}

/**
 * Reads and checks every reference file, then upserts the rows in one transaction: running it
 * twice changes nothing, running it after a data fix updates exactly the rows that changed, and
 * any failure leaves the database as it was. Unit intervals and succession pairs that the files
 * no longer contain are deleted; rows of the other tables are never deleted (users, projects and
 * households may refer to them).
 *
 * @throws {ReferenceDataError} when a file is missing or wrong (before anything is written).
 * @example
 * const report = await loadReferenceData(handle.db, { onProgress: (step) => console.log(step) });
 * report.tables.admin_unit.inserted; // 0 on a second run
 */
export async function loadReferenceData(
  db: Kysely<Database>,
  options: LoadReferenceOptions = {},
): Promise<ReferenceLoadReport> {
  const progress = options.onProgress ?? (() => {});
  const directory = options.directory ?? DEFAULT_REFERENCE_DIRECTORY;
  progress('read');
  const data = await readReferenceData(directory);
  const provinceCodes = [...new Set(data.adminUnits.map((unit) => unit.province_code))];
  const effectiveDates = [...new Set(data.successions.map((pair) => pair.effective_date))];

  return db.transaction().execute(async (trx) => {
    progress('setting');
    const setting = await upsertRows(trx, 'setting', ['key'], [
      { key: 'province', value: JSON.stringify(provinceSetting(data.province)) },
    ]);
    progress('admin_unit');
    const adminUnit = await upsertRows(trx, 'admin_unit', ['code', 'valid_from'], data.adminUnits);
    adminUnit.deleted = await deleteOtherAdminUnits(trx, provinceCodes, data.adminUnits);
    progress('unit_succession');
    const unitSuccession = await upsertRows(trx, 'unit_succession', ['old_code', 'new_code', 'effective_date'], data.successions);
    unitSuccession.deleted = await deleteOtherSuccessions(trx, effectiveDates, data.successions);
    progress('ethnic_group');
    const ethnicGroup = await upsertRows(trx, 'ethnic_group', ['code'], data.ethnicGroups.map(ethnicGroupRow));
    progress('agency');
    const agency = await upsertRows(trx, 'agency', ['code'], data.agencies.map(agencyRow));
    progress('program');
    const program = await upsertRows(trx, 'program', ['code'], programRows(data.programCatalog));
    progress('program_project');
    const programProject = await upsertRows(trx, 'program_project', ['code'], programProjectRows(data.programCatalog));
    progress('support_type');
    const supportType = await upsertRows(trx, 'support_type', ['code'], data.supportTypes.map(supportTypeRow));
    progress('poverty_standard');
    const povertyStandard = await upsertRows(trx, 'poverty_standard', ['id'], data.standards.map(povertyStandardRow));
    return {
      directory,
      tables: {
        setting,
        admin_unit: adminUnit,
        unit_succession: unitSuccession,
        ethnic_group: ethnicGroup,
        agency,
        program,
        program_project: programProject,
        support_type: supportType,
        poverty_standard: povertyStandard,
      },
      unitNameVariants: data.nameVariants.length,
    };
  });
}
