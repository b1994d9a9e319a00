/**
 * Rebuilds the province's result aggregates from its recognised results. Call it in the same
 * transaction as a recognition (or a reopening) and after the demo review is seeded.
 *
 * The state of a year is each household's latest recognised result decided on or before
 * 31 December of that year (carried forward while the household is not dissolved): the
 * "end-2022" figure of the province's decisions. A household counts in the unit of that result.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { addToTally, emptyTally, type PovertyStandard, type SummaryTally } from '../../domain/poverty/index.js';
import { listPovertyStandards } from '../households/households.repository.js';
import * as repo from './targets.repository.js';
import type { AggregateLevel, ResultAggregateTable } from './targets.tables.js';

interface Bucket {
  tally: SummaryTally;
  persons: number;
  emHouseholds: number;
  emPoor: number;
  emNearPoor: number;
  escaped: number;
}

type ResultRow = Awaited<ReturnType<typeof repo.listResultsForAggregates>>[number];

/** @returns the number of aggregate rows written. */
export async function refreshAggregates(db: Kysely<Database>, provinceCode: string): Promise<number> {
  const [results, communes, successions, standardList] = await Promise.all([
    repo.listResultsForAggregates(db, provinceCode),
    repo.listCommuneParents(db),
    repo.listSuccessions(db),
    listPovertyStandards(db),
  ]);
  const standards = new Map<string, PovertyStandard>(standardList.map((s) => [s.id, s]));
  const districtOf = new Map<string, string>();
  // A code can name an old commune and, from 1 July 2025, a new one of another province.
  const versionsOf = new Map<string, { validTo: string | null; provinceCode: string }[]>();
  for (const row of communes) {
    // A new (2025) commune's parent is the province itself: it has no district.
    if (row.parent_code && row.parent_code.length === 3) districtOf.set(row.code, row.parent_code);
    versionsOf.set(row.code, [...(versionsOf.get(row.code) ?? []), { validTo: row.valid_to, provinceCode: row.province_code }]);
  }
  const provinceOf = (code: string, on: string | null): string | undefined => {
    const versions = versionsOf.get(code) ?? [];
    const version = on === null ? versions[versions.length - 1] : (versions.find((v) => v.validTo === null || v.validTo >= on) ?? versions[versions.length - 1]);
    return version?.provinceCode;
  };
  const successorOf = new Map<string, string>();
  for (const row of successions) if (!successorOf.has(row.old_code)) successorOf.set(row.old_code, row.new_code);

  const byHousehold = new Map<string, ResultRow[]>();
  let firstYear = Infinity;
  let lastYear = -Infinity;
  for (const row of results) {
    const list = byHousehold.get(row.household_code) ?? [];
    list.push(row);
    byHousehold.set(row.household_code, list);
    const year = Number(row.decided_on.slice(0, 4));
    firstYear = Math.min(firstYear, year);
    lastYear = Math.max(lastYear, year);
  }

  const buckets = new Map<string, Bucket>();
  const bucketOf = (level: AggregateLevel, unit: string, year: number, standard: PovertyStandard): Bucket => {
    const key = `${level}|${unit}|${year}|${standard.id}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { tally: emptyTally(standard), persons: 0, emHouseholds: 0, emPoor: 0, emNearPoor: 0, escaped: 0 };
      buckets.set(key, bucket);
    }
    return bucket;
  };

  for (const timeline of byHousehold.values()) {
    let index = -1;
    let previousPoor = false;
    for (let year = firstYear; year <= lastYear; year++) {
      const yearEnd = `${year}-12-31`;
      while (index + 1 < timeline.length && timeline[index + 1]!.decided_on <= yearEnd) index++;
      const row = index >= 0 ? timeline[index] : undefined;
      const dissolved = row?.dissolved_at != null && row.dissolved_at <= yearEnd && row.dissolved_at >= row.decided_on;
      if (!row || dissolved) {
        previousPoor = false;
        continue;
      }
      const standard = standards.get(row.standard_id);
      if (!standard) continue;
      const units: [AggregateLevel, string][] = [['commune', row.commune_code]];
      const district = districtOf.get(row.commune_code);
      if (district) units.push(['district', district]);
      const province = provinceOf(row.commune_code, row.decided_on);
      if (province) units.push(['province', province]);
      const successor = successorOf.get(row.commune_code);
      units.push(['new_commune', successor ?? row.commune_code]);
      const successorProvince = successor ? provinceOf(successor, null) : undefined;
      if (successorProvince && successorProvince !== province) units.push(['province', successorProvince]);
      const minority = row.is_minority === true;
      for (const [level, unit] of units) {
        const bucket = bucketOf(level, unit, year, standard);
        addToTally(bucket.tally, {
          id: row.household_code,
          standard: row.standard_id,
          status: row.status,
          deprivations: row.deprivations as PovertyStandard['indicators'][number]['code'][],
          deprivationCount: row.deprivation_count,
          scoreB: 0,
          incomeBasis: 'income',
        });
        bucket.persons += row.persons;
        if (minority) {
          bucket.emHouseholds++;
          if (row.status === 'poor') bucket.emPoor++;
          if (row.status === 'near_poor') bucket.emNearPoor++;
        }
        if (previousPoor && row.status !== 'poor') bucket.escaped++;
      }
      previousPoor = row.status === 'poor';
    }
  }

  const rows: Insertable<ResultAggregateTable>[] = [];
  for (const [key, bucket] of buckets) {
    const [level, unit, year, standardId] = key.split('|') as [AggregateLevel, string, string, string];
    const t = bucket.tally;
    rows.push({
      province_code: provinceCode,
      level,
      unit_code: unit,
      year: Number(year),
      standard_id: standardId,
      households: t.households,
      persons: bucket.persons,
      poor: t.counts.poor,
      near_poor: t.counts.near_poor,
      average: t.counts.average,
      not_poor: t.counts.not_poor,
      em_households: bucket.emHouseholds,
      em_poor: bucket.emPoor,
      em_near_poor: bucket.emNearPoor,
      escaped_poverty: bucket.escaped,
      lacking_poor: t.lackingPoor,
      lacking_near_poor: t.lackingNearPoor,
      af_poor: t.afPoor,
      af_deprivation_sum: t.afDeprivationSum,
      censored: t.censored,
    });
  }
  await repo.replaceAggregates(db, provinceCode, rows);
  return rows.length;
}
