import { retirementAgeMonths } from './ages.js';
import type {
  EducationLevel,
  EmploymentStatus,
  IndicatorCode,
  IndicatorDefinition,
  IndicatorParams,
  LabourRules,
  LatrineType,
  PovertyStandard,
  Sex,
  WaterSource,
} from './types.js';

/** A member's facts after validation, with ages at the survey date. */
export interface MemberFacts {
  /** Completed years at the survey date. */
  readonly ageYears: number;
  /** Completed months at the survey date. */
  readonly ageMonths: number;
  readonly sex: Sex;
  readonly employment: EmploymentStatus;
  readonly healthInsurance: boolean;
  readonly attendingSchool: boolean;
  readonly educationLevel: EducationLevel;
  readonly socialAllowance: boolean;
  readonly stunted: boolean;
  readonly underweight: boolean;
}

/** Household-level facts; a fact is present only when the chosen standard uses it. */
export interface HouseholdFacts {
  floorAreaM2?: number;
  durableWalls?: boolean;
  durableFrame?: boolean;
  durableRoof?: boolean;
  waterSource?: WaterSource;
  latrine?: LatrineType;
  internetUse?: boolean;
  informationDevices?: boolean;
  wasteCollected?: boolean;
}
export type HouseholdFactName = keyof HouseholdFacts;

/** Everything an indicator derivation may look at. */
export interface DerivationInput {
  readonly surveyYear: number;
  readonly members: readonly MemberFacts[];
  readonly household: HouseholdFacts;
}

type Derive = (input: DerivationInput) => boolean;

/** Which facts each indicator reads (SPEC §5.3); a fact no indicator of the standard reads is ignored. */
export const INDICATOR_FACTS: {
  readonly [C in IndicatorCode]: { readonly members: boolean; readonly household: readonly HouseholdFactName[] };
} = {
  employment: { members: true, household: [] },
  dependants: { members: true, household: [] },
  nutrition: { members: true, household: [] },
  health_insurance: { members: true, household: [] },
  adult_education: { members: true, household: [] },
  school_attendance: { members: true, household: [] },
  housing_quality: { members: false, household: ['durableWalls', 'durableFrame', 'durableRoof'] },
  housing_area: { members: true, household: ['floorAreaM2'] },
  water_source: { members: false, household: ['waterSource'] },
  latrine: { members: false, household: ['latrine'] },
  telecom: { members: false, household: ['internetUse'] },
  information_access: { members: false, household: ['informationDevices'] },
  waste: { members: false, household: ['wasteCollected'] },
};

function fact<K extends HouseholdFactName>(household: HouseholdFacts, name: K): NonNullable<HouseholdFacts[K]> {
  const value = household[name];
  // Validation requires every fact the standard's indicators read, so this is a programming error.
  if (value === undefined) throw new Error(`fact ${name} was not validated`);
  return value as NonNullable<HouseholdFacts[K]>;
}

/** Builds the derivation of each indicator code from its parameters (the code's meaning is fixed; its numbers are data). */
const derivations: { readonly [C in IndicatorCode]: (params: IndicatorParams[C], labour: LabourRules) => Derive } = {
  employment: (p, labour) => {
    const deprived = new Set<EmploymentStatus>(p.deprivedEmployment);
    const fromMonths = labour.workingAgeFromYears.value * 12;
    return ({ members, surveyYear }) => {
      const retireMale = retirementAgeMonths(labour, 'male', surveyYear);
      const retireFemale = retirementAgeMonths(labour, 'female', surveyYear);
      for (const m of members) {
        const working = m.ageMonths >= fromMonths && m.ageMonths < (m.sex === 'male' ? retireMale : retireFemale);
        if (working && deprived.has(m.employment)) return true;
      }
      return false;
    };
  },
  dependants: (p) => ({ members }) => {
    let dependants = 0;
    for (const m of members) {
      if (m.ageYears < p.childUnderYears || (p.socialAllowanceIsDependant && m.socialAllowance)) dependants++;
    }
    return dependants > p.shareAbove * members.length;
  },
  nutrition: (p) => ({ members }) => {
    for (const m of members) if (m.ageYears < p.childUnderYears && (m.stunted || m.underweight)) return true;
    return false;
  },
  health_insurance: (p) => ({ members }) => {
    for (const m of members) if (m.ageYears >= p.fromAgeYears && !m.healthInsurance) return true;
    return false;
  },
  adult_education: (p) => {
    const bands = p.ageBands.map((b) => ({ from: b.fromYears, to: b.toYears, accepted: new Set<EducationLevel>(b.acceptedLevels) }));
    return ({ members }) => {
      for (const m of members) {
        if (m.attendingSchool) continue;
        for (const b of bands) {
          if (m.ageYears >= b.from && m.ageYears <= b.to && !b.accepted.has(m.educationLevel)) return true;
        }
      }
      return false;
    };
  },
  school_attendance: (p) => ({ members }) => {
    for (const m of members) if (m.ageYears >= p.fromYears && m.ageYears <= p.toYears && !m.attendingSchool) return true;
    return false;
  },
  housing_quality: (p) => ({ household }) => {
    const nonDurable =
      (fact(household, 'durableWalls') ? 0 : 1) +
      (fact(household, 'durableFrame') ? 0 : 1) +
      (fact(household, 'durableRoof') ? 0 : 1);
    return nonDurable >= p.minNonDurable;
  },
  // area / members < min, compared without dividing so 32 m² for 4 members is exactly 8.
  housing_area: (p) => ({ household, members }) =>
    fact(household, 'floorAreaM2') < p.minFloorAreaPerMemberM2 * members.length,
  water_source: (p) => {
    const accepted = new Set<WaterSource>(p.acceptedSources);
    return ({ household }) => !accepted.has(fact(household, 'waterSource'));
  },
  latrine: (p) => {
    const accepted = new Set<LatrineType>(p.acceptedTypes);
    return ({ household }) => !accepted.has(fact(household, 'latrine'));
  },
  telecom: () => ({ household }) => !fact(household, 'internetUse'),
  information_access: () => ({ household }) => !fact(household, 'informationDevices'),
  waste: () => ({ household }) => !fact(household, 'wasteCollected'),
};

function buildDerivation(indicator: IndicatorDefinition, labour: LabourRules): Derive {
  // Each branch narrows `indicator` so its params match the code's builder.
  switch (indicator.code) {
    case 'employment': return derivations.employment(indicator.params, labour);
    case 'dependants': return derivations.dependants(indicator.params, labour);
    case 'nutrition': return derivations.nutrition(indicator.params, labour);
    case 'health_insurance': return derivations.health_insurance(indicator.params, labour);
    case 'adult_education': return derivations.adult_education(indicator.params, labour);
    case 'school_attendance': return derivations.school_attendance(indicator.params, labour);
    case 'housing_quality': return derivations.housing_quality(indicator.params, labour);
    case 'housing_area': return derivations.housing_area(indicator.params, labour);
    case 'water_source': return derivations.water_source(indicator.params, labour);
    case 'latrine': return derivations.latrine(indicator.params, labour);
    case 'telecom': return derivations.telecom(indicator.params, labour);
    case 'information_access': return derivations.information_access(indicator.params, labour);
    case 'waste': return derivations.waste(indicator.params, labour);
  }
}

/** A standard prepared for fast use: derivations built, fact lists and code lookups precomputed. */
export interface CompiledStandard {
  readonly standard: PovertyStandard;
  readonly codes: readonly IndicatorCode[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly usesMembers: boolean;
  /** Household facts the indicators read, in the order of the first indicator that reads each. */
  readonly householdFacts: readonly HouseholdFactName[];
  readonly derive: readonly Derive[];
}

const compiled = new WeakMap<PovertyStandard, CompiledStandard>();

/** Prepares (once, cached per standard object) what classification needs from a standard. */
export function compileStandard(standard: PovertyStandard): CompiledStandard {
  let c = compiled.get(standard);
  if (!c) {
    const codes = standard.indicators.map((i) => i.code);
    const householdFacts: HouseholdFactName[] = [];
    for (const code of codes) {
      for (const f of INDICATOR_FACTS[code].household) if (!householdFacts.includes(f)) householdFacts.push(f);
    }
    c = {
      standard,
      codes,
      indexOf: new Map(codes.map((code, i) => [code, i])),
      usesMembers: codes.some((code) => INDICATOR_FACTS[code].members),
      householdFacts,
      derive: standard.indicators.map((i) => buildDerivation(i, standard.labour)),
    };
    compiled.set(standard, c);
  }
  return c;
}

/**
 * The indicators the household lacks (các chỉ số thiếu hụt), in the standard's order.
 * `input` must hold every fact the standard's indicators read (see {@link INDICATOR_FACTS}).
 */
export function deriveDeprivations(standard: PovertyStandard, input: DerivationInput): IndicatorCode[] {
  const c = compileStandard(standard);
  const out: IndicatorCode[] = [];
  for (let i = 0; i < c.derive.length; i++) {
    const derive = c.derive[i];
    const code = c.codes[i];
    if (derive && code && derive(input)) out.push(code);
  }
  return out;
}
