/** Targets and result aggregates: every SQL statement of the targets module. */
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { TargetIndicator } from '../../domain/targets/index.js';
import { type ResultAggregateTable, type TargetTable, targetsDb } from './targets.tables.js';

type Db = Kysely<Database>;

const targetColumns = ['id', 'unit_code', 'year', 'indicator', 'kind', 'value', 'comparator', 'source', 'note', 'version'] as const;

export function listTargets(db: Db, provinceCode: string, filter: { year?: number | undefined; unitCodes?: readonly string[] | undefined } = {}) {
  let query = targetsDb(db).selectFrom('target').select(targetColumns).where('province_code', '=', provinceCode);
  if (filter.year !== undefined) query = query.where('year', '=', filter.year);
  if (filter.unitCodes) {
    if (filter.unitCodes.length === 0) return Promise.resolve([]);
    query = query.where('unit_code', 'in', [...filter.unitCodes]);
  }
  return query.orderBy('year').orderBy('unit_code').orderBy('indicator').execute();
}

export function findTarget(db: Db, provinceCode: string, id: number) {
  return targetsDb(db).selectFrom('target').select(targetColumns).where('province_code', '=', provinceCode).where('id', '=', id).executeTakeFirst();
}

export function findTargetByKey(db: Db, provinceCode: string, unitCode: string, year: number, indicator: TargetIndicator) {
  return targetsDb(db)
    .selectFrom('target')
    .select(targetColumns)
    .where('province_code', '=', provinceCode)
    .where('unit_code', '=', unitCode)
    .where('year', '=', year)
    .where('indicator', '=', indicator)
    .executeTakeFirst();
}

export function insertTarget(db: Db, row: Insertable<TargetTable>) {
  return targetsDb(db).insertInto('target').values(row).returning(targetColumns).executeTakeFirstOrThrow();
}

/** Updates when the version still matches; undefined when it is stale (or gone). */
export function updateTargetIfVersion(db: Db, provinceCode: string, id: number, version: number, change: { value: number; comparator: TargetTable['comparator']; kind: TargetTable['kind']; note: string | null }) {
  return targetsDb(db)
    .updateTable('target')
    .set({ ...change, source: 'manual', version: sql<number>`version + 1` })
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(targetColumns)
    .executeTakeFirst();
}

export async function deleteTargetIfVersion(db: Db, provinceCode: string, id: number, version: number): Promise<boolean> {
  const result = await targetsDb(db).deleteFrom('target').where('province_code', '=', provinceCode).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** A poverty standard as the aggregate SQL needs it: its indicators in order and its Alkire–Foster k. */
export interface AggregateStandard {
  id: string;
  k: number;
  indicators: readonly string[];
}

/**
 * Rebuilds `result_aggregate` and `result_poor_state` of a province from its recognised results,
 * in SQL: the end-of-year state of every household is formed and counted inside the database
 * (INSERT … SELECT … GROUP BY), first per commune and then per unit, so memory does not grow
 * with the province. Run it inside a transaction.
 *
 * A result counts from the year it was decided until the year before the household's next
 * result (or the province's last year of results), except in years the household was
 * dissolved after it. "Escaped" is poor at the end of the previous year and not poor now.
 * @returns the number of aggregate rows written.
 */
export async function rebuildAggregates(db: Db, provinceCode: string, standards: readonly AggregateStandard[]): Promise<number> {
  // Compiling this one statement with JIT costs PostgreSQL more than running it, and its joins
  // are all between whole intermediate results, where the planner's guesses (no statistics on
  // them) could pick nested loops: hash and merge joins are always the right choice here.
  await sql`set local jit = off`.execute(db);
  await sql`set local enable_nestloop = off`.execute(db);
  await sql`delete from result_aggregate where province_code = ${provinceCode}`.execute(db);
  await sql`delete from result_poor_state where province_code = ${provinceCode}`.execute(db);
  const result = await rebuildQuery(provinceCode, standards).execute(db);
  // The caller's transaction goes on with the usual planner settings.
  await sql`reset jit`.execute(db);
  await sql`reset enable_nestloop`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** The one statement of {@link rebuildAggregates} (exported so its plan can be looked at). */
export function rebuildQuery(provinceCode: string, standards: readonly AggregateStandard[]) {
  const standardJson = JSON.stringify(standards.map((s) => ({ id: s.id, k: s.k, indicators: s.indicators })));
  return sql<{ n: number }>`
    with std as (
      select s.id, s.k from jsonb_to_recordset(${standardJson}::jsonb) as s(id text, k integer)
    ),
    std_indicator as (
      select s.id as standard_id, x.code, x.i::integer as i
        from jsonb_to_recordset(${standardJson}::jsonb) as s(id text, indicators jsonb)
       cross join lateral jsonb_array_elements_text(s.indicators) with ordinality as x(code, i)
    ),
    results as (
      select r.household_code, r.decided_on, r.commune_code, r.standard_id, r.status, r.deprivations,
             r.deprivation_count, r.persons, coalesce(e.is_minority, false) as minority, h.dissolved_at,
             extract(year from r.decided_on)::integer as from_year,
             extract(year from lead(r.decided_on) over (partition by r.household_code order by r.decided_on, r.round_id))::integer - 1 as to_year
        from review_result r
        join household h on h.province_code = r.province_code and h.code = r.household_code
        left join ethnic_group e on e.code = r.head_ethnic_code
       where r.province_code = ${provinceCode}
    ),
    span as (select max(from_year) as last_year from results),
    state as (
      select r.*, y.year
        from results r
       cross join span
       cross join lateral generate_series(r.from_year, coalesce(r.to_year, span.last_year)) as y(year)
       where r.standard_id in (select id from std)
         and not (r.dissolved_at is not null and r.dissolved_at <= make_date(y.year, 12, 31) and r.dissolved_at >= r.decided_on)
    ),
    marked as (
      select s.household_code, s.decided_on, s.commune_code, s.standard_id, s.status, s.deprivations, s.deprivation_count,
             s.persons, s.minority, s.year,
             coalesce(lag(s.year) over w = s.year - 1 and lag(s.status) over w = 'poor' and s.status <> 'poor', false) as escaped
        from state s
      window w as (partition by s.household_code order by s.year)
    ),
    -- The province a commune code belonged to on the day of the decision (a code can name an
    -- old commune and, from 1 July 2025, a new one elsewhere).
    dated as materialized (
      select d.commune_code, d.decided_on,
             coalesce(
               (select u.province_code from admin_unit u
                 where u.code = d.commune_code and u.level = 'commune' and (u.valid_to is null or u.valid_to >= d.decided_on)
                 order by u.valid_from limit 1),
               (select u.province_code from admin_unit u where u.code = d.commune_code and u.level = 'commune' order by u.valid_from desc limit 1),
               '') as province_unit
        from (select distinct commune_code, decided_on from results) d
    ),
    commune_units as materialized (
      select c.code,
             (select u.parent_code from admin_unit u
               where u.code = c.code and u.level = 'commune' and length(u.parent_code) = 3
               order by u.valid_from desc limit 1) as district_code,
             n.successor,
             (select u.province_code from admin_unit u where u.code = n.successor and u.level = 'commune' order by u.valid_from desc limit 1) as successor_province
        from (select distinct commune_code as code from results) c
       cross join lateral (select min(s.new_code) as successor from unit_succession s where s.old_code = c.code) n
    ),
    placed as (
      select m.*, d.province_unit, c.district_code, coalesce(c.successor, m.commune_code) as new_commune_code, c.successor_province
        from marked m
        join dated d on d.commune_code = m.commune_code and d.decided_on = m.decided_on
        join commune_units c on c.code = m.commune_code
    ),
    poor_state as (
      insert into result_poor_state (province_code, household_code, year, standard_id, commune_code, district_code, province_unit, new_commune_code, successor_province)
      select ${provinceCode}, p.household_code, p.year, p.standard_id, p.commune_code, p.district_code, nullif(p.province_unit, ''),
             p.new_commune_code, case when p.successor_province is distinct from nullif(p.province_unit, '') then p.successor_province end
        from placed p
       where p.status = 'poor'
      returning household_code
    ),
    -- First per commune (and the province of the decision): a few thousand rows.
    grouped as materialized (
      select p.commune_code, p.province_unit, p.year, p.standard_id,
             count(*) as households, sum(p.persons) as persons,
             count(*) filter (where p.status = 'poor') as poor,
             count(*) filter (where p.status = 'near_poor') as near_poor,
             count(*) filter (where p.status = 'average') as average,
             count(*) filter (where p.status = 'not_poor') as not_poor,
             count(*) filter (where p.minority) as em_households,
             count(*) filter (where p.minority and p.status = 'poor') as em_poor,
             count(*) filter (where p.minority and p.status = 'near_poor') as em_near_poor,
             count(*) filter (where p.escaped) as escaped_poverty,
             count(*) filter (where p.deprivation_count >= std.k) as af_poor,
             coalesce(sum(p.deprivation_count) filter (where p.deprivation_count >= std.k), 0) as af_deprivation_sum,
             count(*) filter (where p.status = 'poor' and exists (
               select 1 from support_plan sp where sp.province_code = ${provinceCode} and sp.household_code = p.household_code)) as poor_with_plan
        from placed p
        join std on std.id = p.standard_id
       group by p.commune_code, p.province_unit, p.year, p.standard_id
    ),
    lacking as materialized (
      select p.commune_code, p.province_unit, p.year, p.standard_id, si.i,
             count(*) filter (where p.status = 'poor') as lacking_poor,
             count(*) filter (where p.status = 'near_poor') as lacking_near_poor,
             count(*) filter (where p.deprivation_count >= std.k) as censored
        from placed p
        join std on std.id = p.standard_id
       cross join lateral unnest(p.deprivations) as x(code)
        join std_indicator si on si.standard_id = p.standard_id and si.code = x.code
       where p.status in ('poor', 'near_poor') or p.deprivation_count >= std.k
       group by p.commune_code, p.province_unit, p.year, p.standard_id, si.i
    ),
    -- Every unit a commune's households count in: the commune, its district, the province of the
    -- decision, the new (2025) commune it went to and, when another, that commune's province.
    unit_map as materialized (
      select distinct g.commune_code, g.province_unit, u.level, u.unit_code
        from (select distinct commune_code, province_unit from grouped) g
        join commune_units c on c.code = g.commune_code
       cross join lateral (values
         ('commune', g.commune_code),
         ('district', c.district_code),
         ('province', nullif(g.province_unit, '')),
         ('new_commune', coalesce(c.successor, g.commune_code)),
         ('province', case when c.successor_province is distinct from nullif(g.province_unit, '') then c.successor_province end)
       ) as u(level, unit_code)
       where u.unit_code is not null
    ),
    totals as materialized (
      select m.level, m.unit_code, g.year, g.standard_id,
             sum(g.households)::integer as households, sum(g.persons)::integer as persons,
             sum(g.poor)::integer as poor, sum(g.near_poor)::integer as near_poor,
             sum(g.average)::integer as average, sum(g.not_poor)::integer as not_poor,
             sum(g.em_households)::integer as em_households, sum(g.em_poor)::integer as em_poor,
             sum(g.em_near_poor)::integer as em_near_poor, sum(g.escaped_poverty)::integer as escaped_poverty,
             sum(g.af_poor)::integer as af_poor, sum(g.af_deprivation_sum)::integer as af_deprivation_sum,
             sum(g.poor_with_plan)::integer as poor_with_plan
        from grouped g
        join unit_map m on m.commune_code = g.commune_code and m.province_unit = g.province_unit
       group by m.level, m.unit_code, g.year, g.standard_id
    ),
    lacking_totals as materialized (
      select m.level, m.unit_code, l.year, l.standard_id, l.i,
             sum(l.lacking_poor) as lacking_poor, sum(l.lacking_near_poor) as lacking_near_poor, sum(l.censored) as censored
        from lacking l
        join unit_map m on m.commune_code = l.commune_code and m.province_unit = l.province_unit
       group by m.level, m.unit_code, l.year, l.standard_id, l.i
    ),
    arrays as materialized (
      select t.level, t.unit_code, t.year, t.standard_id,
             array_agg(coalesce(l.lacking_poor, 0)::integer order by si.i) as lacking_poor,
             array_agg(coalesce(l.lacking_near_poor, 0)::integer order by si.i) as lacking_near_poor,
             array_agg(coalesce(l.censored, 0)::integer order by si.i) as censored
        from totals t
        join std_indicator si on si.standard_id = t.standard_id
        left join lacking_totals l on l.level = t.level and l.unit_code = t.unit_code and l.year = t.year
                                  and l.standard_id = t.standard_id and l.i = si.i
       group by t.level, t.unit_code, t.year, t.standard_id
    ),
    inserted as (
      insert into result_aggregate (province_code, level, unit_code, year, standard_id, households, persons, poor, near_poor,
                                    average, not_poor, em_households, em_poor, em_near_poor, escaped_poverty,
                                    lacking_poor, lacking_near_poor, af_poor, af_deprivation_sum, censored, poor_with_plan)
      select ${provinceCode}, t.level, t.unit_code, t.year, t.standard_id, t.households, t.persons, t.poor, t.near_poor,
             t.average, t.not_poor, t.em_households, t.em_poor, t.em_near_poor, t.escaped_poverty,
             a.lacking_poor, a.lacking_near_poor, t.af_poor, t.af_deprivation_sum, a.censored, t.poor_with_plan
        from totals t
        join arrays a on a.level = t.level and a.unit_code = t.unit_code and a.year = t.year and a.standard_id = t.standard_id
      returning 1
    )
    select (select count(*) from inserted)::integer as n, (select count(*) from poor_state)::integer as poor`;
}

export function listAggregates(db: Db, provinceCode: string, filter: { level: ResultAggregateTable['level']; unitCodes?: readonly string[] }) {
  let query = targetsDb(db).selectFrom('result_aggregate').selectAll().where('province_code', '=', provinceCode).where('level', '=', filter.level);
  if (filter.unitCodes) {
    if (filter.unitCodes.length === 0) return Promise.resolve([]);
    query = query.where('unit_code', 'in', [...filter.unitCodes]);
  }
  return query.orderBy('unit_code').orderBy('year').execute();
}

/** Every aggregate of a unit code, at every level it has (a code can be an old and a new commune). */
export function aggregatesOfUnit(db: Db, provinceCode: string, unitCode: string) {
  return targetsDb(db).selectFrom('result_aggregate').selectAll().where('province_code', '=', provinceCode).where('unit_code', '=', unitCode).orderBy('level').orderBy('year').execute();
}

/** The aggregates at `level` of the units whose parent (in any version) is `parentCode`. */
export function aggregatesOfChildren(db: Db, provinceCode: string, level: ResultAggregateTable['level'], parentCode: string) {
  return targetsDb(db)
    .selectFrom('result_aggregate')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('level', '=', level)
    .where('unit_code', 'in', (eb) => eb.selectFrom('admin_unit').select('code').where('parent_code', '=', parentCode))
    .orderBy('unit_code')
    .orderBy('year')
    .execute();
}

/** Levels at which a unit code has aggregates. */
export async function levelsOfUnit(db: Db, provinceCode: string, unitCode: string): Promise<ResultAggregateTable['level'][]> {
  const rows = await targetsDb(db).selectFrom('result_aggregate').select('level').distinct().where('province_code', '=', provinceCode).where('unit_code', '=', unitCode).execute();
  return rows.map((row) => row.level);
}

/**
 * Names of units: the version valid on `date` when there is one, else the latest. With
 * `childrenOf`, also the names of the units below that one.
 */
export async function unitNames(db: Db, codes: readonly string[], date: string | null = null, childrenOf?: string): Promise<Map<string, { name: string; type: string; parentCode: string | null }>> {
  if (codes.length === 0 && childrenOf === undefined) return new Map();
  const rows = await db
    .selectFrom('admin_unit')
    .select(['code', 'name', 'type', 'parent_code', 'valid_from', 'valid_to'])
    .where((eb) => eb.or([...(codes.length > 0 ? [eb('code', 'in', [...codes])] : []), ...(childrenOf !== undefined ? [eb('parent_code', '=', childrenOf)] : [])]))
    .orderBy('valid_from')
    .execute();
  const map = new Map<string, { name: string; type: string; parentCode: string | null }>();
  const fixed = new Set<string>();
  for (const row of rows) {
    if (fixed.has(row.code)) continue;
    map.set(row.code, { name: row.name, type: row.type, parentCode: row.parent_code });
    if (date !== null && row.valid_from <= date && (row.valid_to === null || row.valid_to >= date)) fixed.add(row.code);
  }
  return map;
}

/** Children of a unit in any version (districts of a province, communes of a district). */
export async function childCodes(db: Db, parentCode: string): Promise<string[]> {
  const rows = await db.selectFrom('admin_unit').select('code').distinct().where('parent_code', '=', parentCode).execute();
  return rows.map((row) => row.code);
}

/** Which of the codes name a unit valid on a day. */
export async function codesValidOn(db: Db, codes: readonly string[], date: string): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('admin_unit')
    .select('code')
    .where('code', 'in', [...codes])
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .execute();
  return new Set(rows.map((row) => row.code));
}
