/**
 * Survey results imported into a round over HTTP, on a real database: the prefilled template,
 * a dry run that writes nothing, a real import that refuses the whole file when one cell is
 * impossible (each problem naming sheet, row, column and reason, no value), CSV of households
 * only, roles and the lock once the round is posted.
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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let database: TestDatabase;
let app: FastifyInstance;
const clients: Record<string, ApiClient> = {};
let roundId: number;
let template: Buffer;

async function signIn(username: string): Promise<ApiClient> {
  const client = apiClient(app);
  expect((await client.login(username, DEMO_PASSWORD)).statusCode).toBe(200);
  return client;
}

const importUrl = (dryRun: boolean) => `/api/review/rounds/${roundId}/surveys/import?dryRun=${dryRun ? 1 : 0}`;

async function surveyStates(): Promise<Record<string, number>> {
  const rows = await sql<{ survey_state: string; n: number }>`
    select survey_state, count(*)::int as n from review_household where round_id = ${roundId} group by survey_state`.execute(database.handle.db);
  return Object.fromEntries(rows.rows.map((row) => [row.survey_state, row.n]));
}

async function workbookOf(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** The column number of a header in row 1 of a sheet. */
function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  const values = sheet.getRow(1).values as unknown[];
  const index = values.indexOf(header);
  expect(index, header).toBeGreaterThan(0);
  return index;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database.handle;
  await seedDemoProvince(db, { households: 600 });
  await createDemoUsers(db);
  await seedDemoReviewResults(db);
  app = await buildApp({ handle: database.handle, province: await readProvinceSetting(db), demoUsers: await listDemoUsernames(db), version: 'test' });
  for (const name of ['admin', 'commune', 'reviewer', 'supervisor']) clients[name] = await signIn(name);
  // The 2025 round of the new commune Chư Krey lists the households of the old communes merged into it.
  const opened = await clients.commune!.post('/api/review/rounds', { kind: 'periodic', period: '2025', communeCode: '23830' });
  expect(opened.statusCode).toBe(201);
  roundId = opened.json().round.id;
  // A few more households on the list, so that rows of every kind can be tried.
  const listed = opened.json().households.map((h: { householdCode: string }) => h.householdCode);
  const extra = await sql<{ code: string }>`
    select code from household
     where commune_code in (select old_code from unit_succession where new_code = '23830') and dissolved_at is null and code <> all(${listed}::text[])
     order by code limit 4`.execute(db);
  for (const { code } of extra.rows) {
    expect((await clients.commune!.post(`/api/review/rounds/${roundId}/households`, { householdCode: code, reason: 'Hộ đề nghị rà soát' })).statusCode).toBe(200);
  }
  expect((await clients.commune!.post(`/api/review/rounds/${roundId}/steps`, { step: 'list', date: '2025-09-05' })).statusCode).toBe(200);
}, 300_000);

afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

describe('survey import template', () => {
  it('lists every household of the round with its facts and members, without citizen IDs', async () => {
    const response = await clients.commune!.get(`/api/review/rounds/${roundId}/surveys/template.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX);
    template = response.rawPayload;
    const workbook = await workbookOf(template);
    const households = workbook.getWorksheet('households')!;
    const members = workbook.getWorksheet('members')!;
    const listed = (await clients.commune!.get(`/api/review/rounds/${roundId}`)).json().households.filter((h: { included: boolean }) => h.included);
    expect(households.actualRowCount - 1).toBe(listed.length);
    const codes = new Set<string>();
    households.eachRow((row, number) => { if (number > 1) codes.add(String(row.getCell(1).value)); });
    expect([...codes].sort()).toEqual(listed.map((h: { householdCode: string }) => h.householdCode).sort());
    const header = (members.getRow(1).values as unknown[]).filter(Boolean);
    expect(header).toContain('Ngày sinh');
    expect(header).not.toContain('Số định danh cá nhân');
    const persons = await sql<{ n: number }>`select count(*)::int as n from member where household_code = any(${[...codes]}::text[])`.execute(database.handle.db);
    expect(members.actualRowCount - 1).toBe(persons.rows[0]!.n);
    expect(workbook.getWorksheet('Hướng dẫn')).toBeDefined();
  });

  it('is 404 outside the scope and for survey writers only', async () => {
    const elsewhere = await sql<{ id: number }>`select id from review_round where commune_code not in ('23827', '23830') limit 1`.execute(database.handle.db);
    expect((await clients.commune!.get(`/api/review/rounds/${elsewhere.rows[0]!.id}/surveys/template.xlsx`)).statusCode).toBe(404);
    expect((await clients.supervisor!.get(`/api/review/rounds/${roundId}/surveys/template.xlsx`)).statusCode).toBe(403);
    expect((await clients.reviewer!.get(`/api/review/rounds/${roundId}/surveys/template.xlsx?lang=en`)).statusCode).toBe(200);
  });
});

describe('survey import', () => {
  it('checks the template in a dry run, classifies every household and writes nothing', async () => {
    const response = await clients.reviewer!.post(importUrl(true), template, { 'content-type': XLSX });
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ dryRun: true, committed: false, written: 0, problemCount: 0, problems: [] });
    const listed = (await clients.commune!.get(`/api/review/rounds/${roundId}`)).json().round.households;
    expect(report.households).toBe(listed);
    expect(Object.values(report.classes as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(listed);
    expect(await surveyStates()).toEqual({ none: listed });
  });

  it('refuses the whole file when any row is wrong, naming sheet, row, column and reason', async () => {
    const workbook = await workbookOf(template);
    const households = workbook.getWorksheet('households')!;
    const members = workbook.getWorksheet('members')!;
    const surveyDate = columnOf(households, 'Ngày khảo sát');
    const floor = columnOf(households, 'Diện tích nhà ở (m²)');
    households.getRow(2).getCell(surveyDate).value = '31/02/2025';
    households.getRow(3).getCell(floor).value = '0';
    households.addRow(['99999-NOPE']).getCell(surveyDate).value = '20/09/2025';
    const missingRow = households.actualRowCount;
    // A member of the household on row 4: born after the survey; another member row: a 5-year-old with a degree.
    const fourth = String(households.getRow(4).getCell(1).value);
    households.getRow(4).getCell(surveyDate).value = '20/09/2025';
    let bornLate = 0;
    members.eachRow((row, number) => { if (number > 1 && bornLate === 0 && String(row.getCell(1).value) === fourth) bornLate = number; });
    members.getRow(bornLate).getCell(columnOf(members, 'Ngày sinh')).value = '01/10/2025';
    const child = members.addRow([]);
    child.getCell(1).value = fourth;
    child.getCell(columnOf(members, 'STT thành viên')).value = 40;
    child.getCell(columnOf(members, 'Họ và tên')).value = 'Trẻ em';
    child.getCell(columnOf(members, 'Giới tính')).value = 'Nữ';
    child.getCell(columnOf(members, 'Ngày sinh')).value = '01/05/2020';
    child.getCell(columnOf(members, 'Việc làm')).value = 'not_in_labour_force';
    child.getCell(columnOf(members, 'Trình độ giáo dục')).value = 'college_or_higher';
    const childRow = child.number;
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    const response = await clients.commune!.post(importUrl(false), file, { 'content-type': XLSX });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json();
    const at = (sheet: string, row: number) => body.report.problems.filter((p: { sheet: string; row: number }) => p.sheet === sheet && p.row === row);
    expect(at('households', 2)).toEqual([expect.objectContaining({ column: 'Ngày khảo sát' })]);
    expect(at('households', 3)).toEqual([expect.objectContaining({ column: 'Diện tích nhà ở (m²)', message: expect.stringContaining('lớn hơn 0') })]);
    expect(at('households', missingRow)).toEqual([expect.objectContaining({ column: 'Mã hộ', message: expect.stringContaining('không có trong danh sách') })]);
    expect(at('members', bornLate)).toEqual([expect.objectContaining({ column: 'Ngày sinh', message: expect.stringContaining('sau ngày khảo sát') })]);
    expect(at('members', childRow)).toEqual([expect.objectContaining({ column: 'Trình độ giáo dục' })]);
    expect(body.errors).toContainEqual(expect.objectContaining({ field: `members:${childRow}:Trình độ giáo dục` }));
    // No cell value in any message (dates of birth above all).
    expect(JSON.stringify(body)).not.toContain('01/10/2025');
    expect(JSON.stringify(body)).not.toContain('2025-10-01');
    expect(await surveyStates()).toEqual({ none: body.report.households - 1 });
    const audit = await database.handle.db.selectFrom('audit_log').select('id').where('action', '=', 'review.survey.import').execute();
    expect(audit).toHaveLength(0);
  });

  it('answers in English on request', async () => {
    const csv = '\uFEFFhousehold_code,survey_date\nNOPE-1,2025-09-20\n';
    const response = await clients.commune!.post(importUrl(true), csv, { 'content-type': 'text/csv', 'accept-language': 'en' });
    expect(response.statusCode).toBe(200);
    expect(response.json().problems).toEqual([{ sheet: 'households', row: 2, column: 'household_code', message: "Household NOPE-1 is not on the round's list (or was taken off it)." }]);
  });

  it('reports a file that is not a survey file', async () => {
    const junk = await clients.commune!.post(importUrl(true), 'a;b;c\n1;2;3\n', { 'content-type': 'text/csv' });
    expect(junk.json().problems[0]).toMatchObject({ sheet: 'households', row: 1 });
    const empty = await clients.commune!.post(importUrl(true), Buffer.alloc(0), { 'content-type': 'text/csv' });
    expect(empty.json().problemCount).toBeGreaterThan(0);
    const noBody = await clients.commune!.post(importUrl(true), { some: 'json' });
    expect(noBody.statusCode).toBe(415);
  });

  it('imports households from CSV in one transaction, keeping the members, audited per household', async () => {
    const codes = (await clients.commune!.get(`/api/review/rounds/${roundId}`)).json().households.filter((h: { included: boolean }) => h.included).map((h: { householdCode: string }) => h.householdCode);
    const [first, second] = codes as [string, string];
    const csv = [
      'Mã hộ;Ngày khảo sát;Thu nhập bình quân (đồng/người/tháng);Điểm A;Diện tích nhà ở (m²);Loại nhà tiêu;Sử dụng Internet',
      `${first};20/09/2025;900.000;;30;Không có;không`,
      `${second};2025-09-21;4.000.000;;60;Tự hoại;có`,
    ].join('\n');
    const response = await clients.reviewer!.post(importUrl(false), csv, { 'content-type': 'text/csv' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ committed: true, written: 2, problemCount: 0 });
    const rows = await sql<{ household_code: string; survey_state: string; status: string; deprivations: string[]; survey: { incomePerCapita: number; facts: { surveyDate: string; members: unknown[] } } }>`
      select household_code, survey_state, status, deprivations, survey from review_household where round_id = ${roundId} and household_code in (${first}, ${second}) order by household_code`.execute(database.handle.db);
    const byCode = Object.fromEntries(rows.rows.map((row) => [row.household_code, row]));
    expect(byCode[first]).toMatchObject({ survey_state: 'done' });
    expect(byCode[first]!.survey.incomePerCapita).toBe(900000);
    expect(byCode[first]!.survey.facts.surveyDate).toBe('2025-09-20');
    expect(byCode[first]!.deprivations).toEqual(expect.arrayContaining(['latrine', 'telecom']));
    expect(['poor', 'near_poor']).toContain(byCode[first]!.status);
    const persons = await sql<{ n: number }>`select count(*)::int as n from member where household_code = ${first}`.execute(database.handle.db);
    expect(byCode[first]!.survey.facts.members).toHaveLength(persons.rows[0]!.n);
    expect(byCode[second]!.status).not.toBe('poor');
    const audit = await database.handle.db.selectFrom('audit_log').select(['entity_id']).where('action', '=', 'review.survey.import').execute();
    expect(audit.map((row) => row.entity_id).sort()).toEqual([`52/${roundId}/${first}`, `52/${roundId}/${second}`].sort());
    // The survey page shows the imported survey, finished.
    expect((await clients.reviewer!.get(`/api/review/rounds/${roundId}/households/${first}/survey`)).json()).toMatchObject({ surveyState: 'done' });
  });

  it('finishes every survey from the template, then the survey step can be recorded', async () => {
    const response = await clients.commune!.post(importUrl(false), template, { 'content-type': XLSX });
    expect(response.statusCode).toBe(200);
    expect(response.json().written).toBe(response.json().households);
    expect(Object.keys(await surveyStates())).toEqual(['done']);
    expect((await clients.commune!.post(`/api/review/rounds/${roundId}/steps`, { step: 'survey', date: '2025-09-30' })).statusCode).toBe(200);
  });

  it('is for survey writers only, and refused once the round is posted', async () => {
    expect((await clients.supervisor!.post(importUrl(true), template, { 'content-type': XLSX })).statusCode).toBe(403);
    const step = (body: object) => clients.commune!.post(`/api/review/rounds/${roundId}/steps`, body);
    expect((await step({ step: 'meeting', date: '2025-10-05', attendance: 40 })).statusCode).toBe(200);
    expect((await step({ step: 'posting', date: '2025-10-10', postedUntil: '2025-10-14' })).statusCode).toBe(200);
    const locked = await clients.commune!.post(importUrl(true), template, { 'content-type': XLSX });
    expect(locked.statusCode).toBe(409);
  });
});
