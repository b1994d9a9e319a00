/**
 * "Nhập hộ từ tệp" in Chromium: upload a workbook with two bad cells, see the dry run's problems
 * (sheet, row, column, message) and the problem report link, upload the corrected workbook, check
 * it, import it while the progress bar moves, and see the result — then the households are in the
 * registry. Screenshots land in test-results/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeSyntheticFiles } from '../../src/modules/imports/synthetic-files.js';
import { createDemoUsers } from '../../src/modules/users/demo-users.js';
import { browserSuiteEnabled, launchChromium, newContext, screenshot, viewports, watchPageErrors } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const slow = { timeout: 120_000 };
const HOUSEHOLDS = 2_000;

describe.skipIf(!browserSuiteEnabled())('the imports page', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let dir: string;
  let goodBook: string;
  let badBook: string;
  let members = 0;
  let badMemberRow = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gnbv-imports-browser-'));
    const generated = await writeSyntheticFiles({ households: HOUSEHOLDS, outDir: dir, format: 'xlsx' });
    goodBook = generated.files[0] as string;
    members = generated.members;
    // The same workbook with two bad cells: a date that does not exist, a citizen ID of 7 digits.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(goodBook);
    book.getWorksheet('households')!.getCell('H3').value = '31/02/2024';
    const people = book.getWorksheet('members')!;
    let row = 2;
    while (!people.getCell(`F${row}`).value) row += 1;
    people.getCell(`F${row}`).value = '0641234';
    badBook = path.join(dir, 'province-with-problems.xlsx');
    await book.xlsx.writeFile(badBook);
    badMemberRow = row;

    [server, browser] = await Promise.all([startTestServer({ demo: false, loginAttemptsPerMinute: 100 }), launchChromium()]);
    await createDemoUsers(server.database.handle.db);
    context = await newContext(browser, { baseURL: server.url, viewport: viewports.desktop });
    context.setDefaultTimeout(60_000);
    page = await context.newPage();
    errors = watchPageErrors(page);
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('demo1234');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhập từ tệp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhập hộ từ tệp' }).waitFor();
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const dryRun = () => page.getByRole('button', { name: 'Kiểm tra (chạy thử)' });
  const importButton = () => page.getByRole('button', { name: 'Nhập vào sổ hộ' });

  test('offers the templates and starts with nothing to import', slow, async () => {
    expect(await page.getByRole('link', { name: 'Mẫu Excel (.xlsx)' }).getAttribute('href')).toBe('/api/imports/template.xlsx?lang=vi');
    expect(await page.getByRole('link', { name: 'Mẫu CSV — hộ' }).getAttribute('href')).toBe('/api/imports/template-households.csv');
    expect(await dryRun().isDisabled()).toBe(true);
    expect(await importButton().isDisabled()).toBe(true);
    await screenshot(page, 'imports-start');
  });

  test('a dry run of a workbook with two bad cells lists both problems, and nothing can be imported', slow, async () => {
    await page.getByLabel('Tệp Excel cần nhập').setInputFiles(badBook);
    await dryRun().click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Có 2 lỗi. Không có dòng nào được ghi vào sổ hộ.');
    const rows = page.getByRole('region', { name: 'Danh sách lỗi' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(1).innerText()).toBe('households (hộ)\t3\tNgày khảo sát\tNgày không có thật trên lịch.');
    expect(await rows.nth(2).innerText()).toBe(
      `members (thành viên)\t${badMemberRow.toLocaleString('vi-VN')}\tSố định danh cá nhân\tSố định danh phải có 12 chữ số.`,
    );
    const report = page.getByRole('link', { name: 'Tải báo cáo lỗi (.xlsx)' });
    expect(await report.getAttribute('href')).toMatch(/^\/api\/imports\/[0-9a-f-]{36}\/problems\.xlsx$/);
    const download = await fetch(`${server.url}${await report.getAttribute('href')}`, {
      headers: { cookie: (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') },
    });
    expect(download.status).toBe(200);
    expect(await importButton().isDisabled()).toBe(true);
    await screenshot(page, 'imports-dry-run-problems');
  });

  test('the corrected workbook checks clean, then imports with progress and a result', slow, async () => {
    await page.getByLabel('Tệp Excel cần nhập').setInputFiles(goodBook);
    await dryRun().click();
    const clean = page.getByRole('status').filter({ hasText: 'Chạy thử không có lỗi' });
    await clean.waitFor();
    const formatted = (n: number) => n.toLocaleString('vi-VN');
    expect(await clean.textContent()).toContain(`Chạy thử không có lỗi: ${formatted(HOUSEHOLDS)} hộ, ${formatted(members)} thành viên.`);
    await screenshot(page, 'imports-dry-run-clean');

    await importButton().click();
    const bar = page.getByRole('progressbar', { name: 'Tiến độ nhập' });
    await bar.waitFor();
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'imports-progress');
    const done = page.getByRole('status').filter({ hasText: 'Đã nhập vào sổ hộ' });
    await done.waitFor();
    expect(await done.textContent()).toBe(`Đã nhập vào sổ hộ: ${formatted(HOUSEHOLDS)} hộ mới, cập nhật 0 hộ, ${formatted(members)} thành viên.`);
    expect(await importButton().isDisabled()).toBe(true);
    await screenshot(page, 'imports-done');

    const count = await server.database.handle.db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(HOUSEHOLDS);
  });

  test('on a tablet, in English, the problems read the same way', slow, async () => {
    const tablet = await newContext(browser, { baseURL: server.url, viewport: viewports.tablet });
    const other = await tablet.newPage();
    await other.goto('/');
    await other.getByLabel('Tên đăng nhập').fill('commune');
    await other.getByLabel('Mật khẩu').fill('demo1234');
    await other.getByRole('button', { name: 'Đăng nhập' }).click();
    await other.getByRole('button', { name: 'English' }).click();
    await other.getByRole('navigation', { name: /main/i }).getByRole('link', { name: 'Import from files' }).click();
    await other.getByLabel('Workbook to import').setInputFiles(badBook);
    await other.getByRole('button', { name: 'Check (dry run)' }).click();
    const alert = other.getByRole('alert');
    await alert.waitFor();
    // A commune officer, after the import above: the households exist, and most are outside Chư Krey.
    expect(await alert.textContent()).toMatch(/problems\. Nothing was written to the registry\./);
    const rows = other.getByRole('region', { name: 'Problems' }).getByRole('row');
    expect(await rows.nth(1).innerText()).toBe(
      'households\t2\tMã hộ\tThe household code is already in the registry; use update mode (--update) to replace its facts and members.',
    );
    expect(await rows.nth(2).innerText()).toBe('households\t2\tMã xã\tCommune 23557 is outside the scope of this account.');
    await screenshot(other, 'imports-tablet-english');
    await tablet.close();
  });

  test('ran without script errors', () => {
    expect(errors).toEqual([]);
  });
});
