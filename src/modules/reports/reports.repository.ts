/** Every SQL statement of reports and deadlines: obligations, submissions, and the recognised results reports read. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Obligation, SubmissionStatus } from '../../domain/reports/index.js';
import type { Scope } from '../access/actor.js';
import { communeScope } from '../access/scope.js';
import { withProgramTables } from '../program/program.tables.js';
import { reviewDb } from '../review/review.tables.js';
import { targetsDb } from '../targets/targets.tables.js';
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
  patch: { due_on: string; title_vi: string; title_en: string; from_parties: string; to_parties: string; updated_by: number },
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

export async function insertAttachment(
  db: Db,
  row: { province_code: string; submission_id: number; file_name: string; content_type: string; size: number; sha256: string; content: Buffer; uploaded_by: number },
): Promise<number> {
  const inserted = await reportsDb(db).insertInto('submission_attachment').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** The attachments of some submissions, without their content. */
export function listAttachments(db: Db, provinceCode: string, submissionIds: readonly number[]) {
  if (submissionIds.length === 0) return Promise.resolve([]);
  return reportsDb(db)
    .selectFrom('submission_attachment')
    .select(['id', 'submission_id', 'file_name', 'content_type', 'size', 'sha256', 'uploaded_at'])
    .where('province_code', '=', provinceCode)
    .where('submission_id', '=', sql<number>`any(${sql.val([...submissionIds])}::int[])`)
    .orderBy('submission_id')
    .orderBy('id')
    .execute();
}

export type AttachmentRow = Awaited<ReturnType<typeof listAttachments>>[number];

export function findAttachment(db: Db, provinceCode: string, id: number) {
  return reportsDb(db).selectFrom('submission_attachment').selectAll().where('province_code', '=', provinceCode).where('id', '=', id).executeTakeFirst();
}

export async function deleteAttachment(db: Db, provinceCode: string, id: number): Promise<void> {
  await reportsDb(db).deleteFrom('submission_attachment').where('province_code', '=', provinceCode).where('id', '=', id).execute();
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

/** The recognised results in force at the end of a day, in scope (one row per household, the latest first); callers pick the columns. */
function resultsInForce(db: Db, scope: Scope, communeCodes: readonly string[] | null, at: string) {
  let query = reviewDb(db)
    .selectFrom('review_result as r')
    .innerJoin('household as h', (join) => join.onRef('h.province_code', '=', 'r.province_code').onRef('h.code', '=', 'r.household_code'))
    .distinctOn('r.household_code')
    .where('r.province_code', '=', scope.provinceCode)
    .where('r.decided_on', '<=', at)
    .where((eb) => eb.or([eb('h.dissolved_at', 'is', null), eb('h.dissolved_at', '>', at)]))
    .where(communeScope(scope, 'r.commune_code'));
  if (communeCodes) query = query.where('r.commune_code', '=', sql<string>`any(${sql.val([...communeCodes])}::text[])`);
  return query.orderBy('r.household_code').orderBy('r.decided_on', 'desc').orderBy('r.round_id', 'desc');
}

const RESULT_COLUMNS = [
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
] as const;

/**
 * Each household's recognised result in force at the end of a day, in scope and among the
 * communes given (null: all in scope); households dissolved by that day are left out.
 */
export function listResultsInForce(db: Db, scope: Scope, communeCodes: readonly string[] | null, at: string) {
  return resultsInForce(db, scope, communeCodes, at).select(RESULT_COLUMNS).execute();
}

/** A frozen member as the target groups read it. */
export interface FrozenMember {
  fullName?: string;
  birthDate?: string | null;
  sex?: 'male' | 'female' | null;
  socialAllowance?: boolean | null;
}

/**
 * The results in force with what the target groups need: the frozen members and survey date,
 * whether the head's ethnic group is a minority, and the registry head's sex (the member named
 * as the head, else the first member) for results frozen without member names.
 */
export function listTargetGroupFacts(db: Db, scope: Scope, communeCodes: readonly string[] | null, at: string) {
  return resultsInForce(db, scope, communeCodes, at)
    .leftJoin('ethnic_group as e', 'e.code', 'r.head_ethnic_code')
    .select(RESULT_COLUMNS)
    .select([
      'e.is_minority as head_minority',
      sql<FrozenMember[] | null>`r.facts #> '{facts,members}'`.as('members'),
      sql<string | null>`r.facts #>> '{facts,surveyDate}'`.as('survey_date'),
      sql<'male' | 'female' | null>`(select m.sex from member m where m.province_code = r.province_code and m.household_code = r.household_code order by (m.full_name = r.head_name) desc, m.seq limit 1)`.as('registry_head_sex'),
    ])
    .execute();
}

export type TargetGroupRow = Awaited<ReturnType<typeof listTargetGroupFacts>>[number];

/**
 * Poor and near-poor households in force at the end of a day with their support plan as it stood
 * then: a plan made by that day (in the province's time zone), its named helper, and the supports
 * completed by that day (count and amount, whole đồng).
 */
export function listSupportCoverage(db: Db, scope: Scope, communeCodes: readonly string[] | null, at: string, timeZone: string) {
  return withProgramTables(db)
    .selectFrom(resultsInForce(db, scope, communeCodes, at).select(RESULT_COLUMNS).select('r.province_code').as('f'))
    .leftJoin('support_plan as p', (join) =>
      join
        .onRef('p.province_code', '=', 'f.province_code')
        .onRef('p.household_code', '=', 'f.household_code')
        .on(sql<boolean>`(p.created_at at time zone ${timeZone})::date <= ${at}::date`))
    .select(['f.household_code', 'f.commune_code', 'f.village', 'f.status', 'f.persons'])
    .select([
      sql<boolean>`p.household_code is not null`.as('has_plan'),
      sql<boolean>`p.helper_name is not null`.as('has_helper'),
      sql<number>`(select count(*) from support_item i where i.province_code = f.province_code and i.household_code = f.household_code and p.household_code is not null and i.status = 'done' and i.completed_date <= ${at}::date)::int`.as('supports_done'),
      sql<number>`(select coalesce(sum(i.amount), 0) from support_item i where i.province_code = f.province_code and i.household_code = f.household_code and p.household_code is not null and i.status = 'done' and i.completed_date <= ${at}::date)::bigint`.as('amount_done'),
    ])
    .where('f.status', 'in', ['poor', 'near_poor'])
    .orderBy('f.household_code')
    .execute();
}

export type SupportCoverageRow = Awaited<ReturnType<typeof listSupportCoverage>>[number];

/**
 * Budget of a year by project, source and type: planned, allocated, and disbursed up to a month,
 * over the lines of the given units (null: every line of the province).
 */
export function listBudgetBySource(db: Db, provinceCode: string, year: number, lastMonth: number, unitCodes: readonly string[] | null) {
  let query = withProgramTables(db)
    .selectFrom('budget_line as b')
    .innerJoin('program_project as p', 'p.code', 'b.project_code')
    .select(['b.project_code', 'p.name as project_name', 'p.sort_order', 'b.source', 'b.kind'])
    .select([
      sql<number>`sum(b.planned)::bigint`.as('planned'),
      sql<number>`sum(b.allocated)::bigint`.as('allocated'),
      sql<number>`coalesce(sum((select sum(d.amount) from budget_disbursement d where d.budget_line_id = b.id and d.month <= ${lastMonth})), 0)::bigint`.as('disbursed'),
    ])
    .where('b.province_code', '=', provinceCode)
    .where('b.year', '=', year);
  if (unitCodes) query = query.where('b.unit_code', '=', sql<string>`any(${sql.val([...unitCodes])}::text[])`);
  return query.groupBy(['b.project_code', 'p.name', 'p.sort_order', 'b.source', 'b.kind']).orderBy('p.sort_order').orderBy('b.project_code').orderBy('b.source').orderBy('b.kind').execute();
}

/** The output indicators of a year (targets and actuals), in project order. */
export function listOutputIndicators(db: Db, provinceCode: string, year: number) {
  return withProgramTables(db)
    .selectFrom('output_indicator as o')
    .innerJoin('program_project as p', 'p.code', 'o.project_code')
    .select(['o.project_code', 'p.name as project_name', 'o.name', 'o.unit_of_measure', 'o.target', 'o.actual'])
    .where('o.province_code', '=', provinceCode)
    .where('o.year', '=', year)
    .orderBy('p.sort_order')
    .orderBy('o.project_code')
    .orderBy('o.name')
    .execute();
}

/** The targets of a year for the given units (null: every unit). */
export function listTargetsOfYear(db: Db, provinceCode: string, year: number, unitCodes: readonly string[] | null) {
  let query = targetsDb(db)
    .selectFrom('target')
    .select(['unit_code', 'indicator', 'kind', 'value', 'comparator', 'source'])
    .where('province_code', '=', provinceCode)
    .where('year', '=', year);
  if (unitCodes) query = query.where('unit_code', '=', sql<string>`any(${sql.val([...unitCodes])}::text[])`);
  return query.orderBy('unit_code').orderBy('indicator').execute();
}

export type TargetOfYear = Awaited<ReturnType<typeof listTargetsOfYear>>[number];

/** The end-of-year aggregates of some units for some years (every level and standard). */
export function listAggregatesOf(db: Db, provinceCode: string, unitCodes: readonly string[], years: readonly number[]) {
  if (unitCodes.length === 0) return Promise.resolve([]);
  return targetsDb(db)
    .selectFrom('result_aggregate')
    .select(['level', 'unit_code', 'year', 'standard_id', 'households', 'poor', 'near_poor', 'em_households', 'em_poor', 'escaped_poverty', 'poor_with_plan'])
    .where('province_code', '=', provinceCode)
    .where('unit_code', '=', sql<string>`any(${sql.val([...unitCodes])}::text[])`)
    .where('year', '=', sql<number>`any(${sql.val([...years])}::int[])`)
    .execute();
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

export type AggregateOfUnit = Awaited<ReturnType<typeof listAggregatesOf>>[number];
