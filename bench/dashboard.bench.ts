/**
 * The dashboard's province summary at province scale (SPEC §13): a synthetic province of
 * 400,000 households (`BENCH_DASHBOARD_HOUSEHOLDS`, or `--households N` after the section name)
 * with recognised results at the end of 2021 and of 2022 in every commune, generated in SQL
 * (the dashboard reads results, not members, so no members are written). Figures, on PostgreSQL
 * and on PGlite:
 * - the province dashboard (`getDashboard`, every query it makes, from `result_aggregate`), p50
 *   and p95, beside a plain GROUP BY by commune over the 2022 household results in the same run;
 * - the rebuild of the aggregates (`refreshAggregates`, INSERT … SELECT … GROUP BY), printed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/engine.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadReferenceData } from '../src/db/reference/index.js';
import type { Actor } from '../src/modules/access/actor.js';
import { readProvinceSetting } from '../src/modules/access/scope.repository.js';
import { loadPlanTargets } from '../src/modules/targets/plan-targets.js';
import { refreshAggregates } from '../src/modules/targets/refresh-aggregates.js';
import { getDashboard } from '../src/modules/targets/targets.service.js';
import type { RecordFigure } from './harness.js';

function householdsWanted(): number {
  const flag = process.argv.indexOf('--households');
  const value = flag >= 0 ? process.argv[flag + 1] : process.env.BENCH_DASHBOARD_HOUSEHOLDS;
  const n = Number(value ?? 400_000);
  if (!Number.isInteger(n) || n < 1000) throw new Error(`--households must be a whole number ≥ 1000, not ${value}`);
  return n;
}

const ITERATIONS = Number(process.env.BENCH_DASHBOARD_ITERATIONS ?? 200);

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function timed(iterations: number, once: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < Math.min(20, iterations); i++) await once();
  const latencies: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await once();
    latencies.push(performance.now() - start);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

/**
 * Households spread over the old province's communes of 2022 (about 45 % ethnic minority),
 * and one recognised result per household and year: 2021 about 12 % poor and 10 % near-poor,
 * 2022 about 10 % and 10 % — statuses and deprivations drawn from a hash of the code.
 */
export async function seedBenchProvince(handle: DatabaseHandle, households: number): Promise<void> {
  const { db } = handle;
  await migrateToLatest(db);
  await loadReferenceData(db);
  await loadPlanTargets(db);
  const province = await readProvinceSetting(db);
  await sql`
    create temporary table bench_commune as
    select row_number() over (order by code)::integer as n, code from admin_unit
     where level = 'commune' and province_code = '64' and valid_from <= '2022-12-31' and (valid_to is null or valid_to >= '2022-12-31')`.execute(db);
  await sql`
    insert into household (province_code, code, commune_code, village, address, head_name, area, head_ethnic_code, is_synthetic)
    select ${province.code}, 'B' || lpad(i::text, 7, '0'), c.code, 'Thôn ' || (1 + i % 9), 'Thôn ' || (1 + i % 9), 'Chủ hộ ' || i,
           'rural', case when abs(hashint4(i)::bigint) % 100 < 45 then '05' else '01' end, true
      from generate_series(1, ${households}) as i
      join bench_commune c on c.n = 1 + i % (select count(*) from bench_commune)`.execute(db);
  for (const year of [2021, 2022]) {
    await sql`
      insert into review_round (province_code, kind, commune_code, period, starts_on, ends_on, status)
      select ${province.code}, 'periodic', code, ${String(year)}, make_date(${year}, 9, 1), make_date(${year}, 12, 14), 'closed' from bench_commune`.execute(db);
    const poorBelow = year === 2021 ? 12 : 10;
    await sql`
      with drawn as (
        select h.code, h.commune_code, h.village, h.head_name, h.head_ethnic_code, r.id as round_id,
               abs(hashtext(h.code || ':' || ${String(year)})::bigint) % 100 as draw, abs(hashtext(h.code)::bigint) % 8 as offset
          from household h
          join review_round r on r.province_code = h.province_code and r.commune_code = h.commune_code and r.period = ${String(year)}
         where h.province_code = ${province.code}
      ),
      classed as (
        select d.*, case when d.draw < ${poorBelow} then 'poor' when d.draw < ${poorBelow + 10} then 'near_poor' else 'not_poor' end as status
          from drawn d
      ),
      deprived as (
        select c.*, (array['employment','dependants','nutrition','health_insurance','adult_education','school_attendance',
                           'housing_quality','housing_area','water_source','latrine','telecom','information_access'])
                    [1 + c.offset : c.offset + case c.status when 'poor' then 4 when 'near_poor' then 2 else c.draw % 2 end] as deprivations
          from classed c
      )
      insert into review_result (province_code, household_code, round_id, commune_code, village, head_name, head_ethnic_code, area,
                                 decided_on, decision_number, review_year, standard_id, status, deprivations, deprivation_count, persons, facts)
      select ${province.code}, code, round_id, commune_code, village, head_name, head_ethnic_code, 'rural', make_date(${year}, 11, 20),
             '01/QĐ-UBND', ${year + 1}, 'VN-MPS-2022', status, deprivations, cardinality(deprivations), 1 + abs(hashtext(code)::bigint) % 6, '{}'::jsonb
        from deprived`.execute(db);
  }
  await sql`drop table bench_commune`.execute(db);
}

async function measure(record: RecordFigure, handle: DatabaseHandle, engine: string, households: number): Promise<void> {
  const started = performance.now();
  await seedBenchProvince(handle, households);
  console.log(`  ${engine}: ${households.toLocaleString('en-US')} households and their 2021 and 2022 results seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const { db } = handle;
  const province = await readProvinceSetting(db);
  const refreshStart = performance.now();
  const rows = await refreshAggregates(db, province.code);
  console.log(`  ${engine}: refreshAggregates wrote ${rows} aggregate rows in ${((performance.now() - refreshStart) / 1000).toFixed(1)} s`);
  await sql`analyze`.execute(db);

  const actor: Actor = { userId: 0, username: 'bench', displayName: 'bench', role: 'province_admin', unitCode: province.code, agencyCode: null, isDemo: false, scope: { kind: 'province', provinceCode: province.code } };
  const dashboard = await getDashboard(db, actor, { province }, { unit: '64', year: 2022 });
  const groupBy = () =>
    sql<{ commune_code: string; households: number; poor: number; near_poor: number; persons: number }>`select commune_code, count(*) as households, count(*) filter (where status = 'poor') as poor,
               count(*) filter (where status = 'near_poor') as near_poor, sum(persons) as persons
          from review_result
         where province_code = ${province.code} and decided_on between '2022-01-01' and '2022-12-31'
         group by commune_code`.execute(db);
  const plain = await groupBy();
  const plainHouseholds = plain.rows.reduce((sum, row) => sum + Number(row.households), 0);
  console.log(`  ${engine}: dashboard households ${dashboard.summary.households.toLocaleString('en-US')}, poor ${dashboard.summary.poorRate?.toFixed(2)} %; GROUP BY households ${plainHouseholds.toLocaleString('en-US')}`);

  const fromAggregates = await timed(ITERATIONS, () => getDashboard(db, actor, { province }, { unit: '64', year: 2022 }));
  const baseline = await timed(Math.max(20, Math.round(ITERATIONS / 4)), groupBy);
  for (const p of ['p50', 'p95'] as const) {
    record({
      name: `dashboard ${engine}: province summary from aggregates, ${p}`,
      value: fromAggregates[p],
      unit: 'ms',
      baseline: { name: `plain GROUP BY over results, ${p}`, value: baseline[p] },
    });
  }
}

export async function benchDashboard(record: RecordFigure, postgresUrl: string | undefined): Promise<void> {
  const households = householdsWanted();
  if (postgresUrl) {
    const name = `gnbv_bench_dash_${Date.now()}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    try {
      const handle = await openDatabase({ databaseUrl: url.toString() });
      try {
        await measure(record, handle, 'PostgreSQL', households);
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
  if (process.env.BENCH_DASHBOARD_PGLITE === '0') return;
  const dir = await mkdtemp(path.join(tmpdir(), 'gnbv-bench-dashboard-'));
  try {
    const handle = await openDatabase({ dataDir: path.join(dir, 'data') });
    try {
      await measure(record, handle, 'PGlite', households);
    } finally {
      await handle.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
