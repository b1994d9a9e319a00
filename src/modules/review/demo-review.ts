/**
 * Recognised review results for the synthetic demo province, so that targets, dashboards,
 * movements and reports have data: for every demo commune, the periodic review of 2021 (the
 * baseline of the 2022–2025 standard, surveyed on the registry's facts) and that of 2022, whose
 * facts drift from 2021 by a deterministic rule, so that households escape, fall back and
 * become poor. Both rounds ran every step (with the district consultation, before the 2025
 * reform) and cover every household of the commune, as the baseline review did.
 */
import type { Kysely } from 'kysely';
import type { Database, HouseholdStatusCode } from '../../db/schema.js';
import { assessHousehold } from '../../domain/poverty/index.js';
import { type StepCode, reviewYearOfRound, roundWindow, stepsOfRound } from '../../domain/review/index.js';
import { readProvinceSetting } from '../access/scope.repository.js';
import { hashString } from '../demo/demo-random.js';
import { assessmentRecordOf, type HouseholdFactsRow, type MemberFactsRow } from '../households/household-classification.js';
import { listPovertyStandards } from '../households/households.repository.js';
import * as repo from './review.repository.js';

/** The step dates of a demo periodic round of `year`, in order, all inside 1 Sep – 14 Dec. */
const STEP_DAYS: Readonly<Record<StepCode, string>> = {
  list: '09-10',
  survey: '10-15',
  meeting: '10-25',
  posting: '11-01',
  district: '11-10',
  recognition: '11-20',
};

export interface DemoReviewResult {
  rounds: number;
  results: number;
}

type Drift = 'better' | 'worse' | 'steady';

/** How a household's life changed between the 2021 and 2022 reviews (deterministic by code). */
export function driftOf(code: string): Drift {
  const r = hashString(`drift:${code}`) % 100;
  return r < 14 ? 'better' : r < 20 ? 'worse' : 'steady';
}

function drifted(household: HouseholdFactsRow, drift: Drift, surveyDate: string): HouseholdFactsRow {
  const scale = drift === 'better' ? 1.7 : drift === 'worse' ? 0.6 : 1.05;
  return {
    ...household,
    survey_date: surveyDate,
    income_per_capita: household.income_per_capita === null ? null : Math.round((household.income_per_capita * scale) / 1000) * 1000,
    score_a: household.score_a === null ? null : Math.round(household.score_a * scale),
    ...(drift === 'better' ? { internet_use: true, latrine: 'pour_flush', water_source: 'borehole' } : {}),
    ...(drift === 'worse' ? { latrine: 'none', water_source: 'surface', internet_use: false } : {}),
  };
}

/**
 * Recognises the demo 2021 and 2022 periodic rounds of every commune with synthetic households.
 * Does nothing when the province already has review rounds. One transaction.
 *
 * @example await seedDemoProvince(db, { households: 2_000 }); await seedDemoReviewResults(db);
 */
export async function seedDemoReviewResults(db: Kysely<Database>): Promise<DemoReviewResult> {
  return db.transaction().execute(async (trx) => {
    const province = await readProvinceSetting(trx);
    if ((await repo.countRounds(trx, province.code)) > 0) return { rounds: 0, results: 0 };
    const [households, members, standards] = await Promise.all([
      repo.listSyntheticHouseholds(trx, province.code),
      repo.listMembersOfProvince(trx, province.code),
      listPovertyStandards(trx),
    ]);
    const membersOf = new Map<string, MemberFactsRow[]>();
    for (const member of members) {
      const list = membersOf.get(member.household_code) ?? [];
      list.push(member);
      membersOf.set(member.household_code, list);
    }
    const byCommune = new Map<string, typeof households>();
    for (const household of households) {
      const list = byCommune.get(household.commune_code) ?? [];
      list.push(household);
      byCommune.set(household.commune_code, list);
    }

    let rounds = 0;
    let results = 0;
    for (const year of [2021, 2022]) {
      const period = String(year);
      const window = roundWindow('periodic', period);
      const reviewYear = reviewYearOfRound('periodic', period);
      const decidedOn = `${year}-${STEP_DAYS.recognition}`;
      for (const [communeCode, communeHouseholds] of byCommune) {
        const roundId = await repo.insertRound(trx, {
          province_code: province.code,
          kind: 'periodic',
          commune_code: communeCode,
          period,
          starts_on: window.startsOn,
          ends_on: window.endsOn,
          created_by: null,
        });
        rounds += 1;
        const decisionNumber = `${String(rounds).padStart(3, '0')}/QĐ-UBND`;
        const surveyed: Parameters<typeof repo.insertSurveyedHouseholds>[1][number][] = [];
        const frozen: repo.NewReviewResult[] = [];
        for (const household of communeHouseholds) {
          const facts = year === 2021 ? household : drifted(household, driftOf(household.code), `${year}-10-01`);
          const memberRows = membersOf.get(household.code) ?? [];
          const { id: _id, year: _year, ...survey } = assessmentRecordOf(facts, memberRows);
          const record = { ...survey, id: household.code, year: reviewYear };
          const assessment = assessHousehold(record, standards);
          if (!assessment.ok) continue;
          const status = assessment.result.status as HouseholdStatusCode;
          const deprivations = [...assessment.result.deprivations];
          surveyed.push({ province_code: province.code, round_id: roundId, household_code: household.code, source: 'current_list', survey, status, standard_id: assessment.result.standard, deprivations });
          frozen.push({
            province_code: province.code,
            household_code: household.code,
            round_id: roundId,
            commune_code: communeCode,
            village: household.village,
            head_name: household.head_name,
            head_ethnic_code: household.head_ethnic_code,
            area: household.area,
            decided_on: decidedOn,
            decision_number: decisionNumber,
            review_year: reviewYear,
            standard_id: assessment.result.standard,
            status,
            deprivations,
            deprivation_count: deprivations.length,
            income_per_capita: facts.income_per_capita,
            score_a: facts.score_a,
            persons: memberRows.length,
            facts: record,
          });
        }
        await repo.insertSurveyedHouseholds(trx, surveyed);
        await repo.insertResults(trx, frozen);
        results += frozen.length;
        for (const step of stepsOfRound(window.startsOn)) {
          const doneOn = `${year}-${STEP_DAYS[step]}`;
          const data: Record<string, unknown> =
            step === 'recognition' ? { decisionNumber }
            : step === 'meeting' ? { attendance: 40 + (hashString(communeCode) % 60), agreed: 'Thống nhất kết quả rà soát.', objections: [] }
            : step === 'posting' ? { postedUntil: `${year}-11-03`, places: 'Trụ sở UBND xã, nhà văn hóa thôn', complaints: [] }
            : step === 'district' ? { opinion: 'Thống nhất.' }
            : {};
          await repo.insertStep(trx, { province_code: province.code, round_id: roundId, step, done_on: doneOn, done_by: null, data });
        }
        await repo.setRoundStatus(trx, province.code, roundId, 'closed');
      }
    }
    return { rounds, results };
  });
}
