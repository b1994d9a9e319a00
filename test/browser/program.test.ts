/**
 * Support plans and the program page in Chromium: the demo commune officer makes a plan for a
 * poor household of the commune (helper, a support with amount), then records it completed; the
 * agency enters a budget line with monthly disbursements (refusals shown beside the fields); the
 * admin previews an allocation by points. Screenshots land in test-results/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadProgramData } from '../../src/modules/program/program-data.loader.js';
import { withProgramTables } from '../../src/modules/program/program.tables.js';
import { browserSuiteEnabled, launchChromium, newContext, screenshot, viewports, watchPageErrors } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const slow = { timeout: 240_000 };
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe.skipIf(!browserSuiteEnabled())('support plans and the program page', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ demo: true, households: 300, loginAttemptsPerMinute: 100 }),
      launchChromium(),
    ]);
    // What start-up loads after the reference data: lead agencies per year, the plan's tasks.
    await loadProgramData(server.database.handle.db);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A context with room for a loaded machine (the suite shares two cores with others). */
  async function open(viewport: { width: number; height: number }): Promise<BrowserContext> {
    const context = await newContext(browser, { baseURL: server.url, viewport });
    context.setDefaultTimeout(30_000);
    return context;
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill('demo1234');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
  }

  describe('as the commune officer', () => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      context = await open(viewports.desktop);
      page = await context.newPage();
      errors = watchPageErrors(page);
    });

    afterAll(async () => {
      await context?.close();
    });

    test('makes a support plan and completes a support', slow, async () => {
      await signIn(page, 'commune');
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kế hoạch hỗ trợ hộ' }).click();
      await page.getByRole('heading', { level: 2, name: 'Hộ nghèo, cận nghèo chưa có kế hoạch hỗ trợ' }).waitFor();
      await screenshot(page, 'program-support-gaps');

      const first = page.locator('.gap-list a').first();
      const label = plain(await first.textContent());
      const code = label.split(' — ')[0]!;
      await first.click();
      await page.getByRole('heading', { level: 1, name: `Kế hoạch hỗ trợ hộ ${code}` }).waitFor();
      await page.getByRole('heading', { name: 'Nhu cầu hỗ trợ (từ các chỉ số thiếu hụt)' }).waitFor();
      expect(await page.getByText('Hộ chưa có kế hoạch hỗ trợ.').isVisible()).toBe(true);

      await page.getByLabel('Họ tên người hoặc tên tổ chức giúp đỡ').fill('Hội Liên hiệp Phụ nữ xã Chư Krey');
      await page.getByLabel('Loại', { exact: true }).selectOption({ label: 'Tổ chức' });
      await page.getByRole('button', { name: 'Lập kế hoạch' }).click();
      await page.getByRole('heading', { level: 3, name: 'Thêm hỗ trợ' }).waitFor();

      await page.getByLabel('Hỗ trợ', { exact: true }).selectOption('latrine');
      await page.getByLabel('Số tiền (đồng)').fill('2.500.000');
      await page.getByRole('button', { name: 'Thêm hỗ trợ' }).click();
      const row = page.locator('tr[data-support="latrine"]');
      await row.waitFor();
      expect(plain(await row.textContent())).toContain('2.500.000 ₫');
      expect(plain(await row.textContent())).toContain('Dự kiến');
      await screenshot(page, 'program-support-plan-made');

      await row.getByRole('button', { name: 'Ghi hoàn thành' }).click();
      await row.getByText('Hoàn thành', { exact: true }).waitFor();
      expect(plain(await row.textContent())).toMatch(/\d{2}\/\d{2}\/\d{4}.*Hoàn thành.*\d{2}\/\d{2}\/\d{4}/);
      await screenshot(page, 'program-support-plan-completed');

      const db = withProgramTables(server.database.handle.db);
      const plan = await db.selectFrom('support_plan').selectAll().where('household_code', '=', code).executeTakeFirstOrThrow();
      expect(plan).toMatchObject({ helper_name: 'Hội Liên hiệp Phụ nữ xã Chư Krey', helper_kind: 'organisation' });
      const items = await db.selectFrom('support_item').selectAll().where('household_code', '=', code).execute();
      expect(items).toEqual([expect.objectContaining({ support_code: 'latrine', amount: 2_500_000, status: 'done' })]);
      expect(items[0]!.completed_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(errors).toEqual([]);
    });
  });

  describe('as the agency leading project 3', () => {
    test('enters a budget line with monthly disbursements; refusals appear beside their fields', slow, async () => {
      const context = await open(viewports.desktop);
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      const db = withProgramTables(server.database.handle.db);
      try {
        await signIn(page, 'agency');
        await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Chương trình, ngân sách' }).click();
        await page.getByLabel('Chương trình', { exact: true }).selectOption({ index: 0 });
        await page.getByLabel('Năm', { exact: true }).selectOption('2025');
        await page.getByRole('heading', { level: 2, name: 'Ngân sách năm 2025' }).waitFor();
        await page.getByRole('button', { name: 'Thêm dòng ngân sách' }).click();
        const form = page.locator('form.budget-line-form');
        await form.getByLabel('Dự án').selectOption('P3');
        await form.getByLabel('Loại vốn').selectOption({ label: 'Sự nghiệp' });

        // A negative amount: the server's reason under the field, nothing saved.
        await form.getByLabel('Kế hoạch (đồng)').fill('-5');
        await form.getByRole('button', { name: 'Lưu dòng ngân sách' }).click();
        await form.locator('[aria-invalid="true"]').first().waitFor();
        expect(await form.getByLabel('Kế hoạch (đồng)').getAttribute('aria-invalid')).toBe('true');

        // Typed digits are grouped the Vietnamese way.
        await form.getByLabel('Kế hoạch (đồng)').fill('1200000000');
        expect(await form.getByLabel('Kế hoạch (đồng)').inputValue()).toBe('1.200.000.000');
        await form.getByLabel('Đã phân bổ (đồng)').fill('500000000');
        await form.getByLabel('Tháng 3', { exact: true }).fill('300000000');
        await form.getByLabel('Tháng 6', { exact: true }).fill('300000000');
        await form.getByRole('button', { name: 'Lưu dòng ngân sách' }).click();
        const beyond = form.locator('.months .field__hint--error', { hasText: 'vượt số vốn đã phân bổ' });
        await beyond.waitFor();
        expect(plain(await beyond.textContent())).toContain('600.000.000');
        await form.scrollIntoViewIfNeeded();
        await screenshot(page, 'program-budget-line-refused', { fullPage: false });
        expect(await db.selectFrom('budget_line').select('id').execute()).toEqual([]);

        await form.getByLabel('Tháng 6', { exact: true }).fill('200000000');
        await form.getByRole('button', { name: 'Lưu dòng ngân sách' }).click();
        await page.getByText('Đã lưu dòng ngân sách.').waitFor();
        const row = page.locator('table.budget-lines tbody tr').first();
        expect(plain(await row.textContent())).toMatch(/P3.*Ngân sách trung ương, sự nghiệp.*1\.200\.000\.000 ₫.*500\.000\.000 ₫.*500\.000\.000 ₫/);
        await page.locator('table.budget-lines').scrollIntoViewIfNeeded();
        await screenshot(page, 'program-budget-line-saved', { fullPage: false });

        const line = await db.selectFrom('budget_line').selectAll().executeTakeFirstOrThrow();
        expect(line).toMatchObject({ project_code: 'P3', year: 2025, source: 'central', kind: 'recurrent', planned: 1_200_000_000, allocated: 500_000_000 });
        const months = await db.selectFrom('budget_disbursement').select(['month', 'amount']).where('budget_line_id', '=', line.id).orderBy('month').execute();
        expect(months).toEqual([
          { month: 3, amount: 300_000_000 },
          { month: 6, amount: 200_000_000 },
        ]);
        // The 400 and 422 were provoked above on purpose; nothing else may fail.
        expect(errors.filter((error) => !/status of (400|422)/.test(error))).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  describe('as the province admin', () => {
    test('sees the budget with the counterpart check and previews an allocation', slow, async () => {
      const context = await open(viewports.tablet);
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      try {
        await signIn(page, 'admin');
        await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Chương trình, ngân sách' }).click();
        await page.getByRole('heading', { level: 1, name: 'Chương trình và ngân sách' }).waitFor();
        await page.getByLabel('Chương trình', { exact: true }).selectOption({ index: 0 });
        await page.getByText('Chưa có tỷ lệ ngân sách trung ương hỗ trợ', { exact: false }).waitFor();
        const p3 = page.locator('tbody tr', { hasText: 'Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng' });
        expect(plain(await p3.textContent())).toContain('Sở NN&MT (Chủ trì)');
        await page.getByLabel('Tổng vốn (đồng)').fill('1000000000');
        await page.getByRole('button', { name: 'Xem trước' }).click();
        const footer = page.locator('.allocation-preview tfoot');
        await footer.waitFor();
        expect(plain(await footer.textContent())).toContain('1.000.000.000 ₫');
        // Nothing wider than a tablet (long program names wrap).
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewports.tablet.width);
        await page.locator('.allocation-preview').scrollIntoViewIfNeeded();
        await screenshot(page, 'program-allocation-preview', { fullPage: false });
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, 'program-overview', { fullPage: false });

        // With the resolution dated after 1 July 2025 the preview is by the new communes, and the
        // poor-district criterion counts the commune that took in part of Kông Chro.
        await page.getByLabel('Thuộc huyện nghèo').fill('10');
        await page.getByLabel('Số nghị quyết thông qua').fill('20/2025/NQ-HĐND');
        await page.getByLabel('Ngày nghị quyết').fill('01/08/2025');
        await page.getByText('có hiệu lực ngày 01/08/2025', { exact: false }).first().waitFor();
        await page.getByRole('button', { name: 'Xem trước' }).click();
        await page.locator('.allocation-preview', { hasText: 'Theo Nghị quyết số 20/2025/NQ-HĐND ngày 01/08/2025.' }).waitFor();
        const chuKrey = page.locator('.allocation-preview tbody tr', { hasText: '(23830)' });
        expect(plain(await chuKrey.textContent())).toContain('Xã Chư Krey');
        expect(await page.locator('.allocation-preview tbody tr', { hasText: '(23827)' }).count()).toBe(0);
        expect(plain(await footer.textContent())).toContain('1.000.000.000 ₫');
        await chuKrey.scrollIntoViewIfNeeded();
        await screenshot(page, 'program-allocation-2025-communes', { fullPage: false });

        // The 2022 plan's tasks, with their due dates, under the year they belong to.
        await page.getByLabel('Năm', { exact: true }).selectOption('2022');
        await page.getByRole('heading', { level: 2, name: 'Nhiệm vụ theo kế hoạch năm 2022' }).waitFor();
        const d10 = page.locator('tbody tr', { hasText: '28/02/2022' }).first();
        expect(plain(await d10.textContent())).toContain('Ủy ban nhân dân các huyện, thị xã, thành phố');
        await page.getByRole('heading', { level: 2, name: 'Nhiệm vụ theo kế hoạch năm 2022' }).scrollIntoViewIfNeeded();
        await screenshot(page, 'program-tasks-2022', { fullPage: false });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});
