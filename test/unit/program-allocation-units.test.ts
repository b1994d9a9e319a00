/** Units of an allocation on its date: counts of merged communes summed, listed flags carried. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listedFlag, rollUpCounts, type UnitCounts, type UnitSuccessionStep, unitOnDate } from '../../src/domain/program/index.js';

const steps: UnitSuccessionStep[] = [
  // 2024: B merged into A.
  { oldCode: 'B', newCode: 'A', effectiveDate: '2024-11-01' },
  // 2025: A and C into N; D split between P and Q.
  { oldCode: 'A', newCode: 'N', effectiveDate: '2025-07-01' },
  { oldCode: 'C', newCode: 'N', effectiveDate: '2025-07-01' },
  { oldCode: 'D', newCode: 'Q', effectiveDate: '2025-07-01' },
  { oldCode: 'D', newCode: 'P', effectiveDate: '2025-07-01' },
];

describe('unitOnDate', () => {
  it('follows only the successions in force on the date, oldest first', () => {
    expect(unitOnDate('B', steps, '2024-10-31')).toBe('B');
    expect(unitOnDate('B', steps, '2024-11-01')).toBe('A');
    expect(unitOnDate('B', steps, '2025-06-30')).toBe('A');
    expect(unitOnDate('B', steps, '2025-07-01')).toBe('N');
    expect(unitOnDate('C', steps, '2025-07-01')).toBe('N');
  });

  it('sends a split commune to its first successor in code order', () => {
    expect(unitOnDate('D', steps, '2026-01-01')).toBe('P');
  });
});

describe('rollUpCounts', () => {
  const units: UnitCounts[] = [
    { code: 'A', counts: { poor_household: 3, near_poor_household: 1 } },
    { code: 'B', counts: { poor_household: 2 } },
    { code: 'C', counts: { poor_household: 5, near_poor_household: 4 } },
    { code: 'E', counts: { poor_household: 1 } },
  ];

  it('keeps the old communes apart before 1 July 2025 and sums them into the new commune after', () => {
    expect(rollUpCounts(units, steps, '2025-03-01').map((u) => [u.code, u.counts.poor_household, u.members])).toEqual([
      ['A', 5, ['A', 'B']],
      ['C', 5, ['C']],
      ['E', 1, ['E']],
    ]);
    expect(rollUpCounts(units, steps, '2025-07-01')).toEqual([
      { code: 'E', counts: { poor_household: 1 }, members: ['E'] },
      { code: 'N', counts: { poor_household: 10, near_poor_household: 5 }, members: ['A', 'B', 'C'] },
    ]);
  });

  it('never loses or adds a household, whatever the date', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ code: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), poor: fc.nat(1000) }), { maxLength: 12 }),
        fc.constantFrom('2024-01-01', '2024-11-01', '2025-06-30', '2025-07-01', '2030-01-01'),
        (rows, asOf) => {
          const input = rows.map((row) => ({ code: row.code, counts: { poor_household: row.poor } }));
          const total = input.reduce((sum, u) => sum + u.counts.poor_household, 0);
          const rolled = rollUpCounts(input, steps, asOf);
          expect(rolled.reduce((sum, u) => sum + (u.counts.poor_household ?? 0), 0)).toBe(total);
          expect(new Set(rolled.map((u) => u.code)).size).toBe(rolled.length);
        },
      ),
    );
  });
});

describe('listedFlag', () => {
  const districtOf = new Map([
    ['A', '630'],
    ['B', '630'],
    ['C', '622'],
  ]);

  it('flags a unit on the list, a unit holding a listed commune, or one lying in a listed district', () => {
    expect(listedFlag({ code: 'C', members: ['C'] }, new Set(['630']), districtOf)).toBe(0);
    expect(listedFlag({ code: 'A', members: ['A', 'B'] }, new Set(['630']), districtOf)).toBe(1);
    expect(listedFlag({ code: 'N', members: ['A', 'B', 'C'] }, new Set(['630']), districtOf)).toBe(1);
    expect(listedFlag({ code: 'N', members: ['C'] }, new Set(['C']))).toBe(1);
    expect(listedFlag({ code: 'N', members: ['A'] }, new Set(['C']))).toBe(0);
    expect(listedFlag({ code: '630', members: [] }, new Set(['630']), districtOf)).toBe(1);
  });
});
