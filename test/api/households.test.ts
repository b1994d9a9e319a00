/**
 * The household registry over HTTP on a real database (PGlite, and PostgreSQL in db:postgres):
 * every role's scope, writes with versions and audit, history, search without diacritics,
 * streamed exports with neutralised cells, and bad input that writes nothing.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { seedDemoProvince } from '../../src/modules/demo/demo-seed.js';
import { EXPORT_BATCH } from '../../src/modules/households/households.export.js';
import { listHouseholdPage, searchHouseholdPage } from '../../src/modules/households/households.repository.js';
import { DEMO_PASSWORD, createDemoUsers, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { buildApp } from '../../src/server/app.js';
import { type ApiClient, apiClient } from '../support/api-client.js';
import { type TestDatabase, createTestDatabase } from '../support/database.js';

/** More than one export batch, so the export is shown to stream past it. */
const HOUSEHOLDS = 1_500;
/** The demo commune officer's commune (2025) and the old commune merged into it. */
const COMMUNE_SCOPE = ['23827', '23830'];
const KONG_CHRO = '630';

let database: TestDatabase;
let app: FastifyInstance;
const clients = new Map<string, ApiClient>();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoProvince(database.handle.db, { households: HOUSEHOLDS });
  await createDemoUsers(database.handle.db);
  app = await buildApp({
    handle: database.handle,
    province: await readProvinceSetting(database.handle.db),
    demoUsers: await listDemoUsernames(database.handle.db),
    version: 'test',
    loginAttemptsPerMinute: 100,
  });
  for (const username of ['admin', 'agency', 'district', 'commune', 'reviewer', 'supervisor']) {
    const client = apiClient(app);
    expect((await client.login(username, DEMO_PASSWORD)).statusCode).toBe(200);
    clients.set(username, client);
  }
});

afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

const as = (username: string): ApiClient => {
  const client = clients.get(username);
  if (!client) throw new Error(`no client for ${username}`);
  return client;
};
const db = () => database.handle.db;
const put = (client: ApiClient, url: string, body: unknown) => client.request('PUT', url, body);

interface ListItem {
  code: string;
  communeCode: string;
  village: string;
  headName: string;
  status: string | null;
  deprivations: string[];
  ethnicMinority: boolean | null;
  match?: { fullName: string; relation: string };
}

/** Every row of a list, page by page through the cursors. */
async function listAll(client: ApiClient, query: string, limit = 200): Promise<ListItem[]> {
  const items: ListItem[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/households?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await client.get(url);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: ListItem[]; nextCursor: string | null };
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

async function communesOfDistrict(district: string): Promise<string[]> {
  const rows = await db().selectFrom('admin_unit').select('code').distinct().where('parent_code', '=', district).execute();
  return rows.map((row) => row.code);
}

/** Counts and a fingerprint of the registry, to show a failed request wrote nothing. */
async function registryState() {
  const result = await sql<{ households: number; members: number; audit: number; history: number; digest: string }>`
    select (select count(*) from household) as households,
           (select count(*) from member) as members,
           (select count(*) from audit_log) as audit,
           (select count(*) from household_history) as history,
           (select md5(string_agg(h::text, '|' order by province_code, code)) from household h) as digest
  `.execute(db());
  return result.rows[0];
}

const member = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Nguyễn Văn A',
  sex: 'male',
  birthDate: '1985-03-02',
  ethnicCode: '01',
  citizenId: '064085123456',
  relation: 'chủ hộ',
  employment: 'self_employed',
  healthInsurance: false,
  attendingSchool: false,
  educationLevel: 'lower_secondary',
  ...overrides,
});

/** A poor household by SPEC §5: income under the rural line, three indicators lacked. */
const newHousehold = (overrides: Record<string, unknown> = {}) => ({
  communeCode: '23830',
  village: 'Làng Mới',
  address: 'Làng Mới, xã Chư Krey',
  headName: 'Nguyễn Văn A',
  area: 'rural',
  headEthnicCode: '01',
  farmHousehold: true,
  surveyDate: '2024-10-01',
  incomePerCapita: 1_200_000,
  floorAreaM2: 30,
  durableWalls: true,
  durableFrame: true,
  durableRoof: false,
  waterSource: 'borehole',
  latrine: 'none',
  internetUse: false,
  informationDevices: true,
  wasteCollected: true,
  members: [
    member(),
    member({ fullName: 'Trần Thị Bình', sex: 'female', birthDate: '1988-07-09', citizenId: '064188654321', relation: 'vợ', healthInsurance: true }),
  ],
  ...overrides,
});

let created: { code: string; version: number };

describe('scope', () => {
  it('shows a commune officer only their communes, in list, count and filters', async () => {
    const items = await listAll(as('commune'), 'state=all');
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((item) => item.communeCode))).toEqual(new Set(COMMUNE_SCOPE.filter((c) => items.some((i) => i.communeCode === c))));
    const expected = await db().selectFrom('household').select(db().fn.countAll<number>().as('n')).where('commune_code', 'in', COMMUNE_SCOPE).executeTakeFirstOrThrow();
    expect(items.length).toBe(expected.n);
    expect((await as('commune').get('/api/households/count?state=all')).json().count).toBe(expected.n);
    const filters = (await as('commune').get('/api/households/filters')).json();
    expect(filters.communes.every((c: { code: string }) => COMMUNE_SCOPE.includes(c.code))).toBe(true);
    expect(filters.indicators.map((i: { code: string }) => i.code)).toContain('latrine');
    // A unit filter cannot widen the scope.
    const other = await as('commune').get('/api/households?unit=52&limit=200');
    expect(other.json().items.every((item: ListItem) => COMMUNE_SCOPE.includes(item.communeCode))).toBe(true);
  });

  it('shows a district officer the communes their district ever had', async () => {
    const communes = await communesOfDistrict(KONG_CHRO);
    const items = await listAll(as('district'), 'state=all');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => communes.includes(item.communeCode))).toBe(true);
  });

  it('shows the province admin and the supervisor the whole province; agencies read aggregates only', async () => {
    const admin = (await as('admin').get('/api/households/count')).json().count;
    expect(admin).toBe(HOUSEHOLDS);
    expect((await as('supervisor').get('/api/households/count')).json().count).toBe(HOUSEHOLDS);
    const agency = await as('agency').get('/api/households');
    expect(agency.statusCode).toBe(403);
    expect(agency.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('answers 404 for a household outside the scope, the same as for one that does not exist', async () => {
    const outside = await db().selectFrom('household').select(['code', 'version']).where('commune_code', 'not in', COMMUNE_SCOPE).limit(1).executeTakeFirstOrThrow();
    const seen = await as('commune').get(`/api/households/${outside.code}`);
    const missing = await as('commune').get('/api/households/99999-99999');
    expect(seen.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(seen.json().detail).toBe(`Không tìm thấy hộ mã ${outside.code}.`);
    expect(missing.json().detail).toBe('Không tìm thấy hộ mã 99999-99999.');
    const before = await registryState();
    expect((await put(as('commune'), `/api/households/${outside.code}`, { version: outside.version, ...newHousehold() })).statusCode).toBe(404);
    expect((await as('commune').post(`/api/households/${outside.code}/move`, { version: outside.version, communeCode: '23830', village: 'Thôn 1', date: '2025-08-01' })).statusCode).toBe(404);
    expect((await as('commune').post(`/api/households/${outside.code}/dissolve`, { version: outside.version, date: '2025-08-01', reason: 'x' })).statusCode).toBe(404);
    expect(await registryState()).toEqual(before);
    expect((await as('admin').get(`/api/households/${outside.code}`)).statusCode).toBe(200);
  });

  it('refuses writing into a commune outside the scope with 403', async () => {
    const before = await registryState();
    const response = await as('commune').post('/api/households', newHousehold({ communeCode: '23824', members: [member({ citizenId: null })] }));
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toBe('Bạn không được ghi dữ liệu hộ của đơn vị mã 23824.');
    expect(await registryState()).toEqual(before);
  });

  it('lets a supervisor read but not write (403), and masks citizen IDs for them', async () => {
    const household = await db().selectFrom('member').select('household_code').where('citizen_id', 'is not', null).limit(1).executeTakeFirstOrThrow();
    const detail = (await as('supervisor').get(`/api/households/${household.household_code}`)).json();
    expect(detail.citizenIdsMasked).toBe(true);
    const ids = detail.members.map((m: { citizenId: string | null }) => m.citizenId).filter(Boolean);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id: string) => /^\*{8}\d{4}$/.test(id))).toBe(true);
    expect(detail.permissions).toEqual({ edit: false, move: false, dissolve: false });
    const full = (await as('admin').get(`/api/households/${household.household_code}`)).json();
    expect(full.members.some((m: { citizenId: string | null }) => m.citizenId && /^\d{12}$/.test(m.citizenId))).toBe(true);

    const before = await registryState();
    expect((await as('supervisor').post('/api/households', newHousehold())).statusCode).toBe(403);
    expect((await put(as('supervisor'), `/api/households/${household.household_code}`, { version: detail.household.version, ...newHousehold() })).statusCode).toBe(403);
    expect((await as('supervisor').post(`/api/households/${household.household_code}/dissolve`, { version: detail.household.version, date: '2025-08-01', reason: 'x' })).statusCode).toBe(403);
    expect(await registryState()).toEqual(before);
  });

  it('lets a reviewer edit but not move or dissolve', async () => {
    const code = (await listAll(as('reviewer'), 'state=active'))[0]?.code ?? '';
    const detail = (await as('reviewer').get(`/api/households/${code}`)).json();
    expect(detail.permissions).toEqual({ edit: true, move: false, dissolve: false });
    const moved = await as('reviewer').post(`/api/households/${code}/move`, { version: detail.household.version, communeCode: '23830', village: 'Thôn 9', date: '2025-08-01' });
    expect(moved.statusCode).toBe(403);
  });
});

describe('create, edit, move, dissolve', () => {
  it('creates a household with its members, class, history and an audit row', async () => {
    const response = await as('commune').post('/api/households', newHousehold());
    expect(response.statusCode, response.body).toBe(201);
    const detail = response.json();
    expect(detail.household.code).toMatch(/^23830-\d{5}$/);
    expect(detail.household.version).toBe(1);
    expect(detail.classification).toMatchObject({ standard: 'VN-MPS-2022', reviewYear: 2025, status: 'poor', deprivationCount: 3 });
    expect(detail.classification.deprivations.map((d: { code: string }) => d.code)).toEqual(['health_insurance', 'latrine', 'telecom']);
    expect(detail.classification.deprivations[1].name).toBe('Nhà tiêu hợp vệ sinh');
    expect(detail.members.map((m: { seq: number; fullName: string }) => [m.seq, m.fullName])).toEqual([[1, 'Nguyễn Văn A'], [2, 'Trần Thị Bình']]);
    created = { code: detail.household.code, version: 1 };

    const row = await db().selectFrom('household').selectAll().where('code', '=', created.code).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'poor', standard_id: 'VN-MPS-2022', deprivations: ['health_insurance', 'latrine', 'telecom'], commune_code: '23830' });
    const names = await db().selectFrom('member').select('search_name').where('household_code', '=', created.code).orderBy('seq').execute();
    expect(names.map((n) => n.search_name)).toEqual(['nguyen van a', 'tran thi binh']);
    const history = await db().selectFrom('household_history').selectAll().where('household_code', '=', created.code).execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ commune_code: '23830', village: 'Làng Mới', valid_to: null });
    const audit = await db().selectFrom('audit_log').selectAll().where('entity', '=', 'household').where('entity_id', '=', created.code).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', before: null });
    expect((audit[0]?.after as { members: unknown[] }).members).toHaveLength(2);
  });

  it('stores text in NFC whatever form it came in', async () => {
    const decomposed = 'Nguyễn Văn A'.normalize('NFD');
    const response = await put(as('commune'), `/api/households/${created.code}`, {
      version: created.version,
      ...newHousehold({ headName: decomposed, members: [{ ...member({ fullName: decomposed }), seq: 1 }, { ...newHousehold().members[1], seq: 2 }] }),
    });
    expect(response.statusCode, response.body).toBe(200);
    created.version = response.json().household.version;
    const row = await db().selectFrom('household').select('head_name').where('code', '=', created.code).executeTakeFirstOrThrow();
    expect(row.head_name).toBe('Nguyễn Văn A'.normalize('NFC'));
  });

  it('edits with the current version: facts, members kept by number, a new member, class again, audit before and after', async () => {
    const current = (await as('commune').get(`/api/households/${created.code}`)).json();
    const body = {
      ...newHousehold({ latrine: 'septic', incomePerCapita: 1_400_000 }),
      version: current.household.version,
      members: [
        { ...member(), seq: 1 },
        { ...newHousehold().members[1], seq: 2, fullName: 'Trần Thị Bình An' },
        member({ fullName: 'Nguyễn Văn Út', birthDate: '2015-05-05', citizenId: null, relation: 'con', attendingSchool: true, educationLevel: 'primary', employment: 'not_in_labour_force', healthInsurance: true }),
      ],
    };
    const response = await put(as('commune'), `/api/households/${created.code}`, body);
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail.household.version).toBe(current.household.version + 1);
    expect(detail.members.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3]);
    expect(detail.classification).toMatchObject({ status: 'near_poor', deprivationCount: 2 });
    created.version = detail.household.version;

    const audit = await db().selectFrom('audit_log').selectAll().where('entity_id', '=', created.code).where('action', '=', 'update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const before = audit.before as { household: { latrine: string; version: number }; members: unknown[] };
    const after = audit.after as { household: { latrine: string; version: number }; members: unknown[] };
    expect(before.household).toMatchObject({ latrine: 'none', version: current.household.version });
    expect(after.household).toMatchObject({ latrine: 'septic', version: created.version });
    expect(before.members).toHaveLength(2);
    expect(after.members).toHaveLength(3);
  });

  it('answers a stale version with 409 and overwrites nothing', async () => {
    const before = await registryState();
    const response = await put(as('reviewer'), `/api/households/${created.code}`, { ...newHousehold({ latrine: 'none', headName: 'Ghi đè' }), version: created.version - 1 });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().detail).toContain(`phiên bản ${created.version}`);
    expect(await registryState()).toEqual(before);
    const row = await db().selectFrom('household').select(['head_name', 'latrine', 'version']).where('code', '=', created.code).executeTakeFirstOrThrow();
    expect(row).toEqual({ head_name: 'Nguyễn Văn A', latrine: 'septic', version: created.version });
  });

  it('moves a household to another village from a date, keeping where it was before', async () => {
    const response = await as('commune').post(`/api/households/${created.code}/move`, {
      version: created.version,
      communeCode: '23830',
      village: 'Thôn 2',
      address: 'Thôn 2, xã Chư Krey',
      date: '2025-08-01',
    });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    created.version = detail.household.version;
    expect(detail.household).toMatchObject({ village: 'Thôn 2', address: 'Thôn 2, xã Chư Krey' });
    expect(detail.history).toEqual([
      { validFrom: '2025-08-01', validTo: null, communeCode: '23830', communeName: 'Xã Chư Krey', village: 'Thôn 2' },
      expect.objectContaining({ validTo: '2025-07-31', communeCode: '23830', village: 'Làng Mới' }),
    ]);
    const audit = await db().selectFrom('audit_log').selectAll().where('entity_id', '=', created.code).where('action', '=', 'move').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ village: 'Làng Mới' });
    expect(audit.after).toMatchObject({ village: 'Thôn 2', since: '2025-08-01' });

    const same = await as('commune').post(`/api/households/${created.code}/move`, { version: created.version, communeCode: '23830', village: 'Thôn 2', date: '2025-08-02' });
    expect(same.statusCode).toBe(400);
    expect(same.json().errors).toEqual([{ field: 'village', message: 'Hộ đang ở thôn này của xã này.' }]);
    const early = await as('commune').post(`/api/households/${created.code}/move`, { version: created.version, communeCode: '23830', village: 'Thôn 3', date: '2025-07-15' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0]).toMatchObject({ field: 'date' });
  });

  it('dissolves a household: out of the active list, history closed, no more edits', async () => {
    const response = await as('commune').post(`/api/households/${created.code}/dissolve`, { version: created.version, date: '2025-09-01', reason: 'Nhập vào hộ khác' });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail.household.dissolvedAt).toBe('2025-09-01');
    expect(detail.permissions).toEqual({ edit: false, move: false, dissolve: false });
    expect(detail.history[0].validTo).toBe('2025-09-01');
    const active = await listAll(as('commune'), 'state=active');
    expect(active.some((item) => item.code === created.code)).toBe(false);
    const dissolved = await listAll(as('commune'), 'state=dissolved');
    expect(dissolved.map((item) => item.code)).toContain(created.code);
    const edit = await put(as('commune'), `/api/households/${created.code}`, { ...newHousehold(), version: detail.household.version });
    expect(edit.statusCode).toBe(409);
    const audit = await db().selectFrom('audit_log').selectAll().where('entity_id', '=', created.code).where('action', '=', 'dissolve').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ dissolvedAt: '2025-09-01', reason: 'Nhập vào hộ khác' });
  });

  it('refuses a household code that is already taken with 409', async () => {
    const before = await registryState();
    const response = await as('admin').post('/api/households', newHousehold({ code: created.code, members: [member({ citizenId: null })] }));
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toBe(`Mã hộ ${created.code} đã có trong sổ hộ.`);
    expect(await registryState()).toEqual(before);
  });
});

describe('filters and search', () => {
  it('filters by unit, village, class, ethnic minority and deprivation', async () => {
    const district = await listAll(as('admin'), `unit=${KONG_CHRO}`);
    const communes = await communesOfDistrict(KONG_CHRO);
    expect(district.length).toBeGreaterThan(0);
    expect(district.every((item) => communes.includes(item.communeCode))).toBe(true);

    const sample = district[0] as ListItem;
    const village = await listAll(as('admin'), `unit=${sample.communeCode}&village=${encodeURIComponent(sample.village)}`);
    expect(village.length).toBeGreaterThan(0);
    expect(village.every((item) => item.village === sample.village && item.communeCode === sample.communeCode)).toBe(true);
    const villages = (await as('admin').get(`/api/households/villages?commune=${sample.communeCode}`)).json().villages;
    expect(villages).toContain(sample.village);

    const poor = await listAll(as('admin'), 'status=poor&ethnicMinority=true&deprivation=latrine');
    expect(poor.length).toBeGreaterThan(0);
    expect(poor.every((item) => item.status === 'poor' && item.ethnicMinority === true && item.deprivations.includes('latrine'))).toBe(true);
    const expected = await sql<{ n: number }>`
      select count(*) as n from household h join ethnic_group g on g.code = h.head_ethnic_code
       where h.status = 'poor' and g.is_minority and 'latrine' = any(h.deprivations) and h.dissolved_at is null`.execute(db());
    expect(poor.length).toBe(expected.rows[0]?.n);
  });

  it('pages through a list without gaps or repeats', async () => {
    const small = await listAll(as('admin'), 'state=all', 37);
    const large = await listAll(as('admin'), 'state=all', 200);
    expect(small.map((item) => item.code)).toEqual(large.map((item) => item.code));
    expect(new Set(small.map((item) => item.code)).size).toBe(small.length);
    expect(small.length).toBe((await as('admin').get('/api/households/count?state=all')).json().count);
  });

  it('finds a name typed without diacritics, in any case', async () => {
    const response = await as('admin').post('/api/households', newHousehold({
      headName: 'Đinh Thị Ánh Hồng',
      members: [member({ fullName: 'Đinh Thị Ánh Hồng', sex: 'female', citizenId: null, relation: 'chủ hộ' })],
    }));
    expect(response.statusCode, response.body).toBe(201);
    const code = response.json().household.code;
    for (const q of ['dinh thi anh hong', 'DINH THI ANH', 'Đinh Thị Ánh Hồng', 'dinh   thi anh h']) {
      const items = await listAll(as('commune'), `q=${encodeURIComponent(q)}`);
      expect(items.map((item) => item.code), q).toContain(code);
      expect(items.every((item) => item.match && /^đinh thị ánh h/i.test(item.match.fullName)), q).toBe(true);
    }
    // "nguyen van a" finds "Nguyễn Văn A" (the created household's head, now dissolved).
    const nguyen = await listAll(as('admin'), 'q=nguyen%20van%20a&state=all');
    expect(nguyen.some((item) => item.code === created.code && item.match?.fullName === 'Nguyễn Văn A')).toBe(true);
    expect(nguyen.every((item) => item.match?.fullName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().startsWith('nguyen van a'))).toBe(true);
  });

  it('pages through a name search in name order, the same across page sizes and engines', async () => {
    const demo = await db().selectFrom('member').select('search_name').where('search_name', 'like', 'nguyen%').execute();
    expect(demo.length).toBeGreaterThan(10);
    const small = await listAll(as('admin'), 'q=nguyen&state=all', 7);
    const large = await listAll(as('admin'), 'q=nguyen&state=all', 200);
    expect(small.map((i) => `${i.code}/${i.match?.fullName}`)).toEqual(large.map((i) => `${i.code}/${i.match?.fullName}`));
    expect(small.length).toBe(demo.length);
    expect((await as('admin').get('/api/households/count?q=nguyen&state=all')).json().count).toBe(demo.length);
  });

  it('reads the same rows whichever plan a list or a search takes', async () => {
    const province = { kind: 'province' as const, provinceCode: '52' };
    const communes = { kind: 'communes' as const, provinceCode: '52', communeCodes: await communesOfDistrict(KONG_CHRO) };
    for (const scope of [province, communes]) {
      const byCommune = await listHouseholdPage(db(), scope, { state: 'all' }, { limit: 2_000, communes: scope.kind === 'communes' ? scope.communeCodes : undefined });
      const byCode = await listHouseholdPage(db(), scope, { state: 'all' }, { limit: 2_000 });
      expect(byCommune.map((row) => row.code)).toEqual(byCode.map((row) => row.code));
      const after = byCode[3]?.code;
      const nextByCommune = await listHouseholdPage(db(), scope, { state: 'active', status: 'poor' }, { after, limit: 5, communes: communes.communeCodes });
      const nextByCode = await listHouseholdPage(db(), scope, { state: 'active', status: 'poor', communeCodes: communes.communeCodes }, { after, limit: 5 });
      expect(nextByCommune.map((row) => row.code)).toEqual(nextByCode.map((row) => row.code));
      for (const name of ['nguyen', 'dinh van', 'r']) {
        const [first, ...others] = await Promise.all(
          (['names_first', 'households_first', 'name_index'] as const).map((plan) =>
            searchHouseholdPage(db(), scope, { state: 'all' }, name, { limit: 40, plan, after: { name: 'd', code: '', seq: 0 } }),
          ),
        );
        for (const other of others) expect(other, `${scope.kind} ${name}`).toEqual(first);
      }
    }
  });

  it('finds a household by a whole citizen ID or by the beginning of its code', async () => {
    const someone = await db().selectFrom('member').select(['citizen_id', 'household_code']).where('citizen_id', 'is not', null).where('household_code', 'like', '23830-%').limit(1).executeTakeFirstOrThrow();
    const byId = await listAll(as('commune'), `q=${someone.citizen_id}`);
    expect(byId.map((item) => item.code)).toEqual([someone.household_code]);
    const byCode = await listAll(as('commune'), `q=${someone.household_code.slice(0, 8)}`);
    expect(byCode.length).toBeGreaterThan(0);
    expect(byCode.every((item) => item.code.startsWith(someone.household_code.slice(0, 8)))).toBe(true);
  });
});

describe('export', () => {
  let hostile: string;

  beforeAll(async () => {
    const response = await as('admin').post('/api/households', newHousehold({
      headName: '=HYPERLINK("http://evil.example","Bấm vào đây")',
      address: '+84 Làng Mới',
      village: '@SUM(A1:A9)',
      members: [member({ fullName: '-Nguyễn Văn Công', citizenId: null })],
    }));
    expect(response.statusCode, response.body).toBe(201);
    hostile = response.json().household.code;
  });

  it('streams every row of the filtered list as CSV, with formula-looking cells neutralised', async () => {
    const response = await as('admin').get('/api/households/export?format=csv&state=all');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="ho-gia-dinh-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = response.body;
    expect(text.startsWith('\uFEFFMã hộ,')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    const total = (await as('admin').get('/api/households/count?state=all')).json().count;
    expect(total).toBeGreaterThan(EXPORT_BATCH);
    expect(lines.length).toBe(total + 1);
    const row = lines.find((line) => line.startsWith(`${hostile},`)) ?? '';
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""Bấm vào đây"")"`);
    expect(row).toContain("'+84 Làng Mới");
    expect(row).toContain("'@SUM(A1:A9)");
    for (const line of lines.slice(1)) expect(line).not.toMatch(/(^|,)"?[=+\-@]/);
  });

  it('streams XLSX with the same rows, text cells neutralised, dates as dates', async () => {
    const response = await as('commune').get('/api/households/export?format=xlsx&state=all');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('Hộ gia đình');
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const total = (await as('commune').get('/api/households/count?state=all')).json().count;
    expect(rows.length).toBe(total + 1);
    expect(rows[0]?.[0]).toBe('Mã hộ');
    const row = rows.find((r) => r[0] === hostile);
    expect(row).toBeDefined();
    expect(row?.[5]).toBe(`'=HYPERLINK("http://evil.example","Bấm vào đây")`);
    expect(row?.[11]).toBeInstanceOf(Date);
    for (const r of rows.slice(1)) for (const cell of r) if (typeof cell === 'string') expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('exports a name search once per household, and in English on request', async () => {
    const response = await as('admin').get('/api/households/export?format=csv&q=nguyen&state=all', { 'accept-language': 'en' });
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFHousehold code,/);
    expect(lines[0]).toMatch(/,Person found$/);
    const codes = lines.slice(1).map((line) => line.split(',')[0]);
    expect(new Set(codes).size).toBe(codes.length);
    const households = await sql<{ n: number }>`select count(distinct household_code) as n from member where search_name like 'nguyen%'`.execute(db());
    expect(codes.length).toBe(households.rows[0]?.n);
  });
});

describe('bad input: a precise problem and nothing written', () => {
  const cases: Array<[string, Record<string, unknown>, Array<{ field: string; message: RegExp }>]> = [
    ['a citizen ID of 11 digits', { members: [member({ citizenId: '06408512345' })] }, [{ field: 'members[0].citizenId', message: /đúng 12 chữ số/ }]],
    ['a citizen ID with letters', { members: [member({ citizenId: '06408512345A' })] }, [{ field: 'members[0].citizenId', message: /đúng 12 chữ số/ }]],
    ['a citizen ID that does not fit the birth year', { members: [member({ citizenId: '064090123456' })] }, [{ field: 'members[0].citizenId', message: /không khớp với ngày sinh/ }]],
    ['a citizen ID given twice', { members: [member({ citizenId: '064085999999' }), member({ fullName: 'Nguyễn Văn B', relation: 'con', citizenId: '064085999999' })] }, [{ field: 'members[1].citizenId', message: /trùng/ }]],
    ['a date that does not exist', { members: [member({ birthDate: '2024-02-30', citizenId: null })] }, [{ field: 'members[0].birthDate', message: /YYYY-MM-DD/ }]],
    ['a birth after the survey', { surveyDate: '2020-01-01', members: [member({ birthDate: '2021-01-01', citizenId: null })] }, [{ field: 'members[0].birthDate', message: /sau ngày khảo sát/ }]],
    ['both income and score A', { scoreA: 120 }, [{ field: 'scoreA', message: /một trong hai/ }]],
    ['negative income', { incomePerCapita: -5 }, [{ field: 'incomePerCapita', message: /.+/ }]],
    ['an unknown ethnic group', { headEthnicCode: '99' }, [{ field: 'headEthnicCode', message: /Không có dân tộc mã 99/ }]],
    ['an unknown water source', { waterSource: 'river' }, [{ field: 'waterSource', message: /.+/ }]],
    ['no members', { members: [] }, [{ field: 'members', message: /.+/ }]],
    ['a commune not in force today', { communeCode: '23827' }, [{ field: 'communeCode', message: /không có hiệu lực/ }]],
  ];

  it.each(cases)('%s', async (_name, overrides, errors) => {
    const before = await registryState();
    const response = await as('commune').post('/api/households', newHousehold({ members: [member({ citizenId: null })], ...overrides }));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = response.json() as { errors: Array<{ field: string; message: string }> };
    expect(body.errors.map((e) => e.field)).toEqual(errors.map((e) => e.field));
    body.errors.forEach((error, index) => expect(error.message).toMatch(errors[index]?.message ?? /.*/));
    expect(JSON.stringify(body)).not.toContain('064085123456');
    expect(await registryState()).toEqual(before);
  });

  it('refuses a citizen ID that someone else in the registry has', async () => {
    const taken = await db().selectFrom('member').select(['citizen_id', 'birth_date', 'sex']).where('citizen_id', 'is not', null).limit(1).executeTakeFirstOrThrow();
    const before = await registryState();
    const response = await as('admin').post('/api/households', newHousehold({
      members: [member({ citizenId: taken.citizen_id, birthDate: taken.birth_date, sex: taken.sex })],
    }));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'members[0].citizenId', message: 'Số định danh đã có trong sổ hộ, ở một người khác.' }]);
    expect(await registryState()).toEqual(before);
  });

  it('names the query field of a bad list request', async () => {
    const short = await as('admin').get('/api/households?q=a');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('querystring.q');
    const cursor = await as('admin').get('/api/households?cursor=bm90LWpzb24');
    expect(cursor.json().errors[0].field).toBe('querystring.cursor');
    const unit = await as('admin').get('/api/households?unit=99999');
    expect(unit.json().errors).toEqual([{ field: 'querystring.unit', message: 'Không có đơn vị hành chính mã 99999.' }]);
    const status = await as('admin').get('/api/households?status=rich');
    expect(status.statusCode).toBe(400);
    expect(status.json().errors[0].field).toBe('querystring.status');
  });

  it('answers English problems in English', async () => {
    const response = await as('commune').post('/api/households', newHousehold({ members: [member({ citizenId: '123' })] }), { 'accept-language': 'en' });
    expect(response.json().errors).toEqual([{ field: 'members[0].citizenId', message: 'A citizen ID has exactly 12 digits.' }]);
  });
});
