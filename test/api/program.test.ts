/**
 * Program, budget and support plans over HTTP on a real database: the plan's data loaded, the
 * counterpart check, allocation arithmetic, scope and role for every write, bad input refused
 * with the field and the reason and nothing saved.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { seedDemoProvince } from '../../src/modules/demo/demo-seed.js';
import { loadProgramData } from '../../src/modules/program/program-data.loader.js';
import { withProgramTables } from '../../src/modules/program/program.tables.js';
import { createDemoUsers, DEMO_PASSWORD, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { createUser } from '../../src/modules/users/users.service.js';
import { buildApp } from '../../src/server/app.js';
import { type ApiClient, apiClient } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const OLD = 'NTP-GNBV-2021-2025';
let database: TestDatabase;
let app: FastifyInstance;
const clients: Record<string, ApiClient> = {};

const db = () => withProgramTables(database.handle.db);
const count = async (table: 'budget_line' | 'allocation_model' | 'support_item' | 'support_plan' | 'output_indicator' | 'twinning') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function as(username: string): Promise<ApiClient> {
  if (!clients[username]) {
    const client = apiClient(app);
    expect((await client.login(username, DEMO_PASSWORD)).statusCode).toBe(200);
    clients[username] = client;
  }
  return clients[username];
}

const put = (client: ApiClient, url: string, body: unknown) => client.request('PUT', url, body);
const patch = (client: ApiClient, url: string, body: unknown) => client.request('PATCH', url, body);

beforeAll(async () => {
  database = await createTestDatabase();
  const { db: kysely } = database.handle;
  await seedDemoProvince(kysely, { households: 300 });
  await createDemoUsers(kysely);
  await createUser(kysely, { username: 'housing', password: DEMO_PASSWORD, role: 'province_agency', unitCode: '52', agencyCode: 'SXD', isDemo: true });
  await createUser(kysely, { username: 'othercommune', password: DEMO_PASSWORD, role: 'commune_officer', unitCode: '23830', isDemo: true });
  await loadProgramData(kysely);
  app = await buildApp({
    handle: database.handle,
    province: await readProvinceSetting(kysely),
    demoUsers: await listDemoUsernames(kysely),
    version: 'test',
  });
  // The machine may be shared: setting up the province can take minutes there.
}, 600_000);

afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

describe('program data loader', () => {
  it('loads the 2022 plan tasks with due dates, and one lead per project and year following successors', async () => {
    const tasks = await db().selectFrom('plan_task').selectAll().execute();
    const plan = JSON.parse(readFileSync('reference/plan-2022.json', 'utf8')) as { tasks: unknown[] };
    expect(tasks.length).toBe(plan.tasks.length);
    expect(tasks.find((t) => t.task_id === 'D10')).toMatchObject({ due_date: '2022-02-28', year: 2022, status: 'open' });
    const leads = await db().selectFrom('project_agency').selectAll().where('project_code', '=', 'P3').orderBy('year').execute();
    expect(leads.map((l) => [l.year, l.agency_code])).toEqual([
      [2021, 'SNNPTNT'],
      [2022, 'SNNPTNT'],
      [2023, 'SNNPTNT'],
      [2024, 'SNNPTNT'],
      [2025, 'SNNMT'],
    ]);
  });

  it('is idempotent and keeps edits', async () => {
    await db().updateTable('plan_task').set({ status: 'in_progress' }).where('task_id', '=', 'SC1').execute();
    const again = await loadProgramData(database.handle.db);
    expect(again.projectAgencies).toBe(0);
    expect(again.counterpartRules).toBe(0);
    const task = await db().selectFrom('plan_task').select('status').where('task_id', '=', 'SC1').executeTakeFirstOrThrow();
    expect(task.status).toBe('in_progress');
    await db().updateTable('plan_task').set({ status: 'open' }).where('task_id', '=', 'SC1').execute();
  });
});

describe('projects and tasks', () => {
  it('lists projects with their agencies for the year and what the agency may edit', async () => {
    const response = await (await as('agency')).get(`/api/program/projects?programCode=${OLD}&year=2025`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const p3 = body.projects.find((p: { code: string }) => p.code === 'P3');
    expect(p3.agencies).toEqual([expect.objectContaining({ code: 'SNNMT', role: 'lead' })]);
    expect(p3.canEdit).toBe(true);
    expect(body.projects.find((p: { code: string }) => p.code === 'P3.SP1').canEdit).toBe(true);
    expect(body.projects.find((p: { code: string }) => p.code === 'P5').canEdit).toBe(false);
    const in2022 = (await (await as('agency')).get(`/api/program/projects?programCode=${OLD}&year=2022`)).json();
    expect(in2022.projects.find((p: { code: string }) => p.code === 'P3').canEdit).toBe(false);
  });

  it('lets only the admin change a project’s agencies, with exactly one lead', async () => {
    const body = { year: 2024, agencies: [{ agencyCode: 'SNNPTNT', role: 'lead' }, { agencyCode: 'SYT', role: 'implementing' }] };
    expect((await put(await as('agency'), '/api/program/projects/P3/agencies', body)).statusCode).toBe(403);
    const twoLeads = await put(await as('admin'), '/api/program/projects/P3/agencies', { year: 2024, agencies: [{ agencyCode: 'SNNPTNT', role: 'lead' }, { agencyCode: 'SYT', role: 'lead' }] });
    expect(twoLeads.statusCode).toBe(422);
    expect(twoLeads.json().errors[0].field).toBe('agencies');
    expect((await put(await as('admin'), '/api/program/projects/P3/agencies', body)).statusCode).toBe(200);
    const rows = await db().selectFrom('project_agency').selectAll().where('project_code', '=', 'P3').where('year', '=', 2024).orderBy('role').execute();
    expect(rows.map((r) => [r.agency_code, r.role])).toEqual([['SYT', 'implementing'], ['SNNPTNT', 'lead']].sort((a, b) => a[1]!.localeCompare(b[1]!)));
  });

  it('gives an agency the tasks of the agencies it took over, and refuses others’ tasks', async () => {
    const agency = await as('agency');
    const mine = (await agency.get('/api/program/tasks?year=2022&mine=true')).json();
    const ids = mine.tasks.map((t: { taskId: string }) => t.taskId);
    expect(ids).toEqual(expect.arrayContaining(['A1', 'L3', 'N1']));
    expect(ids).not.toContain('C1');
    const a1 = mine.tasks.find((t: { taskId: string }) => t.taskId === 'A1');
    expect(a1.assignees).toEqual([{ kind: 'agency', code: 'SNNPTNT', vi: 'Sở NN&PTNT', en: 'Department of Agriculture and Rural Development' }]);
    const all = (await agency.get('/api/program/tasks?year=2022')).json();
    expect(all.tasks.find((t: { taskId: string }) => t.taskId === 'D10').assignees[0]).toMatchObject({ kind: 'party', vi: 'Ủy ban nhân dân các huyện, thị xã, thành phố' });
    const noDate = await patch(agency, '/api/program/tasks/GL-2022/A1', { status: 'done', version: a1.version });
    expect(noDate.statusCode).toBe(422);
    expect(noDate.json().errors[0].field).toBe('completedOn');
    const done = await patch(agency, '/api/program/tasks/GL-2022/A1', { status: 'done', completedOn: '2022-06-30', version: a1.version });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', completedOn: '2022-06-30', version: a1.version + 1 });
    expect((await patch(agency, '/api/program/tasks/GL-2022/A1', { status: 'open', version: a1.version })).statusCode).toBe(409);
    expect((await patch(agency, '/api/program/tasks/GL-2022/C1', { status: 'done', completedOn: '2022-06-30', version: 1 })).statusCode).toBe(403);
    expect((await patch(await as('commune'), '/api/program/tasks/GL-2022/C1', { status: 'done', completedOn: '2022-06-30', version: 1 })).statusCode).toBe(403);
  });

  it('lets the assigned agency move a due date within the period, kept when the plan is loaded again', async () => {
    const agency = await as('agency');
    const task = (await agency.get('/api/program/tasks?year=2022&mine=true')).json().tasks.find((t: { taskId: string }) => t.taskId === 'L3');
    const outside = await agency.request('PATCH', '/api/program/tasks/GL-2022/L3', { status: 'in_progress', dueDate: '2026-01-15', version: task.version }, { 'accept-language': 'en' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors).toEqual([{ field: 'dueDate', message: 'The date 2026-01-15 is outside the program period 2021–2025.' }]);
    const lateDone = await agency.request('PATCH', '/api/program/tasks/GL-2022/L3', { status: 'done', completedOn: '2020-12-31', version: task.version });
    expect(lateDone.json().errors[0].field).toBe('completedOn');
    const unchanged = await db().selectFrom('plan_task').select(['status', 'due_date', 'version']).where('task_id', '=', 'L3').executeTakeFirstOrThrow();
    expect(unchanged).toMatchObject({ status: task.status, version: task.version });
    const moved = await patch(agency, '/api/program/tasks/GL-2022/L3', { status: 'in_progress', dueDate: '2022-10-31', version: task.version });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'in_progress', dueDate: '2022-10-31' });
    await loadProgramData(database.handle.db);
    const row = await db().selectFrom('plan_task').select(['due_date', 'due_date_set_by']).where('task_id', '=', 'L3').executeTakeFirstOrThrow();
    expect(row.due_date).toBe('2022-10-31');
    expect(row.due_date_set_by).not.toBeNull();
  });
});

describe('budget and the counterpart rule', () => {
  const line = {
    programCode: OLD,
    year: 2025,
    projectCode: 'P3',
    unitCode: '52',
    source: 'central',
    kind: 'recurrent',
    planned: 1_200_000_000,
    allocated: 1_000_000_000,
    disbursements: [{ month: 3, amount: 200_000_000 }, { month: 6, amount: 300_000_000 }],
  };

  it('checks the counterpart against the band chosen by the budget dependence', async () => {
    const admin = await as('admin');
    const agency = await as('agency');
    expect((await put(agency, `/api/program/years/${OLD}/2025`, { centralDependencePercent: 75 })).statusCode).toBe(403);
    expect((await put(admin, `/api/program/years/${OLD}/2025`, { centralDependencePercent: 75 })).statusCode).toBe(200);
    const central = await agency.post('/api/program/budget-lines', line);
    expect(central.statusCode).toBe(201);
    const local = await agency.post('/api/program/budget-lines', { ...line, source: 'provincial_counterpart', planned: 20_000_000, allocated: 20_000_000, disbursements: [] });
    expect(local.statusCode).toBe(201);
    let budget = (await agency.get(`/api/program/budget?programCode=${OLD}&year=2025`)).json();
    expect(budget.counterpart).toMatchObject({ requiredPercent: 3, requiredAmount: 30_000_000, counterpart: 20_000_000, met: false, shortfall: 10_000_000 });
    expect(budget.totals[0]).toMatchObject({ source: 'central', allocated: 1_000_000_000, disbursed: 500_000_000, recurrent: 1_000_000_000 });

    const raised = await put(agency, `/api/program/budget-lines/${local.json().id}`, { planned: 30_000_000, allocated: 30_000_000, disbursements: [], version: 1 });
    expect(raised.statusCode).toBe(200);
    budget = (await agency.get(`/api/program/budget?programCode=${OLD}&year=2025`)).json();
    expect(budget.counterpart).toMatchObject({ met: true, shortfall: 0 });

    // 60 % dependence asks for 10 %.
    await put(admin, `/api/program/years/${OLD}/2025`, { centralDependencePercent: 60 });
    budget = (await agency.get(`/api/program/budget?programCode=${OLD}&year=2025`)).json();
    expect(budget.counterpart).toMatchObject({ requiredPercent: 10, requiredAmount: 100_000_000, met: false });
    await put(admin, `/api/program/years/${OLD}/2025`, { centralDependencePercent: 75 });
    const stale = await put(agency, `/api/program/budget-lines/${local.json().id}`, { planned: 1, allocated: 1, disbursements: [], version: 1 });
    expect(stale.statusCode).toBe(409);
  });

  it('lets an agency write only its own projects, and other roles none', async () => {
    const before = await count('budget_line');
    const p5 = await (await as('agency')).post('/api/program/budget-lines', { ...line, projectCode: 'P5' });
    expect(p5.statusCode).toBe(403);
    expect(p5.headers['content-type']).toMatch(/problem\+json/);
    for (const user of ['commune', 'district', 'reviewer', 'supervisor']) {
      expect((await (await as(user)).post('/api/program/budget-lines', { ...line, kind: 'investment' })).statusCode, user).toBe(403);
    }
    expect((await (await as('housing')).post('/api/program/budget-lines', { ...line, kind: 'investment' })).statusCode).toBe(403);
    expect((await (await as('housing')).post('/api/program/budget-lines', { ...line, projectCode: 'P5', kind: 'investment' })).statusCode).toBe(201);
    expect(await count('budget_line')).toBe(before + 1);
    // Nor may an agency change another agency's line.
    const p3 = (await (await as('housing')).get(`/api/program/budget?programCode=${OLD}&year=2025`)).json().lines.find((l: { projectCode: string }) => l.projectCode === 'P3');
    const foreign = await put(await as('housing'), `/api/program/budget-lines/${p3.id}`, { planned: 1, allocated: 1, disbursements: [], version: p3.version });
    expect(foreign.statusCode).toBe(403);
    expect((await db().selectFrom('budget_line').select('allocated').where('id', '=', p3.id).executeTakeFirstOrThrow()).allocated).toBe(p3.allocated);
  });

  it('refuses negative amounts, disbursement beyond allocation and years outside the period, saving nothing', async () => {
    const agency = await as('agency');
    const before = await count('budget_line');
    const negative = await agency.post('/api/program/budget-lines', { ...line, projectCode: 'P3.SP1', planned: -5 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors.map((e: { field: string }) => e.field)).toContain('planned');
    const beyond = await agency.post('/api/program/budget-lines', { ...line, projectCode: 'P3.SP1', allocated: 400_000_000, disbursements: [{ month: 1, amount: 300_000_000 }, { month: 2, amount: 200_000_000 }] });
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json().errors).toEqual([{ field: 'disbursements', message: expect.stringContaining('500.000.000') }]);
    const english = await agency.request('POST', '/api/program/budget-lines', { ...line, projectCode: 'P3.SP1', year: 2020 }, { 'accept-language': 'en' });
    expect(english.statusCode).toBe(403); // P3.SP1 has no 2020 agency: refused before the year check
    const admin = await as('admin');
    const outside = await admin.request('POST', '/api/program/budget-lines', { ...line, projectCode: 'P3.SP1', year: 2026 }, { 'accept-language': 'en' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors).toEqual([{ field: 'year', message: 'The year 2026 is outside the program period 2021–2025.' }]);
    const existing = (await agency.get(`/api/program/budget?programCode=${OLD}&year=2025`)).json().lines[0];
    const overDisbursed = await put(agency, `/api/program/budget-lines/${existing.id}`, { planned: existing.planned, allocated: 100, disbursements: [{ month: 1, amount: 101 }], version: existing.version });
    expect(overDisbursed.statusCode).toBe(422);
    expect(await count('budget_line')).toBe(before);
    const after = (await agency.get(`/api/program/budget?programCode=${OLD}&year=2025`)).json().lines[0];
    expect(after).toEqual(existing);
  });
});

describe('allocation by points', () => {
  const model = {
    programCode: OLD,
    year: 2025,
    projectCode: 'P3',
    source: 'central',
    criteria: [
      { code: 'poor_household', coefficient: 1 },
      { code: 'near_poor_household', coefficient: 0.5 },
      { code: 'ethnic_minority_poor_household', coefficient: 0.3 },
    ],
  };

  it('previews shares that sum to the total to the đồng, with caps and minimums', async () => {
    const agency = await as('agency');
    const counts = (await agency.get('/api/program/allocation-counts?year=2025')).json().units;
        const withPoor = counts.filter((u: { counts: Record<string, number> }) => u.counts.poor_household! + u.counts.near_poor_household! > 0);
    expect(withPoor.length).toBeGreaterThanOrEqual(3);
    // Only the model's criteria: a count of a criterion the model lacks is refused (unknown_criterion).
    const units = withPoor.slice(0, 6).map((u: { code: string; counts: Record<string, number> }) => ({
      code: u.code,
      counts: Object.fromEntries(model.criteria.map((c) => [c.code, u.counts[c.code] ?? 0])),
    }));
    const before = await count('allocation_model');
    const preview = await agency.post('/api/program/allocations/preview', { ...model, total: 999_999_999, units, minimumShare: 0.05, maximumShare: 0.4 });
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    const sum = body.shares.reduce((total: number, share: { amount: number }) => total + share.amount, 0);
    expect(sum).toBe(999_999_999);
    for (const share of body.shares) {
      if (share.points > 0) {
        expect(share.amount).toBeGreaterThanOrEqual(50_000_000);
        expect(share.amount).toBeLessThanOrEqual(399_999_999);
      }
    }
    expect(body.available).toBe(1_000_000_000);
    expect(await count('allocation_model')).toBe(before);
  });

  it('saves a model with its resolution, and refuses one that exceeds the budget left', async () => {
    const agency = await as('agency');
    const units = [{ code: '23830', counts: { poor_household: 2 } }, { code: '23827', counts: { poor_household: 1 } }];
    const save = { ...model, units, name: 'Phân bổ TDA1 2025', resolutionNumber: '15/2025/NQ-HĐND', resolutionDate: '2025-03-20' };
    const before = await count('allocation_model');
    const tooMuch = await agency.post('/api/program/allocations', { ...save, total: 1_000_000_001 });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0].field).toBe('total');
    expect(await count('allocation_model')).toBe(before);
    const saved = await agency.post('/api/program/allocations', { ...save, total: 600_000_000 });
    expect(saved.statusCode).toBe(201);
    expect(saved.json().shares.map((s: { amount: number }) => s.amount)).toEqual([400_000_000, 200_000_000]);
    const second = await agency.post('/api/program/allocations', { ...save, total: 400_000_001 });
    expect(second.statusCode).toBe(422);
    const list = (await (await as('supervisor')).get(`/api/program/allocations?programCode=${OLD}&year=2025`)).json();
    expect(list.models).toEqual([
      expect.objectContaining({ resolutionNumber: '15/2025/NQ-HĐND', resolutionDate: '2025-03-20', total: 600_000_000 }),
    ]);
    expect((await (await as('housing')).post('/api/program/allocations', { ...save, total: 1 })).statusCode).toBe(403);
  });

  it('refuses a model that cannot be allocated, naming the field', async () => {
    const agency = await as('agency');
    const units = [{ code: '23830', counts: { poor_household: 2 } }, { code: '23827', counts: { poor_household: 1 } }];
    const minimums = await agency.post('/api/program/allocations/preview', { ...model, units, total: 100, minimumShare: 0.6 });
    expect(minimums.statusCode).toBe(422);
    expect(minimums.json().errors[0].field).toBe('minimumShare');
    const negative = await agency.post('/api/program/allocations/preview', { ...model, units, total: -100 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].field).toBe('total');
  });
});

describe('poor units and the 2025 communes in allocation', () => {
  type CountedUnit = { code: string; members: string[]; counts: Record<string, number> };
  const get = async (query: string) => (await (await as('admin')).get(`/api/program/allocation-counts?${query}`)).json() as { asOf: string; units: CountedUnit[] };

  it('flags the units of a poor district for the years of its list', async () => {
    const before = await get('year=2025&date=2025-03-01');
    const districtOf = new Map(
      (await db().selectFrom('admin_unit').select(['code', 'parent_code']).where('level', '=', 'commune').where('valid_to', 'is not', null).execute()).map((u) => [u.code, u.parent_code]),
    );
    expect(before.units.length).toBeGreaterThan(20);
    for (const unit of before.units) expect(unit.counts.poor_district, unit.code).toBe(districtOf.get(unit.code) === '630' ? 1 : 0);
    expect(before.units.some((u) => u.counts.poor_district === 1)).toBe(true);
    expect(before.units.every((u) => u.counts.poor_commune === 0)).toBe(true);
    // Decision 353's list covers 2021–2025 only.
    expect((await get('year=2026&date=2026-03-01')).units.every((u) => u.counts.poor_district === 0)).toBe(true);
  });

  it('sums the old communes into the new ones for a resolution from 1 July 2025, keeping every household', async () => {
    const old = await get('year=2025&date=2025-06-30');
    const merged = await get('year=2025&date=2025-07-01');
    const total = (units: CountedUnit[], key: string) => units.reduce((sum, u) => sum + (u.counts[key] ?? 0), 0);
    for (const key of ['poor_household', 'near_poor_household', 'ethnic_minority_poor_household']) expect(total(merged.units, key)).toBe(total(old.units, key));
    expect(merged.units.length).toBeLessThan(old.units.length);
    const successor = await db().selectFrom('unit_succession').select(['old_code', 'new_code']).where('effective_date', '=', '2025-07-01').execute();
    const group = merged.units.find((u) => u.members.length >= 2)!;
    expect(group).toBeDefined();
    for (const member of group.members) expect(successor.some((s) => s.old_code === member && s.new_code === group.code)).toBe(true);
    const sum = group.members.reduce((n, code) => n + (old.units.find((u) => u.code === code)?.counts.poor_household ?? 0), 0);
    expect(group.counts.poor_household).toBe(sum);
    // A new commune that took in part of Kông Chro keeps the poor-district flag for 2025.
    expect(merged.units.find((u) => u.code === '23830')?.counts.poor_district).toBe(1);
  });

  it('allocates with the poor-district criterion, and refuses units not in force on the resolution date', async () => {
    const agency = await as('agency');
    const model = {
      programCode: OLD,
      year: 2025,
      projectCode: 'P3',
      source: 'central',
      total: 100_000_000,
      criteria: [{ code: 'poor_household', coefficient: 1 }, { code: 'poor_district', coefficient: 2 }],
    };
    const units = [{ code: '23830', counts: { poor_household: 1, poor_district: 1 } }, { code: '23563', counts: { poor_household: 1, poor_district: 0 } }];
    const preview = await agency.post('/api/program/allocations/preview', { ...model, units, resolutionNumber: '20/2025/NQ-HĐND', resolutionDate: '2025-08-01' });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ asOf: '2025-08-01', resolutionNumber: '20/2025/NQ-HĐND', totalPoints: 4 });
    expect(preview.json().shares.map((s: { amount: number }) => s.amount)).toEqual([75_000_000, 25_000_000]);
    expect(preview.json().shares[0].name).toBe('Xã Chư Krey');
    const stale = await agency.request('POST', '/api/program/allocations/preview', { ...model, units: [{ code: '23827', counts: { poor_household: 1 } }], resolutionDate: '2025-08-01' }, { 'accept-language': 'en' });
    expect(stale.statusCode).toBe(422);
    expect(stale.json().errors).toEqual([{ field: 'units[0].code', message: expect.stringContaining('23827 is not in force on 2025-08-01') }]);
  });
});

describe('output indicators', () => {
  it('lets the agency set targets and actuals of its projects only', async () => {
    const agency = await as('agency');
    const created = await agency.post('/api/program/outputs', { projectCode: 'P3.SP1', year: 2025, name: 'Mô hình sản xuất', unitOfMeasure: 'mô hình', target: 12 });
    expect(created.statusCode).toBe(201);
    expect((await agency.post('/api/program/outputs', { projectCode: 'P5', year: 2025, name: 'Nhà ở', unitOfMeasure: 'căn', target: 100 })).statusCode).toBe(403);
    const updated = await put(agency, `/api/program/outputs/${created.json().id}`, { target: 12, actual: 9, version: 1 });
    expect(updated.statusCode).toBe(200);
    const list = (await (await as('commune')).get(`/api/program/outputs?programCode=${OLD}&year=2025`)).json();
    expect(list.outputs).toEqual([expect.objectContaining({ projectCode: 'P3.SP1', target: 12, actual: 9, canEdit: false })]);
    expect((await (await as('agency')).get(`/api/program/outputs?programCode=${OLD}&year=2025`)).json().outputs[0].canEdit).toBe(true);
    // Another agency may read it but not change it.
    expect((await put(await as('housing'), `/api/program/outputs/${created.json().id}`, { target: 1, actual: 1, version: 2 })).statusCode).toBe(403);
  });

  it('refuses a year outside the period and negative figures, saving nothing', async () => {
    const agency = await as('agency');
    const before = await count('output_indicator');
    const outside = await agency.request('POST', '/api/program/outputs', { projectCode: 'P3', year: 2026, name: 'X', unitOfMeasure: 'hộ', target: 1 }, { 'accept-language': 'en' });
    expect(outside.statusCode).toBe(403); // the agency has no role on P3 in 2026
    const admin = await as('admin');
    const outsideAdmin = await admin.request('POST', '/api/program/outputs', { projectCode: 'P3', year: 2026, name: 'X', unitOfMeasure: 'hộ', target: 1 }, { 'accept-language': 'en' });
    expect(outsideAdmin.statusCode).toBe(422);
    expect(outsideAdmin.json().errors).toEqual([{ field: 'year', message: 'The year 2026 is outside the program period 2021–2025.' }]);
    const negative = await agency.post('/api/program/outputs', { projectCode: 'P3', year: 2025, name: 'X', unitOfMeasure: 'hộ', target: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].field).toBe('target');
    expect(await count('output_indicator')).toBe(before);
  });
});

describe('support plans', () => {
  let inScope: { code: string; deprivations: string[]; communeCode: string };
  let outOfScope: string;

  beforeAll(async () => {
    const communeGaps = (await (await as('commune')).get('/api/program/support-gaps')).json();
    inScope = communeGaps.households.find((h: { deprivations: string[] }) => h.deprivations.length >= 2) ?? communeGaps.households[0];
    expect(inScope).toBeDefined();
    const communes = new Set(communeGaps.byUnit.map((u: { communeCode: string }) => u.communeCode));
    const all = (await (await as('admin')).get('/api/program/support-gaps')).json();
    outOfScope = all.households.find((h: { communeCode: string }) => !communes.has(h.communeCode)).code;
  });

  it('derives the needs from the household’s deprivations through the catalog', async () => {
    const response = await (await as('commune')).get(`/api/program/households/${inScope.code}/support-plan`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.needs.map((n: { indicator: string }) => n.indicator)).toEqual(inScope.deprivations);
    expect(body.plan).toBeNull();
    expect(body.canEdit).toBe(true);
    const latrine = body.needs.find((n: { indicator: string }) => n.indicator === 'latrine');
    if (latrine) expect(latrine.supportCodes).toEqual(['latrine', 'preferential_credit']);
  });

  it('makes a plan with a helper and a support, and completes it; every change audited', async () => {
    const commune = await as('commune');
    const url = `/api/program/households/${inScope.code}/support-plan`;
    const plan = await put(commune, url, { programCode: OLD, helperName: 'Hội Phụ nữ xã', helperKind: 'organisation' });
    expect(plan.statusCode).toBe(200);
    const item = await commune.post(`${url}/items`, { supportCode: 'latrine', amount: 3_000_000, fundingProjectCode: 'P3', plannedDate: '2025-05-01' });
    expect(item.statusCode).toBe(201);
    const read = (await commune.get(url)).json();
    // Natural Resources and Environment's latrine support passed to Agriculture and Environment in 2025.
    expect(read.items).toEqual([expect.objectContaining({ supportCode: 'latrine', agencyCode: 'SNNMT', amount: 3_000_000, status: 'planned' })]);
    expect(read.plan).toEqual({ helperName: 'Hội Phụ nữ xã', helperKind: 'organisation', version: 1 });
    const done = await put(commune, `${url}/items/${item.json().id}`, {
      supportCode: 'latrine',
      agencyCode: 'SNNMT',
      amount: 3_000_000,
      fundingProjectCode: 'P3',
      status: 'done',
      plannedDate: '2025-05-01',
      completedDate: '2025-08-15',
      version: 1,
    });
    expect(done.statusCode).toBe(200);
    const completed = (await commune.get(url)).json();
    expect(completed.items[0]).toMatchObject({ status: 'done', completedDate: '2025-08-15', version: 2 });
    if (completed.needs.some((n: { indicator: string }) => n.indicator === 'latrine')) expect(completed.openNeeds).not.toContain('latrine');
    const audits = await database.handle.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', 'in', ['support_plan', 'support_item']).execute();
    expect(audits).toEqual(
      expect.arrayContaining([
        { action: 'create', entity: 'support_plan' },
        { action: 'create', entity: 'support_item' },
        { action: 'update', entity: 'support_item' },
      ]),
    );
  });

  it('refuses supports outside the program period or with negative amounts, saving nothing', async () => {
    const commune = await as('commune');
    const url = `/api/program/households/${inScope.code}/support-plan/items`;
    const before = await count('support_item');
    const outside = await commune.request('POST', url, { supportCode: 'housing', amount: 1, plannedDate: '2026-01-01' }, { 'accept-language': 'en' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors).toEqual([{ field: 'plannedDate', message: 'The date 2026-01-01 is outside the program period 2021–2025.' }]);
    const negative = await commune.post(url, { supportCode: 'housing', amount: -1, plannedDate: '2025-01-01' });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].field).toBe('amount');
    const doneWithoutDate = await commune.post(url, { supportCode: 'housing', amount: 1, plannedDate: '2025-01-01', status: 'done' });
    expect(doneWithoutDate.statusCode).toBe(422);
    const wrongProject = await commune.post(url, { supportCode: 'housing', amount: 1, plannedDate: '2025-01-01', fundingProjectCode: 'NTP26.C2' });
    expect(wrongProject.json().errors[0].field).toBe('fundingProjectCode');
    expect(await count('support_item')).toBe(before);
  });

  it('answers 404 for a household outside the commune officer’s scope and saves nothing', async () => {
    const commune = await as('commune');
    const url = `/api/program/households/${outOfScope}/support-plan`;
    const plans = await count('support_plan');
    expect((await commune.get(url)).statusCode).toBe(404);
    expect((await put(commune, url, { helperName: 'X', helperKind: 'person' })).statusCode).toBe(404);
    expect((await commune.post(`${url}/items`, { supportCode: 'housing', amount: 1, plannedDate: '2025-01-01' })).statusCode).toBe(404);
    expect((await (await as('reviewer')).get(url)).statusCode).toBe(404);
    expect(await count('support_plan')).toBe(plans);
    // The province sees it.
    expect((await (await as('admin')).get(url)).statusCode).toBe(200);
  });

  it('gives a district officer the plans of its district only', async () => {
    const district = await as('district');
    const inDistrict = (await district.get('/api/program/support-gaps')).json();
    const districtCommunes = new Set(inDistrict.byUnit.map((u: { communeCode: string }) => u.communeCode));
    expect(districtCommunes.has(inScope.communeCode)).toBe(true);
    const all = (await (await as('admin')).get('/api/program/support-gaps')).json();
    const elsewhere = all.households.find((h: { communeCode: string }) => !districtCommunes.has(h.communeCode)).code;
    const plans = await count('support_plan');
    expect((await district.get(`/api/program/households/${elsewhere}/support-plan`)).statusCode).toBe(404);
    expect((await put(district, `/api/program/households/${elsewhere}/support-plan`, { helperName: 'X', helperKind: 'person' })).statusCode).toBe(404);
    expect(await count('support_plan')).toBe(plans);
    expect((await district.get(`/api/program/households/${inScope.code}/support-plan`)).statusCode).toBe(200);
  });

  it('lets only the admin, district and commune officers write plans (403), everyone in scope read', async () => {
    const url = `/api/program/households/${inScope.code}/support-plan`;
    for (const user of ['agency', 'reviewer', 'supervisor']) {
      const client = await as(user);
      expect((await client.get(url)).statusCode, user).toBe(200);
      expect((await put(client, url, { helperName: 'X', helperKind: 'person', version: 1 })).statusCode, user).toBe(403);
    }
    const stale = await put(await as('district'), url, { helperName: 'Nguyễn Văn A', helperKind: 'person', version: 99 });
    expect(stale.statusCode).toBe(409);
  });

  it('lists poor and near-poor households lacking a plan or a helper, by commune, within scope', async () => {
    const commune = await as('commune');
    const gaps = (await commune.get('/api/program/support-gaps')).json();
    expect(gaps.households.map((h: { code: string }) => h.code)).not.toContain(inScope.code);
    const row = gaps.byUnit.find((u: { communeCode: string }) => u.communeCode === inScope.communeCode);
    expect(row.households - row.withoutPlan).toBeGreaterThanOrEqual(1);
    const province = (await (await as('admin')).get('/api/program/support-gaps')).json();
    expect(province.byUnit.length).toBeGreaterThan(gaps.byUnit.length);

    const url = `/api/program/households/${inScope.code}/support-plan`;
    const current = (await commune.get(url)).json().plan;
    await put(commune, url, { helperName: null, helperKind: null, version: current.version });
    const helperless = (await commune.get('/api/program/support-gaps?lacking=helper')).json();
    expect(helperless.households.map((h: { code: string }) => h.code)).toContain(inScope.code);
  });
});

describe('twinning and sponsorship', () => {
  it('records an agency’s own twinning; other agencies and roles are refused; lists follow scope', async () => {
    const agency = await as('agency');
    const body = { agencyCode: 'SNNMT', communeCode: '23830', kind: 'twinning', startDate: '2025-01-01' };
    expect((await agency.post('/api/program/twinnings', body)).statusCode).toBe(201);
    expect((await agency.post('/api/program/twinnings', { ...body, agencyCode: 'SXD' })).statusCode).toBe(403);
    expect((await (await as('commune')).post('/api/program/twinnings', body)).statusCode).toBe(403);
    const badDates = await agency.post('/api/program/twinnings', { ...body, endDate: '2024-01-01' });
    expect(badDates.statusCode).toBe(422);
    expect((await (await as('commune')).get('/api/program/twinnings')).json().twinnings).toHaveLength(1);
    expect(await count('twinning')).toBe(1);
  });
});
