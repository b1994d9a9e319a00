import type { LabourRules, RetirementRoadmap, Sex } from './types.js';

/** A calendar date without time zone. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * A `YYYY-MM-DD` date that exists on the calendar as the number YYYYMMDD (ordered like the
 * dates), or -1. Used on hot paths instead of {@link parseIsoDate} to avoid an object per date.
 */
export function parseDateKey(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1;
  const y0 = digit(text, 0), y1 = digit(text, 1), y2 = digit(text, 2), y3 = digit(text, 3);
  const m0 = digit(text, 5), m1 = digit(text, 6), d0 = digit(text, 8), d1 = digit(text, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return -1;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1;
  return year * 10000 + month * 100 + day;
}

/** Completed months between two date keys (see {@link parseDateKey}); same rule as {@link completedMonths}. */
export function completedMonthsBetweenKeys(birthKey: number, onKey: number): number {
  const months =
    (Math.floor(onKey / 10000) - Math.floor(birthKey / 10000)) * 12 +
    (Math.floor(onKey / 100) % 100) - (Math.floor(birthKey / 100) % 100);
  return onKey % 100 < birthKey % 100 ? months - 1 : months;
}

/**
 * Parses a `YYYY-MM-DD` date that exists on the calendar (no `2025-02-29`, no time part).
 * Returns `undefined` for anything else.
 */
export function parseIsoDate(text: string): CalendarDate | undefined {
  const key = parseDateKey(text);
  if (key < 0) return undefined;
  return { year: Math.floor(key / 10000), month: Math.floor(key / 100) % 100, day: key % 100 };
}

/**
 * Completed months of age at `on` (số tháng tuổi tròn). A month is completed on the same day of
 * the month as the birth day; someone born on the 31st completes a month on the 31st, or not at
 * all in a shorter month (so born 31 Jan, on 28 Feb: 0 months; on 1 Mar: 1 month).
 * Negative when `on` is before `birth`.
 */
export function completedMonths(birth: CalendarDate, on: CalendarDate): number {
  const months = (on.year - birth.year) * 12 + (on.month - birth.month);
  return on.day < birth.day ? months - 1 : months;
}

/**
 * Completed years of age at `on` (tuổi tròn): the birthday itself completes the year. Someone born
 * on 29 February completes a year on 1 March in common years.
 */
export function completedYears(birth: CalendarDate, on: CalendarDate): number {
  return Math.floor(completedMonths(birth, on) / 12);
}

/** Whether `a` is after `b`. */
export function isAfter(a: CalendarDate, b: CalendarDate): boolean {
  return a.year !== b.year ? a.year > b.year : a.month !== b.month ? a.month > b.month : a.day > b.day;
}

/**
 * Statutory retirement age (tuổi nghỉ hưu trong điều kiện lao động bình thường) in months for a
 * sex in a calendar year, following the roadmap of Labour Code 2019 Art. 169 as stored in the data:
 * men 60 years 3 months in 2021, +3 months a year up to 62; women 55 years 4 months in 2021,
 * +4 months a year up to 60.
 *
 * @example retirementAgeMonths(rules, 'male', 2025) // 735 = 61 years 3 months
 */
export function retirementAgeMonths(rules: LabourRules, sex: Sex, year: number): number {
  const roadmap: RetirementRoadmap = sex === 'male' ? rules.retirementAge.male : rules.retirementAge.female;
  const baseYear = rules.retirementAge.baseYear;
  if (year < baseYear) return roadmap.beforeBaseMonths;
  return Math.min(roadmap.baseMonths + roadmap.stepMonthsPerYear * (year - baseYear), roadmap.finalMonths);
}

/**
 * Độ tuổi lao động: from the working-age start (15 completed years) until the member reaches the
 * retirement age of `year` (the survey date's year); reaching it — the completed months equal the
 * retirement age — ends working age.
 */
export function isWorkingAge(
  rules: LabourRules,
  sex: Sex,
  ageInMonths: number,
  year: number,
): boolean {
  return ageInMonths >= rules.workingAgeFromYears.value * 12 && ageInMonths < retirementAgeMonths(rules, sex, year);
}
