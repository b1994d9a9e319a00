/**
 * Load: a synthetic province (400,000 households by default, with its recognised 2021 and 2022
 * reviews and the dashboard's aggregates), the real server (`gnbv serve`) in its own process on
 * 127.0.0.1, and 50 concurrent clients for 60 s sending a mix of
 * - household list pages (filters, a district, a commune, a deep keyset page),
 * - household details,
 * - the dashboard (province, a district, a commune; 2021 and 2022),
 * - classification of a batch of 20 records,
 * as the province admin. Figures per endpoint: p50, p95, p99 and throughput, each beside the
 * same 50 clients asking `GET /api/health` (no database work) against the same server in the
 * same run. Every answer must be 200; errors are counted and printed per endpoint.
 *
 * PostgreSQL when a URL is given (a scratch database, dropped afterwards), else (or with
 * `BENCH_LOAD_ENGINE=pglite`) PGlite. `BENCH_LOAD_HOUSEHOLDS`, `BENCH_LOAD_SECONDS` and
 * `BENCH_LOAD_CLIENTS` shrink it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/engine.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadReferenceData } from '../src/db/reference/index.js';
import { readProvinceSetting } from '../src/modules/access/scope.repository.js';
import { seedDemoProvince } from '../src/modules/demo/demo-seed.js';
import { loadProgramData } from '../src/modules/program/program-data.loader.js';
import { seedDemoReviewResults } from '../src/modules/review/demo-review.js';
import { loadPlanTargets } from '../src/modules/targets/plan-targets.js';
import { refreshAggregates } from '../src/modules/targets/refresh-aggregates.js';
import { createDemoUsers, DEMO_PASSWORD } from '../src/modules/users/demo-users.js';
import { type RecordFigure, type Server, startServer } from './harness.js';

const HOUSEHOLDS = Number(process.env.BENCH_LOAD_HOUSEHOLDS ?? 400_000);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 50);
const BASELINE_SECONDS = Math.max(5, Math.round(SECONDS / 3));
const CLASSIFY_BATCH = 20;

interface Request {
  endpoint: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

interface EndpointRun {
  endpoint: string;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN);

/**
 * `clients` loops sending the requests in turn until `seconds` have passed; latencies and errors
 * per endpoint. A request that is not answered 200 counts as an error (and the first few are printed).
 */
async function load(url: string, session: Session, seconds: number, clients: number, requests: readonly Request[]): Promise<EndpointRun[]> {
  const latencies = new Map<string, number[]>();
  const errors = new Map<string, number>();
  let shown = 0;
  let next = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const request = requests[next++ % requests.length];
        if (!request) break;
        const begin = performance.now();
        let status = 0;
        try {
          const response = await fetch(`${url}${request.path}`, {
            method: request.method,
            headers: {
              cookie: session.cookie,
              ...(request.body ? { 'content-type': 'application/x-ndjson', 'x-csrf-token': session.csrf } : {}),
            },
            ...(request.body ? { body: request.body } : {}),
          });
          await response.arrayBuffer();
          status = response.status;
        } catch {
          status = -1;
        }
        const list = latencies.get(request.endpoint) ?? [];
        list.push(performance.now() - begin);
        latencies.set(request.endpoint, list);
        if (status !== 200) {
          errors.set(request.endpoint, (errors.get(request.endpoint) ?? 0) + 1);
          if (shown++ < 5) console.log(`  !! ${request.method} ${request.path} → ${status}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return [...latencies.entries()].map(([endpoint, list]) => {
    list.sort((a, b) => a - b);
    return {
      endpoint,
      requests: list.length,
      errors: errors.get(endpoint) ?? 0,
      perSecond: list.length / elapsed,
      p50: percentile(list, 50),
      p95: percentile(list, 95),
      p99: percentile(list, 99),
    };
  });
}

/** A household record for the engine, varied by `i` so the batch has every class. */
function assessmentRecord(i: number) {
  const poor = i % 3 === 0;
  return {
    id: `LOAD-${i}`,
    year: 2025,
    area: i % 5 === 0 ? 'urban' : 'rural',
    incomePerCapita: 900_000 + (i % 10) * 150_000,
    facts: {
      surveyDate: '2025-10-01',
      members: [
        { birthDate: '1985-03-02', sex: 'male', employment: 'contract', healthInsurance: true, attendingSchool: false, educationLevel: 'upper_secondary' },
        { birthDate: '1988-07-15', sex: 'female', employment: 'self_employed', healthInsurance: i % 4 !== 0, attendingSchool: false, educationLevel: 'vocational' },
        { birthDate: '2014-01-20', sex: 'female', employment: 'not_in_labour_force', healthInsurance: true, attendingSchool: i % 7 !== 0, educationLevel: 'primary' },
      ],
      floorAreaM2: 20 + (i % 6) * 8,
      durableWalls: !poor,
      durableFrame: true,
      durableRoof: !poor,
      waterSource: poor ? 'surface' : 'borehole',
      latrine: poor ? 'none' : 'pour_flush',
      internetUse: i % 2 === 0,
      informationDevices: true,
      wasteCollected: true,
    },
    unitCode: '23830',
    ethnicMinority: i % 2 === 1,
  };
}

/** The request mix, with codes, units and pages taken from the seeded province. */
async function buildRequests(handle: DatabaseHandle): Promise<Request[]> {
  const { db } = handle;
  const districts = await sql<{ code: string }>`
    select distinct parent_code as code from admin_unit where level = 'commune' and parent_code like '6%' order by 1`.execute(db);
  const communes = await sql<{ code: string }>`select distinct commune_code as code from household order by 1`.execute(db);
  const sample = await sql<{ code: string }>`select code from household order by md5(code) limit 400`.execute(db);
  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
  const cursor = (code: string) => Buffer.from(JSON.stringify(code)).toString('base64url');
  const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const batch = Array.from({ length: CLASSIFY_BATCH }, (_, i) => JSON.stringify(assessmentRecord(i))).join('\n');

  const requests: Request[] = [];
  for (let i = 0; i < 120; i += 1) {
    const listParams: Record<string, string>[] = [
      {},
      { status: 'poor' },
      { unit: pick(districts.rows, i).code },
      { unit: pick(communes.rows, i * 7).code },
      { ethnicMinority: 'true', deprivation: pick(['latrine', 'water_source', 'nutrition', 'housing_quality'], i) },
      { cursor: cursor(pick(sample.rows, i).code) },
    ];
    const dashboardParams: Record<string, string>[] = [
      { year: '2022' },
      { year: '2021' },
      { year: '2022', unit: pick(districts.rows, i).code },
      { year: '2022', unit: pick(communes.rows, i * 3).code },
    ];
    requests.push(
      { endpoint: 'household list', method: 'GET', path: `/api/households?${query(pick(listParams, i))}` },
      { endpoint: 'household detail', method: 'GET', path: `/api/households/${encodeURIComponent(pick(sample.rows, i * 3).code)}` },
      { endpoint: 'dashboard', method: 'GET', path: `/api/dashboard?${query(pick(dashboardParams, i))}` },
      { endpoint: `classify (${CLASSIFY_BATCH} records)`, method: 'POST', path: '/api/classify', body: batch },
    );
  }
  return requests;
}

interface Session {
  cookie: string;
  /** The anti-forgery token unsafe requests carry as X-CSRF-Token. */
  csrf: string;
}

async function signIn(url: string, username: string): Promise<Session> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0] ?? '');
  const csrf = cookies.find((pair) => pair.startsWith('gnbv_csrf='))?.slice('gnbv_csrf='.length) ?? '';
  if (!response.ok || !cookies.some((pair) => pair.startsWith('gnbv_session='))) throw new Error(`cannot sign in as ${username}: ${response.status}`);
  return { cookie: cookies.join('; '), csrf };
}

/** Seeds the province as a served demo database has it; returns the request mix. */
async function seed(handle: DatabaseHandle, label: string): Promise<Request[]> {
  const started = performance.now();
  const { db } = handle;
  await migrateToLatest(db);
  await loadReferenceData(db);
  await loadProgramData(db);
  await loadPlanTargets(db);
  await seedDemoProvince(db, { households: HOUSEHOLDS });
  await createDemoUsers(db);
  await seedDemoReviewResults(db);
  await refreshAggregates(db, (await readProvinceSetting(db)).code);
  await sql`analyze`.execute(db);
  console.log(`  ${label}: ${HOUSEHOLDS.toLocaleString('en-US')} households and their 2021/2022 reviews seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return buildRequests(handle);
}

async function measure(record: RecordFigure, engine: string, server: Server, requests: Request[]): Promise<void> {
  const session = await signIn(server.url, 'admin');
  await load(server.url, session, 3, CLIENTS, requests); // warm-up: the figures are of a running server
  const runs = await load(server.url, session, SECONDS, CLIENTS, requests);
  const [health] = await load(server.url, session, BASELINE_SECONDS, CLIENTS, [{ endpoint: 'health', method: 'GET', path: '/api/health' }]);
  if (!health) throw new Error('the baseline made no request');
  const total = runs.reduce((sum, run) => sum + run.perSecond, 0);
  console.log(
    `  ${engine}, ${CLIENTS} clients for ${SECONDS} s: ${total.toFixed(0)} requests/s in all, ` +
      `${runs.reduce((sum, run) => sum + run.errors, 0)} errors; /api/health alone: ${health.perSecond.toFixed(0)}/s, ${health.errors} errors`,
  );
  for (const run of runs) {
    console.log(`  ${run.endpoint}: ${run.requests} requests (${run.perSecond.toFixed(1)}/s), ${run.errors} errors`);
    for (const p of ['p50', 'p95', 'p99'] as const) {
      record({
        name: `load ${engine}: ${run.endpoint}, ${p}`,
        value: run[p],
        unit: 'ms',
        baseline: { name: `/api/health under the same load, ${p}`, value: health[p] },
      });
    }
    record({
      name: `load ${engine}: ${run.endpoint}, throughput`,
      value: run.perSecond,
      unit: 'req/s',
      baseline: { name: '/api/health alone', value: health.perSecond },
    });
    record({ name: `load ${engine}: ${run.endpoint}, errors`, value: run.errors, unit: 'count', baseline: { name: '/api/health', value: health.errors } });
  }
}

export async function benchLoad(record: RecordFigure, postgresUrl: string | undefined): Promise<void> {
  if (postgresUrl && process.env.BENCH_LOAD_ENGINE !== 'pglite') {
    const name = `gnbv_bench_load_${Date.now()}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    try {
      const handle = await openDatabase({ databaseUrl: url.toString() });
      let requests: Request[];
      try {
        requests = await seed(handle, 'PostgreSQL');
      } finally {
        await handle.close();
      }
      const server = await startServer(5000, { DATABASE_URL: url.toString(), GNBV_DEMO: '0' });
      try {
        await measure(record, 'PostgreSQL', server, requests);
      } finally {
        await server.stop();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
    return;
  }
  // PGlite: one process owns the data directory, so the seeding engine closes before the server starts.
  const dir = await mkdtemp(path.join(tmpdir(), 'gnbv-bench-load-'));
  const dataDir = path.join(dir, 'data');
  try {
    const handle = await openDatabase({ dataDir });
    let requests: Request[];
    try {
      requests = await seed(handle, 'PGlite');
    } finally {
      await handle.close();
    }
    const server = await startServer(5000, { GNBV_DATA_DIR: dataDir, GNBV_DEMO: '0' });
    try {
      await measure(record, 'PGlite', server, requests);
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
