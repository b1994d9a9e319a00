import { describe, expect, it } from 'vitest';
import {
  MixedStandardsError,
  emptyTally,
  mergeTallies,
  summarize,
  type PovertySummary,
} from '../../../src/domain/poverty/index.js';
import { standards, std2022, std2027 } from './poverty-fixtures.js';

const households = [
  { id: 'A', year: 2025, area: 'rural', incomePerCapita: 1_000_000, deprivations: ['employment', 'dependants', 'nutrition', 'health_insurance'], unitCode: 'U1', ethnicMinority: true },
  { id: 'B', year: 2025, area: 'rural', incomePerCapita: 1_400_000, deprivations: ['latrine'], unitCode: 'U1', ethnicMinority: false },
  { id: 'C', year: 2025, area: 'urban', incomePerCapita: 5_000_000, deprivations: ['water_source', 'latrine', 'telecom'], unitCode: 'U2' },
  { id: 'D', year: 2025, area: 'rural', incomePerCapita: 2_000_000, farmHousehold: true, deprivations: [] },
  { id: 'E', year: 2025, area: 'rural' },
];

function summaryOf(groupBy?: 'unit' | 'ethnicity'): PovertySummary {
  const out = summarize(households, standards, { groupBy });
  if (!out.ok) throw new Error('expected a summary');
  return out.summary;
}

const zeroCodes = Object.fromEntries(std2022.indicators.map((i) => [i.code, 0]));

describe('summary of classified households (SPEC §5.6)', () => {
  it('counts, rates and deprivations by status', () => {
    const s = summaryOf();
    expect(s.standard).toBe('VN-MPS-2022');
    expect(s.households).toBe(4);
    expect(s.invalid).toBe(1);
    expect(s.counts).toEqual({ poor: 1, near_poor: 1, average: 1, not_poor: 1 });
    expect(s.rates).toEqual({ poor: 0.25, near_poor: 0.25, average: 0.25, not_poor: 0.25 });
    expect(s.deprivations.poor).toEqual({ ...zeroCodes, employment: 1, dependants: 1, nutrition: 1, health_insurance: 1 });
    expect(s.deprivations.near_poor).toEqual({ ...zeroCodes, latrine: 1 });
    expect(s).not.toHaveProperty('groups');
  });

  it('Alkire–Foster measures with k = 3 and equal weights over households', () => {
    const { af } = summaryOf();
    expect(af.k).toBe(3);
    expect(af.H).toBe(0.5); // A (d=4) and C (d=3) of 4 households
    expect(af.A).toBeCloseTo(7 / 24, 15);
    expect(af.M0).toBeCloseTo(7 / 48, 15);
    expect(af.M0).toBe(af.H * af.A);
    const censored = ['employment', 'dependants', 'nutrition', 'health_insurance', 'water_source', 'latrine', 'telecom'];
    expect(af.censoredHeadcount).toEqual({ ...zeroCodes, ...Object.fromEntries(censored.map((c) => [c, 0.25])) });
    for (const code of censored) expect(af.contribution[code]).toBeCloseTo(100 / 7, 12);
    expect(af.contribution.housing_area).toBe(0);
  });

  it('groups by unit, records without a unit under "unknown", sorted by key', () => {
    const s = summaryOf('unit');
    expect(s.groups?.map((g) => [g.key, g.households, g.invalid])).toEqual([
      ['U1', 2, 0],
      ['U2', 1, 0],
      ['unknown', 1, 0],
    ]);
    const first = s.groups?.[0];
    expect(Object.keys(first ?? {})[0]).toBe('key');
    expect(first).not.toHaveProperty('groups');
    expect(first?.counts).toEqual({ poor: 1, near_poor: 1, average: 0, not_poor: 0 });
    expect(first?.af.H).toBe(0.5);
  });

  it('groups by ethnicity into ethnic_minority, other and unknown', () => {
    const s = summaryOf('ethnicity');
    expect(s.groups?.map((g) => [g.key, g.households])).toEqual([
      ['ethnic_minority', 1],
      ['other', 1],
      ['unknown', 2],
    ]);
    expect(s.invalid).toBe(1);
  });

  it('contributions are all 0 when nobody lacks k indicators', () => {
    const out = summarize([households[1], households[3]], standards);
    expect(out.ok && out.summary.af).toMatchObject({ H: 0, A: 0, M0: 0, contribution: zeroCodes, censoredHeadcount: zeroCodes });
  });

  it('with only invalid records, prints zeros and no standard', () => {
    const out = summarize([{ id: 'X' }, 7], standards, { groupBy: 'unit' });
    expect(out).toEqual({
      ok: true,
      summary: {
        standard: null,
        households: 0,
        invalid: 2,
        counts: { poor: 0, near_poor: 0, average: 0, not_poor: 0 },
        rates: { poor: 0, near_poor: 0, average: 0, not_poor: 0 },
        deprivations: { poor: {}, near_poor: {} },
        af: { k: null, H: 0, A: 0, M0: 0, censoredHeadcount: {}, contribution: {} },
        groups: [],
      },
    });
  });

  it('uses the 2027 indicator set for 2027 households', () => {
    const out = summarize([{ id: 'Z', year: 2027, area: 'rural', incomePerCapita: 2_200_000, deprivations: ['waste', 'telecom', 'latrine'] }], standards);
    if (!out.ok) throw new Error('expected a summary');
    expect(Object.keys(out.summary.deprivations.poor)).toEqual(std2027.indicators.map((i) => i.code));
    expect(out.summary.deprivations.poor.waste).toBe(1);
    expect(out.summary.af.A).toBeCloseTo(3 / 12, 15);
  });

  it('refuses mixed standards', () => {
    const mixed = [...households, { id: 'F', year: 2027, area: 'rural', incomePerCapita: 1, deprivations: [] }];
    expect(summarize(mixed, standards)).toEqual({ ok: false, mixedStandards: ['VN-MPS-2022', 'VN-MPS-2027'] });
  });

  it('merging tallies of different standards throws', () => {
    expect(() => mergeTallies(emptyTally(std2022), emptyTally(std2027))).toThrow(MixedStandardsError);
    const merged = mergeTallies(emptyTally(null), emptyTally(std2027));
    expect(merged.standard?.id).toBe('VN-MPS-2027');
  });
});
