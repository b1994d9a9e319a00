/**
 * Kysely table types. One interface per table; column names are snake_case as in SQL.
 * Every household-scoped table leads its key with `province_code` (SPEC §3, scale-out).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A civil date (no time zone), kept as 'YYYY-MM-DD' text on the way out. */
type CivilDate = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export type RoleCode =
  | 'province_admin'
  | 'province_agency'
  | 'district_officer'
  | 'commune_officer'
  | 'reviewer'
  | 'supervisor';

export type UnitLevel = 'province' | 'district' | 'commune';
export type AreaType = 'urban' | 'rural';
/** Hộ nghèo, hộ cận nghèo, hộ có mức sống trung bình, other (SPEC §5.2). */
export type HouseholdStatusCode = 'poor' | 'near_poor' | 'average' | 'not_poor';

/** Settings of this deployment (province code, name, time zone, demo marker). */
export interface SettingTable {
  key: string;
  value: Json<unknown>;
}

/** Đơn vị hành chính, versioned: one row per unit and validity interval. */
export interface AdminUnitTable {
  code: string;
  valid_from: CivilDate;
  /** Last day the unit is valid (inclusive); null = still valid. */
  valid_to: CivilDate | null;
  name: string;
  /** Vietnamese unit type: Tỉnh, Thành phố, Thị xã, Huyện, Phường, Xã, Thị trấn. */
  type: string;
  level: UnitLevel;
  parent_code: string | null;
  province_code: string;
  /** Khu vực: phường and thị trấn are urban, xã is rural; null above commune level. */
  area: AreaType | null;
}

/** Old commune → new commune (1 July 2025), one row per pair. */
export interface UnitSuccessionTable {
  old_code: string;
  old_name: string;
  old_district_code: string;
  old_province_code: string;
  new_code: string;
  new_name: string;
  effective_date: CivilDate;
}

/** The 54 ethnic groups with their official codes (01 = Kinh). */
export interface EthnicGroupTable {
  code: string;
  name: string;
  /** Other spellings accepted on import (Jrai for Gia Rai, Bahnar for Ba Na, ...). */
  aliases: string[];
  is_minority: boolean;
}

/** Provincial agencies (versioned: names changed in 2025). */
export interface AgencyTable {
  code: string;
  name: string;
  name_en: string;
  short_name: string;
  valid_from: CivilDate;
  valid_to: CivilDate | null;
  /** The agency that took over its duties (2025 reorganisation). */
  successor_code: string | null;
}

/** Program (chương trình), e.g. NTP-GNBV-2021-2025. */
export interface ProgramTable {
  code: string;
  name: string;
  name_en: string;
  period_start: number;
  period_end: number;
  status: string;
}

/** Project (dự án) or sub-project (tiểu dự án) of a program. */
export interface ProgramProjectTable {
  code: string;
  program_code: string;
  parent_code: string | null;
  sort_order: number;
  name: string;
  name_en: string;
  lead_agency_code: string | null;
}

/** Support catalog: a policy or project support and the indicators it addresses. */
export interface SupportTypeTable {
  code: string;
  name: string;
  name_en: string;
  indicator_codes: string[];
  lead_agency_code: string | null;
  project_code: string | null;
}

/** Poverty standards as versioned data records (chuẩn nghèo). */
export interface PovertyStandardTable {
  id: string;
  first_year: number;
  last_year: number;
  status: string;
  definition: Json<unknown>;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: RoleCode;
  /** The unit the user belongs to (province, district or commune code); null for agencies. */
  unit_code: string | null;
  agency_code: string | null;
  is_demo: Generated<boolean>;
  is_active: Generated<boolean>;
  created_at: Generated<Timestamp>;
  version: Generated<number>;
  /** Set when an administrator gave the password: every route but changing it answers 403. */
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp | null;
  last_login_at: Timestamp | null;
  failed_login_count: Generated<number>;
  failed_login_since: Timestamp | null;
  /** Locked while set and `locked_until` is null or ahead (migration 0012). */
  locked_at: Timestamp | null;
  locked_until: Timestamp | null;
}

/** Communes assigned to a reviewer (rà soát viên) beyond their own unit. */
export interface UserCommuneTable {
  user_id: number;
  commune_code: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  token_hash: string;
  user_id: number;
  /** `Timestamp` may be left out on insert (the column's default). */
  created_at: Timestamp;
  expires_at: Timestamp;
  /** Last request, kept to the minute; a session idle too long ends. */
  last_seen_at: Timestamp;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Timestamp>;
  user_id: number | null;
  action: string;
  entity: string;
  entity_id: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  ip: string | null;
}

/** Hộ gia đình: the registry record with the household's current facts (SPEC §6). */
export interface HouseholdTable {
  province_code: string;
  code: string;
  commune_code: string;
  village: string;
  address: string;
  head_name: string;
  area: AreaType;
  head_ethnic_code: string | null;
  farm_household: boolean;
  survey_date: CivilDate | null;
  income_per_capita: number | null;
  score_a: number | null;
  floor_area_m2: number | null;
  durable_walls: boolean | null;
  durable_frame: boolean | null;
  durable_roof: boolean | null;
  water_source: string | null;
  latrine: string | null;
  internet_use: boolean | null;
  information_devices: boolean | null;
  waste_collected: boolean | null;
  /** Synthetic demo data, shown as such everywhere. */
  is_synthetic: Generated<boolean>;
  dissolved_at: CivilDate | null;
  /** Class of the current facts by the poverty engine; null until they allow a classification. */
  status: Generated<HouseholdStatusCode | null>;
  /** The standard the class was computed under. */
  standard_id: Generated<string | null>;
  /** Indicators lacked, in the standard's order. */
  deprivations: Generated<string[]>;
  /** First day at the current commune and village; the history trigger reads it on a move. */
  located_since: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** Thành viên hộ. */
export interface MemberTable {
  province_code: string;
  household_code: string;
  seq: number;
  full_name: string;
  sex: 'male' | 'female';
  birth_date: CivilDate;
  ethnic_code: string | null;
  citizen_id: string | null;
  relation: string;
  employment: string;
  health_insurance: boolean;
  attending_school: boolean;
  education_level: string;
  social_allowance: boolean;
  stunted: boolean;
  underweight: boolean;
  /** `full_name` folded for search (src/domain/text.ts `foldForSearch`); every writer fills it. */
  search_name: Generated<string>;
}

/** Where a household was: one row per period at a commune and village (set by triggers). */
export interface HouseholdHistoryTable {
  province_code: string;
  household_code: string;
  valid_from: CivilDate;
  /** Last day at this place (inclusive); null = still there. */
  valid_to: CivilDate | null;
  commune_code: string;
  village: string;
}

export interface Database {
  setting: SettingTable;
  admin_unit: AdminUnitTable;
  unit_succession: UnitSuccessionTable;
  ethnic_group: EthnicGroupTable;
  agency: AgencyTable;
  program: ProgramTable;
  program_project: ProgramProjectTable;
  support_type: SupportTypeTable;
  poverty_standard: PovertyStandardTable;
  app_user: AppUserTable;
  user_commune: UserCommuneTable;
  user_session: SessionTable;
  audit_log: AuditLogTable;
  household: HouseholdTable;
  member: MemberTable;
  household_history: HouseholdHistoryTable;
}

export type AdminUnit = Selectable<AdminUnitTable>;
export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type HouseholdRow = Selectable<HouseholdTable>;
export type NewHousehold = Insertable<HouseholdTable>;
export type NewMember = Insertable<MemberTable>;
export type HouseholdUpdate = Updateable<HouseholdTable>;
