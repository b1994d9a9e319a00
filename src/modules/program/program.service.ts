/**
 * Use cases of the program: projects with their agencies per year, the plan's tasks, budget lines
 * and the counterpart check, allocation models, output indicators and twinning. Each starts with
 * the access check; every change is audited in the same transaction.
 *
 * Who may write: the province admin everything; a provincial agency the projects it leads or
 * implements in the year concerned (and tasks assigned to it or to the agencies it took over);
 * everyone else reads.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { today } from '../../domain/civil-date.js';
import {
  AllocationError,
  allocateByPoints,
  checkCounterpart,
  type CounterpartCheck,
  dateWithinPeriod,
  listedFlag,
  rollUpCounts,
  yearWithinPeriod,
} from '../../domain/program/index.js';
import { forbidden, HttpProblem, notFound } from '../../server/problem.js';
import type { Actor } from '../access/actor.js';
import { assertRole, scopeIncludesCommune } from '../access/scope.js';
import { recordAudit } from '../audit/audit.repository.js';
import { assertNoViolations, dong, RuleViolation, staleVersion, type Violation } from './program.problems.js';
import * as repo from './program.repository.js';
import type {
  AllocationInput,
  AllocationSaveInput,
  BudgetLineInput,
  BudgetLineUpdate,
  OutputInput,
  TwinningInput,
} from './program.schemas.js';
import { type ProgramDb, withProgramTables } from './program.tables.js';

type Program = NonNullable<Awaited<ReturnType<typeof repo.findProgram>>>;

const audit = (db: ProgramDb, actor: Actor, action: string, entity: string, entityId: string, before: unknown, after: unknown) =>
  recordAudit(db as unknown as Kysely<Database>, { userId: actor.userId, action, entity, entityId, before, after });

async function requireProgram(db: ProgramDb, code: string): Promise<Program> {
  const program = await repo.findProgram(db, code);
  if (!program) throw notFound('program.not_found', { what: 'program', code });
  return program;
}

const period = (program: Program) => ({ startYear: program.period_start, endYear: program.period_end });

function yearViolation(program: Program, year: number, field = 'year'): Violation | null {
  return yearWithinPeriod(period(program), year)
    ? null
    : { field, key: 'program.year_outside_period', params: { year, start: program.period_start, end: program.period_end } };
}

function dateViolation(program: Program, date: string | null | undefined, field: string): Violation | null {
  return !date || dateWithinPeriod(period(program), date)
    ? null
    : { field, key: 'program.date_outside_period', params: { date, start: program.period_start, end: program.period_end } };
}

/**
 * Whether the actor may change a project's records for a year: the admin always; an agency
 * when it leads or implements the project, or its parent project, that year.
 */
async function mayEditProject(db: ProgramDb, actor: Actor, projectCode: string, year: number): Promise<boolean> {
  if (actor.role === 'province_admin') return true;
  if (actor.role !== 'province_agency' || !actor.agencyCode) return false;
  if (await repo.agencyRoleOn(db, projectCode, year, actor.agencyCode)) return true;
  const project = await repo.findProject(db, projectCode);
  return project?.parent_code ? (await repo.agencyRoleOn(db, project.parent_code, year, actor.agencyCode)) !== null : false;
}

async function assertMayEditProject(db: ProgramDb, actor: Actor, projectCode: string, year: number): Promise<void> {
  assertRole(actor, ['province_admin', 'province_agency']);
  if (!(await mayEditProject(db, actor, projectCode, year))) {
    throw new HttpProblem(403, 'program.not_own_project', { code: projectCode, year });
  }
}

/** The project exists and belongs to the program; else a violation on `field`. */
async function projectViolation(db: ProgramDb, program: Program, projectCode: string, field: string): Promise<Violation | null> {
  const project = await repo.findProject(db, projectCode);
  if (!project) return { field, key: 'program.unknown', params: { what: 'project', code: projectCode } };
  if (project.program_code !== program.code) {
    return { field, key: 'program.project_not_in_program', params: { code: projectCode, program: program.code } };
  }
  return null;
}

// ---------------------------------------------------------------- programs and projects

export async function listProgramsWithProjects(database: Kysely<Database>, actor: Actor, programCode: string | undefined, year: number | undefined) {
  const db = withProgramTables(database);
  const programs = await repo.listPrograms(db);
  const program = programs.find((p) => p.code === programCode) ?? programs.find((p) => p.status === 'approved') ?? programs[0];
  if (!program) throw notFound('program.not_found', { what: 'program', code: programCode ?? '' });
  const chosenYear = year ?? Math.min(Math.max(new Date().getFullYear(), program.period_start), program.period_end);
  const [projects, agencies] = await Promise.all([repo.listProjects(db, program.code), repo.listProjectAgencies(db, program.code, chosenYear)]);
  const editable = new Set<string>();
  for (const project of projects) if (await mayEditProject(db, actor, project.code, chosenYear)) editable.add(project.code);
  return {
    programs: programs.map((p) => ({ code: p.code, name: p.name, nameEn: p.name_en, periodStart: p.period_start, periodEnd: p.period_end, status: p.status })),
    programCode: program.code,
    year: chosenYear,
    projects: projects.map((project) => ({
      code: project.code,
      parentCode: project.parent_code,
      name: project.name,
      nameEn: project.name_en,
      agencies: agencies
        .filter((a) => a.project_code === project.code)
        .map((a) => ({ code: a.agency_code, role: a.role, name: a.name, nameEn: a.name_en, shortName: a.short_name })),
      canEdit: editable.has(project.code),
    })),
  };
}

export async function setProjectAgencies(
  database: Kysely<Database>,
  actor: Actor,
  projectCode: string,
  input: { year: number; agencies: { agencyCode: string; role: 'lead' | 'implementing' }[] },
) {
  assertRole(actor, ['province_admin']);
  const db = withProgramTables(database);
  const project = await repo.findProject(db, projectCode);
  if (!project) throw notFound('program.not_found', { what: 'project', code: projectCode });
  const program = await requireProgram(db, project.program_code);
  const violations: Violation[] = [];
  const year = yearViolation(program, input.year);
  if (year) violations.push(year);
  const leads = input.agencies.filter((a) => a.role === 'lead').length;
  if (leads !== 1 || new Set(input.agencies.map((a) => a.agencyCode)).size !== input.agencies.length) {
    violations.push({ field: 'agencies', key: 'program.one_lead' });
  }
  for (const [index, agency] of input.agencies.entries()) {
    if (!(await repo.findAgency(db, agency.agencyCode))) {
      violations.push({ field: `agencies[${index}].agencyCode`, key: 'program.unknown', params: { what: 'agency', code: agency.agencyCode } });
    }
  }
  assertNoViolations(violations);
  return db.transaction().execute(async (trx) => {
    const before = (await repo.listProjectAgencies(trx, program.code, input.year)).filter((a) => a.project_code === projectCode);
    const rows = input.agencies.map((a) => ({ agency_code: a.agencyCode, role: a.role }));
    await repo.replaceProjectAgencies(trx, projectCode, input.year, rows);
    await audit(trx, actor, 'update', 'project_agency', `${projectCode}/${input.year}`, before.map((a) => ({ agency_code: a.agency_code, role: a.role })), rows);
    return { projectCode, year: input.year, agencies: input.agencies };
  });
}

/** The agencies in force on a date (today by default), for the forms that name one. */
export async function listAgenciesInForce(database: Kysely<Database>, _actor: Actor, on: string | undefined) {
  const date = on ?? today();
  const rows = await repo.listAgencies(withProgramTables(database));
  return {
    agencies: rows
      .filter((a) => a.valid_from <= date && (a.valid_to === null || a.valid_to >= date))
      .map((a) => ({ code: a.code, name: a.name, nameEn: a.name_en, shortName: a.short_name })),
  };
}

// ---------------------------------------------------------------- tasks

export async function listPlanTasks(database: Kysely<Database>, actor: Actor, year: number, mine: boolean) {
  const db = withProgramTables(database);
  const family = actor.agencyCode ? await repo.agencyWithPredecessors(db, actor.agencyCode) : [];
  const [rows, agencies] = await Promise.all([repo.listTasks(db, actor.scope.provinceCode, year, mine ? family : undefined), repo.listAgencies(db)]);
  const named = (ref: { kind: 'agency' | 'party'; code: string; vi?: string; en?: string }) => {
    const agency = ref.kind === 'agency' ? agencies.find((a) => a.code === ref.code) : undefined;
    return { kind: ref.kind, code: ref.code, vi: agency?.short_name ?? ref.vi ?? ref.code, en: agency?.name_en ?? ref.en ?? ref.code };
  };
  return {
    year,
    tasks: rows.map((row) => ({
      planId: row.plan_id,
      taskId: row.task_id,
      assignees: row.assignees.map(named),
      text: { vi: row.text_vi, en: row.text_en },
      dueDate: row.due_date,
      projectCodes: row.project_codes,
      status: row.status,
      completedOn: row.completed_on,
      version: row.version,
      canEdit: actor.role === 'province_admin' || (actor.role === 'province_agency' && row.agency_codes.some((code) => family.includes(code))),
    })),
  };
}

/**
 * Status (and, when given, due date) of a task, by the province admin or an agency it is
 * assigned to. Dates must fall within the program's period; a changed due date is kept when the
 * plan file is loaded again.
 */
export async function updatePlanTask(
  database: Kysely<Database>,
  actor: Actor,
  planId: string,
  taskId: string,
  input: { status: 'open' | 'in_progress' | 'done'; completedOn?: string | null | undefined; dueDate?: string | null | undefined; version: number },
) {
  assertRole(actor, ['province_admin', 'province_agency']);
  const db = withProgramTables(database);
  const key = { provinceCode: actor.scope.provinceCode, planId, taskId };
  const task = await repo.findTask(db, key.provinceCode, planId, taskId);
  if (!task) throw notFound('program.not_found', { what: 'task', code: `${planId}/${taskId}` });
  if (actor.role === 'province_agency') {
    const family = actor.agencyCode ? await repo.agencyWithPredecessors(db, actor.agencyCode) : [];
    if (!task.agency_codes.some((code) => family.includes(code))) throw forbidden();
  }
  const program = await requireProgram(db, task.program_code);
  const completedOn = input.status === 'done' ? (input.completedOn ?? null) : null;
  const violations: Violation[] = [];
  if (input.status === 'done' && !completedOn) violations.push({ field: 'completedOn', key: 'field.required' });
  for (const violation of [dateViolation(program, completedOn, 'completedOn'), dateViolation(program, input.dueDate, 'dueDate')]) {
    if (violation) violations.push(violation);
  }
  assertNoViolations(violations);
  const dueDateChange = input.dueDate !== undefined && input.dueDate !== task.due_date ? { due_date: input.dueDate, due_date_set_by: actor.userId } : {};
  return db.transaction().execute(async (trx) => {
    const updated = await repo.updateTask(trx, key, input.version, { status: input.status, completed_on: completedOn, ...dueDateChange });
    if (!updated) throw staleVersion();
    await audit(
      trx,
      actor,
      'update',
      'plan_task',
      `${planId}/${taskId}`,
      { status: task.status, completed_on: task.completed_on, due_date: task.due_date },
      { status: updated.status, completed_on: updated.completed_on, due_date: updated.due_date },
    );
    return { planId, taskId, status: updated.status, completedOn: updated.completed_on, dueDate: updated.due_date, version: updated.version };
  });
}

// ---------------------------------------------------------------- budget

function mapBudgetLine(row: Awaited<ReturnType<typeof repo.listBudgetLines>>[number]) {
  const disbursements = (typeof row.disbursements === 'string' ? JSON.parse(row.disbursements) : (row.disbursements ?? [])) as {
    month: number;
    amount: number;
  }[];
  return {
    id: row.id,
    year: row.year,
    projectCode: row.project_code,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    source: row.source,
    kind: row.kind,
    planned: Number(row.planned),
    allocated: Number(row.allocated),
    disbursements: disbursements.map((d) => ({ month: d.month, amount: Number(d.amount) })),
    disbursed: disbursements.reduce((sum, d) => sum + Number(d.amount), 0),
    note: row.note,
    version: row.version,
  };
}

/** The year's budget: lines, totals by source and type, and the counterpart check. */
export async function getBudget(database: Kysely<Database>, actor: Actor, programCode: string, year: number) {
  const db = withProgramTables(database);
  const program = await requireProgram(db, programCode);
  const provinceCode = actor.scope.provinceCode;
  const [rows, rule, programYear] = await Promise.all([
    repo.listBudgetLines(db, provinceCode, programCode, year),
    repo.findCounterpartRule(db, programCode),
    repo.findProgramYear(db, provinceCode, programCode, year),
  ]);
  const lines = rows.map(mapBudgetLine);
  const sum = (filter: (line: (typeof lines)[number]) => boolean, field: 'planned' | 'allocated' | 'disbursed') =>
    lines.filter(filter).reduce((total, line) => total + line[field], 0);
  const totals = (['central', 'provincial_counterpart', 'mobilised'] as const).map((source) => ({
    source,
    investment: sum((l) => l.source === source && l.kind === 'investment', 'allocated'),
    recurrent: sum((l) => l.source === source && l.kind === 'recurrent', 'allocated'),
    planned: sum((l) => l.source === source, 'planned'),
    allocated: sum((l) => l.source === source, 'allocated'),
    disbursed: sum((l) => l.source === source, 'disbursed'),
  }));
  let counterpart: (CounterpartCheck & { source: string }) | null = null;
  if (rule && programYear) {
    const central = totals[0]!.allocated;
    const local = totals[1]!.allocated;
    counterpart = { ...checkCounterpart({ source: rule.source, bands: rule.bands }, Number(programYear.central_dependence_percent), central, local), source: rule.source };
  }
  return {
    programCode,
    year,
    provinceCode,
    periodStart: program.period_start,
    periodEnd: program.period_end,
    lines,
    totals,
    centralDependencePercent: programYear ? Number(programYear.central_dependence_percent) : null,
    counterpartRule: rule ? { source: rule.source, bands: rule.bands } : null,
    counterpart,
  };
}

export async function setCentralDependence(database: Kysely<Database>, actor: Actor, programCode: string, year: number, percent: number) {
  assertRole(actor, ['province_admin']);
  const db = withProgramTables(database);
  const program = await requireProgram(db, programCode);
  const violation = yearViolation(program, year);
  if (violation) throw new RuleViolation([violation]);
  return db.transaction().execute(async (trx) => {
    const before = await repo.findProgramYear(trx, actor.scope.provinceCode, programCode, year);
    const row = await repo.upsertProgramYear(trx, actor.scope.provinceCode, programCode, year, percent);
    await audit(trx, actor, before ? 'update' : 'create', 'program_year', `${programCode}/${year}`, before ?? null, row);
    return { programCode, year, centralDependencePercent: Number(row.central_dependence_percent), version: row.version };
  });
}

function disbursementViolations(allocated: number, months: { month: number; amount: number }[]): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<number>();
  months.forEach((row, index) => {
    if (seen.has(row.month)) violations.push({ field: `disbursements[${index}].month`, key: 'program.duplicate_month', params: { month: row.month } });
    seen.add(row.month);
  });
  const disbursed = months.reduce((sum, row) => sum + row.amount, 0);
  if (disbursed > allocated) {
    violations.push({ field: 'disbursements', key: 'program.disbursed_beyond_allocated', params: { disbursed: dong(disbursed), allocated: dong(allocated) } });
  }
  return violations;
}

export async function createBudgetLine(database: Kysely<Database>, actor: Actor, input: BudgetLineInput) {
  const db = withProgramTables(database);
  const program = await requireProgram(db, input.programCode);
  await assertMayEditProject(db, actor, input.projectCode, input.year);
  const violations: Violation[] = [];
  const year = yearViolation(program, input.year);
  if (year) violations.push(year);
  const project = await projectViolation(db, program, input.projectCode, 'projectCode');
  if (project) violations.push(project);
  if (!(await repo.findUnit(db, input.unitCode))) {
    violations.push({ field: 'unitCode', key: 'program.unknown', params: { what: 'unit', code: input.unitCode } });
  }
  violations.push(...disbursementViolations(input.allocated, input.disbursements));
  const row = { province_code: actor.scope.provinceCode, program_code: input.programCode, year: input.year, project_code: input.projectCode, unit_code: input.unitCode, source: input.source, kind: input.kind };
  if (violations.length === 0 && (await repo.findBudgetLineByKey(db, row))) violations.push({ field: 'unitCode', key: 'program.duplicate_budget_line' });
  assertNoViolations(violations);
  return db.transaction().execute(async (trx) => {
    const line = await repo.insertBudgetLine(trx, { ...row, planned: input.planned, allocated: input.allocated, note: input.note ?? null });
    await repo.replaceDisbursements(trx, line.id, input.disbursements);
    await audit(trx, actor, 'create', 'budget_line', String(line.id), null, { ...line, disbursements: input.disbursements });
    return { id: line.id, version: line.version };
  });
}

export async function updateBudgetLine(database: Kysely<Database>, actor: Actor, id: number, input: BudgetLineUpdate) {
  const db = withProgramTables(database);
  const line = await repo.findBudgetLine(db, actor.scope.provinceCode, id);
  if (!line) throw notFound('program.not_found', { what: 'budget line', code: String(id) });
  await assertMayEditProject(db, actor, line.project_code, line.year);
  assertNoViolations(disbursementViolations(input.allocated, input.disbursements));
  return db.transaction().execute(async (trx) => {
    const before = { ...line, disbursements: await repo.listDisbursements(trx, id) };
    const updated = await repo.updateBudgetLine(trx, actor.scope.provinceCode, id, input.version, {
      planned: input.planned,
      allocated: input.allocated,
      note: input.note ?? null,
    });
    if (!updated) throw staleVersion();
    await repo.replaceDisbursements(trx, id, input.disbursements);
    await audit(trx, actor, 'update', 'budget_line', String(id), before, { ...updated, disbursements: input.disbursements });
    return { id, version: updated.version };
  });
}

// ---------------------------------------------------------------- allocation

/**
 * The date an allocation's units are read at: its resolution's date when known, else 1 January
 * of its year. From 1 July 2025 that gives the two-tier communes.
 */
const allocationDate = (year: number, resolutionDate: string | null | undefined) => resolutionDate ?? `${year}-01-01`;

/**
 * Registry counts and listed flags per unit of the actor's scope, on the allocation's date: the
 * communes registered before a merger are summed into the unit in force then (through the
 * succession table), and `poor_district` / `poor_commune` are 1 for units on the year's lists.
 */
export async function allocationCounts(database: Kysely<Database>, actor: Actor, query: { year?: number | undefined; date?: string | undefined }) {
  const db = withProgramTables(database);
  const asOf = query.date ?? (query.year ? allocationDate(query.year, null) : today());
  const year = query.year ?? Number(asOf.slice(0, 4));
  const [rows, steps, poorUnits, districts] = await Promise.all([
    repo.registryCountsByCommune(db, actor.scope),
    repo.listSuccessionSteps(db, asOf),
    repo.listPoorUnits(db, actor.scope.provinceCode, year),
    repo.districtOfCommunes(db),
  ]);
  const units = rollUpCounts(
    rows.map((row) => ({
      code: row.commune_code,
      counts: { poor_household: row.poor, near_poor_household: row.near_poor, ethnic_minority_poor_household: row.ethnic_minority_poor },
    })),
    steps.map((step) => ({ oldCode: step.old_code, newCode: step.new_code, effectiveDate: step.effective_date })),
    asOf,
  );
  const names = await repo.unitNamesOn(db, units.map((unit) => unit.code), asOf);
  const listed = (kind: 'poor_district' | 'poor_commune') => new Set(poorUnits.filter((u) => u.kind === kind).map((u) => u.unit_code));
  const poorDistricts = listed('poor_district');
  const poorCommunes = listed('poor_commune');
  return {
    asOf,
    year,
    units: units.map((unit) => ({
      code: unit.code,
      name: names.get(unit.code) ?? null,
      members: unit.members,
      counts: { ...unit.counts, poor_district: listedFlag(unit, poorDistricts, districts), poor_commune: listedFlag(unit, poorCommunes) },
    })),
    poorUnits: poorUnits.map((u) => ({ unitCode: u.unit_code, unitName: u.unit_name, kind: u.kind, basis: u.basis, fromYear: u.from_year, toYear: u.to_year })),
  };
}

function runAllocation(input: AllocationInput) {
  try {
    return allocateByPoints(
      input.total,
      { criteria: input.criteria, minimumShare: input.minimumShare ?? null, maximumShare: input.maximumShare ?? null },
      input.units,
    );
  } catch (error) {
    if (error instanceof AllocationError) throw new RuleViolation([{ field: error.field, key: `program.allocation.${error.code}` }]);
    throw error;
  }
}

async function allocationContext(db: ProgramDb, actor: Actor, input: AllocationInput) {
  const program = await requireProgram(db, input.programCode);
  await assertMayEditProject(db, actor, input.projectCode, input.year);
  const violations: Violation[] = [];
  const year = yearViolation(program, input.year);
  if (year) violations.push(year);
  const project = await projectViolation(db, program, input.projectCode, 'projectCode');
  if (project) violations.push(project);
  const asOf = allocationDate(input.year, input.resolutionDate);
  for (const [index, unit] of input.units.entries()) {
    if (!(await repo.findUnit(db, unit.code))) {
      violations.push({ field: `units[${index}].code`, key: 'program.unknown', params: { what: 'unit', code: unit.code } });
    } else if (!(await repo.findUnitOn(db, unit.code, asOf))) {
      violations.push({ field: `units[${index}].code`, key: 'program.unit_not_in_force', params: { code: unit.code, date: asOf } });
    }
  }
  assertNoViolations(violations);
  const provinceCode = actor.scope.provinceCode;
  const budget = await repo.provinceLevelAllocated(db, provinceCode, input.year, input.projectCode, input.source);
  const used = await repo.allocatedByModels(db, provinceCode, input.year, input.projectCode, input.source);
  const names = await repo.unitNamesOn(db, input.units.map((unit) => unit.code), asOf);
  return { available: Math.max(0, budget - used), asOf, names };
}

/** The shares a model would give, without saving anything. */
export async function previewAllocation(database: Kysely<Database>, actor: Actor, input: AllocationInput) {
  const db = withProgramTables(database);
  const { available, asOf, names } = await allocationContext(db, actor, input);
  const result = runAllocation(input);
  return {
    ...result,
    shares: result.shares.map((share) => ({ ...share, name: names.get(share.code) ?? null })),
    asOf,
    resolutionNumber: input.resolutionNumber ?? null,
    resolutionDate: input.resolutionDate ?? null,
    available,
    exceedsAvailable: input.total > available,
  };
}

/** Saves a model with the resolution that adopted it and its shares; refused when it exceeds the budget left. */
export async function saveAllocation(database: Kysely<Database>, actor: Actor, input: AllocationSaveInput) {
  const db = withProgramTables(database);
  const { available } = await allocationContext(db, actor, input);
  const result = runAllocation(input);
  if (input.total > available) {
    throw new RuleViolation([{ field: 'total', key: 'program.allocation_exceeds_budget', params: { total: dong(input.total), available: dong(available) } }]);
  }
  const provinceCode = actor.scope.provinceCode;
  return db.transaction().execute(async (trx) => {
    const model = await repo.insertAllocationModel(trx, {
      province_code: provinceCode,
      program_code: input.programCode,
      year: input.year,
      project_code: input.projectCode,
      source: input.source,
      name: input.name,
      total: input.total,
      criteria: JSON.stringify(input.criteria),
      minimum_share: input.minimumShare ?? null,
      maximum_share: input.maximumShare ?? null,
      resolution_number: input.resolutionNumber,
      resolution_date: input.resolutionDate,
      created_by: actor.userId,
    });
    const counts = new Map(input.units.map((unit) => [unit.code, unit.counts]));
    await repo.insertAllocationShares(
      trx,
      result.shares.map((share) => ({
        model_id: model.id,
        unit_code: share.code,
        counts: JSON.stringify(counts.get(share.code) ?? {}),
        points: share.points,
        amount: share.amount,
        bound: share.bound,
      })),
    );
    await audit(trx, actor, 'create', 'allocation_model', String(model.id), null, { ...model, shares: result.shares });
    return { id: model.id, ...result };
  });
}

export async function listAllocations(database: Kysely<Database>, actor: Actor, programCode: string, year: number) {
  const db = withProgramTables(database);
  const models = await repo.listAllocationModels(db, actor.scope.provinceCode, programCode, year);
  const shares = await repo.listAllocationShares(db, models.map((m) => m.id));
  return {
    models: models.map((model) => ({
      id: model.id,
      projectCode: model.project_code,
      source: model.source,
      name: model.name,
      total: Number(model.total),
      criteria: model.criteria,
      minimumShare: model.minimum_share === null ? null : Number(model.minimum_share),
      maximumShare: model.maximum_share === null ? null : Number(model.maximum_share),
      resolutionNumber: model.resolution_number,
      resolutionDate: model.resolution_date,
      shares: shares
        .filter((s) => s.model_id === model.id)
        .map((s) => ({ code: s.unit_code, name: s.unit_name, points: Number(s.points), amount: Number(s.amount), bound: s.bound })),
    })),
  };
}

// ---------------------------------------------------------------- outputs

export async function listOutputIndicators(database: Kysely<Database>, actor: Actor, programCode: string, year: number) {
  const db = withProgramTables(database);
  const rows = await repo.listOutputs(db, actor.scope.provinceCode, programCode, year);
  const outputs = [];
  for (const row of rows) {
    outputs.push({
      id: row.id,
      projectCode: row.project_code,
      year: row.year,
      name: row.name,
      unitOfMeasure: row.unit_of_measure,
      target: Number(row.target),
      actual: row.actual === null ? null : Number(row.actual),
      version: row.version,
      canEdit: await mayEditProject(db, actor, row.project_code, row.year),
    });
  }
  return { outputs };
}

export async function createOutputIndicator(database: Kysely<Database>, actor: Actor, input: OutputInput) {
  const db = withProgramTables(database);
  const project = await repo.findProject(db, input.projectCode);
  if (!project) throw new RuleViolation([{ field: 'projectCode', key: 'program.unknown', params: { what: 'project', code: input.projectCode } }]);
  await assertMayEditProject(db, actor, input.projectCode, input.year);
  const program = await requireProgram(db, project.program_code);
  const year = yearViolation(program, input.year);
  if (year) throw new RuleViolation([year]);
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertOutput(trx, {
      province_code: actor.scope.provinceCode,
      project_code: input.projectCode,
      year: input.year,
      name: input.name,
      unit_of_measure: input.unitOfMeasure,
      target: input.target,
      actual: input.actual ?? null,
    });
    await audit(trx, actor, 'create', 'output_indicator', String(row.id), null, row);
    return { id: row.id, version: row.version };
  });
}

export async function updateOutputIndicator(database: Kysely<Database>, actor: Actor, id: number, input: { target: number; actual: number | null; version: number }) {
  const db = withProgramTables(database);
  const row = await repo.findOutput(db, actor.scope.provinceCode, id);
  if (!row) throw notFound('program.not_found', { what: 'output indicator', code: String(id) });
  await assertMayEditProject(db, actor, row.project_code, row.year);
  return db.transaction().execute(async (trx) => {
    const updated = await repo.updateOutput(trx, actor.scope.provinceCode, id, input.version, { target: input.target, actual: input.actual });
    if (!updated) throw staleVersion();
    await audit(trx, actor, 'update', 'output_indicator', String(id), row, updated);
    return { id, version: updated.version };
  });
}

// ---------------------------------------------------------------- twinning

export async function listTwinnings(database: Kysely<Database>, actor: Actor) {
  const rows = await repo.listTwinnings(withProgramTables(database), actor.scope);
  return {
    twinnings: rows.map((row) => ({
      id: row.id,
      agencyCode: row.agency_code,
      agencyName: row.agency_name,
      communeCode: row.commune_code,
      communeName: row.commune_name,
      village: row.village,
      kind: row.kind,
      startDate: row.start_date,
      endDate: row.end_date,
      note: row.note,
    })),
  };
}

export async function createTwinning(database: Kysely<Database>, actor: Actor, input: TwinningInput) {
  assertRole(actor, ['province_admin', 'province_agency']);
  if (actor.role === 'province_agency' && input.agencyCode !== actor.agencyCode) {
    throw new HttpProblem(403, 'program.agency_own_only');
  }
  const db = withProgramTables(database);
  const violations: Violation[] = [];
  if (!(await repo.findAgency(db, input.agencyCode))) violations.push({ field: 'agencyCode', key: 'program.unknown', params: { what: 'agency', code: input.agencyCode } });
  const unit = await repo.findUnit(db, input.communeCode);
  if (!unit || unit.level !== 'commune' || !scopeIncludesCommune(actor.scope, input.communeCode)) {
    violations.push({ field: 'communeCode', key: 'program.unknown', params: { what: 'commune', code: input.communeCode } });
  }
  if (input.endDate && input.endDate < input.startDate) violations.push({ field: 'endDate', key: 'program.completed_before_planned' });
  assertNoViolations(violations);
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertTwinning(trx, {
      province_code: actor.scope.provinceCode,
      agency_code: input.agencyCode,
      commune_code: input.communeCode,
      village: input.village ?? null,
      kind: input.kind,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      note: input.note ?? null,
    });
    await audit(trx, actor, 'create', 'twinning', String(row.id), null, row);
    return { id: row.id };
  });
}
