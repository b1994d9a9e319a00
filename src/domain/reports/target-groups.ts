/**
 * Target groups (nhóm đối tượng) of the review-result table "Phân tích hộ nghèo, hộ cận nghèo
 * theo các nhóm đối tượng" (DOMAIN §2.6–2.7, [P]). Only groups the registry records facts for are
 * counted; the others are named as not recorded, so a report never shows a zero it cannot know.
 */
import { type LabourRules, type Sex, completedMonths, isWorkingAge, parseIsoDate } from '../poverty/index.js';

/** The groups derived from recorded facts, in the order the table prints them. */
export const TARGET_GROUPS = ['ethnic_minority', 'social_allowance', 'no_working_age_member', 'female_head', 'elderly_alone'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/**
 * Groups the official table names but the registry keeps no fact for: a member who is a person
 * with merit to the revolution (người có công), and disability as such (a disabled member appears
 * only through the monthly social allowance, together with the elderly who receive it).
 */
export const UNRECORDED_TARGET_GROUPS = ['merit', 'disability'] as const;
export type UnrecordedTargetGroup = (typeof UNRECORDED_TARGET_GROUPS)[number];

/** Người cao tuổi: from 60 completed years (Luật Người cao tuổi 2009, Art. 2). */
export const ELDERLY_FROM_YEARS = 60;

export interface TargetGroupFacts {
  /** The head belongs to an ethnic minority (null: ethnic group not recorded). */
  headEthnicMinority: boolean | null;
  headSex: Sex | null;
  /** The survey date of the recognised assessment: ages are counted on it. */
  surveyDate: string | null;
  members: readonly { birthDate: string | null; sex: Sex | null; socialAllowance: boolean | null }[];
}

/**
 * The recorded target groups a household belongs to (a household may be in several):
 * - `ethnic_minority`: the head is of an ethnic minority;
 * - `social_allowance`: a member receives the monthly social allowance (bảo trợ xã hội);
 * - `no_working_age_member`: no member of working age on the survey date (the recorded part of
 *   "hộ không có khả năng lao động" — incapacity to work is not recorded);
 * - `female_head`: the head is a woman;
 * - `elderly_alone`: one member, aged 60 or more on the survey date.
 *
 * @example targetGroupsOf({ headEthnicMinority: true, headSex: 'female', surveyDate: '2022-10-01', members: [{ birthDate: '1950-01-01', sex: 'female', socialAllowance: true }] }, labour)
 * // ['ethnic_minority', 'social_allowance', 'no_working_age_member', 'female_head', 'elderly_alone']
 */
export function targetGroupsOf(facts: TargetGroupFacts, labour: LabourRules): TargetGroup[] {
  const groups: TargetGroup[] = [];
  if (facts.headEthnicMinority === true) groups.push('ethnic_minority');
  if (facts.members.some((m) => m.socialAllowance === true)) groups.push('social_allowance');
  const survey = facts.surveyDate ? parseIsoDate(facts.surveyDate) : undefined;
  const ageInMonths = (birthDate: string | null) => {
    const birth = birthDate ? parseIsoDate(birthDate) : undefined;
    return birth && survey ? completedMonths(birth, survey) : null;
  };
  if (survey && facts.members.length > 0) {
    const ages = facts.members.map((m) => ({ sex: m.sex, months: ageInMonths(m.birthDate) }));
    // Unknown ages or sexes leave the household out rather than guessing it has no worker.
    if (ages.every((a) => a.months !== null && a.sex !== null) && !ages.some((a) => isWorkingAge(labour, a.sex!, a.months!, survey.year))) {
      groups.push('no_working_age_member');
    }
  }
  if (facts.headSex === 'female') groups.push('female_head');
  if (facts.members.length === 1) {
    const months = ageInMonths(facts.members[0]!.birthDate);
    if (months !== null && months >= ELDERLY_FROM_YEARS * 12) groups.push('elderly_alone');
  }
  return groups;
}
