/** Zod schemas of the household registry's requests and responses (SPEC §6, §11). */
import { z } from 'zod';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  HOUSEHOLD_STATUSES,
  INDICATOR_CODES,
  LATRINE_TYPES,
  SEXES,
  WATER_SOURCES,
} from '../../domain/poverty/index.js';
import { civilDate } from '../units/units.schemas.js';

const statusSchema = z.enum(HOUSEHOLD_STATUSES);
const areaSchema = z.enum(['rural', 'urban']);
/** Household codes: letters, digits and hyphens, e.g. `23827-00012` (SPEC §6: unique in the province). */
export const householdCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/);
const unitCode = z.string().regex(/^\d{2,5}$/);
const ethnicCode = z.string().regex(/^\d{2}$/);

/** Filters of the list, its export and its count; `q` is a name, a household code or a citizen ID. */
export const householdFilterQuery = z.object({
  unit: unitCode.optional(),
  village: z.string().trim().min(1).max(200).optional(),
  status: z.enum([...HOUSEHOLD_STATUSES, 'unclassified']).optional(),
  ethnicMinority: z.enum(['true', 'false']).optional(),
  deprivation: z.enum(INDICATOR_CODES).optional(),
  q: z.string().max(100).optional(),
  state: z.enum(['active', 'dissolved', 'all']).default('active'),
});
export type HouseholdFilterQuery = z.infer<typeof householdFilterQuery>;

export const householdListQuery = householdFilterQuery.extend({
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type HouseholdListQuery = z.infer<typeof householdListQuery>;

export const householdExportQuery = householdFilterQuery.extend({
  format: z.enum(['xlsx', 'csv']),
  /** The language of headers and words; a download link cannot set Accept-Language. */
  lang: z.enum(['vi', 'en']).optional(),
});

export const householdParams = z.object({ code: householdCode });

export const villagesQuery = z.object({ commune: unitCode });

const listItem = z.object({
  code: z.string(),
  communeCode: z.string(),
  communeName: z.string().nullable(),
  village: z.string(),
  headName: z.string(),
  area: areaSchema,
  memberCount: z.number(),
  status: statusSchema.nullable(),
  deprivations: z.array(z.string()),
  ethnicMinority: z.boolean().nullable(),
  dissolvedAt: z.string().nullable(),
  isSynthetic: z.boolean(),
  /** With a name search: the member found. */
  match: z.object({ fullName: z.string(), relation: z.string() }).optional(),
});
export type HouseholdListItem = z.infer<typeof listItem>;

export const householdListResponse = z.object({
  items: z.array(listItem),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const householdCountResponse = z.object({ count: z.number() });

export const villagesResponse = z.object({ villages: z.array(z.string()) });

const indicator = z.object({ code: z.string(), name: z.string() });

export const filterOptionsResponse = z.object({
  communes: z.array(
    z.object({ code: z.string(), name: z.string(), districtCode: z.string().nullable(), districtName: z.string().nullable() }),
  ),
  indicators: z.array(indicator),
  ethnicGroups: z.array(z.object({ code: z.string(), name: z.string(), isMinority: z.boolean() })),
});

// Facts left out of a request are unknown (null): a household can be registered before its survey.
const nullableBoolean = z.boolean().nullish();

const memberInput = z.object({
  /** The member's number in the household, to keep it across an edit; new members leave it out. */
  seq: z.number().int().min(1).max(999).optional(),
  fullName: z.string().trim().min(1).max(100),
  sex: z.enum(SEXES),
  birthDate: civilDate,
  ethnicCode: ethnicCode.nullish(),
  /** 12 digits; checked against the birth date and sex (Circular 59/2021/TT-BCA). */
  citizenId: z.string().trim().max(20).nullish(),
  relation: z.string().trim().min(1).max(50),
  employment: z.enum(EMPLOYMENT_STATUSES),
  healthInsurance: z.boolean(),
  attendingSchool: z.boolean(),
  educationLevel: z.enum(EDUCATION_LEVELS),
  socialAllowance: z.boolean().default(false),
  stunted: z.boolean().default(false),
  underweight: z.boolean().default(false),
});
export type MemberInput = z.infer<typeof memberInput>;

const householdFacts = {
  address: z.string().trim().max(300).default(''),
  headName: z.string().trim().min(1).max(100),
  area: areaSchema,
  headEthnicCode: ethnicCode.nullish(),
  farmHousehold: z.boolean().default(false),
  surveyDate: civilDate.nullish(),
  incomePerCapita: z.number().int().min(0).max(1_000_000_000).nullish(),
  scoreA: z.number().min(0).max(1_000).nullish(),
  floorAreaM2: z.number().min(0).max(100_000).nullish(),
  durableWalls: nullableBoolean,
  durableFrame: nullableBoolean,
  durableRoof: nullableBoolean,
  waterSource: z.enum(WATER_SOURCES).nullish(),
  latrine: z.enum(LATRINE_TYPES).nullish(),
  internetUse: nullableBoolean,
  informationDevices: nullableBoolean,
  wasteCollected: nullableBoolean,
  members: z.array(memberInput).min(1).max(30),
};

export const createHouseholdBody = z.object({
  /** Left out: the next free `<commune>-NNNNN`. */
  code: householdCode.optional(),
  communeCode: unitCode,
  village: z.string().trim().min(1).max(200),
  ...householdFacts,
});
export type CreateHouseholdInput = z.infer<typeof createHouseholdBody>;

export const updateHouseholdBody = z.object({
  version: z.number().int().min(1),
  ...householdFacts,
});
export type UpdateHouseholdInput = z.infer<typeof updateHouseholdBody>;
export type HouseholdFactsInput = Omit<UpdateHouseholdInput, 'version'>;

export const moveHouseholdBody = z.object({
  version: z.number().int().min(1),
  communeCode: unitCode,
  village: z.string().trim().min(1).max(200),
  /** New address; the old one stays when left out. */
  address: z.string().trim().max(300).optional(),
  /** First day at the new place. */
  date: civilDate,
});
export type MoveHouseholdInput = z.infer<typeof moveHouseholdBody>;

export const dissolveHouseholdBody = z.object({
  version: z.number().int().min(1),
  /** The day the household ceased to exist (tách, nhập, chuyển đi, không còn người). */
  date: civilDate,
  reason: z.string().trim().min(1).max(500),
});
export type DissolveHouseholdInput = z.infer<typeof dissolveHouseholdBody>;

const member = z.object({
  seq: z.number(),
  fullName: z.string(),
  sex: z.enum(SEXES),
  birthDate: z.string(),
  ethnicCode: z.string().nullable(),
  ethnicName: z.string().nullable(),
  /** In full for roles that edit the registry, otherwise only the last four digits. */
  citizenId: z.string().nullable(),
  relation: z.string(),
  employment: z.string(),
  healthInsurance: z.boolean(),
  attendingSchool: z.boolean(),
  educationLevel: z.string(),
  socialAllowance: z.boolean(),
  stunted: z.boolean(),
  underweight: z.boolean(),
});

export const householdDetailResponse = z.object({
  household: z.object({
    code: z.string(),
    provinceCode: z.string(),
    communeCode: z.string(),
    communeName: z.string().nullable(),
    village: z.string(),
    address: z.string(),
    headName: z.string(),
    area: areaSchema,
    headEthnicCode: z.string().nullable(),
    headEthnicName: z.string().nullable(),
    ethnicMinority: z.boolean().nullable(),
    farmHousehold: z.boolean(),
    surveyDate: z.string().nullable(),
    incomePerCapita: z.number().nullable(),
    scoreA: z.number().nullable(),
    floorAreaM2: z.number().nullable(),
    durableWalls: z.boolean().nullable(),
    durableFrame: z.boolean().nullable(),
    durableRoof: z.boolean().nullable(),
    waterSource: z.string().nullable(),
    latrine: z.string().nullable(),
    internetUse: z.boolean().nullable(),
    informationDevices: z.boolean().nullable(),
    wasteCollected: z.boolean().nullable(),
    dissolvedAt: z.string().nullable(),
    isSynthetic: z.boolean(),
    version: z.number(),
  }),
  members: z.array(member),
  /** Citizen IDs are shown only in part. */
  citizenIdsMasked: z.boolean(),
  classification: z
    .object({
      standard: z.string(),
      standardName: z.string(),
      reviewYear: z.number(),
      status: statusSchema,
      deprivations: z.array(indicator),
      deprivationCount: z.number(),
      scoreB: z.number(),
      incomeBasis: z.enum(['income', 'scoreA']),
    })
    .nullable(),
  /** Why the facts cannot be classified yet (the engine's first problem). */
  classificationProblem: z.object({ field: z.string(), message: z.string() }).nullable(),
  history: z.array(
    z.object({
      validFrom: z.string(),
      validTo: z.string().nullable(),
      communeCode: z.string(),
      communeName: z.string().nullable(),
      village: z.string(),
    }),
  ),
  /** What the signed-in user may do with this household. */
  permissions: z.object({ edit: z.boolean(), move: z.boolean(), dissolve: z.boolean() }),
});
export type HouseholdDetail = z.infer<typeof householdDetailResponse>;
