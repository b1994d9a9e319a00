/**
 * The review over HTTP on a real database: a round from list to recognition with its guards,
 * scope per role, 409 on concurrent survey edits, frozen results, PDFs, requests, and the
 * movement identity for every unit of the seeded demo province.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { seedDemoProvince } from '../../src/modules/demo/demo-seed.js';
import { seedDemoReviewResults } from '../../src/modules/review/demo-review.js';
import { expectedEnd } from '../../src/domain/review/index.js';
import { createDemoUsers, DEMO_PASSWORD, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { createUser } from '../../src/modules/users/users.service.js';
import { buildApp } from '../../src/server/app.js';
import { type ApiClient, apiClient } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let app: FastifyInstance;
const clients: Record<string, ApiClient> = {};
let seeded: { rounds: number; results: number };
let households: number;

async function signIn(username: string): Promise<ApiClient> {
  const client = apiClient(app);
  expect((await client.login(username, DEMO_PASSWORD)).statusCode).toBe(200);
  return client;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database.handle;
  ({ households } = await seedDemoProvince(db, { households: 900 }));
  await createDemoUsers(db);
  await createUser(db, { username: 'reviewer2', password: DEMO_PASSWORD, role: 'reviewer', unitCode: '23830', communeCodes: [], isDemo: true });
  seeded = await seedDemoReviewResults(db);
  app = await buildApp({ handle: database.handle, province: await readProvinceSetting(db), demoUsers: await listDemoUsernames(db), version: 'test' });
  for (const name of ['admin', 'commune', 'reviewer', 'supervisor', 'district', 'agency']) clients[name] = await signIn(name);
}, 300_000);

afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

describe('demo review results', () => {
  it('recognises the 2021 and 2022 rounds of every demo commune, once', async () => {
    const communes = await sql<{ n: number }>`select count(distinct commune_code)::int as n from household`.execute(database.handle.db);
    expect(seeded.rounds).toBe(2 * communes.rows[0]!.n);
    expect(seeded.results).toBe(2 * households);
    expect(await seedDemoReviewResults(database.handle.db)).toEqual({ rounds: 0, results: 0 });
  });

  it('holds end = start − decreases + increases for every unit at every level, with movements of each kind', async () => {
    for (const level of ['commune', 'district', 'province', 'new_commune']) {
      const response = await clients.admin!.get(`/api/review/movements?from=2021-12-31&to=2022-12-31&level=${level}`);
      expect(response.statusCode).toBe(200);
      const { units } = response.json();
      expect(units.length).toBeGreaterThan(0);
      for (const unit of units) {
        expect(expectedEnd(unit.poor)).toEqual(unit.poor.end);
        expect(expectedEnd(unit.near_poor)).toEqual(unit.near_poor.end);
      }
      if (level === 'province') {
        const [province] = units;
        expect(province.unit).toBe('52');
        expect(province.name).toMatch(/Gia Lai/);
        expect(province.poor.start.households).toBeGreaterThan(0);
        expect(province.poor.decreases.escaped.households).toBeGreaterThan(0);
        expect(province.poor.increases.new.households + province.poor.increases.near_poor_became_poor.households).toBeGreaterThan(0);
        expect(province.near_poor.decreases.became_poor.households + province.near_poor.decreases.escaped.households).toBeGreaterThan(0);
      }
    }
    // The baseline: every 2021 result enters as new.
    const baseline = (await clients.admin!.get('/api/review/movements?from=2020-12-31&to=2021-12-31&level=province')).json().units[0];
    expect(baseline.poor.start.households).toBe(0);
    expect(baseline.poor.increases.new).toEqual(baseline.poor.end);
  });

  it('limits movements to the scope', async () => {
    const units = (await clients.commune!.get('/api/review/movements?from=2021-12-31&to=2022-12-31')).json().units.map((u: { unit: string }) => u.unit);
    expect(units.every((unit: string) => ['23827', '23830'].includes(unit))).toBe(true);
  });
});

describe('a periodic round from list to recognition (before the 2025 reform)', () => {
  let roundId: number;
  let codes: string[];

  it('opens the round with the commune\'s current poor and near-poor households', async () => {
    const response = await clients.commune!.post('/api/review/rounds', { kind: 'periodic', period: '2024', communeCode: '23827' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    roundId = body.round.id;
    expect(body.round.steps).toEqual(['list', 'survey', 'meeting', 'posting', 'district', 'recognition']);
    expect(body.round.nextStep).toBe('list');
    const current = await sql<{ household_code: string }>`
      select household_code from review_result r
       where commune_code = '23827' and round_id = (select max(round_id) from review_result where commune_code = '23827')
         and status in ('poor', 'near_poor') order by household_code`.execute(database.handle.db);
    codes = body.households.map((h: { householdCode: string }) => h.householdCode);
    expect(codes).toEqual(current.rows.map((row) => row.household_code));
    expect((await clients.commune!.post('/api/review/rounds', { kind: 'periodic', period: '2024', communeCode: '23827' })).statusCode).toBe(409);
  });

  it('adds and removes households with a reason', async () => {
    const last = codes[codes.length - 1]!;
    const removed = await clients.commune!.post(`/api/review/rounds/${roundId}/households/${last}/remove`, { reason: 'Hộ đã chuyển đi' });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().households.find((h: { householdCode: string }) => h.householdCode === last)).toMatchObject({ included: false, reason: 'Hộ đã chuyển đi' });
    expect((await clients.commune!.post(`/api/review/rounds/${roundId}/households/${last}/remove`, { reason: 'again' })).statusCode).toBe(404);
    const back = await clients.commune!.post(`/api/review/rounds/${roundId}/households`, { householdCode: last, reason: 'Nhập nhầm, hộ vẫn ở xã' });
    expect(back.json().households.find((h: { householdCode: string }) => h.householdCode === last)).toMatchObject({ included: true, reason: 'Nhập nhầm, hộ vẫn ở xã' });
    expect((await clients.commune!.post(`/api/review/rounds/${roundId}/households`, { householdCode: codes[0], reason: 'again' })).statusCode).toBe(409);
    expect((await clients.commune!.post(`/api/review/rounds/${roundId}/households`, { householdCode: codes[0], reason: ' ' })).statusCode).toBe(400);
    const neighbour = (await sql<{ code: string }>`select code from household where commune_code = '23830' limit 1`.execute(database.handle.db)).rows[0]!.code;
    const outside = await clients.commune!.post(`/api/review/rounds/${roundId}/households`, { householdCode: neighbour, reason: 'Hộ đề nghị' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0].field).toBe('householdCode');
    const other = await sql<{ code: string }>`select code from household where commune_code = '23827' and code <> all(${codes}::text[]) order by code limit 1`.execute(database.handle.db);
    const extra = other.rows[0]?.code;
    if (extra) {
      const added = await clients.commune!.post(`/api/review/rounds/${roundId}/households`, { householdCode: extra, reason: 'Hộ đề nghị rà soát' });
      expect(added.json().households.find((h: { householdCode: string }) => h.householdCode === extra)).toMatchObject({ source: 'added', included: true });
      await clients.commune!.post(`/api/review/rounds/${roundId}/households/${extra}/remove`, { reason: 'Không thuộc diện' });
    }
    expect(codes.length).toBeGreaterThan(1);
  });

  it('keeps steps in order: no survey step with unfinished surveys, no recognition before posting', async () => {
    const step = (body: object) => clients.commune!.post(`/api/review/rounds/${roundId}/steps`, body);
    expect((await step({ step: 'recognition', date: '2024-09-05', decisionNumber: '1/QĐ' })).statusCode).toBe(409);
    expect((await step({ step: 'list', date: '2024-08-30' })).json().errors[0].field).toBe('date');
    expect((await step({ step: 'list', date: '2024-12-15' })).statusCode).toBe(400);
    expect((await step({ step: 'list', date: '2024-09-05' })).statusCode).toBe(200);
    const unfinished = await step({ step: 'survey', date: '2024-09-30' });
    expect(unfinished.statusCode).toBe(409);
    expect(unfinished.json().detail).toMatch(/chưa hoàn thành/);
    // The list is settled only once the survey step is done: adding still works now.
  });

  it('lets a reviewer save a draft, refuses a stale version with 409 and impossible facts by field', async () => {
    const code = codes[0]!;
    const url = `/api/review/rounds/${roundId}/households/${code}/survey`;
    const loaded = await clients.reviewer!.get(url);
    expect(loaded.statusCode).toBe(200);
    const { survey, version } = loaded.json();
    expect(survey.facts.surveyDate).toBe('2024-09-01');
    const draft = await clients.reviewer!.request('PUT', url, { version, complete: false, survey: { ...survey, facts: { ...survey.facts, floorAreaM2: null } } });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ surveyState: 'draft', version: version + 1 });
    const stale = await clients.commune!.request('PUT', url, { version, complete: true, survey });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');

    const v = version + 1;
    const child = { ...survey.facts.members[0], birthDate: '2019-05-01', educationLevel: 'college_or_higher', employment: 'not_in_labour_force' };
    const impossible = await clients.reviewer!.request('PUT', url, { version: v, complete: false, survey: { ...survey, facts: { ...survey.facts, members: [...survey.facts.members, child] } } });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().errors.map((e: { field: string }) => e.field)).toContain(`facts.members[${survey.facts.members.length}].educationLevel`);
    const noFloor = await clients.reviewer!.request('PUT', url, { version: v, complete: true, survey: { ...survey, facts: { ...survey.facts, floorAreaM2: 0 } } });
    expect(noFloor.json().errors[0].field).toBe('facts.floorAreaM2');
    const unborn = { ...survey.facts.members[0], birthDate: '2024-10-01' };
    const future = await clients.reviewer!.request('PUT', url, { version: v, complete: true, survey: { ...survey, facts: { ...survey.facts, members: [unborn] } } }, { 'accept-language': 'en' });
    expect(future.json().errors[0]).toEqual({ field: 'facts.members[0].birthDate', message: 'Born after the survey date (2024-09-01).' });
    const missing = await clients.reviewer!.request('PUT', url, { version: v, complete: true, survey: { ...survey, facts: { ...survey.facts, latrine: null } } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('facts.latrine');
    // Nothing of the refused saves was written.
    expect((await clients.reviewer!.get(url)).json().version).toBe(v);
  });

  it('finishes every survey, with the class computed by the engine', async () => {
    for (const code of codes) {
      const url = `/api/review/rounds/${roundId}/households/${code}/survey`;
      const { survey, version } = (await clients.reviewer!.get(url)).json();
      const saved = await clients.reviewer!.request('PUT', url, { version, complete: true, survey: { ...survey, facts: { ...survey.facts, floorAreaM2: survey.facts.floorAreaM2 ?? 30, surveyDate: '2024-09-20' } } });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ surveyState: 'done', standardId: 'VN-MPS-2022', reviewYear: 2025 });
      expect(['poor', 'near_poor', 'average', 'not_poor']).toContain(saved.json().status);
    }
  });

  it('enforces roles: reviewer only surveys, supervisor only reads, others\' communes are 404', async () => {
    expect((await clients.reviewer!.post(`/api/review/rounds/${roundId}/steps`, { step: 'survey', date: '2024-09-30' })).statusCode).toBe(403);
    expect((await clients.reviewer!.post('/api/review/rounds', { kind: 'periodic', period: '2024', communeCode: '23830' })).statusCode).toBe(403);
    expect((await clients.supervisor!.get(`/api/review/rounds/${roundId}`)).statusCode).toBe(200);
    expect((await clients.supervisor!.post(`/api/review/rounds/${roundId}/steps`, { step: 'survey', date: '2024-09-30' })).statusCode).toBe(403);
    expect((await clients.agency!.post(`/api/review/rounds/${roundId}/households`, { householdCode: codes[0], reason: 'x' })).statusCode).toBe(403);
    const elsewhere = await sql<{ id: number }>`select id from review_round where commune_code not in ('23827', '23830') limit 1`.execute(database.handle.db);
    const otherId = elsewhere.rows[0]!.id;
    expect((await clients.commune!.get(`/api/review/rounds/${otherId}`)).statusCode).toBe(404);
    expect((await clients.reviewer!.get(`/api/review/rounds/${otherId}`)).statusCode).toBe(404);
    expect((await clients.commune!.post('/api/review/rounds', { kind: 'periodic', period: '2024', communeCode: '23801' })).statusCode).toBe(404);
    expect((await clients.district!.get(`/api/review/rounds/${roundId}`)).statusCode).toBe(200);
    // A district officer reads the round and records only the district consultation.
    expect((await clients.district!.post(`/api/review/rounds/${roundId}/steps`, { step: 'survey', date: '2024-09-30' })).statusCode).toBe(403);
    const list = (await clients.commune!.get('/api/review/rounds')).json().rounds;
    expect(list.every((r: { communeCode: string }) => ['23827', '23830'].includes(r.communeCode))).toBe(true);
  });

  it('runs meeting, posting (with a PDF), district consultation and recognition, then freezes', async () => {
    const step = (body: object, client = clients.commune!) => client.post(`/api/review/rounds/${roundId}/steps`, body);
    expect((await step({ step: 'survey', date: '2024-09-30' })).statusCode).toBe(200);
    expect((await clients.commune!.post(`/api/review/rounds/${roundId}/households`, { householdCode: codes[0], reason: 'late' })).statusCode).toBe(409);
    expect((await step({ step: 'meeting', date: '2024-10-05', attendance: 52, agreed: 'Thống nhất', objections: [{ householdCode: codes[0], text: 'Hộ đề nghị xem lại thu nhập', resolution: 'Đã xác minh' }] })).statusCode).toBe(200);
    expect((await step({ step: 'recognition', date: '2024-10-20', decisionNumber: '12/QĐ-UBND' })).statusCode).toBe(409);
    expect((await step({ step: 'posting', date: '2024-10-10', postedUntil: '2024-10-09' })).json().errors[0].field).toBe('postedUntil');
    expect((await step({ step: 'posting', date: '2024-10-10', postedUntil: '2024-10-14', complaints: [{ receivedOn: '2024-10-11', text: 'Khiếu nại', handling: 'Đã phúc tra' }] })).statusCode).toBe(200);

    const pdf = await clients.commune!.get(`/api/review/rounds/${roundId}/posting.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    expect((await step({ step: 'district', date: '2024-10-15', opinion: 'Đồng ý' }, clients.district)).statusCode).toBe(200);
    const noNumber = await step({ step: 'recognition', date: '2024-10-20', decisionNumber: '  ' });
    expect(noNumber.statusCode).toBe(400);
    expect(noNumber.json().errors[0].field).toBe('decisionNumber');
    const recognised = await step({ step: 'recognition', date: '2024-10-20', decisionNumber: '12/QĐ-UBND' });
    expect(recognised.statusCode).toBe(200);
    const body = recognised.json();
    expect(body.round.status).toBe('closed');
    expect(body.stepLog.map((s: { step: string }) => s.step)).toEqual(['list', 'survey', 'meeting', 'posting', 'district', 'recognition']);
    expect(body.stepLog.find((s: { step: string }) => s.step === 'district').doneBy).toMatch(/Kông Chro/);
    expect(Object.values(body.results as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(codes.length);
    const audit = await database.handle.db.selectFrom('audit_log').select('action').where('action', '=', 'review.step.recognition').execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses every edit of a closed round', async () => {
    const code = codes[0]!;
    const { survey, version } = (await clients.reviewer!.get(`/api/review/rounds/${roundId}/households/${code}/survey`)).json();
    expect((await clients.reviewer!.request('PUT', `/api/review/rounds/${roundId}/households/${code}/survey`, { version, complete: true, survey })).statusCode).toBe(409);
    expect((await clients.commune!.post(`/api/review/rounds/${roundId}/steps`, { step: 'recognition', date: '2024-10-21', decisionNumber: 'x' })).statusCode).toBe(409);
    expect((await clients.commune!.post(`/api/review/rounds/${roundId}/households/${code}/remove`, { reason: 'x' })).statusCode).toBe(409);
  });

  it('keeps the frozen results when the registry changes', async () => {
    const { db } = database.handle;
    const before = await sql`select * from review_result where round_id = ${roundId} order by household_code`.execute(db);
    await sql`update household set income_per_capita = 99000000, head_name = 'Tên mới', floor_area_m2 = 300 where code = any(${codes}::text[])`.execute(db);
    await sql`update member set birth_date = '1950-01-01' where household_code = any(${codes}::text[])`.execute(db);
    const after = await sql`select * from review_result where round_id = ${roundId} order by household_code`.execute(db);
    expect(after.rows).toEqual(before.rows);
    const cert = await clients.commune!.get(`/api/review/rounds/${roundId}/households/${(before.rows as { household_code: string; status: string }[]).find((r) => r.status === 'poor' || r.status === 'near_poor')?.household_code ?? codes[0]}/certificate.pdf`);
    expect([200, 404]).toContain(cert.statusCode);
    if (cert.statusCode === 200) expect(cert.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('reopens only for a province admin with a reason, audited', async () => {
    expect((await clients.commune!.post(`/api/review/rounds/${roundId}/reopen`, { reason: 'Sai sót số liệu' })).statusCode).toBe(403);
    expect((await clients.admin!.post(`/api/review/rounds/${roundId}/reopen`, { reason: '' })).statusCode).toBe(400);
    const reopened = await clients.admin!.post(`/api/review/rounds/${roundId}/reopen`, { reason: 'Sai sót số liệu thôn 2' });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().round).toMatchObject({ status: 'open', nextStep: 'recognition' });
    const audit = await database.handle.db.selectFrom('audit_log').select(['after']).where('action', '=', 'review.round.reopen').execute();
    expect(audit[0]!.after).toMatchObject({ reason: 'Sai sót số liệu thôn 2' });
    expect((await clients.admin!.post(`/api/review/rounds/${roundId}/reopen`, { reason: 'again please' })).statusCode).toBe(409);
    const again = await clients.commune!.post(`/api/review/rounds/${roundId}/steps`, { step: 'recognition', date: '2024-10-22', decisionNumber: '13/QĐ-UBND' });
    expect(again.statusCode).toBe(200);
    const numbers = await sql<{ decision_number: string }>`select distinct decision_number from review_result where round_id = ${roundId}`.execute(database.handle.db);
    expect(numbers.rows.map((r) => r.decision_number)).toEqual(['13/QĐ-UBND']);
  });
});

describe('after the 2025 reform', () => {
  it('runs rounds in the new communes, without the district consultation', async () => {
    expect((await clients.commune!.post('/api/review/rounds', { kind: 'periodic', period: '2025', communeCode: '23827' })).json().errors[0].field).toBe('communeCode');
    const created = await clients.commune!.post('/api/review/rounds', { kind: 'periodic', period: '2025', communeCode: '23830' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.round.steps).toEqual(['list', 'survey', 'meeting', 'posting', 'recognition']);
    // The list covers the old communes merged into the new one.
    const old = await sql<{ n: number }>`select count(*)::int as n from review_household where round_id = ${body.round.id}`.execute(database.handle.db);
    expect(old.rows[0]!.n).toBeGreaterThan(0);
    const id = body.round.id;
    await clients.commune!.post(`/api/review/rounds/${id}/steps`, { step: 'list', date: '2025-09-05' });
    const district = await clients.district!.post(`/api/review/rounds/${id}/steps`, { step: 'district', date: '2025-10-15' });
    expect(district.statusCode).toBe(409);
  });

  it('refuses the district step by date (a round in the new commune has no such step)', async () => {
    const id = (await clients.commune!.get('/api/review/rounds?period=2025&communeCode=23830')).json().rounds[0].id;
    const response = await clients.admin!.post(`/api/review/rounds/${id}/steps`, { step: 'district', date: '2025-10-15' });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/huyện/);
  });
});

describe('progress and requests', () => {
  it('lists each commune of a district with its round and step, late ones first', async () => {
    const response = await clients.district!.get('/api/review/progress?kind=periodic&period=2024&unit=630');
    expect(response.statusCode).toBe(200);
    const { communes } = response.json();
    expect(communes.length).toBeGreaterThan(3);
    const lateFlags = communes.map((c: { late: boolean }) => c.late);
    expect([...lateFlags].sort((a, b) => Number(b) - Number(a))).toEqual(lateFlags);
    expect(communes.find((c: { communeCode: string }) => c.communeCode === '23827')).toMatchObject({ status: 'closed', late: false, stepsDone: 6 });
    expect(communes.find((c: { communeCode: string }) => c.communeCode === '23830')).toMatchObject({ status: 'not_started', late: true });
  });

  it('records a request, dues it 15 days after the next regular review starts, and shows it overdue', async () => {
    const code = (await sql<{ code: string }>`select code from household where commune_code = '23830' limit 1`.execute(database.handle.db)).rows[0]!.code;
    const created = await clients.commune!.post('/api/review/requests', { householdCode: code, kind: 'recognise_poor', receivedOn: '2024-03-02' });
    expect(created.statusCode).toBe(201);
    expect(created.json().dueOn).toBe('2024-03-30');
    const { requests } = (await clients.commune!.get('/api/review/requests')).json();
    expect(requests[0]).toMatchObject({ householdCode: code, overdue: true, decidedOn: null });
    expect((await clients.supervisor!.post('/api/review/requests', { householdCode: code, kind: 'escape', receivedOn: '2024-03-02' })).statusCode).toBe(403);
    const regular = await clients.commune!.post('/api/review/rounds', { kind: 'regular', period: '2024-03', communeCode: '23830' });
    expect(regular.statusCode).toBe(201);
    expect(regular.json().households).toEqual([expect.objectContaining({ householdCode: code, source: 'request' })]);
    expect(regular.json().round).toMatchObject({ startsOn: '2024-03-15', endsOn: '2024-03-30' });
  });
});
