/**
 * The SQL rebuild of `result_aggregate` (INSERT … SELECT … GROUP BY) against a plain
 * recomputation in TypeScript, household by household, on the demo province with its 2021 and
 * 2022 recognised results, a dissolved household and support plans; and the support-plan
 * trigger that keeps `poor_with_plan` current between rebuilds.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToTally, emptyTally, type PovertyStandard } from '../../src/domain/poverty/index.js';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { seedDemoProvince } from '../../src/modules/demo/demo-seed.js';
import { listPovertyStandards } from '../../src/modules/households/households.repository.js';
import { seedDemoReviewResults } from '../../src/modules/review/demo-review.js';
import { refreshAggregates } from '../../src/modules/targets/refresh-aggregates.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let provinceCode: string;

interface ResultRow {
  household_code: string;
  decided_on: string;
  commune_code: string;
  standard_id: string;
  status: 'poor' | 'near_poor' | 'average' | 'not_poor';
  deprivations: string[];
  deprivation_count: number;
  persons: number;
  is_minority: boolean | null;
  dissolved_at: string | null;
  has_plan: boolean;
}

/** The plain recomputation: every household's timeline walked year by year in memory. */
async function recompute(): Promise<Record<string, unknown>[]> {
  const { db } = database.handle;
  const results = (
    await sql<ResultRow>`
      select r.household_code, r.decided_on, r.commune_code, r.standard_id, r.status, r.deprivations, r.deprivation_count, r.persons,
             e.is_minority, h.dissolved_at, exists (select 1 from support_plan p where p.province_code = h.province_code and p.household_code = h.code) as has_plan
        from review_result r
        join household h on h.province_code = r.province_code and h.code = r.household_code
        left join ethnic_group e on e.code = r.head_ethnic_code
       where r.province_code = ${provinceCode}
       order by r.household_code, r.decided_on, r.round_id`.execute(db)
  ).rows;
  const communes = (await sql<{ code: string; parent_code: string | null; province_code: string; valid_to: string | null }>`
      select code, parent_code, province_code, valid_to from admin_unit where level = 'commune' order by valid_from`.execute(db)).rows;
  const successions = (await sql<{ old_code: string; new_code: string }>`select old_code, new_code from unit_succession order by old_code, new_code`.execute(db)).rows;
  const standards = new Map<string, PovertyStandard>((await listPovertyStandards(db)).map((s) => [s.id, s]));

  const districtOf = new Map<string, string>();
  const versionsOf = new Map<string, { validTo: string | null; provinceCode: string }[]>();
  for (const row of communes) {
    if (row.parent_code && row.parent_code.length === 3) districtOf.set(row.code, row.parent_code);
    versionsOf.set(row.code, [...(versionsOf.get(row.code) ?? []), { validTo: row.valid_to, provinceCode: row.province_code }]);
  }
  const provinceOf = (code: string, on: string | null) => {
    const versions = versionsOf.get(code) ?? [];
    return (on === null ? versions[versions.length - 1] : (versions.find((v) => v.validTo === null || v.validTo >= on) ?? versions[versions.length - 1]))?.provinceCode;
  };
  const successorOf = new Map<string, string>();
  for (const row of successions) if (!successorOf.has(row.old_code)) successorOf.set(row.old_code, row.new_code);

  const byHousehold = new Map<string, ResultRow[]>();
  for (const row of results) byHousehold.set(row.household_code, [...(byHousehold.get(row.household_code) ?? []), row]);
  const years = results.map((row) => Number(row.decided_on.slice(0, 4)));
  const [firstYear, lastYear] = [Math.min(...years), Math.max(...years)];

  const buckets = new Map<string, { tally: ReturnType<typeof emptyTally>; persons: number; em: number; emPoor: number; emNearPoor: number; escaped: number; withPlan: number }>();
  for (const timeline of byHousehold.values()) {
    let index = -1;
    let previousPoor = false;
    for (let year = firstYear; year <= lastYear; year++) {
      const yearEnd = `${year}-12-31`;
      while (index + 1 < timeline.length && timeline[index + 1]!.decided_on <= yearEnd) index++;
      const row = index >= 0 ? timeline[index] : undefined;
      if (!row || (row.dissolved_at !== null && row.dissolved_at <= yearEnd && row.dissolved_at >= row.decided_on)) {
        previousPoor = false;
        continue;
      }
      const standard = standards.get(row.standard_id)!;
      const province = provinceOf(row.commune_code, row.decided_on);
      const successor = successorOf.get(row.commune_code);
      const successorProvince = successor ? provinceOf(successor, null) : undefined;
      const units: [string, string | undefined][] = [
        ['commune', row.commune_code],
        ['district', districtOf.get(row.commune_code)],
        ['province', province],
        ['new_commune', successor ?? row.commune_code],
        ['province', successorProvince !== province ? successorProvince : undefined],
      ];
      for (const [level, unit] of units) {
        if (!unit) continue;
        const key = `${level}|${unit}|${year}|${standard.id}`;
        const bucket = buckets.get(key) ?? { tally: emptyTally(standard), persons: 0, em: 0, emPoor: 0, emNearPoor: 0, escaped: 0, withPlan: 0 };
        buckets.set(key, bucket);
        addToTally(bucket.tally, { id: row.household_code, standard: row.standard_id, status: row.status, deprivations: row.deprivations as never, deprivationCount: row.deprivation_count, scoreB: 0, incomeBasis: 'income' });
        bucket.persons += row.persons;
        if (row.is_minority === true) {
          bucket.em++;
          if (row.status === 'poor') bucket.emPoor++;
          if (row.status === 'near_poor') bucket.emNearPoor++;
        }
        if (previousPoor && row.status !== 'poor') bucket.escaped++;
        if (row.status === 'poor' && row.has_plan) bucket.withPlan++;
      }
      previousPoor = row.status === 'poor';
    }
  }
  return [...buckets.entries()]
    .map(([key, b]) => {
      const [level, unit_code, year, standard_id] = key.split('|');
      return {
        level, unit_code, year: Number(year), standard_id,
        households: b.tally.households, persons: b.persons,
        poor: b.tally.counts.poor, near_poor: b.tally.counts.near_poor, average: b.tally.counts.average, not_poor: b.tally.counts.not_poor,
        em_households: b.em, em_poor: b.emPoor, em_near_poor: b.emNearPoor, escaped_poverty: b.escaped,
        lacking_poor: b.tally.lackingPoor, lacking_near_poor: b.tally.lackingNearPoor,
        af_poor: b.tally.afPoor, af_deprivation_sum: b.tally.afDeprivationSum, censored: b.tally.censored, poor_with_plan: b.withPlan,
      };
    })
    .sort(byKey);
}

const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  `${a.level}|${a.unit_code}|${a.year}|${a.standard_id}`.localeCompare(`${b.level}|${b.unit_code}|${b.year}|${b.standard_id}`);

async function storedAggregates(): Promise<Record<string, unknown>[]> {
  const rows = await sql<Record<string, unknown>>`
    select level, unit_code, year, standard_id, households, persons, poor, near_poor, average, not_poor, em_households, em_poor,
           em_near_poor, escaped_poverty, lacking_poor, lacking_near_poor, af_poor, af_deprivation_sum, censored, poor_with_plan
      from result_aggregate where province_code = ${provinceCode}`.execute(database.handle.db);
  return rows.rows.sort(byKey);
}

async function poorHouseholds(year: number, count: number): Promise<{ household_code: string; commune_code: string }[]> {
  return (await sql<{ household_code: string; commune_code: string }>`
    select household_code, commune_code from result_poor_state where province_code = ${provinceCode} and year = ${year}
     and household_code not in (select household_code from support_plan) order by household_code limit ${count}`.execute(database.handle.db)).rows;
}

async function addPlan(householdCode: string): Promise<void> {
  await sql`insert into support_plan (province_code, household_code, program_code) values (${provinceCode}, ${householdCode}, 'NTP-GNBV-2021-2025')`.execute(database.handle.db);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database.handle;
  provinceCode = (await readProvinceSetting(db)).code;
  await seedDemoProvince(db, { households: 700 });
  await seedDemoReviewResults(db);
  // A household dissolved in 2022 counts at the end of 2021 and not at the end of 2022.
  await sql`update household set dissolved_at = '2022-12-31' where province_code = ${provinceCode}
             and code = (select min(household_code) from review_result where status = 'poor')`.execute(db);
  await refreshAggregates(db, provinceCode);
  for (const { household_code } of await poorHouseholds(2021, 5)) await addPlan(household_code);
  await refreshAggregates(db, provinceCode);
});

afterAll(async () => {
  await database?.destroy();
});

describe('refreshAggregates in SQL', () => {
  it('gives exactly the counts of a plain recomputation, at every level, year and standard', async () => {
    const expected = await recompute();
    const stored = await storedAggregates();
    expect(stored.length).toBeGreaterThan(20);
    expect(new Set(stored.map((row) => row.level))).toEqual(new Set(['commune', 'district', 'province', 'new_commune']));
    expect(stored).toEqual(expected);
  });

  it('counts the province: its households at the end of 2022 are the results of 2022 without the dissolved one', async () => {
    const { db } = database.handle;
    const province = await sql<{ households: number; escaped_poverty: number; poor_with_plan: number }>`
      select households, escaped_poverty, poor_with_plan from result_aggregate where province_code = ${provinceCode} and level = 'province' and unit_code = '64' and year = 2022`.execute(db);
    const results = await sql<{ n: number }>`select count(*)::int as n from review_result where decided_on between '2022-01-01' and '2022-12-31'`.execute(db);
    expect(province.rows[0]!.households).toBe(results.rows[0]!.n - 1);
    expect(province.rows[0]!.escaped_poverty).toBeGreaterThan(0);
  });

  it('is rebuilt whole: a second refresh writes the same rows', async () => {
    const before = await storedAggregates();
    await refreshAggregates(database.handle.db, provinceCode);
    expect(await storedAggregates()).toEqual(before);
  });
});

describe('poor households with a support plan', () => {
  it('a new plan counts at once in every unit the household is poor in, and a removed one no longer', async () => {
    const [household] = await poorHouseholds(2022, 1);
    expect(household).toBeDefined();
    const levelsOf = async () =>
      (await sql<{ level: string; unit_code: string; year: number; poor_with_plan: number }>`
        select level, unit_code, year, poor_with_plan from result_aggregate where province_code = ${provinceCode} and year = 2022
           and (level, unit_code) in (select 'commune', commune_code from result_poor_state where household_code = ${household!.household_code} and year = 2022
                                      union all select 'province', '64')
         order by level`.execute(database.handle.db)).rows;
    const before = await levelsOf();
    await addPlan(household!.household_code);
    const after = await levelsOf();
    expect(after.map((row) => row.poor_with_plan)).toEqual(before.map((row) => row.poor_with_plan + 1));
    // The trigger's counts are those a full rebuild gives.
    expect(await storedAggregates()).toEqual(await recompute());
    await sql`delete from support_plan where household_code = ${household!.household_code}`.execute(database.handle.db);
    expect((await levelsOf()).map((row) => row.poor_with_plan)).toEqual(before.map((row) => row.poor_with_plan));
  });
});
