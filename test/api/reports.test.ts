/**
 * Reports and deadlines over HTTP on a real database (both engines): every generated table
 * checked against the recognised results in the database, the same numbers read back from
 * XLSX and CSV, the PDF with its Vietnamese title, scope per role, the obligations calendar,
 * the submission workflow, and on time / late at the due day in the province's time zone.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { seedDemoProvince } from '../../src/modules/demo/demo-seed.js';
import { seedDemoReviewResults } from '../../src/modules/review/demo-review.js';
import { createDemoUsers, DEMO_PASSWORD, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { buildApp } from '../../src/server/app.js';
import { type ApiClient, apiClient } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let app: FastifyInstance;
const clients: Record<string, ApiClient> = {};

type Row = Record<string, string | number | null>;
interface JsonReport {
  title: string;
  unit: string;
  columns: { key: string; header: string; group?: string }[];
  rows: Row[];
  footer: Row[];
}

async function signIn(username: string): Promise<ApiClient> {
  const client = apiClient(app);
  expect((await client.login(username, DEMO_PASSWORD)).statusCode).toBe(200);
  return client;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database.handle;
  await seedDemoProvince(db, { households: 500 });
  await createDemoUsers(db);
  await seedDemoReviewResults(db);
  app = await buildApp({ handle: database.handle, province: await readProvinceSetting(db), demoUsers: await listDemoUsernames(db), version: 'test' });
  for (const name of ['admin', 'commune', 'district', 'agency', 'supervisor', 'reviewer']) clients[name] = await signIn(name);
}, 300_000);

afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

/** The results in force at the end of 2022, straight from the table (the reference the reports are checked against). */
const IN_FORCE = sql`
  select distinct on (r.household_code) r.*
    from review_result r join household h on h.province_code = r.province_code and h.code = r.household_code
   where r.decided_on <= '2022-12-31' and (h.dissolved_at is null or h.dissolved_at > '2022-12-31')
   order by r.household_code, r.decided_on desc, r.round_id desc`;

async function report(client: ApiClient, name: string, query: string): Promise<JsonReport> {
  const response = await client.get(`/api/reports/${name}?${query}&format=json`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('generated reports match the database', () => {
  it('summary by unit: households, persons, poor, near-poor, average farm households and rates', async () => {
    const body = await report(clients.admin!, 'summary', 'year=2022');
    const byDistrict = await sql<{ district: string; households: number; persons: number; poor: number; poor_persons: number; near_poor: number; average: number }>`
      select u.parent_code as district, count(*)::int as households, sum(r.persons)::int as persons,
             count(*) filter (where r.status = 'poor')::int as poor,
             coalesce(sum(r.persons) filter (where r.status = 'poor'), 0)::int as poor_persons,
             count(*) filter (where r.status = 'near_poor')::int as near_poor,
             count(*) filter (where r.status = 'average')::int as average
        from (${IN_FORCE}) r
        join (select distinct on (code) code, parent_code from admin_unit where level = 'commune' order by code, valid_from) u on u.code = r.commune_code
       group by u.parent_code order by u.parent_code`.execute(database.handle.db);
    expect(body.rows.length).toBe(byDistrict.rows.length);
    const names = await sql<{ code: string; name: string }>`select distinct on (code) code, name from admin_unit order by code, valid_from desc`.execute(database.handle.db);
    const nameOf = new Map(names.rows.map((r) => [r.code, r.name]));
    byDistrict.rows.forEach((expected, i) => {
      const row = body.rows[i]!;
      expect(row.unit).toBe(nameOf.get(expected.district));
      expect(row).toMatchObject({
        households: expected.households,
        persons: expected.persons,
        poor_households: expected.poor,
        poor_persons: expected.poor_persons,
        near_poor_households: expected.near_poor,
        average_households: expected.average,
        poor_rate: Math.round((expected.poor * 10_000) / expected.households) / 100,
      });
    });
    const total = body.footer[0]!;
    expect(total.households).toBe(byDistrict.rows.reduce((s, r) => s + r.households, 0));
    expect(total.poor_households).toBe(byDistrict.rows.reduce((s, r) => s + r.poor, 0));
    expect(Number(total.poor_households)).toBeGreaterThan(0);
    expect(body.title).toBe('TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO, HỘ LÀM NÔNG, LÂM, NGƯ NGHIỆP CÓ MỨC SỐNG TRUNG BÌNH');
  });

  it('movements of poor and near-poor households agree with the review movements and the summary', async () => {
    const summary = (await report(clients.admin!, 'summary', 'year=2022')).footer[0]!;
    const movements = (await clients.admin!.get('/api/review/movements?from=2021-12-31&to=2022-12-31&level=province')).json().units[0];
    for (const [name, group, key] of [['poor-movements', 'poor', 'poor'], ['near-poor-movements', 'near_poor', 'near_poor']] as const) {
      const body = await report(clients.admin!, name, 'year=2022');
      const [households, persons] = body.footer as [Row, Row];
      expect(households.start).toBe(movements[group].start.households);
      expect(households.end).toBe(movements[group].end.households);
      expect(persons.end).toBe(movements[group].end.persons);
      for (const [kind, count] of Object.entries(movements[group].decreases as Record<string, { households: number }>)) expect(households[`decrease_${kind}`]).toBe(count.households);
      for (const [kind, count] of Object.entries(movements[group].increases as Record<string, { households: number }>)) expect(households[`increase_${kind}`]).toBe(count.households);
      expect(households.end).toBe(summary[`${key}_households`]);
      expect(persons.end).toBe(summary[`${key}_persons`]);
      for (const row of body.rows) {
        const down = Object.entries(row).filter(([k]) => k.startsWith('decrease_')).reduce((s, [, v]) => s + Number(v), 0);
        const up = Object.entries(row).filter(([k]) => k.startsWith('increase_')).reduce((s, [, v]) => s + Number(v), 0);
        expect(row.end).toBe(Number(row.start) - down + up);
      }
    }
  });

  it('deprivation counts and rates by indicator for poor and near-poor households', async () => {
    const body = await report(clients.admin!, 'deprivations', 'year=2022');
    const counts = await sql<{ code: string; status: string; n: number }>`
      select d.code, r.status, count(*)::int as n from (${IN_FORCE}) r cross join unnest(r.deprivations) as d(code)
       where r.status in ('poor', 'near_poor') group by d.code, r.status`.execute(database.handle.db);
    const totals = await sql<{ status: string; n: number }>`select status, count(*)::int as n from (${IN_FORCE}) r group by status`.execute(database.handle.db);
    const total = (status: string) => totals.rows.find((r) => r.status === status)?.n ?? 0;
    const standard = await sql<{ definition: { indicators: { code: string; name: { vi: string } }[] } }>`select definition from poverty_standard where id = 'VN-MPS-2022'`.execute(database.handle.db);
    const indicators = standard.rows[0]!.definition.indicators;
    expect(body.rows.length).toBe(indicators.length);
    indicators.forEach((indicator, i) => {
      const n = (status: string) => counts.rows.find((r) => r.code === indicator.code && r.status === status)?.n ?? 0;
      expect(body.rows[i]).toMatchObject({
        indicator: indicator.name.vi,
        poor_count: n('poor'),
        near_poor_count: n('near_poor'),
        poor_rate: Math.round((n('poor') * 10_000) / total('poor')) / 100,
      });
    });
    expect(body.footer[0]).toMatchObject({ poor_count: total('poor'), near_poor_count: total('near_poor') });
  });

  it('by ethnic group of the head, and the household list without personal identifiers', async () => {
    const body = await report(clients.admin!, 'ethnicity', 'year=2022');
    const groups = await sql<{ code: string | null; households: number; poor: number; near_poor: number }>`
      select head_ethnic_code as code, count(*)::int as households, count(*) filter (where status = 'poor')::int as poor,
             count(*) filter (where status = 'near_poor')::int as near_poor
        from (${IN_FORCE}) r group by head_ethnic_code`.execute(database.handle.db);
    for (const group of groups.rows) {
      const row = body.rows.find((r) => r.code === group.code)!;
      expect(row).toMatchObject({ households: group.households, poor_households: group.poor, near_poor_households: group.near_poor });
    }
    expect(body.rows.length).toBe(groups.rows.length);
    const list = await report(clients.admin!, 'households', 'year=2022');
    const poorAndNear = groups.rows.reduce((s, g) => s + g.poor + g.near_poor, 0);
    expect(list.rows.length).toBe(poorAndNear);
    expect(list.columns.map((c) => c.key)).not.toContain('citizen_id');
    expect(JSON.stringify(list.rows)).not.toMatch(/\d{12}/);
  });
});

describe('formats', () => {
  it('XLSX read back with exceljs gives the same numbers, as numbers, under a Vietnamese title', async () => {
    const json = await report(clients.admin!, 'summary', 'year=2022');
    const response = await clients.admin!.get('/api/reports/summary?year=2022&format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('summary-2022-');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell(3, 1).value).toBe(json.title);
    expect(sheet.getCell(6, 5).value).toBe('Hộ nghèo');
    const keys = json.columns.map((c) => c.key);
    const bodyTop = 8;
    [...json.rows, ...json.footer].forEach((row, i) => {
      keys.forEach((key, c) => {
        const value = sheet.getCell(bodyTop + i, c + 1).value;
        if (typeof row[key] === 'number') {
          expect(typeof value).toBe('number');
          expect(value).toBe(row[key]);
        }
      });
    });
  });

  it('CSV is UTF-8 with a BOM and the same totals', async () => {
    const json = await report(clients.admin!, 'poor-movements', 'year=2022');
    const response = await clients.admin!.get('/api/reports/poor-movements?year=2022&format=csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = response.rawPayload.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('Giảm trong kỳ - Thoát nghèo');
    expect(lines.length).toBe(1 + json.rows.length + json.footer.length);
    const last = lines[lines.length - 2]!.split(',');
    expect(Number(last[last.length - 1])).toBe(json.footer[0]!.end);
  });

  it('PDF starts with %PDF, is landscape for a wide table and carries the Vietnamese title', async () => {
    const response = await clients.admin!.get('/api/reports/summary?year=2022&format=pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfInfoTitle(pdf)).toBe('TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO, HỘ LÀM NÔNG, LÂM, NGƯ NGHIỆP CÓ MỨC SỐNG TRUNG BÌNH');
    // A4 landscape: 841.89 × 595.28 points; the Roboto subset is embedded.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect(pdf.toString('latin1')).toContain('/FontFile2');
  });
});

/** The document title of a PDF (its Info dictionary, never compressed), decoded from PDF string syntax (UTF-16BE with a BOM for non-ASCII text). */
function pdfInfoTitle(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  // pdfkit writes the title as an indirect object: /Title 18 0 R … 18 0 obj (…) endobj.
  const ref = /\/Title (\d+) 0 R/.exec(text);
  expect(ref).not.toBeNull();
  const start = text.indexOf(`\n${ref![1]} 0 obj\n(`) + `\n${ref![1]} 0 obj\n(`.length;
  expect(start).toBeGreaterThan(20);
  const bytes: number[] = [];
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      const next = text[++i]!;
      if (/[0-7]/.test(next)) {
        let octal = next;
        while (octal.length < 3 && /[0-7]/.test(text[i + 1]!)) octal += text[++i];
        bytes.push(parseInt(octal, 8));
      } else bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[next] ?? next.charCodeAt(0));
    } else if (ch === '(') {
      depth++;
      bytes.push(40);
    } else if (ch === ')') {
      if (depth-- === 0) break;
      bytes.push(41);
    } else bytes.push(ch.charCodeAt(0));
  }
  const buffer = Buffer.from(bytes);
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return buffer.subarray(2).swap16().toString('utf16le');
  return buffer.toString('latin1');
}

describe('scope per role', () => {
  it('a commune officer reads its commune, not the district or the province', async () => {
    expect((await clients.commune!.get('/api/reports/summary?year=2022&unit=630&format=json')).statusCode).toBe(404);
    expect((await clients.commune!.get('/api/reports/summary?year=2022&unit=64&format=json')).statusCode).toBe(404);
    const own = await report(clients.commune!, 'summary', 'year=2022&unit=23830');
    const expected = await sql<{ n: number }>`select count(*)::int as n from (${IN_FORCE}) r where r.commune_code in ('23830', '23827')`.execute(database.handle.db);
    expect(own.footer[0]!.households).toBe(expected.rows[0]!.n);
    // Without a unit, its own commune.
    expect((await report(clients.commune!, 'summary', 'year=2022')).unit).toBe('23830');
  });

  it('a district officer reads its district by commune; the province and other districts are 404', async () => {
    const own = await report(clients.district!, 'summary', 'year=2022&unit=630');
    const expected = await sql<{ n: number }>`select count(*)::int as n from (${IN_FORCE}) r join (select distinct code, parent_code from admin_unit where level = 'commune') u on u.code = r.commune_code where u.parent_code = '630'`.execute(database.handle.db);
    expect(own.footer[0]!.households).toBe(expected.rows[0]!.n);
    expect((await clients.district!.get('/api/reports/summary?year=2022&unit=64&format=json')).statusCode).toBe(404);
    expect((await clients.district!.get('/api/reports/summary?year=2022&unit=622&format=json')).statusCode).toBe(404);
  });

  it('supervisor and agency read the province; a signed-out request is 401; an unknown report is 400', async () => {
    expect((await clients.supervisor!.get('/api/reports/summary?year=2022&format=json')).statusCode).toBe(200);
    expect((await clients.agency!.get('/api/reports/ethnicity?year=2022&format=json')).statusCode).toBe(200);
    expect((await apiClient(app).get('/api/reports/summary?year=2022')).statusCode).toBe(401);
    expect((await clients.admin!.get('/api/reports/nothing?year=2022')).statusCode).toBe(400);
  });
});

describe('obligations, submissions and deadlines', () => {
  it('builds the 2022 calendar from the plan and Decision 24/2021, and 2025 without the district level after 1 July', async () => {
    const calendar = (await clients.admin!.get('/api/reports/obligations?year=2022')).json();
    const due = Object.fromEntries(calendar.obligations.map((o: { code: string; dueOn: string }) => [o.code, o.dueOn]));
    expect(due).toMatchObject({ R1: '2022-02-28', R2: '2022-05-20', R3: '2022-10-30', 'RV-MC-02': '2022-02-05', 'RV-MC-09': '2022-09-05', 'RV-PRE': '2022-11-15', 'RV-OFF': '2022-12-20' });
    const r1 = calendar.obligations.find((o: { code: string }) => o.code === 'R1');
    expect(r1.to).toEqual(['Sở Lao động - Thương binh và Xã hội']);
    expect(r1.expected).toBe(17);
    const later = (await clients.admin!.get('/api/reports/obligations?year=2025')).json().obligations.map((o: { code: string }) => o.code);
    expect(later).toContain('RV-MD-06');
    expect(later).not.toContain('RV-MD-07');
  });

  it('lets a commune submit its own report, refuses others, and lets only the province admin return and accept', async () => {
    const calendar = (await clients.commune!.get('/api/reports/obligations?year=2022')).json();
    const march = calendar.obligations.find((o: { code: string }) => o.code === 'RV-MC-03');
    expect(march.mine.map((m: { submitter: string }) => m.submitter).sort()).toEqual(['unit:23827', 'unit:23830']);
    const other = await clients.commune!.post('/api/reports/submissions', { obligationId: march.id, submitter: 'unit:23800', submit: true });
    expect(other.statusCode).toBe(404);
    expect((await clients.supervisor!.post('/api/reports/submissions', { obligationId: march.id, submitter: 'unit:23830', submit: true })).statusCode).toBe(403);
    const draft = await clients.commune!.post('/api/reports/submissions', { obligationId: march.id, submitter: 'unit:23830', note: 'Không phát sinh', submit: false });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'draft', submittedAt: null });
    const sent = await clients.commune!.post('/api/reports/submissions', { obligationId: march.id, submitter: 'unit:23830', submit: true });
    expect(sent.json()).toMatchObject({ status: 'submitted', state: 'late_submitted' });
    const id = sent.json().id;
    expect((await clients.commune!.post(`/api/reports/submissions/${id}/accept`, { version: sent.json().version })).statusCode).toBe(403);
    expect((await clients.admin!.post(`/api/reports/submissions/${id}/return`, { reason: ' ', version: sent.json().version })).statusCode).toBe(400);
    expect((await clients.admin!.post(`/api/reports/submissions/${id}/return`, { reason: 'Thiếu số liệu', version: 999 })).statusCode).toBe(409);
    const returned = await clients.admin!.post(`/api/reports/submissions/${id}/return`, { reason: 'Thiếu số liệu thôn 3', version: sent.json().version });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: 'Thiếu số liệu thôn 3' });
    expect((await clients.admin!.post(`/api/reports/submissions/${id}/accept`, { version: returned.json().version })).statusCode).toBe(409);
    const again = await clients.commune!.post('/api/reports/submissions', { obligationId: march.id, submitter: 'unit:23830', submit: true });
    expect(again.json().status).toBe('submitted');
    const accepted = await clients.admin!.post(`/api/reports/submissions/${id}/accept`, { version: again.json().version });
    expect(accepted.json().status).toBe('accepted');
    const audit = await sql<{ action: string }>`select action from audit_log where entity = 'submission' and entity_id = ${String(id)} order by id`.execute(database.handle.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['submission.draft', 'submission.submitted', 'submission.returned', 'submission.submitted', 'submission.accepted']);
  });

  it('counts 23:30 on the due day in Gia Lai as on time and 00:30 the next day as late, in the matrix (late first)', async () => {
    const calendar = (await clients.commune!.get('/api/reports/obligations?year=2022')).json();
    const may = calendar.obligations.find((o: { code: string }) => o.code === 'RV-MC-05');
    const june = calendar.obligations.find((o: { code: string }) => o.code === 'RV-MC-06');
    const a = (await clients.commune!.post('/api/reports/submissions', { obligationId: may.id, submitter: 'unit:23830', submit: true })).json();
    const b = (await clients.commune!.post('/api/reports/submissions', { obligationId: june.id, submitter: 'unit:23830', submit: true })).json();
    // 23:30 on 05/05/2022 in Asia/Ho_Chi_Minh is 16:30 UTC; 00:30 on 06/06 there is 17:30 UTC on the 5th.
    await sql`update submission set first_submitted_at = '2022-05-05T16:30:00Z' where id = ${a.id}`.execute(database.handle.db);
    await sql`update submission set first_submitted_at = '2022-06-05T17:30:00Z' where id = ${b.id}`.execute(database.handle.db);
    const matrix = (await clients.commune!.get('/api/reports/completeness?year=2022')).json();
    const row = matrix.rows.find((r: { submitter: string }) => r.submitter === 'unit:23830');
    expect(row.cells[String(may.id)].state).toBe('on_time');
    expect(row.cells[String(june.id)].state).toBe('late_submitted');
    expect(matrix.rows.every((r: { submitter: string }) => ['unit:23830', 'unit:23827'].includes(r.submitter))).toBe(true);
    const admin = (await clients.admin!.get('/api/reports/completeness?year=2022')).json();
    const overdue = admin.rows.map((r: { overdue: number }) => r.overdue);
    expect(overdue).toEqual([...overdue].sort((x: number, y: number) => y - x));
    expect(admin.rows.length).toBeGreaterThan(200);
    const district = (await clients.admin!.get('/api/reports/completeness?year=2022&unit=630')).json();
    expect(district.rows.some((r: { submitter: string }) => r.submitter === 'unit:630')).toBe(true);
    expect(district.rows.some((r: { submitter: string }) => r.submitter === 'unit:622')).toBe(false);
  });

  it('reminds of what is overdue for the actor, and lets only the province admin move a due day', async () => {
    const { reminders } = (await clients.district!.get('/api/reports/reminders?year=2022')).json();
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((r: { submitter: string; kind: string }) => r.submitter === 'unit:630' && r.kind === 'overdue')).toBe(true);
    const calendar = (await clients.admin!.get('/api/reports/obligations?year=2022')).json();
    const r2 = calendar.obligations.find((o: { code: string }) => o.code === 'R2');
    expect((await clients.district!.request('PUT', `/api/reports/obligations/${r2.id}`, { dueOn: '2022-05-25', version: r2.version })).statusCode).toBe(403);
    const moved = await clients.admin!.request('PUT', `/api/reports/obligations/${r2.id}`, { dueOn: '2022-05-25', version: r2.version });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().dueOn).toBe('2022-05-25');
    expect((await clients.admin!.request('PUT', `/api/reports/obligations/${r2.id}`, { dueOn: '2022-05-26', version: r2.version })).statusCode).toBe(409);
  });
});

describe('attachments on submissions and the obligation form', () => {
  const PDF = Buffer.from('%PDF-1.4\n% Báo cáo tháng 7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

  async function draftFor(code: string) {
    const calendar = (await clients.commune!.get('/api/reports/obligations?year=2022')).json();
    const obligation = calendar.obligations.find((o: { code: string }) => o.code === code);
    const draft = await clients.commune!.post('/api/reports/submissions', { obligationId: obligation.id, submitter: 'unit:23830', submit: false });
    expect(draft.statusCode, draft.body).toBe(200);
    return { obligation, draft: draft.json() };
  }

  it('keeps a PDF in the database, gives it back byte for byte to who may see it, and locks it once sent', async () => {
    const { obligation, draft } = await draftFor('RV-MC-07');
    const upload = await clients.commune!.post(`/api/reports/submissions/${draft.id}/attachments?name=${encodeURIComponent('Báo cáo tháng 7.pdf')}`, PDF, { 'content-type': 'application/pdf' });
    expect(upload.statusCode, upload.body).toBe(200);
    const [file] = upload.json().attachments;
    expect(file).toMatchObject({ fileName: 'Báo cáo tháng 7.pdf', contentType: 'application/pdf', size: PDF.length });
    const stored = await sql<{ size: number; sha256: string; content: Uint8Array }>`select size, sha256, content from submission_attachment where id = ${file.id}`.execute(database.handle.db);
    expect(Buffer.from(stored.rows[0]!.content).equals(PDF)).toBe(true);
    for (const reader of ['commune', 'admin', 'supervisor']) {
      const download = await clients[reader]!.get(`/api/reports/attachments/${file.id}`);
      expect(download.statusCode, reader).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Báo cáo tháng 7.pdf')}`);
      expect(download.rawPayload.equals(PDF)).toBe(true);
    }
    // Another district's officer does not see the commune's report: the file does not exist for them.
    const other = apiClient(app);
    await sql`insert into app_user (username, display_name, password_hash, role, unit_code) select 'huyen622', 'Huyện 622', password_hash, 'district_officer', '622' from app_user where username = 'district'`.execute(database.handle.db);
    expect((await other.login('huyen622', DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await other.get(`/api/reports/attachments/${file.id}`)).statusCode).toBe(404);
    // The calendar lists it with the submission; once sent, nothing is added or removed.
    const mine = (await clients.commune!.get('/api/reports/obligations?year=2022')).json().obligations.find((o: { id: number }) => o.id === obligation.id).mine;
    expect(mine.find((m: { submitter: string }) => m.submitter === 'unit:23830').submission.attachments.map((a: { id: number }) => a.id)).toEqual([file.id]);
    await clients.commune!.post('/api/reports/submissions', { obligationId: obligation.id, submitter: 'unit:23830', submit: true });
    const late = await clients.commune!.post(`/api/reports/submissions/${draft.id}/attachments?name=them.pdf`, PDF, { 'content-type': 'application/pdf' });
    expect(late.statusCode).toBe(409);
    expect((await clients.commune!.request('DELETE', `/api/reports/attachments/${file.id}`)).statusCode).toBe(409);
    const audit = await sql<{ action: string }>`select action from audit_log where entity = 'submission' and entity_id = ${String(draft.id)} order by id`.execute(database.handle.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['submission.draft', 'submission.attach', 'submission.submitted']);
  });

  it('refuses files that are too large, of another type, or not what they claim, naming the submission, the file and the reason; nothing is stored', async () => {
    const { draft } = await draftFor('RV-MC-08');
    const cases: [string, string, Buffer, number, string][] = [
      ['lon.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 413, 'vượt quá 10 MB'],
      ['chay.exe', 'application/x-msdownload', Buffer.from('MZ\x90\x00'), 415, 'loại tệp "application/x-msdownload" không được nhận'],
      ['gia.pdf', 'application/pdf', Buffer.from('MZ not a pdf'), 400, 'nội dung tệp không phải là "application/pdf"'],
      ['bao-cao.docx', 'application/pdf', PDF, 400, 'phần mở rộng của tên tệp không khớp'],
      ['rong.pdf', 'application/pdf', Buffer.alloc(0), 400, 'rỗng'],
    ];
    for (const [name, type, body, status, reason] of cases) {
      const response = await clients.commune!.post(`/api/reports/submissions/${draft.id}/attachments?name=${name}`, body, { 'content-type': type });
      expect(response.statusCode, name).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().detail).toContain(`"${name}"`);
      expect(response.json().detail).toContain(`số ${draft.id}`);
      expect(response.json().detail).toContain(reason);
    }
    const count = await sql<{ n: number }>`select count(*)::int as n from submission_attachment where submission_id = ${draft.id}`.execute(database.handle.db);
    expect(count.rows[0]!.n).toBe(0);
    // Only the party itself attaches: the supervisor may not, the district officer may not for a commune.
    expect((await clients.supervisor!.post(`/api/reports/submissions/${draft.id}/attachments?name=a.pdf`, PDF, { 'content-type': 'application/pdf' })).statusCode).toBe(403);
    expect((await clients.district!.post(`/api/reports/submissions/${draft.id}/attachments?name=a.pdf`, PDF, { 'content-type': 'application/pdf' })).statusCode).toBe(403);
  });

  it('lets the province admin change who owes an obligation and to whom, refusing unknown parties', async () => {
    const calendar = (await clients.admin!.get('/api/reports/obligations?year=2022')).json();
    const r3 = calendar.obligations.find((o: { code: string }) => o.code === 'R3');
    expect(r3.fromParties.length).toBeGreaterThan(0);
    const parties = (await clients.admin!.get('/api/reports/parties?year=2022')).json();
    expect(parties.map((p: { spec: string }) => p.spec)).toEqual(expect.arrayContaining(['level:district', 'agency:SLDTBXH', 'party:ministry']));
    expect((await clients.district!.get('/api/reports/parties?year=2022')).statusCode).toBe(403);
    const bad = await clients.admin!.request('PUT', `/api/reports/obligations/${r3.id}`, { dueOn: r3.dueOn, from: ['agency:NOPE'], version: r3.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'from[0]', message: 'unknown agency NOPE' }]);
    const self = await clients.admin!.request('PUT', `/api/reports/obligations/${r3.id}`, { dueOn: r3.dueOn, from: ['level:district'], to: ['level:district'], version: r3.version });
    expect(self.statusCode).toBe(400);
    const changed = await clients.admin!.request('PUT', `/api/reports/obligations/${r3.id}`, { dueOn: '2022-10-28', from: ['level:district', 'agency:SYT'], to: ['agency:SLDTBXH'], version: r3.version });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ dueOn: '2022-10-28', fromParties: ['level:district', 'agency:SYT'], toParties: ['agency:SLDTBXH'] });
    const after = (await clients.admin!.get('/api/reports/obligations?year=2022')).json().obligations.find((o: { code: string }) => o.code === 'R3');
    expect(after.expected).toBe(18);
    const row = await sql<{ from_parties: unknown }>`select from_parties from obligation where id = ${r3.id}`.execute(database.handle.db);
    expect(row.rows[0]!.from_parties).toEqual([{ kind: 'level', level: 'district' }, { kind: 'agency', code: 'SYT' }]);
  });
});

