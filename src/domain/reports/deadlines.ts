/**
 * On time or late, due soon or overdue (SPEC §10). A deadline is a civil day in the province:
 * a report sent at 23:30 on the due day in Asia/Ho_Chi_Minh is on time, even though it is
 * already the next day in UTC.
 */
import { PROVINCE_TIME_ZONE, civilDateAt } from '../civil-date.js';

/** Reminders start this many days before the due day. */
export const DUE_SOON_DAYS = 7;

export type SubmissionStatus = 'draft' | 'submitted' | 'returned' | 'accepted';

export type Timing = 'on_time' | 'late';

/** What the calendar shows for one party and one obligation. */
export type DeadlineState = 'on_time' | 'late_submitted' | 'overdue' | 'due_soon' | 'upcoming';

/** Whole days from `from` to `to` (civil dates; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const day = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

/** On time when sent on or before the due day, as the province's clock reads it. */
export function timingOf(dueOn: string, submittedAt: Date, timeZone: string = PROVINCE_TIME_ZONE): Timing {
  return civilDateAt(submittedAt, timeZone) <= dueOn ? 'on_time' : 'late';
}

/**
 * The state of one obligation for one party. A report counts from its first submission: a
 * report returned for correction keeps the timing of the day it was first sent.
 */
export function deadlineState(
  input: { dueOn: string; firstSubmittedAt: Date | null },
  today: string,
  timeZone: string = PROVINCE_TIME_ZONE,
  soonDays: number = DUE_SOON_DAYS,
): DeadlineState {
  if (input.firstSubmittedAt) return timingOf(input.dueOn, input.firstSubmittedAt, timeZone) === 'on_time' ? 'on_time' : 'late_submitted';
  if (today > input.dueOn) return 'overdue';
  return daysBetween(today, input.dueOn) <= soonDays ? 'due_soon' : 'upcoming';
}

export interface Reminder<T> {
  item: T;
  kind: 'due_soon' | 'overdue';
  /** Days left (due soon, 0 on the due day) or days late (overdue). */
  days: number;
}

/** The reminders of a list: what is overdue (most overdue first), then what falls due within a week (soonest first). */
export function remindersOf<T extends { dueOn: string; firstSubmittedAt: Date | null }>(
  items: readonly T[],
  today: string,
  timeZone: string = PROVINCE_TIME_ZONE,
  soonDays: number = DUE_SOON_DAYS,
): Reminder<T>[] {
  const out: Reminder<T>[] = [];
  for (const item of items) {
    const state = deadlineState(item, today, timeZone, soonDays);
    if (state === 'overdue') out.push({ item, kind: 'overdue', days: daysBetween(item.dueOn, today) });
    else if (state === 'due_soon') out.push({ item, kind: 'due_soon', days: daysBetween(today, item.dueOn) });
  }
  return out.sort((a, b) => (a.kind === b.kind ? (a.kind === 'overdue' ? b.days - a.days : a.days - b.days) : a.kind === 'overdue' ? -1 : 1));
}

/** The moves a submission may make: submit from draft or returned; the receiver returns (with a reason) or accepts what was submitted. */
export function canMove(from: SubmissionStatus | null, to: SubmissionStatus): boolean {
  switch (to) {
    case 'draft':
      return from === null || from === 'draft' || from === 'returned';
    case 'submitted':
      return from === null || from === 'draft' || from === 'returned';
    case 'returned':
    case 'accepted':
      return from === 'submitted';
  }
}
