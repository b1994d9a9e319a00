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

  test('a commune officer attaches a PDF to a draft, submits its monthly report and sees it sent', slow, async () => {
    const { page, errors } = await signedIn('commune');
    await page.getByText('28/02/2022').first().waitFor();
    // The header reminds of the commune's own overdue reports (the current year's calendar).
    await page.getByRole('link', { name: /^Báo cáo: [\d.]+ quá hạn, [\d.]+ sắp đến hạn$/ }).waitFor();

    await page.getByRole('button', { name: /^Lưu nháp$/ }).first().waitFor();
    const draftButtons = page.locator('tr').filter({ has: page.getByRole('button', { name: /^Gửi báo cáo — RV-MC-03 — / }) }).getByRole('button', { name: 'Lưu nháp' });
    await draftButtons.first().click();
    const fileInput = page.getByLabel(/^Đính kèm tệp \(PDF, Excel, Word, ảnh; tối đa 10 MB\) — RV-MC-03 — /).first();
    await fileInput.setInputFiles({ name: 'Báo cáo tháng 3.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% test\n%%EOF\n') });
    await page.getByRole('link', { name: 'Báo cáo tháng 3.pdf' }).waitFor();
    const files = await sql<{ file_name: string; content_type: string }>`select file_name, content_type from submission_attachment`.execute(server.database.handle.db);
    expect(files.rows).toEqual([{ file_name: 'Báo cáo tháng 3.pdf', content_type: 'application/pdf' }]);
    // A renamed program is refused with the reason shown.
    await fileInput.setInputFiles({ name: 'chay.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 not a pdf') });
    await page.getByRole('alert').filter({ hasText: 'nội dung tệp không phải là "application/pdf"' }).waitFor();
    await screenshot(page, 'reports-commune-attachment');

    const submit = page.getByRole('button', { name: /^Gửi báo cáo — RV-MC-04 — / }).first();
    await submit.click();
    await page.getByText('Đã gửi').first().waitFor();
    const rows = await sql<{ status: string; submitter: string }>`
      select s.status, s.submitter from submission s join obligation o on o.id = s.obligation_id where o.code = 'RV-MC-04' and o.year = 2022`.execute(server.database.handle.db);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.status).toBe('submitted');
    expect(['unit:23827', 'unit:23830']).toContain(rows.rows[0]!.submitter);
    await screenshot(page, 'reports-commune-calendar');
    // The one console line is the refused upload's 400 answer.
    expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await page.context().close();
  });

  test('the province admin sees the matrix, returns the report with a reason and downloads an XLSX', slow, async () => {
    const { page, errors } = await signedIn('admin');
    const matrix = page.getByRole('table', { name: 'Tình hình nộp báo cáo (đơn vị × nghĩa vụ)' });
    await matrix.waitFor();
    expect(await matrix.locator('tbody tr').count()).toBeGreaterThan(20);
    expect(await matrix.getByRole('columnheader', { name: /RV-OFF/ }).count()).toBe(1);
    await screenshot(page, 'reports-admin-matrix');

    // Filters: communes only, the April report, those sent — the one commune that sent it.
    await page.getByLabel('Cấp', { exact: true }).selectOption('commune');
    const april = await sql<{ id: number }>`select id from obligation where code = 'RV-MC-04' and year = 2022`.execute(server.database.handle.db);
    await page.getByLabel('Nghĩa vụ báo cáo', { exact: true }).selectOption(String(april.rows[0]!.id));
    await page.getByLabel('Tình trạng', { exact: true }).selectOption('submitted');
    await page.getByRole('status').filter({ hasText: 'Hiện 1/1 đơn vị' }).waitFor();
    expect(await matrix.locator('tbody tr').count()).toBe(1);
    expect(await matrix.locator('thead th').count()).toBe(2);
    await screenshot(page, 'reports-admin-matrix-filtered');
    await matrix.getByRole('button', { name: /RV-MC-04: Nộp trễ, Đã gửi/ }).click();
    await page.getByLabel('Lý do trả lại').fill('Thiếu số liệu thôn 2');
    await page.getByRole('button', { name: 'Trả lại' }).click();
    await page.getByRole('status').filter({ hasText: 'Hiện 0/0 đơn vị' }).waitFor();
    const returned = await sql<{ status: string; return_reason: string }>`select s.status, s.return_reason from submission s join obligation o on o.id = s.obligation_id where o.code = 'RV-MC-04'`.execute(server.database.handle.db);
    expect(returned.rows[0]).toEqual({ status: 'returned', return_reason: 'Thiếu số liệu thôn 2' });

    // The obligation form: move the six-month report's due day and add the Health department to who owes it.
    await page.getByRole('button', { name: 'Sửa — R2' }).click();
    const form = page.getByRole('form', { name: 'Sửa nghĩa vụ báo cáo R2' });
    await form.getByLabel('Hạn nộp', { exact: true }).fill('25/05/2022');
    await form.getByLabel('Hạn nộp', { exact: true }).blur();
    await screenshot(page, 'reports-admin-obligation-form');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.waitFor({ state: 'detached' });
    const r2 = await sql<{ due_on: string }>`select due_on from obligation where code = 'R2' and year = 2022`.execute(server.database.handle.db);
    expect(r2.rows[0]!.due_on).toBe('2022-05-25');

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
