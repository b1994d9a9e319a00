/**
 * Every SQL statement of the household registry. Each query that reads households takes the
 * actor's scope and passes it through `communeScope`; writes are made by services that have
 * already found the household inside that scope.
 */
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type {
  Database,
  HouseholdStatusCode,
  HouseholdUpdate,
  NewHousehold,
  NewMember,
} from '../../db/schema.js';
import type { PovertyStandard } from '../../domain/poverty/index.js';
import type { Scope } from '../access/actor.js';
import { communeScope } from '../access/scope.js';

/** What the list can be narrowed to; every field is optional except the state. */
export interface HouseholdFilter {
  /** Communes of the unit filter (old and new codes); undefined = no unit filter. */
  communeCodes?: readonly string[];
  village?: string;
  status?: HouseholdStatusCode | 'unclassified';
  ethnicMinority?: boolean;
  deprivation?: string;
  /** The beginning of a household code, as typed. */
  codePrefix?: string;
  /** A whole citizen ID of one of the members. */
  citizenId?: string;
  state: 'active' | 'dissolved' | 'all';
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE conditions on household rows called `alias`, for a scope and a filter. Without
 * `communes`, the scope's and the filter's commune lists are left to the caller, which then
 * reads commune by commune from a list inside both (see listHouseholdPage).
 */
function householdConditions(scope: Scope, filter: HouseholdFilter, alias = 'h', communes = true): Expression<SqlBool>[] {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const conditions: Expression<SqlBool>[] = [sql<SqlBool>`${column('province_code')} = ${scope.provinceCode}`];
  if (communes) conditions.push(communeScope(scope, `${alias}.commune_code`));
  if (communes && filter.communeCodes) {
    conditions.push(sql<SqlBool>`${column('commune_code')} = any(${sql.val([...filter.communeCodes])}::text[])`);
  }
  if (filter.village !== undefined) conditions.push(sql<SqlBool>`${column('village')} = ${filter.village}`);
  if (filter.status === 'unclassified') conditions.push(sql<SqlBool>`${column('status')} is null`);
  else if (filter.status) conditions.push(sql<SqlBool>`${column('status')} = ${filter.status}`);
  if (filter.ethnicMinority !== undefined) {
    conditions.push(
      sql<SqlBool>`${column('head_ethnic_code')} in (select code from ethnic_group where is_minority = ${filter.ethnicMinority})`,
    );
  }
  if (filter.deprivation) {
    conditions.push(sql<SqlBool>`${column('deprivations')} @> ${sql.val([filter.deprivation])}::text[]`);
  }
  if (filter.codePrefix !== undefined) {
    // `>=` lets the primary key start at the prefix in any collation; LIKE keeps only the prefix.
    conditions.push(
      sql<SqlBool>`${column('code')} >= ${filter.codePrefix} and ${column('code')} like ${`${escapeLike(filter.codePrefix)}%`}`,
    );
  }
  if (filter.citizenId !== undefined) {
    conditions.push(
      sql<SqlBool>`${column('code')} in (select household_code from member
                               where province_code = ${scope.provinceCode} and citizen_id = ${filter.citizenId})`,
    );
  }
  if (filter.state === 'active') conditions.push(sql<SqlBool>`${column('dissolved_at')} is null`);
  else if (filter.state === 'dissolved') conditions.push(sql<SqlBool>`${column('dissolved_at')} is not null`);
  return conditions;
}

const allOf = (conditions: Expression<SqlBool>[]) => sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;

/** The latest name of a unit code (a commune keeps its code across renames). */
const unitName = (column: string) =>
  sql<string | null>`(select u.name from admin_unit u where u.code = ${sql.ref(column)} order by u.valid_from desc limit 1)`;

/** Where a name search resumes: the last row shown. */
export interface NameCursor {
  name: string;
  code: string;
  seq: number;
}

/** What a page of the list shows per household, with what the export adds. */
function listColumns(db: Kysely<Database>, conditions: Expression<SqlBool>[]) {
  return db
    .selectFrom('household as h')
    .leftJoin('ethnic_group as eg', 'eg.code', 'h.head_ethnic_code')
    .where(allOf(conditions))
    .select([
      'h.code',
      'h.commune_code',
      'h.village',
      'h.address',
      'h.head_name',
      'h.area',
      'h.farm_household',
      'h.survey_date',
      'h.income_per_capita',
      'h.score_a',
      'h.status',
      'h.standard_id',
      'h.deprivations',
      'h.dissolved_at',
      'h.is_synthetic',
      'eg.name as ethnic_name',
      'eg.is_minority',
    ])
    .select((eb) => [
      unitName('h.commune_code').as('commune_name'),
      eb
        .selectFrom('member as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.province_code', '=', 'h.province_code')
        .whereRef('m.household_code', '=', 'h.code')
        .as('member_count'),
    ]);
}

/**
 * One page of the list in code order: `limit + 1` rows, so the caller knows whether more follow.
 * Keyset paging (`after` = the last code shown) costs the same on page 1 and on page 8,000.
 *
 * With `communes` (a commune officer's or a district's communes, already inside the scope and
 * the unit filter), each commune's first rows are read from household_commune_code and merged:
 * walking the province's primary key in code order would pass every household of the communes
 * before them.
 */
export function listHouseholdPage(
  db: Kysely<Database>,
  scope: Scope,
  filter: HouseholdFilter,
  page: { after?: string | undefined; limit: number; communes?: readonly string[] | undefined },
) {
  const size = page.limit + 1;
  if (page.communes) {
    // The commune lists stay out of the per-commune reads (a list would cost them the index's
    // order); the scope is applied to the page they return.
    const inner = householdConditions(scope, filter, 'p', false);
    if (page.after !== undefined) inner.push(sql<SqlBool>`p.code > ${page.after}`);
    const codes = sql<SqlBool>`h.code in (
      select first.code from unnest(${sql.val([...page.communes])}::text[]) as c(code)
      cross join lateral (
        select p.code from household p
         where p.commune_code = c.code and ${allOf(inner)}
         order by p.code limit ${size}
      ) first
      order by first.code limit ${size})`;
    return listColumns(db, [sql<SqlBool>`h.province_code = ${scope.provinceCode}`, communeScope(scope, 'h.commune_code'), codes])
      .orderBy('h.code')
      .limit(size)
      .execute();
  }
  const conditions = householdConditions(scope, filter);
  if (page.after !== undefined) conditions.push(sql<SqlBool>`h.code > ${page.after}`);
  return listColumns(db, conditions).orderBy('h.code').limit(size).execute();
}

/** How a name search reads: see {@link searchHouseholdPage}. */
export type NamePlan = 'names_first' | 'households_first' | 'name_index';

/**
 * How many members' names start with `name`, counting no further than `cap` (an index-only
 * scan of member_search_name), so the service can choose the plan of a search.
 */
export async function countNameMatches(db: Kysely<Database>, provinceCode: string, name: string, cap: number): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*) as n from (
      select 1 from member
       where province_code = ${provinceCode} and search_name like ${`${escapeLike(name)}%`}
       limit ${cap}) t`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/**
 * One page of a name search: the members whose folded name starts with `name`, in name order,
 * each with their household (so a household shows once per member found). Three plans, chosen
 * by the caller from the area and, in a district, the number of matches:
 * - `name_index`: the whole province, or many matches in a district — the name index yields
 *   the page in order;
 * - `names_first`: a thousand matches at most in a district — read them all, keep those whose
 *   household is there and passes the filter;
 * - `households_first`: one to three communes — read their households first, then their
 *   members (the name index would pass thousands of members of other communes for each one
 *   kept).
 */
export function searchHouseholdPage(
  db: Kysely<Database>,
  scope: Scope,
  filter: HouseholdFilter,
  name: string,
  page: { after?: NameCursor | undefined; limit: number; plan: NamePlan },
) {
  const conditions = householdConditions(scope, filter);
  const nameConditions: Expression<SqlBool>[] = [
    sql<SqlBool>`m.province_code = ${scope.provinceCode}`,
    sql<SqlBool>`m.search_name like ${`${escapeLike(name)}%`}`,
  ];
  if (page.after) {
    nameConditions.push(
      sql<SqlBool>`(m.search_name, m.household_code, m.seq) > (${page.after.name}, ${page.after.code}, ${page.after.seq})`,
    );
  }
  const columns = ['m.search_name', 'm.household_code', 'm.seq', 'm.full_name', 'm.relation'] as const;
  const order = <Q extends { orderBy(column: 'm.search_name' | 'm.household_code' | 'm.seq'): Q }>(query: Q) =>
    query.orderBy('m.search_name').orderBy('m.household_code').orderBy('m.seq');
  if (page.plan === 'households_first') {
    return order(
      db
        // Materialised: without it the planner may walk the name index first after all.
        .with(
          (cte) => cte('scoped').materialized(),
          (qb) => qb.selectFrom('household as h').select(['h.province_code', 'h.code']).where(allOf(conditions)),
        )
        .selectFrom('scoped as s')
        .innerJoin('member as m', (join) =>
          join.onRef('m.province_code', '=', 's.province_code').onRef('m.household_code', '=', 's.code'),
        )
        .select(columns)
        .where(allOf(nameConditions)),
    )
      .limit(page.limit + 1)
      .execute();
  }
  if (page.plan === 'names_first') {
    return order(
      db
        .with(
          (cte) => cte('found').materialized(),
          (qb) => qb.selectFrom('member as m').select(['m.province_code', ...columns]).where(allOf(nameConditions)),
        )
        .selectFrom('found as m')
        .innerJoin('household as h', (join) =>
          join.onRef('h.province_code', '=', 'm.province_code').onRef('h.code', '=', 'm.household_code'),
        )
        .select(columns)
        .where(allOf(conditions)),
    )
      .limit(page.limit + 1)
      .execute();
  }
  return order(
    db
      .selectFrom('member as m')
      .innerJoin('household as h', (join) =>
        join.onRef('h.province_code', '=', 'm.province_code').onRef('h.code', '=', 'm.household_code'),
      )
      .select(columns)
      .where(allOf([...nameConditions, ...conditions])),
  )
    .limit(page.limit + 1)
    .execute();
}

/** The list rows of some households of the scope, by code (the second half of a name search page). */
export function listHouseholdsByCode(db: Kysely<Database>, scope: Scope, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return listColumns(db, [
    ...householdConditions(scope, { state: 'all' }),
    sql<SqlBool>`h.code = any(${sql.val([...codes])}::text[])`,
  ]).execute();
}

/** The exact number of households (or, with a name, of members found) that match. */
export async function countHouseholds(
  db: Kysely<Database>,
  scope: Scope,
  filter: HouseholdFilter,
  name?: string,
): Promise<number> {
  const conditions = householdConditions(scope, filter);
  const query = name
    ? db
        .selectFrom('member as m')
        .innerJoin('household as h', (join) =>
          join.onRef('h.province_code', '=', 'm.province_code').onRef('h.code', '=', 'm.household_code'),
        )
        .where(
          allOf([
            ...conditions,
            sql<SqlBool>`m.province_code = ${scope.provinceCode}`,
            sql<SqlBool>`m.search_name like ${`${escapeLike(name)}%`}`,
          ]),
        )
    : db.selectFrom('household as h').where(allOf(conditions));
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** One household inside the scope, or undefined (also when it exists outside the scope). */
export function findHousehold(db: Kysely<Database>, scope: Scope, code: string, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom('household as h')
    .selectAll('h')
    .where('h.province_code', '=', scope.provinceCode)
    .where('h.code', '=', code)
    .where(communeScope(scope, 'h.commune_code'));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function listMembers(db: Kysely<Database>, provinceCode: string, householdCode: string) {
  return db
    .selectFrom('member as m')
    .leftJoin('ethnic_group as eg', 'eg.code', 'm.ethnic_code')
    .selectAll('m')
    .select('eg.name as ethnic_name')
    .where('m.province_code', '=', provinceCode)
    .where('m.household_code', '=', householdCode)
    .orderBy('m.seq')
    .execute();
}

export function listHistory(db: Kysely<Database>, provinceCode: string, householdCode: string) {
  return db
    .selectFrom('household_history as hh')
    .select(['hh.valid_from', 'hh.valid_to', 'hh.commune_code', 'hh.village'])
    .select(unitName('hh.commune_code').as('commune_name'))
    .where('hh.province_code', '=', provinceCode)
    .where('hh.household_code', '=', householdCode)
    .orderBy('hh.valid_from', 'desc')
    .execute();
}

/** The period the household is in now (or was in last, when dissolved). */
export function findLatestPeriod(db: Kysely<Database>, provinceCode: string, householdCode: string) {
  return db
    .selectFrom('household_history')
    .select(['valid_from', 'valid_to', 'commune_code', 'village'])
    .where('province_code', '=', provinceCode)
    .where('household_code', '=', householdCode)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The latest name of a unit code. */
export async function findUnitName(db: Kysely<Database>, code: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('admin_unit')
    .select('name')
    .where('code', '=', code)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.name;
}

export function listEthnicGroups(db: Kysely<Database>) {
  return db.selectFrom('ethnic_group').select(['code', 'name', 'is_minority']).orderBy('code').execute();
}

export function findEthnicGroup(db: Kysely<Database>, code: string) {
  return db.selectFrom('ethnic_group').select(['code', 'name', 'is_minority']).where('code', '=', code).executeTakeFirst();
}

/** The codes among `codes` that name an ethnic group. */
export async function existingEthnicCodes(db: Kysely<Database>, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('ethnic_group').select('code').where('code', 'in', [...codes]).execute();
  return new Set(rows.map((row) => row.code));
}

/** A commune (xã, phường, thị trấn) as it was on `date`, or undefined when it was not valid then. */
export function findCommuneOn(db: Kysely<Database>, code: string, date: string) {
  return db
    .selectFrom('admin_unit')
    .select(['code', 'name', 'area', 'parent_code'])
    .where('code', '=', code)
    .where('level', '=', 'commune')
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .executeTakeFirst();
}

/**
 * The communes a unit code covers at any time — a province: null (everything); a district: the
 * communes it ever had; a commune: itself and, for a commune of the 2025 units, the old communes
 * merged into it. Undefined when no unit has the code.
 */
export async function communesOfUnit(
  db: Kysely<Database>,
  unitCode: string,
): Promise<{ level: 'province' | 'district' | 'commune'; communeCodes: string[] | null } | undefined> {
  const unit = await db
    .selectFrom('admin_unit')
    .select('level')
    .where('code', '=', unitCode)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!unit) return undefined;
  if (unit.level === 'province') return { level: 'province', communeCodes: null };
  const result = await sql<{ code: string }>`
    select code from admin_unit where level = 'commune' and (code = ${unitCode} or parent_code = ${unitCode})
    union
    select old_code from unit_succession where new_code = ${unitCode}
  `.execute(db);
  return { level: unit.level, communeCodes: result.rows.map((row) => row.code).sort() };
}

/**
 * The communes and districts that hold households in the scope (for the list's unit filter), with
 * their latest names. A loose index scan over household_commune_code: one probe per commune.
 */
export async function listUnitsWithHouseholds(db: Kysely<Database>, scope: Scope) {
  const result = await sql<{ code: string; name: string | null; parent_code: string | null; parent_name: string | null }>`
    with recursive communes(code) as (
      (select commune_code from household
        where province_code = ${scope.provinceCode} order by commune_code limit 1)
      union all
      select (select h.commune_code from household h
               where h.province_code = ${scope.provinceCode} and h.commune_code > c.code
               order by h.commune_code limit 1)
        from communes c where c.code is not null
    )
    select c.code, u.name, u.parent_code, p.name as parent_name
      from communes c
      left join lateral (select name, parent_code from admin_unit
                          where code = c.code and level = 'commune' order by valid_from desc limit 1) u on true
      left join lateral (select name from admin_unit
                          where code = u.parent_code order by valid_from desc limit 1) p on true
     where c.code is not null and ${communeScope(scope, 'c.code')}
     order by c.code
  `.execute(db);
  return result.rows;
}

/** Villages (thôn, làng, buôn, tổ dân phố) of a commune in the scope, by name. */
export async function listVillages(db: Kysely<Database>, scope: Scope, communeCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom('household as h')
    .select('h.village')
    .distinct()
    .where('h.province_code', '=', scope.provinceCode)
    .where('h.commune_code', '=', communeCode)
    .where(communeScope(scope, 'h.commune_code'))
    .orderBy('h.village')
    .execute();
  return rows.map((row) => row.village);
}

/** Citizen IDs among `ids` already held by members of other households (or of any, without `except`). */
export async function citizenIdsInUse(
  db: Kysely<Database>,
  provinceCode: string,
  ids: readonly string[],
  exceptHousehold?: string,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  let query = db
    .selectFrom('member')
    .select('citizen_id')
    .where('province_code', '=', provinceCode)
    .where('citizen_id', 'in', [...ids]);
  if (exceptHousehold !== undefined) query = query.where('household_code', '<>', exceptHousehold);
  const rows = await query.execute();
  return new Set(rows.map((row) => row.citizen_id).filter((id): id is string => id !== null));
}

export async function householdCodeExists(db: Kysely<Database>, provinceCode: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('household')
    .select('code')
    .where('province_code', '=', provinceCode)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

/** The next free code `<commune>-NNNNN` of a commune (the demo's and the importer's pattern). */
export async function nextHouseholdCode(db: Kysely<Database>, provinceCode: string, communeCode: string): Promise<string> {
  const row = await db
    .selectFrom('household')
    .select((eb) => eb.fn.max('code').as('code'))
    .where('province_code', '=', provinceCode)
    .where('code', 'like', `${communeCode}-%`)
    .where(sql<SqlBool>`code ~ ${`^${communeCode}-[0-9]{5,}$`}`)
    .executeTakeFirst();
  const last = row?.code ? Number(row.code.slice(communeCode.length + 1)) : 0;
  return `${communeCode}-${String(last + 1).padStart(5, '0')}`;
}

/** Serialises writers that pick codes in one commune until the transaction ends. */
export async function lockCommuneCodes(db: Kysely<Database>, provinceCode: string, communeCode: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`household-code:${provinceCode}:${communeCode}`}))`.execute(db);
}

export async function insertHousehold(db: Kysely<Database>, row: NewHousehold): Promise<void> {
  await db.insertInto('household').values(row).execute();
}

export async function insertMembers(db: Kysely<Database>, rows: readonly NewMember[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('member').values([...rows]).execute();
}

export async function deleteMembers(db: Kysely<Database>, provinceCode: string, householdCode: string): Promise<void> {
  await db
    .deleteFrom('member')
    .where('province_code', '=', provinceCode)
    .where('household_code', '=', householdCode)
    .execute();
}

type HouseholdChanges = Omit<HouseholdUpdate, 'province_code' | 'code' | 'version' | 'created_at' | 'updated_at'>;

/**
 * Writes changes when the row still has `version`, and bumps it; returns the new version, or
 * undefined when someone else changed the row first (nothing is written then).
 */
export async function updateHouseholdIfVersion(
  db: Kysely<Database>,
  provinceCode: string,
  code: string,
  version: number,
  changes: HouseholdChanges,
): Promise<number | undefined> {
  const row = await db
    .updateTable('household')
    // updated_at is Generated<Timestamp> in the schema types, which no expression type satisfies.
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: sql<never>`now()` }))
    .where('province_code', '=', provinceCode)
    .where('code', '=', code)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

/** The standards as stored by the reference loader (the engine's own parsed objects). */
export async function listPovertyStandards(db: Kysely<Database>): Promise<PovertyStandard[]> {
  const rows = await db.selectFrom('poverty_standard').select('definition').orderBy('first_year').execute();
  // Each definition was written from a standard the engine's parser accepted (povertyStandardRow).
  return rows.map((row) => row.definition as PovertyStandard);
}
