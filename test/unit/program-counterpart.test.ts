/** The counterpart rule of Decision 02/2022/QĐ-TTg, with its bands as data. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTERPART_RULE_2022, checkCounterpart, requiredCounterpartPercent } from '../../src/domain/program/index.js';

describe('requiredCounterpartPercent', () => {
  it.each([
    [100, 3],
    [70, 3],
    [69.99, 10],
    [50, 10],
    [49.99, 15],
    [0, 15],
  ])('at %s %% dependence asks for %s %%', (dependence, percent) => {
    expect(requiredCounterpartPercent(COUNTERPART_RULE_2022, dependence)).toBe(percent);
  });

  it('reads the bands as data, in any order', () => {
    const rule = { source: 'test', bands: [{ minDependencePercent: 0, minCounterpartPercent: 20 }, { minDependencePercent: 80, minCounterpartPercent: 5 }] };
    expect(requiredCounterpartPercent(rule, 85)).toBe(5);
    expect(requiredCounterpartPercent(rule, 79)).toBe(20);
  });

  it('refuses a dependence outside 0–100 and one no band covers', () => {
    expect(() => requiredCounterpartPercent(COUNTERPART_RULE_2022, 101)).toThrow(RangeError);
    expect(() => requiredCounterpartPercent(COUNTERPART_RULE_2022, -1)).toThrow(RangeError);
    expect(() => requiredCounterpartPercent({ source: 't', bands: [{ minDependencePercent: 50, minCounterpartPercent: 1 }] }, 10)).toThrow(RangeError);
  });
});

describe('checkCounterpart', () => {
  it('rounds the required amount up to the đồng and reports the shortfall', () => {
    const check = checkCounterpart(COUNTERPART_RULE_2022, 75, 1_000_000_001, 30_000_000);
    expect(check).toMatchObject({ requiredPercent: 3, requiredAmount: 30_000_001, met: false, shortfall: 1 });
    expect(checkCounterpart(COUNTERPART_RULE_2022, 75, 1_000_000_000, 30_000_000)).toMatchObject({ met: true, shortfall: 0, actualPercent: 3 });
    expect(checkCounterpart(COUNTERPART_RULE_2022, 60, 2_000_000_000, 150_000_000)).toMatchObject({ requiredAmount: 200_000_000, met: false });
    expect(checkCounterpart(COUNTERPART_RULE_2022, 40, 0, 0)).toMatchObject({ requiredAmount: 0, met: true, actualPercent: null });
  });

  it('is met exactly when the counterpart reaches the required share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 100 }), (central, counterpart, dependence) => {
        const check = checkCounterpart(COUNTERPART_RULE_2022, dependence, central, counterpart);
        expect(check.met).toBe(counterpart * 100 >= central * check.requiredPercent);
        expect(check.requiredAmount).toBe(Math.ceil((central * check.requiredPercent) / 100));
      }),
    );
  });
});
