/** Every SQL statement of reports and deadlines: obligations, submissions, and the recognised results reports read. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Obligation, SubmissionStatus } from '../../domain/reports/index.js';
import type { Scope } from '../access/actor.js';
import { communeScope } from '../access/scope.js';
import { reviewDb } from '../review/review.tables.js';
import { reportsDb } from './reports.tables.js';

type Db = Kysely<Database>;

export function listObligations(db: Db, provinceCode: string, year: number) {
  return reportsDb(db).selectFrom('obligation').selectAll().where('province_code', '=', provinceCode).where('year', '=', year).orderBy('due_on').orderBy('code').execute();
}

export type ObligationRow = Awaited<ReturnType<typeof listObligations>>[number];

/** Inserts a year's obligations; codes already there keep their (possibly edited) rows. */
export async function insertObligations(db: Db, provinceCode: string, obligations: readonly Obligation[]): Promise<void> {
  if (obligations.length === 0) return;
  await reportsDb(db)
    .insertInto('obligation')
    .values(
      obligations.map((o) => ({
        province_code: provinceCode,
        year: o.year,
        code: o.code,
        rule_id: o.ruleId,
        title_vi: o.title.vi,
        title_en: o.title.en,
        due_on: o.dueOn,
        from_parties: JSON.stringify(o.from),
        to_parties: JSON.stringify(o.to),
        via_party: JSON.stringify(o.via),
        source: o.source,
      })),
    )
    .onConflict((oc) => oc.columns(['province_code', 'year', 'code']).doNothing())
    .execute();
}

export function findObligation(db: Db, provinceCode: string, id: number) {
  return reportsDb(db).selectFrom('obligation').selectAll().where('province_code', '=', provinceCode).where('id', '=', id).executeTakeFirst();
}

/** Changes an obligation's due day and titles when its version still matches; false when stale. */
export async function updateObligationIfVersion(
  db: Db,
  provinceCode: string,
  id: number,
  version: number,
  patch: { due_on: string; title_vi: string; title_en: string; updated_by: number },
): Promise<boolean> {
  const result = await reportsDb(db)
    .updateTable('obligation')
    .set({ ...patch, updated_at: new Date(), version: sql<number>`version + 1` })
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listSubmissionsOfYear(db: Db, provinceCode: string, year: number) {
  return reportsDb(db)
    .selectFrom('submission as s')
    .innerJoin('obligation as o', (join) => join.onRef('o.province_code', '=', 's.province_code').onRef('o.id', '=', 's.obligation_id'))
    .selectAll('s')
    .select(['o.code as obligation_code', 'o.due_on'])
    .where('s.province_code', '=', provinceCode)
    .where('o.year', '=', year)
    .orderBy('o.due_on')
    .orderBy('s.submitter')
    .execute();
}

export function findSubmission(db: Db, provinceCode: string, id: number, options: { forUpdate?: boolean } = {}) {
  let query = reportsDb(db).selectFrom('submission').selectAll().where('province_code', '=', provinceCode).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export type SubmissionRow = NonNullable<Awaited<ReturnType<typeof findSubmission>>>;

export function findSubmissionOf(db: Db, provinceCode: string, obligationId: number, submitter: string) {
  return reportsDb(db)
    .selectFrom('submission')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('obligation_id', '=', obligationId)
    .where('submitter', '=', submitter)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertSubmission(
  db: Db,
  row: { province_code: string; obligation_id: number; submitter: string; status: SubmissionStatus; note: string | null; submitted_at: Date | null; submitted_by: number },
): Promise<number> {
  const inserted = await reportsDb(db)
    .insertInto('submission')
    .values({ ...row, first_submitted_at: row.submitted_at, return_reason: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Moves a submission when its version still matches; false when stale. */
export async function updateSubmissionIfVersion(
  db: Db,
  provinceCode: string,
  id: number,
  version: number,
  patch: {
    status: SubmissionStatus;
    note?: string | null;
    return_reason?: string | null;
    submitted_at?: Date;
    submitted_by?: number;
    decided_at?: Date | null;
    decided_by?: number | null;
  },
): Promise<boolean> {
  const result = await reportsDb(db)
    .updateTable('submission')
    .set({
      ...patch,
      ...(patch.submitted_at ? { first_submitted_at: sql<Date>`coalesce(first_submitted_at, ${patch.submitted_at})` } : {}),
      updated_at: new Date(),
      version: sql<number>`version + 1`,
    })
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The units of a level valid on a day in the province (old and new codes). */
export function listUnitsValidOn(db: Db, level: 'commune' | 'district' | 'province', date: string, provinceCodes: readonly string[]) {
  return db
    .selectFrom('admin_unit')
    .select(['code', 'name', 'parent_code', 'level'])
    .where('level', '=', level)
    .where('province_code', 'in', [...provinceCodes])
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .orderBy('code')
    .execute();
}

/** The agencies valid on a day. */
export function listAgenciesValidOn(db: Db, date: string) {
  return db
    .selectFrom('agency')
    .select(['code', 'name', 'successor_code'])
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .orderBy('code')
    .execute();
}

export function listAllAgencies(db: Db) {
  return db.selectFrom('agency').select(['code', 'name', 'valid_from', 'valid_to', 'successor_code']).orderBy('code').execute();
}

/** Every version of a unit, latest first. */
export function listUnitVersions(db: Db, code: string) {
  return db.selectFrom('admin_unit').select(['code', 'name', 'level', 'parent_code', 'province_code', 'valid_from', 'valid_to']).where('code', '=', code).orderBy('valid_from', 'desc').execute();
}

/** Unit code → latest name. */
export async function unitNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('admin_unit').select(['code', 'name']).orderBy('valid_from').execute();
  return new Map(rows.map((row) => [row.code, row.name]));
}

export async function ethnicGroupNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('ethnic_group').select(['code', 'name']).orderBy('code').execute();
  return new Map(rows.map((row) => [row.code, row.name]));
}

/**
 * Each household's recognised result in force at the end of a day, in scope and among the
 * communes given (null: all in scope); households dissolved by that day are left out.
 */
export function listResultsInForce(db: Db, scope: Scope, communeCodes: readonly string[] | null, at: string) {
  let query = reviewDb(db)
    .selectFrom('review_result as r')
    .innerJoin('household as h', (join) => join.onRef('h.province_code', '=', 'r.province_code').onRef('h.code', '=', 'r.household_code'))
    .select([
      'r.household_code',
      'r.commune_code',
      'r.village',
      'r.head_name',
      'r.head_ethnic_code',
      'r.status',
      'r.deprivations',
      'r.deprivation_count',
      'r.persons',
      'r.standard_id',
      'r.decided_on',
      'r.review_year',
    ])
    .distinctOn('r.household_code')
    .where('r.province_code', '=', scope.provinceCode)
    .where('r.decided_on', '<=', at)
    .where((eb) => eb.or([eb('h.dissolved_at', 'is', null), eb('h.dissolved_at', '>', at)]))
    .where(communeScope(scope, 'r.commune_code'));
  if (communeCodes) query = query.where('r.commune_code', '=', sql<string>`any(${sql.val([...communeCodes])}::text[])`);
  return query.orderBy('r.household_code').orderBy('r.decided_on', 'desc').orderBy('r.round_id', 'desc').execute();
}

export type ResultInForce = Awaited<ReturnType<typeof listResultsInForce>>[number];

/** The communes of a unit over its whole history: a commune itself, a district's communes, a new commune with the old ones merged into it. */
export async function communesOfUnit(db: Db, unitCode: string): Promise<string[]> {
  const result = await sql<{ code: string }>`
    select code from admin_unit where level = 'commune' and (code = ${unitCode} or parent_code = ${unitCode})
    union
    select old_code from unit_succession where new_code = ${unitCode}
  `.execute(db);
  return result.rows.map((row) => row.code).sort();
}
