/**
 * The audit log on a real database (PGlite, and PostgreSQL in db:postgres): a household edit
 * leaves who, when, from where, before and after, with citizen IDs and birth dates masked in the
 * stored row itself (from the services and the importer's SQL); `GET /api/audit` filters and pages it for the province admin and supervisors
 * only; a service that does not pass the address still records it; and the server's log (on,
 * captured) never carries a citizen ID, a birth date or a request body.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { closeReplaceAudit, openReplaceAudit } from '../../src/modules/imports/imports.repository.js';
import { DEMO_PASSWORD, createDemoUsers, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { buildApp } from '../../src/server/app.js';
import { type ApiClient, apiClient } from '../support/api-client.js';
import { type TestDatabase, createTestDatabase } from '../support/database.js';

// Valid for Circular 59/2021: Gia Lai (064), then century and sex, then the birth year.
const HEAD_ID = '064085937164';
const WIFE_ID = '064188402519';
const WIFE_NEW_ID = '064188771346';
const HEAD_BIRTH = '1985-03-02';
const WIFE_BIRTH = '1988-07-09';
const WIFE_NEW_BIRTH = '1988-11-23';

const member = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Rơ Mah Hiếu',
  sex: 'male',
  birthDate: HEAD_BIRTH,
  ethnicCode: '01',
  citizenId: HEAD_ID,
  relation: 'chủ hộ',
  employment: 'self_employed',
  healthInsurance: false,
  attendingSchool: false,
  educationLevel: 'lower_secondary',
  ...overrides,
});

const facts = {
  village: 'Làng Kiểm Tra',
  address: 'Làng Kiểm Tra, xã Chư Krey',
  headName: 'Rơ Mah Hiếu',
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
};

let database: TestDatabase;
let app: FastifyInstance;
let log = '';
const clients = new Map<string, ApiClient>();
let householdCode = '';

const as = (username: string): ApiClient => {
  const client = clients.get(username);
  if (!client) throw new Error(`no client for ${username}`);
  return client;
};

interface AuditItem {
  id: string;
  at: string;
  user: { username: string } | null;
  action: string;
  entity: string;
  entityId: string;
  ip: string | null;
  before: { members?: Array<Record<string, unknown>> } | null;
  after: { members?: Array<Record<string, unknown>> } | null;
}
interface AuditPage {
  items: AuditItem[];
  nextCursor: string | null;
}

async function auditPage(query: string, username = 'admin'): Promise<AuditPage> {
  const response = await as(username).get(`/api/audit?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as AuditPage;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database.handle;
  await createDemoUsers(db);
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  app = await buildApp({
    handle: database.handle,
    province: await readProvinceSetting(db),
    demoUsers: await listDemoUsernames(db),
    version: 'test',
    loginAttemptsPerMinute: 100,
    logger: true,
    logStream: stream,
  });
  for (const username of ['admin', 'commune', 'district', 'supervisor', 'agency']) {
    const client = apiClient(app);
    expect((await client.login(username, DEMO_PASSWORD)).statusCode).toBe(200);
    clients.set(username, client);
  }
  clients.set('anonymous', apiClient(app));

  // A household with two members' IDs, then an edit changing the wife's ID and birth date.
  const created = await as('commune').post('/api/households', {
    communeCode: '23830',
    ...facts,
    members: [member(), member({ fullName: 'Kpă H’Bình', sex: 'female', birthDate: WIFE_BIRTH, citizenId: WIFE_ID, relation: 'vợ' })],
  });
  expect(created.statusCode, created.body).toBe(201);
  const detail = created.json() as { household: { code: string; version: number } };
  householdCode = detail.household.code;
  const edited = await as('commune').request('PUT', `/api/households/${householdCode}`, {
    version: detail.household.version,
    ...facts,
    members: [
      member({ seq: 1 }),
      member({ seq: 2, fullName: 'Kpă H’Bình', sex: 'female', birthDate: WIFE_NEW_BIRTH, citizenId: WIFE_NEW_ID, relation: 'vợ' }),
    ],
  });
  expect(edited.statusCode, edited.body).toBe(200);
  // A search by citizen ID and a refused duplicate: both carry an ID in the request.
  expect((await as('commune').get(`/api/households?q=${HEAD_ID}`)).statusCode).toBe(200);
  const duplicate = await as('commune').post('/api/households', { communeCode: '23830', ...facts, members: [member()] });
  expect(duplicate.statusCode).toBe(400);
  // A logged route with an ID in its query string.
  expect((await as('admin').get(`/api/audit?entityId=${HEAD_ID}`)).statusCode).toBe(200);
});

afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

describe('audit rows of a household edit', () => {
  it('records who, from where, and before and after with IDs and birth dates masked', async () => {
    const page = await auditPage(`entity=household&entityId=${householdCode}`);
    expect(page.items.map((item) => item.action)).toEqual(['update', 'create']);
    const [update] = page.items;
    expect(update?.user?.username).toBe('commune');
    expect(update?.ip).toBe('127.0.0.1');
    expect(Date.now() - new Date(update!.at).getTime()).toBeLessThan(10 * 60_000);
    const wifeBefore = update?.before?.members?.find((m) => m.seq === 2);
    const wifeAfter = update?.after?.members?.find((m) => m.seq === 2);
    expect(wifeBefore).toMatchObject({ citizen_id: `********${WIFE_ID.slice(-4)}`, birth_date: '1988-**-**', full_name: 'Kpă H’Bình' });
    expect(wifeAfter).toMatchObject({ citizen_id: `********${WIFE_NEW_ID.slice(-4)}`, birth_date: '1988-**-**' });
  });

  it('stores no citizen ID or birth date in full, from the services or the importer', async () => {
    const { db } = database.handle;
    const rows = await sql<{ text: string }>`select coalesce(before::text, '') || coalesce(after::text, '') as text from audit_log`.execute(db);
    const all = rows.rows.map((row) => row.text).join('\n');
    expect(all).toContain(`********${HEAD_ID.slice(-4)}`);
    for (const secret of [HEAD_ID, WIFE_ID, WIFE_NEW_ID, HEAD_BIRTH, WIFE_BIRTH, WIFE_NEW_BIRTH]) expect(all).not.toContain(secret);
    // The importer's set-based SQL (update mode) masks the same way.
    const provinceCode = (await readProvinceSetting(db)).code;
    const ids = await openReplaceAudit(db, { userId: null, ip: null, provinceCode, codes: [householdCode] });
    await closeReplaceAudit(db, provinceCode, ids);
    const imported = await sql<{ before: { members: Array<Record<string, unknown>> }; after: { members: Array<Record<string, unknown>> } }>`
      select before, after from audit_log where id = ${ids[0]}::bigint`.execute(db);
    expect(imported.rows[0]?.before.members.map((m) => [m.citizen_id, m.birth_date])).toEqual([
      [`********${HEAD_ID.slice(-4)}`, '1985-**-**'],
      [`********${WIFE_NEW_ID.slice(-4)}`, '1988-**-**'],
    ]);
    expect(imported.rows[0]?.after.members[1]).toMatchObject({ citizen_id: `********${WIFE_NEW_ID.slice(-4)}`, birth_date: '1988-**-**' });
  });

  it('masks on reading too, should a row have been written around the services', async () => {
    const { db } = database.handle;
    await sql`insert into audit_log (user_id, action, entity, entity_id, before)
              values (null, 'test', 'household', 'raw-write', ${JSON.stringify({ members: [{ citizenId: '064085111222', birthDate: '1985-01-31', other: { citizen_id: '064085333444' } }] })}::jsonb)`.execute(db);
    const page = await auditPage('entityId=raw-write');
    expect(page.items[0]?.before).toEqual({ members: [{ citizenId: '********1222', birthDate: '1985-**-**', other: { citizen_id: '********3444' } }] });
  });

  it('records the address for services that do not pass it', async () => {
    const response = await as('commune').post('/api/review/requests', { householdCode, kind: 'recognise_poor', receivedOn: '2025-01-02' });
    expect(response.statusCode, response.body).toBeLessThan(300);
    const page = await auditPage('action=review.request.create');
    expect(page.items[0]?.ip).toBe('127.0.0.1');
  });
});

describe('GET /api/audit', () => {
  it('is for the province admin and supervisors only', async () => {
    expect((await as('anonymous').get('/api/audit')).statusCode).toBe(401);
    expect((await as('commune').get('/api/audit')).statusCode).toBe(403);
    expect((await as('district').get('/api/audit')).statusCode).toBe(403);
    expect((await as('agency').get('/api/audit')).statusCode).toBe(403);
    const supervisor = await auditPage(`entityId=${householdCode}&user=commune`, 'supervisor');
    expect(supervisor.items.length).toBe(2);
  });

  it('filters by user, action (exact or prefix) and date range in the province time zone', async () => {
    const byUser = await auditPage('user=commune');
    expect(byUser.items.length).toBeGreaterThanOrEqual(4);
    expect(byUser.items.every((item) => item.user?.username === 'commune')).toBe(true);
    const logins = await auditPage('action=login&user=admin');
    expect(logins.items.length).toBeGreaterThanOrEqual(1);
    expect(logins.items.every((item) => item.action === 'login')).toBe(true);
    const review = await auditPage('action=review.');
    expect(review.items.map((item) => item.action)).toContain('review.request.create');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await auditPage(`entityId=${householdCode}&user=commune&from=${today}&to=${today}`)).items.length).toBe(2);
    expect((await auditPage(`entityId=${householdCode}&from=${tomorrow}`)).items.length).toBe(0);
    const reversed = await as('admin').get(`/api/audit?from=${tomorrow}&to=${today}`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ errors: [{ field: 'to' }] });
  });

  it('pages newest first without repeating or skipping a row', async () => {
    const all = await auditPage('limit=200');
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditPage = await auditPage(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((item) => item.id));
    expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);
  });
});

describe('the server log', () => {
  it('has request lines but no citizen ID, birth date, name or request body', () => {
    expect(log).toContain('"url":"/api/households"');
    expect(log).toContain('request completed');
    for (const secret of [HEAD_ID, WIFE_ID, WIFE_NEW_ID, HEAD_BIRTH, WIFE_BIRTH, WIFE_NEW_BIRTH, '02/03/1985', 'Rơ Mah Hiếu', 'demo1234', 'incomePerCapita']) {
      expect(log, secret).not.toContain(secret);
    }
  });
});
