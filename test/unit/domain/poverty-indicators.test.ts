import { describe, expect, it } from 'vitest';
import { birthDateFor, classified, classify, derive, facts, member, std2022, std2027 } from './poverty-fixtures.js';

const adult = (o: Record<string, unknown> = {}) => member(o);
const aged = (years: number, o: Record<string, unknown> = {}, days = 0) =>
  member({ birthDate: birthDateFor(years, undefined, days), employment: 'not_in_labour_force', educationLevel: 'none', ...o });
/** A child in school who lacks nothing. */
const child = (years: number, o: Record<string, unknown> = {}, days = 0) => aged(years, { attendingSchool: true, ...o }, days);

type Side = readonly [label: string, facts: Record<string, unknown>];
interface IndicatorCase {
  readonly code: string;
  readonly deprived: readonly Side[];
  readonly notDeprived: readonly Side[];
}

const indicatorCases: IndicatorCase[] = [
  {
    code: 'employment',
    deprived: [
      ['working-age member unemployed', facts({ members: [adult({ employment: 'unemployed' })] })],
      ['working-age member in informal wage work', facts({ members: [adult({ employment: 'informal_wage' })] })],
    ],
    notDeprived: [
      ['self-employed adult', facts({ members: [adult({ employment: 'self_employed' })] })],
      ['adult out of the labour force', facts({ members: [adult({ employment: 'not_in_labour_force' })] })],
      ['unemployed 14-year-old', facts({ members: [adult(), child(14, { employment: 'unemployed' })] })],
      ['unemployed man of 70', facts({ members: [adult(), aged(70, { employment: 'unemployed' })] })],
    ],
  },
  {
    code: 'dependants',
    deprived: [
      ['2 of 3 under 16, one a day short of 16', facts({ members: [adult(), child(5), child(16, {}, 1)] })],
      ['adult on social allowance alone', facts({ members: [adult({ socialAllowance: true })] })],
    ],
    notDeprived: [
      ['1 of 2 under 16 (exactly half)', facts({ members: [adult(), child(15)] })],
      ['16th birthday on the survey date ends dependency', facts({ members: [adult(), child(5), aged(16, { attendingSchool: true })] })],
    ],
  },
  {
    code: 'nutrition',
    deprived: [
      ['stunted child of 15', facts({ members: [adult(), child(15, { stunted: true })] })],
      ['underweight infant', facts({ members: [adult(), child(0, { underweight: true, attendingSchool: false })] })],
      ['stunted, a day short of 16', facts({ members: [adult(), child(16, { stunted: true }, 1)] })],
    ],
    notDeprived: [
      ['stunted member of 16', facts({ members: [adult(), aged(16, { stunted: true, attendingSchool: true })] })],
      ['flags absent (default false)', facts({ members: [adult(), child(10)] })],
    ],
  },
  {
    code: 'health_insurance',
    deprived: [
      ['uninsured child on the 6th birthday', facts({ members: [adult(), child(6, { healthInsurance: false })] })],
      ['uninsured adult', facts({ members: [adult({ healthInsurance: false })] })],
    ],
    notDeprived: [
      ['uninsured child one day before 6', facts({ members: [adult(), child(6, { healthInsurance: false }, 1)] })],
      ['uninsured child of 5 (DOMAIN §10 #20)', facts({ members: [adult(), child(5, { healthInsurance: false })] })],
    ],
  },
  {
    code: 'adult_education',
    deprived: [
      ['16, out of school, primary only', facts({ members: [adult(), aged(16, { educationLevel: 'primary' })] })],
      ['20, out of school, lower secondary only (DOMAIN #22)', facts({ members: [adult(), aged(20, { educationLevel: 'lower_secondary' })] })],
      ['30, out of school, no schooling', facts({ members: [adult(), aged(30, { educationLevel: 'none' })] })],
      ['18th birthday, lower secondary only', facts({ members: [adult(), aged(18, { educationLevel: 'lower_secondary' })] })],
    ],
    notDeprived: [
      ['17, lower secondary (DOMAIN #21)', facts({ members: [adult(), aged(17, { educationLevel: 'lower_secondary' })] })],
      ['18, vocational', facts({ members: [adult(), aged(18, { educationLevel: 'vocational' })] })],
      ['25, college', facts({ members: [adult(), aged(25, { educationLevel: 'college_or_higher' })] })],
      ['20, primary but attending school', facts({ members: [adult(), aged(20, { educationLevel: 'primary', attendingSchool: true })] })],
      ['31, no schooling', facts({ members: [adult(), aged(31, { educationLevel: 'none' })] })],
      ['16 one day short, no schooling', facts({ members: [adult(), aged(16, { educationLevel: 'none', attendingSchool: false }, 1)] })],
    ],
  },
  {
    code: 'school_attendance',
    deprived: [
      ['child of 3 at home', facts({ members: [adult(), child(3, { attendingSchool: false })] })],
      ['child of 15 at home (DOMAIN #23)', facts({ members: [adult(), child(15, { attendingSchool: false })] })],
    ],
    notDeprived: [
      ['child one day short of 3 at home', facts({ members: [adult(), child(3, { attendingSchool: false }, 1)] })],
      ['16-year-old at home with lower secondary', facts({ members: [adult(), aged(16, { educationLevel: 'lower_secondary' })] })],
    ],
  },
  {
    code: 'housing_quality',
    deprived: [
      ['walls and roof non-durable (DOMAIN #24b)', facts({ durableWalls: false, durableRoof: false })],
      ['all three non-durable', facts({ durableWalls: false, durableFrame: false, durableRoof: false })],
    ],
    notDeprived: [['only the roof non-durable (DOMAIN #24)', facts({ durableRoof: false })]],
  },
  {
    code: 'housing_area',
    deprived: [
      ['5 members in 35 m² (DOMAIN #16)', facts({ members: [adult(), adult(), adult(), adult(), adult()], floorAreaM2: 35 })],
      ['1 member in 7.99 m²', facts({ floorAreaM2: 7.99 })],
    ],
    notDeprived: [
      ['4 members in 32 m² (DOMAIN #17)', facts({ members: [adult(), adult(), adult(), adult()], floorAreaM2: 32 })],
      ['1 member in 8 m²', facts({ floorAreaM2: 8 })],
    ],
  },
  {
    code: 'water_source',
    deprived: ['unprotected_well', 'unprotected_spring', 'surface', 'other'].map((w): Side => [w, facts({ waterSource: w })]),
    notDeprived: ['piped', 'borehole', 'protected_well', 'protected_spring', 'rainwater', 'bottled'].map((w): Side => [w, facts({ waterSource: w })]),
  },
  {
    code: 'latrine',
    deprived: ['unimproved_pit', 'none', 'other'].map((l): Side => [l, facts({ latrine: l })]),
    notDeprived: ['septic', 'semi_septic', 'pour_flush', 'double_vault', 'ventilated_pit'].map((l): Side => [l, facts({ latrine: l })]),
  },
  {
    code: 'telecom',
    deprived: [['no internet use', facts({ internetUse: false })]],
    notDeprived: [['internet use', facts({ internetUse: true })]],
  },
  {
    code: 'information_access',
    deprived: [['no information devices', facts({ informationDevices: false })]],
    notDeprived: [['information devices', facts({ informationDevices: true })]],
  },
];

describe('indicators derived from facts (SPEC §5.3; DOMAIN §10 #16–24b, [P]/[U] rules)', () => {
  for (const c of indicatorCases) {
    describe(c.code, () => {
      it.each(c.deprived)('lacks it: %s', (_label, f) => {
        expect(derive(f)).toContain(c.code);
      });
      it.each(c.notDeprived)('does not lack it: %s', (_label, f) => {
        expect(derive(f)).not.toContain(c.code);
      });
    });
  }

  it('a household with nothing lacking has no deprivations under both standards', () => {
    expect(derive(facts(), 2025)).toEqual([]);
    expect(derive(facts(), 2027)).toEqual([]);
  });

  it('DOMAIN #18/#19: 3 of 5 dependants lack it, 2 of 4 do not', () => {
    expect(derive(facts({ members: [adult(), adult(), child(4), child(8), child(12)], floorAreaM2: 50 }))).toContain('dependants');
    expect(derive(facts({ members: [adult(), adult(), child(4), child(8)] }))).not.toContain('dependants');
  });

  it('one affected member is enough, and the count is per household', () => {
    const many = facts({ members: [adult({ employment: 'unemployed' }), adult({ employment: 'informal_wage' })] });
    expect(derive(many).filter((code) => code === 'employment')).toHaveLength(1);
  });
});

describe('2027 indicator set', () => {
  it('waste is derived from wasteCollected, and information_access is not used', () => {
    expect(derive(facts({ wasteCollected: false }), 2027)).toEqual(['waste']);
    expect(derive(facts({ informationDevices: false }), 2027)).toEqual([]);
    expect(derive(facts({ wasteCollected: false }), 2025)).toEqual([]);
  });

  it('ignores facts the standard does not use, even when missing or malformed', () => {
    const { informationDevices: _unused, ...without2027Fact } = facts();
    expect(derive({ ...without2027Fact, informationDevices: 'maybe' }, 2027)).toEqual([]);
    const { wasteCollected: _waste, ...without2022Fact } = facts();
    expect(derive(without2022Fact, 2025)).toEqual([]);
  });

  it('the two standards list 12 indicators each', () => {
    expect(std2022.indicators.map((i) => i.code)).toEqual([
      'employment', 'dependants', 'nutrition', 'health_insurance', 'adult_education', 'school_attendance',
      'housing_quality', 'housing_area', 'water_source', 'latrine', 'telecom', 'information_access',
    ]);
    expect(std2027.indicators.map((i) => i.code)).toEqual([
      'employment', 'dependants', 'nutrition', 'health_insurance', 'adult_education', 'school_attendance',
      'housing_quality', 'housing_area', 'water_source', 'latrine', 'telecom', 'waste',
    ]);
  });
});

describe('facts → classification end to end', () => {
  it('DOMAIN #1-like household from facts: 4 deprivations and poor', () => {
    const f = facts({
      members: [adult({ healthInsurance: false }), adult(), adult(), adult(), adult()],
      latrine: 'none',
      waterSource: 'surface',
      durableWalls: false,
      durableRoof: false,
      floorAreaM2: 60,
    });
    const out = classified(classify({ id: 'A', year: 2025, area: 'rural', incomePerCapita: 1_200_000, facts: f }));
    expect(out).toMatchObject({
      status: 'poor',
      deprivations: ['health_insurance', 'housing_quality', 'water_source', 'latrine'],
      deprivationCount: 4,
      scoreB: 40,
    });
  });

  it('null optional member facts count as false', () => {
    const f = facts({ members: [adult({ socialAllowance: null, stunted: null, underweight: null })] });
    expect(derive(f)).toEqual([]);
  });
});
