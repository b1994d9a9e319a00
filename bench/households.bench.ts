/**
 * The household list and search API at province scale: a synthetic province of 400,000
 * households (the demo seeder), the real server (`gnbv serve`) in its own process on 127.0.0.1,
 * 20 concurrent clients for 30 s each, on PostgreSQL and on PGlite (file-backed). Figures: p50
 * and p95 latency of
 * - list pages as the province admin (first pages with and without filters, a district, a
 *   commune, a deep keyset page),
 * - name searches as the province admin (full names typed without diacritics),
 * - name searches as the district officer (the narrow plan: the district's households first),
 * each beside the same use case called in-process with the same concurrency (service and
 * queries, no HTTP, no session, no JSON), so the figure shows what HTTP adds.
 * Every answer must be 200; the error count is printed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/engine.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadReferenceData } from '../src/db/reference/index.js';
import { foldForSearch } from '../src/domain/text.js';
import type { Actor } from '../src/modules/access/actor.js';
import { readProvinceSetting, resolveScope } from '../src/modules/access/scope.repository.js';
import { seedDemoProvince } from '../src/modules/demo/demo-seed.js';
import { householdListQuery } from '../src/modules/households/households.schemas.js';
import { listHouseholds } from '../src/modules/households/households.service.js';
import { createDemoUsers, DEMO_PASSWORD } from '../src/modules/users/demo-users.js';
import { type RecordFigure, startServer } from './harness.js';

const HOUSEHOLDS = Number(process.env.BENCH_LIST_HOUSEHOLDS ?? 400_000);
const SECONDS = Number(process.env.BENCH_LIST_SECONDS ?? 30);
const BASELINE_SECONDS = Math.max(5, Math.round(SECONDS / 3));
const CLIENTS = 20;

type Query = Record<string, string>;

interface Scenario {
  name: string;
  username: 'admin' | 'district';
  queries: Query[];
}

interface Run {
  p50: number;
  p95: number;
  requests: number;
  errors: number;
  perSecond: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN);

/** `clients` loops calling `once` with queries in turn until `seconds` have passed. */
async function load(seconds: number, clients: number, queries: readonly Query[], once: (query: Query) => Promise<boolean>): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const query = queries[next++ % queries.length] ?? {};
        const begin = performance.now();
        const ok = await once(query).catch(() => false);
        latencies.push(performance.now() - begin);
        if (!ok) errors += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), requests: latencies.length, errors, perSecond: latencies.length / elapsed };
}

/** What the bench asks for: filters, pages and names taken from the seeded province. */
async function buildScenarios(handle: DatabaseHandle): Promise<Scenario[]> {
  const { db } = handle;
  const districts = await sql<{ code: string }>`
    select distinct parent_code as code from admin_unit where level = 'commune' and parent_code like '6%' order by 1`.execute(db);
  const communes = await sql<{ code: string }>`select distinct commune_code as code from household order by 1`.execute(db);
  const sample = await sql<{ code: string; head_name: string; commune_code: string }>`
    select code, head_name, commune_code from household order by md5(code) limit 400`.execute(db);
  const codes = sample.rows.map((row) => row.code);
  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
  const cursor = (code: string) => Buffer.from(JSON.stringify(code)).toString('base64url');

  const list: Query[] = [];
  for (let i = 0; i < 60; i += 1) {
    list.push(
      {},
      { status: 'poor' },
      { unit: pick(districts.rows, i).code },
      { unit: pick(communes.rows, i * 7).code },
      { ethnicMinority: 'true', deprivation: pick(['latrine', 'water_source', 'nutrition', 'housing_quality'], i) },
      { cursor: cursor(pick(codes, i)) },
    );
  }
  const names = sample.rows.map((row) => ({ q: foldForSearch(row.head_name) }));
  const district = await db.selectFrom('app_user').select(['id', 'role', 'unit_code']).where('username', '=', 'district').executeTakeFirstOrThrow();
  const scope = await resolveScope(db, district, await readProvinceSetting(db));
  const inDistrict = scope.kind === 'communes' ? new Set(scope.communeCodes) : null;
  const districtNames = await sql<{ head_name: string }>`
    select head_name from household
     where commune_code = any(${[...(inDistrict ?? [])]}::text[]) order by md5(code) limit 200`.execute(db);
  return [
    { name: 'list pages, province admin', username: 'admin', queries: list },
    { name: 'name search, province admin', username: 'admin', queries: names },
    {
      name: 'name search, district officer',
      username: 'district',
      queries: districtNames.rows.map((row) => ({ q: foldForSearch(row.head_name) })),
    },
  ];
}

async function actorOf(handle: DatabaseHandle, username: string): Promise<Actor> {
  const { db } = handle;
  const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    unitCode: user.unit_code,
    agencyCode: user.agency_code,
    isDemo: user.is_demo,
    scope: await resolveScope(db, user, await readProvinceSetting(db)),
  };
}

/** The same use case in-process: the service over the same database, no HTTP. */
async function baseline(handle: DatabaseHandle, scenario: Scenario): Promise<Run> {
  const actor = await actorOf(handle, scenario.username);
  return load(BASELINE_SECONDS, CLIENTS, scenario.queries, async (query) => {
    await listHouseholds(handle.db, actor, householdListQuery.parse(query), 'vi');
    return true;
  });
}

async function signIn(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`cannot sign in as ${username}: ${response.status}`);
  return cookie;
}

async function overHttp(url: string, scenario: Scenario): Promise<Run> {
  const cookie = await signIn(url, scenario.username);
  const request = async (query: Query) => {
    const response = await fetch(`${url}/api/households?${new URLSearchParams(query)}`, { headers: { cookie } });
    await response.arrayBuffer();
    return response.status === 200;
  };
  // A short warm-up, so the figures are of a running server.
  await load(2, CLIENTS, scenario.queries, request);
  return load(SECONDS, CLIENTS, scenario.queries, request);
}

function report(record: RecordFigure, engine: string, scenario: Scenario, http: Run, direct: Run): void {
  console.log(
    `  ${engine}, ${scenario.name}: ${http.requests} requests (${http.perSecond.toFixed(0)}/s), ${http.errors} errors; ` +
      `in-process ${direct.requests} calls (${direct.perSecond.toFixed(0)}/s)`,
  );
  for (const p of ['p50', 'p95'] as const) {
    record({
      name: `households API ${engine}: ${scenario.name}, ${p}`,
      value: http[p],
      unit: 'ms',
      baseline: { name: `same use case in-process, ${p}`, value: direct[p] },
    });
  }
  if (http.errors > 0) console.log(`  !! ${http.errors} requests did not answer 200`);
}

/** Seeds the province, closes the engine; `measure` then runs with the scenarios. */
async function seeded(handle: DatabaseHandle, label: string): Promise<Scenario[]> {
  const started = performance.now();
  await migrateToLatest(handle.db);
  await loadReferenceData(handle.db);
  await seedDemoProvince(handle.db, { households: HOUSEHOLDS });
  await createDemoUsers(handle.db);
  await sql`analyze`.execute(handle.db);
  console.log(`  ${label}: ${HOUSEHOLDS.toLocaleString('en-US')} households seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return buildScenarios(handle);
}

export async function benchHouseholdList(record: RecordFigure, postgresUrl: string | undefined): Promise<void> {
  if (postgresUrl) {
    const name = `gnbv_bench_hh_${Date.now()}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    try {
      const handle = await openDatabase({ databaseUrl: url.toString() });
      try {
        const scenarios = await seeded(handle, 'PostgreSQL');
        const server = await startServer(4100, { DATABASE_URL: url.toString(), GNBV_DEMO: '0' });
        try {
          for (const scenario of scenarios) {
            const http = await overHttp(server.url, scenario);
            report(record, 'PostgreSQL', scenario, http, await baseline(handle, scenario));
          }
        } finally {
          await server.stop();
        }
      } finally {
        await handle.close();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  } else {
    console.log('(PostgreSQL figures skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
  }

  // PGlite: one process owns the data directory at a time, so the in-process baseline runs after
  // the server has stopped.
  const dir = await mkdtemp(path.join(tmpdir(), 'gnbv-bench-households-'));
  const dataDir = path.join(dir, 'data');
  try {
    let handle = await openDatabase({ dataDir });
    const scenarios = await seeded(handle, 'PGlite');
    await handle.close();
    const runs: Run[] = [];
    const server = await startServer(4100, { GNBV_DATA_DIR: dataDir, GNBV_DEMO: '0' });
    try {
      for (const scenario of scenarios) runs.push(await overHttp(server.url, scenario));
    } finally {
      await server.stop();
    }
    handle = await openDatabase({ dataDir });
    try {
      for (const [index, scenario] of scenarios.entries()) {
        const http = runs[index];
        if (http) report(record, 'PGlite', scenario, http, await baseline(handle, scenario));
      }
    } finally {
      await handle.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
