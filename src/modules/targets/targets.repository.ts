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

/** Every recognised result of the province with what the aggregates need, per household in time order. */
export function listResultsForAggregates(db: Db, provinceCode: string) {
  return targetsDb(db)
    .selectFrom('review_result as r')
    .leftJoin('ethnic_group as e', 'e.code', 'r.head_ethnic_code')
    .innerJoin('household as h', (join) => join.onRef('h.province_code', '=', 'r.province_code').onRef('h.code', '=', 'r.household_code'))
    .select(['r.household_code', 'r.decided_on', 'r.commune_code', 'r.standard_id', 'r.status', 'r.deprivations', 'r.deprivation_count', 'r.persons', 'e.is_minority', 'h.dissolved_at'])
    .where('r.province_code', '=', provinceCode)
    .orderBy('r.household_code')
    .orderBy('r.decided_on')
    .orderBy('r.round_id')
    .execute();
}

/** Every commune version: its district (parent of three digits) and province. */
export function listCommuneParents(db: Db) {
  return db.selectFrom('admin_unit').select(['code', 'parent_code', 'province_code', 'valid_to']).where('level', '=', 'commune').orderBy('valid_from').execute();
}

export function listSuccessions(db: Db) {
  return db.selectFrom('unit_succession').select(['old_code', 'new_code']).orderBy('old_code').orderBy('new_code').execute();
}

/** Replaces every aggregate of the province (one statement per batch, in the caller's transaction). */
export async function replaceAggregates(db: Db, provinceCode: string, rows: readonly Insertable<ResultAggregateTable>[]): Promise<void> {
  const tdb = targetsDb(db);
  await tdb.deleteFrom('result_aggregate').where('province_code', '=', provinceCode).execute();
  for (let i = 0; i < rows.length; i += 500) await tdb.insertInto('result_aggregate').values(rows.slice(i, i + 500)).execute();
}

export function listAggregates(db: Db, provinceCode: string, filter: { level: ResultAggregateTable['level']; unitCodes?: readonly string[] }) {
  let query = targetsDb(db).selectFrom('result_aggregate').selectAll().where('province_code', '=', provinceCode).where('level', '=', filter.level);
  if (filter.unitCodes) {
    if (filter.unitCodes.length === 0) return Promise.resolve([]);
    query = query.where('unit_code', 'in', [...filter.unitCodes]);
  }
  return query.orderBy('unit_code').orderBy('year').execute();
}

/** Levels at which a unit code has aggregates. */
export async function levelsOfUnit(db: Db, provinceCode: string, unitCode: string): Promise<ResultAggregateTable['level'][]> {
  const rows = await targetsDb(db).selectFrom('result_aggregate').select('level').distinct().where('province_code', '=', provinceCode).where('unit_code', '=', unitCode).execute();
  return rows.map((row) => row.level);
}

/** Names of units: the version valid on `date` when there is one, else the latest. */
export async function unitNames(db: Db, codes: readonly string[], date: string | null = null): Promise<Map<string, { name: string; type: string; parentCode: string | null }>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('admin_unit').select(['code', 'name', 'type', 'parent_code', 'valid_from', 'valid_to']).where('code', 'in', [...codes]).orderBy('valid_from').execute();
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
