/** On time or late at the due day in the province's time zone; due soon within 7 days; reminders. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canMove, daysBetween, deadlineState, remindersOf, timingOf } from '../../src/domain/reports/index.js';

describe('timingOf', () => {
  it('counts 23:30 on the due day in Asia/Ho_Chi_Minh as on time, though UTC says the next day', () => {
    // 23:30 on 20/05 in Gia Lai (UTC+7) is 16:30 UTC; 00:30 on 21/05 there is 17:30 UTC, still the 20th in UTC.
    expect(timingOf('2022-05-20', new Date('2022-05-20T23:30:00+07:00'))).toBe('on_time');
    expect(timingOf('2022-05-20', new Date('2022-05-21T00:30:00+07:00'))).toBe('late');
    // 23:30 UTC on the 20th is already 06:30 on the 21st in Gia Lai.
    expect(timingOf('2022-05-20', new Date('2022-05-20T23:30:00Z'))).toBe('late');
    expect(timingOf('2022-05-20', new Date('2022-05-20T16:59:59Z'))).toBe('on_time');
    expect(timingOf('2022-05-20', new Date('2022-05-20T17:00:00Z'))).toBe('late');
  });

  it('agrees with the civil day in the zone for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2022, 0, 1), max: Date.UTC(2030, 0, 1) }), (ms) => {
        const at = new Date(ms);
        const local = new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
        expect(timingOf(local, at)).toBe('on_time');
        expect(timingOf(new Date(Date.parse(`${local}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10), at)).toBe('late');
      }),
    );
  });
});

describe('deadlineState', () => {
  const dueOn = '2022-05-20';
  it('marks due soon within 7 days, overdue after the day, and submissions by their first sending', () => {
    expect(deadlineState({ dueOn, firstSubmittedAt: null }, '2022-05-12')).toBe('upcoming');
    expect(deadlineState({ dueOn, firstSubmittedAt: null }, '2022-05-13')).toBe('due_soon');
    expect(deadlineState({ dueOn, firstSubmittedAt: null }, '2022-05-20')).toBe('due_soon');
    expect(deadlineState({ dueOn, firstSubmittedAt: null }, '2022-05-21')).toBe('overdue');
    expect(deadlineState({ dueOn, firstSubmittedAt: new Date('2022-05-20T23:30:00+07:00') }, '2022-06-30')).toBe('on_time');
    expect(deadlineState({ dueOn, firstSubmittedAt: new Date('2022-05-21T08:00:00+07:00') }, '2022-06-30')).toBe('late_submitted');
  });
});

describe('remindersOf', () => {
  it('lists overdue first (most overdue first), then due soon (soonest first), and nothing sent', () => {
    const items = [
      { id: 'a', dueOn: '2022-05-20', firstSubmittedAt: null },
      { id: 'b', dueOn: '2022-05-05', firstSubmittedAt: null },
      { id: 'c', dueOn: '2022-05-10', firstSubmittedAt: null },
      { id: 'd', dueOn: '2022-05-15', firstSubmittedAt: null },
      { id: 'e', dueOn: '2022-05-02', firstSubmittedAt: new Date('2022-05-01T10:00:00+07:00') },
      { id: 'f', dueOn: '2022-06-30', firstSubmittedAt: null },
    ];
    const reminders = remindersOf(items, '2022-05-14');
    expect(reminders.map((r) => [r.item.id, r.kind, r.days])).toEqual([
      ['b', 'overdue', 9],
      ['c', 'overdue', 4],
      ['d', 'due_soon', 1],
      ['a', 'due_soon', 6],
    ]);
  });

  it('counts days between civil dates across months and years', () => {
    expect(daysBetween('2022-02-28', '2022-03-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2022-12-31', '2023-01-01')).toBe(1);
    expect(daysBetween('2022-05-20', '2022-05-13')).toBe(-7);
  });
});

describe('canMove', () => {
  it('lets a party draft and submit, and the receiver return or accept only what was submitted', () => {
    expect(canMove(null, 'submitted')).toBe(true);
    expect(canMove('draft', 'submitted')).toBe(true);
    expect(canMove('returned', 'submitted')).toBe(true);
    expect(canMove('submitted', 'submitted')).toBe(false);
    expect(canMove('accepted', 'submitted')).toBe(false);
    expect(canMove('submitted', 'returned')).toBe(true);
    expect(canMove('submitted', 'accepted')).toBe(true);
    expect(canMove('draft', 'accepted')).toBe(false);
    expect(canMove('returned', 'accepted')).toBe(false);
    expect(canMove('accepted', 'returned')).toBe(false);
  });
});
