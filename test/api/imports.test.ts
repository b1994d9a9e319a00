/**
 * Household imports over HTTP on a real database (PGlite, and PostgreSQL in the db:postgres
 * project): templates, every kind of bad input with its exact problem line, the registry
 * unchanged (counted and hashed) after every failed import, dry runs, real imports, updates with
 * their audit, scope, progress lines and the problem report workbook.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { seedDemoProvince } from '../../src/modules/demo/demo-seed.js';
import { HOUSEHOLD_COLUMNS, MEMBER_COLUMNS } from '../../src/modules/imports/import-columns.js';
import { createDemoUsers, DEMO_PASSWORD, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { buildApp } from '../../src/server/app.js';
import { type ApiClient, apiClient } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let database: TestDatabase;
let app: FastifyInstance;
let admin: ApiClient;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoProvince(database.handle.db, { households: 300 });
  await createDemoUsers(database.handle.db);
  app = await buildApp({
    handle: database.handle,
    province: await readProvinceSetting(database.handle.db),
    demoUsers: await listDemoUsernames(database.handle.db),
    version: 'test',
    loginAttemptsPerMinute: 100,
  });
  admin = apiClient(app);
  expect((await admin.login('admin', DEMO_PASSWORD)).statusCode).toBe(200);
});

afterAll(async () => {
  await app.close();
  await database.destroy();
});

// --- files ----------------------------------------------------------------------------------

type Row = Record<string, string>;

/** A valid household of Xã Chư Krêy (23827, Kông Chro) surveyed on 1 Oct 2021, as an officer types it. */
function household(code: string, overrides: Row = {}): Row {
  return {
    household_code: code,
    commune_code: '23827',
    village: 'Làng Tơ Kơn',
    address: '',
    head_name: 'Đinh Văn Hmưh',
    area: '',
    farm_household: 'có',
    survey_date: '01/10/2021',
    income_per_capita: '1.200.000',
    score_a: '',
    floor_area_m2: '36,5',
    durable_walls: 'x',
    durable_frame: 'x',
    durable_roof: '',
    water_source: 'Giếng khoan',
    latrine: 'Dội nước',
    internet_use: '1',
    information_devices: 'true',
    waste_collected: 'không',
    ...overrides,
  };
}

/** Citizen IDs: place 064, century-and-sex digit, two digits of the birth year, a serial. */
function members(code: string, serial: number, overrides: Row[] = []): Row[] {
  const id = (digit: number, year: string) => `064${digit}${year}${String(100_000 + serial).padStart(6, '0')}`;
  const base: Row[] = [
    { household_code: code, full_name: 'Đinh Văn Hmưh', sex: 'Nam', birth_date: '12/03/1980', ethnicity: 'Bahnar', citizen_id: id(0, '80'), relation: 'chủ hộ', employment: 'Tự làm', health_insurance: 'có', attending_school: 'không', education_level: 'Tiểu học', social_allowance: '', stunted: '', underweight: '' },
    { household_code: code, full_name: 'Đinh Thị Hnhiên', sex: 'Nữ', birth_date: '1983-07-21', ethnicity: '13', citizen_id: id(1, '83'), relation: 'vợ', employment: 'self_employed', health_insurance: 'x', attending_school: '0', education_level: 'primary', social_allowance: '0', stunted: '0', underweight: '0' },
    { household_code: code, full_name: 'Đinh Văn Byưh', sex: 'male', birth_date: '05/09/2012', ethnicity: 'Ba Na', citizen_id: '', relation: 'con', employment: 'Không tham gia lao động', health_insurance: 'có', attending_school: 'có', education_level: 'Tiểu học', social_allowance: '', stunted: 'không', underweight: '' },
  ];
  return base.map((row, index) => ({ ...row, ...(overrides[index] ?? {}) }));
}

const householdHeaders = HOUSEHOLD_COLUMNS.map((column) => column.header as string);
const memberHeaders = MEMBER_COLUMNS.map((column) => column.header as string);
const householdNames = HOUSEHOLD_COLUMNS.map((column) => column.name as string);
const memberNames = MEMBER_COLUMNS.map((column) => column.name as string);

function csv(headers: readonly string[], names: readonly string[], rows: readonly Row[]): string {
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return `\uFEFF${[headers.map(quote).join(','), ...rows.map((row) => names.map((name) => quote(row[name] ?? '')).join(','))].join('\r\n')}\r\n`;
}

const householdsCsv = (rows: readonly Row[]) => csv(householdHeaders, householdNames, rows);
const membersCsv = (rows: readonly Row[]) => csv(memberHeaders, memberNames, rows);

async function workbook(sheets: { name: string; header: readonly string[]; rows: readonly (readonly unknown[])[] }[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const target = book.addWorksheet(sheet.name);
    target.addRow([...sheet.header]);
    for (const row of sheet.rows) target.addRow([...row]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

// --- requests -------------------------------------------------------------------------------

async function upload(client: ApiClient, name: string, content: string | Buffer, type = 'text/csv'): Promise<string> {
  const response = await client.post(`/api/imports/uploads?name=${encodeURIComponent(name)}`, Buffer.from(content), { 'content-type': type });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

interface RunOptions {
  dryRun?: boolean;
  update?: boolean;
  client?: ApiClient;
  language?: string;
}

const query = (options: RunOptions) => `dryRun=${options.dryRun ? 1 : 0}&update=${options.update ? 1 : 0}`;

async function importCsv(householdsFile: string | Buffer, membersFile: string | Buffer, options: RunOptions = {}): Promise<LightMyRequestResponse> {
  const client = options.client ?? admin;
  const ids = [await upload(client, 'households.csv', householdsFile), await upload(client, 'members.csv', membersFile)];
  return client.post(`/api/imports/households?${query(options)}`, { uploads: ids }, options.language ? { 'accept-language': options.language } : {});
}

async function importXlsx(book: Buffer, options: RunOptions = {}): Promise<LightMyRequestResponse> {
  return (options.client ?? admin).post(`/api/imports/households?${query(options)}`, book, { 'content-type': XLSX });
}

interface Report {
  id: string;
  committed: boolean;
  problemCount: number;
  problems: { sheet: string; row: number; column: string; message: string }[];
  households: number;
  members: number;
  inserted: number;
  updated: number;
  membersWritten: number;
}

/** The report of an import, from a 200 (dry run, success) or a 422 (failed real import). */
function reportOf(response: LightMyRequestResponse): Report {
  const body = response.json();
  return (response.statusCode === 422 ? body.report : body) as Report;
}

const lines = (response: LightMyRequestResponse) =>
  reportOf(response).problems.map((problem) => `${problem.sheet}:${problem.row}:${problem.column}: ${problem.message}`);

/** Counts and hashes of every registry table an import writes. */
async function fingerprint() {
  const result = await sql<Record<string, string | number>>`
    select
      (select count(*) from household) as households,
      (select count(*) from member) as members,
      (select count(*) from household_history) as history,
      (select count(*) from audit_log) as audit,
      (select md5(coalesce(string_agg(h::text, '|' order by h.province_code, h.code), '')) from household h) as household_hash,
      (select md5(coalesce(string_agg(m::text, '|' order by m.province_code, m.household_code, m.seq), '')) from member m) as member_hash,
      (select md5(coalesce(string_agg(x::text, '|' order by x.province_code, x.household_code, x.valid_from), '')) from household_history x) as history_hash
  `.execute(database.handle.db);
  return result.rows[0];
}

/** A real import that must fail with exactly these problem lines and leave the registry as it was. */
async function expectRejected(run: () => Promise<LightMyRequestResponse>, expected: string[]): Promise<Report> {
  const before = await fingerprint();
  const response = await run();
  expect(response.statusCode, response.body.slice(0, 2000)).toBe(422);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(lines(response)).toEqual(expected);
  expect(await fingerprint()).toEqual(before);
  return reportOf(response);
}

const validHouseholds = (prefix = 'T') => householdsCsv([household(`${prefix}-0001`), household(`${prefix}-0002`)]);
/** Serials differ by prefix, so the citizen IDs of two prefixes never collide. */
const validMembers = (prefix = 'T') => {
  const serial = prefix === 'T' ? 0 : prefix.charCodeAt(0) * 100;
  return membersCsv([...members(`${prefix}-0001`, serial + 1), ...members(`${prefix}-0002`, serial + 2)]);
};

// --- tests ----------------------------------------------------------------------------------

describe('templates', () => {
  it('serves the workbook with Vietnamese headers, the guide and the lists', async () => {
    const response = await admin.get('/api/imports/template.xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['households', 'members', 'Hướng dẫn', 'Danh mục']);
    expect((book.getWorksheet('households')?.getRow(1).values as unknown[]).slice(1)).toEqual(householdHeaders);
    expect((book.getWorksheet('members')?.getRow(1).values as unknown[]).slice(1)).toEqual(memberHeaders);
    const guide: string[] = [];
    book.getWorksheet('Hướng dẫn')?.eachRow((row) => guide.push((row.values as unknown[]).join('|')));
    for (const name of [...householdNames, ...memberNames]) expect(guide.some((line) => line.includes(`|${name}|`)), name).toBe(true);
    expect(guide.some((line) => line.includes('Nước máy (piped)'))).toBe(true);
  });

  it('serves the CSV templates with a BOM', async () => {
    const households = await admin.get('/api/imports/template-households.csv');
    expect(households.headers['content-type']).toMatch(/text\/csv/);
    expect(households.body.startsWith('\uFEFFMã hộ,Mã xã,')).toBe(true);
    expect((await admin.get('/api/imports/template-members.csv')).body.startsWith('\uFEFFMã hộ,Họ và tên,')).toBe(true);
  });

  it('needs a signed-in user', async () => {
    expect((await apiClient(app).get('/api/imports/template.xlsx')).statusCode).toBe(401);
  });
});

describe('bad input: each file gets its precise problem lines and the registry stays unchanged', () => {
  it('wrong and missing headers', async () => {
    const header = householdHeaders.map((name) => (name === 'Mã xã' ? 'Mã huyện' : name)).filter((name) => name !== 'Ngày khảo sát');
    const rows = [household('T-0001')].map((row) => [...householdNames.filter((name) => name !== 'survey_date')].map((name) => row[name] ?? ''));
    const quote = (value: string) => (value.includes(',') ? `"${value}"` : value);
    const text = `${[header.map(quote).join(','), ...rows.map((row) => row.map(quote).join(','))].join('\n')}\n`;
    await expectRejected(() => importCsv(text, validMembers()), [
      'households:1:commune_code: Thiếu cột bắt buộc “Mã xã” (commune_code).',
      'households:1:survey_date: Thiếu cột bắt buộc “Ngày khảo sát” (survey_date).',
      'households:1:Mã huyện: Cột “Mã huyện” không có trong mẫu.',
    ]);
  });

  it('a header that is not one, and canonical names in English', async () => {
    const english = csv(householdNames, householdNames, [household('T-0001')]);
    const response = await importCsv(english, 'foo,bar\nA,B\n', { language: 'en' });
    expect(response.statusCode).toBe(422);
    expect(lines(response)).toEqual([
      'members:1:: Row 1 is not the header of sheet members: no column is recognised; use the template.',
    ]);
  });

  it('a missing sheet', async () => {
    const book = await workbook([{ name: 'households', header: householdHeaders, rows: [householdNames.map((name) => household('T-0001')[name])] }]);
    await expectRejected(() => importXlsx(book), ['members:1:: Sổ tính không có sheet “members”.']);
  });

  it('an empty file', async () => {
    await expectRejected(() => importCsv('', validMembers()), ['households:1:: Tệp trống.']);
    await expectRejected(() => importXlsx(Buffer.alloc(0)), ['households:1:: Tệp trống.']);
  });

  it('a .xlsx that is really a text file', async () => {
    await expectRejected(() => importXlsx(Buffer.from(validHouseholds())), [
      'households:1:: Tệp không phải là sổ tính Excel .xlsx (có thể là tệp văn bản đổi đuôi, hoặc tệp hỏng).',
    ]);
  });

  it('an unknown commune code, and a commune not valid at the survey date', async () => {
    const rows = [household('T-0001', { commune_code: '99999' }), household('T-0002', { survey_date: '01/08/2025' })];
    await expectRejected(() => importCsv(householdsCsv(rows), validMembers()), [
      'households:2:Mã xã: Không có xã mã 99999 trong danh mục đơn vị hành chính của tỉnh.',
      'households:3:Mã xã: Xã mã 23827 không có hiệu lực vào ngày khảo sát 01/08/2025 (có hiệu lực 01/01/2020 – 30/06/2025).',
    ]);
  });

  it('dates that do not exist or are not dates', async () => {
    const rows = [household('T-0001', { survey_date: '31/02/2024' }), household('T-0002', { survey_date: '2021/10/01' })];
    const people = [...members('T-0001', 1, [{ birth_date: '30/02/1980' }]), ...members('T-0002', 2, [{}, { birth_date: 'không rõ' }])];
    await expectRejected(() => importCsv(householdsCsv(rows), membersCsv(people)), [
      'households:2:Ngày khảo sát: Ngày không có thật trên lịch.',
      'households:3:Ngày khảo sát: Ngày phải có dạng dd/mm/yyyy hoặc yyyy-mm-dd.',
      'members:2:Ngày sinh: Ngày không có thật trên lịch.',
      'members:6:Ngày sinh: Ngày phải có dạng dd/mm/yyyy hoặc yyyy-mm-dd.',
    ]);
  });

  it('citizen IDs of 11 digits or with letters, never echoing the number', async () => {
    const people = [...members('T-0001', 1, [{ citizen_id: '06408012345' }, { citizen_id: '06418312345X' }]), ...members('T-0002', 2)];
    const report = await expectRejected(() => importCsv(validHouseholds(), membersCsv(people)), [
      'members:2:Số định danh cá nhân: Số định danh phải có 12 chữ số.',
      'members:3:Số định danh cá nhân: Số định danh chỉ gồm chữ số (12 chữ số).',
    ]);
    expect(JSON.stringify(report)).not.toContain('06408012345');
  });

  it('a citizen ID that does not match the birth year and sex', async () => {
    const people = [...members('T-0001', 1, [{ citizen_id: '064190100001' }]), ...members('T-0002', 2)];
    await expectRejected(() => importCsv(validHouseholds(), membersCsv(people)), [
      'members:2:Số định danh cá nhân: Chữ số thứ 4–6 của số định danh không khớp với giới tính và năm sinh.',
    ]);
  });

  it('negative and non-numeric money', async () => {
    const rows = [household('T-0001', { income_per_capita: '-500.000' }), household('T-0002', { income_per_capita: '1,2 triệu' })];
    await expectRejected(() => importCsv(householdsCsv(rows), validMembers()), [
      'households:2:Thu nhập bình quân (đồng/người/tháng): Số tiền không được âm.',
      'households:3:Thu nhập bình quân (đồng/người/tháng): Số tiền phải là số nguyên đồng: chỉ chữ số, có thể có dấu chấm phân cách hàng nghìn (ví dụ 1.500.000).',
    ]);
  });

  it('unknown list values and bad yes/no cells', async () => {
    const rows = [household('T-0001', { water_source: 'Nước giếng làng', internet_use: 'có lẽ' }), household('T-0002')];
    const people = [...members('T-0001', 1, [{ sex: 'khác' }]), ...members('T-0002', 2)];
    await expectRejected(() => importCsv(householdsCsv(rows), membersCsv(people)), [
      'households:2:Nguồn nước sinh hoạt: Giá trị không có trong danh mục; dùng một trong: Nước máy, Giếng khoan, Giếng đào được bảo vệ, Nước khe, mó được bảo vệ, Nước mưa, Nước đóng chai, đóng bình, Giếng đào không được bảo vệ, Nước khe, mó không được bảo vệ, Nước sông, suối, ao, hồ, Nguồn khác.',
      'households:2:Sử dụng Internet: Phải là 1/0, true/false, có/không, x hoặc để trống.',
      'members:2:Giới tính: Giá trị không có trong danh mục; dùng một trong: Nam, Nữ.',
    ]);
  });

  it('duplicate household codes and citizen IDs in the file', async () => {
    const rows = [household('T-0001'), household('T-0002'), household('T-0001', { village: 'Làng khác' })];
    const people = [...members('T-0001', 1), ...members('T-0002', 2, [{ citizen_id: members('T-0001', 1)[0]?.citizen_id ?? '' }])];
    await expectRejected(() => importCsv(householdsCsv(rows), membersCsv(people)), [
      'households:4:Mã hộ: Mã hộ trùng với dòng 2.',
      'members:5:Số định danh cá nhân: Số định danh trùng với dòng 2.',
    ]);
  });

  it('a household code and a citizen ID already in the registry', async () => {
    const existing = await database.handle.db
      .selectFrom('member')
      .select(['household_code', 'citizen_id', 'birth_date', 'sex'])
      .where('citizen_id', 'is not', null)
      .orderBy('household_code')
      .executeTakeFirstOrThrow();
    const rows = [household(existing.household_code), household('T-0002')];
    const people = [
      ...members(existing.household_code, 1),
      ...members('T-0002', 2, [
        { citizen_id: existing.citizen_id ?? '', birth_date: existing.birth_date, sex: existing.sex, relation: 'chủ hộ' },
      ]),
    ];
    await expectRejected(() => importCsv(householdsCsv(rows), membersCsv(people)), [
      'households:2:Mã hộ: Mã hộ đã có trong sổ hộ; dùng chế độ cập nhật (--update) để thay thông tin và thành viên của hộ.',
      'members:5:Số định danh cá nhân: Số định danh đã có trong sổ hộ (thành viên của hộ khác).',
    ]);
  });

  it('a member whose household is not in the file, and a household without members', async () => {
    const [demo] = await database.handle.db.selectFrom('household').select('code').orderBy('code').limit(1).execute();
    const people = [...members('T-0001', 1), ...members('T-0404', 4).slice(0, 1), ...members(demo?.code ?? '', 5).slice(0, 1)];
    await expectRejected(() => importCsv(validHouseholds(), membersCsv(people)), [
      'households:3:Mã hộ: Hộ không có thành viên nào trong sheet members.',
      'members:5:Mã hộ: Không có hộ mã này trong sheet households.',
      'members:6:Mã hộ: Hộ mã này có trong sổ hộ nhưng không có trong sheet households; để thay thành viên, đưa cả dòng hộ vào tệp và dùng chế độ cập nhật.',
    ]);
  });

  it('50 MB of junk, as bytes and as text, as CSV and as a workbook', async () => {
    const bytes = randomBytes(50 * 1024 * 1024);
    bytes[0] = 0xff;
    await expectRejected(() => importCsv(bytes, validMembers()), [
      'households:1:: Tệp không phải văn bản UTF-8 (lỗi mã hoá từ dòng này); hãy lưu lại dạng “CSV UTF-8”.',
    ]);
    await expectRejected(() => importXlsx(bytes), [
      'households:1:: Tệp không phải là sổ tính Excel .xlsx (có thể là tệp văn bản đổi đuôi, hoặc tệp hỏng).',
    ]);
    // The same junk as text: letters, digits, separators and line breaks, valid UTF-8.
    const alphabet = Buffer.from('abcdefghiklmnopqrstuvxy 0123456789,;\n');
    const text = Buffer.alloc(bytes.length);
    for (let i = 0; i < bytes.length; i++) text[i] = alphabet[(bytes[i] as number) % alphabet.length] as number;
    await expectRejected(() => importCsv(validHouseholds(), text), [
      'members:1:: Dòng 1 không phải dòng tiêu đề của sheet members: không nhận ra cột nào; hãy dùng tệp mẫu.',
    ]);
  });
});

describe('dry run and import', () => {
  beforeEach(async () => {
    await database.handle.db.deleteFrom('household').where('code', 'like', 'T-%').execute();
  });

  it('a dry run of valid files reports no problem and changes nothing', async () => {
    const before = await fingerprint();
    const response = await importCsv(validHouseholds(), validMembers(), { dryRun: true });
    expect(response.statusCode).toBe(200);
    expect(reportOf(response)).toMatchObject({ committed: false, problemCount: 0, households: 2, members: 6, inserted: 0 });
    expect(await fingerprint()).toEqual(before);
  });

  it('a dry run with problems answers 200 with the same lines a real import gives', async () => {
    const rows = [household('T-0001', { floor_area_m2: 'ba mươi' }), household('T-0002')];
    const response = await importCsv(householdsCsv(rows), validMembers(), { dryRun: true });
    expect(response.statusCode).toBe(200);
    expect(lines(response)).toEqual([
      'households:2:Diện tích nhà ở (m²): Diện tích phải là số không âm, tối đa 2 chữ số sau dấu thập phân (ví dụ 36,5).',
    ]);
  });

  it('a real import writes every household and member, classified, with history and one audit row', async () => {
    const response = await importCsv(validHouseholds(), validMembers());
    expect(response.statusCode, response.body).toBe(200);
    const report = reportOf(response);
    expect(report).toMatchObject({ committed: true, problemCount: 0, inserted: 2, updated: 0, membersWritten: 6 });
    const db = database.handle.db;
    const rows = await db.selectFrom('household').selectAll().where('code', 'like', 'T-%').orderBy('code').execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      province_code: '52',
      commune_code: '23827',
      village: 'Làng Tơ Kơn',
      address: '',
      head_name: 'Đinh Văn Hmưh',
      area: 'rural',
      head_ethnic_code: '13',
      farm_household: true,
      survey_date: '2021-10-01',
      income_per_capita: 1_200_000,
      score_a: null,
      floor_area_m2: 36.5,
      durable_walls: true,
      durable_roof: false,
      water_source: 'borehole',
      latrine: 'pour_flush',
      internet_use: true,
      waste_collected: false,
      is_synthetic: false,
      standard_id: 'VN-MPS-2022',
    });
    expect(rows[0]?.status).toBe('near_poor');
    const people = await db.selectFrom('member').selectAll().where('household_code', '=', 'T-0001').orderBy('seq').execute();
    expect(people.map((person) => [person.seq, person.full_name, person.sex, person.birth_date, person.ethnic_code, person.relation])).toEqual([
      [1, 'Đinh Văn Hmưh', 'male', '1980-03-12', '13', 'chủ hộ'],
      [2, 'Đinh Thị Hnhiên', 'female', '1983-07-21', '13', 'vợ'],
      [3, 'Đinh Văn Byưh', 'male', '2012-09-05', '13', 'con'],
    ]);
    expect(people[0]?.search_name).toBe('dinh van hmuh');
    const history = await db.selectFrom('household_history').selectAll().where('household_code', '=', 'T-0001').execute();
    expect(history).toMatchObject([{ valid_from: '2021-10-01', valid_to: null, commune_code: '23827' }]);
    const audit = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'household_import').where('entity_id', '=', report.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ inserted: 2, membersWritten: 6, files: ['households.csv', 'members.csv'] });
  });

  it('members need not be grouped by household', async () => {
    const [a, b] = [members('T-0001', 1), members('T-0002', 2)];
    const mixed = [a[1], b[0], a[0], b[1], b[2], a[2]].filter((row): row is Row => row !== undefined);
    const response = await importCsv(validHouseholds(), membersCsv(mixed));
    expect(response.statusCode, response.body).toBe(200);
    const people = await database.handle.db.selectFrom('member').select(['household_code', 'seq', 'relation']).where('household_code', 'like', 'T-%').orderBy('household_code').orderBy('seq').execute();
    expect(people.map((person) => `${person.household_code}/${person.seq}/${person.relation}`)).toEqual([
      'T-0001/1/vợ', 'T-0001/2/chủ hộ', 'T-0001/3/con', 'T-0002/1/chủ hộ', 'T-0002/2/vợ', 'T-0002/3/con',
    ]);
    const head = await database.handle.db.selectFrom('household').select('head_ethnic_code').where('code', '=', 'T-0001').executeTakeFirstOrThrow();
    expect(head.head_ethnic_code).toBe('13');
  });

  it('text with quotes, backslashes and decomposed diacritics is stored as written, in NFC', async () => {
    const odd = 'Y Bih "Ama" Niê \\ Ksor'.normalize('NFD');
    const people = members('T-0001', 1, [{ full_name: odd }]);
    const response = await importCsv(householdsCsv([household('T-0001', { address: 'Số 1, "đường" A\\B' })]), membersCsv(people));
    expect(response.statusCode, response.body).toBe(200);
    const db = database.handle.db;
    const head = await db.selectFrom('member').select(['full_name', 'search_name']).where('household_code', '=', 'T-0001').where('seq', '=', 1).executeTakeFirstOrThrow();
    expect(head.full_name).toBe(odd.normalize('NFC'));
    expect(head.search_name).toBe('y bih ama nie ksor');
    const row = await db.selectFrom('household').select('address').where('code', '=', 'T-0001').executeTakeFirstOrThrow();
    expect(row.address).toBe('Số 1, "đường" A\\B');
  });

  it('a workbook with canonical headers, typed cells and sheets in any order', async () => {
    const houseRow = householdNames.map((name) => household('T-0001')[name]);
    houseRow[householdNames.indexOf('survey_date')] = new Date(Date.UTC(2021, 9, 1)) as unknown as string;
    houseRow[householdNames.indexOf('income_per_capita')] = 1_200_000 as unknown as string;
    const book = await workbook([
      { name: 'Thành viên', header: memberNames, rows: members('T-0001', 1).map((row) => memberNames.map((name) => row[name])) },
      { name: 'Hộ gia đình', header: householdNames, rows: [houseRow] },
    ]);
    const response = await importXlsx(book);
    expect(response.statusCode, response.body).toBe(200);
    expect(reportOf(response)).toMatchObject({ committed: true, inserted: 1, membersWritten: 3 });
  });
});

describe('update', () => {
  beforeAll(async () => {
    await database.handle.db.deleteFrom('household').where('code', 'like', 'U-%').execute();
    const response = await importCsv(householdsCsv([household('U-0001')]), membersCsv(members('U-0001', 11)));
    expect(response.statusCode, response.body).toBe(200);
  });

  it('without --update an existing household is a problem; with it, facts and members are replaced and audited', async () => {
    const changed = householdsCsv([household('U-0001', { income_per_capita: '3.500.000', village: 'Làng Mới' })]);
    const people = membersCsv(members('U-0001', 11).slice(0, 2));
    await expectRejected(() => importCsv(changed, people), [
      'households:2:Mã hộ: Mã hộ đã có trong sổ hộ; dùng chế độ cập nhật (--update) để thay thông tin và thành viên của hộ.',
    ]);
    const db = database.handle.db;
    const before = await db.selectFrom('household').select(['version', 'income_per_capita']).where('code', '=', 'U-0001').executeTakeFirstOrThrow();
    const response = await importCsv(changed, people, { update: true });
    expect(response.statusCode, response.body).toBe(200);
    expect(reportOf(response)).toMatchObject({ committed: true, inserted: 0, updated: 1, membersWritten: 2 });
    const after = await db.selectFrom('household').selectAll().where('code', '=', 'U-0001').executeTakeFirstOrThrow();
    expect(after).toMatchObject({ income_per_capita: 3_500_000, village: 'Làng Mới', version: before.version + 1 });
    expect(await db.selectFrom('member').select('seq').where('household_code', '=', 'U-0001').execute()).toHaveLength(2);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'import_update').where('entity_id', '=', 'U-0001').execute();
    expect(audit).toHaveLength(1);
    const entry = audit[0] as unknown as { user_id: number; before: Record<string, unknown>; after: Record<string, unknown> };
    expect(entry.before).toMatchObject({ income_per_capita: before.income_per_capita, village: 'Làng Tơ Kơn' });
    expect((entry.before.members as unknown[]).length).toBe(3);
    expect(entry.after).toMatchObject({ income_per_capita: 3_500_000, village: 'Làng Mới' });
    expect((entry.after.members as unknown[]).length).toBe(2);
    expect(entry.user_id).toBeGreaterThan(0);
    const history = await db.selectFrom('household_history').select(['village', 'valid_to']).where('household_code', '=', 'U-0001').orderBy('valid_from').execute();
    expect(history.map((row) => row.village)).toEqual(['Làng Tơ Kơn', 'Làng Mới']);
  });
});

describe('roles and scope', () => {
  it('a commune officer imports into their communes but not into another one', async () => {
    const commune = apiClient(app);
    await commune.login('commune', DEMO_PASSWORD);
    const rows = [household('S-0001'), household('S-0002', { commune_code: '23557', village: 'Tổ dân phố 1' })];
    const people = [...members('S-0001', 21), ...members('S-0002', 22)];
    await expectRejected(() => importCsv(householdsCsv(rows), membersCsv(people), { client: commune }), [
      'households:3:Mã xã: Xã mã 23557 nằm ngoài phạm vi quản lý của tài khoản.',
    ]);
    const own = await importCsv(householdsCsv(rows.slice(0, 1)), membersCsv(people.slice(0, 3)), { client: commune, dryRun: true });
    expect(reportOf(own)).toMatchObject({ problemCount: 0 });
  });

  it('a supervisor and a provincial agency may not import (403), and uploads are private', async () => {
    for (const username of ['supervisor', 'agency']) {
      const client = apiClient(app);
      await client.login(username, DEMO_PASSWORD);
      const response = await client.post('/api/imports/uploads?name=a.csv', Buffer.from('x'), { 'content-type': 'text/csv' });
      expect(response.statusCode).toBe(403);
    }
    const id = await upload(admin, 'households.csv', validHouseholds());
    const reviewer = apiClient(app);
    await reviewer.login('reviewer', DEMO_PASSWORD);
    const response = await reviewer.post('/api/imports/households?dryRun=1', { uploads: [id, id] });
    expect(response.statusCode).toBe(404);
  });
});

describe('progress and reports', () => {
  it('streams progress lines and ends with the report', async () => {
    const ids = [await upload(admin, 'households.csv', validHouseholds('P')), await upload(admin, 'members.csv', validMembers('P'))];
    const response = await admin.post('/api/imports/households?dryRun=1', { uploads: ids }, { accept: 'application/x-ndjson' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/x-ndjson/);
    const events = response.body.trim().split('\n').map((line) => JSON.parse(line) as { type: string; phase?: string; report?: Report });
    expect(events[0]).toMatchObject({ type: 'progress', phase: 'reading' });
    expect(events.filter((event) => event.type === 'progress').at(-1)).toMatchObject({ phase: 'done', households: 2, members: 6 });
    expect(events.at(-1)).toMatchObject({ type: 'report', report: { problemCount: 0, dryRun: true } });
    const stored = await admin.get(`/api/imports/${events.at(-1)?.report?.id}`);
    expect(stored.json()).toMatchObject({ problemCount: 0, files: ['households.csv', 'members.csv'] });
  });

  it('the problem report lists the problems and marks the bad cells in a copy that can be imported again', async () => {
    const rows = [household('T-0009', { survey_date: '31/02/2024' })];
    const response = await importCsv(householdsCsv(rows), membersCsv(members('T-0009', 9)), { dryRun: true });
    const report = reportOf(response);
    const download = await admin.get(`/api/imports/${report.id}/problems.xlsx`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(download.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Lỗi', 'households', 'members']);
    expect((book.getWorksheet('Lỗi')?.getRow(2).values as unknown[]).slice(1)).toEqual([
      'households', 2, 'Ngày khảo sát', 'Ngày không có thật trên lịch.',
    ]);
    const cell = book.getWorksheet('households')?.getCell('H2');
    expect(cell?.value).toBe('31/02/2024');
    expect((cell?.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(JSON.stringify(cell?.note)).toContain('Ngày không có thật trên lịch.');
    expect(book.getWorksheet('households')?.getCell('A2').fill).toBeUndefined();
    const other = apiClient(app);
    await other.login('district', DEMO_PASSWORD);
    expect((await other.get(`/api/imports/${report.id}/problems.xlsx`)).statusCode).toBe(404);
  });
});
