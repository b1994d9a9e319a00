/**
 * Every SQL statement of the program module. Queries that read households take the actor's
 * scope and pass it through `communeScope`; writes are made by services that have already found
 * the record inside that scope.
 */
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { Scope } from '../access/actor.js';
import { communeScope } from '../access/scope.js';
import type {
  AgencyRole,
  BudgetLineTable,
  OutputIndicatorTable,
  ProgramDatabase,
  ProgramDb,
  SupportItemTable,
  TaskStatus,
  TwinningTable,
} from './program.tables.js';

type Db = ProgramDb | Kysely<ProgramDatabase>;

/** The latest name of the unit a column holds (units are versioned; the newest row names it). */
const unitName = (column: string) =>
  sql<string | null>`(select u.name from admin_unit u where u.code = ${sql.ref(column)} order by u.valid_from desc limit 1)`;

/** The living households of the scope, as `h`: every household read of this module starts here. */
const scopedHouseholds = (db: Db, scope: Scope) =>
  db
    .selectFrom('household as h')
    .where('h.province_code', '=', scope.provinceCode)
    .where(communeScope(scope, 'h.commune_code'))
    .where('h.dissolved_at', 'is', null);

/** The scope's poor and near-poor households with their plan, if any, as `p`. */
const scopedPoorWithPlan = (db: Db, scope: Scope) =>
  scopedHouseholds(db, scope)
    .leftJoin('support_plan as p', (join) => join.onRef('p.province_code', '=', 'h.province_code').onRef('p.household_code', '=', 'h.code'))
    .where('h.status', 'in', ['poor', 'near_poor']);

// ---------------------------------------------------------------- programs, projects, agencies

export function findProgram(db: Db, code: string) {
  return db.selectFrom('program').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listPrograms(db: Db) {
  return db.selectFrom('program').selectAll().orderBy('period_start').execute();
}

export function findProject(db: Db, code: string) {
  return db.selectFrom('program_project').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listProjects(db: Db, programCode: string) {
  return db
    .selectFrom('program_project as p')
    .selectAll('p')
    .where('p.program_code', '=', programCode)
    // Projects in order, each followed by its sub-projects.
    .orderBy(sql`coalesce((select sort_order from program_project q where q.code = p.parent_code), p.sort_order)`)
    .orderBy(sql`p.parent_code is not null`)
    .orderBy('p.sort_order')
    .execute();
}

export function listProjectAgencies(db: Db, programCode: string, year: number) {
  return db
    .selectFrom('project_agency as pa')
    .innerJoin('program_project as p', 'p.code', 'pa.project_code')
    .innerJoin('agency as a', 'a.code', 'pa.agency_code')
    .select(['pa.project_code', 'pa.agency_code', 'pa.role', 'a.name', 'a.name_en', 'a.short_name'])
    .where('p.program_code', '=', programCode)
    .where('pa.year', '=', year)
    .orderBy('pa.project_code')
    .orderBy('pa.role')
    .orderBy('pa.agency_code')
    .execute();
}

export async function agencyRoleOn(db: Db, projectCode: string, year: number, agencyCode: string): Promise<AgencyRole | null> {
  const row = await db
    .selectFrom('project_agency')
    .select('role')
    .where('project_code', '=', projectCode)
    .where('year', '=', year)
    .where('agency_code', '=', agencyCode)
    .executeTakeFirst();
  return row?.role ?? null;
}

export async function replaceProjectAgencies(
  db: Db,
  projectCode: string,
  year: number,
  rows: { agency_code: string; role: AgencyRole }[],
): Promise<void> {
  await db.deleteFrom('project_agency').where('project_code', '=', projectCode).where('year', '=', year).execute();
  if (rows.length > 0) {
    await db
      .insertInto('project_agency')
      .values(rows.map((row) => ({ ...row, project_code: projectCode, year })))
      .execute();
  }
}

export function listAgencies(db: Db) {
  return db.selectFrom('agency').selectAll().orderBy('code').execute();
}

export function findAgency(db: Db, code: string) {
  return db.selectFrom('agency').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The agency and every agency whose duties passed to it (2025 reorganisation), transitively. */
export async function agencyWithPredecessors(db: Db, code: string): Promise<string[]> {
  const result = await sql<{ code: string }>`
    with recursive family(code) as (
      select ${code}::text
      union
      select a.code from agency a join family f on a.successor_code = f.code
    )
    select code from family order by code
  `.execute(db);
  return result.rows.map((row) => row.code);
}

export function findUnit(db: Db, code: string) {
  return db.selectFrom('admin_unit').select(['code', 'name', 'level']).where('code', '=', code).orderBy('valid_from', 'desc').executeTakeFirst();
}

// ---------------------------------------------------------------- counterpart

export function findCounterpartRule(db: Db, programCode: string) {
  return db.selectFrom('counterpart_rule').selectAll().where('program_code', '=', programCode).executeTakeFirst();
}

export function findProgramYear(db: Db, provinceCode: string, programCode: string, year: number) {
  return db
    .selectFrom('program_year')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('program_code', '=', programCode)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function upsertProgramYear(db: Db, provinceCode: string, programCode: string, year: number, dependence: number) {
  return db
    .insertInto('program_year')
    .values({ province_code: provinceCode, program_code: programCode, year, central_dependence_percent: dependence })
    .onConflict((oc) =>
      oc.columns(['province_code', 'program_code', 'year']).doUpdateSet((eb) => ({
        central_dependence_percent: dependence,
        version: eb('program_year.version', '+', 1),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- tasks

export function listTasks(db: Db, provinceCode: string, year: number, agencyCodes?: readonly string[]) {
  let query = db
    .selectFrom('plan_task')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('year', '=', year);
  if (agencyCodes) query = query.where(sql<boolean>`agency_codes && ${sql.val([...agencyCodes])}::text[]`);
  return query.orderBy('plan_id').orderBy(sql`case when due_date is null then 1 else 0 end`).orderBy('due_date').orderBy('task_id').execute();
}

export function findTask(db: Db, provinceCode: string, planId: string, taskId: string) {
  return db
    .selectFrom('plan_task')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('plan_id', '=', planId)
    .where('task_id', '=', taskId)
    .executeTakeFirst();
}

export function updateTask(
  db: Db,
  key: { provinceCode: string; planId: string; taskId: string },
  version: number,
  changes: { status: TaskStatus; completed_on: string | null; due_date?: string | null; due_date_set_by?: number },
) {
  return db
    .updateTable('plan_task')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('province_code', '=', key.provinceCode)
    .where('plan_id', '=', key.planId)
    .where('task_id', '=', key.taskId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

// ---------------------------------------------------------------- budget

export function listBudgetLines(db: Db, provinceCode: string, programCode: string, year: number, projectCode?: string) {
  let query = db
    .selectFrom('budget_line as b')
    .selectAll('b')
    .select((eb) => [
      eb
        .selectFrom('budget_disbursement as d')
        .select(sql<string>`coalesce(json_agg(json_build_object('month', d.month, 'amount', d.amount) order by d.month), '[]')`.as('x'))
        .whereRef('d.budget_line_id', '=', 'b.id')
        .as('disbursements'),
      unitName('b.unit_code').as('unit_name'),
    ])
    .where('b.province_code', '=', provinceCode)
    .where('b.program_code', '=', programCode)
    .where('b.year', '=', year);
  if (projectCode) query = query.where('b.project_code', '=', projectCode);
  return query.orderBy('b.project_code').orderBy('b.unit_code').orderBy('b.source').orderBy('b.kind').execute();
}

export function findBudgetLine(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('budget_line').selectAll().where('province_code', '=', provinceCode).where('id', '=', id).executeTakeFirst();
}

export function findBudgetLineByKey(db: Db, line: Pick<Insertable<BudgetLineTable>, 'province_code' | 'year' | 'project_code' | 'unit_code' | 'source' | 'kind'>) {
  return db
    .selectFrom('budget_line')
    .select('id')
    .where('province_code', '=', line.province_code)
    .where('year', '=', line.year)
    .where('project_code', '=', line.project_code)
    .where('unit_code', '=', line.unit_code)
    .where('source', '=', line.source)
    .where('kind', '=', line.kind)
    .executeTakeFirst();
}

export function insertBudgetLine(db: Db, line: Insertable<BudgetLineTable>) {
  return db.insertInto('budget_line').values(line).returningAll().executeTakeFirstOrThrow();
}

export function updateBudgetLine(db: Db, provinceCode: string, id: number, version: number, changes: Updateable<BudgetLineTable>) {
  return db
    .updateTable('budget_line')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function listDisbursements(db: Db, lineId: number) {
  return db.selectFrom('budget_disbursement').select(['month', 'amount']).where('budget_line_id', '=', lineId).orderBy('month').execute();
}

export async function replaceDisbursements(db: Db, lineId: number, months: { month: number; amount: number }[]) {
  await db.deleteFrom('budget_disbursement').where('budget_line_id', '=', lineId).execute();
  const rows = months.filter((row) => row.amount > 0).map((row) => ({ budget_line_id: lineId, ...row }));
  if (rows.length > 0) await db.insertInto('budget_disbursement').values(rows).execute();
}

/** Σ allocated of the province-level lines of a project, year and source: what allocation models may share out. */
export async function provinceLevelAllocated(db: Db, provinceCode: string, year: number, projectCode: string, source: string): Promise<number> {
  const row = await db
    .selectFrom('budget_line')
    .select(sql<number>`coalesce(sum(allocated), 0)::bigint`.as('total'))
    .where('province_code', '=', provinceCode)
    .where('unit_code', '=', provinceCode)
    .where('year', '=', year)
    .where('project_code', '=', projectCode)
    .where('source', '=', source as 'central')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

// ---------------------------------------------------------------- allocation

export async function allocatedByModels(db: Db, provinceCode: string, year: number, projectCode: string, source: string): Promise<number> {
  const row = await db
    .selectFrom('allocation_model')
    .select(sql<number>`coalesce(sum(total), 0)::bigint`.as('total'))
    .where('province_code', '=', provinceCode)
    .where('year', '=', year)
    .where('project_code', '=', projectCode)
    .where('source', '=', source as 'central')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export function insertAllocationModel(db: Db, model: Insertable<ProgramDatabase['allocation_model']>) {
  return db.insertInto('allocation_model').values(model).returningAll().executeTakeFirstOrThrow();
}

export async function insertAllocationShares(db: Db, rows: Insertable<ProgramDatabase['allocation_share']>[]) {
  if (rows.length > 0) await db.insertInto('allocation_share').values(rows).execute();
}

export function listAllocationModels(db: Db, provinceCode: string, programCode: string, year: number) {
  return db
    .selectFrom('allocation_model')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('program_code', '=', programCode)
    .where('year', '=', year)
    .orderBy('id')
    .execute();
}

export function listAllocationShares(db: Db, modelIds: readonly number[]) {
  if (modelIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('allocation_share as s')
    .selectAll('s')
    .select(unitName('s.unit_code').as('unit_name'))
    .where('s.model_id', 'in', [...modelIds])
    .orderBy('s.model_id')
    .orderBy('s.unit_code')
    .execute();
}

/** Counts per commune of the scope for the usual criteria, from the registry's current classes. */
export function registryCountsByCommune(db: Db, scope: Scope) {
  return scopedHouseholds(db, scope)
    .select([
      'h.commune_code',
      sql<number>`count(*) filter (where h.status = 'poor')::int`.as('poor'),
      sql<number>`count(*) filter (where h.status = 'near_poor')::int`.as('near_poor'),
      sql<number>`count(*) filter (where h.status = 'poor' and h.head_ethnic_code in (select code from ethnic_group where is_minority))::int`.as('ethnic_minority_poor'),
    ])
    .groupBy('h.commune_code')
    .orderBy('h.commune_code')
    .execute();
}

/** Every succession step (old unit → new unit, from a date) in force by `asOf`. */
export function listSuccessionSteps(db: Db, asOf: string) {
  return db
    .selectFrom('unit_succession')
    .select(['old_code', 'new_code', 'effective_date'])
    .where('effective_date', '<=', asOf)
    .orderBy('effective_date')
    .orderBy('old_code')
    .orderBy('new_code')
    .execute();
}

/** Commune → its district, over every version of the old tier (new communes have none). */
export async function districtOfCommunes(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('admin_unit as c')
    .innerJoin('admin_unit as d', (join) => join.onRef('d.code', '=', 'c.parent_code').on('d.level', '=', 'district'))
    .select(['c.code', 'c.parent_code'])
    .distinct()
    .where('c.level', '=', 'commune')
    .execute();
  return new Map(rows.map((row) => [row.code, row.parent_code!]));
}

/** The units of the official lists of poor districts and communes that cover a year. */
export function listPoorUnits(db: Db, provinceCode: string, year: number) {
  return db
    .selectFrom('poor_unit')
    .select(['unit_code', 'kind', 'basis', 'from_year', 'to_year', unitName('poor_unit.unit_code').as('unit_name')])
    .where('province_code', '=', provinceCode)
    .where('from_year', '<=', year)
    .where('to_year', '>=', year)
    .orderBy('kind')
    .orderBy('unit_code')
    .execute();
}

/** The version of a unit in force on a date, with its name; undefined when none is. */
export function findUnitOn(db: Db, code: string, date: string) {
  return db
    .selectFrom('admin_unit')
    .select(['code', 'name', 'level'])
    .where('code', '=', code)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .executeTakeFirst();
}

/** Names of units in force on a date. */
export async function unitNamesOn(db: Db, codes: readonly string[], date: string): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('admin_unit')
    .select(['code', 'name'])
    .where('code', 'in', [...codes])
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .execute();
  return new Map(rows.map((row) => [row.code, row.name]));
}

// ---------------------------------------------------------------- outputs

export function listOutputs(db: Db, provinceCode: string, programCode: string, year: number) {
  return db
    .selectFrom('output_indicator as o')
    .innerJoin('program_project as p', 'p.code', 'o.project_code')
    .selectAll('o')
    .where('o.province_code', '=', provinceCode)
    .where('p.program_code', '=', programCode)
    .where('o.year', '=', year)
    .orderBy('o.project_code')
    .orderBy('o.name')
    .execute();
}

export function findOutput(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('output_indicator').selectAll().where('province_code', '=', provinceCode).where('id', '=', id).executeTakeFirst();
}

export function insertOutput(db: Db, row: Insertable<OutputIndicatorTable>) {
  return db.insertInto('output_indicator').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateOutput(db: Db, provinceCode: string, id: number, version: number, changes: Updateable<OutputIndicatorTable>) {
  return db
    .updateTable('output_indicator')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

// ---------------------------------------------------------------- support plans

/** A household of the scope with what the plan needs; undefined outside the scope. */
export function findScopedHousehold(db: Db, scope: Scope, code: string) {
  return db
    .selectFrom('household as h')
    .select([
      'h.code',
      'h.commune_code',
      'h.village',
      'h.head_name',
      'h.status',
      'h.standard_id',
      'h.deprivations',
      unitName('h.commune_code').as('commune_name'),
    ])
    .where('h.province_code', '=', scope.provinceCode)
    .where('h.code', '=', code)
    .where(communeScope(scope, 'h.commune_code'))
    .executeTakeFirst();
}

export function findSupportPlan(db: Db, provinceCode: string, householdCode: string) {
  return db
    .selectFrom('support_plan')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_code', '=', householdCode)
    .executeTakeFirst();
}

export function insertSupportPlan(db: Db, row: Insertable<ProgramDatabase['support_plan']>) {
  return db.insertInto('support_plan').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateSupportPlan(
  db: Db,
  provinceCode: string,
  householdCode: string,
  version: number,
  changes: { helper_name: string | null; helper_kind: 'person' | 'organisation' | null },
) {
  return db
    .updateTable('support_plan')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: sql<never>`now()` }))
    .where('province_code', '=', provinceCode)
    .where('household_code', '=', householdCode)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function listSupportItems(db: Db, provinceCode: string, householdCode: string) {
  return db
    .selectFrom('support_item')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_code', '=', householdCode)
    .orderBy('planned_date')
    .orderBy('id')
    .execute();
}

export function findSupportItem(db: Db, provinceCode: string, householdCode: string, id: number) {
  return db
    .selectFrom('support_item')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_code', '=', householdCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function insertSupportItem(db: Db, row: Insertable<SupportItemTable>) {
  return db.insertInto('support_item').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateSupportItem(db: Db, provinceCode: string, id: number, version: number, changes: Updateable<SupportItemTable>) {
  return db
    .updateTable('support_item')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function listSupportTypes(db: Db) {
  return db.selectFrom('support_type').selectAll().orderBy('code').execute();
}

/** Per commune of the scope: poor and near-poor households, those without a plan, those whose plan has no helper. */
export function supportGapsByCommune(db: Db, scope: Scope) {
  return scopedPoorWithPlan(db, scope)
    .select([
      'h.commune_code',
      unitName('h.commune_code').as('commune_name'),
      sql<number>`count(*)::int`.as('households'),
      sql<number>`count(*) filter (where p.household_code is null)::int`.as('without_plan'),
      sql<number>`count(*) filter (where p.household_code is not null and p.helper_name is null)::int`.as('without_helper'),
    ])
    .groupBy('h.commune_code')
    .orderBy('h.commune_code')
    .execute();
}

/** Poor and near-poor households of the scope lacking a plan (or, with `helper`, a plan's helper). */
export function householdsLacking(db: Db, scope: Scope, lacking: 'plan' | 'helper', communeCode: string | undefined, limit: number) {
  let query = scopedPoorWithPlan(db, scope).select(['h.code', 'h.commune_code', 'h.village', 'h.head_name', 'h.status', 'h.deprivations']);
  query = lacking === 'plan' ? query.where('p.household_code', 'is', null) : query.where('p.household_code', 'is not', null).where('p.helper_name', 'is', null);
  if (communeCode) query = query.where('h.commune_code', '=', communeCode);
  return query.orderBy('h.commune_code').orderBy('h.code').limit(limit).execute();
}

// ---------------------------------------------------------------- twinning

export function listTwinnings(db: Db, scope: Scope) {
  return db
    .selectFrom('twinning as t')
    .innerJoin('agency as a', 'a.code', 't.agency_code')
    .selectAll('t')
    .select([
      'a.name as agency_name',
      unitName('t.commune_code').as('commune_name'),
    ])
    .where('t.province_code', '=', scope.provinceCode)
    .where(communeScope(scope, 't.commune_code'))
    .orderBy('t.start_date', 'desc')
    .orderBy('t.id')
    .execute();
}

export function insertTwinning(db: Db, row: Insertable<TwinningTable>) {
  return db.insertInto('twinning').values(row).returningAll().executeTakeFirstOrThrow();
}
