/**
 * Kysely types of the tables of migrations 0005 and 0010 (the program at work). They extend the shared
 * `Database` through `withProgramTables`, so the program module types its SQL without touching
 * the schema file other modules edit; they can move into `src/db/schema.ts` unchanged.
 */
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type CivilDate = ColumnType<string, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** bigint and numeric columns come back as JS numbers (docs/architecture.md). */
type Money = ColumnType<number, number, number>;

export type BudgetSource = 'central' | 'provincial_counterpart' | 'mobilised';
export type BudgetKind = 'investment' | 'recurrent';
export type TaskStatus = 'open' | 'in_progress' | 'done';
export type SupportStatus = 'planned' | 'in_progress' | 'done' | 'cancelled';
export type HelperKind = 'person' | 'organisation';
export type AgencyRole = 'lead' | 'implementing';

export interface ProjectAgencyTable {
  project_code: string;
  year: number;
  agency_code: string;
  role: AgencyRole;
}

export interface CounterpartRuleTable {
  program_code: string;
  source: string;
  bands: Json<{ minDependencePercent: number; minCounterpartPercent: number }[]>;
}

export interface ProgramYearTable {
  province_code: string;
  program_code: string;
  year: number;
  central_dependence_percent: Money;
  version: Generated<number>;
}

export interface PlanTaskTable {
  province_code: string;
  plan_id: string;
  task_id: string;
  program_code: string;
  year: number;
  assignees: Json<{ kind: 'agency' | 'party'; code: string; vi?: string; en?: string }[]>;
  agency_codes: string[];
  text_vi: string;
  text_en: string;
  due_date: CivilDate | null;
  project_codes: string[];
  status: Generated<TaskStatus>;
  completed_on: CivilDate | null;
  version: Generated<number>;
  /** Set when a user changed the due date: the plan file's date no longer overwrites it. */
  due_date_set_by: number | null;
}

export interface BudgetLineTable {
  id: Generated<number>;
  province_code: string;
  program_code: string;
  year: number;
  project_code: string;
  unit_code: string;
  source: BudgetSource;
  kind: BudgetKind;
  planned: Money;
  allocated: Money;
  note: string | null;
  version: Generated<number>;
  created_at: Generated<Timestamp>;
}

export interface BudgetDisbursementTable {
  budget_line_id: number;
  month: number;
  amount: Money;
}

export interface AllocationModelTable {
  id: Generated<number>;
  province_code: string;
  program_code: string;
  year: number;
  project_code: string;
  source: BudgetSource;
  name: string;
  total: Money;
  criteria: Json<{ code: string; coefficient: number }[]>;
  minimum_share: number | null;
  maximum_share: number | null;
  resolution_number: string;
  resolution_date: CivilDate;
  created_by: number | null;
  created_at: Generated<Timestamp>;
}

export interface AllocationShareTable {
  model_id: number;
  unit_code: string;
  counts: Json<Record<string, number>>;
  points: number;
  amount: Money;
  bound: 'minimum' | 'cap' | null;
}

export interface OutputIndicatorTable {
  id: Generated<number>;
  province_code: string;
  project_code: string;
  year: number;
  name: string;
  unit_of_measure: string;
  target: number;
  actual: number | null;
  version: Generated<number>;
}

export interface SupportPlanTable {
  province_code: string;
  household_code: string;
  program_code: string;
  helper_name: string | null;
  helper_kind: HelperKind | null;
  version: Generated<number>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface SupportItemTable {
  id: Generated<number>;
  province_code: string;
  household_code: string;
  support_code: string;
  agency_code: string;
  amount: Money;
  funding_project_code: string | null;
  status: SupportStatus;
  planned_date: CivilDate;
  completed_date: CivilDate | null;
  note: string | null;
  version: Generated<number>;
}

export interface TwinningTable {
  id: Generated<number>;
  province_code: string;
  agency_code: string;
  commune_code: string;
  village: string | null;
  kind: 'twinning' | 'sponsorship';
  start_date: CivilDate;
  end_date: CivilDate | null;
  note: string | null;
  created_at: Generated<Timestamp>;
}

export type PoorUnitKind = 'poor_district' | 'poor_commune';

/** A unit on an official list of poor districts or communes for a span of years (migration 0010). */
export interface PoorUnitTable {
  province_code: string;
  unit_code: string;
  kind: PoorUnitKind;
  from_year: number;
  to_year: number;
  /** The act that lists it, e.g. `Quyết định 353/QĐ-TTg`. */
  basis: string;
}

export type ProgramTables = {
  project_agency: ProjectAgencyTable;
  counterpart_rule: CounterpartRuleTable;
  program_year: ProgramYearTable;
  plan_task: PlanTaskTable;
  budget_line: BudgetLineTable;
  budget_disbursement: BudgetDisbursementTable;
  allocation_model: AllocationModelTable;
  allocation_share: AllocationShareTable;
  output_indicator: OutputIndicatorTable;
  support_plan: SupportPlanTable;
  support_item: SupportItemTable;
  twinning: TwinningTable;
  poor_unit: PoorUnitTable;
};

export type ProgramDatabase = Database & ProgramTables;
export type ProgramDb = Kysely<ProgramDatabase>;

/** The same connection, typed with the program tables. */
export function withProgramTables(db: Kysely<Database>): ProgramDb {
  return db.withTables<ProgramTables>();
}
