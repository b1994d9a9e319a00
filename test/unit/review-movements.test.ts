/** Movements between successive results, and movement tables with their identity. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyTransition,
  expectedEnd,
  type HouseholdState,
  movementTables,
  type ResultStatus,
  type Timeline,
} from '../../src/domain/review/index.js';

const state = (at: string, status: ResultStatus | null, unit: string | null = 'A', persons = 4): HouseholdState => ({ at, unit, status, persons });
const kinds = (previous: HouseholdState | null, current: HouseholdState, earlier: (ResultStatus | null)[] = []) =>
  classifyTransition(previous, current, earlier).map((m) => `${m.group}:${m.direction}:${m.kind}`);

describe('classifyTransition', () => {
  it('moves out of poor: became near-poor, escaped, other decrease', () => {
    expect(kinds(state('1', 'poor'), state('2', 'near_poor'))).toEqual(['poor:decrease:became_near_poor', 'near_poor:increase:poor_became_near_poor']);
    expect(kinds(state('1', 'poor'), state('2', 'not_poor'))).toEqual(['poor:decrease:escaped']);
    expect(kinds(state('1', 'poor'), state('2', 'average'))).toEqual(['poor:decrease:escaped']);
    expect(kinds(state('1', 'poor'), state('2', null, null))).toEqual(['poor:decrease:other_decrease']);
    expect(kinds(state('1', 'poor'), state('2', 'poor', 'B'))).toEqual(['poor:decrease:other_decrease', 'poor:increase:other_increase']);
  });

  it('moves into poor: from near-poor, fell back, new, moved in', () => {
    expect(kinds(state('1', 'near_poor'), state('2', 'poor'))).toEqual(['poor:increase:near_poor_became_poor', 'near_poor:decrease:became_poor']);
    expect(kinds(state('2', 'not_poor'), state('3', 'poor'), ['poor'])).toEqual(['poor:increase:fell_back']);
    expect(kinds(state('2', 'not_poor'), state('3', 'poor'), ['not_poor'])).toEqual(['poor:increase:new']);
    expect(kinds(null, state('1', 'poor'))).toEqual(['poor:increase:new']);
    expect(kinds(state('1', 'not_poor', 'B'), state('2', 'poor'))).toEqual(['poor:increase:other_increase']);
  });

  it('mirrors the set for near-poor', () => {
    expect(kinds(state('1', 'near_poor'), state('2', 'not_poor'))).toEqual(['near_poor:decrease:escaped']);
    expect(kinds(state('2', 'average'), state('3', 'near_poor'), ['near_poor'])).toEqual(['near_poor:increase:fell_back']);
    expect(kinds(state('2', 'average'), state('3', 'near_poor'), ['poor'])).toEqual(['near_poor:increase:new']);
  });

  it('counts member changes of a household that stays as other movements of persons only', () => {
    const movements = classifyTransition(state('1', 'poor', 'A', 4), state('2', 'poor', 'A', 6), []);
    expect(movements).toEqual([{ group: 'poor', unit: 'A', direction: 'increase', kind: 'other_increase', households: 0, persons: 2 }]);
  });
});

describe('movementTables', () => {
  it('builds the table between two days', () => {
    const timelines: Timeline[] = [
      [state('2021-12-10', 'poor', 'A', 5), state('2022-12-10', 'near_poor', 'A', 5)],
      [state('2021-12-10', 'poor', 'A', 3), state('2022-12-10', 'not_poor', 'A', 3)],
      [state('2020-12-10', 'poor', 'A', 2), state('2021-12-10', 'not_poor', 'A', 2), state('2022-12-10', 'poor', 'A', 2)],
      [state('2021-12-10', 'not_poor', 'A', 4), state('2022-12-10', 'poor', 'A', 4)],
      [state('2021-12-10', 'poor', 'B', 6), state('2022-06-20', 'poor', 'A', 6)],
    ];
    const [a, b] = movementTables(timelines, '2021-12-31', '2022-12-31');
    expect(a!.unit).toBe('A');
    expect(a!.poor.start).toEqual({ households: 2, persons: 8 });
    expect(a!.poor.decreases).toEqual({
      became_near_poor: { households: 1, persons: 5 },
      escaped: { households: 1, persons: 3 },
      other_decrease: { households: 0, persons: 0 },
    });
    expect(a!.poor.increases).toEqual({
      near_poor_became_poor: { households: 0, persons: 0 },
      fell_back: { households: 1, persons: 2 },
      new: { households: 1, persons: 4 },
      other_increase: { households: 1, persons: 6 },
    });
    expect(a!.poor.end).toEqual({ households: 3, persons: 12 });
    expect(a!.near_poor.end).toEqual({ households: 1, persons: 5 });
    expect(b!.poor.decreases.other_decrease).toEqual({ households: 1, persons: 6 });
    expect(b!.poor.end).toEqual({ households: 0, persons: 0 });
  });

  it('does not count a move inside the unit reported on', () => {
    const timelines: Timeline[] = [[state('2021-12-10', 'poor', 'a1'), state('2022-06-20', 'poor', 'a2')]];
    const [district] = movementTables(timelines, '2021-12-31', '2022-12-31', () => 'D');
    expect(district!.poor.decreases.other_decrease!.households).toBe(0);
    expect(district!.poor.increases.other_increase!.households).toBe(0);
    expect(district!.poor.end.households).toBe(1);
  });

  const statusArb = fc.constantFrom<ResultStatus | null>('poor', 'near_poor', 'average', 'not_poor', null);
  const timelineArb = fc
    .array(
      fc.record({
        day: fc.integer({ min: 0, max: 40 }),
        unit: fc.constantFrom<string | null>('a1', 'a2', 'b1', 'c1', null),
        status: statusArb,
        persons: fc.integer({ min: 1, max: 9 }),
      }),
      { maxLength: 6 },
    )
    .map((entries) =>
      entries
        .sort((x, y) => x.day - y.day)
        .map((e) => ({ at: `2022-01-${String(e.day).padStart(2, '0')}`, unit: e.status === null ? null : e.unit, status: e.unit === null ? null : e.status, persons: e.persons })),
    );

  it('holds end = start − decreases + increases for every unit, group, and level (property)', () => {
    fc.assert(
      fc.property(fc.array(timelineArb, { maxLength: 25 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (timelines, x, y) => {
        const [from, to] = [Math.min(x, y), Math.max(x, y)].map((d) => `2022-01-${String(d).padStart(2, '0')}`) as [string, string];
        const levels: ((unit: string) => string | null)[] = [(u) => u, (u) => u.slice(0, 1), () => 'P', (u) => (u === 'c1' ? null : u)];
        for (const unitOf of levels) {
          for (const table of movementTables(timelines, from, to, unitOf)) {
            expect(expectedEnd(table.poor)).toEqual(table.poor.end);
            expect(expectedEnd(table.near_poor)).toEqual(table.near_poor.end);
          }
        }
      }),
    );
  });
});
