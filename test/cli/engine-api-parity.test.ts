/**
 * The command line and the API give the same answers on the same file: `gnbv classify FILE` and
 * `gnbv summarize FILE --group-by …` run as child processes, and the file's bytes are POSTed to
 * `/api/classify` and `/api/summarize` (standards read from the database there, from
 * reference/standards.json here). Output must be identical byte for byte; an unusable input must
 * get the CLI's one-line message as the problem's detail.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { createDemoUsers, DEMO_PASSWORD, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { buildApp } from '../../src/server/app.js';
import { apiClient, type ApiClient } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

let dir = '';
let database: TestDatabase;
let app: FastifyInstance;
let client: ApiClient;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function gnbv(...args: string[]): CliRun {
  const run = spawnSync(process.execPath, ['bin/gnbv', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function fixture(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function post(url: string, file: string) {
  const contentType = file.endsWith('.json') ? 'application/json' : 'application/x-ndjson';
  return client.post(url, readFileSync(file, 'utf8'), { 'content-type': contentType });
}

/** Mulberry32: the same households on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Households with facts, of every kind the rules tell apart, and a few with bad fields. */
function syntheticHouseholds(count: number, year: number, seed: number): Record<string, unknown>[] {
  const next = random(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  const date = (fromYear: number, toYear: number) =>
    `${fromYear + Math.floor(next() * (toYear - fromYear + 1))}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  return Array.from({ length: count }, (_, i) => {
    const members: Record<string, unknown>[] = Array.from({ length: 1 + Math.floor(next() * 6) }, () => ({
      birthDate: date(1940, year - 1),
      sex: pick(['male', 'female']),
      employment: pick(['contract', 'informal_wage', 'self_employed', 'unemployed', 'not_in_labour_force']),
      healthInsurance: chance(0.85),
      attendingSchool: chance(0.4),
      educationLevel: pick(['none', 'primary', 'lower_secondary', 'upper_secondary', 'vocational', 'college_or_higher']),
      ...(chance(0.5) ? { socialAllowance: chance(0.1), stunted: chance(0.1), underweight: chance(0.1) } : {}),
    }));
    const record: Record<string, unknown> = {
      id: `HH-${year}-${String(i + 1).padStart(4, '0')}`,
      year,
      area: pick(['rural', 'rural', 'urban']),
      farmHousehold: chance(0.6),
      incomePerCapita: 200_000 * Math.floor(next() * 16),
      facts: {
        surveyDate: `${year}-10-01`,
        members,
        floorAreaM2: Math.round(next() * 80 * 10) / 10,
        durableWalls: chance(0.7),
        durableFrame: chance(0.7),
        durableRoof: chance(0.7),
        waterSource: pick(['piped', 'borehole', 'protected_well', 'unprotected_well', 'surface', 'rainwater']),
        latrine: pick(['septic', 'pour_flush', 'unimproved_pit', 'none']),
        internetUse: chance(0.7),
        informationDevices: chance(0.8),
        wasteCollected: chance(0.5),
      },
      ...(chance(0.9) ? { unitCode: pick(['23830', '23827', '23575']) } : {}),
      ...(chance(0.9) ? { ethnicMinority: chance(0.6) } : {}),
    };
    if (i % 37 === 5) delete members[0]?.birthDate;
    if (i % 41 === 7) (record.facts as Record<string, unknown>).latrine = 'bucket';
    if (i % 43 === 9) record.incomePerCapita = -1;
    return record;
  });
}

const jsonLines = (records: readonly unknown[]) => records.map((record) => JSON.stringify(record)).join('\n');

/** The hand-written cases: every basis, class and kind of record error. */
const handCases: unknown[] = [
  { id: 'A', year: 2025, area: 'rural', incomePerCapita: 1_500_000, deprivations: ['latrine', 'health_insurance', 'water_source'], unitCode: '23830', ethnicMinority: true },
  { id: 'B', year: 2026, area: 'urban', incomePerCapita: 2_000_001, farmHousehold: true, deprivations: [], unitCode: '23575' },
  { id: 'C', year: 2025, area: 'urban', scoreA: 175, deprivations: ['telecom'], ethnicMinority: false },
  { id: 'D', standard: 'VN-MPS-2022', area: 'rural', scoreA: 140.5, deprivations: ['employment', 'dependants', 'nutrition'] },
  { id: 'Hộ Ê-đê', year: 2024, area: 'rural', incomePerCapita: 2_250_000, farmHousehold: true, deprivations: ['information_access'] },
  { id: 'E1', year: 2021, area: 'rural', incomePerCapita: 1, deprivations: [] },
  { id: 'E2', year: 2025, area: 'rural', incomePerCapita: 1, deprivations: ['waste'] },
  { id: 'E3', year: 2025, area: 'suburban', incomePerCapita: 1, deprivations: [] },
  { id: 'E4', year: 2025, area: 'rural', incomePerCapita: 1, scoreA: 1, deprivations: [] },
  { id: 'E5', year: 2028, standard: 'VN-MPS-2022', area: 'rural', incomePerCapita: 1, deprivations: [] },
  { id: 'E6', year: 2025, area: 'rural', incomePerCapita: 1, facts: { surveyDate: '2025-10-01', members: [] } },
  { year: 2025, area: 'rural', incomePerCapita: 1, deprivations: [] },
  ['not', 'an', 'object'],
];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gnbv-parity-'));
  database = await createTestDatabase();
  await createDemoUsers(database.handle.db);
  app = await buildApp({
    handle: database.handle,
    province: await readProvinceSetting(database.handle.db),
    demoUsers: await listDemoUsernames(database.handle.db),
    version: 'test',
  });
  client = apiClient(app);
  expect((await client.login('commune', DEMO_PASSWORD)).statusCode).toBe(200);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Each case starts the command line a few times; on a busy machine that alone takes seconds.
describe('gnbv classify and POST /api/classify', { timeout: 180_000 }, () => {
  it('agree on a JSON array of every kind of record, errors included (exit 2)', async () => {
    const file = fixture('cases.json', JSON.stringify(handCases, null, 2));
    const cli = gnbv('classify', file);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe('');
    const api = await post('/api/classify', file);
    expect(api.statusCode).toBe(200);
    expect(api.body).toBe(cli.stdout);
    expect(cli.stdout.split('\n')).toHaveLength(handCases.length + 1);
    expect(cli.stdout).toContain('"id":"Hộ Ê-đê","standard":"VN-MPS-2022","status":"average"');
  });

  it('agree on JSON Lines with a byte-order mark, CRLF, blank and broken lines, in English too', async () => {
    const text = `\uFEFF${jsonLines(handCases.slice(0, 6))}\r\n\r\n{"id": "broken"\r\n${jsonLines(handCases.slice(6))}\r\n`;
    const file = fixture('cases.jsonl', text);
    const cli = gnbv('classify', file);
    expect(cli.code).toBe(2);
    expect((await post('/api/classify', file)).body).toBe(cli.stdout);
    expect(cli.stdout).toContain('"id":null,"error":{"code":"invalid_field","field":"","message":"Dòng 8: ');
    const cliEnglish = gnbv('classify', file, '--lang', 'en');
    expect((await post('/api/classify?lang=en', file)).body).toBe(cliEnglish.stdout);
    expect(cliEnglish.stdout).toContain('"message":"Line 8: the line is not valid JSON."');
  });

  it('agree on 400 households derived from facts under both standards (exit 0 when all are valid)', async () => {
    const valid = syntheticHouseholds(400, 2025, 7).filter((_, i) => i % 37 !== 5 && i % 41 !== 7 && i % 43 !== 9);
    const file = fixture('valid-2025.jsonl', jsonLines(valid));
    const cli = gnbv('classify', file);
    expect(cli.code).toBe(0);
    const api = await client.post('/api/classify', readFileSync(file, 'utf8'), { 'content-type': 'application/x-ndjson', accept: 'application/json' });
    expect(api.json().invalid).toBe(0);
    expect(api.json().results.map((result: unknown) => `${JSON.stringify(result)}\n`).join('')).toBe(cli.stdout);
    const statuses = new Set(api.json().results.map((result: { status: string }) => result.status));
    expect([...statuses].sort()).toEqual(['average', 'near_poor', 'not_poor', 'poor']);

    const file2027 = fixture('households-2028.json', JSON.stringify(syntheticHouseholds(300, 2028, 11)));
    const cli2027 = gnbv('classify', file2027);
    expect(cli2027.code).toBe(2);
    expect((await post('/api/classify', file2027)).body).toBe(cli2027.stdout);
    expect(cli2027.stdout).toContain('"standard":"VN-MPS-2027"');
  });

  it('give the same one-line reason for an input that cannot be used (exit 1, 400)', async () => {
    for (const [name, content] of [
      ['broken.json', '[{"id": "A", "year": 2025},'],
      ['prose.jsonl', 'hộ nghèo\nhộ cận nghèo\n'],
      ['empty.json', ' \n'],
    ]) {
      const file = fixture(name ?? '', content ?? '');
      const cli = gnbv('classify', file);
      expect(cli.code, name).toBe(1);
      expect(cli.stdout).toBe('');
      const api = await post('/api/classify', file);
      expect(api.statusCode, name).toBe(400);
      expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(cli.stderr).toBe(`${api.json().detail}\n`);
    }
  });
});

describe('gnbv summarize and POST /api/summarize', { timeout: 180_000 }, () => {
  it('agree on the summary, ungrouped and grouped by unit and by ethnicity, invalid records counted', async () => {
    const file = fixture('summary-2025.jsonl', jsonLines([...syntheticHouseholds(500, 2025, 3), ...handCases.slice(0, 5)]));
    const plain = gnbv('summarize', file);
    expect(plain.code).toBe(0);
    expect((await post('/api/summarize', file)).body).toBe(plain.stdout);
    for (const groupBy of ['unit', 'ethnicity']) {
      const cli = gnbv('summarize', file, '--group-by', groupBy);
      expect(cli.code, groupBy).toBe(0);
      expect((await post(`/api/summarize?groupBy=${groupBy}`, file)).body).toBe(cli.stdout);
    }
    const summary = JSON.parse(plain.stdout) as { households: number; invalid: number };
    expect(summary.invalid).toBeGreaterThan(0);
    expect(summary.households + summary.invalid).toBe(505);
  });

  it('agree on the 2027 standard (a JSON array)', async () => {
    const file = fixture('summary-2028.json', JSON.stringify(syntheticHouseholds(200, 2028, 5)));
    const cli = gnbv('summarize', file, '--group-by', 'unit');
    expect(cli.code).toBe(0);
    expect((await post('/api/summarize?groupBy=unit', file)).body).toBe(cli.stdout);
    expect(JSON.parse(cli.stdout).standard).toBe('VN-MPS-2027');
  });

  it('refuse households of two standards with the same reason (exit 1, 400)', async () => {
    const file = fixture('mixed.jsonl', jsonLines([...syntheticHouseholds(5, 2025, 1), ...syntheticHouseholds(5, 2028, 2)]));
    const cli = gnbv('summarize', file, '--group-by', 'unit');
    expect(cli.code).toBe(1);
    expect(cli.stdout).toBe('');
    const api = await post('/api/summarize?groupBy=unit', file);
    expect(api.statusCode).toBe(400);
    expect(api.json().code).toBe('mixed_standards');
    expect(cli.stderr).toBe(`${api.json().detail}\n`);
    expect(cli.stderr).toContain('VN-MPS-2022, VN-MPS-2027');
  });
});
