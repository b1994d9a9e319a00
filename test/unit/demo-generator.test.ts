/**
 * The synthetic demo province: deterministic, valid input for the poverty engine, shaped like
 * Gia Lai's end-2021 baseline when classified by the SPEC §5 rules, and internally consistent
 * (unique codes and IDs, ages that fit the relations, every commune filled).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readReferenceData } from '../../src/db/reference/index.js';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  LATRINE_TYPES,
  WATER_SOURCES,
  assessHousehold,
  completedYears,
  parseIsoDate,
  type HouseholdStatus,
  type PovertyStandard,
} from '../../src/domain/poverty/index.js';
import {
  DEMO_ETHNIC_CODES,
  DEMO_LABEL,
  DEMO_RELATIONS,
  type DemoCommune,
  type DemoHouseholdRecord,
  generateDemoProvince,
} from '../../src/modules/demo/demo-generator.js';
import { DEMO_SURVEY_DATE } from '../../src/modules/demo/demo-seed.js';
import { citizenIdProblem } from '../../src/modules/households/citizen-id.js';
import { assessmentRecordOf } from '../../src/modules/households/household-classification.js';

const SEED = 20_211_001;
const HOUSEHOLDS = 20_000;
const REVIEW_YEAR = 2022;
const KONG_CHRO = '630';

let communes: DemoCommune[];
let standards: PovertyStandard[];
let province: DemoHouseholdRecord[];
let statuses: HouseholdStatus[];

/** The communes of the reference data valid on `date`, as the seeder reads them from the database. */
function communesValidOn(units: Awaited<ReturnType<typeof readReferenceData>>['adminUnits'], date: string): DemoCommune[] {
  const valid = units.filter((u) => u.valid_from <= date && (u.valid_to === null || u.valid_to >= date));
  const districts = new Map(valid.filter((u) => u.level === 'district').map((u) => [u.code, u.name]));
  return valid
    .filter((u) => u.level === 'commune')
    .map((u) => ({
      code: u.code,
      name: u.name,
      districtCode: u.parent_code ?? '',
      area: u.area ?? 'rural',
      districtName: districts.get(u.parent_code ?? ''),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

function generate(seed: number, households: number, surveyDate = DEMO_SURVEY_DATE, units = communes): DemoHouseholdRecord[] {
  return [...generateDemoProvince({ seed, households, communes: units, surveyDate })];
}

/** The household's class by the engine, as the registry computes it, for review year `year`. */
function classify({ household, members }: DemoHouseholdRecord, year = REVIEW_YEAR): HouseholdStatus {
  const assessment = assessHousehold({ ...assessmentRecordOf(household, members), year }, standards);
  if (!assessment.ok) throw new Error(`${household.code}: ${JSON.stringify(assessment.failure.error)}`);
  return assessment.result.status;
}

const ageOn = (birthDate: string, surveyDate: string): number => {
  const birth = parseIsoDate(birthDate);
  const survey = parseIsoDate(surveyDate);
  if (!birth || !survey) throw new Error(`bad date ${birthDate} / ${surveyDate}`);
  return completedYears(birth, survey);
};

/** Collects rule violations so that 20,000 households cost one assertion, not a million. */
class Problems {
  readonly list: string[] = [];

  check(ok: boolean, where: string, what: string): void {
    if (!ok && this.list.length < 20) this.list.push(`${where}: ${what}`);
  }
}

const share = (part: number, whole: number): number => (100 * part) / whole;
const isMinority = (record: DemoHouseholdRecord): boolean => record.household.head_ethnic_code !== '01';

beforeAll(async () => {
  const reference = await readReferenceData();
  standards = reference.standards;
  communes = communesValidOn(reference.adminUnits, DEMO_SURVEY_DATE);
  province = generate(SEED, HOUSEHOLDS);
  statuses = province.map((record) => classify(record));
}, 120_000);

describe('generateDemoProvince', () => {
  it('fills the 220 communes of old Gia Lai valid on the survey date', () => {
    expect(communes).toHaveLength(220);
    expect(province).toHaveLength(HOUSEHOLDS);
    const filled = new Set(province.map((r) => r.household.commune_code));
    expect([...filled].sort()).toEqual(communes.map((c) => c.code));
  });

  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    const first = generate(7, 500);
    expect(generate(7, 500)).toEqual(first);
    expect(JSON.stringify(generate(8, 500))).not.toEqual(JSON.stringify(first));
  });

  it('gives every household as valid input for the classifier', () => {
    // classify() throws on a record error; reaching here means none.
    expect(statuses).toHaveLength(HOUSEHOLDS);
  });

  it('resembles the Gia Lai baseline at the end of 2021 when classified by VN-MPS-2022', () => {
    const count = (status: HouseholdStatus): number => statuses.filter((s) => s === status).length;
    const poor = count('poor');
    const minority = province.filter(isMinority).length;
    const minorityPoor = province.filter((r, i) => statuses[i] === 'poor' && isMinority(r)).length;
    const district = new Map(communes.map((c) => [c.code, c.districtCode]));
    const kongChro = province.flatMap((r, i) => (district.get(r.household.commune_code) === KONG_CHRO ? [statuses[i]] : []));

    expect(share(poor, HOUSEHOLDS)).toBeGreaterThanOrEqual(12 - 2.5);
    expect(share(poor, HOUSEHOLDS)).toBeLessThanOrEqual(12 + 2.5);
    expect(share(count('near_poor'), HOUSEHOLDS)).toBeGreaterThanOrEqual(9 - 2.5);
    expect(share(count('near_poor'), HOUSEHOLDS)).toBeLessThanOrEqual(9 + 2.5);
    expect(share(minority, HOUSEHOLDS)).toBeGreaterThanOrEqual(42 - 4);
    expect(share(minority, HOUSEHOLDS)).toBeLessThanOrEqual(42 + 4);
    expect(share(minorityPoor, poor)).toBeGreaterThanOrEqual(89 - 4);
    expect(share(minorityPoor, poor)).toBeLessThanOrEqual(89 + 4);
    const kongChroPoor = share(kongChro.filter((s) => s === 'poor').length, kongChro.length);
    expect(kongChroPoor).toBeGreaterThanOrEqual(33 - 7);
    expect(kongChroPoor).toBeLessThanOrEqual(33 + 7);
  });

  it('sizes households 1–8 members, about 3.8 on average', () => {
    const sizes = province.map((r) => r.members.length);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(8);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(3.6);
    expect(mean).toBeLessThan(4.0);
  });

  it('makes urban units bigger than rural communes, and Kông Chro communes about average', () => {
    const perCommune = new Map<string, number>();
    for (const r of province) perCommune.set(r.household.commune_code, (perCommune.get(r.household.commune_code) ?? 0) + 1);
    const mean = (list: DemoCommune[]): number => list.reduce((sum, c) => sum + (perCommune.get(c.code) ?? 0), 0) / list.length;
    const rural = communes.filter((c) => c.area === 'rural');
    const urban = communes.filter((c) => c.area === 'urban');
    const kongChroRural = rural.filter((c) => c.districtCode === KONG_CHRO);
    expect(mean(urban)).toBeGreaterThan(1.4 * mean(rural));
    expect(mean(kongChroRural) / mean(rural)).toBeGreaterThan(0.7);
    expect(mean(kongChroRural) / mean(rural)).toBeLessThan(1.3);
  });

  it('gives unique readable household codes and unique synthetic citizen IDs to members aged 14+', () => {
    const problems = new Problems();
    const codes = province.map((r) => r.household.code);
    expect(new Set(codes).size).toBe(codes.length);
    const ids: string[] = [];
    for (const { household, members } of province) {
      problems.check(new RegExp(`^${household.commune_code}-\\d{5}$`).test(household.code), household.code, 'code');
      for (const m of members) {
        const where = `${household.code}#${m.seq}`;
        if (ageOn(m.birth_date, household.survey_date) < 14) {
          problems.check(m.citizen_id === null, where, 'a child has a citizen ID');
          continue;
        }
        const id = m.citizen_id ?? '';
        // Gia Lai's birth-place code, and a serial starting with 9: the mark of a synthetic ID.
        problems.check(/^064\d{3}9\d{5}$/.test(id), where, `citizen ID ${id}`);
        problems.check(citizenIdProblem(id, m.birth_date, m.sex) === null, where, `citizen ID ${id} refused by the registry`);
        ids.push(id);
      }
    }
    expect(problems.list).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps ages, sexes and relations consistent', () => {
    const problems = new Problems();
    for (const { household, members } of province) {
      const age = (i: number): number => ageOn(members[i]?.birth_date ?? '', household.survey_date);
      const head = members[0];
      const check = (ok: boolean, what: string): void => problems.check(ok, household.code, what);
      check(head?.relation === 'chủ hộ', 'first member is not the head');
      check(household.head_name === head?.full_name, 'head_name');
      check(household.head_ethnic_code === head?.ethnic_code, 'head_ethnic_code');
      check(members.filter((m) => m.relation === 'chủ hộ').length === 1, 'one head');
      check(age(0) >= 18, 'head under 18');
      members.forEach((m, i) => {
        const gap = age(0) - age(i);
        const what = (rule: string): string => `member ${m.seq} (${m.relation}): ${rule}`;
        check(m.seq === i + 1, what('seq'));
        check((DEMO_RELATIONS as readonly string[]).includes(m.relation), what('unknown relation'));
        if (m.relation === 'con') check(gap >= 15, what('child less than 15 years younger than the head'));
        if (m.relation === 'cháu') check(gap >= 30, what('grandchild less than 30 years younger than the head'));
        if (m.relation === 'bố' || m.relation === 'mẹ') check(-gap >= 15, what('parent less than 15 years older than the head'));
        if (m.relation === 'vợ' || m.relation === 'chồng') check(age(i) >= 18, what('spouse under 18'));
        if (['vợ', 'mẹ', 'con dâu'].includes(m.relation)) check(m.sex === 'female', what('sex'));
        if (['chồng', 'bố', 'con rể'].includes(m.relation)) check(m.sex === 'male', what('sex'));
        if (age(i) < 3) check(!m.attending_school, what('in school under 3'));
        if (age(i) < 15) check(m.employment === 'not_in_labour_force', what('working under 15'));
      });
    }
    expect(problems.list).toEqual([]);
  });

  it('fills every column with values of the SPEC §5.3 enumerations, in NFC, marked synthetic', () => {
    const problems = new Problems();
    const isNfc = (text: string): boolean => text === text.normalize('NFC');
    const within = (list: readonly string[], value: string): boolean => list.includes(value);
    for (const { household: h, members } of province) {
      const check = (ok: boolean, what: string): void => problems.check(ok, h.code, what);
      check(h.is_synthetic, 'is_synthetic');
      check(h.province_code === '52', 'province_code');
      check(h.survey_date === DEMO_SURVEY_DATE, 'survey_date');
      check(h.income_per_capita > 0 && h.income_per_capita % 10_000 === 0, 'income rounded to 10,000');
      check(h.floor_area_m2 > 0, 'floor area');
      check(within(WATER_SOURCES, h.water_source), 'water_source');
      check(within(LATRINE_TYPES, h.latrine), 'latrine');
      check(within(DEMO_ETHNIC_CODES, h.head_ethnic_code), 'head_ethnic_code');
      check([h.village, h.address, h.head_name].every(isNfc), 'NFC');
      check(h.address.includes(h.village), 'address names the village');
      for (const m of members) {
        check(within(EMPLOYMENT_STATUSES, m.employment), 'employment');
        check(within(EDUCATION_LEVELS, m.education_level), 'education_level');
        check(within(DEMO_ETHNIC_CODES, m.ethnic_code), 'ethnic_code');
        check(isNfc(m.full_name) && m.full_name.split(' ').length >= 2, `full_name ${m.full_name}`);
      }
    }
    expect(problems.list).toEqual([]);
    expect(DEMO_LABEL).toBe('Dữ liệu mô phỏng — không phải dữ liệu thật');
  });

  it('stays valid for any seed, size and survey date of the 2022–2026 standard', () => {
    const fewCommunes = communes.filter((_, i) => i % 20 === 0);
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 80 }),
        fc.date({ min: new Date('2022-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
        (seed, households, date) => {
          const surveyDate = date.toISOString().slice(0, 10);
          const records = generate(seed, households, surveyDate, fewCommunes);
          expect(records).toHaveLength(households);
          if (households >= fewCommunes.length) {
            expect(new Set(records.map((r) => r.household.commune_code)).size).toBe(fewCommunes.length);
          }
          for (const record of records) classify(record, Number(surveyDate.slice(0, 4)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses impossible options', () => {
    expect(() => generate(1, 10, '2021-02-30')).toThrow(RangeError);
    expect(() => generate(1, -1)).toThrow(RangeError);
    expect(() => generate(1, 10, DEMO_SURVEY_DATE, [])).toThrow(RangeError);
    expect(generate(1, 0)).toEqual([]);
  });
});
