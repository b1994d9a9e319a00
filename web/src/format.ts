/**
 * Numbers, money and civil dates in the user's language (`1.500.000 ₫`, `20/05/2022` in Vietnamese).
 * Civil dates travel as `YYYY-MM-DD` strings and are never shifted through a time zone.
 */

/** The province's time zone: "today" is the date in Vietnam, wherever the browser clock is set. */
export const provinceTimeZone = 'Asia/Ho_Chi_Minh';

// English users are Vietnamese officials too: day/month/year order keeps dates unambiguous.
const locales: Record<string, string> = { vi: 'vi-VN', en: 'en-GB' };

function localeOf(language: string): string {
  return locales[language] ?? 'vi-VN';
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

/** An amount in đồng, without decimals. */
export function formatMoney(amount: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), {
    style: 'currency',
    currency: 'VND',
    maximumFractionDigits: 0,
  }).format(amount);
}

const civilDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCivilDate(value: string): boolean {
  const match = civilDatePattern.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function civilDateToUtc(value: string): Date {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/** `2022-05-20` → `20/05/2022` (both languages use day/month/year). */
export function formatDate(value: string, language: string): string {
  if (!isCivilDate(value)) return value;
  return new Intl.DateTimeFormat(localeOf(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(civilDateToUtc(value));
}

/** Today's civil date in the given time zone, as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The civil date `days` after (or before, when negative) the given one. */
export function addDays(value: string, days: number): string {
  const date = civilDateToUtc(value);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Lists words the way the language joins them: "1 thị trấn, 13 xã" / "1 township and 13 communes". */
export function formatList(items: string[], language: string): string {
  return new Intl.ListFormat(localeOf(language), { style: 'long', type: 'conjunction' }).format(items);
}
