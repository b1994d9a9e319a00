/**
 * The "Chuẩn nghèo" page in Chromium: both standards' rules from the data with the provisional and
 * unverified items marked, and the calculator classifying a household live with the engine in the
 * browser (the same answer as the API), in Vietnamese and English, on a laptop and a tablet.
 * Screenshots land in test-results/.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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

const slow = { timeout: 60_000 };
/** Intl puts a no-break space between the amount and ₫. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe.skipIf(!browserSuiteEnabled())('the poverty standards page', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ demo: true, households: 60, loginAttemptsPerMinute: 100 }),
      launchChromium(),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openAsCommuneOfficer(page: Page): Promise<void> {
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').fill('commune');
    await page.getByLabel('Mật khẩu').fill('demo1234');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Chuẩn nghèo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chuẩn nghèo' }).waitFor();
    await page.getByRole('tab', { name: /VN-MPS-2022/ }).waitFor();
  }

  const verdict = (page: Page) => page.getByTestId('calculator-verdict');
  const yesNo = (scope: Page | Locator, group: string, answer: 'Có' | 'Không' | 'Yes' | 'No') =>
    scope.getByRole('group', { name: group, exact: true }).getByRole('radio', { name: answer, exact: true }).check();

  /** A rural household of one adult lacking 4 indicators: housing quality, water, latrine, telecom. */
  async function fillPoorHousehold(page: Page): Promise<void> {
    await page.getByLabel('Năm rà soát').selectOption('2025');
    await page.getByLabel('Thu nhập bình quân đầu người (đồng/tháng)').fill('1.400.000');
    await page.getByLabel('Diện tích nhà ở (m²)').fill('30');
    await page.getByLabel('Nguồn nước sinh hoạt').selectOption({ label: 'Nước sông, suối, ao, hồ' });
    await page.getByLabel('Loại nhà tiêu').selectOption({ label: 'Không có nhà tiêu' });
    await yesNo(page, 'Tường bằng vật liệu bền chắc', 'Không');
    await yesNo(page, 'Khung, cột bằng vật liệu bền chắc', 'Có');
    await yesNo(page, 'Mái bằng vật liệu bền chắc', 'Không');
    await yesNo(page, 'Có thành viên sử dụng internet', 'Không');
    await yesNo(page, 'Có phương tiện tiếp cận thông tin (ti vi, radio, máy tính, loa truyền thanh…)', 'Có');
    const member = page.getByRole('group', { name: 'Thành viên 1', exact: true });
    await member.getByLabel('Ngày sinh').fill('02/03/1985');
    await member.getByLabel('Giới tính').selectOption({ label: 'Nam' });
    await member.getByLabel('Việc làm').selectOption({ label: 'Làm công có hợp đồng lao động' });
    await member.getByLabel('Trình độ giáo dục').selectOption({ label: 'Tốt nghiệp trung học phổ thông' });
    await yesNo(member, 'Có bảo hiểm y tế', 'Có');
    await yesNo(member, 'Đang đi học', 'Không');
  }

  describe('on a laptop', () => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      context = await newContext(browser, { baseURL: server.url, viewport: viewports.desktop });
      page = await context.newPage();
      errors = watchPageErrors(page);
      await openAsCommuneOfficer(page);
    }, 60_000);

    afterAll(async () => {
      await context?.close();
    });

    test('shows both standards, the 2022 one with its lines, band, cut-offs and 12 indicators from the data', slow, async () => {
      await expect.poll(() => page.title()).toBe('Chuẩn nghèo — GNBV');
      const tab2022 = page.getByRole('tab', { name: /VN-MPS-2022/ });
      const tab2027 = page.getByRole('tab', { name: /VN-MPS-2027/ });
      expect(await tab2022.getAttribute('aria-selected')).toBe('true');
      expect(plain(await tab2022.textContent())).toBe('VN-MPS-20222022–2026Chính thức');
      expect(plain(await tab2027.textContent())).toContain('Tạm thời');

      const panel = page.getByRole('tabpanel');
      const text = plain(await panel.textContent());
      for (const expected of [
        'Từ 01/01/2022 đến 31/12/2026',
        '≤ 1.500.000 ₫',
        '≤ 2.000.000 ₫',
        '≤ 2.250.000 ₫',
        '≤ 3.000.000 ₫',
        '≤ 140 điểm',
        '≤ 175 điểm',
        'Hộ nghèo: thu nhập ≤ chuẩn và thiếu hụt từ 3 chỉ số trở lên.',
        'Điểm B = 10 × số chỉ số thiếu hụt.',
        'Các chỉ số thiếu hụt (12)',
        'Diện tích nhà ở bình quân đầu người dưới 8 m².',
        'nam 60 tuổi 3 tháng năm 2021, mỗi năm thêm 3 tháng đến 62 tuổi',
      ]) {
        expect(text, expected).toContain(expected);
      }
      const rows = panel.locator('.indicators-table tbody tr');
      expect(await rows.count()).toBe(12);
      expect(plain(await rows.nth(0).textContent())).toContain('Việc làm');
      expect(plain(await rows.nth(11).textContent())).toContain('Phương tiện phục vụ tiếp cận thông tin');

      // The unverified average band: a visible mark, with its source as a tooltip and a footnote.
      const bandMark = panel.locator('.thresholds-table tbody tr').nth(1).getByRole('link', { name: /^Chưa xác minh, ghi chú \d+$/ }).first();
      expect(await bandMark.getAttribute('title')).toContain('số liệu chưa đối chiếu văn bản gốc');
      await bandMark.click();
      const noteId = (await bandMark.getAttribute('href'))?.slice(1) ?? '';
      expect(plain(await page.locator(`[id="${noteId}"]`).textContent())).toContain('Điều 3 khoản 2 điểm c');
      await screenshot(page, 'standards-2022-desktop');
    });

    test('the provisional 2027 standard: marked, income only, waste instead of information access', slow, async () => {
      const tab2027 = page.getByRole('tab', { name: /VN-MPS-2027/ });
      await tab2027.click();
      const panel = page.getByRole('tabpanel');
      await panel.getByText('Chuẩn tạm thời:', { exact: false }).waitFor();
      const text = plain(await panel.textContent());
      expect(text).toContain('≤ 2.200.000 ₫');
      expect(text).toContain('≤ 2.800.000 ₫');
      expect(text).toContain('Không có: chỉ xét theo thu nhập');
      expect(text).toContain('Thu gom, xử lý rác thải sinh hoạt');
      expect(text).not.toContain('Phương tiện phục vụ tiếp cận thông tin');
      expect(await panel.locator('.indicators-table tbody tr').count()).toBe(12);
      expect(await panel.getByRole('link', { name: /^Chưa xác minh, ghi chú/ }).count()).toBeGreaterThan(5);
      await screenshot(page, 'standards-2027-desktop');
      // The tabs work from the keyboard.
      await tab2027.focus();
      await page.keyboard.press('ArrowLeft');
      expect(await page.getByRole('tab', { name: /VN-MPS-2022/ }).getAttribute('aria-selected')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('VN-MPS-2022');
    });

    test('the calculator: 1.400.000 ₫ with 4 indicators lacking is a poor household, with the reason in words', slow, async () => {
      const thisYear = new Date().getFullYear();
      expect(await page.getByLabel('Năm rà soát').inputValue()).toBe(String(Math.min(Math.max(thisYear, 2022), 2030)));
      expect(plain(await verdict(page).textContent())).toBe('Chưa phân loại đượcChưa nhập thu nhập bình quân đầu người.');
      await fillPoorHousehold(page);
      await expect.poll(async () => plain(await verdict(page).textContent())).toBe(
        'Hộ nghèothu nhập 1.400.000 ₫ ≤ chuẩn 1.500.000 ₫ và thiếu hụt 4 chỉ số → hộ nghèo',
      );
      const lacking = page.locator('.calc-lacking li');
      expect((await lacking.allTextContents()).map(plain)).toEqual([
        'Chất lượng nhà ởKhông bền chắc: tường và mái.',
        'Nguồn nước sinh hoạtNguồn nước: Nước sông, suối, ao, hồ.',
        'Nhà tiêu hợp vệ sinhNhà tiêu: Không có nhà tiêu.',
        'Sử dụng dịch vụ viễn thôngKhông thành viên nào sử dụng internet.',
      ]);
      expect(plain(await page.locator('.calc-lacking__count').textContent())).toBe('Thiếu hụt 4/12 chỉ số · điểm B = 40');
      await page.getByRole('heading', { level: 2, name: 'Tính thử phân loại một hộ' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'standards-calculator-poor-desktop', { fullPage: false });
    });

    test('the answer in the browser is the API’s answer for the same record', slow, async () => {
      const answer = await page.evaluate(async () => {
        const record = {
          id: 'same',
          year: 2025,
          area: 'rural',
          incomePerCapita: 1_400_000,
          facts: {
            surveyDate: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()),
            members: [{ birthDate: '1985-03-02', sex: 'male', employment: 'contract', healthInsurance: true, attendingSchool: false, educationLevel: 'upper_secondary' }],
            floorAreaM2: 30, durableWalls: false, durableFrame: true, durableRoof: false, waterSource: 'surface',
            latrine: 'none', internetUse: false, informationDevices: true, wasteCollected: false,
          },
        };
        const response = await fetch('/api/classify', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify([record]),
        });
        return (await response.json()) as { results: Array<{ status: string; deprivations: string[] }> };
      });
      expect(answer.results[0]).toMatchObject({
        status: 'poor',
        deprivations: ['housing_quality', 'water_source', 'latrine', 'telecom'],
      });
    });

    test('a second member and a child out of school show who makes the household lack what', slow, async () => {
      await page.getByRole('button', { name: '+ Thêm thành viên' }).click();
      const child = page.getByRole('group', { name: 'Thành viên 2', exact: true });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('calculator-facts-members-1-birthDate');
      await child.getByLabel('Ngày sinh').fill('15/06/2015');
      await expect.poll(async () => plain(await verdict(page).textContent())).toContain('Chưa nhập giới tính của thành viên 2.');
      await page.getByRole('button', { name: 'Đến ô cần nhập' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('calculator-facts-members-1-sex');
      await child.getByLabel('Giới tính').selectOption({ label: 'Nữ' });
      await child.getByLabel('Việc làm').selectOption({ label: 'Không tham gia lao động' });
      await child.getByLabel('Trình độ giáo dục').selectOption({ label: 'Tốt nghiệp tiểu học' });
      await yesNo(child, 'Có bảo hiểm y tế', 'Có');
      await yesNo(child, 'Đang đi học', 'Không');
      await expect.poll(async () => plain(await verdict(page).textContent())).toBe(
        'Hộ nghèothu nhập 1.400.000 ₫ ≤ chuẩn 1.500.000 ₫ và thiếu hụt 5 chỉ số → hộ nghèo',
      );
      const why = (await page.locator('.calc-lacking li').allTextContents()).map(plain);
      expect(why[0]).toMatch(/^Tình trạng đi học của trẻ emTrẻ em không đi học: thành viên 2 \(1\d tuổi\)\.$/);
      await screenshot(page, 'standards-calculator-two-members-desktop', { fullPage: false });
      await page.getByRole('button', { name: 'Xoá thành viên 2' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('calculator-add-member');
      await expect.poll(async () => plain(await verdict(page).textContent())).toContain('thiếu hụt 4 chỉ số → hộ nghèo');
    });

    test('1.600.000 ₫ is above the line: not poor, whatever it lacks', slow, async () => {
      await page.getByLabel('Thu nhập bình quân đầu người (đồng/tháng)').fill('1600000');
      await expect.poll(async () => plain(await verdict(page).textContent())).toBe(
        'Hộ không nghèothu nhập 1.600.000 ₫ > chuẩn 1.500.000 ₫ → hộ không nghèo',
      );
      expect(plain(await page.locator('.calc-lacking__count').textContent())).toBe('Thiếu hụt 4/12 chỉ số · điểm B = 40');
      await page.getByLabel('Hộ làm nông, lâm, ngư, diêm nghiệp').check();
      await expect.poll(async () => plain(await verdict(page).textContent())).toBe(
        'Hộ có mức sống trung bìnhthu nhập 1.600.000 ₫ > chuẩn 1.500.000 ₫ nhưng ≤ mức sống trung bình 2.250.000 ₫, hộ làm nông, lâm, ngư, diêm nghiệp → hộ có mức sống trung bình',
      );
      await page.getByLabel('Hộ làm nông, lâm, ngư, diêm nghiệp').uncheck();
      await screenshot(page, 'standards-calculator-not-poor-desktop');
    });

    test('in English', slow, async () => {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Poverty standards' }).waitFor();
      await expect.poll(async () => plain(await verdict(page).textContent())).toBe(
        'Not poorincome ₫1,600,000 > line ₫1,500,000 → not poor',
      );
      expect(plain(await page.getByRole('tabpanel').textContent())).toContain('Floor area per member is below 8 m².');
      expect((await page.locator('.calc-lacking__name').allTextContents())[0]).toBe('Housing quality');
      await screenshot(page, 'standards-english-desktop');
      await page.getByRole('heading', { level: 2, name: 'Try classifying a household' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
      await screenshot(page, 'standards-calculator-english-desktop', { fullPage: false });
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByRole('heading', { level: 1, name: 'Chuẩn nghèo' }).waitFor();
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
      await openAsCommuneOfficer(page);
    }, 60_000);

    afterAll(async () => {
      await context?.close();
    });

    test('fits the screen, and keeps the class in sight while the officer types', slow, async () => {
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await screenshot(page, 'standards-2022-tablet');
      await page.getByRole('link', { name: 'Tính thử phân loại một hộ ↓' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 2, name: 'Tính thử phân loại một hộ' }).evaluate((h) => Math.round(h.getBoundingClientRect().top)))
        .toBeLessThan(100);
      await fillPoorHousehold(page);
      await expect.poll(async () => plain(await verdict(page).textContent())).toContain('→ hộ nghèo');
      expect(await overflow()).toBeLessThanOrEqual(0);
      // Typing in the upper part of the form, the class stays pinned at the bottom of the screen.
      await page.getByRole('group', { name: 'Thu nhập', exact: true }).evaluate((element) => element.scrollIntoView({ block: 'start' }));
      const bar = page.locator('.calc-summary-bar');
      expect(plain(await bar.textContent())).toBe('Hộ nghèo · thiếu hụt 4 chỉ số');
      const box = await bar.boundingBox();
      expect(Math.abs((box?.y ?? 0) + (box?.height ?? 0) - viewports.tablet.height)).toBeLessThanOrEqual(2);
      await screenshot(page, 'standards-calculator-tablet', { fullPage: false });
      await page.locator('.calc-result').scrollIntoViewIfNeeded();
      await screenshot(page, 'standards-calculator-result-tablet', { fullPage: false });
      await screenshot(page, 'standards-full-tablet');
    });
  });
});
