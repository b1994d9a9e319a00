/** Review rounds: windows, steps in order, the district step by date, date guards. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkStep,
  isRoundLate,
  nextStep,
  requestDueDate,
  reviewYearOfRound,
  roundWindow,
  stepsOfRound,
  type StepAttempt,
} from '../../src/domain/review/index.js';

const attempt = (overrides: Partial<StepAttempt>): StepAttempt => ({
  kind: 'periodic',
  period: '2024',
  closed: false,
  done: [],
  step: 'list',
  date: '2024-09-05',
  today: '2024-12-31',
  ...overrides,
});

describe('round windows', () => {
  it('runs the periodic review from 1 Sep to 14 Dec and the regular one from the 15th for 15 days', () => {
    expect(roundWindow('periodic', '2024')).toEqual({ startsOn: '2024-09-01', endsOn: '2024-12-14', hardEnd: true });
    expect(roundWindow('regular', '2025-03')).toEqual({ startsOn: '2025-03-15', endsOn: '2025-03-30', hardEnd: false });
    expect(roundWindow('regular', '2024-12').endsOn).toBe('2024-12-30');
    expect(() => roundWindow('regular', '2025')).toThrow(RangeError);
  });

  it('counts a periodic review for the following year and a regular one for its own', () => {
    expect(reviewYearOfRound('periodic', '2021')).toBe(2022);
    expect(reviewYearOfRound('regular', '2023-05')).toBe(2023);
  });

  it('dues a request 15 days after the regular review that handles it starts', () => {
    expect(requestDueDate('2025-03-02')).toBe('2025-03-30');
    expect(requestDueDate('2025-03-15')).toBe('2025-03-30');
    expect(requestDueDate('2025-03-16')).toBe('2025-04-30');
    expect(requestDueDate('2024-12-20')).toBe('2025-01-30');
  });

  it('marks a round late only after its window when not recognised', () => {
    expect(isRoundLate('periodic', '2024', false, '2024-12-14')).toBe(false);
    expect(isRoundLate('periodic', '2024', false, '2024-12-15')).toBe(true);
    expect(isRoundLate('periodic', '2024', true, '2025-01-15')).toBe(false);
  });
});

describe('steps', () => {
  it('has the district consultation only for rounds starting before 1 July 2025', () => {
    expect(stepsOfRound('2024-09-01')).toEqual(['list', 'survey', 'meeting', 'posting', 'district', 'recognition']);
    expect(stepsOfRound('2025-06-15')).toContain('district');
    expect(stepsOfRound('2025-07-15')).toEqual(['list', 'survey', 'meeting', 'posting', 'recognition']);
    expect(stepsOfRound(roundWindow('periodic', '2025').startsOn)).not.toContain('district');
  });

  it('takes steps in order', () => {
    expect(nextStep('2024-09-01', [])).toBe('list');
    expect(checkStep(attempt({ step: 'survey' }))).toEqual({ code: 'step_out_of_order', step: 'survey', expected: 'list' });
    const done = [
      { step: 'list', doneOn: '2024-09-05' },
      { step: 'survey', doneOn: '2024-09-30' },
      { step: 'meeting', doneOn: '2024-10-05' },
    ] as const;
    // No recognition before posting.
    expect(checkStep(attempt({ done, step: 'recognition', date: '2024-10-20' }))).toMatchObject({ code: 'step_out_of_order', expected: 'posting' });
    expect(checkStep(attempt({ done, step: 'posting', date: '2024-10-10' }))).toBeNull();
    expect(checkStep(attempt({ done: [...done, { step: 'posting', doneOn: '2024-10-10' }], step: 'recognition', date: '2024-10-20' })))
      .toMatchObject({ code: 'step_out_of_order', expected: 'district' });
  });

  it('refuses the district step after the reform and skips to recognition', () => {
    const done = [
      { step: 'list', doneOn: '2025-09-05' },
      { step: 'survey', doneOn: '2025-09-30' },
      { step: 'meeting', doneOn: '2025-10-05' },
      { step: 'posting', doneOn: '2025-10-10' },
    ] as const;
    const base = { period: '2025', done, today: '2025-12-31' };
    expect(checkStep(attempt({ ...base, step: 'district', date: '2025-10-15' }))).toEqual({ code: 'step_not_in_round', step: 'district' });
    expect(checkStep(attempt({ ...base, step: 'recognition', date: '2025-10-20' }))).toBeNull();
  });

  it('refuses any step on a closed round', () => {
    expect(checkStep(attempt({ closed: true }))).toEqual({ code: 'round_closed' });
  });

  it('guards dates: inside the periodic window, not before the previous step, not in the future', () => {
    expect(checkStep(attempt({ date: '2024-08-31' }))).toMatchObject({ code: 'date_before_window' });
    expect(checkStep(attempt({ date: '2024-12-15' }))).toMatchObject({ code: 'date_after_window' });
    expect(checkStep(attempt({ date: '2024-12-14' }))).toBeNull();
    expect(checkStep(attempt({ date: '2024-09-05', today: '2024-09-04' }))).toMatchObject({ code: 'date_in_future' });
    expect(checkStep(attempt({ done: [{ step: 'list', doneOn: '2024-09-10' }], step: 'survey', date: '2024-09-09' })))
      .toMatchObject({ code: 'date_before_previous_step', previous: '2024-09-10' });
    // A regular round may decide late (it is shown overdue) but not start before the 15th.
    expect(checkStep(attempt({ kind: 'regular', period: '2024-05', date: '2024-05-14' }))).toMatchObject({ code: 'date_before_window' });
    expect(checkStep(attempt({ kind: 'regular', period: '2024-05', date: '2024-06-20' }))).toBeNull();
  });

  it('accepts a periodic step exactly when its date is in [1 Sep, 14 Dec] of the round year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2021, max: 2030 }), fc.integer({ min: 0, max: 364 }), (year, offset) => {
        const date = addDays(`${year}-01-01`, offset);
        const refusal = checkStep(attempt({ period: String(year), date, today: `${year + 1}-01-01` }));
        const inside = date >= `${year}-09-01` && date <= `${year}-12-14`;
        expect(refusal === null).toBe(inside);
      }),
    );
  });
});
