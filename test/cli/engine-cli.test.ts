/**
 * `gnbv classify` and `gnbv summarize` run as real processes on fixture files (SPEC §5.5–5.7).
 * They go through `bin/gnbv` when its program has the engine commands; until then, through a
 * one-line program that registers them the same way (`registerEngineCommands`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const commandsModule = new URL('../../src/cli/commands/engine.commands.ts', import.meta.url).href;
const fallbackProgram = `import { Command } from 'commander';
const { registerEngineCommands } = await import(${JSON.stringify(commandsModule)});
const program = new Command('gnbv');
registerEngineCommands(program);
await program.parseAsync(process.argv.slice(1), { from: 'user' });`;

let dir = '';
let runner: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function gnbv(args: readonly string[], input?: string): Run {
  const r = spawnSync(process.execPath, [...runner, ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Exactly one line on stderr and no stack trace. */
function expectOneLine(stderr: string): void {
  const lines = stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

const hh = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, year: 2025, area: 'rural', incomePerCapita: 1_200_000, deprivations: [], ...extra });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gnbv-engine-cli-'));
  const bin = ['bin/gnbv'];
  // An empty array classifies to nothing with exit 0; an unknown command exits 1.
  const probe = spawnSync(process.execPath, [...bin, 'classify', '-'], { cwd: root, input: '[]', encoding: 'utf8', timeout: 60_000 });
  runner = probe.status === 0 ? bin : ['--import', 'tsx', '--input-type=module', '-e', fallbackProgram];
  if (runner !== bin) console.info('engine CLI tests: bin/gnbv has no classify command yet; using registerEngineCommands directly');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('gnbv classify', () => {
  it('prints one JSON line per record and exits 0 when all are classified', () => {
    const input = file('ok.jsonl', [
      hh('A', { deprivations: ['latrine', 'health_insurance', 'water_source'] }),
      hh('B', { year: 2027, incomePerCapita: 2_300_000 }),
      '',
      hh('C', { incomePerCapita: undefined, scoreA: 175, area: 'urban' }),
    ].join('\n'));
    const r = gnbv(['classify', input]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(jsonLines(r.stdout)).toEqual([
      { id: 'A', standard: 'VN-MPS-2022', status: 'poor', deprivations: ['health_insurance', 'water_source', 'latrine'], deprivationCount: 3, scoreB: 30, incomeBasis: 'income' },
      { id: 'B', standard: 'VN-MPS-2027', status: 'not_poor', deprivations: [], deprivationCount: 0, scoreB: 0, incomeBasis: 'income' },
      { id: 'C', standard: 'VN-MPS-2022', status: 'near_poor', deprivations: [], deprivationCount: 0, scoreB: 0, incomeBasis: 'scoreA' },
    ]);
  });

  it('exits 2 when some records are invalid and goes on with the others (JSON array)', () => {
    const input = file('some-bad.json', `[${hh('A')}, ${hh('B', { year: 2031 })}, ${hh('C')}]`);
    const r = gnbv(['classify', input]);
    expect(r.code).toBe(2);
    const out = jsonLines(r.stdout);
    expect(out.map((o) => o.id)).toEqual(['A', 'B', 'C']);
    expect(out[1]).toEqual({
      id: 'B',
      error: { code: 'no_standard_for_year', field: 'year', message: expect.stringMatching(/^Hộ B \(bản ghi thứ 2\): không có chuẩn nghèo cho năm 2031/) },
    });
  });

  it('answers in English with --lang en', () => {
    const input = file('en.jsonl', hh('A', { facts: { surveyDate: '2025-10-01', members: [] }, deprivations: undefined }));
    const r = gnbv(['classify', input, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(jsonLines(r.stdout)).toEqual([
      { id: 'A', error: { code: 'invalid_field', field: 'facts.members', message: 'Household A (line 1): the household must have at least one member (facts.members).' } },
    ]);
  });

  it('turns a broken JSON Lines line into an error record naming the line', () => {
    const input = file('broken.jsonl', `${hh('A')}\n{"id": "B", "year":\n${hh('C')}\n`);
    const r = gnbv(['classify', input]);
    expect(r.code).toBe(2);
    const out = jsonLines(r.stdout);
    expect(out).toHaveLength(3);
    expect(out[1]).toEqual({ id: null, error: { code: 'invalid_field', field: '', message: 'Dòng 2: dòng này không phải là JSON hợp lệ.' } });
    expect(out[2]).toMatchObject({ id: 'C', status: 'near_poor' });
  });

  it('reads stdin with "-"', () => {
    const r = gnbv(['classify', '-'], `${hh('S1')}\n${hh('S2')}\n`);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((o) => o.id)).toEqual(['S1', 'S2']);
  });

  it('an empty JSON array is zero records, all classified', () => {
    const r = gnbv(['classify', file('empty-array.json', '[]')]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it.each([
    ['an empty file', 'empty.jsonl', '', 'Đầu vào trống: không có bản ghi nào để xử lý.'],
    ['a file of white space', 'blank.jsonl', '\n  \n', 'Đầu vào trống: không có bản ghi nào để xử lý.'],
    ['a file that is not JSON', 'text.txt', 'household,year\nA,2025\n', 'Đầu vào không phải JSON: cần một mảng JSON hoặc JSON Lines (mỗi dòng một đối tượng).'],
    ['a JSON array that does not parse', 'bad.json', `[${hh('A')},`, 'Đầu vào bắt đầu bằng “[” nhưng không phải là mảng JSON hợp lệ.'],
  ])('exits 1 on %s, with one line on stderr', (_label, name, content, message) => {
    const r = gnbv(['classify', file(name, content)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectOneLine(r.stderr);
    expect(r.stderr.trim()).toBe(message);
  });

  it('exits 1 on a file that cannot be read', () => {
    const missing = path.join(dir, 'missing.jsonl');
    const r = gnbv(['classify', missing, '--lang', 'en']);
    expect(r.code).toBe(1);
    expectOneLine(r.stderr);
    expect(r.stderr.trim()).toBe(`Cannot read ${missing}: no such file.`);
    const folder = gnbv(['classify', dir]);
    expect(folder.code).toBe(1);
    expectOneLine(folder.stderr);
    expect(folder.stderr).toContain('đây là một thư mục');
  });
});

describe('gnbv summarize', () => {
  const records = [
    hh('A', { deprivations: ['employment', 'dependants', 'nutrition', 'latrine'], unitCode: '23575', ethnicMinority: true }),
    hh('B', { deprivations: ['latrine'], unitCode: '23575', ethnicMinority: false }),
    hh('C', { incomePerCapita: 1_600_000, farmHousehold: true, unitCode: '23578' }),
    'not json at all',
    hh('D', { area: 'mountain' }),
  ];

  it('prints one JSON object and exits 0 even with invalid records', () => {
    const r = gnbv(['summarize', file('sum.jsonl', records.join('\n'))]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const s = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(s).toMatchObject({
      standard: 'VN-MPS-2022',
      households: 3,
      invalid: 2,
      counts: { poor: 1, near_poor: 1, average: 1, not_poor: 0 },
      af: { k: 3, H: 1 / 3, A: 4 / 12, M0: (1 / 3) * (4 / 12) },
    });
    expect(s).not.toHaveProperty('groups');
  });

  it.each([
    ['unit', ['23575', '23578']],
    ['ethnicity', ['ethnic_minority', 'other', 'unknown']],
  ])('groups with --group-by %s', (groupBy, keys) => {
    const r = gnbv(['summarize', file(`group-${groupBy}.jsonl`, records.join('\n')), '--group-by', groupBy]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { groups: { key: string; invalid: number }[]; invalid: number };
    expect(s.groups.map((g) => g.key)).toEqual(keys);
    expect(s.groups.every((g) => g.invalid === 0)).toBe(true);
    expect(s.invalid).toBe(2);
  });

  it('refuses mixed standards with exit 1 and one line', () => {
    const r = gnbv(['summarize', file('mixed.json', `[${hh('A')}, ${hh('B', { year: 2027 })}]`), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectOneLine(r.stderr);
    expect(r.stderr.trim()).toBe('The records belong to different poverty standards (VN-MPS-2022, VN-MPS-2027); a summary covers one standard only.');
  });

  it('exits 1 on unusable input', () => {
    const r = gnbv(['summarize', '-'], '');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectOneLine(r.stderr);
  });
});
