/**
 * Sign-in security over HTTP, on a real database: CSRF tokens bound to the session, cross-site
 * refusal, security headers, session expiry and sign-out everywhere.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { createDemoUsers, DEMO_PASSWORD, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { buildApp } from '../../src/server/app.js';
import { apiClient, type ApiClient } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

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
    loginAttemptsPerMinute: 1000,
    security: { sessionIdleMinutes: 30, sessionMaxHours: 12 },
  });
});

afterAll(async () => {
  await app.close();
  await database.destroy();
});

async function signedIn(username: string): Promise<ApiClient> {
  const client = apiClient(app);
  const response = await client.login(username, DEMO_PASSWORD);
  expect(response.statusCode).toBe(200);
  return client;
}

const newUser = (username: string) => ({
  username,
  displayName: 'Cán bộ thử',
  role: 'commune_officer',
  unitCode: '23830',
  password: 'lua-nuong-chu-krey-2025',
});

async function userExists(username: string): Promise<boolean> {
  const row = await database.handle.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
  return row !== undefined;
}

describe('CSRF protection of cookie sessions', () => {
  it('sets an HttpOnly session cookie and a readable CSRF cookie at sign-in, both SameSite=Strict', async () => {
    const response = await apiClient(app).login('admin', DEMO_PASSWORD);
    const session = response.cookies.find((c) => c.name === 'gnbv_session');
    const csrf = response.cookies.find((c) => c.name === 'gnbv_csrf');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();
    expect(csrf).toMatchObject({ sameSite: 'Strict', path: '/' });
    expect(csrf?.value).toMatch(/^[\w-]{43}$/);
    expect(csrf?.value).not.toBe(session?.value);
  });

  it('accepts a write carrying the session’s token', async () => {
    const admin = await signedIn('admin');
    const response = await admin.post('/api/users', newUser('csrf.ok'));
    expect(response.statusCode).toBe(201);
    expect(await userExists('csrf.ok')).toBe(true);
  });

  it('refuses a write without the token with 403 naming the header, and writes nothing', async () => {
    const admin = await signedIn('admin');
    const response = await admin.post('/api/users', newUser('csrf.missing'), { 'x-csrf-token': '' });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 403, title: 'Yêu cầu bị từ chối' });
    expect(response.json().detail).toContain('X-CSRF-Token');
    expect(await userExists('csrf.missing')).toBe(false);
    const english = await admin.post('/api/users', newUser('csrf.missing'), { 'x-csrf-token': '', 'accept-language': 'en' });
    expect(english.json().detail).toBe(
      'The request changes data but carries no anti-forgery token (X-CSRF-Token header). Reload the page and try again.',
    );
  });

  it('refuses a wrong token, and the token of another session, and writes nothing', async () => {
    const admin = await signedIn('admin');
    const other = await signedIn('admin');
    const wrong = await admin.post('/api/users', newUser('csrf.wrong'), { 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().detail).toContain('không khớp');
    const borrowed = await admin.post('/api/users', newUser('csrf.wrong'), { 'x-csrf-token': other.csrfToken() ?? '' });
    expect(borrowed.statusCode).toBe(403);
    expect(await userExists('csrf.wrong')).toBe(false);
  });

  it('guards PUT, PATCH and DELETE and sign-out as well, but not reads', async () => {
    const admin = await signedIn('admin');
    const list = await admin.get('/api/users');
    expect(list.statusCode).toBe(200);
    const target = list.json().users.find((u: { username: string }) => u.username === 'commune');
    const patch = await admin.request('PATCH', `/api/users/${target.id}`, { ...target, displayName: 'Đổi tên', communeCodes: undefined }, { 'x-csrf-token': '' });
    expect(patch.statusCode).toBe(403);
    const logout = await admin.post('/api/auth/logout', undefined, { 'x-csrf-token': '' });
    expect(logout.statusCode).toBe(403);
    expect((await admin.get('/api/me')).statusCode).toBe(200);
    const row = await database.handle.db.selectFrom('app_user').select('display_name').where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row.display_name).not.toBe('Đổi tên');
  });

  it('refuses writes a browser marks as cross-site, sign-in included (login CSRF)', async () => {
    const admin = await signedIn('admin');
    const crossSite = await admin.post('/api/users', newUser('csrf.cross'), { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().detail).toContain('trang web khác');
    const sameSite = await admin.post('/api/users', newUser('csrf.cross'), { 'sec-fetch-site': 'same-site' });
    expect(sameSite.statusCode).toBe(403);
    const otherOrigin = await admin.post('/api/users', newUser('csrf.cross'), { origin: 'https://evil.example', host: 'localhost:80' });
    expect(otherOrigin.statusCode).toBe(403);
    const nullOrigin = await admin.post('/api/users', newUser('csrf.cross'), { origin: 'null' });
    expect(nullOrigin.statusCode).toBe(403);
    expect(await userExists('csrf.cross')).toBe(false);
    const forgedLogin = await apiClient(app).post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD }, { 'sec-fetch-site': 'cross-site' });
    expect(forgedLogin.statusCode).toBe(403);
    expect(forgedLogin.cookies.find((c) => c.name === 'gnbv_session')).toBeUndefined();
    const sameOrigin = await admin.post('/api/users', newUser('csrf.same'), { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80', host: 'localhost:80' });
    expect(sameOrigin.statusCode).toBe(201);
  });

  it('lets a request without a session through to the ordinary 401', async () => {
    const response = await apiClient(app).post('/api/users', newUser('csrf.anon'));
    expect(response.statusCode).toBe(401);
    expect(await userExists('csrf.anon')).toBe(false);
  });
});

describe('security headers', () => {
  const expectHeaders = (headers: Record<string, unknown>) => {
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['x-powered-by']).toBeUndefined();
  };

  it('sends CSP, nosniff, frame-ancestors none and Referrer-Policy on answers and on errors', async () => {
    expectHeaders((await apiClient(app).get('/api/health')).headers);
    const unauthorized = await apiClient(app).get('/api/units');
    expect(unauthorized.statusCode).toBe(401);
    expectHeaders(unauthorized.headers);
    const missing = await apiClient(app).get('/no/such/page.js');
    expect(missing.statusCode).toBe(404);
    expectHeaders(missing.headers);
  });
});

describe('session expiry', () => {
  const sessions = () => database.handle.db.selectFrom('user_session');

  async function lastSessionOf(username: string) {
    return sessions()
      .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
      .select(['token_hash', 'last_seen_at', 'expires_at', 'user_session.created_at'])
      .where('app_user.username', '=', username)
      .orderBy('user_session.created_at', 'desc')
      .executeTakeFirstOrThrow();
  }

  it('ends a session idle for more than the idle limit with a 401 saying so, and clears the cookies', async () => {
    const client = await signedIn('supervisor');
    const { token_hash } = await lastSessionOf('supervisor');
    await database.handle.db
      .updateTable('user_session')
      .set({ last_seen_at: sql<Date>`now() - interval '31 minutes'` })
      .where('token_hash', '=', token_hash)
      .execute();
    const response = await client.get('/api/me');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ title: 'Phiên đăng nhập đã kết thúc' });
    expect(response.json().detail).toBe('Phiên đăng nhập đã hết hạn vì không hoạt động quá 30 phút. Vui lòng đăng nhập lại.');
    expect(response.cookies.find((c) => c.name === 'gnbv_session')?.value).toBe('');
    expect(await sessions().select('token_hash').where('token_hash', '=', token_hash).executeTakeFirst()).toBeUndefined();
  });

  it('keeps a session in use alive, recording its last request', async () => {
    const client = await signedIn('supervisor');
    const { token_hash } = await lastSessionOf('supervisor');
    await database.handle.db
      .updateTable('user_session')
      .set({ last_seen_at: sql<Date>`now() - interval '29 minutes'` })
      .where('token_hash', '=', token_hash)
      .execute();
    expect((await client.get('/api/me')).statusCode).toBe(200);
    const after = await sessions().select('last_seen_at').where('token_hash', '=', token_hash).executeTakeFirstOrThrow();
    expect(Date.now() - after.last_seen_at.getTime()).toBeLessThan(60_000);
  });

  it('ends a session past its absolute limit, used or not', async () => {
    const client = await signedIn('supervisor');
    const { token_hash, created_at, expires_at } = await lastSessionOf('supervisor');
    expect(expires_at.getTime() - created_at.getTime()).toBeGreaterThan(11.9 * 3600_000);
    await database.handle.db
      .updateTable('user_session')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('token_hash', '=', token_hash)
      .execute();
    const response = await client.get('/api/units?date=2025-07-01');
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe('Phiên đăng nhập đã quá 12 giờ kể từ khi đăng nhập. Vui lòng đăng nhập lại.');
  });

  it('signs out this session only, or everywhere', async () => {
    const first = await signedIn('reviewer');
    const second = await signedIn('reviewer');
    const third = await signedIn('reviewer');
    expect((await first.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await first.get('/api/me')).statusCode).toBe(401);
    expect((await second.get('/api/me')).statusCode).toBe(200);

    const everywhere = await second.post('/api/auth/logout-everywhere');
    expect(everywhere.statusCode).toBe(200);
    expect(everywhere.json().endedSessions).toBeGreaterThanOrEqual(2);
    const other = await third.get('/api/me');
    expect(other.statusCode).toBe(401);
    expect(other.json().detail).toContain('đăng xuất ở nơi khác');
    expect((await second.get('/api/me')).statusCode).toBe(401);
    const left = await sessions()
      .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
      .select('token_hash')
      .where('app_user.username', '=', 'reviewer')
      .execute();
    expect(left).toEqual([]);
    const audit = await database.handle.db.selectFrom('audit_log').select(['action', 'entity']).where('action', '=', 'logout_everywhere').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('lists my sessions, marking this one', async () => {
    const first = await signedIn('district');
    await signedIn('district');
    const response = await first.get('/api/auth/sessions');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.idleMinutes).toBe(30);
    expect(body.maxHours).toBe(12);
    expect(body.sessions.length).toBeGreaterThanOrEqual(2);
    expect(body.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
  });

  it('lets an admin end another user’s sessions; others may not', async () => {
    const admin = await signedIn('admin');
    const commune = await signedIn('commune');
    const users = (await admin.get('/api/users')).json().users as Array<{ id: number; username: string; openSessions: number }>;
    const target = users.find((u) => u.username === 'commune');
    expect(target?.openSessions).toBeGreaterThan(0);
    const adminRow = users.find((u) => u.username === 'admin');
    const refused = await commune.post(`/api/users/${adminRow?.id}/end-sessions`);
    expect(refused.statusCode).toBe(403);
    const ended = await admin.post(`/api/users/${target?.id}/end-sessions`);
    expect(ended.statusCode).toBe(200);
    expect(ended.json().endedSessions).toBeGreaterThan(0);
    const after = await commune.get('/api/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toContain('quản trị viên');
  });

  it('still signs in the demo users with the demo password (seeded before the rules)', async () => {
    for (const username of ['admin', 'agency', 'district', 'commune', 'reviewer', 'supervisor']) {
      expect((await apiClient(app).login(username, DEMO_PASSWORD)).statusCode).toBe(200);
    }
  });
});
