/**
 * Types of the poverty standard engine (SPEC §5). Everything here is plain data, so the same
 * objects can travel to the browser or into the database unchanged.
 */

/** Khu vực: nông thôn (xã) or thành thị / đô thị (phường, thị trấn). */
export type Area = 'rural' | 'urban';
export const AREAS: readonly Area[] = ['rural', 'urban'];

/**
 * Result of classification, poorest first:
 * - `poor` — hộ nghèo;
 * - `near_poor` — hộ cận nghèo;
 * - `average` — hộ có mức sống trung bình (farm households only, income path only);
 * - `not_poor` — every other household.
 */
export type HouseholdStatus = 'poor' | 'near_poor' | 'average' | 'not_poor';
export const HOUSEHOLD_STATUSES: readonly HouseholdStatus[] = ['poor', 'near_poor', 'average', 'not_poor'];

/** Indicator codes the engine knows how to derive from facts (SPEC §5.3). */
export type IndicatorCode =
  | 'employment'
  | 'dependants'
  | 'nutrition'
  | 'health_insurance'
  | 'adult_education'
  | 'school_attendance'
  | 'housing_quality'
  | 'housing_area'
  | 'water_source'
  | 'latrine'
  | 'telecom'
  | 'information_access'
  | 'waste';
export const INDICATOR_CODES: readonly IndicatorCode[] = [
  'employment',
  'dependants',
  'nutrition',
  'health_insurance',
  'adult_education',
  'school_attendance',
  'housing_quality',
  'housing_area',
  'water_source',
  'latrine',
  'telecom',
  'information_access',
  'waste',
];

export type Sex = 'male' | 'female';
export const SEXES: readonly Sex[] = ['male', 'female'];

/** Trình độ giáo dục, lowest first. */
export type EducationLevel =
  | 'none'
  | 'primary'
  | 'lower_secondary'
  | 'upper_secondary'
  | 'vocational'
  | 'college_or_higher';
export const EDUCATION_LEVELS: readonly EducationLevel[] = [
  'none',
  'primary',
  'lower_secondary',
  'upper_secondary',
  'vocational',
  'college_or_higher',
];

export type EmploymentStatus =
  | 'contract'
  | 'informal_wage'
  | 'self_employed'
  | 'unemployed'
  | 'not_in_labour_force';
export const EMPLOYMENT_STATUSES: readonly EmploymentStatus[] = [
  'contract',
  'informal_wage',
  'self_employed',
  'unemployed',
  'not_in_labour_force',
];

export type WaterSource =
  | 'piped'
  | 'borehole'
  | 'protected_well'
  | 'protected_spring'
  | 'rainwater'
  | 'bottled'
  | 'unprotected_well'
  | 'unprotected_spring'
  | 'surface'
  | 'other';
export const WATER_SOURCES: readonly WaterSource[] = [
  'piped',
  'borehole',
  'protected_well',
  'protected_spring',
  'rainwater',
  'bottled',
  'unprotected_well',
  'unprotected_spring',
  'surface',
  'other',
];

export type LatrineType =
  | 'septic'
  | 'semi_septic'
  | 'pour_flush'
  | 'double_vault'
  | 'ventilated_pit'
  | 'unimproved_pit'
  | 'none'
  | 'other';
export const LATRINE_TYPES: readonly LatrineType[] = [
  'septic',
  'semi_septic',
  'pour_flush',
  'double_vault',
  'ventilated_pit',
  'unimproved_pit',
  'none',
  'other',
];

/** Source status label of a threshold or indicator (DOMAIN §0): confirmed, partial, unverified, derived. */
export type SourceStatus = 'C' | 'P' | 'U' | 'D';

/** Text in both languages of the app. */
export interface LocalizedText {
  readonly vi: string;
  readonly en: string;
}

/** A number taken from a legal text, with how sure we are of it. */
export interface Threshold {
  readonly value: number;
  readonly status: SourceStatus;
  readonly source: string;
}

export interface ByArea<T> {
  readonly rural: T;
  readonly urban: T;
}

/** Per-indicator parameters; the derivation code for each code reads only these numbers and lists. */
export interface IndicatorParams {
  readonly employment: { readonly deprivedEmployment: readonly EmploymentStatus[] };
  readonly dependants: {
    readonly childUnderYears: number;
    readonly socialAllowanceIsDependant: boolean;
    /** Deprived when dependants / members is strictly above this share. */
    readonly shareAbove: number;
  };
  readonly nutrition: { readonly childUnderYears: number };
  readonly health_insurance: { readonly fromAgeYears: number };
  readonly adult_education: {
    readonly ageBands: readonly {
      readonly fromYears: number;
      readonly toYears: number;
      readonly acceptedLevels: readonly EducationLevel[];
    }[];
  };
  readonly school_attendance: { readonly fromYears: number; readonly toYears: number };
  readonly housing_quality: { readonly minNonDurable: number };
  /** Deprived when floor area per member is strictly below this. */
  readonly housing_area: { readonly minFloorAreaPerMemberM2: number };
  readonly water_source: { readonly acceptedSources: readonly WaterSource[] };
  readonly latrine: { readonly acceptedTypes: readonly LatrineType[] };
  readonly telecom: Readonly<Record<string, never>>;
  readonly information_access: Readonly<Record<string, never>>;
  readonly waste: Readonly<Record<string, never>>;
}

/** Definition of one indicator (chỉ số thiếu hụt) inside a standard. */
export type IndicatorDefinition = {
  readonly [C in IndicatorCode]: {
    readonly code: C;
    readonly dimension: LocalizedText;
    readonly name: LocalizedText;
    readonly condition: LocalizedText;
    readonly status: SourceStatus;
    readonly source: string;
    readonly params: IndicatorParams[C];
  };
}[IndicatorCode];

/** Statutory retirement age roadmap for one sex, in completed months of age. */
export interface RetirementRoadmap {
  /** Retirement age for years before `baseYear`. */
  readonly beforeBaseMonths: number;
  /** Retirement age in `baseYear`. */
  readonly baseMonths: number;
  /** Added each year after `baseYear`. */
  readonly stepMonthsPerYear: number;
  /** The age the roadmap stops at. */
  readonly finalMonths: number;
}

/** Labour Code rules the employment indicator needs (độ tuổi lao động, tuổi nghỉ hưu). */
export interface LabourRules {
  readonly workingAgeFromYears: Threshold;
  readonly retirementAge: {
    readonly status: SourceStatus;
    readonly source: string;
    readonly baseYear: number;
    readonly male: RetirementRoadmap;
    readonly female: RetirementRoadmap;
  };
}

/** A multidimensional poverty standard (chuẩn nghèo đa chiều), as loaded from `reference/standards.json`. */
export interface PovertyStandard {
  readonly id: string;
  readonly name: LocalizedText;
  readonly legalBasis: string;
  /** First and last review year (năm rà soát) the standard applies to, inclusive. */
  readonly firstYear: number;
  readonly lastYear: number;
  readonly validity: { readonly from: string; readonly to: string };
  readonly status: 'official' | 'provisional';
  /** Chuẩn thu nhập (VND / person / month); income ≤ line is within the line. */
  readonly incomeLines: ByArea<Threshold>;
  /** Upper bound of hộ có mức sống trung bình (farm households only); `null` when the standard has none. */
  readonly averageBand: (ByArea<Threshold> & { readonly appliesTo: 'farm_households' }) | null;
  /** Điểm A cut-off (income-proxy score); `null` when the standard is income-only. */
  readonly scoreACutoffs: ByArea<Threshold> | null;
  /** A household within the line is poor from this many deprivations (3). */
  readonly poorMinDeprivations: Threshold;
  /** Điểm B per lacking indicator (10). */
  readonly scoreBPointsPerIndicator: Threshold;
  /** Alkire–Foster cut-off k (3). */
  readonly alkireFosterK: Threshold;
  /** Indicators in the standard's order; outputs list deprivations in this order. */
  readonly indicators: readonly IndicatorDefinition[];
  /** Labour rules in force, shared by all standards of a file. */
  readonly labour: LabourRules;
}

export type ErrorCode =
  | 'missing_field'
  | 'invalid_field'
  | 'conflicting_fields'
  | 'unknown_indicator'
  | 'no_standard_for_year'
  | 'unsupported_by_standard';

export type Lang = 'vi' | 'en';

/** One classified household (SPEC §5.5); keys in this order. */
export interface ClassificationResult {
  readonly id: string;
  readonly standard: string;
  readonly status: HouseholdStatus;
  readonly deprivations: readonly IndicatorCode[];
  readonly deprivationCount: number;
  readonly scoreB: number;
  readonly incomeBasis: 'income' | 'scoreA';
}

/** A record that could not be classified (SPEC §5.5). */
export interface RecordFailure {
  /** The record's id when it has a valid one, otherwise `null`. */
  readonly id: string | null;
  readonly error: {
    readonly code: ErrorCode;
    /** JSON path of the offending field, e.g. `facts.members[2].birthDate`; `""` for the whole record. */
    readonly field: string;
    readonly message: string;
  };
}

export type Outcome = ClassificationResult | RecordFailure;

/** Where a record came from, so messages can point at it. */
export interface RecordPosition {
  /** 1-based line number in JSON Lines. */
  readonly line?: number;
  /** 0-based index in a JSON array. */
  readonly index?: number;
}

/** Optional fields a summary groups by. */
export interface GroupingKeys {
  readonly unitCode: string | null;
  readonly ethnicMinority: boolean | null;
}
