/**
 * The poverty standards API on a real database: the standards as data (a threshold corrected in
 * the database takes effect), classification and summaries answered as `gnbv classify` /
 * `gnbv summarize` answer, per-record errors, and refusals as problem+json.
 */
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyText, parseStandardsFile, summarizeText, type PovertyStandard } from '../../src/domain/poverty/index.js';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { createDemoUsers, DEMO_PASSWORD, DEMO_USERS, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { buildApp } from '../../src/server/app.js';
import { apiClient, type ApiClient } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let app: FastifyInstance;
let officer: ApiClient;
let fileStandards: PovertyStandard[];

const ndjson = { 'content-type': 'application/x-ndjson' };
const json = { 'content-type': 'application/json' };

beforeAll(async () => {
  database = await createTestDatabase();
  await createDemoUsers(database.handle.db);
  app = await buildApp({
    handle: database.handle,
    province: await readProvinceSetting(database.handle.db),
    demoUsers: await listDemoUsernames(database.handle.db),
    version: 'test',
    loginAttemptsPerMinute: 100,
  });
  officer = apiClient(app);
  expect((await officer.login('commune', DEMO_PASSWORD)).statusCode).toBe(200);
  fileStandards = parseStandardsFile(JSON.parse(await readFile(new URL('../../reference/standards.json', import.meta.url), 'utf8')));
});

afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

/** A rural household of four under the 2022 standard, lacking nothing unless told otherwise. */
function household(id: string, overrides: Record<string, unknown> = {}, facts: Record<string, unknown> = {}) {
  return {
    id,
    year: 2025,
    area: 'rural',
    incomePerCapita: 1_400_000,
    facts: {
      surveyDate: '2025-10-01',
      members: [
        { birthDate: '1985-03-02', sex: 'male', employment: 'contract', healthInsurance: true, attendingSchool: false, educationLevel: 'upper_secondary' },
        { birthDate: '1988-07-15', sex: 'female', employment: 'self_employed', healthInsurance: true, attendingSchool: false, educationLevel: 'vocational' },
        { birthDate: '2012-01-20', sex: 'female', employment: 'not_in_labour_force', healthInsurance: true, attendingSchool: true, educationLevel: 'primary' },
        { birthDate: '2016-05-05', sex: 'male', employment: 'not_in_labour_force', healthInsurance: true, attendingSchool: true, educationLevel: 'primary' },
      ],
      floorAreaM2: 48,
      durableWalls: true,
      durableFrame: true,
      durableRoof: true,
      waterSource: 'borehole',
      latrine: 'pour_flush',
      internetUse: true,
      informationDevices: true,
      wasteCollected: true,
      ...facts,
    },
    unitCode: '23830',
    ethnicMinority: true,
    ...overrides,
  };
}

const lacking4 = { durableWalls: false, durableRoof: false, waterSource: 'surface', latrine: 'none', internetUse: false };

const lines = (records: unknown[]) => records.map((record) => JSON.stringify(record)).join('\n');
const parseLines = (body: string) => body.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('GET /api/standards', () => {
  it('gives every standard from the database, as the engine reads it', async () => {
    const response = await officer.get('/api/standards');
    expect(response.statusCode).toBe(200);
    const { standards } = response.json() as { standards: PovertyStandard[] };
    expect(standards.map((s) => [s.id, s.status, s.firstYear, s.lastYear])).toEqual([
      ['VN-MPS-2022', 'official', 2022, 2026],
      ['VN-MPS-2027', 'provisional', 2027, 2030],
    ]);
    expect(standards).toEqual(JSON.parse(JSON.stringify(fileStandards)));
    const [s2022, s2027] = standards;
    expect(s2022?.incomeLines.rural).toMatchObject({ value: 1_500_000, status: 'C' });
    expect(s2022?.averageBand?.rural).toMatchObject({ value: 2_250_000, status: 'U' });
    expect(s2022?.indicators.map((i) => i.code)).toEqual([
      'employment', 'dependants', 'nutrition', 'health_insurance', 'adult_education', 'school_attendance',
      'housing_quality', 'housing_area', 'water_source', 'latrine', 'telecom', 'information_access',
    ]);
    expect(s2027?.indicators.at(-1)?.code).toBe('waste');
    expect(s2027?.scoreACutoffs).toBeNull();
  });

  it('is open to every signed-in role and to no one else', async () => {
    for (const user of DEMO_USERS) {
      const client = apiClient(app);
      await client.login(user.username, DEMO_PASSWORD);
      expect((await client.get('/api/standards')).statusCode, user.role).toBe(200);
      expect((await client.post('/api/classify', lines([household('HH-1')]), ndjson)).statusCode, user.role).toBe(200);
    }
    const anonymous = apiClient(app);
    for (const [method, url] of [['GET', '/api/standards'], ['POST', '/api/classify'], ['POST', '/api/summarize']] as const) {
      const response = await anonymous.request(method, url, method === 'POST' ? '[]' : undefined, method === 'POST' ? json : {});
      expect(response.statusCode, url).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 401, title: 'Chưa đăng nhập' });
    }
  });

  it('applies a threshold corrected in the database, and refuses a broken definition with 500', async () => {
    const { db } = database.handle;
    const record = lines([household('HH-1', { incomePerCapita: 1_480_000 }, lacking4)]);
    const before = parseLines((await officer.post('/api/classify', record, ndjson)).body);
    expect(before[0]).toMatchObject({ status: 'poor', deprivationCount: 4 });

    const setRural = (value: number) =>
      sql`update poverty_standard
             set definition = jsonb_set(definition, '{incomeLines,rural,value}', to_jsonb(${value}::int))
           where id = 'VN-MPS-2022'`.execute(db);
    await setRural(1_450_000);
    try {
      expect((await officer.get('/api/standards')).json().standards[0].incomeLines.rural.value).toBe(1_450_000);
      const after = parseLines((await officer.post('/api/classify', record, ndjson)).body);
      expect(after[0]).toMatchObject({ status: 'not_poor', deprivationCount: 4 });

      await setRural(-5);
      const broken = await officer.post('/api/classify', record, ndjson);
      expect(broken.statusCode).toBe(500);
      expect(broken.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(broken.json()).toMatchObject({ status: 500, code: 'standards_unavailable' });
      expect(broken.json().detail).toMatch(/^Không nạp được danh mục chuẩn nghèo: poverty_standard VN-MPS-2022: .*incomeLines\.rural\.value/);
    } finally {
      await setRural(1_500_000);
    }
    expect(parseLines((await officer.post('/api/classify', record, ndjson)).body)[0]).toMatchObject({ status: 'poor' });
  });
});

describe('POST /api/classify', () => {
  const records = [
    household('HH-POOR', {}, lacking4),
    household('HH-NEAR', {}, { internetUse: false }),
    household('HH-AVG', { incomePerCapita: 2_000_000, farmHousehold: true }),
    household('HH-NOT', { incomePerCapita: 1_600_000 }, lacking4),
    { id: 'HH-LIST', year: 2026, area: 'urban', scoreA: 175, deprivations: ['latrine', 'employment', 'telecom'] },
    { id: 'HH-2027', year: 2028, area: 'rural', incomePerCapita: 2_200_000, deprivations: ['waste'] },
  ];

  it('answers JSON Lines identical to the engine, in input order', async () => {
    const body = JSON.stringify(records);
    const response = await officer.post('/api/classify', body, json);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const expected = classifyText(body, fileStandards);
    expect(expected.ok).toBe(true);
    if (!expected.ok) return;
    expect(response.body).toBe(expected.outcomes.map((o) => `${JSON.stringify(o)}\n`).join(''));
    expect(parseLines(response.body).map((o) => [o.id, o.status, o.deprivationCount])).toEqual([
      ['HH-POOR', 'poor', 4],
      ['HH-NEAR', 'near_poor', 1],
      ['HH-AVG', 'average', 0],
      ['HH-NOT', 'not_poor', 4],
      ['HH-LIST', 'poor', 3],
      ['HH-2027', 'near_poor', 1],
    ]);
    expect(parseLines(response.body)[0]).toEqual({
      id: 'HH-POOR',
      standard: 'VN-MPS-2022',
      status: 'poor',
      deprivations: ['housing_quality', 'water_source', 'latrine', 'telecom'],
      deprivationCount: 4,
      scoreB: 40,
      incomeBasis: 'income',
    });
  });

  it('reads JSON Lines the same as a JSON array, and answers JSON when asked', async () => {
    const fromArray = await officer.post('/api/classify', JSON.stringify(records), json);
    const fromLines = await officer.post('/api/classify', `\n${lines(records)}\n\n`, ndjson);
    expect(fromLines.body).toBe(fromArray.body);
    const asJson = await officer.post('/api/classify', lines(records), { ...ndjson, accept: 'application/json' });
    expect(asJson.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(asJson.json()).toEqual({ classified: 6, invalid: 0, results: parseLines(fromArray.body) });
    const preferLines = await officer.post('/api/classify', lines(records), { ...ndjson, accept: 'application/json;q=0.5, application/x-ndjson' });
    expect(preferLines.body).toBe(fromArray.body);
  });

  it('names the record, the JSON path and the reason of every bad record, and goes on with the others', async () => {
    const missingBirth = household('HH-B1');
    delete (missingBirth.facts.members[2] as Record<string, unknown>).birthDate;
    const bad = [
      household('HH-OK1'),
      missingBirth,
      household('HH-B2', {}, { waterSource: 'river' }),
      { id: 'HH-B3', year: 2021, area: 'rural', incomePerCapita: 1, deprivations: [] },
      { id: 'HH-B4', year: 2025, area: 'rural', incomePerCapita: 1, deprivations: ['waste'] },
      { id: 'HH-B5', year: 2028, area: 'rural', scoreA: 100, deprivations: [] },
      { id: 'HH-B6', year: 2028, standard: 'VN-MPS-2022', area: 'rural', incomePerCapita: 1, deprivations: [] },
      { year: 2025, area: 'rural', incomePerCapita: 1, deprivations: [] },
      household('HH-OK2'),
    ];
    const text = `${lines(bad.slice(0, 4))}\n{"id": "HH-broken",\n${lines(bad.slice(4))}\n`;
    const response = await officer.post('/api/classify', text, ndjson);
    expect(response.statusCode).toBe(200);
    const outcomes = parseLines(response.body);
    expect(outcomes).toHaveLength(10);
    expect(outcomes.map((o) => [o.id, (o.error as { code?: string; field?: string } | undefined)?.code, (o.error as { field?: string } | undefined)?.field])).toEqual([
      ['HH-OK1', undefined, undefined],
      ['HH-B1', 'missing_field', 'facts.members[2].birthDate'],
      ['HH-B2', 'invalid_field', 'facts.waterSource'],
      ['HH-B3', 'no_standard_for_year', 'year'],
      [null, 'invalid_field', ''],
      ['HH-B4', 'unknown_indicator', 'deprivations[0]'],
      ['HH-B5', 'unsupported_by_standard', 'scoreA'],
      ['HH-B6', 'conflicting_fields', 'year'],
      [null, 'missing_field', 'id'],
      ['HH-OK2', undefined, undefined],
    ]);
    const message = (i: number) => (outcomes[i]?.error as { message: string }).message;
    expect(message(1)).toBe('Hộ HH-B1 (dòng 2): thiếu trường bắt buộc facts.members[2].birthDate.');
    expect(message(2)).toMatch(/^Hộ HH-B2 \(dòng 3\): facts\.waterSource phải là một trong các giá trị: piped, /);
    expect(message(4)).toBe('Dòng 5: dòng này không phải là JSON hợp lệ.');
    expect(outcomes[9]).toMatchObject({ status: 'near_poor' });

    const english = await officer.post('/api/classify?lang=en', text, ndjson);
    expect((parseLines(english.body)[1]?.error as { message: string }).message).toBe(
      'Household HH-B1 (line 2): required field facts.members[2].birthDate is missing.',
    );
    const byHeader = await officer.post('/api/classify', text, { ...ndjson, 'accept-language': 'en-GB,en;q=0.9' });
    expect(byHeader.body).toBe(english.body);
    const asJson = await officer.post('/api/classify', text, { ...ndjson, accept: 'application/json' });
    expect(asJson.json()).toMatchObject({ classified: 2, invalid: 8 });
  });

  it('refuses input that cannot be read at all with 400 problem+json, without a stack trace', async () => {
    const cases: Array<[string, Record<string, string>, string, RegExp]> = [
      ['[{"id": "HH-1", "year": 2025', json, 'invalid_json_array', /không phải là mảng JSON hợp lệ/],
      ['', json, 'empty_input', /Đầu vào trống/],
      ['  \n\n', ndjson, 'empty_input', /Đầu vào trống/],
      ['hello\nworld', ndjson, 'not_json', /không phải JSON/],
    ];
    for (const [body, headers, code, detail] of cases) {
      const response = await officer.post('/api/classify', body, headers);
      expect(response.statusCode, code).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 400, title: 'Yêu cầu không hợp lệ', code });
      expect(response.json().detail).toMatch(detail);
      expect(response.body).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    const english = await officer.post('/api/classify?lang=en', '[1, 2', json);
    expect(english.json()).toMatchObject({ title: 'Bad request', detail: 'The input starts with “[” but is not a valid JSON array.' });
    const badLang = await officer.post('/api/classify?lang=fr', '[]', json);
    expect(badLang.statusCode).toBe(400);
    expect(badLang.json().errors[0].field).toBe('querystring.lang');
    const xml = await officer.post('/api/classify', '<records/>', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('answers an empty JSON array with no lines', async () => {
    const response = await officer.post('/api/classify', '[]', json);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });

  it('refuses a body over 10 MB and more than 50,000 records with 413 problem+json', async () => {
    const big = `[${'"x",'.repeat(2_700_000)}"x"]`;
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const tooBig = await officer.post('/api/classify', big, json);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(tooBig.json()).toMatchObject({ status: 413, title: 'Nội dung quá lớn', detail: 'Nội dung gửi lên vượt quá giới hạn 10 MB.' });

    const many = await officer.post('/api/summarize', `${'{}\n'.repeat(50_001)}`, ndjson);
    expect(many.statusCode).toBe(413);
    expect(many.json().detail).toMatch(/tối đa 50000 bản ghi/);
    const manyInArray = await officer.post('/api/classify?lang=en', `[${'{"a":[1,{"b":","}]},'.repeat(50_000)}{}]`, json);
    expect(manyInArray.statusCode).toBe(413);
    expect(manyInArray.json().detail).toMatch(/at most 50000 records/);
    const limit = await officer.post('/api/classify', `[${'{},'.repeat(49_999)}{}]`, json);
    expect(limit.statusCode).toBe(200);
    expect(parseLines(limit.body)).toHaveLength(50_000);
  });
});

describe('POST /api/summarize', () => {
  const records = [
    household('HH-1', {}, lacking4),
    household('HH-2', { unitCode: '23827' }, { internetUse: false }),
    household('HH-3', { ethnicMinority: false }),
    household('HH-4', { incomePerCapita: 2_000_000, farmHousehold: true, unitCode: undefined }),
    { id: 'HH-5', year: 2025, area: 'rural', incomePerCapita: 'a lot', deprivations: [] },
  ];

  it('gives the summary of SPEC §5.6, as the engine computes it, grouped when asked', async () => {
    const body = JSON.stringify(records);
    for (const groupBy of [undefined, 'unit', 'ethnicity'] as const) {
      const response = await officer.post(`/api/summarize${groupBy ? `?groupBy=${groupBy}` : ''}`, body, json);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      const expected = summarizeText(body, fileStandards, groupBy ? { groupBy } : {});
      expect(expected.ok).toBe(true);
      if (!expected.ok) return;
      expect(response.body).toBe(`${JSON.stringify(expected.summary)}\n`);
    }
    const summary = (await officer.post('/api/summarize?groupBy=unit', body, json)).json();
    expect(summary).toMatchObject({
      standard: 'VN-MPS-2022',
      households: 4,
      invalid: 1,
      counts: { poor: 1, near_poor: 2, average: 1, not_poor: 0 },
    });
    expect(summary.groups.map((g: { key: string; households: number }) => [g.key, g.households])).toEqual([
      ['23827', 1],
      ['23830', 2],
      ['unknown', 1],
    ]);
  });

  it('refuses households of two standards with 400 naming both', async () => {
    const mixed = [household('HH-1'), { id: 'HH-2', year: 2028, area: 'urban', incomePerCapita: 1, deprivations: [] }];
    const response = await officer.post('/api/summarize', lines(mixed), ndjson);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 400,
      code: 'mixed_standards',
      detail: 'Các bản ghi thuộc nhiều chuẩn nghèo khác nhau (VN-MPS-2022, VN-MPS-2027); chỉ tổng hợp được các hộ cùng một chuẩn.',
    });
    const english = await officer.post('/api/summarize', lines(mixed), { ...ndjson, 'accept-language': 'en' });
    expect(english.json().detail).toBe('The records belong to different poverty standards (VN-MPS-2022, VN-MPS-2027); a summary covers one standard only.');
  });

  it('names a bad groupBy, and refuses malformed input', async () => {
    const badGroup = await officer.post('/api/summarize?groupBy=village', '[]', json);
    expect(badGroup.statusCode).toBe(400);
    expect(badGroup.json().errors[0].field).toBe('querystring.groupBy');
    const malformed = await officer.post('/api/summarize', '[{"id": ', json);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('invalid_json_array');
  });
});

describe('OpenAPI', () => {
  it('documents the three routes', async () => {
    const doc = (await apiClient(app).get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/standards', '/api/classify', '/api/summarize']));
    expect(Object.keys(doc.paths['/api/classify'].post.responses['200'].content)).toEqual(['application/x-ndjson', 'application/json']);
  });

  it('keeps Fastify’s JSON parser for the other routes', async () => {
    const client = apiClient(app);
    expect((await client.post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });
});
