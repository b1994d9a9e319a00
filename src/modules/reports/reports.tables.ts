/** Kysely types of the reports tables (migrations 0007 and 0011), joined to the shared `Database` by {@link reportsDb}. */
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ObligationParty, SubmissionStatus } from '../../domain/reports/index.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface ObligationTable {
  province_code: string;
  id: Generated<number>;
  year: number;
  code: string;
  rule_id: string;
  title_vi: string;
  title_en: string;
  due_on: string;
  from_parties: Json<ObligationParty[]>;
  to_parties: Json<ObligationParty[]>;
  via_party: Json<ObligationParty | null>;
  source: string;
  updated_by: number | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SubmissionTable {
  province_code: string;
  id: Generated<number>;
  obligation_id: number;
  submitter: string;
  status: SubmissionStatus;
  note: string | null;
  return_reason: string | null;
  first_submitted_at: Timestamp | null;
  submitted_at: Timestamp | null;
  submitted_by: number | null;
  decided_at: Timestamp | null;
  decided_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** A file attached to a submission (migration 0011), kept in the database. */
export interface SubmissionAttachmentTable {
  province_code: string;
  id: Generated<number>;
  submission_id: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
}

export type ReportsTables = { obligation: ObligationTable; submission: SubmissionTable; submission_attachment: SubmissionAttachmentTable };
export type ReportsDatabase = Database & ReportsTables;

export function reportsDb(db: Kysely<Database>): Kysely<ReportsDatabase> {
  return db.withTables<ReportsTables>();
}
