/** Sign-in, sessions, health, OpenAPI, units and problem+json errors, on a real database. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { createDemoUsers, DEMO_PASSWORD, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { buildApp } from '../../src/server/app.js';
import { apiClient } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/database.js';

let database: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  await createDemoUsers(database.handle.db);
  app = await buildApp({
    handle: database.handle,
    province: await readProvinceSetting(database.handle.db),
    demoUsers: await listDemoUsernames(database.handle.db),
    version: 'test',
    loginAttemptsPerMinute: 5,
  });
});

afterAll(async () => {
  await app.close();
  await database.destroy();
});

describe('health and OpenAPI', () => {
  it('reports the engine and its version without signing in', async () => {
    const response = await apiClient(app).get('/api/health');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.engine).toBe(testEngine);
    expect(body.databaseVersion).toMatch(/PostgreSQL (1[5-9]|[2-9]\d)/);
    expect(body.province).toEqual({ code: '52', name: 'Gia Lai' });
    expect(body.demoUsers).toEqual(['admin', 'agency', 'district', 'commune', 'reviewer', 'supervisor']);
  });

  it('publishes an OpenAPI document naming the routes', async () => {
    const response = await apiClient(app).get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/me', '/api/units', '/api/units/{code}']),
    );
  });
});

describe('sign-in', () => {
  it('signs in, reads /api/me, signs out', async () => {
    const client = apiClient(app);
    const login = await client.login('district', DEMO_PASSWORD);
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'gnbv_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    const me = await client.get('/api/me');
    expect(me.json().user).toMatchObject({ username: 'district', role: 'district_officer', unitCode: '630', unitName: 'Huyện Kông Chro' });
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });

  it('stores the session token only as a hash', async () => {
    const client = apiClient(app);
    const login = await client.login('admin', DEMO_PASSWORD);
    const token = login.cookies.find((c) => c.name === 'gnbv_session')?.value ?? '';
    const rows = await database.handle.db.selectFrom('user_session').select('token_hash').execute();
    expect(token.length).toBeGreaterThan(30);
    expect(rows.some((row) => row.token_hash === token)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
  });

  it('gives the same 401 for a wrong password and an unknown user, in Vietnamese and English', async () => {
    const wrongPassword = await apiClient(app).post('/api/auth/login', { username: 'admin', password: 'wrong-password' });
    const unknownUser = await apiClient(app).post('/api/auth/login', { username: 'nobody', password: 'wrong-password' });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    expect(wrongPassword.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrongPassword.json().detail).toBe(unknownUser.json().detail);
    expect(wrongPassword.json().detail).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    const english = await apiClient(app).post('/api/auth/login', { username: 'admin', password: 'x' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(english.json().detail).toBe('The username or password is incorrect.');
  });

  it('refuses unsigned requests to protected routes with 401', async () => {
    const response = await apiClient(app).get('/api/units');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ status: 401, title: 'Chưa đăng nhập' });
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 problem+json and no stack trace', async () => {
    const response = await apiClient(app).post('/api/auth/login', '{"username": "admin", ', { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().detail).toBe('Nội dung gửi lên không phải JSON hợp lệ.');
    expect(response.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers an oversized body with 413 problem+json', async () => {
    const response = await apiClient(app).post('/api/auth/login', { username: 'admin', password: 'x'.repeat(11 * 1024 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(response.json().detail).toBe('Nội dung gửi lên vượt quá giới hạn 10 MB.');
  });

  it('names the missing field in a validation error', async () => {
    const response = await apiClient(app).post('/api/auth/login', { username: 'admin' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'password', message: 'Bắt buộc nhập.' }]);
  });

  it('answers a missing static asset with 404, not the app page', async () => {
    const response = await apiClient(app).get('/assets/missing-file.js');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('answers an unknown route with 404 problem+json in the requested language', async () => {
    const vi = await apiClient(app).get('/api/nothing-here');
    expect(vi.statusCode).toBe(404);
    expect(vi.json().detail).toBe('Không có địa chỉ GET /api/nothing-here.');
    const en = await apiClient(app).get('/api/nothing-here', { 'accept-language': 'en' });
    expect(en.json().title).toBe('Not found');
  });

  it('limits sign-in attempts with 429', async () => {
    const client = apiClient(app);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      statuses.push((await client.post('/api/auth/login', { username: 'reviewer', password: 'bad' })).statusCode);
    }
    expect(statuses).toContain(429);
    // Even the right password waits until the window passes.
    const limited = await client.post('/api/auth/login', { username: 'reviewer', password: DEMO_PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().detail).toMatch(/Bạn đã thử quá nhiều lần/);
  });
});

describe('units', () => {
  it('lists the units valid at a date', async () => {
    const client = apiClient(app);
    await client.login('supervisor', DEMO_PASSWORD);
    const count = async (date: string) => {
      const units = (await client.get(`/api/units?date=${date}`)).json().units as Array<{ level: string }>;
      return { districts: units.filter((u) => u.level === 'district').length, communes: units.filter((u) => u.level === 'commune').length };
    };
    expect(await count('2024-10-31')).toEqual({ districts: 17, communes: 220 });
    expect(await count('2024-11-01')).toEqual({ districts: 17, communes: 218 });
    expect(await count('2025-06-30')).toEqual({ districts: 17, communes: 218 });
    expect(await count('2025-07-01')).toEqual({ districts: 0, communes: 135 });
  });

  it('shows where an old commune went and where a new one came from', async () => {
    const client = apiClient(app);
    await client.login('commune', DEMO_PASSWORD);
    const old = (await client.get('/api/units/23827?date=2024-01-01')).json();
    expect(old.unit).toMatchObject({ name: 'Xã Chư Krêy', level: 'commune', parentCode: '630' });
    expect(old.successors).toEqual([{ code: '23830', name: 'Xã Chư Krey' }]);
    const merged = (await client.get('/api/units/23830?date=2025-07-01')).json();
    expect(merged.unit.provinceCode).toBe('52');
    expect(merged.predecessors).toEqual([
      { code: '23827', name: 'Xã Chư Krey', districtCode: '630', districtName: 'Huyện Kông Chro', provinceCode: '64' },
      { code: '23830', name: 'Xã An Trung', districtCode: '630', districtName: 'Huyện Kông Chro', provinceCode: '64' },
    ]);
    expect(merged.successors).toEqual([]);
  });

  it('follows the 1 Nov 2024 merger as well', async () => {
    const client = apiClient(app);
    await client.login('admin', DEMO_PASSWORD);
    const absorbed = (await client.get('/api/units/23593?date=2024-10-31')).json();
    expect(absorbed.successors).toEqual([{ code: '23590', name: 'Xã Biển Hồ' }]);
    const merged = (await client.get('/api/units/23674?date=2025-01-15')).json();
    expect(merged.unit.name).toBe('Xã Kông Bơ La');
    expect(merged.predecessors.map((p: { code: string }) => p.code)).toEqual(['23671', '23674']);
    // A commune unchanged on 1 Nov 2024 has no predecessors in its first version.
    const unchanged = (await client.get('/api/units/23827?date=2024-01-01')).json();
    expect(unchanged.predecessors).toEqual([]);
  });

  it('answers an unknown unit with 404 and a bad date with a named field', async () => {
    const client = apiClient(app);
    await client.login('admin', DEMO_PASSWORD);
    const missing = await client.get('/api/units/99999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('Không có đơn vị hành chính mã 99999.');
    const badDate = await client.get('/api/units?date=2024-02-30');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toBe('querystring.date');
  });
});
