/**
 * The registry's derived columns: what a household row stores besides its facts so the list can
 * filter on it — the class and its lacking indicators under the poverty engine. Every writer of
 * `household` (this module, imports, the demo seed) computes them with {@link registryColumns},
 * so a row always agrees with its facts. (Members carry `search_name = foldForSearch(full_name)`.)
 */
import type { AreaType, HouseholdStatusCode } from '../../db/schema.js';
import {
  type Assessment,
  type IndicatorCode,
  type Lang,
  type PovertyStandard,
  assessHousehold,
} from '../../domain/poverty/index.js';

/** The household columns the engine reads. */
export interface HouseholdFactsRow {
  code: string;
  area: AreaType;
  farm_household: boolean;
  survey_date: string | null;
  income_per_capita: number | null;
  score_a: number | null;
  floor_area_m2: number | null;
  durable_walls: boolean | null;
  durable_frame: boolean | null;
  durable_roof: boolean | null;
  water_source: string | null;
  latrine: string | null;
  internet_use: boolean | null;
  information_devices: boolean | null;
  waste_collected: boolean | null;
}

/** The member columns the engine reads. */
export interface MemberFactsRow {
  sex: string;
  birth_date: string;
  employment: string;
  health_insurance: boolean;
  attending_school: boolean;
  education_level: string;
  social_allowance: boolean;
  stunted: boolean;
  underweight: boolean;
}

export interface RegistryColumns {
  status: HouseholdStatusCode | null;
  standard_id: string | null;
  deprivations: string[];
}

/**
 * The review year (năm rà soát) a survey counts for: the periodic review from 1 September sets
 * the lists of the following year (the demo survey of October 2021 is the baseline of the
 * 2022 standard, DOMAIN §6.4); a survey earlier in the year counts for that year.
 *
 * @example reviewYearOf('2021-10-01') // 2022
 * @example reviewYearOf('2024-05-15') // 2024
 */
export function reviewYearOf(surveyDate: string): number {
  const year = Number(surveyDate.slice(0, 4));
  const month = Number(surveyDate.slice(5, 7));
  return month >= 9 ? year + 1 : year;
}

/**
 * The SPEC §5.4 assessment record of a registry household. Absent facts stay absent, so the
 * engine names the first one missing.
 */
export function assessmentRecordOf(household: HouseholdFactsRow, members: readonly MemberFactsRow[]) {
  return {
    id: household.code,
    ...(household.survey_date ? { year: reviewYearOf(household.survey_date) } : {}),
    area: household.area,
    farmHousehold: household.farm_household,
    incomePerCapita: household.income_per_capita,
    scoreA: household.score_a,
    facts: {
      surveyDate: household.survey_date,
      members: members.map((member) => ({
        birthDate: member.birth_date,
        sex: member.sex,
        employment: member.employment,
        healthInsurance: member.health_insurance,
        attendingSchool: member.attending_school,
        educationLevel: member.education_level,
        socialAllowance: member.social_allowance,
        stunted: member.stunted,
        underweight: member.underweight,
      })),
      floorAreaM2: household.floor_area_m2,
      durableWalls: household.durable_walls,
      durableFrame: household.durable_frame,
      durableRoof: household.durable_roof,
      waterSource: household.water_source,
      latrine: household.latrine,
      internetUse: household.internet_use,
      informationDevices: household.information_devices,
      wasteCollected: household.waste_collected,
    },
  };
}

/** The engine's verdict on a registry household, with messages in `lang`. */
export function assessRegistryHousehold(
  household: HouseholdFactsRow,
  members: readonly MemberFactsRow[],
  standards: readonly PovertyStandard[],
  lang: Lang = 'vi',
): Assessment {
  return assessHousehold(assessmentRecordOf(household, members), standards, { lang });
}

/**
 * The derived columns of a household row: class and deprivations when the facts can be
 * classified, otherwise null and none.
 *
 * @example
 * const columns = registryColumns(household, members, standards);
 * await db.insertInto('household').values({ ...household, ...columns }).execute();
 */
export function registryColumns(
  household: HouseholdFactsRow,
  members: readonly MemberFactsRow[],
  standards: readonly PovertyStandard[],
): RegistryColumns {
  const assessment = assessRegistryHousehold(household, members, standards);
  if (!assessment.ok) return { status: null, standard_id: null, deprivations: [] };
  return {
    status: assessment.result.status,
    standard_id: assessment.result.standard,
    deprivations: [...assessment.result.deprivations],
  };
}

/**
 * Indicator names by code in a language, from the standards' own data; a code of several
 * standards takes the name of the newest.
 */
export function indicatorNames(standards: readonly PovertyStandard[], lang: Lang): Map<IndicatorCode, string> {
  const names = new Map<IndicatorCode, string>();
  for (const standard of standards) for (const indicator of standard.indicators) names.set(indicator.code, indicator.name[lang]);
  return names;
}
