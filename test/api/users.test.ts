/**
 * Accounts over HTTP, on a real database: password rules, changing my password, the admin's
 * reset, lockout after failed sign-ins and unlock, and the users page's routes with their access.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblems } from '../../src/modules/auth/password-policy.js';
import { DEFAULT_SECURITY_SETTINGS, readSecuritySettings } from '../../src/modules/auth/security-settings.js';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { createDemoUsers, DEMO_PASSWORD, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { createUser, UserInputError } from '../../src/modules/users/users.service.js';
import { buildApp } from '../../src/server/app.js';
import { apiClient, type ApiClient } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let app: FastifyInstance;
let admin: ApiClient;

beforeAll(async () => {
  database = await createTestDatabase();
  await createDemoUsers(database.handle.db);
  app = await buildApp({
    handle: database.handle,
    province: await readProvinceSetting(database.handle.db),
    demoUsers: await listDemoUsernames(database.handle.db),
    version: 'test',
    loginAttemptsPerMinute: 1000,
    security: { lockoutAttempts: 5, lockoutWindowMinutes: 15, lockoutMinutes: 30 },
  });
  admin = apiClient(app);
  expect((await admin.login('admin', DEMO_PASSWORD)).statusCode).toBe(200);
});

afterAll(async () => {
  await app.close();
  await database.destroy();
});

interface Row {
  id: number;
  username: string;
  state: string;
  version: number;
  role: string;
  unitCode: string;
  displayName: string;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  mustChangePassword: boolean;
}

async function listed(username: string): Promise<Row> {
  const response = await admin.get('/api/users');
  expect(response.statusCode).toBe(200);
  const row = (response.json().users as Row[]).find((user) => user.username === username);
  if (!row) throw new Error(`${username} not listed`);
  return row;
}

const GOOD = 'nuong-lua-chin-vang-2025';

async function createOfficer(username: string, password = GOOD): Promise<Row> {
  const response = await admin.post('/api/users', { username, displayName: 'Cán bộ thử', role: 'commune_officer', unitCode: '23830', password });
  expect(response.statusCode).toBe(201);
  return response.json().user as Row;
}

/** Signs in and, as a user given a password by the admin must, chooses their own. */
async function signInFresh(username: string, given = GOOD, own = `${GOOD}-rieng`): Promise<ApiClient> {
  const client = apiClient(app);
  expect((await client.login(username, given)).statusCode).toBe(200);
  expect((await client.post('/api/auth/password', { currentPassword: given, newPassword: own })).statusCode).toBe(200);
  return client;
}

describe('password rules', () => {
  it('names each rule a password breaks', () => {
    expect(passwordProblems('ngan', 'xa.a')).toEqual(['too_short', 'repetitive']);
    expect(passwordProblems('abc', 'an.b')).toEqual(['too_short', 'repetitive']);
    expect(passwordProblems('truongxa.chukrey.2025', 'chukrey')).toEqual(['contains_username']);
    expect(passwordProblems('MatKhau123', 'someone')).toEqual(['common']);
    expect(passwordProblems('1212121212', 'someone')).toEqual(['repetitive']);
    expect(passwordProblems('lúa nương chín', 'someone')).toEqual([]);
    // Characters are counted as typed: nine letters in decomposed form are still nine.
    expect(passwordProblems('Nguye\u0302\u0303n Va\u0306', 'someone')).toEqual(['too_short']);
    expect(passwordProblems('Nguye\u0302\u0303n Va\u0306n', 'someone')).toEqual([]);
    expect(passwordProblems('x'.repeat(9) + 'abcd', 'someone')).toEqual([]);
    expect(passwordProblems('abcdefghi', 'someone')).toEqual(['too_short']);
  });

  it('refuses a new user with a weak password, naming the rules in Vietnamese or English, and creates nothing', async () => {
    const weak = await admin.post('/api/users', { username: 'yeu.mk', role: 'commune_officer', unitCode: '23830', password: 'yeu.mk1' });
    expect(weak.statusCode).toBe(400);
    const body = weak.json();
    expect(body.errors).toEqual([
      { field: 'password', message: 'Mật khẩu cần ít nhất 10 ký tự; một câu dễ nhớ gồm vài từ cũng được.' },
      { field: 'password', message: 'Mật khẩu không được chứa tên đăng nhập.' },
    ]);
    const english = await admin.post('/api/users', { username: 'yeu.mk', role: 'commune_officer', unitCode: '23830', password: 'matkhau123' }, { 'accept-language': 'en' });
    expect(english.json().errors).toEqual([{ field: 'password', message: 'This password is too common and easy to guess; choose another.' }]);
    const row = await database.handle.db.selectFrom('app_user').select('id').where('username', '=', 'yeu.mk').executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('applies the same rules to `gnbv user create` (the service it calls)', async () => {
    const attempt = createUser(database.handle.db, { username: 'cli.user', password: 'short', role: 'supervisor', unitCode: '52' });
    await expect(attempt).rejects.toBeInstanceOf(UserInputError);
    await expect(attempt).rejects.toMatchObject({ field: 'password', message: expect.stringContaining('ít nhất 10 ký tự') });
  });

  it('changes my password: current one checked, rules applied, other sessions ended', async () => {
    await createOfficer('doi.mk');
    const me = await signInFresh('doi.mk');
    const other = apiClient(app);
    expect((await other.login('doi.mk', `${GOOD}-rieng`)).statusCode).toBe(200);

    const wrongCurrent = await me.post('/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'mot-cau-moi-hoan-toan' });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().errors).toEqual([{ field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }]);
    const tooShort = await me.post('/api/auth/password', { currentPassword: `${GOOD}-rieng`, newPassword: 'abc12' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0]).toEqual({ field: 'newPassword', message: 'Mật khẩu cần ít nhất 10 ký tự; một câu dễ nhớ gồm vài từ cũng được.' });
    const same = await me.post('/api/auth/password', { currentPassword: `${GOOD}-rieng`, newPassword: `${GOOD}-rieng` });
    expect(same.json().errors).toEqual([{ field: 'newPassword', message: 'Mật khẩu mới phải khác mật khẩu hiện tại.' }]);

    const changed = await me.post('/api/auth/password', { currentPassword: `${GOOD}-rieng`, newPassword: 'mot-cau-moi-hoan-toan' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().endedSessions).toBe(1);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    expect((await me.get('/api/me')).statusCode).toBe(200);
    expect((await apiClient(app).login('doi.mk', `${GOOD}-rieng`)).statusCode).toBe(401);
    expect((await apiClient(app).login('doi.mk', 'mot-cau-moi-hoan-toan')).statusCode).toBe(200);
  });

  it('makes a user the admin gave a password to change it before doing anything else', async () => {
    const created = await createOfficer('dat.lai');
    expect(created.mustChangePassword).toBe(true);
    const user = await signInFresh('dat.lai');
    expect((await user.get('/api/units?date=2025-07-01')).statusCode).toBe(200);

    const reset = await admin.post(`/api/users/${created.id}/password`, { newPassword: 'tam-thoi-cho-dat-lai' });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().user.mustChangePassword).toBe(true);
    expect((await user.get('/api/me')).statusCode).toBe(401);

    const again = apiClient(app);
    const login = await again.login('dat.lai', 'tam-thoi-cho-dat-lai');
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
    const blocked = await again.get('/api/units?date=2025-07-01');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().detail).toBe('Bạn cần đổi mật khẩu (do quản trị viên cấp) trước khi tiếp tục.');
    expect((await again.post('/api/auth/password', { currentPassword: 'tam-thoi-cho-dat-lai', newPassword: 'mat-khau-rieng-cua-toi' })).statusCode).toBe(200);
    expect((await again.get('/api/me')).json().user.mustChangePassword).toBe(false);
    expect((await again.get('/api/units?date=2025-07-01')).statusCode).toBe(200);

    const audit = await database.handle.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'user').where('entity_id', '=', String(created.id)).execute();
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['create', 'password_reset', 'password_change']));
    expect(JSON.stringify(audit)).not.toContain('tam-thoi');
  });
});

describe('settings', () => {
  it('reads the session and lockout limits from the environment, refusing nonsense', () => {
    expect(readSecuritySettings({})).toEqual(DEFAULT_SECURITY_SETTINGS);
    expect(readSecuritySettings({ GNBV_SESSION_IDLE_MINUTES: '45', GNBV_LOCKOUT_MINUTES: '0' })).toMatchObject({
      sessionIdleMinutes: 45,
      lockoutMinutes: 0,
      sessionMaxHours: 12,
    });
    expect(() => readSecuritySettings({ GNBV_SESSION_IDLE_MINUTES: '0' })).toThrow('GNBV_SESSION_IDLE_MINUTES must be a whole number ≥ 1, got "0"');
    expect(() => readSecuritySettings({ GNBV_LOCKOUT_ATTEMPTS: 'five' })).toThrow(/GNBV_LOCKOUT_ATTEMPTS/);
  });
});

describe('lockout after failed sign-ins', () => {
  it('locks after 5 failures in 15 minutes; only the right password learns it; an admin unlocks (audited)', async () => {
    const created = await createOfficer('khoa.thu');
    await signInFresh('khoa.thu');
    const password = `${GOOD}-rieng`;
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await apiClient(app).login('khoa.thu', `sai-lan-${attempt}`);
      expect(response.statusCode).toBe(401);
      expect(response.json().detail).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    const wrong = await apiClient(app).login('khoa.thu', 'sai-lan-6');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().detail).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    const right = await apiClient(app).login('khoa.thu', password);
    expect(right.statusCode).toBe(403);
    expect(right.json().title).toBe('Tài khoản đang bị khóa');
    expect(right.json().detail).toMatch(/^Tài khoản bị tạm khóa do đăng nhập sai nhiều lần\. Khóa tự mở lúc \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    expect(right.cookies.find((c) => c.name === 'gnbv_session')).toBeUndefined();

    const row = await listed('khoa.thu');
    expect(row.state).toBe('locked');
    const minutes = (new Date(row.lockedUntil ?? 0).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(28);
    expect(minutes).toBeLessThanOrEqual(30);

    const commune = apiClient(app);
    await commune.login('commune', DEMO_PASSWORD);
    expect((await commune.post(`/api/users/${created.id}/unlock`)).statusCode).toBe(403);

    const unlocked = await admin.post(`/api/users/${created.id}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().user.state).toBe('active');
    expect((await apiClient(app).login('khoa.thu', password)).statusCode).toBe(200);

    const audit = await database.handle.db
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(created.id))
      .where('action', 'in', ['lock', 'unlock'])
      .orderBy('id')
      .execute();
    const adminId = (await listed('admin')).id;
    expect(audit).toEqual([
      { action: 'lock', user_id: null },
      { action: 'unlock', user_id: adminId },
    ]);
  });

  it('counts only failures within the window, and a lock ends by itself when its time is up', async () => {
    const created = await createOfficer('cua.so');
    await signInFresh('cua.so');
    for (let attempt = 1; attempt <= 4; attempt += 1) await apiClient(app).login('cua.so', 'sai');
    await database.handle.db
      .updateTable('app_user')
      .set({ failed_login_since: sql<Date>`now() - interval '16 minutes'` })
      .where('id', '=', created.id)
      .execute();
    await apiClient(app).login('cua.so', 'sai');
    expect((await listed('cua.so')).state).toBe('active');
    for (let attempt = 1; attempt <= 4; attempt += 1) await apiClient(app).login('cua.so', 'sai');
    expect((await listed('cua.so')).state).toBe('locked');
    await database.handle.db
      .updateTable('app_user')
      .set({ locked_until: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', created.id)
      .execute();
    expect((await listed('cua.so')).state).toBe('active');
    expect((await apiClient(app).login('cua.so', `${GOOD}-rieng`)).statusCode).toBe(200);
  });

  it('answers an unknown username as a wrong password, however many times', async () => {
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      const response = await apiClient(app).login('khong.co.ai', 'sai');
      expect(response.statusCode).toBe(401);
      expect(response.json().detail).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
  });
});

describe('the users page routes', () => {
  it('lists users with role, unit, state and last sign-in for the province admin only', async () => {
    const row = await listed('admin');
    expect(row).toMatchObject({ role: 'province_admin', unitCode: '52', state: 'active' });
    expect(row.lastLoginAt).not.toBeNull();
    for (const username of ['agency', 'district', 'commune', 'reviewer', 'supervisor']) {
      const client = apiClient(app);
      await client.login(username, DEMO_PASSWORD);
      expect((await client.get('/api/users')).statusCode).toBe(403);
      expect((await client.post('/api/users', { username: 'x.y.z', role: 'supervisor', unitCode: '52', password: GOOD })).statusCode).toBe(403);
    }
    expect((await apiClient(app).get('/api/users')).statusCode).toBe(401);
  });

  it('refuses a unit of the wrong level, an unknown agency and a taken username, naming the fields', async () => {
    const response = await admin.post('/api/users', { username: 'commune', role: 'province_agency', unitCode: '23830', agencyCode: 'NOPE', password: GOOD });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['username', 'unit', 'agency']);
    expect(response.json().errors[0].message).toBe('Tên đăng nhập "commune" đã có.');
  });

  it('changes role and unit with the version; a stale version is 409 and writes nothing', async () => {
    const created = await createOfficer('doi.vai');
    const input = { version: created.version, displayName: 'Cán bộ huyện', role: 'district_officer', unitCode: '630' };
    const changed = await admin.request('PATCH', `/api/users/${created.id}`, input);
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user).toMatchObject({ role: 'district_officer', unitCode: '630', displayName: 'Cán bộ huyện', version: created.version + 1 });
    const stale = await admin.request('PATCH', `/api/users/${created.id}`, { ...input, role: 'supervisor', unitCode: '52' });
    expect(stale.statusCode).toBe(409);
    expect((await listed('doi.vai')).role).toBe('district_officer');
  });

  it('disables a user (ending their sessions) and enables them again; an admin cannot disable themself', async () => {
    const created = await createOfficer('tat.mo');
    const user = await signInFresh('tat.mo');
    const disabled = await admin.post(`/api/users/${created.id}/disable`, { version: created.version });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().user.state).toBe('disabled');
    expect((await user.get('/api/me')).statusCode).toBe(401);
    const login = await apiClient(app).login('tat.mo', `${GOOD}-rieng`);
    expect(login.statusCode).toBe(403);
    expect(login.json().detail).toContain('vô hiệu hóa');
    const enabled = await admin.post(`/api/users/${created.id}/enable`, { version: disabled.json().user.version });
    expect(enabled.json().user.state).toBe('active');
    expect((await apiClient(app).login('tat.mo', `${GOOD}-rieng`)).statusCode).toBe(200);

    const me = await listed('admin');
    const self = await admin.post(`/api/users/${me.id}/disable`, { version: me.version });
    expect(self.statusCode).toBe(409);
    const demote = await admin.request('PATCH', `/api/users/${me.id}`, { version: me.version, displayName: 'x', role: 'supervisor', unitCode: '52' });
    expect(demote.statusCode).toBe(409);
    expect((await listed('admin')).state).toBe('active');
  });
});
