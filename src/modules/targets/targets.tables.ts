/** Kysely types of the targets tables (migrations 0006 and 0009), joined to the shared `Database` by {@link targetsDb}. */
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Comparator, TargetIndicator, TargetKind } from '../../domain/targets/index.js';
import type { ReviewTables } from '../review/review.tables.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TargetTable {
  province_code: string;
  id: Generated<number>;
  unit_code: string;
  year: number;
  indicator: TargetIndicator;
  kind: TargetKind;
  value: number;
  comparator: Comparator;
  source: string;
  note: string | null;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  version: Generated<number>;
}

export type AggregateLevel = 'commune' | 'district' | 'province' | 'new_commune';

export interface ResultAggregateTable {
  province_code: string;
  level: AggregateLevel;
  unit_code: string;
  year: number;
  standard_id: string;
  households: number;
  persons: number;
  poor: number;
  near_poor: number;
  average: number;
  not_poor: number;
  em_households: number;
  em_poor: number;
  em_near_poor: number;
  escaped_poverty: number;
  lacking_poor: number[];
  lacking_near_poor: number[];
  af_poor: number;
  af_deprivation_sum: number;
  censored: number[];
  /** Poor households with a support plan; kept current by a trigger on `support_plan` (migration 0009). */
  poor_with_plan: number;
}

/** Each household poor at the end of a year with the units it counts in (migration 0009). */
export interface ResultPoorStateTable {
  province_code: string;
  household_code: string;
  year: number;
  standard_id: string;
  commune_code: string;
  district_code: string | null;
  province_unit: string | null;
  new_commune_code: string;
  successor_province: string | null;
}

export type TargetsTables = { target: TargetTable; result_aggregate: ResultAggregateTable; result_poor_state: ResultPoorStateTable };
export type TargetsDatabase = Database & ReviewTables & TargetsTables;

export function targetsDb(db: Kysely<Database>): Kysely<TargetsDatabase> {
  return db.withTables<ReviewTables & TargetsTables>();
}
