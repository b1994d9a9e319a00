/**
 * The users page and account security in Chromium, under the server's Content-Security-Policy:
 * the province admin creates a user (the password rules named on a weak one), sees them locked
 * after failed sign-ins and unlocks them; the new user must choose their own password; an idle
 * session returns to sign-in; "sign out everywhere" ends the session. Screenshots in test-results/.
 */
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDemoUsers } from '../../src/modules/users/demo-users.js';
import { browserSuiteEnabled, launchChromium, newContext, screenshot, viewports, watchPageErrors } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const slow = { timeout: 90_000 };
const FIRST_PASSWORD = 'mua-ray-tren-nuong-2025';
const OWN_PASSWORD = 'ca-phe-gia-lai-thom-lam';

describe.skipIf(!browserSuiteEnabled())('users page and account security', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  async function signIn(target: Page, username: string, password: string): Promise<void> {
    await target.getByLabel('Tên đăng nhập').fill(username);
    await target.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await target.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  const row = (username: string) => page.locator(`tr[data-username="${username}"]`);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ demo: false, loginAttemptsPerMinute: 100 }), launchChromium()]);
    await createDemoUsers(server.database.handle.db);
    context = await newContext(browser, { baseURL: server.url, viewport: viewports.desktop });
    context.setDefaultTimeout(30_000);
    page = await context.newPage();
    errors = watchPageErrors(page);
    await page.goto('/');
    await signIn(page, 'admin', 'demo1234');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản' }).click();
    await page.getByRole('heading', { name: 'Người dùng', level: 1 }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('lists the users with role, unit, state and last sign-in', slow, async () => {
    await row('admin').waitFor();
    expect(await row('admin').textContent()).toContain('Đang hoạt động');
    expect(await row('commune').textContent()).toContain('Chưa đăng nhập');
    expect(await row('district').textContent()).toContain('Kông Chro');
    await screenshot(page, 'users-list');
  });

  test('creates a user, naming the password rules a weak password breaks', slow, async () => {
    const form = page.getByRole('region', { name: 'Thêm người dùng' });
    await form.getByLabel('Tên đăng nhập').fill('canbo.chukrey');
    await form.getByLabel('Họ tên').fill('Rơ Chăm Thị Hoa');
    await form.getByLabel('Vai trò').selectOption('commune_officer');
    await form.getByLabel('Đơn vị', { exact: true }).selectOption('23830');
    await form.getByLabel('Mật khẩu ban đầu').fill('chukrey1');
    await form.getByRole('button', { name: 'Tạo người dùng' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Mật khẩu cần ít nhất 10 ký tự');
    await screenshot(page, 'users-create-weak-password');

    await form.getByLabel('Mật khẩu ban đầu').fill(FIRST_PASSWORD);
    await form.getByRole('button', { name: 'Tạo người dùng' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã tạo người dùng canbo.chukrey' }).waitFor();
    await row('canbo.chukrey').waitFor();
    expect(await row('canbo.chukrey').textContent()).toContain('phải đổi mật khẩu');
    const stored = await server.database.handle.db.selectFrom('app_user').select(['role', 'unit_code', 'display_name']).where('username', '=', 'canbo.chukrey').executeTakeFirstOrThrow();
    expect(stored).toEqual({ role: 'commune_officer', unit_code: '23830', display_name: 'Rơ Chăm Thị Hoa' });
  });

  test('shows a user locked after five failed sign-ins, and unlocks them', slow, async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'canbo.chukrey', password: `doan-sai-${attempt}` }),
      });
      expect(response.status).toBe(401);
    }
    await page.reload();
    await row('canbo.chukrey').waitFor();
    expect(await row('canbo.chukrey').textContent()).toContain('Đang bị khóa');
    await screenshot(page, 'users-locked');
    await page.getByRole('button', { name: 'Mở khóa canbo.chukrey' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã mở khóa canbo.chukrey' }).waitFor();
    expect(await row('canbo.chukrey').textContent()).toContain('Đang hoạt động');
    await screenshot(page, 'users-unlocked');
  });

  test('makes the new user choose their own password before the app opens', slow, async () => {
    const userContext = await newContext(browser, { baseURL: server.url, viewport: viewports.tablet });
    const userPage = await userContext.newPage();
    const userErrors = watchPageErrors(userPage);
    await userPage.goto('/');
    await signIn(userPage, 'canbo.chukrey', FIRST_PASSWORD);
    await userPage.getByRole('heading', { name: 'Đổi mật khẩu trước khi tiếp tục' }).waitFor();
    await screenshot(userPage, 'users-forced-password-change');
    await userPage.getByLabel('Mật khẩu hiện tại').fill(FIRST_PASSWORD);
    await userPage.getByLabel('Mật khẩu mới', { exact: true }).fill(OWN_PASSWORD);
    await userPage.getByLabel('Nhập lại mật khẩu mới').fill(OWN_PASSWORD);
    await userPage.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await userPage.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
    expect(userErrors).toEqual([]);
    await userContext.close();
  });

  test('returns to sign-in, saying so, when the session has been idle too long', slow, async () => {
    const idleContext = await newContext(browser, { baseURL: server.url });
    const idlePage = await idleContext.newPage();
    await idlePage.goto('/');
    await signIn(idlePage, 'canbo.chukrey', OWN_PASSWORD);
    // Open a page and let it finish loading, so no request is in flight when the session goes idle.
    await idlePage.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản' }).click();
    await idlePage.getByText('Phiên này', { exact: true }).waitFor();
    await server.database.handle.db
      .updateTable('user_session')
      .set({ last_seen_at: sql<Date>`now() - interval '31 minutes'` })
      .where('user_id', '=', (await server.database.handle.db.selectFrom('app_user').select('id').where('username', '=', 'canbo.chukrey').executeTakeFirstOrThrow()).id)
      .execute();
    await idlePage.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await idlePage.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await idlePage.getByRole('status').filter({ hasText: 'Phiên làm việc đã hết hạn' }).waitFor();
    await screenshot(idlePage, 'users-session-expired');
    await idleContext.close();
  });

  test('sends the CSRF token with fetch calls pages make themselves, and the server refuses requests without it', slow, async () => {
    const id = (await server.database.handle.db.selectFrom('app_user').select('id').where('username', '=', 'commune').executeTakeFirstOrThrow()).id;
    const statuses = await page.evaluate(async (userId) => {
      const withFetch = await fetch(`/api/users/${userId}/unlock`, { method: 'POST' });
      const withoutToken = await new Promise<number>((resolve) => {
        const request = new XMLHttpRequest();
        request.open('POST', `/api/users/${userId}/unlock`);
        request.onload = () => resolve(request.status);
        request.send();
      });
      return { withFetch: withFetch.status, withoutToken };
    }, id);
    expect(statuses).toEqual({ withFetch: 200, withoutToken: 403 });
  });

  test('signs out everywhere from my account', slow, async () => {
    await page.getByRole('link', { name: 'Tài khoản của tôi' }).click();
    await page.getByRole('heading', { name: 'Phiên đăng nhập' }).waitFor();
    await page.getByText('Phiên này', { exact: true }).waitFor();
    await screenshot(page, 'account-page');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Đăng xuất mọi nơi' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    const admin = await server.database.handle.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const left = await server.database.handle.db.selectFrom('user_session').select('token_hash').where('user_id', '=', admin.id).execute();
    expect(left).toEqual([]);
  });

  test('ran without script errors or Content-Security-Policy violations', () => {
    // The weak password's 400 and the tokenless 403 were provoked on purpose; a CSP violation
    // would be a console error too.
    expect(errors.filter((error) => !/status of (400|403)/.test(error))).toEqual([]);
  });
});
