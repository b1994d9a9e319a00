/**
 * Reports and deadlines in Chromium: the province admin sees the completeness matrix and
 * downloads an XLSX (read back with exceljs); a commune officer submits a monthly report and
 * the admin returns it with a reason. Screenshots land in test-results/reports-*.png.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserSuiteEnabled, launchChromium, newContext, screenshot, screenshotDir, watchPageErrors } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const demoPassword = 'demo1234';
const slow = { timeout: 120_000 };

describe.skipIf(!browserSuiteEnabled())('reports and deadlines in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ demo: true, households: 300 }), launchChromium()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(username: string): Promise<{ page: Page; errors: string[] }> {
    const context = await newContext(browser, { baseURL: server.url });
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(demoPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
    await page.getByRole('link', { name: 'Báo cáo, thời hạn' }).click();
    await page.getByRole('heading', { name: 'Báo cáo và thời hạn', level: 1 }).waitFor();
    await page.getByLabel('Năm', { exact: true }).fill('2022');
    await page.getByRole('heading', { name: 'Lịch báo cáo năm 2022' }).waitFor();
    return { page, errors };
  }

  test('a commune officer submits its monthly report and sees it sent', slow, async () => {
    const { page, errors } = await signedIn('commune');
    await page.getByText('28/02/2022').first().waitFor();
    const submit = page.getByRole('button', { name: /^Gửi báo cáo — RV-MC-04 — / }).first();
    await submit.click();
    await page.getByText('Đã gửi').first().waitFor();
    const rows = await sql<{ status: string; submitter: string }>`
      select s.status, s.submitter from submission s join obligation o on o.id = s.obligation_id where o.code = 'RV-MC-04' and o.year = 2022`.execute(server.database.handle.db);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.status).toBe('submitted');
    expect(['unit:23827', 'unit:23830']).toContain(rows.rows[0]!.submitter);
    await screenshot(page, 'reports-commune-calendar');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('the province admin sees the matrix, returns the report with a reason and downloads an XLSX', slow, async () => {
    const { page, errors } = await signedIn('admin');
    const matrix = page.getByRole('table', { name: 'Tình hình nộp báo cáo (đơn vị × nghĩa vụ)' });
    await matrix.waitFor();
    expect(await matrix.locator('tbody tr').count()).toBeGreaterThan(20);
    expect(await matrix.getByRole('columnheader', { name: /RV-OFF/ }).count()).toBe(1);
    await screenshot(page, 'reports-admin-matrix');

    // Late first: the commune that sent one report is far down the list.
    while (await page.getByRole('button', { name: /^Xem thêm/ }).count()) await page.getByRole('button', { name: /^Xem thêm/ }).click();
    await matrix.getByRole('button', { name: /RV-MC-04: Nộp trễ, Đã gửi/ }).click();
    await page.getByLabel('Lý do trả lại').fill('Thiếu số liệu thôn 2');
    await page.getByRole('button', { name: 'Trả lại' }).click();
    await matrix.getByText('Bị trả lại').first().waitFor();
    const returned = await sql<{ status: string; return_reason: string }>`select status, return_reason from submission`.execute(server.database.handle.db);
    expect(returned.rows[0]).toEqual({ status: 'returned', return_reason: 'Thiếu số liệu thôn 2' });

    await page.getByLabel('Biểu báo cáo', { exact: true }).selectOption('summary');
    await page.getByLabel('Định dạng', { exact: true }).selectOption('xlsx');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải xuống' }).click()]);
    const file = `${screenshotDir}/reports-summary-2022.xlsx`;
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^summary-2022-\d+\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets[0]!.getCell(3, 1).value).toBe('TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO, HỘ LÀM NÔNG, LÂM, NGƯ NGHIỆP CÓ MỨC SỐNG TRUNG BÌNH');
    await page.getByText(/Đã tải summary-2022-/).waitFor();
    await screenshot(page, 'reports-admin-download', { fullPage: false });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
