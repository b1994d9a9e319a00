/**
 * The synthetic demo province (dữ liệu mô phỏng): households and members in the shape of the
 * `household` and `member` tables, generated from a seed. Pure and deterministic: the same
 * options always give the same rows, in the same order, and nothing reads the clock or
 * `Math.random`. Rows stream out one household at a time, so 400,000 households need no more
 * memory than one.
 *
 * Calibration. Each household gets a latent poverty propensity from its district, commune,
 * area and the ethnic group of its head; its status under VN-MPS-2022 (poor, near-poor or
 * neither) is drawn from that propensity, and then its income and facts are drawn so that the
 * SPEC §5 rules give exactly that status. The propensities are scaled so that, in expectation,
 * the province looks like Gia Lai's end-2021 baseline (DOMAIN §6.4): about 42 % of households
 * ethnic minority, 12.1 % poor (89 % of them ethnic minority), 9.0 % near-poor, and Kông Chro
 * about a third poor.
 */
import type { AreaType, NewHousehold, NewMember } from '../../db/schema.js';
import { type CalendarDate, parseIsoDate } from '../../domain/poverty/ages.js';
import type {
  EducationLevel,
  EmploymentStatus,
  IndicatorCode,
  LatrineType,
  Sex,
  WaterSource,
} from '../../domain/poverty/types.js';
import { centurySexDigit } from '../households/citizen-id.js';
import { type DemoRelation, HOUSEHOLD_SIZE, type Person, compose, fullName } from './demo-family.js';
import { type DemoEthnicCode, type Ethnicity, KINH, STREETS } from './demo-names.js';
import {
  type Calibration,
  type CommuneProfile,
  type DemoCommune,
  type Village,
  buildVillages,
  planProvince,
  statusOdds,
} from './demo-province.js';
import { Random, type WeightedTable, hashString } from './demo-random.js';

/** Shown wherever demo data appears. */
export const DEMO_LABEL = 'Dữ liệu mô phỏng — không phải dữ liệu thật';

/** Province code of the deployment the demo rows belong to (Gia Lai since 1 July 2025). */
export const DEMO_PROVINCE_CODE = '52';

export { DEMO_ETHNIC_CODES, type DemoEthnicCode } from './demo-names.js';
export { DEMO_RELATIONS, type DemoRelation } from './demo-family.js';
export type { DemoCommune } from './demo-province.js';

export interface DemoProvinceOptions {
  /** Any 32-bit integer; the same seed gives the same province. */
  seed: number;
  /** Number of households to generate (at least one per commune when ≥ the number of communes). */
  households: number;
  /** Communes to fill, every one of them; order matters only for the order of the output. */
  communes: readonly DemoCommune[];
  /** Survey date ('YYYY-MM-DD'); ages and birth dates are counted from it. */
  surveyDate: string;
  /** `province_code` of the rows; {@link DEMO_PROVINCE_CODE} by default. */
  provinceCode?: string;
}

/** A generated `household` row: every fact present, `is_synthetic` set. */
export interface DemoHousehold extends NewHousehold {
  province_code: string;
  code: string;
  commune_code: string;
  village: string;
  address: string;
  head_name: string;
  area: AreaType;
  head_ethnic_code: DemoEthnicCode;
  farm_household: boolean;
  survey_date: string;
  income_per_capita: number;
  score_a: null;
  floor_area_m2: number;
  durable_walls: boolean;
  durable_frame: boolean;
  durable_roof: boolean;
  water_source: WaterSource;
  latrine: LatrineType;
  internet_use: boolean;
  information_devices: boolean;
  waste_collected: boolean;
  is_synthetic: true;
  dissolved_at: null;
}

/** A generated `member` row; seq 1 is the head. */
export interface DemoMember extends NewMember {
  province_code: string;
  household_code: string;
  seq: number;
  full_name: string;
  sex: Sex;
  birth_date: string;
  ethnic_code: DemoEthnicCode;
  /** Synthetic 12-digit CCCD for members aged 14 or more, otherwise null. */
  citizen_id: string | null;
  relation: DemoRelation;
  employment: EmploymentStatus;
  health_insurance: boolean;
  attending_school: boolean;
  education_level: EducationLevel;
  social_allowance: boolean;
  stunted: boolean;
  underweight: boolean;
}

export interface DemoHouseholdRecord {
  household: DemoHousehold;
  members: DemoMember[];
}

/**
 * Income lines of VN-MPS-2022 (VND / person / month, inclusive), which the calibration aims at:
 * the demo province is a 2021 baseline measured with the 2022–2025 standard.
 */
const INCOME_LINE: Readonly<Record<AreaType, number>> = { rural: 1_500_000, urban: 2_000_000 };

// ---------------------------------------------------------------------------------------------
// Deprivations and facts
// ---------------------------------------------------------------------------------------------

/**
 * The 2022 indicators the generator switches on or off; `dependants` follows from who lives in
 * the household, and `waste` (2027) is not planned.
 */
type PlannedIndicator = Exclude<IndicatorCode, 'dependants' | 'waste'>;

type Status = 'poor' | 'near_poor' | 'other';

/** How often each indicator is among the lacking ones (relative weights). */
const INDICATOR_WEIGHT: Readonly<Record<'poor' | 'other', Readonly<Record<PlannedIndicator, number>>>> = {
  poor: {
    employment: 0.35, nutrition: 0.3, health_insurance: 0.2, adult_education: 0.45, school_attendance: 0.15,
    housing_quality: 0.55, housing_area: 0.2, water_source: 0.4, latrine: 0.75, telecom: 0.55, information_access: 0.45,
  },
  other: {
    employment: 0.5, nutrition: 0.15, health_insurance: 0.35, adult_education: 0.35, school_attendance: 0.05,
    housing_quality: 0.25, housing_area: 0.1, water_source: 0.25, latrine: 0.45, telecom: 0.4, information_access: 0.2,
  },
};

/** Services towns mostly have: urban households lack them less often. */
const URBAN_WEIGHT: Partial<Record<PlannedIndicator, number>> = { water_source: 0.3, latrine: 0.4, telecom: 0.5 };

/** Number of lacking indicators (dependants included) by status. */
const DEPRIVATION_COUNT = {
  poor: [[3, 36], [4, 27], [5, 17], [6, 10], [7, 6], [8, 4]],
  near_poor: [[0, 28], [1, 42], [2, 30]],
  otherLow: [[0, 62], [1, 26], [2, 9], [3, 2.5], [4, 0.5]],
  otherHigh: [[0, 30], [1, 32], [2, 22], [3, 11], [4, 5]],
} satisfies Record<string, WeightedTable<number>>;

/** Members who qualify for each member-based indicator. */
interface Eligibility {
  employment: number[];
  nutrition: number[];
  health_insurance: number[];
  adult_education: number[];
  school_attendance: number[];
}

/** Which members each member-based indicator could be lacking through. */
function eligibility(ages: number[]): Eligibility {
  const eligible: Eligibility = {
    employment: [], nutrition: [], health_insurance: [], adult_education: [], school_attendance: [],
  };
  ages.forEach((age, index) => {
    // 18–54 is working age for both sexes under any year's retirement age, so no boundary case.
    if (age >= 18 && age <= 54) eligible.employment.push(index);
    if (age < 16) eligible.nutrition.push(index);
    if (age >= 6) eligible.health_insurance.push(index);
    if (age >= 16 && age <= 30) eligible.adult_education.push(index);
    if (age >= 3 && age <= 15) eligible.school_attendance.push(index);
  });
  return eligible;
}

function isAvailable(indicator: PlannedIndicator, eligible: Eligibility): boolean {
  switch (indicator) {
    case 'employment':
    case 'nutrition':
    case 'health_insurance':
    case 'adult_education':
    case 'school_attendance':
      return eligible[indicator].length > 0;
    default:
      return true;
  }
}

const PLANNED: readonly PlannedIndicator[] = [
  'employment', 'nutrition', 'health_insurance', 'adult_education', 'school_attendance', 'housing_quality',
  'housing_area', 'water_source', 'latrine', 'telecom', 'information_access',
];

/** `count` indicators drawn without replacement, by weight. */
function drawIndicators(
  rng: Random,
  count: number,
  weights: Readonly<Record<PlannedIndicator, number>>,
  area: AreaType,
  eligible: Eligibility,
): Set<PlannedIndicator> {
  const pool: [PlannedIndicator, number][] = PLANNED.filter((i) => isAvailable(i, eligible)).map((i) => [
    i,
    weights[i] * (area === 'urban' ? (URBAN_WEIGHT[i] ?? 1) : 1),
  ]);
  const chosen = new Set<PlannedIndicator>();
  while (chosen.size < count && pool.length > 0) {
    const pick = rng.weighted(pool);
    chosen.add(pick);
    pool.splice(pool.findIndex(([i]) => i === pick), 1);
  }
  return chosen;
}

/** Up to `max` distinct members of `candidates`, at least one. */
function someOf(rng: Random, candidates: number[], max: number): Set<number> {
  const count = Math.min(candidates.length, rng.chance(0.7) ? 1 : rng.int(1, max));
  return new Set(rng.shuffled(candidates).slice(0, count));
}

const CLEAN_WATER: Readonly<Record<AreaType, WeightedTable<WaterSource>>> = {
  rural: [['protected_well', 45], ['borehole', 25], ['piped', 15], ['protected_spring', 8], ['rainwater', 5], ['bottled', 2]],
  urban: [['piped', 70], ['borehole', 12], ['protected_well', 12], ['bottled', 6]],
};
const UNCLEAN_WATER: WeightedTable<WaterSource> = [
  ['unprotected_well', 45], ['unprotected_spring', 20], ['surface', 25], ['other', 10],
];
const HYGIENIC_LATRINE: WeightedTable<LatrineType> = [
  ['septic', 55], ['semi_septic', 25], ['pour_flush', 12], ['double_vault', 4], ['ventilated_pit', 4],
];
const UNHYGIENIC_LATRINE: WeightedTable<LatrineType> = [['unimproved_pit', 55], ['none', 35], ['other', 10]];

const ADULT_EDUCATION: Readonly<Record<Ethnicity, WeightedTable<EducationLevel>>> = {
  kinh: [['none', 3], ['primary', 15], ['lower_secondary', 32], ['upper_secondary', 32], ['vocational', 8], ['college_or_higher', 10]],
  minority: [['none', 25], ['primary', 35], ['lower_secondary', 25], ['upper_secondary', 10], ['vocational', 3], ['college_or_higher', 2]],
};
const YOUNG_ADULT_QUALIFIED: Readonly<Record<Ethnicity, WeightedTable<EducationLevel>>> = {
  kinh: [['upper_secondary', 60], ['vocational', 20], ['college_or_higher', 20]],
  minority: [['upper_secondary', 75], ['vocational', 18], ['college_or_higher', 7]],
};
const YOUNG_ADULT_UNQUALIFIED: WeightedTable<EducationLevel> = [['none', 10], ['primary', 35], ['lower_secondary', 55]];
const WORKING: Readonly<Record<'urban' | 'rural_kinh' | 'rural_minority', WeightedTable<EmploymentStatus>>> = {
  urban: [['contract', 45], ['self_employed', 40], ['not_in_labour_force', 15]],
  rural_kinh: [['self_employed', 60], ['contract', 20], ['not_in_labour_force', 20]],
  rural_minority: [['self_employed', 80], ['contract', 6], ['not_in_labour_force', 14]],
};

/** Income per person and month (VND, multiple of 10,000) consistent with the status. */
function drawIncome(rng: Random, status: Status, area: AreaType, minority: boolean, propensity: number): number {
  const line = INCOME_LINE[area];
  const round = (value: number): number => Math.floor(value / 10_000) * 10_000;
  if (status === 'poor') return Math.max(200_000, round(line * (0.3 + 0.7 * rng.next() ** 0.6)));
  if (status === 'near_poor') return round(line * (0.55 + 0.45 * rng.next() ** 0.5));
  const median = (minority ? 0.6 : 1) * (area === 'urban' ? 1.2 : 1) * (1 - 0.5 * propensity);
  const excess = line * median * Math.exp(0.75 * rng.normal());
  return Math.min(60_000_000, Math.max(line + 10_000, round(line + excess)));
}

// ---------------------------------------------------------------------------------------------
// Dates and citizen IDs
// ---------------------------------------------------------------------------------------------

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * A birth date at which the person is exactly `age` completed years old on the survey date.
 * Never 29 February nor the survey date's own month and day, so no reading of "completed
 * years" can disagree.
 */
function birthDateForAge(rng: Random, survey: CalendarDate, age: number): string {
  const dayOfYear = rng.int(0, 364);
  let [month, day] = monthAndDay(dayOfYear);
  if (month === survey.month && day === survey.day) [month, day] = monthAndDay((dayOfYear + 1) % 365);
  const hadBirthday = month < survey.month || (month === survey.month && day < survey.day);
  const year = survey.year - age - (hadBirthday ? 0 : 1);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Month and day of a 0-based day of a common (non-leap) year. */
function monthAndDay(dayOfYear: number): [number, number] {
  let rest = dayOfYear;
  let month = 1;
  for (const days of MONTH_DAYS) {
    if (rest < days) break;
    rest -= days;
    month += 1;
  }
  return [month, rest + 1];
}

/** Age from which a member gets a citizen ID card (CCCD, Law on Citizen Identification 2014). */
const CITIZEN_ID_FROM_AGE = 14;
/** Birth-place prefix of Gia Lai in CCCD numbers. */
const CITIZEN_ID_PLACE = '064';

/**
 * Synthetic CCCD numbers: place (3 digits) + century-and-sex (1) + year of birth (2) + a 6-digit
 * serial that always starts with 9 (a marker of the demo data). Serials count up per birth year
 * and sex, scrambled by a fixed bijection, so numbers are unique without remembering them.
 */
class CitizenIds {
  private readonly issued = new Map<number, number>();
  private readonly salt: number;

  constructor(seed: number) {
    this.salt = new Random(seed, hashString('citizen-id')).int(0, 99_999);
  }

  next(birthDate: string, sex: Sex): string {
    const year = Number(birthDate.slice(0, 4));
    const centurySex = centurySexDigit(year, sex);
    if (centurySex < 0 || centurySex > 9) throw new RangeError(`no citizen ID scheme for birth year ${year}`);
    const key = centurySex * 100 + (year % 100);
    const count = this.issued.get(key) ?? 0;
    if (count >= 100_000) throw new RangeError(`more than 100,000 synthetic citizen IDs for birth year ${year}`);
    this.issued.set(key, count + 1);
    // 7919 is coprime with 10^5, so within a birth year and sex count → serial is a bijection on
    // 0..99,999; the key shifts each year's sequence so numbers do not repeat across years.
    const serial = 900_000 + ((count * 7_919 + this.salt + key * 7_717) % 100_000);
    return `${CITIZEN_ID_PLACE}${centurySex}${pad(year % 100, 2)}${serial}`;
  }
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

/**
 * Generates the synthetic demo province, one household (with its members) at a time, commune
 * by commune in the order given.
 *
 * @example
 * for (const { household, members } of generateDemoProvince({
 *   seed: 2021, households: 2_000, communes, surveyDate: '2021-10-01',
 * })) {
 *   // household.code === '23824-00001', members[0].relation === 'chủ hộ', ...
 * }
 * @throws {RangeError} on a bad survey date, a negative household count, an empty commune list
 * with households to place, or more than 99,999 households in one commune.
 */
export function* generateDemoProvince(options: DemoProvinceOptions): Generator<DemoHouseholdRecord, void, undefined> {
  const { seed, households, communes } = options;
  const survey = parseIsoDate(options.surveyDate);
  if (!survey) throw new RangeError(`surveyDate must be a YYYY-MM-DD date, got '${options.surveyDate}'`);
  const provinceCode = options.provinceCode ?? DEMO_PROVINCE_CODE;
  if (!Number.isInteger(households) || households < 0) {
    throw new RangeError(`households must be a non-negative integer, got ${households}`);
  }
  if (households > 0 && communes.length === 0) throw new RangeError('no communes to place households in');

  const { profiles, calibration } = planProvince(communes, households, seed);
  const citizenIds = new CitizenIds(seed);

  for (const profile of profiles) {
    if (profile.households > 99_999) {
      throw new RangeError(`commune ${profile.commune.code} would get more than 99,999 households`);
    }
    const rng = new Random(seed, hashString(profile.commune.code));
    const villages = buildVillages(profile, rng);
    // Minority households live in minority villages and Kinh ones in the others, when there are any.
    const villagesOf = (minority: boolean): Village[] => {
      const matching = villages.filter((v) => v.minority === minority);
      return matching.length > 0 ? matching : villages;
    };
    const minorityVillages = villagesOf(true);
    const kinhVillages = villagesOf(false);
    for (let seq = 1; seq <= profile.households; seq++) {
      const minority = rng.chance(profile.minorityShare);
      const group: DemoEthnicCode = minority ? rng.weighted(profile.groups) : KINH;
      const village = rng.pick(minority ? minorityVillages : kinhVillages);
      yield generateHousehold({
        rng, profile, group, village, seq, survey, provinceCode, calibration, citizenIds,
        surveyDate: options.surveyDate,
      });
    }
  }
}

interface HouseholdContext {
  rng: Random;
  profile: CommuneProfile;
  group: DemoEthnicCode;
  village: Village;
  seq: number;
  survey: CalendarDate;
  surveyDate: string;
  provinceCode: string;
  calibration: Calibration;
  citizenIds: CitizenIds;
}

/** One household and its members, with facts that give the status drawn for it. */
function generateHousehold(context: HouseholdContext): DemoHouseholdRecord {
  const { rng, profile, group, village } = context;
  const { commune } = profile;
  const area = commune.area;
  const minority = group !== KINH;

  // Latent propensity → status.
  const odds = statusOdds(context.calibration, profile, group);
  const status: Status = rng.chance(odds.poor) ? 'poor' : rng.chance(odds.nearPoorIfNotPoor) ? 'near_poor' : 'other';
  /** How poverty-prone the household is, 0–1: it shifts the deprivations and income of the non-poor. */
  const propensity = Math.min(1, odds.poor / 0.4);

  let size = rng.weighted(HOUSEHOLD_SIZE[minority ? 'minority' : 'kinh']);
  if (status === 'poor' && size < 8 && rng.chance(0.3)) size += 1;
  const people = compose(rng, group, size);
  const socialAllowance = people.map((p) => p.age >= 80 || (p.age >= 75 && status !== 'other') || rng.chance(0.015));
  const lacking = planDeprivations(rng, status, propensity, area, people, socialAllowance);

  const code = `${commune.code}-${pad(context.seq, 5)}`;
  const members = memberRows(context, code, people, socialAllowance, lacking);
  const head = members[0] as DemoMember;
  const districtPart = commune.districtName ? `, ${commune.districtName}` : '';
  const street = area === 'urban' && !village.minority ? `Số ${rng.int(1, 250)} đường ${rng.pick(STREETS)}, ` : '';
  const farmShare =
    area === 'urban' ? (status === 'other' ? 0.12 : 0.25) : status === 'other' ? (minority ? 0.92 : 0.7) : 0.95;
  return {
    household: {
      province_code: context.provinceCode,
      code,
      commune_code: commune.code,
      village: village.name,
      address: `${street}${village.name}, ${commune.name}${districtPart}`,
      head_name: head.full_name,
      area,
      head_ethnic_code: group,
      farm_household: rng.chance(farmShare),
      survey_date: context.surveyDate,
      income_per_capita: drawIncome(rng, status, area, minority, propensity),
      score_a: null,
      ...dwellingFacts(rng, status, area, minority, people.length, lacking.indicators),
      is_synthetic: true,
      dissolved_at: null,
    },
    members,
  };
}

/** The indicators a household lacks and, for member-based ones, the members through whom. */
interface DeprivationPlan {
  indicators: Set<PlannedIndicator>;
  jobless: Set<number>;
  undereducated: Set<number>;
  outOfSchool: Set<number>;
  uninsured: Set<number>;
  malnourished: Set<number>;
}

/**
 * Draws how many indicators the household lacks for its status (poor ≥ 3, near-poor ≤ 2,
 * others mostly few, more when poverty-prone), counting `dependants` as its members decide it,
 * and which ones.
 */
function planDeprivations(
  rng: Random,
  status: Status,
  propensity: number,
  area: AreaType,
  people: readonly Person[],
  socialAllowance: readonly boolean[],
): DeprivationPlan {
  const dependants = people.filter((p, i) => p.age < 16 || socialAllowance[i]).length;
  const forced = dependants * 2 > people.length ? 1 : 0;
  const total = rng.weighted(
    status === 'poor'
      ? DEPRIVATION_COUNT.poor
      : status === 'near_poor'
        ? DEPRIVATION_COUNT.near_poor
        : rng.chance(propensity)
          ? DEPRIVATION_COUNT.otherHigh
          : DEPRIVATION_COUNT.otherLow,
  );
  const eligible = eligibility(people.map((p) => p.age));
  const weights = INDICATOR_WEIGHT[status === 'poor' ? 'poor' : 'other'];
  const indicators = drawIndicators(rng, Math.max(0, total - forced), weights, area, eligible);
  const through = (indicator: PlannedIndicator & keyof Eligibility, max: number): Set<number> =>
    indicators.has(indicator) ? someOf(rng, eligible[indicator], max) : new Set<number>();
  return {
    indicators,
    jobless: through('employment', 2),
    undereducated: through('adult_education', 2),
    outOfSchool: through('school_attendance', 2),
    uninsured: through('health_insurance', 3),
    malnourished: through('nutrition', 1),
  };
}

/** The member rows, with facts that lack exactly the planned member-based indicators. */
function memberRows(
  context: HouseholdContext,
  householdCode: string,
  people: readonly Person[],
  socialAllowance: readonly boolean[],
  plan: DeprivationPlan,
): DemoMember[] {
  const { rng, group } = context;
  const minority = group !== KINH;
  const area = context.profile.commune.area;
  const workingProfile = area === 'urban' ? 'urban' : minority ? 'rural_minority' : 'rural_kinh';
  const givenNames = new Set<string>();
  return people.map((person, index): DemoMember => {
    const age = person.age;
    const undereducated = plan.undereducated.has(index);
    const jobless = plan.jobless.has(index);
    const attending = attendsSchool(rng, age, minority, plan.outOfSchool.has(index) || undereducated || jobless);
    const nutrition = plan.malnourished.has(index)
      ? rng.weighted([['stunted', 5], ['underweight', 3], ['both', 2]] as const)
      : undefined;
    const birthDate = birthDateForAge(rng, context.survey, age);
    return {
      province_code: context.provinceCode,
      household_code: householdCode,
      seq: index + 1,
      full_name: fullName(rng, person, givenNames),
      sex: person.sex,
      birth_date: birthDate,
      ethnic_code: person.group,
      citizen_id: age >= CITIZEN_ID_FROM_AGE ? context.citizenIds.next(birthDate, person.sex) : null,
      relation: person.relation,
      employment: employmentFor(rng, age, attending, jobless, workingProfile),
      health_insurance: !plan.uninsured.has(index),
      attending_school: attending,
      education_level: educationFor(rng, age, attending, undereducated, minority ? 'minority' : 'kinh'),
      social_allowance: socialAllowance[index] ?? false,
      stunted: nutrition === 'stunted' || nutrition === 'both',
      underweight: nutrition === 'underweight' || nutrition === 'both',
    };
  });
}

/**
 * Whether a member attends school: every child of 3–15 unless kept out, and some young people
 * of 16–30 (fewer in minority households); never someone picked as out of school, under-educated
 * or jobless.
 */
function attendsSchool(rng: Random, age: number, minority: boolean, keptOut: boolean): boolean {
  if (keptOut || age < 3 || age > 30) return false;
  if (age <= 15) return true;
  return rng.chance(age <= 17 ? (minority ? 0.6 : 0.85) : age <= 22 ? (minority ? 0.12 : 0.35) : 0.03);
}

/** The dwelling and service facts, lacking exactly the planned household-level indicators. */
function dwellingFacts(
  rng: Random,
  status: Status,
  area: AreaType,
  minority: boolean,
  members: number,
  lacking: ReadonlySet<PlannedIndicator>,
): Pick<
  DemoHousehold,
  | 'floor_area_m2'
  | 'durable_walls'
  | 'durable_frame'
  | 'durable_roof'
  | 'water_source'
  | 'latrine'
  | 'internet_use'
  | 'information_devices'
  | 'waste_collected'
> {
  // Two or three non-durable structures make the dwelling lack housing quality; one does not.
  const nonDurable = lacking.has('housing_quality') ? rng.int(2, 3) : rng.chance(status === 'other' ? 0.2 : 0.35) ? 1 : 0;
  const weak = new Set(rng.shuffled(['walls', 'frame', 'roof'] as const).slice(0, nonDurable));
  const typicalArea = status === 'poor' ? 40 : status === 'near_poor' ? 50 : area === 'urban' ? 90 : 70;
  const floorArea = lacking.has('housing_area')
    ? rng.int(Math.min(4 * members, 8 * members - 1), 8 * members - 1)
    : Math.max(8 * members, Math.round(typicalArea * (1 + 0.08 * (members - 3)) * Math.exp(0.35 * rng.normal())));
  return {
    floor_area_m2: floorArea,
    durable_walls: !weak.has('walls'),
    durable_frame: !weak.has('frame'),
    durable_roof: !weak.has('roof'),
    water_source: rng.weighted(lacking.has('water_source') ? UNCLEAN_WATER : CLEAN_WATER[area]),
    latrine: rng.weighted(lacking.has('latrine') ? UNHYGIENIC_LATRINE : HYGIENIC_LATRINE),
    internet_use: !lacking.has('telecom'),
    information_devices: !lacking.has('information_access'),
    waste_collected: rng.chance((area === 'urban' ? 0.9 : minority ? 0.15 : 0.4) * (status === 'other' ? 1 : 0.5)),
  };
}

/** Employment status; only members picked for the employment indicator get a lacking value. */
function employmentFor(
  rng: Random,
  age: number,
  attending: boolean,
  jobless: boolean,
  profile: keyof typeof WORKING,
): EmploymentStatus {
  if (age < 15) return 'not_in_labour_force';
  if (jobless) return rng.chance(0.65) ? 'informal_wage' : 'unemployed';
  if (attending) return 'not_in_labour_force';
  if (age <= 17) return rng.chance(0.5) ? 'self_employed' : 'not_in_labour_force';
  if (age <= 54) return rng.weighted(WORKING[profile]);
  return rng.weighted<EmploymentStatus>([
    ['self_employed', 45],
    ['not_in_labour_force', 50],
    ['contract', age < 60 ? 5 : 0],
  ]);
}

/** Completed education level, consistent with age and the adult-education decision. */
function educationFor(
  rng: Random,
  age: number,
  attending: boolean,
  undereducated: boolean,
  ethnicity: Ethnicity,
): EducationLevel {
  if (age <= 10) return 'none';
  if (age <= 14) return 'primary';
  if (age === 15) return rng.chance(attending ? 0.7 : 0.5) ? 'lower_secondary' : 'primary';
  if (age <= 17) return undereducated ? (rng.chance(0.2) ? 'none' : 'primary') : 'lower_secondary';
  if (age <= 30) {
    if (undereducated) return rng.weighted(YOUNG_ADULT_UNQUALIFIED);
    return attending ? 'upper_secondary' : rng.weighted(YOUNG_ADULT_QUALIFIED[ethnicity]);
  }
  const level = rng.weighted(ADULT_EDUCATION[ethnicity]);
  // Older generations had less schooling.
  if (age >= 60 && rng.chance(0.4)) {
    return level === 'none' || level === 'primary' ? 'none' : 'primary';
  }
  return level;
}
