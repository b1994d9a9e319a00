/**
 * Plausibility of survey facts: what the poverty engine accepts as well-formed but no household
 * can be (a 5-year-old with a university degree, no floor at all for a household with members,
 * a member born after the survey). A survey is refused with the field named. Pure.
 */
import { completedYears, parseIsoDate, type EducationLevel } from '../poverty/index.js';

export type ImplausibleCode =
  | 'born_after_survey'
  | 'too_old'
  | 'education_too_high_for_age'
  | 'working_too_young'
  | 'no_floor_area'
  | 'survey_date_outside_round';

export interface ImplausibleFact {
  /** JSON path of the field, as the engine names fields (`facts.members[2].birthDate`). */
  field: string;
  code: ImplausibleCode;
  params: Record<string, string | number>;
}

/**
 * The youngest age (completed years) at which a level can have been reached. Deliberately
 * lenient — these refuse only the impossible, not the unusual.
 */
export const MIN_AGE_FOR_EDUCATION: Readonly<Record<EducationLevel, number>> = {
  none: 0,
  primary: 6,
  lower_secondary: 10,
  upper_secondary: 14,
  vocational: 14,
  college_or_higher: 17,
};

/** Below this age nobody works for pay or on their own account (Labour Code 2019 art. 143–145: from 13 only light work). */
export const MIN_WORKING_AGE = 6;
export const MAX_AGE_YEARS = 120;

const WORKING = new Set(['contract', 'informal_wage', 'self_employed']);

export interface SurveyFactsInput {
  surveyDate?: unknown;
  floorAreaM2?: unknown;
  members?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every implausible fact of a survey, in field order; facts that are missing or malformed are
 * left to the engine (which names them as `missing_field` / `invalid_field`). With `window`, a
 * survey dated outside the round's days is refused too.
 *
 * @example
 * implausibleFacts({ surveyDate: '2024-10-01', floorAreaM2: 0,
 *   members: [{ birthDate: '2019-05-01', educationLevel: 'college_or_higher', employment: 'not_in_labour_force' }] })
 * // [{ field: 'facts.floorAreaM2', code: 'no_floor_area', ... },
 * //  { field: 'facts.members[0].educationLevel', code: 'education_too_high_for_age', ... }]
 */
export function implausibleFacts(facts: SurveyFactsInput, window?: { from: string; to: string }): ImplausibleFact[] {
  const found: ImplausibleFact[] = [];
  if (window && typeof facts.surveyDate === 'string' && (facts.surveyDate < window.from || facts.surveyDate > window.to)) {
    found.push({ field: 'facts.surveyDate', code: 'survey_date_outside_round', params: window });
  }
  const members = Array.isArray(facts.members) ? facts.members : [];
  if (members.length > 0 && typeof facts.floorAreaM2 === 'number' && facts.floorAreaM2 <= 0) {
    found.push({ field: 'facts.floorAreaM2', code: 'no_floor_area', params: { members: members.length } });
  }
  const survey = typeof facts.surveyDate === 'string' ? parseIsoDate(facts.surveyDate) : null;
  if (!survey) return found;
  members.forEach((member, index) => {
    if (!isRecord(member)) return;
    const at = `facts.members[${index}]`;
    const birth = typeof member.birthDate === 'string' ? parseIsoDate(member.birthDate) : null;
    if (!birth) return;
    if (member.birthDate as string > (facts.surveyDate as string)) {
      found.push({ field: `${at}.birthDate`, code: 'born_after_survey', params: { surveyDate: facts.surveyDate as string } });
      return;
    }
    const age = completedYears(birth, survey);
    if (age > MAX_AGE_YEARS) {
      found.push({ field: `${at}.birthDate`, code: 'too_old', params: { age, max: MAX_AGE_YEARS } });
      return;
    }
    const level = member.educationLevel;
    if (typeof level === 'string' && level in MIN_AGE_FOR_EDUCATION) {
      const minimum = MIN_AGE_FOR_EDUCATION[level as EducationLevel];
      if (age < minimum) found.push({ field: `${at}.educationLevel`, code: 'education_too_high_for_age', params: { age, minimum } });
    }
    if (typeof member.employment === 'string' && WORKING.has(member.employment) && age < MIN_WORKING_AGE) {
      found.push({ field: `${at}.employment`, code: 'working_too_young', params: { age, minimum: MIN_WORKING_AGE } });
    }
  });
  return found;
}
