/**
 * Every SQL statement of household imports: the reference data a file is checked against, the
 * registry look-ups for duplicates, and the bulk writes (multi-row INSERT … SELECT FROM unnest of
 * one array per column, so a batch of thousands of rows is one statement on either engine).
 */
import { type Kysely, sql } from 'kysely';
import type { AreaType, Database, HouseholdStatusCode } from '../../db/schema.js';

/** One validity interval of a commune. */
export interface CommuneInterval {
  code: string;
  name: string;
  valid_from: string;
  valid_to: string | null;
  area: AreaType | null;
}

/** Every interval of every commune of the province (old and new codes). */
export function listCommuneIntervals(db: Kysely<Database>, provinceCodes: readonly string[]): Promise<CommuneInterval[]> {
  return db
    .selectFrom('admin_unit')
    .select(['code', 'name', 'valid_from', 'valid_to', 'area'])
    .where('level', '=', 'commune')
    .where('province_code', 'in', [...provinceCodes])
    .orderBy('code')
    .orderBy('valid_from')
    .execute();
}

export function listEthnicGroups(db: Kysely<Database>) {
  return db.selectFrom('ethnic_group').select(['code', 'name', 'aliases']).orderBy('code').execute();
}

/** Keeps other writers out of the registry until the transaction ends; readers go on. */
export async function lockRegistry(db: Kysely<Database>): Promise<void> {
  await sql`lock table household in exclusive mode`.execute(db);
}

export async function provinceHasHouseholds(db: Kysely<Database>, provinceCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('household')
    .select('code')
    .where('province_code', '=', provinceCode)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function provinceHasCitizenIds(db: Kysely<Database>, provinceCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('member')
    .select('seq')
    .where('province_code', '=', provinceCode)
    .where('citizen_id', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The households among `codes` already in the registry, with their commune. */
export async function findExistingHouseholds(db: Kysely<Database>, provinceCode: string, codes: readonly string[]) {
  if (codes.length === 0) return [];
  const result = await sql<{ code: string; commune_code: string }>`
    select code, commune_code from household
     where province_code = ${provinceCode} and code = any(${pgArray(codes)}::text[])
  `.execute(db);
  return result.rows;
}

/** Members already holding one of `ids`, with their household. */
export async function findCitizenIds(db: Kysely<Database>, provinceCode: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const result = await sql<{ citizen_id: string; household_code: string }>`
    select citizen_id, household_code from member
     where province_code = ${provinceCode} and citizen_id = any(${pgArray(ids)}::text[])
  `.execute(db);
  return result.rows;
}

/** A `household` row as an import writes it: the facts and the registry's derived columns. */
export interface HouseholdWrite {
  province_code: string;
  code: string;
  commune_code: string;
  village: string;
  address: string;
  head_name: string;
  area: AreaType;
  head_ethnic_code: string | null;
  farm_household: boolean;
  survey_date: string;
  income_per_capita: number | null;
  score_a: number | null;
  floor_area_m2: number;
  durable_walls: boolean;
  durable_frame: boolean;
  durable_roof: boolean;
  water_source: string;
  latrine: string;
  internet_use: boolean;
  information_devices: boolean;
  waste_collected: boolean;
  status: HouseholdStatusCode | null;
  standard_id: string | null;
  deprivations: readonly string[];
}

export interface MemberWrite {
  province_code: string;
  household_code: string;
  seq: number;
  full_name: string;
  sex: 'male' | 'female';
  birth_date: string;
  ethnic_code: string | null;
  citizen_id: string | null;
  relation: string;
  employment: string;
  health_insurance: boolean;
  attending_school: boolean;
  education_level: string;
  social_allowance: boolean;
  stunted: boolean;
  underweight: boolean;
  /** `full_name` folded for the registry's name search (domain foldForSearch). */
  search_name: string;
}

type ArrayElement = string | number | boolean | null;

/**
 * A PostgreSQL array literal of `values`, sent as one text parameter and cast in SQL
 * (`::text[]`, `::date[]`, …), so the driver does not escape millions of elements one by one.
 * JSON and PostgreSQL array literals quote strings alike and unquoted `null`, `true`, `false`
 * and numbers read the same, so `JSON.stringify` (native) builds it; a value JSON would escape
 * (a quote, a backslash, a control character) takes the explicit way.
 * @example pgArray(['a', null, 'b"c']) // '{"a",NULL,"b\\"c"}'
 */
export function pgArray(values: readonly ArrayElement[]): string {
  const json = JSON.stringify(values);
  if (!json.includes('\\')) return `{${json.slice(1, -1)}}`;
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) parts[i] = 'NULL';
    else if (typeof value === 'string') parts[i] = `"${value.replace(/[\\"]/g, '\\$&')}"`;
    else parts[i] = String(value);
  }
  return `{${parts.join(',')}}`;
}

const HOUSEHOLD_COLUMNS = sql.raw(`province_code, code, commune_code, village, address, head_name, area,
  head_ethnic_code, farm_household, survey_date, income_per_capita, score_a, floor_area_m2,
  durable_walls, durable_frame, durable_roof, water_source, latrine, internet_use,
  information_devices, waste_collected, status, standard_id, deprivations`);

function householdArrays(rows: readonly HouseholdWrite[]) {
  const column = <K extends keyof HouseholdWrite>(key: K) => pgArray(rows.map((row) => row[key] as ArrayElement));
  return sql`unnest(
      ${column('province_code')}::text[], ${column('code')}::text[], ${column('commune_code')}::text[],
      ${column('village')}::text[], ${column('address')}::text[], ${column('head_name')}::text[],
      ${column('area')}::text[], ${column('head_ethnic_code')}::text[], ${column('farm_household')}::boolean[],
      ${column('survey_date')}::date[], ${column('income_per_capita')}::bigint[], ${column('score_a')}::integer[],
      ${column('floor_area_m2')}::numeric[], ${column('durable_walls')}::boolean[],
      ${column('durable_frame')}::boolean[], ${column('durable_roof')}::boolean[],
      ${column('water_source')}::text[], ${column('latrine')}::text[], ${column('internet_use')}::boolean[],
      ${column('information_devices')}::boolean[], ${column('waste_collected')}::boolean[],
      ${column('status')}::text[], ${column('standard_id')}::text[],
      ${pgArray(rows.map((row) => row.deprivations.join(',')))}::text[]
    ) as row (${HOUSEHOLD_COLUMNS})`;
}

/** New households, one statement. */
export async function insertHouseholds(db: Kysely<Database>, rows: readonly HouseholdWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into household (${HOUSEHOLD_COLUMNS})
    select province_code, code, commune_code, village, address, head_name, area, head_ethnic_code,
           farm_household, survey_date, income_per_capita, score_a, floor_area_m2,
           durable_walls, durable_frame, durable_roof, water_source, latrine, internet_use,
           information_devices, waste_collected, status, standard_id,
           string_to_array(deprivations, ',')
      from ${householdArrays(rows)}
  `.execute(db);
}

/** Replaces the facts of existing households (update mode), bumping their version. */
export async function replaceHouseholds(db: Kysely<Database>, rows: readonly HouseholdWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update household h set
      commune_code = row.commune_code, village = row.village, address = row.address,
      head_name = row.head_name, area = row.area, head_ethnic_code = row.head_ethnic_code,
      farm_household = row.farm_household, survey_date = row.survey_date,
      income_per_capita = row.income_per_capita, score_a = row.score_a,
      floor_area_m2 = row.floor_area_m2, durable_walls = row.durable_walls,
      durable_frame = row.durable_frame, durable_roof = row.durable_roof,
      water_source = row.water_source, latrine = row.latrine, internet_use = row.internet_use,
      information_devices = row.information_devices, waste_collected = row.waste_collected,
      status = row.status, standard_id = row.standard_id,
      deprivations = string_to_array(row.deprivations, ','),
      version = h.version + 1, updated_at = now()
      from ${householdArrays(rows)}
     where h.province_code = row.province_code and h.code = row.code
  `.execute(db);
}

/** Members, one statement. */
export async function insertMembers(db: Kysely<Database>, rows: readonly MemberWrite[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof MemberWrite>(key: K) => pgArray(rows.map((row) => row[key]));
  await sql`
    insert into member (
      province_code, household_code, seq, full_name, sex, birth_date, ethnic_code, citizen_id,
      relation, employment, health_insurance, attending_school, education_level,
      social_allowance, stunted, underweight, search_name
    )
    select * from unnest(
      ${column('province_code')}::text[], ${column('household_code')}::text[], ${column('seq')}::integer[],
      ${column('full_name')}::text[], ${column('sex')}::text[], ${column('birth_date')}::date[],
      ${column('ethnic_code')}::text[], ${column('citizen_id')}::text[], ${column('relation')}::text[],
      ${column('employment')}::text[], ${column('health_insurance')}::boolean[],
      ${column('attending_school')}::boolean[], ${column('education_level')}::text[],
      ${column('social_allowance')}::boolean[], ${column('stunted')}::boolean[], ${column('underweight')}::boolean[],
      ${column('search_name')}::text[]
    )
  `.execute(db);
}

export async function deleteMembersOf(db: Kysely<Database>, provinceCode: string, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  await sql`
    delete from member where province_code = ${provinceCode} and household_code = any(${pgArray(codes)}::text[])
  `.execute(db);
}

/** The members written so far for some households (to re-derive a household whose members were not contiguous). */
export async function listMembersOf(db: Kysely<Database>, provinceCode: string, codes: readonly string[]) {
  if (codes.length === 0) return [];
  const result = await sql<MemberWrite>`
    select province_code, household_code, seq, full_name, sex, to_char(birth_date, 'YYYY-MM-DD') as birth_date,
           ethnic_code, citizen_id, relation, employment, health_insurance, attending_school,
           education_level, social_allowance, stunted, underweight, search_name
      from member
     where province_code = ${provinceCode} and household_code = any(${pgArray(codes)}::text[])
     order by household_code, seq
  `.execute(db);
  return result.rows;
}

/** The facts of households written so far, as a draft of their row (to re-derive them). */
export async function listHouseholdFacts(db: Kysely<Database>, provinceCode: string, codes: readonly string[]) {
  if (codes.length === 0) return [];
  const result = await sql<Omit<HouseholdWrite, 'province_code' | 'head_ethnic_code' | 'status' | 'standard_id' | 'deprivations'>>`
    select code, commune_code, village, address, head_name, area, farm_household,
           to_char(survey_date, 'YYYY-MM-DD') as survey_date, income_per_capita, score_a, floor_area_m2,
           durable_walls, durable_frame, durable_roof, water_source, latrine, internet_use,
           information_devices, waste_collected
      from household
     where province_code = ${provinceCode} and code = any(${pgArray(codes)}::text[])
  `.execute(db);
  return result.rows;
}

/** The derived columns of households, rewritten after more of their members arrived. */
export async function updateDerivedColumns(
  db: Kysely<Database>,
  provinceCode: string,
  rows: readonly Pick<HouseholdWrite, 'code' | 'head_ethnic_code' | 'status' | 'standard_id' | 'deprivations'>[],
): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof (typeof rows)[number]>(key: K) => pgArray(rows.map((row) => row[key] as ArrayElement));
  await sql`
    update household h set
      head_ethnic_code = row.head_ethnic_code, status = row.status,
      standard_id = row.standard_id, deprivations = string_to_array(row.deprivations, ',')
      from unnest(
        ${column('code')}::text[], ${column('head_ethnic_code')}::text[],
        ${column('status')}::text[], ${column('standard_id')}::text[],
        ${pgArray(rows.map((row) => row.deprivations.join(',')))}::text[]
      ) as row (code, head_ethnic_code, status, standard_id, deprivations)
     where h.province_code = ${provinceCode} and h.code = row.code
  `.execute(db);
}

/**
 * A household and its members as one JSON object, for the audit log: citizen IDs and birth
 * dates masked as `maskPersonalData` (src/modules/audit/audit-mask.ts) masks them.
 */
const householdJson = (alias: string) => sql`(
  to_jsonb(${sql.ref(alias)}) || jsonb_build_object('members', coalesce((
    select jsonb_agg(
             to_jsonb(m) - 'province_code' - 'household_code'
               || jsonb_build_object('citizen_id', '********' || right(m.citizen_id, 4),
                                     'birth_date', left(m.birth_date::text, 4) || '-**-**')
             order by m.seq)
      from member m
     where m.province_code = ${sql.ref(`${alias}.province_code`)} and m.household_code = ${sql.ref(`${alias}.code`)}
  ), '[]'::jsonb))
)`;

/**
 * Opens one audit row per household an update replaces, holding the household and its members
 * as they were. Returns the rows' ids; {@link closeReplaceAudit} adds the state after.
 */
export async function openReplaceAudit(
  db: Kysely<Database>,
  entry: { userId: number | null; ip: string | null; provinceCode: string; codes: readonly string[] },
): Promise<string[]> {
  if (entry.codes.length === 0) return [];
  const result = await sql<{ id: string }>`
    insert into audit_log (user_id, action, entity, entity_id, before, ip)
    select ${entry.userId}, 'import_update', 'household', h.code, ${householdJson('h')}, ${entry.ip}
      from household h
     where h.province_code = ${entry.provinceCode} and h.code = any(${pgArray(entry.codes)}::text[])
    returning id
  `.execute(db);
  return result.rows.map((row) => String(row.id));
}

/** Writes the state after into the audit rows {@link openReplaceAudit} opened. */
export async function closeReplaceAudit(db: Kysely<Database>, provinceCode: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    update audit_log a set after = ${householdJson('h')}
      from household h
     where a.id = any(${pgArray(ids)}::bigint[])
       and h.province_code = ${provinceCode} and h.code = a.entity_id
  `.execute(db);
}
