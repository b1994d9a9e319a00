/**
 * The dashboard in Chromium on the demo province: the province admin sees the old province
 * with its targets and drills down to Kông Chro; a commune officer sees only their commune; the
 * table beside a chart downloads as CSV and XLSX with the numbers the page shows; the targets
 * page sets, edits (a stale edit is refused) and deletes a target and shows the cascade check.
 * Screenshots land in test-results/dashboard-*.png.
 */
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
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

  /** "1.234" → 1234, "12,34 %" → 12.34 (the page writes numbers the Vietnamese way). */
  const viNumber = (text: string) => Number(text.replace(/[\s%]/g, '').replace(/\./g, '').replace(',', '.'));

  test('the table beside a chart downloads as CSV and XLSX with the numbers the page shows', slow, async () => {
    const { page, errors } = await signIn('admin');
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Tỷ lệ hộ nghèo theo đơn vị trực thuộc' }) });
    await section.locator('tbody tr').first().waitFor();
    const shown = await section.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())));
    expect(shown.length).toBeGreaterThan(5);

    const [download] = await Promise.all([page.waitForEvent('download'), section.locator('[data-export="units-csv"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^bang-dieu-khien-units-64-\d{4}\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
    expect(csv[0]!.slice(0, 6)).toEqual(['Mã đơn vị', 'Đơn vị', 'Số hộ', 'Số khẩu', 'Số hộ nghèo', 'Tỷ lệ hộ nghèo (%)']);
    const fileRows = csv.slice(1);
    expect(fileRows.length).toBe(shown.length);
    for (const [i, cells] of shown.entries()) {
      // Page: name, households, poor, rate, EM rate, plan share, mark. File: code, name, households, persons, poor, rate, …
      const file = fileRows[i]!;
      expect(file[1]).toBe(cells[0]);
      expect(Number(file[2])).toBe(viNumber(cells[1]!));
      expect(Number(file[4])).toBe(viNumber(cells[2]!));
      expect(Number(file[5])).toBeCloseTo(viNumber(cells[3]!), 2);
    }

    const trend = page.locator('section', { has: page.getByRole('heading', { name: 'Diễn biến qua các năm' }) });
    const [xlsx] = await Promise.all([page.waitForEvent('download'), trend.getByRole('link', { name: 'Tải bảng "Diễn biến qua các năm" dạng XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await readFile((await xlsx.path())!)).subarray(0, 2).toString()).toBe('PK');
    await screenshot(page, 'dashboard-exports', { fullPage: false });
    expect(errors).toEqual([]);
  });

  test('the province admin sets, edits and deletes a target; a stale edit is refused; the cascade is checked', slow, async () => {
    const { page, errors } = await signIn('admin');
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto('/targets');
    await page.getByRole('heading', { name: 'Chỉ tiêu giảm nghèo' }).waitFor();
    await page.locator('tr[data-target="64:poor_rate"]').waitFor();
    expect(await page.locator('tr[data-target="630:poor_rate"]').innerText()).toMatch(/giảm ít nhất 5,00 điểm %/);

    await page.getByLabel('Mã đơn vị').fill('622');
    await page.getByLabel('Giá trị').fill('-1.5');
    await page.getByRole('button', { name: 'Giao chỉ tiêu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu chỉ tiêu.' }).waitFor();
    await page.locator('tr[data-target="622:poor_rate"]').waitFor();
    expect(await page.locator('tr[data-target="622:poor_rate"]').innerText()).toMatch(/giảm ít nhất 1,50 điểm %/);
    // The cascade: Pleiku −1.5 and Kông Chro −5, each weighted by its households, against the
    // province's −2; the districts without a target count as no change, so it does not add up.
    const cascade = page.locator('tr[data-cascade="64"]');
    await cascade.waitFor();
    const check = await cascade.innerText();
    expect(check).toMatch(/622: -1,50 điểm % × [\d.]+; 630: -5,00 điểm % × [\d.]+/);
    expect(check).toMatch(/✕ Không đạt/);
    await screenshot(page, 'dashboard-targets-page');

    // Someone else changes the target while the form is open: saving is refused, nothing overwritten.
    await page.getByRole('button', { name: 'Sửa 622' }).click();
    const form = page.getByRole('form', { name: 'Sửa chỉ tiêu của đơn vị 622' });
    await form.getByLabel('Giá trị').fill('-3');
    const id = await page.evaluate(async () => {
      const list = (await (await fetch('/api/targets?year=2022')).json()) as { targets: { id: number; unitCode: string }[] };
      const target = list.targets.find((t) => t.unitCode === '622')!;
      await fetch(`/api/targets/${target.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'change_points', value: -2.5, comparator: 'at_most', version: 1 }) });
      return target.id;
    });
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByRole('alert').filter({ hasText: 'vừa được người khác cập nhật' }).waitFor();
    await screenshot(page, 'dashboard-targets-conflict', { fullPage: false });
    const stored = await sql<{ value: number }>`select value from target where id = ${id}`.execute(server.database.handle.db);
    expect(stored.rows).toEqual([{ value: -2.5 }]);

    await page.reload();
    await page.getByRole('button', { name: 'Xóa 622' }).click();
    await page.locator('tr[data-target="622:poor_rate"]').waitFor({ state: 'detached' });
    expect(errors.filter((e) => !/409/.test(e))).toEqual([]);
  });
});
