/** Every SQL statement of the demo module: communes to fill, the empty-registry check, bulk inserts. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RegistryColumns } from '../households/household-classification.js';
import type { DemoCommune, DemoHousehold } from './demo-generator.js';

/** The value of the setting 'demo': what was seeded, so the app can say the data are synthetic. */
export interface DemoSetting {
  seed: number;
  households: number;
  members: number;
  /** The survey date of the demo data (not the clock, so a seed is reproducible). */
  generatedAt: string;
  label: string;
}

/**
 * The communes (xã, phường, thị trấn) valid on `date` whose province is one of
 * `provinceCodes`, with their district, ordered by code.
 */
export async function listCommunesValidOn(
  db: Kysely<Database>,
  date: string,
  provinceCodes: readonly string[],
): Promise<DemoCommune[]> {
  if (provinceCodes.length === 0) return [];
  const rows = await db
    .selectFrom('admin_unit as c')
    .leftJoin('admin_unit as d', (join) =>
      join
        .onRef('d.code', '=', 'c.parent_code')
        .on('d.valid_from', '<=', date)
        .on((eb) => eb.or([eb('d.valid_to', 'is', null), eb('d.valid_to', '>=', date)])),
    )
    .select(['c.code', 'c.name', 'c.parent_code', 'c.area', 'd.name as district_name'])
    .where('c.level', '=', 'commune')
    .where('c.province_code', 'in', provinceCodes)
    .where('c.valid_from', '<=', date)
    .where((eb) => eb.or([eb('c.valid_to', 'is', null), eb('c.valid_to', '>=', date)]))
    .orderBy('c.code')
    .execute();
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    districtCode: row.parent_code ?? '',
    // SPEC §4: xã is rural; a commune without an area type is read the same way.
    area: row.area ?? 'rural',
    districtName: row.district_name ?? undefined,
  }));
}

/** Whether the registry holds any household, synthetic or not. */
export async function hasHouseholds(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('household').select('code').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Keeps concurrent writers out of the registry until the transaction ends. */
export async function lockHouseholds(db: Kysely<Database>): Promise<void> {
  await sql`lock table household in exclusive mode`.execute(db);
}

/** The codes of `codes` that are not in `ethnic_group`. */
export async function listMissingEthnicCodes(db: Kysely<Database>, codes: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom('ethnic_group').select('code').where('code', 'in', codes).execute();
  const present = new Set(rows.map((row) => row.code));
  return codes.filter((code) => !present.has(code));
}

/** One multi-row INSERT … SELECT FROM unnest(…): one array parameter per column. */
export async function insertHouseholds(
  db: Kysely<Database>,
  rows: readonly (DemoHousehold & RegistryColumns)[],
): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof (DemoHousehold & RegistryColumns)>(key: K) => rows.map((row) => row[key]);
  await sql`
    insert into household (
      province_code, code, commune_code, village, address, head_name, area, head_ethnic_code,
      farm_household, survey_date, income_per_capita, score_a, floor_area_m2,
      durable_walls, durable_frame, durable_roof, water_source, latrine, internet_use,
      information_devices, waste_collected, is_synthetic, status, standard_id, deprivations
    )
    select province_code, code, commune_code, village, address, head_name, area, head_ethnic_code,
      farm_household, survey_date, income_per_capita, score_a, floor_area_m2,
      durable_walls, durable_frame, durable_roof, water_source, latrine, internet_use,
      information_devices, waste_collected, is_synthetic, status, standard_id,
      string_to_array(deprivations, ',')
    from unnest(
      ${column('province_code')}::text[], ${column('code')}::text[], ${column('commune_code')}::text[],
      ${column('village')}::text[], ${column('address')}::text[], ${column('head_name')}::text[],
      ${column('area')}::text[], ${column('head_ethnic_code')}::text[], ${column('farm_household')}::boolean[],
      ${column('survey_date')}::date[], ${column('income_per_capita')}::bigint[], ${column('score_a')}::integer[],
      ${column('floor_area_m2')}::numeric[], ${column('durable_walls')}::boolean[],
      ${column('durable_frame')}::boolean[], ${column('durable_roof')}::boolean[],
      ${column('water_source')}::text[], ${column('latrine')}::text[], ${column('internet_use')}::boolean[],
      ${column('information_devices')}::boolean[], ${column('waste_collected')}::boolean[],
      ${column('is_synthetic')}::boolean[], ${column('status')}::text[],
      ${column('standard_id')}::text[], ${rows.map((row) => row.deprivations.join(','))}::text[]
    ) as row (
      province_code, code, commune_code, village, address, head_name, area, head_ethnic_code,
      farm_household, survey_date, income_per_capita, score_a, floor_area_m2,
      durable_walls, durable_frame, durable_roof, water_source, latrine, internet_use,
      information_devices, waste_collected, is_synthetic, status, standard_id, deprivations
    )
  `.execute(db);
}

/** Writes (or replaces) the setting 'demo'. */
export async function writeDemoSetting(db: Kysely<Database>, value: DemoSetting): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('setting')
    .values({ key: 'demo', value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}
