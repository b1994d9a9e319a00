import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SummaryBuilder,
  assessHousehold,
  classifyAssessment,
  emptyTally,
  formatOutcome,
  mergeTallies,
  summarize,
  summaryFromTally,
  type HouseholdStatus,
  type PovertyStandard,
} from '../../../src/domain/poverty/index.js';
import { classified, standards, std2022, std2027 } from './poverty-fixtures.js';

const RANK: Record<HouseholdStatus, number> = { poor: 0, near_poor: 1, average: 2, not_poor: 3 };
const yearOf = (s: PovertyStandard) => (s === std2022 ? 2025 : 2028);

const standardArb = fc.constantFrom(std2022, std2027);
const areaArb = fc.constantFrom('rural' as const, 'urban' as const);
const subsetOf = (s: PovertyStandard) => fc.subarray(s.indicators.map((i) => i.code));
const incomeArb = fc.integer({ min: 0, max: 10_000_000 });

function status(rec: Record<string, unknown>): HouseholdStatus {
  return classified(classifyAssessment(rec, standards)).status;
}

describe('classification properties', () => {
  it('more income never makes a household poorer', () => {
    fc.assert(
      fc.property(
        standardArb.chain((s) => fc.tuple(fc.constant(s), subsetOf(s))),
        areaArb, fc.boolean(), incomeArb, incomeArb,
        ([s, deprivations], area, farmHousehold, a, b) => {
          const base = { id: 'P', year: yearOf(s), area, farmHousehold, deprivations };
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(RANK[status({ ...base, incomePerCapita: high })]).toBeGreaterThanOrEqual(RANK[status({ ...base, incomePerCapita: low })]);
        },
      ),
    );
  });

  it('adding a deprivation never turns a household less poor (poor stays poor)', () => {
    fc.assert(
      fc.property(
        standardArb.chain((s) => fc.tuple(fc.constant(s), subsetOf(s), fc.constantFrom(...s.indicators.map((i) => i.code)))),
        areaArb, fc.boolean(), incomeArb,
        ([s, deprivations, extra], area, farmHousehold, income) => {
          fc.pre(!deprivations.includes(extra));
          const base = { id: 'P', year: yearOf(s), area, farmHousehold, incomePerCapita: income };
          const before = status({ ...base, deprivations });
          const after = status({ ...base, deprivations: [...deprivations, extra] });
          expect(RANK[after]).toBeLessThanOrEqual(RANK[before]);
          if (before === 'poor') expect(after).toBe('poor');
        },
      ),
    );
  });

  it('the score path and the income path agree where the cut-offs correspond', () => {
    fc.assert(
      fc.property(areaArb, subsetOf(std2022), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), (area, deprivations, within, t) => {
        const line = std2022.incomeLines[area].value;
        const cutoff = std2022.scoreACutoffs?.[area].value ?? 0;
        const income = within ? Math.floor(t * line) : line + 1 + Math.floor(t * 5_000_000);
        const score = within ? t * cutoff : cutoff + 0.01 + t * 200;
        const base = { id: 'P', year: 2024, area, farmHousehold: false, deprivations };
        expect(status({ ...base, scoreA: score })).toBe(status({ ...base, incomePerCapita: income }));
      }),
    );
  });

  it('never throws, whatever the record', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const a = assessHousehold(value, standards);
        expect(typeof a.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    const near = fc.record({
      id: fc.oneof(fc.string(), fc.constant(null)),
      year: fc.oneof(fc.integer({ min: 2019, max: 2033 }), fc.string()),
      area: fc.constantFrom('rural', 'urban', 'x', null),
      incomePerCapita: fc.oneof(fc.integer(), fc.double(), fc.constant(null)),
      scoreA: fc.oneof(fc.constant(undefined), fc.double()),
      deprivations: fc.oneof(fc.array(fc.string()), subsetOf(std2022), fc.constant(null)),
      facts: fc.oneof(fc.constant(undefined), fc.object()),
    }, { requiredKeys: [] });
    fc.assert(
      fc.property(near, (value) => {
        const out = classifyAssessment(value, standards, { lang: 'en' });
        if ('error' in out) expect(out.error.message.length).toBeGreaterThan(0);
        else expect(out.scoreB).toBe(10 * out.deprivationCount);
      }),
      { numRuns: 500 },
    );
  });

  it('facts give deprivations of the standard, in its order, and losing internet only adds telecom', () => {
    const memberArb = fc.record({
      birthDate: fc.date({ min: new Date('1930-01-01'), max: new Date('2025-10-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      sex: fc.constantFrom('male', 'female'),
      employment: fc.constantFrom('contract', 'informal_wage', 'self_employed', 'unemployed', 'not_in_labour_force'),
      healthInsurance: fc.boolean(),
      attendingSchool: fc.boolean(),
      educationLevel: fc.constantFrom('none', 'primary', 'lower_secondary', 'upper_secondary', 'vocational', 'college_or_higher'),
      socialAllowance: fc.option(fc.boolean(), { nil: undefined }),
      stunted: fc.option(fc.boolean(), { nil: undefined }),
    }, { requiredKeys: ['birthDate', 'sex', 'employment', 'healthInsurance', 'attendingSchool', 'educationLevel'] });
    const factsArb = fc.record({
      surveyDate: fc.constant('2025-10-01'),
      members: fc.array(memberArb, { minLength: 1, maxLength: 8 }),
      floorAreaM2: fc.integer({ min: 0, max: 120 }),
      durableWalls: fc.boolean(),
      durableFrame: fc.boolean(),
      durableRoof: fc.boolean(),
      waterSource: fc.constantFrom('piped', 'borehole', 'surface', 'other'),
      latrine: fc.constantFrom('septic', 'none', 'pour_flush'),
      informationDevices: fc.boolean(),
      wasteCollected: fc.boolean(),
    });
    fc.assert(
      fc.property(standardArb, factsArb, areaArb, incomeArb, (s, facts, area, income) => {
        const base = { id: 'F', year: yearOf(s), area, incomePerCapita: income };
        const online = classified(classifyAssessment({ ...base, facts: { ...facts, internetUse: true } }, standards));
        const offline = classified(classifyAssessment({ ...base, facts: { ...facts, internetUse: false } }, standards));
        const order = s.indicators.map((i) => i.code);
        const indexes = offline.deprivations.map((c) => order.indexOf(c));
        expect(indexes.every((x, i) => x >= 0 && (i === 0 || x > (indexes[i - 1] ?? -1)))).toBe(true);
        expect(offline.deprivations.filter((c) => c !== 'telecom')).toEqual(online.deprivations);
        expect(offline.deprivations).toContain('telecom');
        expect(RANK[offline.status]).toBeLessThanOrEqual(RANK[online.status]);
      }),
      { numRuns: 200 },
    );
  });

  it('formats a classified household exactly as JSON.stringify would', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'binary' }), subsetOf(std2022), incomeArb, (id, deprivations, income) => {
        fc.pre(id.trim() !== '');
        const out = classifyAssessment({ id, year: 2025, area: 'urban', incomePerCapita: income, deprivations }, standards);
        expect(formatOutcome(out)).toBe(JSON.stringify(out));
      }),
    );
  });
});

const unitArb = fc.option(fc.constantFrom('23575', '23578', '52001', 'unknown-ish'), { nil: undefined });
const recordArb = fc.oneof(
  { weight: 9, arbitrary: fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }).map((s) => `H${s}`),
    year: fc.integer({ min: 2022, max: 2026 }),
    area: areaArb,
    farmHousehold: fc.boolean(),
    incomePerCapita: fc.integer({ min: 0, max: 4_000_000 }),
    deprivations: subsetOf(std2022),
    unitCode: unitArb,
    ethnicMinority: fc.option(fc.boolean(), { nil: undefined }),
  }) },
  { weight: 1, arbitrary: fc.record({ id: fc.constant('BAD'), year: fc.constant(2025) }) },
);

describe('summary properties', () => {
  it('counts sum to households, rates to 1, contributions to 100, and M0 = H × A', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 60 }), (records) => {
        const out = summarize(records, standards, { groupBy: 'unit' });
        if (!out.ok) throw new Error('single standard expected');
        for (const s of [out.summary, ...(out.summary.groups ?? [])]) {
          const { counts, rates, af } = s;
          expect(counts.poor + counts.near_poor + counts.average + counts.not_poor).toBe(s.households);
          if (s.households > 0) expect(Math.abs(rates.poor + rates.near_poor + rates.average + rates.not_poor - 1)).toBeLessThan(1e-9);
          const total = Object.values(af.contribution).reduce((a, b) => a + b, 0);
          if (af.M0 === 0) expect(Object.values(af.contribution).every((v) => v === 0)).toBe(true);
          else expect(Math.abs(total - 100)).toBeLessThan(1e-9);
          expect(Math.abs(af.M0 - af.H * af.A)).toBeLessThanOrEqual(1e-15);
          expect(af.H).toBeGreaterThanOrEqual(0);
          expect(af.H).toBeLessThanOrEqual(1);
          expect(af.A === 0 || af.A >= 3 / 12).toBe(true);
        }
        expect(out.summary.households + out.summary.invalid).toBe(records.length);
      }),
    );
  });

  it('grouping then merging equals the ungrouped summary', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 60 }), fc.constantFrom('unit' as const, 'ethnicity' as const), (records, groupBy) => {
        const builder = new SummaryBuilder(groupBy);
        for (const r of records) {
          const a = assessHousehold(r, standards);
          if (a.ok) builder.add(a);
          else builder.addInvalid();
        }
        const ungrouped = summarize(records, standards);
        if (!ungrouped.ok) throw new Error('single standard expected');
        const groups = builder.groupTallies().map(([, t]) => t);
        const start = emptyTally(builder.totalTally().standard);
        start.invalid = builder.totalTally().invalid;
        const merged = groups.reduce(mergeTallies, start);
        expect(summaryFromTally(merged)).toEqual(ungrouped.summary);
        const grouped = builder.build();
        expect(grouped.groups?.reduce((n, g) => n + g.households, 0)).toBe(ungrouped.summary.households);
        expect({ ...grouped, groups: undefined }).toEqual({ ...ungrouped.summary, groups: undefined });
      }),
    );
  });
});
