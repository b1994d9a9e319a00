/**
 * `gnbv report` as a real process on an embedded database in a temporary directory (migrated
 * and seeded with the demo province by the command line itself): the XLSX file it writes carries
 * the same numbers as its JSON and reads back with exceljs, and bad arguments exit 1. Each run
 * opens the database anew, so the runs are few; CSV and PDF are checked in the API suites.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const slow = { timeout: 300_000 };
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

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gnbv-report-cli-'));
  // `seed demo` migrates and loads the reference data itself.
  const seed = await gnbv(['seed', 'demo', '--households', '200']);
  expect(seed.code, seed.stderr).toBe(0);
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('gnbv report', () => {
  it('writes the summary as JSON to stdout and the same totals as an XLSX file', slow, async () => {
    const json = await gnbv(['report', 'summary', '--year', '2022', '--format', 'json', '--out', '-']);
    expect(json.code, json.stderr).toBe(0);
    const body = JSON.parse(json.stdout) as { title: string; footer: Record<string, number>[] };
    expect(body.title).toBe('TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO, HỘ LÀM NÔNG, LÂM, NGƯ NGHIỆP CÓ MỨC SỐNG TRUNG BÌNH');
    const total = body.footer[0]!;
    expect(total.households).toBeGreaterThan(0);
    expect(total.poor_households).toBeGreaterThan(0);

    const xlsx = path.join(dir, 'tong-hop.xlsx');
    const written = await gnbv(['report', 'summary', '--year', '2022', '--format', 'xlsx', '--out', xlsx]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toContain('tong-hop.xlsx: TỔNG HỢP KẾT QUẢ RÀ SOÁT');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.worksheets[0]!;
    const totalRow = sheet.getColumn(2).values.findIndex((value) => value === 'Tổng cộng');
    expect(totalRow).toBeGreaterThan(7);
    expect(sheet.getCell(totalRow, 3).value).toBe(total.households);
    expect(sheet.getCell(totalRow, 5).value).toBe(total.poor_households);

  });

  it("writes the target-group table and the program's annual report for a district", slow, async () => {
    const groups = await gnbv(['report', 'target-groups', '--year', '2022', '--unit', '630', '--format', 'json', '--out', '-']);
    expect(groups.code, groups.stderr).toBe(0);
    const table = JSON.parse(groups.stdout) as { unit: string; rows: { group: string }[]; notes: string[] };
    expect(table.unit).toBe('630');
    expect(table.rows[0]!.group).toBe('Hộ dân tộc thiểu số (chủ hộ là người dân tộc thiểu số)');
    expect(table.notes.some((note) => note.includes('người có công'))).toBe(true);
    const pdf = path.join(dir, 'chuong-trinh.pdf');
    const program = await gnbv(['report', 'program-annual', '--year', '2022', '--unit', '630', '--format', 'pdf', '--out', pdf]);
    expect(program.code, program.stderr).toBe(0);
    expect(program.stderr).toContain('BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIẢM NGHÈO BỀN VỮNG NĂM 2022');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('exits 1 with a reason for an unknown report, a bad year or a unit that does not exist', slow, async () => {
    const unknown = await gnbv(['report', 'nothing', '--year', '2022', '--format', 'json', '--out', '-']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('nothing');
    const year = await gnbv(['report', 'summary', '--year', 'abc', '--format', 'json', '--out', '-']);
    expect(year.code).toBe(1);
    expect(year.stderr).toContain('must be a year');
    const unit = await gnbv(['report', 'summary', '--year', '2022', '--unit', '99999', '--format', 'json', '--out', '-']);
    expect(unit.code).toBe(1);
    expect(unit.stderr).toContain('99999');
    expect(unit.stdout).toBe('');
  });
});
