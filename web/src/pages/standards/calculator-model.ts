/**
 * The calculator's household as the officer types it, turned into an assessment record (SPEC §5.4)
 * for the poverty engine, which runs here in the browser; and, for each indicator the household
 * lacks, what in its facts makes it lack it — found by the engine itself, member by member.
 */
import {
  assessHousehold,
  completedMonths,
  deriveDeprivations,
  parseIsoDate,
  standardForYear,
  type Area,
  type Assessment,
  type ClassificationResult,
  type EducationLevel,
  type EmploymentStatus,
  type HouseholdFacts,
  type IndicatorCode,
  type IndicatorDefinition,
  type Lang,
  type LatrineType,
  type MemberFacts,
  type PovertyStandard,
  type RecordFailure,
  type Sex,
  type WaterSource,
} from '../../../../src/domain/poverty/index';
import { parseDayMonthYear } from '../../components/date-field';

/** A yes/no fact the officer has not answered yet is `null` (the engine calls it missing). */
export type Answer = boolean | null;

export interface MemberInput {
  /** Stable React key; not part of the record. */
  key: number;
  /** As typed, `dd/mm/yyyy`. */
  birthDate: string;
  sex: Sex | '';
  employment: EmploymentStatus | '';
  educationLevel: EducationLevel | '';
  healthInsurance: Answer;
  attendingSchool: Answer;
  socialAllowance: boolean;
  stunted: boolean;
  underweight: boolean;
}

export interface CalculatorInput {
  year: number;
  /** `YYYY-MM-DD`. */
  surveyDate: string;
  area: Area;
  farmHousehold: boolean;
  basis: 'income' | 'scoreA';
  /** As typed: `1.400.000`, `1400000`, `1,400,000`. */
  income: string;
  scoreA: string;
  floorArea: string;
  durableWalls: Answer;
  durableFrame: Answer;
  durableRoof: Answer;
  waterSource: WaterSource | '';
  latrine: LatrineType | '';
  internetUse: Answer;
  informationDevices: Answer;
  wasteCollected: Answer;
  members: MemberInput[];
}

/** The record id the engine needs; never shown. */
const CALCULATOR_ID = 'calculator';

export function newMember(key: number): MemberInput {
  return {
    key,
    birthDate: '',
    sex: '',
    employment: '',
    educationLevel: '',
    healthInsurance: null,
    attendingSchool: null,
    socialAllowance: false,
    stunted: false,
    underweight: false,
  };
}

export function initialInput(year: number, surveyDate: string): CalculatorInput {
  return {
    year,
    surveyDate,
    area: 'rural',
    farmHousehold: false,
    basis: 'income',
    income: '',
    scoreA: '',
    floorArea: '',
    durableWalls: null,
    durableFrame: null,
    durableRoof: null,
    waterSource: '',
    latrine: '',
    internetUse: null,
    informationDevices: null,
    wasteCollected: null,
    members: [newMember(1)],
  };
}

/**
 * Đồng as typed, with or without thousands separators (`1.400.000`, `1,400,000`, `1 400 000 ₫`).
 * Anything else goes to the engine as typed, so it is refused there like in a file.
 */
export function parseAmount(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const digits = trimmed.replace(/[\s.,\u00a0₫]|đồng|đ$/giu, '');
  return /^\d{1,15}$/.test(digits) ? Number(digits) : trimmed;
}

/** A number with a decimal comma or point (`36,5`). */
export function parseDecimal(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const normalized = trimmed.replace(',', '.');
  return /^\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : trimmed;
}

function dateValue(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return parseDayMonthYear(trimmed) ?? trimmed;
}

const orUndefined = <T,>(value: T | '' | null): T | undefined => (value === '' || value === null ? undefined : value);

/** The years some standard covers, in order. */
export function reviewYears(standards: readonly PovertyStandard[]): number[] {
  return standards.flatMap((s) => Array.from({ length: s.lastYear - s.firstYear + 1 }, (_, i) => s.firstYear + i));
}

/** The basis the chosen standard allows: score A only where the standard has cut-offs. */
export function effectiveBasis(input: CalculatorInput, standard: PovertyStandard | undefined): 'income' | 'scoreA' {
  return input.basis === 'scoreA' && standard?.scoreACutoffs ? 'scoreA' : 'income';
}

/** The assessment record of SPEC §5.4 for the household typed in. */
export function assessmentRecord(input: CalculatorInput, standard: PovertyStandard | undefined): Record<string, unknown> {
  const basis = effectiveBasis(input, standard);
  return {
    id: CALCULATOR_ID,
    year: input.year,
    area: input.area,
    farmHousehold: input.farmHousehold,
    ...(basis === 'income' ? { incomePerCapita: parseAmount(input.income) } : { scoreA: parseDecimal(input.scoreA) }),
    facts: {
      surveyDate: input.surveyDate,
      members: input.members.map((m) => ({
        birthDate: dateValue(m.birthDate),
        sex: orUndefined(m.sex),
        employment: orUndefined(m.employment),
        healthInsurance: orUndefined(m.healthInsurance),
        attendingSchool: orUndefined(m.attendingSchool),
        educationLevel: orUndefined(m.educationLevel),
        socialAllowance: m.socialAllowance,
        stunted: m.stunted,
        underweight: m.underweight,
      })),
      floorAreaM2: parseDecimal(input.floorArea),
      durableWalls: orUndefined(input.durableWalls),
      durableFrame: orUndefined(input.durableFrame),
      durableRoof: orUndefined(input.durableRoof),
      waterSource: orUndefined(input.waterSource),
      latrine: orUndefined(input.latrine),
      internetUse: orUndefined(input.internetUse),
      informationDevices: orUndefined(input.informationDevices),
      wasteCollected: orUndefined(input.wasteCollected),
    },
  };
}

/** A member named in an explanation: their place in the list (from 1) and age at the survey date. */
export interface MemberRef {
  number: number;
  ageYears: number;
  employment: EmploymentStatus;
}

/** What in the household's facts makes it lack one indicator. */
export type Explanation =
  | { code: 'employment' | 'nutrition' | 'health_insurance' | 'adult_education' | 'school_attendance'; members: MemberRef[] }
  | { code: 'dependants'; dependants: number; members: number; shareAbove: number }
  | { code: 'housing_quality'; nonDurable: Array<'walls' | 'frame' | 'roof'>; minNonDurable: number }
  | { code: 'housing_area'; floorArea: number; members: number; perMember: number; minPerMember: number }
  | { code: 'water_source'; source: WaterSource }
  | { code: 'latrine'; latrine: LatrineType }
  | { code: 'telecom' | 'information_access' | 'waste' };

type Definition<C extends IndicatorCode> = Extract<IndicatorDefinition, { code: C }>;

function definition<C extends IndicatorCode>(standard: PovertyStandard, code: C): Definition<C> | undefined {
  return standard.indicators.find((indicator): indicator is Definition<C> => indicator.code === code);
}

interface ValidRecord {
  facts: {
    surveyDate: string;
    members: Array<Omit<MemberFacts, 'ageYears' | 'ageMonths'> & { birthDate: string }>;
  } & Required<HouseholdFacts>;
}

/**
 * For each indicator the household lacks, the facts behind it. Member indicators ask the engine
 * about each member alone (a member alone lacks `employment` exactly when that member is why the
 * household does; alone, a member "lacks" `dependants` exactly when they are a dependant).
 * `record` must be one the engine classified.
 */
export function explainDeprivations(
  standard: PovertyStandard,
  record: Record<string, unknown>,
  lacking: readonly IndicatorCode[],
): Explanation[] {
  const { facts } = record as unknown as ValidRecord;
  const survey = parseIsoDate(facts.surveyDate);
  if (!survey) return [];
  const members = facts.members.map((m): MemberFacts => {
    const birth = parseIsoDate(m.birthDate);
    const ageMonths = birth ? completedMonths(birth, survey) : 0;
    return { ...m, ageMonths, ageYears: Math.floor(ageMonths / 12) };
  });
  const household: HouseholdFacts = facts;
  const alone = members.map((m) => new Set(deriveDeprivations(standard, { surveyYear: survey.year, members: [m], household })));
  const refs = (code: IndicatorCode): MemberRef[] =>
    members.flatMap((m, i) => (alone[i]?.has(code) ? [{ number: i + 1, ageYears: m.ageYears, employment: m.employment }] : []));

  return lacking.map((code): Explanation => {
    switch (code) {
      case 'employment':
      case 'nutrition':
      case 'health_insurance':
      case 'adult_education':
      case 'school_attendance':
        return { code, members: refs(code) };
      case 'dependants':
        return {
          code,
          dependants: refs(code).length,
          members: members.length,
          shareAbove: definition(standard, 'dependants')?.params.shareAbove ?? 0.5,
        };
      case 'housing_quality': {
        const parts = [
          ['walls', facts.durableWalls],
          ['frame', facts.durableFrame],
          ['roof', facts.durableRoof],
        ] as const;
        return {
          code,
          nonDurable: parts.filter(([, durable]) => !durable).map(([part]) => part),
          minNonDurable: definition(standard, 'housing_quality')?.params.minNonDurable ?? 2,
        };
      }
      case 'housing_area':
        return {
          code,
          floorArea: facts.floorAreaM2,
          members: members.length,
          perMember: facts.floorAreaM2 / members.length,
          minPerMember: definition(standard, 'housing_area')?.params.minFloorAreaPerMemberM2 ?? 8,
        };
      case 'water_source':
        return { code, source: facts.waterSource };
      case 'latrine':
        return { code, latrine: facts.latrine };
      case 'telecom':
      case 'information_access':
      case 'waste':
        return { code };
    }
  });
}

export interface Evaluation {
  /** The standard of the chosen review year. */
  standard: PovertyStandard | undefined;
  record: Record<string, unknown>;
  /** The classification, or the first problem that prevents it. */
  result: ClassificationResult | null;
  failure: RecordFailure | null;
  /**
   * The indicators the household lacks as soon as its facts are complete, even before the income
   * is entered (the engine is asked again with a placeholder income); `null` while facts are missing.
   */
  lacking: IndicatorCode[] | null;
  explanations: Explanation[];
}

/** Runs the engine on the household typed in. */
export function evaluate(input: CalculatorInput, standards: readonly PovertyStandard[], lang: Lang): Evaluation {
  const standard = standardForYear(standards, input.year);
  const record = assessmentRecord(input, standard);
  const assessment: Assessment = assessHousehold(record, standards, { lang });
  let lacking: IndicatorCode[] | null = assessment.ok ? [...assessment.result.deprivations] : null;
  if (!assessment.ok) {
    const { scoreA: _score, ...withoutScore } = record;
    const factsOnly = assessHousehold({ ...withoutScore, incomePerCapita: 0 }, standards, { lang });
    if (factsOnly.ok) lacking = [...factsOnly.result.deprivations];
  }
  return {
    standard,
    record,
    result: assessment.ok ? assessment.result : null,
    failure: assessment.ok ? null : assessment.failure,
    lacking,
    explanations: standard && lacking ? explainDeprivations(standard, record, lacking) : [],
  };
}
