/** Target evaluation, rates from counts and the cascade check (src/domain/targets). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actualOf,
  addCounts,
  checkCascade,
  denominatorOf,
  EMPTY_COUNTS,
  evaluateTarget,
  markStandardBreaks,
  percent,
  ratesOf,
  satisfies,
} from '../../src/domain/targets/index.js';

describe('the published Gia Lai arithmetic (DOMAIN §6.4)', () => {
  it('poor rate 12.09 % → 10.06 % is −2.03 points: the −2 target is met', () => {
    const result = evaluateTarget({ kind: 'change_points', value: -2, comparator: 'at_most' }, { baseline: 12.09, actual: 10.06 });
    expect(result).toEqual({ measured: -2.03, met: true, shortfall: 0, mark: 'on_track' });
  });

  it('ethnic-minority rate 21.26 % → 17.05 % is −4.21 points: "more than −3" is met', () => {
    const result = evaluateTarget({ kind: 'change_points', value: -3, comparator: 'less_than' }, { baseline: 21.26, actual: 17.05 });
    expect(result.measured).toBe(-4.21);
    expect(result.mark).toBe('on_track');
  });

  it('the rates come from counts: 38,550 of ≈383,200 households; EM 34,387 of ≈161,700', () => {
    const rates = ratesOf({ households: 383_200, poor: 38_550, nearPoor: 37_253, ethnicMinorityHouseholds: 161_700, ethnicMinorityPoor: 34_387, escapedPoverty: 0 });
    expect(rates.poor_rate!.toFixed(2)).toBe('10.06');
    expect(rates.ethnic_minority_poor_rate!.toFixed(2)).toBe('21.27');
    expect(rates.near_poor_rate!.toFixed(2)).toBe('9.72');
  });

  it('Kông Chro 2020 (old standard) fell 7.24 points against −5: met', () => {
    expect(evaluateTarget({ kind: 'change_points', value: -5, comparator: 'at_most' }, { baseline: 40, actual: 32.76 }).met).toBe(true);
  });
});

describe('evaluateTarget', () => {
  const minusTwo = { kind: 'change_points', value: -2, comparator: 'at_most' } as const;

  it('exactly −2 meets "at most −2" but exactly −3 misses "less than −3"', () => {
    expect(evaluateTarget(minusTwo, { baseline: 12.09, actual: 10.09 }).met).toBe(true);
    expect(evaluateTarget({ kind: 'change_points', value: -3, comparator: 'less_than' }, { baseline: 20, actual: 17 }).met).toBe(false);
  });

  it('misses within half a point are at risk, further off track', () => {
    expect(evaluateTarget(minusTwo, { baseline: 12, actual: 10.4 })).toEqual({ measured: -1.6, met: false, shortfall: 0.4, mark: 'at_risk' });
    expect(evaluateTarget(minusTwo, { baseline: 12, actual: 10.5 }).mark).toBe('at_risk');
    expect(evaluateTarget(minusTwo, { baseline: 12, actual: 11 }).mark).toBe('off_track');
    expect(evaluateTarget(minusTwo, { baseline: 12, actual: 12.5 }).mark).toBe('off_track');
  });

  it('a rate already at 0 % meets a target to fall: nothing is left to reduce', () => {
    expect(evaluateTarget(minusTwo, { baseline: 0, actual: 0 })).toMatchObject({ measured: 0, met: true, mark: 'on_track' });
    expect(evaluateTarget(minusTwo, { baseline: 1, actual: 0 }).met).toBe(true);
  });

  it('without an actual, or a change without a baseline, there is no data', () => {
    expect(evaluateTarget(minusTwo, { baseline: null, actual: 10 }).mark).toBe('no_data');
    expect(evaluateTarget({ kind: 'level', value: 10, comparator: 'at_most' }, { baseline: null, actual: null }).mark).toBe('no_data');
  });

  it('level targets compare the rate itself; count targets have a 10 % margin', () => {
    expect(evaluateTarget({ kind: 'level', value: 6.11, comparator: 'at_most' }, { baseline: null, actual: 6.07 }).met).toBe(true);
    expect(evaluateTarget({ kind: 'level', value: 100, comparator: 'at_least' }, { baseline: null, actual: 92 }, { isCount: true }).mark).toBe('at_risk');
    expect(evaluateTarget({ kind: 'level', value: 100, comparator: 'at_least' }, { baseline: null, actual: 89 }, { isCount: true }).mark).toBe('off_track');
  });

  it('marks agree with satisfies for any rates (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: -800, max: 0 }), (b, a, t) => {
        const rule = { kind: 'change_points' as const, value: t / 100, comparator: 'at_most' as const };
        const result = evaluateTarget(rule, { baseline: b / 100, actual: a / 100 });
        expect(result.met).toBe(satisfies((a - b) / 100, 'at_most', t / 100));
        expect(result.mark === 'on_track').toBe(result.met);
        expect(result.shortfall).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('rates from counts', () => {
  it('the ethnic-minority rate is over ethnic-minority households, not all households', () => {
    const rates = ratesOf({ households: 10, poor: 3, nearPoor: 1, ethnicMinorityHouseholds: 4, ethnicMinorityPoor: 2, escapedPoverty: 0 });
    expect(rates).toEqual({ poor_rate: 30, near_poor_rate: 10, ethnic_minority_poor_rate: 50, other_poor_rate: 100 / 6, support_plan_share: null });
  });

  it('the support-plan share is over poor households, and unknown when plans were not counted', () => {
    const counts = { households: 200, poor: 40, nearPoor: 10, ethnicMinorityHouseholds: 80, ethnicMinorityPoor: 30, escapedPoverty: 0, poorWithPlan: 30 };
    expect(ratesOf(counts).support_plan_share).toBe(75);
    expect(actualOf('support_plan_share', counts)).toBe(75);
    expect(actualOf('support_plan_share', { ...counts, poorWithPlan: undefined })).toBeNull();
    expect(ratesOf(addCounts(counts, { ...counts, poor: 10, poorWithPlan: 0 })).support_plan_share).toBe(60);
    // A target that every poor household has a plan: 75 % is 25 points short.
    expect(evaluateTarget({ kind: 'level', value: 100, comparator: 'at_least' }, { baseline: null, actual: 75 })).toEqual({ measured: 75, met: false, shortfall: 25, mark: 'off_track' });
  });

  it('units are weighted by the households their rate is taken over', () => {
    const counts = { households: 200, poor: 40, nearPoor: 10, ethnicMinorityHouseholds: 80, ethnicMinorityPoor: 30, escapedPoverty: 5, poorWithPlan: 30 };
    expect(denominatorOf('poor_rate', counts)).toBe(200);
    expect(denominatorOf('near_poor_rate', counts)).toBe(200);
    expect(denominatorOf('ethnic_minority_poor_rate', counts)).toBe(80);
    expect(denominatorOf('support_plan_share', counts)).toBe(40);
    expect(denominatorOf('escaped_poverty', counts)).toBeNull();
  });

  it('no households gives no rate rather than 0 %', () => {
    expect(percent(0, 0)).toBeNull();
    expect(ratesOf(EMPTY_COUNTS).poor_rate).toBeNull();
  });

  it('units add up by households: the rate of a sum is not the mean of rates', () => {
    const a = { ...EMPTY_COUNTS, households: 100, poor: 50 };
    const b = { ...EMPTY_COUNTS, households: 900, poor: 90 };
    expect(ratesOf(addCounts(a, b)).poor_rate).toBe(14);
  });
});

describe('checkCascade (units add up to the province by households)', () => {
  it('weights each unit by its households, not by averaging its target', () => {
    const check = checkCascade({ value: -2, comparator: 'at_most' }, 1000, [
      { unitCode: 'A', value: -5, baseHouseholds: 200 },
      { unitCode: 'B', value: -1, baseHouseholds: 800 },
    ]);
    expect(check).toEqual({ impliedChange: -1.8, unweightedMean: -3, consistent: false, uncoveredHouseholds: 0 });
  });

  it('is consistent when the households moved reach the province target; uncovered units count as no change', () => {
    const units = [
      { unitCode: 'A', value: -5, baseHouseholds: 200 },
      { unitCode: 'B', value: -1.5, baseHouseholds: 700 },
    ];
    expect(checkCascade({ value: -2, comparator: 'at_most' }, 900, units).impliedChange).toBe(-2.2778);
    expect(checkCascade({ value: -2, comparator: 'at_most' }, 900, units).consistent).toBe(true);
    const withUncovered = checkCascade({ value: -2, comparator: 'at_most' }, 1000, units);
    expect(withUncovered.impliedChange).toBe(-2.05);
    expect(withUncovered.uncoveredHouseholds).toBe(100);
  });
});

describe('markStandardBreaks', () => {
  it('flags the first point under a new standard', () => {
    const points = markStandardBreaks([
      { year: 2020, standard: 'VN-MPS-2016' },
      { year: 2021, standard: 'VN-MPS-2022' },
      { year: 2022, standard: 'VN-MPS-2022' },
    ]);
    expect(points.map((p) => p.standardBreak)).toEqual([false, true, false]);
  });
});
