/**
 * Civil dates ('YYYY-MM-DD') in the province's time zone. Deadlines and validity dates are
 * compared as civil dates, never as instants, so a report sent at 23:30 on the due day in
 * Gia Lai is on time whatever the server's clock zone is.
 */

export const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD (no 2024-02-30). */
export function isCivilDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The civil date of an instant in a time zone (default: the province's). */
export function civilDateAt(instant: Date, timeZone: string = PROVINCE_TIME_ZONE): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** Today in the province. */
export function today(timeZone: string = PROVINCE_TIME_ZONE): string {
  return civilDateAt(new Date(), timeZone);
}
