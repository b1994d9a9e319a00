/**
 * The periods of the program's monitoring reports (Circular 10/2022, Appendix II Template 01:
 * six-monthly and annual; DOMAIN §5). A six-month report covers January to June, an annual one
 * the calendar year; money disbursed and supports completed count up to the period's last day.
 */
export type ProgramReportPeriod = 'six_month' | 'annual';

export interface PeriodBounds {
  period: ProgramReportPeriod;
  year: number;
  /** Last month whose disbursements count (6 or 12). */
  lastMonth: number;
  /** Last civil day of the period. */
  endsOn: string;
  /** "6 tháng đầu năm 2022" / "năm 2022". */
  label: { vi: string; en: string };
}

/** @example periodBounds('six_month', 2022) // { lastMonth: 6, endsOn: '2022-06-30', … } */
export function periodBounds(period: ProgramReportPeriod, year: number): PeriodBounds {
  return period === 'six_month'
    ? { period, year, lastMonth: 6, endsOn: `${year}-06-30`, label: { vi: `6 tháng đầu năm ${year}`, en: `first half of ${year}` } }
    : { period, year, lastMonth: 12, endsOn: `${year}-12-31`, label: { vi: `năm ${year}`, en: `${year}` } };
}
