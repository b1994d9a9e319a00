/**
 * Review rounds (rà soát) as pure rules (SPEC §7, DOMAIN §2.2–2.4, §7.2): their periods and
 * windows, their steps in order, and the date guards of each step. No I/O.
 */

/** Rà soát định kỳ (yearly, 1 Sep – 14 Dec) or rà soát thường xuyên (monthly, from the 15th). */
export type RoundKind = 'periodic' | 'regular';
export const ROUND_KINDS: readonly RoundKind[] = ['periodic', 'regular'];

/**
 * The steps of Decision 24/2021 Art. 4, in order:
 * list → survey → village meeting → public posting → district consultation → recognition.
 */
export type StepCode = 'list' | 'survey' | 'meeting' | 'posting' | 'district' | 'recognition';
export const STEP_CODES: readonly StepCode[] = ['list', 'survey', 'meeting', 'posting', 'district', 'recognition'];

/**
 * The first day of the two-tier local government (DOMAIN §7): rounds starting on or after it run
 * in the new communes and have no district consultation (báo cáo, xin ý kiến Chủ tịch UBND cấp huyện).
 */
export const TWO_TIER_FROM = '2025-07-01';

/** Days the commune chair has to decide a regular review, counted from its start (DOMAIN §2.4). */
export const REGULAR_DECISION_DAYS = 15;

/** The days a round may record steps on, and the day its recognition is due. */
export interface RoundWindow {
  /** First day of the round (1 Sep, or the 15th of the month). */
  startsOn: string;
  /**
   * Last day a step may be dated for a periodic round (14 Dec); for a regular round the day
   * the recognition is due (start + 15 days), after which the round is overdue but may still close.
   */
  endsOn: string;
  /** Whether dates after `endsOn` are refused (periodic) or only late (regular). */
  hardEnd: boolean;
}

const PERIOD = { periodic: /^(\d{4})$/, regular: /^(\d{4})-(0[1-9]|1[0-2])$/ } as const;

/** Whether `period` is written as the kind requires: 'YYYY' (periodic) or 'YYYY-MM' (regular). */
export function isPeriodOf(kind: RoundKind, period: string): boolean {
  return PERIOD[kind].test(period);
}

/**
 * The window of a round.
 * @example roundWindow('periodic', '2024') // { startsOn: '2024-09-01', endsOn: '2024-12-14', hardEnd: true }
 * @example roundWindow('regular', '2025-03') // { startsOn: '2025-03-15', endsOn: '2025-03-30', hardEnd: false }
 */
export function roundWindow(kind: RoundKind, period: string): RoundWindow {
  if (!isPeriodOf(kind, period)) throw new RangeError(`period ${period} is not a ${kind} period`);
  if (kind === 'periodic') return { startsOn: `${period}-09-01`, endsOn: `${period}-12-14`, hardEnd: true };
  const startsOn = `${period}-15`;
  return { startsOn, endsOn: addDays(startsOn, REGULAR_DECISION_DAYS), hardEnd: false };
}

/** Whether a round starting on `startsOn` has the district consultation step. */
export function hasDistrictStep(startsOn: string, twoTierFrom: string = TWO_TIER_FROM): boolean {
  return startsOn < twoTierFrom;
}

/** The steps of a round starting on `startsOn`, in order. */
export function stepsOfRound(startsOn: string, twoTierFrom: string = TWO_TIER_FROM): StepCode[] {
  return STEP_CODES.filter((step) => step !== 'district' || hasDistrictStep(startsOn, twoTierFrom));
}

/** A recorded step: which one and the civil date it is dated. */
export interface DoneStep {
  step: StepCode;
  doneOn: string;
}

/** The next step to do, or null when every step is done (the round is recognised). */
export function nextStep(startsOn: string, done: readonly DoneStep[], twoTierFrom: string = TWO_TIER_FROM): StepCode | null {
  const recorded = new Set(done.map((entry) => entry.step));
  return stepsOfRound(startsOn, twoTierFrom).find((step) => !recorded.has(step)) ?? null;
}

/** Why a step may not be recorded. */
export type StepRefusal =
  | { code: 'round_closed' }
  | { code: 'step_not_in_round'; step: StepCode }
  | { code: 'step_out_of_order'; step: StepCode; expected: StepCode | null }
  | { code: 'date_before_window'; startsOn: string }
  | { code: 'date_after_window'; endsOn: string }
  | { code: 'date_before_previous_step'; previous: string }
  | { code: 'date_in_future'; today: string };

export interface StepAttempt {
  kind: RoundKind;
  period: string;
  closed: boolean;
  done: readonly DoneStep[];
  step: StepCode;
  /** The civil date the step is dated (the meeting's day, the decision's date...). */
  date: string;
  today: string;
  twoTierFrom?: string;
}

/**
 * Checks one step against the round's state: the round is open, the step is the next one, its
 * date is inside the window, not before the previous step and not in the future.
 * Returns null when the step may be recorded.
 *
 * @example checkStep({ kind: 'periodic', period: '2024', closed: false, done: [], step: 'survey',
 *   date: '2024-09-10', today: '2024-09-10' }) // { code: 'step_out_of_order', step: 'survey', expected: 'list' }
 */
export function checkStep(attempt: StepAttempt): StepRefusal | null {
  const window = roundWindow(attempt.kind, attempt.period);
  const twoTierFrom = attempt.twoTierFrom ?? TWO_TIER_FROM;
  if (attempt.closed) return { code: 'round_closed' };
  if (!stepsOfRound(window.startsOn, twoTierFrom).includes(attempt.step)) {
    return { code: 'step_not_in_round', step: attempt.step };
  }
  const expected = nextStep(window.startsOn, attempt.done, twoTierFrom);
  if (attempt.step !== expected) return { code: 'step_out_of_order', step: attempt.step, expected };
  if (attempt.date < window.startsOn) return { code: 'date_before_window', startsOn: window.startsOn };
  if (window.hardEnd && attempt.date > window.endsOn) return { code: 'date_after_window', endsOn: window.endsOn };
  const previous = attempt.done.reduce<string | null>((latest, entry) => (latest === null || entry.doneOn > latest ? entry.doneOn : latest), null);
  if (previous !== null && attempt.date < previous) return { code: 'date_before_previous_step', previous };
  if (attempt.date > attempt.today) return { code: 'date_in_future', today: attempt.today };
  return null;
}

/** Whether a round not yet recognised is late on `today`. */
export function isRoundLate(kind: RoundKind, period: string, recognised: boolean, today: string): boolean {
  return !recognised && today > roundWindow(kind, period).endsOn;
}

/**
 * The review year (năm rà soát) of a round: the periodic review of year Y sets the lists of Y + 1
 * (its standard is the one for Y + 1); a regular review counts for its own year.
 */
export function reviewYearOfRound(kind: RoundKind, period: string): number {
  const year = Number(period.slice(0, 4));
  return kind === 'periodic' ? year + 1 : year;
}

/**
 * The day a household's request (Mẫu số 04) must be decided by: the regular review that handles
 * it starts on the 15th on or after the day it arrived, and decides within 15 days.
 * @example requestDueDate('2025-03-02') // '2025-03-30'
 * @example requestDueDate('2025-03-16') // '2025-04-30'
 */
export function requestDueDate(receivedOn: string): string {
  return addDays(regularPeriodStart(receivedOn), REGULAR_DECISION_DAYS);
}

/** The start of the first regular review on or after a day: the 15th of its month or the next. */
export function regularPeriodStart(date: string): string {
  const day = Number(date.slice(8, 10));
  if (day <= 15) return `${date.slice(0, 7)}-15`;
  const next = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 15));
  return next.toISOString().slice(0, 10);
}

/** A civil date plus `days` days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
