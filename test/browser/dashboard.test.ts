/**
 * The dashboard in Chromium on the demo province: the province admin sees the old province
 * with its targets and drills down to Kông Chro; a commune officer sees only their commune.
 * Screenshots land in test-results/dashboard-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadPlanTargets } from '../../src/modules/targets/plan-targets.js';
import { refreshAggregates } from '../../src/modules/targets/refresh-aggregates.js';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { browserSuiteEnabled, launchChromium, newContext, screenshot, watchPageErrors } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const demoPassword = 'demo1234';
const slow = { timeout: 120_000 };

describe.skipIf(!browserSuiteEnabled())('the dashboard in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ demo: true, households: 900 }), launchChromium()]);
    const { db } = server.database.handle;
    const province = await readProvinceSetting(db);
    await db.transaction().execute((trx) => refreshAggregates(trx, province.code));
    await loadPlanTargets(db);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string): Promise<{ page: Page; errors: string[] }> {
    await context?.close();
    context = await newContext(browser, { baseURL: server.url });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(demoPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
    return { page, errors };
  }

  test('the province admin lands on the province dashboard and drills down to Kông Chro', slow, async () => {
    const { page, errors } = await signIn('admin');
    await page.getByRole('heading', { name: 'Bảng điều khiển giảm nghèo' }).waitFor();
    await page.getByRole('heading', { name: /Tỉnh Gia Lai/ }).waitFor();
    const targets = page.locator('section', { has: page.getByRole('heading', { name: 'Thực hiện so với chỉ tiêu' }) });
    await targets.locator('tr[data-indicator="poor_rate"]').waitFor();
    expect(await targets.locator('tr[data-indicator="poor_rate"]').innerText()).toMatch(/giảm ít nhất 2,00 điểm %/);
    expect(await targets.locator('tr[data-indicator="poor_rate"] .mark').innerText()).toMatch(/Đạt|Có nguy cơ không đạt|Không đạt/);
    // Rates are written the Vietnamese way, with a comma and a spaced percent sign.
    expect(await page.locator('.dashboard-figures').innerText()).toMatch(/\d+,\d{2} %/);
    await page.locator('.dashboard-chart svg').first().waitFor();
    await page.getByRole('heading', { name: 'Cần tập trung chỉ đạo' }).waitFor();
    await screenshot(page, 'dashboard-province', { fullPage: true });

    await page.getByRole('link', { name: 'Huyện Kông Chro' }).first().click();
    await page.getByRole('heading', { name: /Huyện Kông Chro/ }).waitFor();
    await page.locator('tr[data-indicator="poor_rate"]').waitFor();
    expect(await page.locator('tr[data-indicator="poor_rate"]').innerText()).toMatch(/giảm ít nhất 5,00 điểm %/);
    await page.getByRole('heading', { name: 'Tỷ lệ hộ nghèo theo đơn vị trực thuộc' }).waitFor();
    await screenshot(page, 'dashboard-kong-chro', { fullPage: true });
    expect(errors).toEqual([]);
  });

  test('a commune officer sees only their commune', slow, async () => {
    const { page, errors } = await signIn('commune');
    await page.getByRole('heading', { name: 'Bảng điều khiển giảm nghèo' }).waitFor();
    await page.getByRole('heading', { name: /\(23830\)/ }).waitFor();
    expect(await page.getByRole('heading', { name: 'Tỷ lệ hộ nghèo theo đơn vị trực thuộc' }).count()).toBe(0);
    await screenshot(page, 'dashboard-commune', { fullPage: true });
    await page.goto('/dashboard?unit=64');
    await page.getByRole('alert').first().waitFor();
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
  });
});
