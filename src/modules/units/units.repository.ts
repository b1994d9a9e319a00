/** Administrative units and their 2025 succession: every SQL statement of the units module. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

const unitColumns = [
  'code',
  'name',
  'type',
  'level',
  'parent_code',
  'province_code',
  'area',
  'valid_from',
  'valid_to',
] as const;

export function listUnitsValidAt(db: Kysely<Database>, date: string) {
  return db
    .selectFrom('admin_unit')
    .select(unitColumns)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .orderBy('code')
    .execute();
}

export function listUnitVersions(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('admin_unit')
    .select(unitColumns)
    .where('code', '=', code)
    .orderBy('valid_from')
    .execute();
}

export function listChildrenValidAt(db: Kysely<Database>, parentCode: string, date: string) {
  return db
    .selectFrom('admin_unit')
    .select(unitColumns)
    .where('parent_code', '=', parentCode)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .orderBy('code')
    .execute();
}

/**
 * The communes merged into a commune version that began on `validFrom` (a succession takes
 * effect on the day the new version starts), with the old district's name where it is known.
 */
export function listPredecessors(db: Kysely<Database>, newCode: string, validFrom: string) {
  return db
    .selectFrom('unit_succession')
    .leftJoin('admin_unit as district', (join) =>
      join
        .onRef('district.code', '=', 'unit_succession.old_district_code')
        .onRef('district.province_code', '=', 'unit_succession.old_province_code')
        .on('district.level', '=', 'district'),
    )
    .select([
      'unit_succession.old_code',
      'unit_succession.old_name',
      'unit_succession.old_district_code',
      'unit_succession.old_province_code',
      'district.name as old_district_name',
    ])
    .where('unit_succession.new_code', '=', newCode)
    .where('unit_succession.effective_date', '=', validFrom)
    .orderBy('unit_succession.old_province_code', 'desc')
    .orderBy('unit_succession.old_code')
    .execute();
}

/** Where a commune version that ended on `validTo` went (several rows when it was split). */
export function listSuccessors(
  db: Kysely<Database>,
  oldCode: string,
  oldProvinceCode: string,
  validTo: string,
) {
  return db
    .selectFrom('unit_succession')
    .select(['new_code', 'new_name', 'effective_date'])
    .where('old_code', '=', oldCode)
    .where('old_province_code', '=', oldProvinceCode)
    .where('effective_date', '=', sql<string>`${validTo}::date + 1`)
    .orderBy('new_code')
    .execute();
}
