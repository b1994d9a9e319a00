/**
 * Targets and the dashboard over HTTP on a real database, with a hand-made province whose
 * figures are checked by hand: three communes, two of them in Kông Chro (both merged into the
 * new commune Ya Ma in 2025), recognised at the end of 2021 and of 2022.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { loadPlanTargets } from '../../src/modules/targets/plan-targets.js';
import { refreshAggregates } from '../../src/modules/targets/refresh-aggregates.js';
import { createUser } from '../../src/modules/users/users.service.js';
import { buildApp } from '../../src/server/app.js';
import { type ApiClient, apiClient } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const PASSWORD = 'mat-khau-thu-nghiem-1';
let database: TestDatabase;
let app: FastifyInstance;
let provinceCode: string;
const clients: Record<string, ApiClient> = {};

type Status = 'poor' | 'near_poor' | 'not_poor';
/** [household, ethnic minority?, status end-2021, status end-2022]; poor households lack 3 indicators. */
type Household = [string, boolean, Status, Status];

const KONG_YANG = '23833';
const DAK_TO_PANG = '23836';
const YEN_DO = '23557';
const fixture: Record<string, Household[]> = {
  // Kông Yang: 10 households, all ethnic minority; 5 poor → 3 (one became near-poor, one escaped).
  [KONG_YANG]: [
    ['A01', true, 'poor', 'poor'], ['A02', true, 'poor', 'poor'], ['A03', true, 'poor', 'poor'],
    ['A04', true, 'poor', 'near_poor'], ['A05', true, 'poor', 'not_poor'],
    ['A06', true, 'near_poor', 'near_poor'], ['A07', true, 'near_poor', 'near_poor'],
    ['A08', true, 'not_poor', 'not_poor'], ['A09', true, 'not_poor', 'not_poor'], ['A10', true, 'not_poor', 'not_poor'],
  ],
  // Đăk Tơ Pang: 10 households, 5 ethnic minority; the ethnic-minority poor household escapes.
  [DAK_TO_PANG]: [
    ['B01', true, 'poor', 'not_poor'], ['B02', false, 'poor', 'poor'],
    ['B03', true, 'not_poor', 'not_poor'], ['B04', true, 'not_poor', 'not_poor'], ['B05', true, 'not_poor', 'not_poor'], ['B06', true, 'not_poor', 'not_poor'],
    ['B07', false, 'not_poor', 'not_poor'], ['B08', false, 'not_poor', 'not_poor'], ['B09', false, 'not_poor', 'not_poor'], ['B10', false, 'not_poor', 'not_poor'],
  ],
  // Yên Đỗ (Pleiku): 20 Kinh households, 2 poor both years.
  [YEN_DO]: Array.from({ length: 20 }, (_, i): Household => [`C${String(i + 1).padStart(2, '0')}`, false, i < 2 ? 'poor' : 'not_poor', i < 2 ? 'poor' : 'not_poor']),
};

const POOR_DEPRIVATIONS = ['employment', 'health_insurance', 'water_source'];

async function seedFixture(): Promise<void> {
  const { db } = database.handle;
  for (const [commune, households] of Object.entries(fixture)) {
    for (const [code, minority] of households) {
      await sql`insert into household (province_code, code, commune_code, village, address, head_name, area, head_ethnic_code)
                values (${provinceCode}, ${code}, ${commune}, 'Thôn 1', 'Thôn 1', ${`Chủ hộ ${code}`}, 'rural', ${minority ? '05' : '01'})`.execute(db);
    }
    for (const [index, year] of [2021, 2022].entries()) {
      const round = await sql<{ id: number }>`insert into review_round (province_code, kind, commune_code, period, starts_on, ends_on, status)
                values (${provinceCode}, 'periodic', ${commune}, ${String(year)}, ${`${year}-09-01`}, ${`${year}-12-14`}, 'closed') returning id`.execute(db);
      const roundId = round.rows[0]!.id;
      for (const [code, minority, ...statuses] of households) {
        const status = statuses[index]!;
        const deprivations = status === 'poor' ? POOR_DEPRIVATIONS : status === 'near_poor' ? ['employment'] : [];
        await sql`insert into review_result (province_code, household_code, round_id, commune_code, village, head_name, head_ethnic_code, area, decided_on,
                    decision_number, review_year, standard_id, status, deprivations, deprivation_count, persons, facts)
                  values (${provinceCode}, ${code}, ${roundId}, ${commune}, 'Thôn 1', ${`Chủ hộ ${code}`}, ${minority ? '05' : '01'}, 'rural', ${`${year}-11-20`},
                    '01/QĐ-UBND', ${year + 1}, 'VN-MPS-2022', ${status}, ${sql.val(deprivations)}::text[], ${deprivations.length}, 4, '{}'::jsonb)`.execute(db);
      }
    }
  }
}

async function signIn(username: string): Promise<ApiClient> {
  const client = apiClient(app);
  expect((await client.login(username, PASSWORD)).statusCode).toBe(200);
  return client;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database.handle;
  provinceCode = (await readProvinceSetting(db)).code;
  await seedFixture();
  await db.transaction().execute((trx) => refreshAggregates(trx, provinceCode));
  // The test database, like a started server, already holds the plan's 3 targets: loading again adds none.
  expect(await loadPlanTargets(db)).toBe(0);
  const planTargets = await sql<{ n: number }>`select count(*)::int as n from target`.execute(db);
  expect(planTargets.rows[0]?.n).toBe(3);
  const users = [
    { username: 'tinh', role: 'province_admin', unitCode: provinceCode },
    { username: 'huyen', role: 'district_officer', unitCode: '630' },
    { username: 'canboxa', role: 'commune_officer', unitCode: DAK_TO_PANG },
    { username: 'giamsat', role: 'supervisor', unitCode: provinceCode },
  ] as const;
  for (const user of users) await createUser(db, { ...user, password: PASSWORD, communeCodes: [], isDemo: false, displayName: user.username });
  app = await buildApp({ handle: database.handle, province: await readProvinceSetting(db), demoUsers: [], version: 'test' });
  for (const user of users) clients[user.username] = await signIn(user.username);
});

afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

describe('the province dashboard (hand-checked)', () => {
  it('gives the old province 64 by default: 40 households, 9 poor (22.5 %) → 6 poor (15 %)', async () => {
    const response = await clients.tinh!.get('/api/dashboard');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.unit).toMatchObject({ code: '64', level: 'province' });
    expect(body.year).toBe(2022);
    expect(body.years).toEqual([2021, 2022]);
    expect(body.summary).toMatchObject({ households: 40, persons: 160, poor: 6, nearPoor: 3, poorRate: 15, ethnicMinorityHouseholds: 15, ethnicMinorityPoor: 3, ethnicMinorityPoorRate: 20, escapedPoverty: 3 });
    expect(body.trend.map((p: { year: number; poorRate: number; standardBreak: boolean }) => [p.year, p.poorRate, p.standardBreak])).toEqual([[2021, 22.5, false], [2022, 15, false]]);
    expect(body.ethnicity.other).toEqual({ households: 25, poor: 3, nearPoor: 0, poorRate: 12, nearPoorRate: 0 });
  });

  it('marks the plan targets: poor rate −7.5 points against −2, ethnic minority −20 against "more than −3"', async () => {
    const body = (await clients.tinh!.get('/api/dashboard?year=2022')).json();
    const byIndicator = Object.fromEntries(body.targets.map((t: { indicator: string }) => [t.indicator, t]));
    expect(byIndicator.poor_rate).toMatchObject({ value: -2, comparator: 'at_most', baseline: 22.5, actual: 15, measured: -7.5, met: true, mark: 'on_track', source: 'plan:GL-2022/T1' });
    expect(byIndicator.ethnic_minority_poor_rate).toMatchObject({ baseline: 40, actual: 20, measured: -20, mark: 'on_track' });
  });

  it('drills down to the districts, and Kông Chro to its communes', async () => {
    const province = (await clients.tinh!.get('/api/dashboard')).json();
    expect(province.children.map((c: { code: string; households: number; poor: number }) => [c.code, c.households, c.poor])).toEqual([['622', 20, 2], ['630', 20, 4]]);
    const pleiku = province.children.find((c: { code: string }) => c.code === '622');
    // Pleiku has no target of its own: it inherits the province's −2 and stays at 10 %.
    expect(pleiku.targets.find((t: { indicator: string }) => t.indicator === 'poor_rate')).toMatchObject({ inherited: true, measured: 0, mark: 'off_track' });
    expect(province.whereToAct[0]).toMatchObject({ unitCode: '622', indicator: 'poor_rate', shortfall: 2 });
    expect(province.whereToAct[0].topIndicators.map((t: { code: string }) => t.code).sort()).toEqual(['employment', 'health_insurance', 'water_source']);

    const kongChro = (await clients.tinh!.get('/api/dashboard?unit=630')).json();
    expect(kongChro.unit).toMatchObject({ code: '630', level: 'district', name: 'Huyện Kông Chro' });
    expect(kongChro.summary).toMatchObject({ households: 20, poor: 4, poorRate: 20 });
    expect(kongChro.targets[0]).toMatchObject({ source: 'plan:GL-2022/T3', baseline: 35, actual: 20, measured: -15, mark: 'on_track' });
    expect(kongChro.children.map((c: { code: string; poorRate: number }) => [c.code, c.poorRate])).toEqual([[KONG_YANG, 30], [DAK_TO_PANG, 10]]);
  });

  it('gives the indicator profile of poor and near-poor households and the Alkire–Foster measures', async () => {
    const body = (await clients.tinh!.get('/api/dashboard')).json();
    const employment = body.profile.find((p: { code: string }) => p.code === 'employment');
    expect(employment).toEqual({ code: 'employment', poor: 6, nearPoor: 3, poorShare: 100, nearPoorShare: 100 });
    // 6 of 40 households lack 3 of 12 indicators: H = 0.15, A = 0.25, M0 = 0.0375.
    expect(body.af.H).toBeCloseTo(0.15, 12);
    expect(body.af.A).toBeCloseTo(0.25, 12);
    expect(body.af.M0).toBeCloseTo(0.0375, 12);
    expect(body.af.contribution.employment).toBeCloseTo(100 / 3, 9);
  });

  it('rolls old communes up to the new commune through the 2025 succession', async () => {
    const body = (await clients.tinh!.get(`/api/dashboard?unit=${KONG_YANG}&level=new_commune`)).json();
    expect(body.unit).toMatchObject({ level: 'new_commune', name: 'Xã Ya Ma' });
    expect(body.summary).toMatchObject({ households: 20, poor: 4 });
    const old = (await clients.tinh!.get(`/api/dashboard?unit=${KONG_YANG}`)).json();
    expect(old.unit).toMatchObject({ level: 'commune', name: 'Xã Kông Yang', parentCode: '630' });
    expect(old.summary).toMatchObject({ households: 10, poor: 3 });
  });
});

describe('scope', () => {
  it('a commune officer sees only their commune', async () => {
    const own = await clients.canboxa!.get('/api/dashboard');
    expect(own.statusCode).toBe(200);
    // No way up: the district is outside the officer's scope.
    expect(own.json().unit).toMatchObject({ code: DAK_TO_PANG, parentCode: null });
    expect(own.json().summary).toMatchObject({ households: 10, poor: 1, poorRate: 10 });
    expect((await clients.canboxa!.get('/api/dashboard?unit=64')).statusCode).toBe(404);
    expect((await clients.canboxa!.get(`/api/dashboard?unit=${KONG_YANG}`)).statusCode).toBe(404);
    expect((await clients.canboxa!.get('/api/targets')).json().targets).toEqual([]);
  });

  it('a district officer sees the district and its communes, with its own target', async () => {
    const body = (await clients.huyen!.get('/api/dashboard')).json();
    expect(body.unit.code).toBe('630');
    expect(body.children).toHaveLength(2);
    expect((await clients.huyen!.get('/api/targets')).json().targets.map((t: { unitCode: string; unitName: string }) => [t.unitCode, t.unitName])).toEqual([['630', 'Huyện Kông Chro']]);
  });

  it('a supervisor reads but may not write (403)', async () => {
    expect((await clients.giamsat!.get('/api/dashboard')).statusCode).toBe(200);
    const response = await clients.giamsat!.post('/api/targets', { unitCode: '622', year: 2022, indicator: 'poor_rate', kind: 'change_points', value: -1, comparator: 'at_most' });
    expect(response.statusCode).toBe(403);
    expect((await clients.huyen!.post('/api/targets', { unitCode: '630', year: 2023, indicator: 'poor_rate', kind: 'change_points', value: -1, comparator: 'at_most' })).statusCode).toBe(403);
  });
});

describe('targets', () => {
  it('the province admin sets, edits (with version) and deletes targets; every change is audited', async () => {
    const created = await clients.tinh!.post('/api/targets', { unitCode: '622', year: 2022, indicator: 'poor_rate', kind: 'change_points', value: -0.5, comparator: 'at_most' });
    expect(created.statusCode).toBe(201);
    const target = created.json();
    expect(target).toMatchObject({ unitCode: '622', source: 'manual', version: 1 });
    expect((await clients.tinh!.post('/api/targets', { unitCode: '622', year: 2022, indicator: 'poor_rate', kind: 'level', value: 5, comparator: 'at_most' })).statusCode).toBe(409);

    const updated = await clients.tinh!.request('PUT', `/api/targets/${target.id}`, { kind: 'level', value: 10, comparator: 'at_most', version: 1 });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().version).toBe(2);
    expect((await clients.tinh!.request('PUT', `/api/targets/${target.id}`, { kind: 'level', value: 9, comparator: 'at_most', version: 1 })).statusCode).toBe(409);

    // Pleiku at 10 % meets its own level target of at most 10 %.
    const pleiku = (await clients.tinh!.get('/api/dashboard')).json().children.find((c: { code: string }) => c.code === '622');
    expect(pleiku.targets.find((t: { indicator: string }) => t.indicator === 'poor_rate')).toMatchObject({ inherited: false, kind: 'level', measured: 10, mark: 'on_track' });

    const row = await sql<{ value: number }>`select value from target where id = ${target.id}`.execute(database.handle.db);
    expect(row.rows[0]!.value).toBe(10);
    expect((await clients.tinh!.request('DELETE', `/api/targets/${target.id}?version=2`)).statusCode).toBe(204);
    const audit = await sql<{ action: string }>`select action from audit_log where entity = 'target' and entity_id = ${String(target.id)} order by id`.execute(database.handle.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['target.create', 'target.update', 'target.delete']);
  });

  it('checks that district targets add up to the province by households, not by averaging rates', async () => {
    const pleiku = (await clients.tinh!.post('/api/targets', { unitCode: '622', year: 2022, indicator: 'poor_rate', kind: 'change_points', value: 0, comparator: 'at_most' })).json();
    const body = (await clients.tinh!.get('/api/targets/cascade?year=2022&indicator=poor_rate')).json();
    // Kông Chro −5 over 20 households and Pleiku 0 over 20: −2.5 points of 40 households.
    expect(body.checks).toHaveLength(1);
    expect(body.checks[0]).toMatchObject({ unitCode: '64', baseHouseholds: 40, impliedChange: -2.5, unweightedMean: -2.5, consistent: true });
    await clients.tinh!.request('DELETE', `/api/targets/${pleiku.id}?version=1`);
  });
});

describe('the fifth indicator: poor households with a support plan', () => {
  it('counts a plan at once (no refresh), rolls it up and measures a target against it', async () => {
    const { db } = database.handle;
    // Two of the three poor households of Kông Yang at the end of 2022 get a plan.
    for (const code of ['A01', 'A02']) {
      await sql`insert into support_plan (province_code, household_code, program_code) values (${provinceCode}, ${code}, 'NTP-GNBV-2021-2025')`.execute(db);
    }
    const province = (await clients.tinh!.get('/api/dashboard?year=2022')).json();
    expect(province.summary).toMatchObject({ poor: 6, poorWithPlan: 2 });
    expect(province.summary.supportPlanShare).toBeCloseTo(100 / 3, 9);
    const kongChro = (await clients.tinh!.get('/api/dashboard?unit=630&year=2022')).json();
    expect(kongChro.children.map((c: { code: string; poorWithPlan: number; supportPlanShare: number | null }) => [c.code, c.poorWithPlan, c.supportPlanShare])).toEqual([
      [KONG_YANG, 2, (100 * 2) / 3],
      [DAK_TO_PANG, 0, 0],
    ]);

    const created = await clients.tinh!.post('/api/targets', { unitCode: '64', year: 2022, indicator: 'support_plan_share', kind: 'level', value: 100, comparator: 'at_least' });
    expect(created.statusCode).toBe(201);
    const target = (await clients.tinh!.get('/api/dashboard?year=2022')).json().targets.find((t: { indicator: string }) => t.indicator === 'support_plan_share');
    expect(target).toMatchObject({ kind: 'level', measured: 33.3333, met: false, mark: 'off_track' });
    expect(target.shortfall).toBeCloseTo(66.6667, 4);
    await clients.tinh!.request('DELETE', `/api/targets/${created.json().id}?version=1`);
    await sql`delete from support_plan where household_code in ('A01', 'A02')`.execute(db);
    expect((await clients.tinh!.get('/api/dashboard?year=2022')).json().summary.poorWithPlan).toBe(0);
  });

  it('refuses a target of an unknown indicator, naming the field, and writes nothing', async () => {
    const response = await clients.tinh!.post('/api/targets', { unitCode: '64', year: 2022, indicator: 'happiness', kind: 'level', value: 1, comparator: 'at_least' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain('indicator');
    const rows = await sql<{ n: number }>`select count(*)::int as n from target`.execute(database.handle.db);
    expect(rows.rows[0]!.n).toBe(3);
  });
});

describe('dashboard tables as files', () => {
  it('gives the units table as CSV with Vietnamese headers and the numbers of the dashboard', async () => {
    const response = await clients.tinh!.get('/api/dashboard/export?year=2022&table=units&format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('bang-dieu-khien-units-64-2022.csv');
    const [header, ...rows] = response.body.replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
    expect(header!.slice(0, 6)).toEqual(['Mã đơn vị', 'Đơn vị', 'Số hộ', 'Số khẩu', 'Số hộ nghèo', 'Tỷ lệ hộ nghèo (%)']);
    expect(rows.map((row) => [row[0], Number(row[2]), Number(row[4]), Number(row[5])])).toEqual([
      ['622', 20, 2, 10],
      ['630', 20, 4, 20],
    ]);
  });

  it('gives the trend as XLSX with numeric cells, and English headers on request', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const response = await clients.tinh!.get('/api/dashboard/export?table=trend&format=xlsx&lang=en');
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(6).value).toBe('Poverty rate (%)');
    expect([2, 3].map((r) => [sheet.getRow(r).getCell(1).value, sheet.getRow(r).getCell(4).value, sheet.getRow(r).getCell(6).value])).toEqual([
      [2021, 40, 22.5],
      [2022, 40, 15],
    ]);
  });

  it('keeps to the reader\'s scope: a commune officer cannot export the province (404)', async () => {
    expect((await clients.canboxa!.get('/api/dashboard/export?unit=64&table=units&format=csv')).statusCode).toBe(404);
    const own = await clients.canboxa!.get('/api/dashboard/export?table=profile&format=csv');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('employment');
  });
});

describe('OpenAPI', () => {
  it('documents the dashboard response', async () => {
    const doc = (await clients.tinh!.get('/api/openapi.json')).json();
    const schema = doc.paths['/api/dashboard'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['unit', 'summary', 'targets', 'children', 'trend', 'profile', 'af', 'whereToAct']));
    expect(Object.keys(schema.properties.summary.properties)).toEqual(expect.arrayContaining(['poorRate', 'supportPlanShare', 'poorWithPlan']));
    expect(doc.paths['/api/dashboard/export'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['table', 'format']));
  });
});
