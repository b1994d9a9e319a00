/**
 * The household registry in Chromium, as the demo commune officer: only their communes in the
 * list, a name found without diacritics, a household opened, edited and saved, and a stale edit
 * refused without overwriting. Screenshots land in test-results/ for a person to look at.
 */
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { foldForSearch } from '../../src/domain/text.js';
import {
  browserSuiteEnabled,
  launchChromium,
  newContext,
  screenshot,
  viewports,
  watchPageErrors,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const slow = { timeout: 60_000 };
/** The demo commune officer's communes: Xã Chư Krey (2025) and the old commune merged into it. */
const COMMUNE_SCOPE = ['23827', '23830'];

describe.skipIf(!browserSuiteEnabled())('the household registry', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let target: { code: string; headName: string; version: number };

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ demo: true, households: 1_500, loginAttemptsPerMinute: 100 }),
      launchChromium(),
    ]);
    const db = server.database.handle.db;
    // A household of the officer's communes whose head's name has diacritics.
    const rows = await db
      .selectFrom('household')
      .select(['code', 'head_name', 'version'])
      .where('commune_code', 'in', COMMUNE_SCOPE)
      .orderBy('code')
      .execute();
    const withMarks = rows.find((row) => foldForSearch(row.head_name) !== row.head_name.toLowerCase()) ?? rows[0];
    if (!withMarks) throw new Error('no demo household in the commune officer’s communes');
    target = { code: withMarks.code, headName: withMarks.head_name, version: withMarks.version };

    context = await newContext(browser, { baseURL: server.url, viewport: viewports.desktop });
    page = await context.newPage();
    errors = watchPageErrors(page);
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').fill('commune');
    await page.getByLabel('Mật khẩu').fill('demo1234');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hộ gia đình' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hộ gia đình' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const table = () => page.locator('table.household-table');
  const countHeading = () => page.locator('.household-results__count');

  test('lists only the households of the officer’s communes, with their count', slow, async () => {
    const expected = await server.database.handle.db
      .selectFrom('household')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('commune_code', 'in', COMMUNE_SCOPE)
      .where('dissolved_at', 'is', null)
      .executeTakeFirstOrThrow();
    await expect.poll(() => countHeading().textContent()).toBe(`Có ${expected.n} hộ`);
    await table().waitFor();
    const codes = await table().locator('tbody tr td:first-child').allTextContents();
    expect(codes.length).toBe(Math.min(expected.n, 50));
    expect(codes.every((code) => COMMUNE_SCOPE.some((commune) => code.startsWith(`${commune}-`)))).toBe(true);
    const communeOptions = await page.getByLabel('Xã, phường, thị trấn').locator('option').allTextContents();
    expect(communeOptions.slice(1).every((label) => /Chư Kr/.test(label))).toBe(true);
    await screenshot(page, 'households-list-commune');
  });

  test('finds a name typed without diacritics or capitals', slow, async () => {
    const typed = foldForSearch(target.headName);
    expect(typed).not.toBe(target.headName);
    await page.getByLabel('Tìm theo họ tên, mã hộ hoặc số định danh').fill(typed);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect.poll(() => countHeading().textContent()).toMatch(/^Tìm thấy \d+ người$/);
    await page.getByRole('columnheader', { name: 'Người được tìm thấy' }).waitFor();
    const row = table().locator('tbody tr', { hasText: target.code });
    await row.waitFor();
    expect(await row.textContent()).toContain(target.headName);
    expect(new URL(page.url()).searchParams.get('q')).toBe(typed);
    await screenshot(page, 'households-search-no-diacritics');
  });

  test('opens a household: facts, class in words, members, history', slow, async () => {
    await table().getByRole('button', { name: target.code }).click();
    await page.getByRole('heading', { level: 1, name: `Hộ ${target.code}` }).waitFor();
    await page.getByRole('heading', { name: 'Phân loại theo chuẩn nghèo' }).waitFor();
    const classText = await page.locator('.household-class').textContent();
    expect(classText).toMatch(/(Hộ nghèo|Hộ cận nghèo|Hộ có mức sống trung bình|Hộ không nghèo) theo Chuẩn nghèo đa chiều/);
    expect(classText).toContain('năm rà soát 2022');
    await page.getByRole('heading', { name: /^Thành viên \(\d+\)$/ }).waitFor();
    expect(await page.getByRole('rowheader', { name: target.headName }).count()).toBe(1);
    await page.getByRole('heading', { name: 'Lịch sử nơi ở' }).waitFor();
    expect(await page.getByRole('cell', { name: '01/10/2021' }).count()).toBeGreaterThan(0);
    // Citizen IDs are shown in full to an officer who edits the registry.
    const ids = await page.locator('.hh-table td.code').allTextContents();
    expect(ids.some((id) => /^\d{12}$/.test(id))).toBe(true);
    await screenshot(page, 'households-detail');
  });

  test('edits the household and saves it', slow, async () => {
    await page.getByRole('button', { name: 'Sửa thông tin' }).click();
    await page.getByRole('heading', { level: 1, name: `Sửa thông tin hộ ${target.code}` }).waitFor();
    const address = page.getByLabel('Địa chỉ', { exact: true });
    await address.fill('Số 5, đường Trường Chinh, làng Kép');
    await page.getByLabel('Rác thải được thu gom, xử lý').selectOption({ label: 'Có' });
    await screenshot(page, 'households-edit-form');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Hộ ${target.code}` }).waitFor();
    await expect.poll(() => page.locator('.household-detail').textContent()).toContain('Số 5, đường Trường Chinh, làng Kép');
    const row = await server.database.handle.db
      .selectFrom('household')
      .select(['address', 'version', 'waste_collected'])
      .where('code', '=', target.code)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ address: 'Số 5, đường Trường Chinh, làng Kép', version: target.version + 1, waste_collected: true });
    target.version = row.version;
    await screenshot(page, 'households-detail-after-edit');
  });

  test('a stale edit is refused with the conflict message and overwrites nothing', slow, async () => {
    await page.getByRole('button', { name: 'Sửa thông tin' }).click();
    await page.getByRole('heading', { level: 1, name: `Sửa thông tin hộ ${target.code}` }).waitFor();
    // Someone else saves in between.
    await sql`update household set address = 'Sửa bởi người khác', version = version + 1 where code = ${target.code}`.execute(
      server.database.handle.db,
    );
    await page.getByLabel('Địa chỉ', { exact: true }).fill('Bản sửa cũ');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`Hộ ${target.code} vừa được người khác cập nhật`);
    const row = await server.database.handle.db.selectFrom('household').select('address').where('code', '=', target.code).executeTakeFirstOrThrow();
    expect(row.address).toBe('Sửa bởi người khác');
    await screenshot(page, 'households-edit-conflict');
    await page.getByRole('button', { name: 'Tải lại thông tin mới nhất' }).click();
    await expect.poll(() => page.getByLabel('Địa chỉ', { exact: true }).inputValue()).toBe('Sửa bởi người khác');
  });

  test('shows bad input beside its field', slow, async () => {
    const citizenId = page.getByLabel('Số định danh').first();
    await citizenId.fill('12345');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Số định danh cá nhân phải gồm đúng 12 chữ số.').first().waitFor();
    expect(await citizenId.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'households-edit-field-error');
    await page.getByRole('button', { name: 'Huỷ' }).click();
    await page.getByRole('heading', { level: 1, name: `Hộ ${target.code}` }).waitFor();
  });

  test('fits a tablet', slow, async () => {
    await page.setViewportSize(viewports.tablet);
    await page.getByRole('button', { name: /Về danh sách hộ/ }).click();
    await table().waitFor();
    await screenshot(page, 'households-list-tablet');
    await page.setViewportSize(viewports.desktop);
  });

  test('ran without script errors', () => {
    // The 409 and the 400 above were provoked on purpose.
    expect(errors.filter((error) => !/status of (400|409)/.test(error))).toEqual([]);
  });
});
