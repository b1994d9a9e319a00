/**
 * Support plans of poor and near-poor households (kế hoạch hỗ trợ hộ nghèo, SPEC §9): needs derived
 * from the household's deprivations through the support catalog, a named helper (người, tổ chức
 * giúp đỡ), and planned supports with the responsible agency, amount, funding project, status and
 * dates within the program period.
 *
 * Access: the household is looked up through the actor's scope (404 outside it); the province
 * admin, district and commune officers write plans, every other role reads (403 on a write).
 */
import type { Kysely } from 'kysely';
import type { Database, RoleCode } from '../../db/schema.js';
import { today } from '../../domain/civil-date.js';
import { dateWithinPeriod, deriveNeeds, uncoveredNeeds } from '../../domain/program/index.js';
import { notFound } from '../../server/problem.js';
import type { Actor } from '../access/actor.js';
import { assertRole } from '../access/scope.js';
import { recordAudit } from '../audit/audit.repository.js';
import { assertNoViolations, RuleViolation, staleVersion, type Violation } from './program.problems.js';
import * as repo from './program.repository.js';
import type { SupportItemInput, SupportPlanInput } from './program.schemas.js';
import { type ProgramDb, withProgramTables } from './program.tables.js';

export const PLAN_WRITER_ROLES: readonly RoleCode[] = ['province_admin', 'district_officer', 'commune_officer'];

const audit = (db: ProgramDb, actor: Actor, action: string, entity: string, entityId: string, before: unknown, after: unknown) =>
  recordAudit(db as unknown as Kysely<Database>, { userId: actor.userId, action, entity, entityId, before, after });

async function requireHousehold(db: ProgramDb, actor: Actor, code: string) {
  const household = await repo.findScopedHousehold(db, actor.scope, code);
  if (!household) throw notFound('program.not_found_household', { code });
  return household;
}

/** The agency answerable on a date: the one given, or its successor once it ceased to exist. */
function agencyInForce(agencies: Awaited<ReturnType<typeof repo.listAgencies>>, code: string, date: string): string {
  let current = agencies.find((a) => a.code === code);
  for (let depth = 0; current && current.valid_to !== null && current.valid_to < date && current.successor_code && depth < 5; depth += 1) {
    const next = agencies.find((a) => a.code === current!.successor_code);
    if (!next) break;
    current = next;
  }
  return current?.code ?? code;
}

/** The program a new plan belongs to: the approved one in force today, else the one in force, else the latest. */
async function defaultProgram(db: ProgramDb) {
  const programs = await repo.listPrograms(db);
  const year = Number(today().slice(0, 4));
  const inForce = programs.filter((p) => p.period_start <= year && p.period_end >= year);
  return inForce.find((p) => p.status === 'approved') ?? inForce[0] ?? programs[programs.length - 1]!;
}

/** The household, its needs, its plan and supports, and the catalog to choose from. */
export async function getSupportPlan(database: Kysely<Database>, actor: Actor, householdCode: string) {
  const db = withProgramTables(database);
  const household = await requireHousehold(db, actor, householdCode);
  const [plan, items, catalog, agencies, programs] = await Promise.all([
    repo.findSupportPlan(db, actor.scope.provinceCode, householdCode),
    repo.listSupportItems(db, actor.scope.provinceCode, householdCode),
    repo.listSupportTypes(db),
    repo.listAgencies(db),
    repo.listPrograms(db),
  ]);
  const catalogRefs = catalog.map((s) => ({ code: s.code, indicatorCodes: s.indicator_codes, leadAgencyCode: s.lead_agency_code, projectCode: s.project_code }));
  const needs = deriveNeeds(household.deprivations, catalogRefs);
  const active = items.filter((item) => item.status !== 'cancelled').map((item) => item.support_code);
  const program = plan ? programs.find((p) => p.code === plan.program_code) : await defaultProgram(db);
  const projects = program ? await repo.listProjects(db, program.code) : [];
  const date = today();
  return {
    household: {
      code: household.code,
      headName: household.head_name,
      communeCode: household.commune_code,
      communeName: household.commune_name,
      village: household.village,
      status: household.status,
      deprivations: household.deprivations,
    },
    eligible: household.status === 'poor' || household.status === 'near_poor',
    canEdit: PLAN_WRITER_ROLES.includes(actor.role),
    needs,
    openNeeds: uncoveredNeeds(needs, active),
    program: program ? { code: program.code, name: program.name, nameEn: program.name_en, periodStart: program.period_start, periodEnd: program.period_end } : null,
    plan: plan ? { helperName: plan.helper_name, helperKind: plan.helper_kind, version: plan.version } : null,
    items: items.map((item) => ({
      id: item.id,
      supportCode: item.support_code,
      agencyCode: item.agency_code,
      amount: Number(item.amount),
      fundingProjectCode: item.funding_project_code,
      status: item.status,
      plannedDate: item.planned_date,
      completedDate: item.completed_date,
      note: item.note,
      version: item.version,
    })),
    supportTypes: catalog.map((s) => ({
      code: s.code,
      name: s.name,
      nameEn: s.name_en,
      indicatorCodes: s.indicator_codes,
      agencyCode: s.lead_agency_code ? agencyInForce(agencies, s.lead_agency_code, date) : null,
      projectCode: s.project_code,
    })),
    agencies: agencies
      .filter((a) => a.valid_to === null || a.valid_to >= date)
      .map((a) => ({ code: a.code, name: a.name, nameEn: a.name_en, shortName: a.short_name })),
    projects: projects.map((p) => ({ code: p.code, name: p.name, nameEn: p.name_en })),
  };
}

/** Creates the plan, or changes its helper (with the version it was read at). */
export async function saveSupportPlan(database: Kysely<Database>, actor: Actor, householdCode: string, input: SupportPlanInput) {
  assertRole(actor, PLAN_WRITER_ROLES);
  const db = withProgramTables(database);
  const household = await requireHousehold(db, actor, householdCode);
  const provinceCode = actor.scope.provinceCode;
  const existing = await repo.findSupportPlan(db, provinceCode, householdCode);
  const violations: Violation[] = [];
  if ((input.helperName === null) !== (input.helperKind === null)) {
    violations.push({ field: input.helperName === null ? 'helperName' : 'helperKind', key: 'field.required' });
  }
  if (!existing && household.status !== 'poor' && household.status !== 'near_poor') {
    violations.push({ field: 'householdCode', key: 'program.household_not_eligible' });
  }
  const program = input.programCode ? await repo.findProgram(db, input.programCode) : await defaultProgram(db);
  if (!program) violations.push({ field: 'programCode', key: 'program.unknown', params: { what: 'program', code: input.programCode ?? '' } });
  assertNoViolations(violations);
  const changes = { helper_name: input.helperName, helper_kind: input.helperKind };
  return db.transaction().execute(async (trx) => {
    if (!existing) {
      const created = await repo.insertSupportPlan(trx, { province_code: provinceCode, household_code: householdCode, program_code: program!.code, ...changes });
      await audit(trx, actor, 'create', 'support_plan', householdCode, null, created);
      return { version: created.version };
    }
    if (input.version === undefined) throw staleVersion();
    const updated = await repo.updateSupportPlan(trx, provinceCode, householdCode, input.version, changes);
    if (!updated) throw staleVersion();
    await audit(trx, actor, 'update', 'support_plan', householdCode, existing, updated);
    return { version: updated.version };
  });
}

async function itemViolations(db: ProgramDb, programCode: string, input: SupportItemInput): Promise<{ violations: Violation[]; agencyCode: string }> {
  const violations: Violation[] = [];
  const program = (await repo.findProgram(db, programCode))!;
  const range = { startYear: program.period_start, endYear: program.period_end };
  const support = (await repo.listSupportTypes(db)).find((s) => s.code === input.supportCode);
  if (!support) violations.push({ field: 'supportCode', key: 'program.unknown', params: { what: 'support', code: input.supportCode } });
  const agencies = await repo.listAgencies(db);
  const givenAgency = input.agencyCode ?? (support?.lead_agency_code ? agencyInForce(agencies, support.lead_agency_code, input.plannedDate) : undefined);
  if (!givenAgency) violations.push({ field: 'agencyCode', key: 'field.required' });
  else if (!agencies.some((a) => a.code === givenAgency)) violations.push({ field: 'agencyCode', key: 'program.unknown', params: { what: 'agency', code: givenAgency } });
  if (input.fundingProjectCode) {
    const project = await repo.findProject(db, input.fundingProjectCode);
    if (!project) violations.push({ field: 'fundingProjectCode', key: 'program.unknown', params: { what: 'project', code: input.fundingProjectCode } });
    else if (project.program_code !== programCode) {
      violations.push({ field: 'fundingProjectCode', key: 'program.project_not_in_program', params: { code: input.fundingProjectCode, program: programCode } });
    }
  }
  const periodParams = { start: program.period_start, end: program.period_end };
  if (!dateWithinPeriod(range, input.plannedDate)) {
    violations.push({ field: 'plannedDate', key: 'program.date_outside_period', params: { date: input.plannedDate, ...periodParams } });
  }
  const completed = input.completedDate ?? null;
  if (completed !== null && !dateWithinPeriod(range, completed)) {
    violations.push({ field: 'completedDate', key: 'program.date_outside_period', params: { date: completed, ...periodParams } });
  } else if (completed !== null && completed < input.plannedDate) {
    violations.push({ field: 'completedDate', key: 'program.completed_before_planned' });
  }
  if ((input.status === 'done') !== (completed !== null)) violations.push({ field: 'completedDate', key: 'program.completed_date_required' });
  return { violations, agencyCode: givenAgency ?? '' };
}

export async function addSupportItem(database: Kysely<Database>, actor: Actor, householdCode: string, input: SupportItemInput) {
  assertRole(actor, PLAN_WRITER_ROLES);
  const db = withProgramTables(database);
  await requireHousehold(db, actor, householdCode);
  const provinceCode = actor.scope.provinceCode;
  const plan = await repo.findSupportPlan(db, provinceCode, householdCode);
  if (!plan) throw new RuleViolation([{ field: 'householdCode', key: 'program.plan_missing' }]);
  const { violations, agencyCode } = await itemViolations(db, plan.program_code, input);
  assertNoViolations(violations);
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertSupportItem(trx, {
      province_code: provinceCode,
      household_code: householdCode,
      support_code: input.supportCode,
      agency_code: agencyCode,
      amount: input.amount,
      funding_project_code: input.fundingProjectCode ?? null,
      status: input.status,
      planned_date: input.plannedDate,
      completed_date: input.completedDate ?? null,
      note: input.note ?? null,
    });
    await audit(trx, actor, 'create', 'support_item', `${householdCode}/${row.id}`, null, row);
    return { id: row.id, version: row.version };
  });
}

export async function updateSupportItem(
  database: Kysely<Database>,
  actor: Actor,
  householdCode: string,
  id: number,
  input: SupportItemInput & { version: number },
) {
  assertRole(actor, PLAN_WRITER_ROLES);
  const db = withProgramTables(database);
  await requireHousehold(db, actor, householdCode);
  const provinceCode = actor.scope.provinceCode;
  const [plan, item] = await Promise.all([
    repo.findSupportPlan(db, provinceCode, householdCode),
    repo.findSupportItem(db, provinceCode, householdCode, id),
  ]);
  if (!plan || !item) throw notFound('program.not_found', { what: 'support', code: String(id) });
  const { violations, agencyCode } = await itemViolations(db, plan.program_code, input);
  assertNoViolations(violations);
  return db.transaction().execute(async (trx) => {
    const updated = await repo.updateSupportItem(trx, provinceCode, id, input.version, {
      support_code: input.supportCode,
      agency_code: agencyCode,
      amount: input.amount,
      funding_project_code: input.fundingProjectCode ?? null,
      status: input.status,
      planned_date: input.plannedDate,
      completed_date: input.completedDate ?? null,
      note: input.note ?? null,
    });
    if (!updated) throw staleVersion();
    await audit(trx, actor, 'update', 'support_item', `${householdCode}/${id}`, item, updated);
    return { id, version: updated.version };
  });
}

/** Poor and near-poor households of the scope without a plan or a helper, counted by commune, with a first page of them. */
export async function supportGaps(database: Kysely<Database>, actor: Actor, lacking: 'plan' | 'helper', communeCode: string | undefined) {
  const db = withProgramTables(database);
  const [byUnit, households] = await Promise.all([
    repo.supportGapsByCommune(db, actor.scope),
    repo.householdsLacking(db, actor.scope, lacking, communeCode, 200),
  ]);
  return {
    lacking,
    byUnit: byUnit.map((row) => ({
      communeCode: row.commune_code,
      communeName: row.commune_name,
      households: row.households,
      withoutPlan: row.without_plan,
      withoutHelper: row.without_helper,
    })),
    households: households.map((row) => ({
      code: row.code,
      communeCode: row.commune_code,
      village: row.village,
      headName: row.head_name,
      status: row.status,
      deprivations: row.deprivations,
    })),
  };
}
