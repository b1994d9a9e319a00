/**
 * Kysely types of the review tables (migration 0004). They extend the shared `Database` through
 * {@link reviewDb}, so this module owns its tables' types next to its SQL.
 */
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database, HouseholdStatusCode } from '../../db/schema.js';
import type { RoundKind, StepCode } from '../../domain/review/index.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface ReviewRoundTable {
  province_code: string;
  id: Generated<number>;
  kind: RoundKind;
  commune_code: string;
  period: string;
  starts_on: string;
  ends_on: string;
  status: Generated<'open' | 'closed'>;
  created_by: number | null;
  created_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface ReviewStepTable {
  province_code: string;
  round_id: number;
  step: StepCode;
  done_on: string;
  done_by: number | null;
  done_at: Generated<Timestamp>;
  data: Json<Record<string, unknown>>;
}

export type HouseholdSource = 'current_list' | 'request' | 'added';
export type SurveyState = 'none' | 'draft' | 'done';

export interface ReviewHouseholdTable {
  province_code: string;
  round_id: number;
  household_code: string;
  source: HouseholdSource;
  included: Generated<boolean>;
  reason: string | null;
  survey: Json<Record<string, unknown>> | null;
  survey_state: Generated<SurveyState>;
  status: HouseholdStatusCode | null;
  standard_id: string | null;
  deprivations: Generated<string[]>;
  surveyed_by: number | null;
  surveyed_at: Timestamp | null;
  version: Generated<number>;
}

export type RequestKind = 'recognise_poor' | 'recognise_near_poor' | 'escape';

export interface ReviewRequestTable {
  province_code: string;
  id: Generated<number>;
  household_code: string;
  commune_code: string;
  kind: RequestKind;
  received_on: string;
  due_on: string;
  round_id: number | null;
  decided_on: string | null;
  created_by: number | null;
  created_at: Generated<Timestamp>;
}

export interface ReviewResultTable {
  province_code: string;
  household_code: string;
  round_id: number;
  commune_code: string;
  village: string;
  head_name: string;
  head_ethnic_code: string | null;
  area: string;
  decided_on: string;
  decision_number: string;
  review_year: number;
  standard_id: string;
  status: HouseholdStatusCode;
  deprivations: string[];
  deprivation_count: number;
  income_per_capita: number | null;
  score_a: number | null;
  persons: number;
  facts: Json<Record<string, unknown>>;
}

export type ReviewTables = {
  review_round: ReviewRoundTable;
  review_step: ReviewStepTable;
  review_household: ReviewHouseholdTable;
  review_request: ReviewRequestTable;
  review_result: ReviewResultTable;
};

export type ReviewDatabase = Database & ReviewTables;

/** The database seen with the review tables. */
export function reviewDb(db: Kysely<Database>): Kysely<ReviewDatabase> {
  return db.withTables<ReviewTables>();
}
