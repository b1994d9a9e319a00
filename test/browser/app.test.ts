/**
 * The browser app end to end: sign-in, the shell, the administrative units browser and the
 * language switch, on a real server over a fresh demo database, in Debian's Chromium.
 * Screenshots land in test-results/ for a person to look at.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  browserSuiteEnabled,
  launchChromium,
  newContext,
  screenshot,
  viewports,
  watchPageErrors,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const demoPassword = 'demo1234';
const slow = { timeout: 60_000 };

describe.skipIf(!browserSuiteEnabled())('browser app', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ demo: true, loginAttemptsPerMinute: 100 }),
      launchChromium(),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** What the server itself answers to a wrong password, in one language. */
  async function serverLoginFailure(language: 'vi' | 'en'): Promise<string> {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': language },
      body: JSON.stringify({ username: 'admin', password: 'not-the-password' }),
    });
    expect(response.status).toBe(401);
    const problem = (await response.json()) as { detail: string };
    return problem.detail;
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(demoPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
  }

  const summary = (page: Page) => page.locator('.units-summary');
  const detail = (page: Page) => page.locator('.unit-detail');

  describe('sign-in page', () => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      context = await newContext(browser, { baseURL: server.url });
      page = await context.newPage();
      errors = watchPageErrors(page);
      await page.goto('/');
    }, 30_000);

    afterAll(async () => {
      await context?.close();
    });

    test('is in Vietnamese with the synthetic-data banner and the demo users', slow, async () => {
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      const banner = page.getByRole('note', { name: 'Dữ liệu mô phỏng — không phải dữ liệu thật' });
      await expect.poll(() => banner.isVisible()).toBe(true);
      expect(await banner.textContent()).toContain('admin');
      expect(await page.getByText('GNBV — Giảm nghèo bền vững').isVisible()).toBe(true);
      await screenshot(page, 'sign-in-desktop');
    });

    test("a wrong password shows the server's own message", slow, async () => {
      const expected = await serverLoginFailure('vi');
      await page.getByLabel('Tên đăng nhập').fill('admin');
      await page.getByLabel('Mật khẩu').fill('not-the-password');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(expected);
      await screenshot(page, 'sign-in-wrong-password');
    });

    test('in English, the server answers in English', slow, async () => {
      const expected = await serverLoginFailure('en');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByText('SYNTHETIC DATA — not real data').isVisible()).toBe(true);
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain(expected);
      await screenshot(page, 'sign-in-english');
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    });

    test('ran without script errors', () => {
      expect(errors).toEqual([]);
    });
  });

  describe('signed in as the demo province administrator (desktop)', () => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      context = await newContext(browser, { baseURL: server.url, viewport: viewports.desktop });
      page = await context.newPage();
      errors = watchPageErrors(page);
      await page.goto('/');
      await signIn(page, 'admin');
    }, 30_000);

    afterAll(async () => {
      await context?.close();
    });

    test('the shell shows the app, the province, the user, the demo banner and only real pages', slow, async () => {
      const header = page.getByRole('banner');
      expect(await header.textContent()).toContain('GNBV — Giảm nghèo bền vững');
      expect(await header.textContent()).toContain('Quản trị cấp tỉnh');
      expect(await page.getByText('Dữ liệu mô phỏng — không phải dữ liệu thật').isVisible()).toBe(true);
      const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
      const labels = await nav.getByRole('link').allTextContents();
      // The dashboard is the home page; the units browser is one of the pages listed.
      expect(labels[0]).toBe('Bảng điều khiển');
      expect(labels).toContain('Đơn vị hành chính');
      expect(new URL(page.url()).pathname).toBe('/dashboard');
      // Only pages that exist are listed: each one opens with its own heading.
      for (const label of labels) {
        await nav.getByRole('link', { name: label, exact: true }).click();
        await expect.poll(() => page.title()).toBe(`${label} — GNBV`);
        const heading = page.locator('main h1').first();
        await heading.waitFor();
        expect((await heading.textContent())?.trim()).not.toBe('');
      }
      await nav.getByRole('link', { name: 'Đơn vị hành chính', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Đơn vị hành chính' }).waitFor();
    });

    test('31/10/2024 shows old Gia Lai: 17 districts and 220 communes', slow, async () => {
      await page.getByRole('button', { name: /31\/10\/2024/ }).click();
      await page.getByRole('heading', { name: 'Đơn vị hành chính ngày 31/10/2024' }).waitFor();
      await expect.poll(() => summary(page).textContent()).toContain('17 đơn vị cấp huyện');
      const text = await summary(page).textContent();
      expect(text).toContain('220 đơn vị cấp xã');
      expect(text).toContain('182 xã');
      expect(text).toContain('24 phường');
      expect(text).toContain('14 thị trấn');
      await screenshot(page, 'units-2024-10-31-desktop');
    });

    test('a typed date: 15/01/2025 has 218 communes (after NQ 1195)', slow, async () => {
      await page.getByLabel('Ngày hiệu lực').fill('15/01/2025');
      await page.getByRole('heading', { name: 'Đơn vị hành chính ngày 15/01/2025' }).waitFor();
      await expect.poll(() => summary(page).textContent()).toContain('218 đơn vị cấp xã');
    });

    test('01/07/2025 shows the new two-tier Gia Lai: 135 communes, no districts', slow, async () => {
      await page.getByRole('button', { name: /01\/07\/2025/ }).click();
      await page.getByRole('heading', { name: 'Đơn vị hành chính ngày 01/07/2025' }).waitFor();
      await expect.poll(() => summary(page).textContent()).toContain('135 đơn vị cấp xã');
      expect(await summary(page).textContent()).not.toContain('cấp huyện');
      expect(await page.getByLabel('Ngày hiệu lực').inputValue()).toBe('01/07/2025');
    });

    test('the filter ignores diacritics and case; a new commune shows where it came from', slow, async () => {
      await page.getByLabel('Tìm theo tên hoặc mã').fill('kong chro');
      await expect.poll(() => page.locator('.filter-status').textContent()).toContain('khớp');
      const match = page.locator('[data-tree-item="23824"]');
      expect(await match.textContent()).toContain('Xã Kông Chro');
      expect(await page.locator('[data-tree-item]').count()).toBeLessThan(10);
      await match.click();
      await detail(page).getByRole('heading', { name: 'Xã Kông Chro' }).waitFor();
      await detail(page).getByRole('heading', { name: 'Hình thành từ các đơn vị cũ' }).waitFor();
      const text = await detail(page).textContent();
      expect(text).toContain('Từ 01/07/2025 đến nay');
      for (const former of ['Thị trấn Kông Chro', 'Xã Yang Trung', 'Xã Yang Nam']) expect(text).toContain(former);
      await expect.poll(() => detail(page).textContent()).toContain('Huyện cũ: Huyện Kông Chro');
      await screenshot(page, 'units-new-commune-desktop');
    });

    test('an old commune shows the new commune it went to', slow, async () => {
      await detail(page).getByRole('button', { name: 'Xã Yang Trung' }).click();
      await detail(page).getByRole('heading', { name: 'Xã Yang Trung' }).waitFor();
      expect(await page.getByLabel('Ngày hiệu lực').inputValue()).toBe('30/06/2025');
      await detail(page).getByRole('heading', { name: 'Sắp xếp vào đơn vị mới' }).waitFor();
      const successors = detail(page).locator('.relation-list');
      expect(await successors.textContent()).toContain('Xã Kông Chro');
      await screenshot(page, 'units-old-commune-desktop');
    });

    test('the tree works from the keyboard', slow, async () => {
      await page.getByLabel('Tìm theo tên hoặc mã').fill('');
      await page.getByRole('button', { name: /31\/10\/2024/ }).click();
      await page.getByRole('heading', { name: 'Đơn vị hành chính ngày 31/10/2024' }).waitFor();
      const province = page.locator('[data-tree-item="64"]');
      await province.focus();
      await page.keyboard.press('ArrowDown');
      const focusedCode = () => page.evaluate(() => document.activeElement?.getAttribute('data-tree-item'));
      expect(await focusedCode()).toBe('622');
      await page.keyboard.press('ArrowRight');
      await expect
        .poll(() => page.getByRole('button', { name: /Thành phố Pleiku$/ }).first().getAttribute('aria-expanded'))
        .toBe('true');
      await page.keyboard.press('ArrowRight');
      expect(await focusedCode()).not.toBe('622');
      await page.keyboard.press('Enter');
      await detail(page).locator('.facts').waitFor();
      await screenshot(page, 'units-keyboard-desktop');
    });

    test('English labels after switching, remembered after reload', slow, async () => {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Administrative units' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('link', { name: 'Administrative units' }).isVisible()).toBe(true);
      expect(await page.getByRole('banner').textContent()).toContain('Province administrator');
      expect(await page.getByText('SYNTHETIC DATA — not real data').isVisible()).toBe(true);
      await expect.poll(() => summary(page).textContent()).toContain('220 commune-level units');
      await page.reload();
      await page.getByRole('heading', { name: 'Administrative units on 31/10/2024' }).waitFor();
      await screenshot(page, 'units-english-desktop');
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByRole('heading', { level: 1, name: 'Đơn vị hành chính' }).waitFor();
    });

    test('signing out returns to the sign-in page', slow, async () => {
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      const me = await page.evaluate(() => fetch('/api/me').then((response) => response.status));
      expect(me).toBe(401);
    });

    test('ran without script errors', () => {
      expect(errors).toEqual([]);
    });
  });

  describe('on a tablet (820×1180)', () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await newContext(browser, { baseURL: server.url, viewport: viewports.tablet });
      page = await context.newPage();
      await page.goto('/');
      await screenshot(page, 'sign-in-tablet');
      await signIn(page, 'admin');
      await page.goto('/units');
      await page.getByRole('heading', { level: 1, name: 'Đơn vị hành chính' }).waitFor();
    }, 30_000);

    afterAll(async () => {
      await context?.close();
    });

    test('the units browser fits and shows a new commune with its predecessors', slow, async () => {
      await page.getByRole('button', { name: /01\/07\/2025/ }).click();
      await expect.poll(() => summary(page).textContent()).toContain('135 đơn vị cấp xã');
      await page.getByLabel('Tìm theo tên hoặc mã').fill('kong chro');
      await page.locator('[data-tree-item="23824"]').click();
      await detail(page).getByRole('heading', { name: 'Hình thành từ các đơn vị cũ' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'units-new-commune-tablet');
      await page.getByLabel('Tìm theo tên hoặc mã').fill('');
      await page.getByRole('button', { name: /31\/10\/2024/ }).click();
      await expect.poll(() => summary(page).textContent()).toContain('220 đơn vị cấp xã');
      await page.getByRole('button', { name: 'Mở rộng tất cả' }).click();
      await page.locator('[data-tree-item="630"]').scrollIntoViewIfNeeded();
      await screenshot(page, 'units-2024-10-31-tablet', { fullPage: false });
    });

    test('when the session ends on the server, the sign-in page says so', slow, async () => {
      await context.clearCookies();
      await page.getByRole('button', { name: /01\/11\/2024/ }).click();
      await page.getByText('Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.').waitFor();
      await screenshot(page, 'sign-in-session-expired-tablet');
    });
  });

  describe('a server without demo data', () => {
    let plainServer: TestServer;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      plainServer = await startTestServer({ demo: false, loginAttemptsPerMinute: 2 });
      context = await newContext(browser, { baseURL: plainServer.url });
      page = await context.newPage();
      await page.goto('/');
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await plainServer?.close();
    });

    test('shows no synthetic-data banner', slow, async () => {
      expect(await page.getByRole('note').count()).toBe(0);
      expect(await page.getByText('Dữ liệu mô phỏng').count()).toBe(0);
    });

    test("too many attempts show the server's rate-limit message", slow, async () => {
      const alertText = () => page.getByRole('alert').textContent();
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const answered = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
        await page.getByLabel('Tên đăng nhập').fill('someone');
        await page.getByLabel('Mật khẩu').fill(`guess-${attempt}`);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        expect((await answered).status()).toBe(attempt <= 2 ? 401 : 429);
      }
      const response = await fetch(`${plainServer.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'vi' },
        body: JSON.stringify({ username: 'someone', password: 'again' }),
      });
      expect(response.status).toBe(429);
      const { detail } = (await response.json()) as { detail: string };
      // The detail names the seconds left, which differ by the time it is fetched again.
      const firstSentence = detail.split('.')[0] ?? detail;
      await expect.poll(alertText).toContain(firstSentence);
      await screenshot(page, 'sign-in-rate-limited');
    });
  });
});
