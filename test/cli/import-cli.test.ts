/**
 * `gnbv seed files` and `gnbv import households` as real processes on an embedded database in a
 * temporary directory: exit codes 0 / 2 / 1, problems on stdout as `sheet:row:column: message`,
 * summary on stderr, dry run, update, and the language option.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const slow = { timeout: 180_000 };

let dir = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `gnbv` on the test's own embedded database (never a PostgreSQL from the environment). */
function gnbv(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, GNBV_DATA_DIR: path.join(dir, 'data') };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['bin/gnbv', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');
/** The summary: the last line on stderr (the progress bar draws before it). */
const summary = (run: Run) => lines(run.stderr.replace(/\r/g, '\n')).at(-1) ?? '';

const readCsv = (target: string) => parse(readFileSync(target, 'utf8'), { bom: true }) as string[][];
const writeCsv = (rows: readonly (readonly string[])[]) =>
  `${rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\n')}\n`;

function file(name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gnbv-import-cli-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('gnbv seed files and gnbv import households', () => {
  let householdsFile = '';
  let membersFile = '';

  it('writes a synthetic province as a CSV pair with the template headers', slow, async () => {
    const run = await gnbv(['seed', 'files', '--households', '40', '--out', path.join(dir, 'province')]);
    expect(run.code, run.stderr).toBe(0);
    householdsFile = path.join(dir, 'province', 'households.csv');
    membersFile = path.join(dir, 'province', 'members.csv');
    expect(readFileSync(householdsFile, 'utf8').startsWith('\uFEFFMã hộ,Mã xã,Thôn/làng,')).toBe(true);
    expect(lines(readFileSync(householdsFile, 'utf8'))).toHaveLength(41);
    expect(summary(run)).toMatch(/^Đã tạo .*households\.csv, .*members\.csv: 40 hộ, \d+ thành viên \(dữ liệu mô phỏng\)\.$/);
  });

  it('a dry run finds no problem, writes nothing and exits 0', slow, async () => {
    const run = await gnbv(['import', 'households', householdsFile, membersFile, '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(summary(run)).toMatch(/^Chạy thử: không có lỗi \(40 hộ, \d+ thành viên\); không có gì được ghi\.$/);
  });

  it('imports and exits 0', slow, async () => {
    const run = await gnbv(['import', 'households', householdsFile, membersFile]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(summary(run)).toMatch(/^Đã nhập 40 hộ mới, cập nhật 0 hộ, \d+ thành viên\.$/);
  });

  it('the same files again: one problem line per household, exit 2; with --update, exit 0', slow, async () => {
    const again = await gnbv(['import', 'households', householdsFile, membersFile]);
    expect(again.code).toBe(2);
    const problems = lines(again.stdout);
    expect(problems).toHaveLength(40);
    expect(problems[0]).toBe('households:2:Mã hộ: Mã hộ đã có trong sổ hộ; dùng chế độ cập nhật (--update) để thay thông tin và thành viên của hộ.');
    expect(problems.every((line) => /^households:\d+:Mã hộ: /.test(line))).toBe(true);
    expect(summary(again)).toBe('40 lỗi; không có dòng nào được ghi vào sổ hộ.');
    const update = await gnbv(['import', 'households', householdsFile, membersFile, '--update']);
    expect(update.code, update.stderr).toBe(0);
    expect(summary(update)).toMatch(/^Đã nhập 0 hộ mới, cập nhật 40 hộ, \d+ thành viên\.$/);
  });

  it('bad cells: sheet:row:column: message lines, in Vietnamese or English', slow, async () => {
    const households = readCsv(householdsFile);
    (households[1] as string[])[7] = '31/02/2024';
    (households[1] as string[])[8] = '-1.000';
    const badHouseholds = file('bad-households.csv', writeCsv(households));
    const people = readCsv(membersFile);
    (people[1] as string[])[5] = '06412345678';
    people.push(['KHONG-CO', 'Ai Đó', 'Nam', '01/01/1990', 'Kinh', '', 'chủ hộ', 'Tự làm', 'có', '', 'Tiểu học', '', '', '']);
    const badMembers = file('bad-members.csv', writeCsv(people));
    // --update: the households are in the registry since the import above.
    const run = await gnbv(['import', 'households', badHouseholds, badMembers, '--dry-run', '--update']);
    expect(run.code).toBe(2);
    expect(lines(run.stdout)).toEqual([
      'households:2:Ngày khảo sát: Ngày không có thật trên lịch.',
      'households:2:Thu nhập bình quân (đồng/người/tháng): Số tiền không được âm.',
      'members:2:Số định danh cá nhân: Số định danh phải có 12 chữ số.',
      `members:${people.length}:Mã hộ: Không có hộ mã này trong sheet households.`,
    ]);
    expect(run.stdout).not.toContain('06412345678');
    const english = await gnbv(['import', 'households', badHouseholds, badMembers, '--dry-run', '--update', '--lang', 'en']);
    expect(english.code).toBe(2);
    expect(lines(english.stdout)[0]).toBe('households:2:Ngày khảo sát: The date does not exist on the calendar.');
    expect(summary(english)).toBe('4 problem(s); nothing was written to the registry.');
  });

  it('a .xlsx that is really a text file: one problem line, exit 2', slow, async () => {
    const book = file('BOOK.xlsx', readFileSync(householdsFile, 'utf8'));
    const run = await gnbv(['import', 'households', book]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('households:1:: Tệp không phải là sổ tính Excel .xlsx (có thể là tệp văn bản đổi đuôi, hoặc tệp hỏng).\n');
  });

  it('a workbook from seed files imports in a dry run', slow, async () => {
    const seed = await gnbv(['seed', 'files', '--households', '15', '--format', 'xlsx', '--out', path.join(dir, 'book'), '--seed', '7']);
    expect(seed.code, seed.stderr).toBe(0);
    const book = path.join(dir, 'book', 'province.xlsx');
    expect(existsSync(book)).toBe(true);
    // Codes follow communes, not the seed: the same codes are in the registry already.
    const run = await gnbv(['import', 'households', book, '--dry-run', '--update']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(summary(run)).toMatch(/^Chạy thử: không có lỗi \(15 hộ, \d+ thành viên\)/);
  });

  it('usage errors exit 1 with one line: a missing file, three files', slow, async () => {
    const missing = await gnbv(['import', 'households', path.join(dir, 'nope.csv'), membersFile]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(lines(missing.stderr)).toEqual([`gnbv: không có tệp ${path.join(dir, 'nope.csv')}`]);
    const three = await gnbv(['import', 'households', householdsFile, membersFile, membersFile]);
    expect(three.code).toBe(1);
    expect(lines(three.stderr)).toEqual(['gnbv: cần một sổ tính .xlsx, hoặc hai tệp CSV: tệp hộ rồi đến tệp thành viên']);
  });
});
