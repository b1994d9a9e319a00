/**
 * The generated reports added for issue #8 on a real database (both engines): the table by target
 * group and the program's six-month and annual reports, every number checked against SQL written
 * here independently of the report code; the XLSX read back with exceljs; the PDF's text
 * extracted with pdftotext (poppler) showing the Vietnamese diacritics.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { seedDemoProvince } from '../../src/modules/demo/demo-seed.js';
import { seedDemoReviewResults } from '../../src/modules/review/demo-review.js';
import { refreshAggregates } from '../../src/modules/targets/refresh-aggregates.js';
import { createDemoUsers, DEMO_PASSWORD, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { buildApp } from '../../src/server/app.js';
import { type ApiClient, apiClient } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let app: FastifyInstance;
let admin: ApiClient;
let district: ApiClient;
let provinceCode = '';
let dir = '';

type Row = Record<string, string | number | null>;
interface Section {
  title: string;
  columns: { key: string; header: string; group?: string }[];
  rows: Row[];
  footer: Row[];
  notes: string[];
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gnbv-reports-'));
  database = await createTestDatabase();
  const { db } = database.handle;
  await seedDemoProvince(db, { households: 500 });
  await createDemoUsers(db);
  await seedDemoReviewResults(db);
  const province = await readProvinceSetting(db);
  provinceCode = province.code;
  await db.transaction().execute((trx) => refreshAggregates(trx, provinceCode));
  await seedProgram();
  app = await buildApp({ handle: database.handle, province, demoUsers: await listDemoUsernames(db), version: 'test' });
  admin = apiClient(app);
  expect((await admin.login('admin', DEMO_PASSWORD)).statusCode).toBe(200);
  district = apiClient(app);
  expect((await district.login('district', DEMO_PASSWORD)).statusCode).toBe(200);
}, 300_000);

afterAll(async () => {
  await app?.close();
  await database?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The results in force at the end of a day, straight from the tables. */
const inForce = (at: string) => sql`
  select distinct on (r.household_code) r.*
    from review_result r join household h on h.province_code = r.province_code and h.code = r.household_code
   where r.decided_on <= ${at}::date and (h.dissolved_at is null or h.dissolved_at > ${at}::date)
   order by r.household_code, r.decided_on desc, r.round_id desc`;

/** Budget lines of 2022 in two units and three sources, disbursed in March, June and September; output indicators; support plans. */
async function seedProgram() {
  const { db } = database.handle;
  const lines = [
    { project: 'P3.SP1', unit: '64', source: 'central', kind: 'recurrent', planned: 5_000_000_000, allocated: 4_500_000_000, months: [[3, 1_000_000_000], [6, 500_000_000], [9, 2_000_000_000]] },
    { project: 'P3.SP1', unit: '630', source: 'provincial_counterpart', kind: 'recurrent', planned: 800_000_000, allocated: 800_000_000, months: [[6, 300_000_000], [11, 400_000_000]] },
    { project: 'P1', unit: '630', source: 'central', kind: 'investment', planned: 12_000_000_000, allocated: 10_000_000_000, months: [[9, 7_500_000_000]] },
    { project: 'P5', unit: '622', source: 'mobilised', kind: 'investment', planned: 300_000_000, allocated: 250_000_000, months: [[2, 250_000_000]] },
  ] as const;
  for (const line of lines) {
    const inserted = await sql<{ id: number }>`
      insert into budget_line (province_code, program_code, year, project_code, unit_code, source, kind, planned, allocated)
      values (${provinceCode}, 'NTP-GNBV-2021-2025', 2022, ${line.project}, ${line.unit}, ${line.source}, ${line.kind}, ${line.planned}, ${line.allocated}) returning id`.execute(db);
    for (const [month, amount] of line.months) {
      await sql`insert into budget_disbursement (budget_line_id, month, amount) values (${inserted.rows[0]!.id}, ${month}, ${amount})`.execute(db);
    }
  }
  await sql`
    insert into output_indicator (province_code, project_code, year, name, unit_of_measure, target, actual) values
      (${provinceCode}, 'P5', 2022, 'Nhà ở được hỗ trợ xây mới, sửa chữa', 'căn', 400, 310),
      (${provinceCode}, 'P4.SP1', 2022, 'Người lao động được đào tạo nghề', 'người', 1200, null)`.execute(db);
  // Plans for the first 30 poor households of 2022 in force: 20 made in May (both reports), 10 in
  // September (annual only); half with a named helper; one support done in April, one in October.
  const poor = await sql<{ household_code: string }>`select household_code from (${inForce('2022-12-31')}) r where status = 'poor' order by household_code limit 30`.execute(db);
  expect(poor.rows).toHaveLength(30);
  const support = await sql<{ code: string; agency: string }>`select code, coalesce(lead_agency_code, (select min(code) from agency)) as agency from support_type order by code limit 1`.execute(db);
  const { code: supportCode, agency } = support.rows[0]!;
  for (const [index, { household_code: household }] of poor.rows.entries()) {
    const created = index < 20 ? '2022-05-10T03:00:00Z' : '2022-09-10T03:00:00Z';
    const helper = index % 2 === 0 ? 'Đoàn Thanh niên xã' : null;
    await sql`
      insert into support_plan (province_code, household_code, program_code, helper_name, helper_kind, created_at)
      values (${provinceCode}, ${household}, 'NTP-GNBV-2021-2025', ${helper}, ${helper ? 'organisation' : null}, ${created})`.execute(db);
    if (index < 4) {
      const done = index < 2 ? '2022-04-20' : '2022-10-20';
      await sql`
        insert into support_item (province_code, household_code, support_code, agency_code, amount, status, planned_date, completed_date)
        values (${provinceCode}, ${household}, ${supportCode}, ${agency}, ${1_000_000 * (index + 1)}, 'done', '2022-03-01', ${done})`.execute(db);
    }
  }
}

async function json(client: ApiClient, name: string, query: string) {
  const response = await client.get(`/api/reports/${name}?${query}&format=json`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('by target group (Bảng 8)', () => {
  it('counts each recorded group against SQL on the frozen facts, and names the groups the registry does not record', async () => {
    const body = await json(admin, 'target-groups', 'year=2022');
    const expected = await sql<{ key: string; households: number; poor: number; near_poor: number; persons: number }>`
      with f as (
        select r.*, coalesce(e.is_minority, false) as em, (r.facts #>> '{facts,surveyDate}')::date as survey, r.facts #> '{facts,members}' as members,
               (select m.sex from member m where m.province_code = r.province_code and m.household_code = r.household_code and m.relation = 'chủ hộ') as head_sex
          from (${inForce('2022-12-31')}) r left join ethnic_group e on e.code = r.head_ethnic_code
      ), ages as (
        select f.household_code, x.value ->> 'sex' as sex, extract(year from f.survey)::int as y,
               (extract(year from age(f.survey, (x.value ->> 'birthDate')::date)) * 12 + extract(month from age(f.survey, (x.value ->> 'birthDate')::date)))::int as months
          from f cross join jsonb_array_elements(f.members) x
      ), g as (
        select f.*,
               exists (select 1 from jsonb_array_elements(f.members) x where (x.value ->> 'socialAllowance')::boolean) as social,
               not exists (select 1 from ages a where a.household_code = f.household_code and a.months >= 180
                   and a.months < case when a.sex = 'male' then least(723 + 3 * (a.y - 2021), 744) else least(664 + 4 * (a.y - 2021), 720) end) as no_worker,
               f.head_sex = 'female' as female_head,
               jsonb_array_length(f.members) = 1 and age(f.survey, (f.members -> 0 ->> 'birthDate')::date) >= interval '60 years' as elderly_alone
          from f
      )
      select k.key, count(*)::int as households, count(*) filter (where g.status = 'poor')::int as poor,
             count(*) filter (where g.status = 'near_poor')::int as near_poor, sum(g.persons)::int as persons
        from g cross join lateral (values ('ethnic_minority', g.em), ('social_allowance', g.social), ('no_working_age_member', g.no_worker),
                                          ('female_head', g.female_head), ('elderly_alone', g.elderly_alone),
                                          ('other', not (g.em or g.social or g.no_worker or g.female_head or g.elderly_alone)),
                                          ('all', true)) as k(key, member)
       where k.member
       group by k.key`.execute(database.handle.db);
    const of = (key: string) => expected.rows.find((r) => r.key === key) ?? { households: 0, poor: 0, near_poor: 0, persons: 0 };
    const order = ['ethnic_minority', 'social_allowance', 'no_working_age_member', 'female_head', 'elderly_alone', 'other'];
    expect(body.rows.map((r: Row) => r.group)).toEqual([
      'Hộ dân tộc thiểu số (chủ hộ là người dân tộc thiểu số)',
      'Hộ có thành viên hưởng trợ cấp xã hội hằng tháng',
      'Hộ không có thành viên trong độ tuổi lao động',
      'Hộ có chủ hộ là nữ',
      'Hộ người cao tuổi sống một mình',
      'Hộ không thuộc các nhóm trên',
    ]);
    const all = of('all');
    order.forEach((key, i) => {
      const e = of(key);
      expect(body.rows[i], key).toMatchObject({
        households: e.households,
        persons: e.persons ?? 0,
        poor_households: e.poor,
        near_poor_households: e.near_poor,
        poor_rate: e.households ? Math.round((e.poor * 10_000) / e.households) / 100 : 0,
        poor_share: Math.round((e.poor * 10_000) / all.poor) / 100,
      });
    });
    // The demo province has households in the groups that matter most (not a table of zeros).
    expect(of('ethnic_minority').poor).toBeGreaterThan(0);
    expect(of('female_head').households).toBeGreaterThan(0);
    expect(of('social_allowance').households).toBeGreaterThan(0);
    expect(body.footer[0]).toMatchObject({ households: all.households, poor_households: all.poor, near_poor_households: all.near_poor });
    expect(body.notes.join('\n')).toContain('người có công với cách mạng: sổ hộ không ghi nhận');
  });

  it('a district officer gets the same table for the district only', async () => {
    const body = await json(district, 'target-groups', 'year=2022&unit=630');
    const n = await sql<{ n: number }>`
      select count(*)::int as n from (${inForce('2022-12-31')}) r
        join (select distinct code, parent_code from admin_unit where level = 'commune') u on u.code = r.commune_code where u.parent_code = '630'`.execute(database.handle.db);
    expect(body.footer[0].households).toBe(n.rows[0]!.n);
    expect((await district.get('/api/reports/target-groups?year=2022&unit=64&format=json')).statusCode).toBe(404);
  });
});

describe("the program's six-month and annual reports", () => {
  const sectionOf = (body: { sections: Section[] }, prefix: string) => body.sections.find((s) => s.title.startsWith(prefix))!;

  it('annual: targets against the aggregates, budget by source with the year disbursed, outputs, support plan coverage', async () => {
    const body = await json(admin, 'program-annual', 'year=2022');
    expect(body.title).toBe('BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIẢM NGHÈO BỀN VỮNG NĂM 2022');
    expect(body.sections.map((s: Section) => s.title.split('.')[0])).toEqual(['I', 'II', 'III', 'IV']);

    // I. The province's poverty rate: baseline and actual from the recognised results (not the aggregates the report reads).
    const rates = await sql<{ at: string; households: number; poor: number }>`
      select '2021' as at, count(*)::int as households, count(*) filter (where status = 'poor')::int as poor from (${inForce('2021-12-31')}) r
      union all
      select '2022', count(*)::int, count(*) filter (where status = 'poor')::int from (${inForce('2022-12-31')}) r`.execute(database.handle.db);
    const rate = (at: string) => {
      const r = rates.rows.find((x) => x.at === at)!;
      return (100 * r.poor) / r.households;
    };
    const targets = sectionOf(body, 'I.');
    const provinceRate = targets.rows.find((r) => r.indicator === 'Tỷ lệ hộ nghèo (%)' && r.unit === 'Tỉnh Gia Lai')!;
    expect(provinceRate).toMatchObject({ target: '≤ −2 điểm %', baseline: Math.round(rate('2021') * 100) / 100, actual: Math.round(rate('2022') * 100) / 100 });
    const change = rate('2022') - rate('2021');
    expect(provinceRate.measured).toBeCloseTo(change, 2);
    expect(provinceRate.mark).toBe(change <= -2 ? 'Đạt' : change <= -1.5 ? 'Gần đạt' : 'Không đạt');
    expect(targets.rows.map((r) => r.unit)).toContain('Huyện Kông Chro');

    // II. Budget: every line of the year, disbursed through December.
    const budget = sectionOf(body, 'II.');
    const sums = await sql<{ source: string; planned: number; allocated: number; disbursed: number }>`
      select b.source, sum(b.planned)::bigint as planned, sum(b.allocated)::bigint as allocated,
             coalesce(sum((select sum(amount) from budget_disbursement d where d.budget_line_id = b.id)), 0)::bigint as disbursed
        from budget_line b where b.year = 2022 group by rollup (b.source) order by b.source nulls last`.execute(database.handle.db);
    const total = sums.rows.at(-1)!;
    expect(total).toMatchObject({ planned: 18_100_000_000, allocated: 15_550_000_000, disbursed: 11_950_000_000 });
    expect(budget.footer.at(-1)).toMatchObject({ project: 'Tổng cộng', planned: total.planned, allocated: total.allocated, disbursed: total.disbursed, disbursed_rate: Math.round((total.disbursed * 10_000) / total.allocated) / 100 });
    const central = sums.rows.find((r) => r.source === 'central')!;
    expect(budget.footer.find((r) => r.project === 'Cộng Ngân sách trung ương')).toMatchObject({ planned: central.planned, disbursed: central.disbursed });
    expect(budget.rows).toHaveLength(4);

    // III. Outputs as recorded, with the completion rate.
    const outputs = sectionOf(body, 'III.');
    expect(outputs.rows).toEqual([
      expect.objectContaining({ indicator: 'Người lao động được đào tạo nghề', target: 1200, actual: null, done_rate: null }),
      expect.objectContaining({ indicator: 'Nhà ở được hỗ trợ xây mới, sửa chữa', unit_of_measure: 'căn', target: 400, actual: 310, done_rate: 77.5 }),
    ]);

    // IV. Coverage at 31/12: the 30 plans, 15 with a helper, 4 supports done (1+2+3+4 million đồng).
    const coverage = sectionOf(body, 'IV.');
    const poor = await sql<{ n: number }>`select count(*)::int as n from (${inForce('2022-12-31')}) r where status = 'poor'`.execute(database.handle.db);
    expect(coverage.footer[0]).toMatchObject({ poor_households: poor.rows[0]!.n, poor_with_plan: 30, poor_with_helper: 15, supports_done: 4, amount_done: 10_000_000, poor_plan_rate: Math.round((30 * 10_000) / poor.rows[0]!.n) / 100 });
    expect(coverage.rows.reduce((s, r) => s + Number(r.poor_with_plan), 0)).toBe(30);
  });

  it('six-month: money disbursed through June, plans made by 30 June, targets with their baseline only', async () => {
    const body = await json(admin, 'program-six-month', 'year=2022');
    expect(body.title).toBe('BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIẢM NGHÈO BỀN VỮNG 6 THÁNG ĐẦU NĂM 2022');
    const disbursed = await sql<{ n: number }>`select sum(d.amount)::bigint as n from budget_disbursement d join budget_line b on b.id = d.budget_line_id where b.year = 2022 and d.month <= 6`.execute(database.handle.db);
    expect(disbursed.rows[0]!.n).toBe(2_050_000_000);
    expect(sectionOf(body, 'II.').footer.at(-1)).toMatchObject({ disbursed: 2_050_000_000, planned: 18_100_000_000 });
    const poorInJune = await sql<{ n: number }>`select count(*)::int as n from (${inForce('2022-06-30')}) r where status = 'poor'`.execute(database.handle.db);
    const plansInJune = await sql<{ n: number }>`
      select count(*)::int as n from (${inForce('2022-06-30')}) r join support_plan p on p.household_code = r.household_code
       where r.status = 'poor' and p.created_at < '2022-06-30T17:00:00Z'`.execute(database.handle.db);
    expect(sectionOf(body, 'IV.').footer[0]).toMatchObject({ poor_households: poorInJune.rows[0]!.n, poor_with_plan: plansInJune.rows[0]!.n, supports_done: 2, amount_done: 3_000_000 });
    const targets = sectionOf(body, 'I.');
    expect(targets.rows.length).toBeGreaterThan(0);
    expect(targets.rows.every((r) => r.actual === null && r.mark === 'Đánh giá khi có kết quả rà soát cuối năm')).toBe(true);
  });

  it("a district's report keeps to the district: its budget lines and households, no province outputs", async () => {
    const body = await json(district, 'program-annual', 'year=2022&unit=630');
    expect(sectionOf(body, 'II.').footer.at(-1)).toMatchObject({ planned: 12_800_000_000, disbursed: 8_200_000_000 });
    expect(sectionOf(body, 'III.').rows).toEqual([]);
    const plans = await sql<{ n: number }>`
      select count(*)::int as n from support_plan p join household h on h.code = p.household_code
        join (select distinct code, parent_code from admin_unit where level = 'commune') u on u.code = h.commune_code where u.parent_code = '630'`.execute(database.handle.db);
    expect(sectionOf(body, 'IV.').footer[0]!.poor_with_plan).toBe(plans.rows[0]!.n);
  });

  it('XLSX has one sheet per section with the same numbers, as numbers', async () => {
    const body = await json(admin, 'program-annual', 'year=2022');
    const response = await admin.get('/api/reports/program-annual?year=2022&format=xlsx');
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['I. Chỉ tiêu', 'II. Nguồn vốn', 'III. Đầu ra', 'IV. Hỗ trợ hộ']);
    const sheet = book.getWorksheet('II. Nguồn vốn')!;
    expect(sheet.getCell(3, 1).value).toBe(body.title);
    const budget = sectionOf(body, 'II.');
    const totalRow = 7 + budget.rows.length + budget.footer.length - 1;
    expect(sheet.getCell(totalRow, 2).value).toBe('Tổng cộng');
    expect(sheet.getCell(totalRow, 5).value).toBe(18_100_000_000);
    expect(sheet.getCell(totalRow, 7).value).toBe(11_950_000_000);
    const coverage = book.getWorksheet('IV. Hỗ trợ hộ')!;
    const footer = sectionOf(body, 'IV.').footer[0]!;
    const row = 8 + sectionOf(body, 'IV.').rows.length;
    expect(coverage.getCell(row, 4).value).toBe(footer.poor_with_plan);
    expect(coverage.getCell(row, 11).value).toBe(10_000_000);
  });
});

/** The text of a PDF as pdftotext (poppler-utils) extracts it. */
function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
}

describe('PDF text', () => {
  it('pdftotext is installed (poppler-utils), so the PDF checks below read the real text', () => {
    expect(['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].some((p) => existsSync(p))).toBe(true);
  });

  it('the target-group table reads back with its Vietnamese diacritics and its numbers', async () => {
    const body = await json(admin, 'target-groups', 'year=2022');
    const response = await admin.get('/api/reports/target-groups?year=2022&format=pdf');
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = pdfText(response.rawPayload, 'target-groups');
    expect(text).toContain('PHÂN TÍCH HỘ NGHÈO, HỘ CẬN NGHÈO THEO CÁC NHÓM ĐỐI TƯỢNG');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Hộ người cao tuổi sống một mình');
    expect(text).toContain('người có công với cách mạng');
    const total = text.split('\n').find((line) => line.includes('Tổng số hộ của đơn vị'))!;
    expect(total.split(/\s+/)).toContain(Number(body.footer[0].households).toLocaleString('vi-VN'));
  });

  it('the annual program report prints all four sections with the budget total', async () => {
    const text = pdfText((await admin.get('/api/reports/program-annual?year=2022&format=pdf')).rawPayload, 'program-annual');
    for (const title of ['I. CHỈ TIÊU GIẢM NGHÈO: KẾ HOẠCH VÀ THỰC HIỆN', 'II. NGUỒN VỐN: KẾ HOẠCH, PHÂN BỔ VÀ GIẢI NGÂN (đồng)', 'III. CHỈ SỐ ĐẦU RA CỦA CÁC DỰ ÁN', 'IV. KẾ HOẠCH HỖ TRỢ HỘ NGHÈO, HỘ CẬN NGHÈO']) {
      expect(text).toContain(title);
    }
    expect(text.split('\n').find((line) => line.includes('Tổng cộng') && line.includes('18.100.000.000'))).toBeDefined();
    expect(text).toContain('Ngân sách địa phương đối ứng');
  });
});
