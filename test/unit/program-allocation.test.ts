/** The points allocation: exact đồng, largest remainder, minimums and caps with redistribution. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AllocationError, allocateByPoints, type AllocationModel } from '../../src/domain/program/index.js';

const model: AllocationModel = {
  criteria: [
    { code: 'poor_household', coefficient: 1 },
    { code: 'near_poor_household', coefficient: 0.5 },
    { code: 'ethnic_minority_poor_household', coefficient: 0.3 },
    { code: 'poor_commune', coefficient: 10 },
  ],
};

const amounts = (result: ReturnType<typeof allocateByPoints>) =>
  Object.fromEntries(result.shares.map((share) => [share.code, share.amount]));

describe('allocateByPoints', () => {
  it('computes points from counts and coefficients and shares in proportion', () => {
    const result = allocateByPoints(1_000_000_000, model, [
      { code: 'A', counts: { poor_household: 100, near_poor_household: 40, ethnic_minority_poor_household: 50, poor_commune: 1 } },
      { code: 'B', counts: { poor_household: 50, near_poor_household: 20, ethnic_minority_poor_household: 0 } },
    ]);
    // A: 100 + 20 + 15 + 10 = 145; B: 50 + 10 = 60; 205 in all.
    expect(result.totalPoints).toBe(205);
    expect(result.shares.map((s) => s.points)).toEqual([145, 60]);
    expect(amounts(result)).toEqual({ A: 707_317_073, B: 292_682_927 });
  });

  it('gives the leftover đồng to the largest remainders, ties to more points then to the smaller code', () => {
    const result = allocateByPoints(100, { criteria: [{ code: 'x', coefficient: 1 }] }, [
      { code: 'C', counts: { x: 1 } },
      { code: 'B', counts: { x: 1 } },
      { code: 'A', counts: { x: 1 } },
    ]);
    expect(amounts(result)).toEqual({ A: 34, B: 33, C: 33 });
    const two = allocateByPoints(10, { criteria: [{ code: 'x', coefficient: 1 }] }, [
      { code: 'A', counts: { x: 1 } },
      { code: 'B', counts: { x: 2 } },
    ]);
    // exact 3⅓ and 6⅔: B has the larger remainder
    expect(amounts(two)).toEqual({ A: 3, B: 7 });
  });

  it('gives units without points nothing, outside the minimum', () => {
    const result = allocateByPoints(1_000, { ...model, minimumShare: 0.1 }, [
      { code: 'A', counts: { poor_household: 3 } },
      { code: 'Z', counts: {} },
    ]);
    expect(amounts(result)).toEqual({ A: 1_000, Z: 0 });
  });

  it('caps a unit and gives what it cannot take to the others in proportion', () => {
    const result = allocateByPoints(1_000_000, { criteria: [{ code: 'x', coefficient: 1 }], maximumShare: 0.5 }, [
      { code: 'A', counts: { x: 80 } },
      { code: 'B', counts: { x: 15 } },
      { code: 'C', counts: { x: 5 } },
    ]);
    expect(amounts(result)).toEqual({ A: 500_000, B: 375_000, C: 125_000 });
    expect(result.shares.map((s) => s.bound)).toEqual(['cap', null, null]);
  });

  it('lifts a unit to the minimum share and takes it from the others in proportion', () => {
    const result = allocateByPoints(1_000_000, { criteria: [{ code: 'x', coefficient: 1 }], minimumShare: 0.1 }, [
      { code: 'A', counts: { x: 60 } },
      { code: 'B', counts: { x: 39 } },
      { code: 'C', counts: { x: 1 } },
    ]);
    // C is fixed at 100 000; 900 000 split 60:39.
    expect(amounts(result)).toEqual({ A: 545_455, B: 354_545, C: 100_000 });
    expect(result.shares.find((s) => s.code === 'C')?.bound).toBe('minimum');
  });

  it('applies both bounds together', () => {
    const result = allocateByPoints(1_000, { criteria: [{ code: 'x', coefficient: 1 }], minimumShare: 0.2, maximumShare: 0.4 }, [
      { code: 'A', counts: { x: 90 } },
      { code: 'B', counts: { x: 5 } },
      { code: 'C', counts: { x: 3 } },
      { code: 'D', counts: { x: 2 } },
    ]);
    expect(result.shares.reduce((sum, s) => sum + s.amount, 0)).toBe(1_000);
    expect(amounts(result)).toEqual({ A: 400, B: 200, C: 200, D: 200 });
  });

  it('refuses models and inputs that cannot be allocated, naming the field', () => {
    const one = [{ code: 'A', counts: { x: 1 } }, { code: 'B', counts: { x: 1 } }];
    const x = [{ code: 'x', coefficient: 1 }];
    const fails = (fn: () => unknown, code: string, field: string) => {
      try {
        fn();
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AllocationError);
        expect(error).toMatchObject({ code, field });
      }
    };
    fails(() => allocateByPoints(-1, { criteria: x }, one), 'invalid_total', 'total');
    fails(() => allocateByPoints(1.5, { criteria: x }, one), 'invalid_total', 'total');
    fails(() => allocateByPoints(10, { criteria: [{ code: 'x', coefficient: -1 }] }, one), 'invalid_coefficient', 'criteria[0].coefficient');
    fails(() => allocateByPoints(10, { criteria: [{ code: 'x', coefficient: 0.00001 }] }, one), 'invalid_coefficient', 'criteria[0].coefficient');
    fails(() => allocateByPoints(10, { criteria: x }, [{ code: 'A', counts: { x: -2 } }]), 'invalid_count', 'units[0].counts.x');
    fails(() => allocateByPoints(10, { criteria: x }, [{ code: 'A', counts: { y: 2 } }]), 'unknown_criterion', 'units[0].counts.y');
    fails(() => allocateByPoints(10, { criteria: x }, [...one, { code: 'A', counts: {} }]), 'duplicate_unit', 'units[2].code');
    fails(() => allocateByPoints(10, { criteria: x }, [{ code: 'A', counts: {} }]), 'no_points', 'units');
    fails(() => allocateByPoints(10, { criteria: x, minimumShare: 0.6 }, one), 'minimums_exceed_total', 'minimumShare');
    fails(() => allocateByPoints(10, { criteria: x, maximumShare: 0.4 }, one), 'caps_below_total', 'maximumShare');
    fails(() => allocateByPoints(10, { criteria: x, maximumShare: 1.5 }, one), 'invalid_share', 'maximumShare');
  });
});

const unitsArbitrary = fc.uniqueArray(
  fc.record({ code: fc.stringMatching(/^[0-9]{5}$/), poor: fc.nat(500), nearPoor: fc.nat(500), poorCommune: fc.boolean() }),
  { minLength: 1, maxLength: 30, selector: (unit) => unit.code },
);

describe('allocateByPoints, properties', () => {
  const toInput = (units: { code: string; poor: number; nearPoor: number; poorCommune: boolean }[]) =>
    units.map((unit) => ({
      code: unit.code,
      counts: { poor_household: unit.poor, near_poor_household: unit.nearPoor, poor_commune: unit.poorCommune ? 1 : 0 },
    }));

  it('sums exactly to the total, each amount within one đồng of the exact share (no bounds)', () => {
    fc.assert(
      fc.property(unitsArbitrary, fc.integer({ min: 0, max: 1e13 }), (units, total) => {
        const input = toInput(units);
        const points = input.map((u) => u.counts.poor_household + 0.5 * u.counts.near_poor_household + 10 * u.counts.poor_commune);
        fc.pre(points.some((p) => p > 0));
        const result = allocateByPoints(total, model, input);
        expect(result.shares.reduce((sum, s) => sum + s.amount, 0)).toBe(total);
        const all = points.reduce((a, b) => a + b, 0);
        result.shares.forEach((share, i) => {
          expect(Number.isInteger(share.amount)).toBe(true);
          expect(Math.abs(share.amount - (total * points[i]!) / all)).toBeLessThan(1 + total * 1e-12);
        });
      }),
    );
  });

  it('keeps every amount within its bounds and sums to the total whenever the bounds are feasible', () => {
    fc.assert(
      fc.property(
        unitsArbitrary,
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        (units, total, minPercent, maxPercent) => {
          const input = toInput(units);
          const eligible = input.filter((u) => u.counts.poor_household + u.counts.near_poor_household + u.counts.poor_commune > 0);
          fc.pre(eligible.length > 0);
          const minimum = Math.ceil((total * minPercent) / 100);
          const cap = Math.floor((total * maxPercent) / 100);
          fc.pre(minimum <= cap && minimum * eligible.length <= total && cap * eligible.length >= total);
          const result = allocateByPoints(total, { ...model, minimumShare: minPercent / 100, maximumShare: maxPercent / 100 }, input);
          expect(result.shares.reduce((sum, s) => sum + s.amount, 0)).toBe(total);
          for (const share of result.shares) {
            if (share.points === 0) expect(share.amount).toBe(0);
            else {
              expect(share.amount).toBeGreaterThanOrEqual(minimum);
              expect(share.amount).toBeLessThanOrEqual(cap);
            }
          }
        },
      ),
    );
  });

  it('gives more points never less money (no bounds)', () => {
    fc.assert(
      fc.property(unitsArbitrary, fc.integer({ min: 0, max: 1e12 }), (units, total) => {
        const input = toInput(units);
        fc.pre(input.some((u) => u.counts.poor_household + u.counts.near_poor_household + u.counts.poor_commune > 0));
        const sorted = [...allocateByPoints(total, model, input).shares].sort((a, b) => a.points - b.points);
        for (let i = 1; i < sorted.length; i += 1) {
          if (sorted[i]!.points > sorted[i - 1]!.points) expect(sorted[i]!.amount).toBeGreaterThanOrEqual(sorted[i - 1]!.amount);
        }
      }),
    );
  });
});
