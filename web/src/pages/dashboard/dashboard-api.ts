/** The dashboard's HTTP call (`/dashboard`) and the shape it answers with. */
import { request } from '../../api';

export type TargetIndicator = 'poor_rate' | 'ethnic_minority_poor_rate' | 'near_poor_rate' | 'escaped_poverty' | 'support_plan_share';
export const TARGET_INDICATORS: readonly TargetIndicator[] = ['poor_rate', 'ethnic_minority_poor_rate', 'near_poor_rate', 'escaped_poverty', 'support_plan_share'];
export const COMPARATORS: readonly Comparator[] = ['at_most', 'less_than', 'at_least', 'greater_than'];
export type TargetMark = 'on_track' | 'at_risk' | 'off_track' | 'no_data';
export type Comparator = 'at_most' | 'less_than' | 'at_least' | 'greater_than';
export type TargetKind = 'change_points' | 'level';

export interface RateRow {
  households: number;
  persons: number;
  poor: number;
  nearPoor: number;
  ethnicMinorityHouseholds: number;
  ethnicMinorityPoor: number;
  escapedPoverty: number;
  poorWithPlan: number;
  poorRate: number | null;
  nearPoorRate: number | null;
  ethnicMinorityPoorRate: number | null;
  /** Percent of poor households with a support plan. */
  supportPlanShare: number | null;
}

export interface Evaluated {
  indicator: TargetIndicator;
  kind: TargetKind;
  value: number;
  comparator: Comparator;
  baseline: number | null;
  actual: number | null;
  measured: number | null;
  met: boolean;
  shortfall: number;
  mark: TargetMark;
}

export interface Dashboard {
  unit: { code: string; name: string; level: 'commune' | 'district' | 'province' | 'new_commune'; parentCode: string | null };
  year: number;
  years: number[];
  standard: string;
  summary: RateRow;
  ethnicity: Record<'ethnicMinority' | 'other', { households: number; poor: number; nearPoor: number; poorRate: number | null; nearPoorRate: number | null }>;
  targets: (Evaluated & { id: number; source: string })[];
  children: (RateRow & { code: string; name: string; level: string; targets: (Evaluated & { inherited: boolean })[] })[];
  trend: (RateRow & { year: number; standard: string; standardBreak: boolean })[];
  profile: { code: string; poor: number; nearPoor: number; poorShare: number | null; nearPoorShare: number | null }[];
  af: { k: number | null; H: number; A: number; M0: number; contribution: Record<string, number> } | null;
  whereToAct: (Evaluated & { unitCode: string; name: string; inherited: boolean; topIndicators: { code: string; contribution: number }[] })[];
}

/** The tables of the dashboard that download as files. */
export type DashboardTable = 'units' | 'trend' | 'profile' | 'targets';

/** Where a table downloads from: the same unit, year and level as the page shows. */
export function exportUrl(data: Pick<Dashboard, 'unit' | 'year'>, table: DashboardTable, format: 'csv' | 'xlsx', language: string): string {
  const params = new URLSearchParams({ unit: data.unit.code, year: String(data.year), level: data.unit.level, table, format, lang: language === 'en' ? 'en' : 'vi' });
  return `/api/dashboard/export?${params.toString()}`;
}

export const dashboardApi = {
  get(query: { unit?: string | undefined; year?: string | undefined; level?: string | undefined }, signal?: AbortSignal) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    const search = params.toString();
    return request<Dashboard>(`/dashboard${search ? `?${search}` : ''}`, { signal });
  },
};
