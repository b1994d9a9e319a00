/** A program's period (giai đoạn) in civil dates: 1 January of the first year to 31 December of the last. */
export interface ProgramPeriod {
  startYear: number;
  endYear: number;
}

export const periodFirstDay = (period: ProgramPeriod) => `${period.startYear}-01-01`;
export const periodLastDay = (period: ProgramPeriod) => `${period.endYear}-12-31`;

/** True when a `YYYY-MM-DD` date falls within the period (both ends inclusive). */
export function dateWithinPeriod(period: ProgramPeriod, date: string): boolean {
  return date >= periodFirstDay(period) && date <= periodLastDay(period);
}

export function yearWithinPeriod(period: ProgramPeriod, year: number): boolean {
  return year >= period.startYear && year <= period.endYear;
}
