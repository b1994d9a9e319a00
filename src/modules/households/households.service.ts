/**
 * Use cases of the household registry (SPEC §6): list, search, detail, create, edit, move,
 * dissolve. Each starts with the access check; every household query goes through the actor's
 * scope (a household outside it is 404, writing into a commune outside it is 403); every change
 * is one transaction with its audit row (before and after).
 *
 * Who may do what:
 * - read (list, detail, export): everyone except the provincial agencies, who read aggregates only;
 * - create and edit: province admin, district officer, commune officer, reviewer (survey entry);
 * - move and dissolve: province admin, district officer, commune officer (decisions, not survey);
 * - citizen IDs in full: the roles that may edit; a supervisor sees the last four digits.
 */
import type { Kysely } from 'kysely';
import type { Database, HouseholdRow, NewMember, RoleCode } from '../../db/schema.js';
import { today } from '../../domain/civil-date.js';
import { INDICATOR_CODES } from '../../domain/poverty/index.js';
import { cleanText, foldForSearch } from '../../domain/text.js';
import type { Language } from '../../server/language.js';
import { type MessageKey, type MessageParams, message } from '../../server/messages.js';
import { HttpProblem, type FieldProblem, notFound } from '../../server/problem.js';
import type { Actor } from '../access/actor.js';
import { assertRole, scopeIncludesCommune } from '../access/scope.js';
import { recordAudit } from '../audit/audit.repository.js';
import { citizenIdProblem, maskCitizenId } from './citizen-id.js';
import { csvStream, exportRows, xlsxStream } from './households.export.js';
import { assessRegistryHousehold, indicatorNames, registryColumns, reviewYearOf } from './household-classification.js';
import {
  type HouseholdFilter,
  type NameCursor,
  type NamePlan,
  citizenIdsInUse,
  communesOfUnit,
  countHouseholds,
  countNameMatches,
  deleteMembers,
  existingEthnicCodes,
  findCommuneOn,
  findEthnicGroup,
  findHousehold,
  findLatestPeriod,
  findUnitName,
  householdCodeExists,
  insertHousehold,
  insertMembers,
  listEthnicGroups,
  listHistory,
  listHouseholdPage,
  listHouseholdsByCode,
  listMembers,
  listPovertyStandards,
  listUnitsWithHouseholds,
  listVillages,
  lockCommuneCodes,
  nextHouseholdCode,
  searchHouseholdPage,
  updateHouseholdIfVersion,
} from './households.repository.js';
import type {
  CreateHouseholdInput,
  DissolveHouseholdInput,
  HouseholdDetail,
  HouseholdFactsInput,
  HouseholdFilterQuery,
  HouseholdListItem,
  HouseholdListQuery,
  MemberInput,
  MoveHouseholdInput,
  UpdateHouseholdInput,
} from './households.schemas.js';

export const REGISTRY_READERS: readonly RoleCode[] = [
  'province_admin',
  'district_officer',
  'commune_officer',
  'reviewer',
  'supervisor',
];
export const REGISTRY_EDITORS: readonly RoleCode[] = ['province_admin', 'district_officer', 'commune_officer', 'reviewer'];
export const REGISTRY_MOVERS: readonly RoleCode[] = ['province_admin', 'district_officer', 'commune_officer'];

/** Who is asking from where, for messages and the audit log. */
export interface RequestContext {
  language: Language;
  ip: string | null;
}

// ---------------------------------------------------------------------------------------------
// Field problems
// ---------------------------------------------------------------------------------------------

/** Collects the problems of a request and throws them together as one 400. */
class FieldProblems {
  private readonly problems: { field: string; key: MessageKey; params: MessageParams }[] = [];

  add(field: string, key: MessageKey, params: MessageParams = {}): void {
    this.problems.push({ field, key, params });
  }

  throwIfAny(language: Language): void {
    if (this.problems.length === 0) return;
    const errors: FieldProblem[] = this.problems.map((p) => ({ field: p.field, message: message(p.key, language, p.params) }));
    throw new HttpProblem(400, 'validation.detail', { count: errors.length }, { titleKey: 'validation.title', errors });
  }
}

/** A civil date as messages show it in both languages: 20/05/2022. */
const shownDate = (date: string) => date.split('-').reverse().join('/');

function fieldProblem(field: string, key: MessageKey, params: MessageParams = {}): FieldProblems {
  const problems = new FieldProblems();
  problems.add(field, key, params);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// List, search, count
// ---------------------------------------------------------------------------------------------

type SearchTerm =
  | { kind: 'name'; folded: string }
  | { kind: 'code'; prefix: string }
  | { kind: 'citizen_id'; id: string };

/**
 * What the search box holds: 12 digits are a citizen ID, anything with a digit is the beginning
 * of a household code, anything else is the beginning of a name (diacritics and case ignored).
 */
function parseSearch(q: string | undefined, language: Language): SearchTerm | undefined {
  const text = q ? cleanText(q) : '';
  if (text === '') return undefined;
  if (/^\d{12}$/.test(text)) return { kind: 'citizen_id', id: text };
  if (/\d/.test(text)) return { kind: 'code', prefix: text };
  const folded = foldForSearch(text);
  if (folded.replace(/ /g, '').length < 2) fieldProblem('querystring.q', 'household.search_too_short').throwIfAny(language);
  return { kind: 'name', folded };
}

/** The filter of a request, checked, with the plan its queries take (see the repository). */
export interface ResolvedFilter {
  filter: HouseholdFilter;
  /** The folded name of a name search. */
  name: string | undefined;
  /** The few communes the list keeps to (scope and unit filter), read commune by commune. */
  communes: readonly string[] | undefined;
  namePlan: NamePlan;
}

/** Up to this many communes (a commune officer's), a search reads their households first. */
const FEW_COMMUNES = 3;
/** Up to this many members found in a wider area, a search reads them all before filtering. */
const FEW_NAME_MATCHES = 1_000;

async function resolveFilter(
  db: Kysely<Database>,
  actor: Actor,
  query: HouseholdFilterQuery,
  language: Language,
): Promise<ResolvedFilter> {
  const search = parseSearch(query.q, language);
  const filter: HouseholdFilter = { state: query.state };
  if (query.unit) {
    const unit = await communesOfUnit(db, query.unit);
    if (!unit) fieldProblem('querystring.unit', 'household.unknown_unit', { code: query.unit }).throwIfAny(language);
    if (unit?.communeCodes) filter.communeCodes = unit.communeCodes;
  }
  if (query.village) filter.village = cleanText(query.village);
  if (query.status) filter.status = query.status;
  if (query.ethnicMinority) filter.ethnicMinority = query.ethnicMinority === 'true';
  if (query.deprivation) filter.deprivation = query.deprivation;
  if (search?.kind === 'code') filter.codePrefix = search.prefix;
  if (search?.kind === 'citizen_id') filter.citizenId = search.id;

  const scoped = actor.scope.kind === 'communes' ? actor.scope.communeCodes : undefined;
  const communes =
    scoped && filter.communeCodes
      ? scoped.filter((code) => filter.communeCodes?.includes(code))
      : (scoped ?? filter.communeCodes);
  const name = search?.kind === 'name' ? search.folded : undefined;
  // Province-wide, the name index yields a page in order whatever the number of matches. In one
  // to three communes, their households are few enough to read first. In a district, the name
  // index passes members of other communes: when the matches are few, read them all instead.
  let namePlan: NamePlan = 'name_index';
  if (name !== undefined && communes) {
    if (communes.length <= FEW_COMMUNES) namePlan = 'households_first';
    else if ((await countNameMatches(db, actor.scope.provinceCode, name, FEW_NAME_MATCHES + 1)) <= FEW_NAME_MATCHES) {
      namePlan = 'names_first';
    }
  }
  return { filter, name, communes, namePlan };
}

function encodeCursor(value: string | NameCursor): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor<T extends 'code' | 'name'>(
  cursor: string,
  kind: T,
  language: Language,
): T extends 'code' ? string : NameCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const valid =
    kind === 'code'
      ? typeof value === 'string'
      : typeof value === 'object' &&
        value !== null &&
        typeof (value as NameCursor).name === 'string' &&
        typeof (value as NameCursor).code === 'string' &&
        Number.isInteger((value as NameCursor).seq);
  if (!valid) fieldProblem('querystring.cursor', 'household.bad_cursor').throwIfAny(language);
  return value as T extends 'code' ? string : NameCursor;
}

type ListRow = Awaited<ReturnType<typeof listHouseholdPage>>[number];

function mapListItem(row: ListRow): HouseholdListItem {
  return {
    code: row.code,
    communeCode: row.commune_code,
    communeName: row.commune_name,
    village: row.village,
    headName: row.head_name,
    area: row.area,
    memberCount: Number(row.member_count ?? 0),
    status: row.status,
    deprivations: row.deprivations,
    ethnicMinority: row.is_minority,
    dissolvedAt: row.dissolved_at,
    isSynthetic: row.is_synthetic,
  };
}

/**
 * One page of households in the actor's scope. Without a name: in code order. With a name: the
 * members whose name starts with it, in name order, each with their household.
 */
export async function listHouseholds(db: Kysely<Database>, actor: Actor, query: HouseholdListQuery, language: Language) {
  assertRole(actor, REGISTRY_READERS);
  const { filter, name, communes, namePlan } = await resolveFilter(db, actor, query, language);
  if (name === undefined) {
    const after = query.cursor ? decodeCursor(query.cursor, 'code', language) : undefined;
    const rows = await listHouseholdPage(db, actor.scope, filter, { after, limit: query.limit, communes });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(mapListItem),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.code) : null,
    };
  }
  const after = query.cursor ? decodeCursor(query.cursor, 'name', language) : undefined;
  const matches = await searchHouseholdPage(db, actor.scope, filter, name, { after, limit: query.limit, plan: namePlan });
  const page = matches.slice(0, query.limit);
  const households = new Map(
    (await listHouseholdsByCode(db, actor.scope, [...new Set(page.map((m) => m.household_code))])).map((row) => [row.code, row]),
  );
  const last = page.at(-1);
  return {
    items: page.flatMap((match) => {
      const row = households.get(match.household_code);
      return row ? [{ ...mapListItem(row), match: { fullName: match.full_name, relation: match.relation } }] : [];
    }),
    nextCursor:
      matches.length > query.limit && last
        ? encodeCursor({ name: last.search_name, code: last.household_code, seq: last.seq })
        : null,
  };
}

/** How many rows the list has with these filters (households, or members found by a name). */
export async function countHouseholdList(db: Kysely<Database>, actor: Actor, query: HouseholdFilterQuery, language: Language) {
  assertRole(actor, REGISTRY_READERS);
  const { filter, name } = await resolveFilter(db, actor, query, language);
  return { count: await countHouseholds(db, actor.scope, filter, name) };
}

/** The filter's choices: communes holding households in the scope, indicators, ethnic groups. */
export async function getFilterOptions(db: Kysely<Database>, actor: Actor, language: Language) {
  assertRole(actor, REGISTRY_READERS);
  const [communes, standards, ethnicGroups] = await Promise.all([
    listUnitsWithHouseholds(db, actor.scope),
    listPovertyStandards(db),
    listEthnicGroups(db),
  ]);
  const names = indicatorNames(standards, language);
  return {
    communes: communes.map((row) => ({
      code: row.code,
      name: row.name ?? row.code,
      districtCode: row.parent_code,
      districtName: row.parent_name,
    })),
    indicators: INDICATOR_CODES.filter((code) => names.has(code)).map((code) => ({ code, name: names.get(code) ?? code })),
    ethnicGroups: ethnicGroups.map((row) => ({ code: row.code, name: row.name, isMinority: row.is_minority })),
  };
}

export async function listVillagesOfCommune(db: Kysely<Database>, actor: Actor, communeCode: string) {
  assertRole(actor, REGISTRY_READERS);
  return { villages: await listVillages(db, actor.scope, communeCode) };
}

/**
 * The filtered list as a file, streamed: the same filters and scope as the list, every row, in
 * list order (a household found through several members once).
 */
export async function exportHouseholds(
  db: Kysely<Database>,
  actor: Actor,
  query: HouseholdFilterQuery & { format: 'xlsx' | 'csv' },
  language: Language,
) {
  assertRole(actor, REGISTRY_READERS);
  const resolved = await resolveFilter(db, actor, query, language);
  const standards = await listPovertyStandards(db);
  const batches = exportRows(db, actor.scope, resolved);
  const withMatch = resolved.name !== undefined;
  return query.format === 'csv'
    ? { name: `ho-gia-dinh-${today()}.csv`, contentType: 'text/csv; charset=utf-8', stream: csvStream(batches, language, standards, withMatch) }
    : {
        name: `ho-gia-dinh-${today()}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        stream: xlsxStream(batches, language, standards, withMatch),
      };
}

// ---------------------------------------------------------------------------------------------
// Detail
// ---------------------------------------------------------------------------------------------

type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

function permissionsOf(actor: Actor, household: HouseholdRow) {
  const open = household.dissolved_at === null;
  return {
    edit: open && REGISTRY_EDITORS.includes(actor.role),
    move: open && REGISTRY_MOVERS.includes(actor.role),
    dissolve: open && REGISTRY_MOVERS.includes(actor.role),
  };
}

async function loadHousehold(db: Kysely<Database>, actor: Actor, code: string, forUpdate = false): Promise<HouseholdRow> {
  const household = await findHousehold(db, actor.scope, code, { forUpdate });
  if (!household) throw notFound('not_found.household', { code });
  return household;
}

export async function getHousehold(db: Kysely<Database>, actor: Actor, code: string, language: Language): Promise<HouseholdDetail> {
  assertRole(actor, REGISTRY_READERS);
  const household = await loadHousehold(db, actor, code);
  const [members, history, standards, communeName, ethnic] = await Promise.all([
    listMembers(db, household.province_code, code),
    listHistory(db, household.province_code, code),
    listPovertyStandards(db),
    findUnitName(db, household.commune_code),
    household.head_ethnic_code ? findEthnicGroup(db, household.head_ethnic_code) : undefined,
  ]);
  const assessment = assessRegistryHousehold(household, members, standards, language);
  const names = indicatorNames(standards, language);
  const masked = !REGISTRY_EDITORS.includes(actor.role);
  return {
    household: {
      code: household.code,
      provinceCode: household.province_code,
      communeCode: household.commune_code,
      communeName: communeName ?? null,
      village: household.village,
      address: household.address,
      headName: household.head_name,
      area: household.area,
      headEthnicCode: household.head_ethnic_code,
      headEthnicName: ethnic?.name ?? null,
      ethnicMinority: ethnic?.is_minority ?? null,
      farmHousehold: household.farm_household,
      surveyDate: household.survey_date,
      incomePerCapita: household.income_per_capita,
      scoreA: household.score_a,
      floorAreaM2: household.floor_area_m2,
      durableWalls: household.durable_walls,
      durableFrame: household.durable_frame,
      durableRoof: household.durable_roof,
      waterSource: household.water_source,
      latrine: household.latrine,
      internetUse: household.internet_use,
      informationDevices: household.information_devices,
      wasteCollected: household.waste_collected,
      dissolvedAt: household.dissolved_at,
      isSynthetic: household.is_synthetic,
      version: household.version,
    },
    members: members.map((member: MemberRow) => ({
      seq: member.seq,
      fullName: member.full_name,
      sex: member.sex,
      birthDate: member.birth_date,
      ethnicCode: member.ethnic_code,
      ethnicName: member.ethnic_name,
      citizenId: member.citizen_id && masked ? maskCitizenId(member.citizen_id) : member.citizen_id,
      relation: member.relation,
      employment: member.employment,
      healthInsurance: member.health_insurance,
      attendingSchool: member.attending_school,
      educationLevel: member.education_level,
      socialAllowance: member.social_allowance,
      stunted: member.stunted,
      underweight: member.underweight,
    })),
    citizenIdsMasked: masked,
    classification: assessment.ok
      ? {
          standard: assessment.result.standard,
          standardName: assessment.standard.name[language],
          reviewYear: reviewYearOf(household.survey_date ?? ''),
          status: assessment.result.status,
          deprivations: assessment.result.deprivations.map((code) => ({ code, name: names.get(code) ?? code })),
          deprivationCount: assessment.result.deprivationCount,
          scoreB: assessment.result.scoreB,
          incomeBasis: assessment.result.incomeBasis,
        }
      : null,
    classificationProblem: assessment.ok
      ? null
      : { field: assessment.failure.error.field, message: assessment.failure.error.message },
    history: history.map((period) => ({
      validFrom: period.valid_from,
      validTo: period.valid_to,
      communeCode: period.commune_code,
      communeName: period.commune_name,
      village: period.village,
    })),
    permissions: permissionsOf(actor, household),
  };
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

/** The facts of a request as table columns, text cleaned (NFC, spaces). */
function householdColumns(input: HouseholdFactsInput) {
  return {
    address: cleanText(input.address),
    head_name: cleanText(input.headName),
    area: input.area,
    head_ethnic_code: input.headEthnicCode ?? null,
    farm_household: input.farmHousehold,
    survey_date: input.surveyDate ?? null,
    income_per_capita: input.incomePerCapita ?? null,
    score_a: input.scoreA ?? null,
    floor_area_m2: input.floorAreaM2 ?? null,
    durable_walls: input.durableWalls ?? null,
    durable_frame: input.durableFrame ?? null,
    durable_roof: input.durableRoof ?? null,
    water_source: input.waterSource ?? null,
    latrine: input.latrine ?? null,
    internet_use: input.internetUse ?? null,
    information_devices: input.informationDevices ?? null,
    waste_collected: input.wasteCollected ?? null,
  };
}

function memberColumns(provinceCode: string, householdCode: string, seq: number, input: MemberInput): NewMember & { search_name: string } {
  const fullName = cleanText(input.fullName);
  return {
    province_code: provinceCode,
    household_code: householdCode,
    seq,
    full_name: fullName,
    sex: input.sex,
    birth_date: input.birthDate,
    ethnic_code: input.ethnicCode ?? null,
    citizen_id: input.citizenId ? input.citizenId : null,
    relation: cleanText(input.relation),
    employment: input.employment,
    health_insurance: input.healthInsurance,
    attending_school: input.attendingSchool,
    education_level: input.educationLevel,
    social_allowance: input.socialAllowance,
    stunted: input.stunted,
    underweight: input.underweight,
    search_name: foldForSearch(fullName),
  };
}

/**
 * Checks what the schema cannot: dates against today and the survey, income or score, citizen IDs
 * (form, birth, sex, repeats, other households), ethnic codes, member numbers. Throws one 400 with
 * every problem.
 */
async function checkFacts(
  db: Kysely<Database>,
  provinceCode: string,
  input: HouseholdFactsInput,
  options: { householdCode?: string; existingSeqs?: ReadonlySet<number>; language: Language },
): Promise<void> {
  const problems = new FieldProblems();
  const now = today();
  if (input.surveyDate && input.surveyDate > now) problems.add('surveyDate', 'household.date_in_future', { today: shownDate(now) });
  if (input.incomePerCapita != null && input.scoreA != null) problems.add('scoreA', 'household.income_and_score');

  const ethnicCodes = [input.headEthnicCode, ...input.members.map((m) => m.ethnicCode)].filter(
    (code): code is string => typeof code === 'string',
  );
  const knownEthnic = await existingEthnicCodes(db, [...new Set(ethnicCodes)]);
  if (input.headEthnicCode && !knownEthnic.has(input.headEthnicCode)) {
    problems.add('headEthnicCode', 'household.ethnic_unknown', { code: input.headEthnicCode });
  }

  const seen = new Map<string, number>();
  const seqs = new Set<number>();
  const wellFormedIds: string[] = [];
  input.members.forEach((member, index) => {
    const at = `members[${index}]`;
    if (member.birthDate > now) problems.add(`${at}.birthDate`, 'household.date_in_future', { today: shownDate(now) });
    else if (input.surveyDate && member.birthDate > input.surveyDate) {
      problems.add(`${at}.birthDate`, 'household.birth_after_survey', { date: shownDate(input.surveyDate) });
    }
    if (member.ethnicCode && !knownEthnic.has(member.ethnicCode)) {
      problems.add(`${at}.ethnicCode`, 'household.ethnic_unknown', { code: member.ethnicCode });
    }
    if (member.seq !== undefined) {
      if (seqs.has(member.seq)) problems.add(`${at}.seq`, 'household.member_repeated', { seq: member.seq });
      else if (!options.existingSeqs?.has(member.seq)) problems.add(`${at}.seq`, 'household.member_unknown', { seq: member.seq });
      seqs.add(member.seq);
    }
    if (member.citizenId) {
      const problem = citizenIdProblem(member.citizenId, member.birthDate, member.sex);
      if (problem) problems.add(`${at}.citizenId`, `citizen_id.${problem}`);
      else if (seen.has(member.citizenId)) problems.add(`${at}.citizenId`, 'citizen_id.repeated');
      else {
        seen.set(member.citizenId, index);
        wellFormedIds.push(member.citizenId);
      }
    }
  });
  const taken = await citizenIdsInUse(db, provinceCode, wellFormedIds, options.householdCode);
  for (const id of taken) problems.add(`members[${seen.get(id)}].citizenId`, 'citizen_id.in_use');
  problems.throwIfAny(options.language);
}

/** The household and its members as the audit log keeps them. */
function snapshot(household: HouseholdRow, members: readonly NewMember[]) {
  const { created_at: _created, updated_at: _updated, ...row } = household;
  return {
    household: row,
    members: members.map((member) => ({
      seq: member.seq,
      full_name: member.full_name,
      sex: member.sex,
      birth_date: member.birth_date,
      ethnic_code: member.ethnic_code,
      citizen_id: member.citizen_id,
      relation: member.relation,
      employment: member.employment,
      health_insurance: member.health_insurance,
      attending_school: member.attending_school,
      education_level: member.education_level,
      social_allowance: member.social_allowance,
      stunted: member.stunted,
      underweight: member.underweight,
    })),
  };
}

function assertOpen(household: HouseholdRow): void {
  if (household.dissolved_at !== null) {
    throw new HttpProblem(409, 'conflict.household_dissolved', { code: household.code, date: shownDate(household.dissolved_at) });
  }
}

function assertVersion(household: HouseholdRow, version: number): void {
  if (household.version !== version) {
    throw new HttpProblem(409, 'conflict.household_version', { code: household.code, current: household.version });
  }
}

/** Registers a household with its members in a commune of the actor's scope. */
export async function createHousehold(
  db: Kysely<Database>,
  actor: Actor,
  input: CreateHouseholdInput,
  context: RequestContext,
): Promise<HouseholdDetail> {
  assertRole(actor, REGISTRY_EDITORS);
  if (!scopeIncludesCommune(actor.scope, input.communeCode)) {
    throw new HttpProblem(403, 'forbidden.commune', { code: input.communeCode });
  }
  const provinceCode = actor.scope.provinceCode;
  const now = today();
  const code = await db.transaction().execute(async (trx) => {
    const commune = await findCommuneOn(trx, input.communeCode, now);
    if (!commune) fieldProblem('communeCode', 'household.commune_not_valid', { code: input.communeCode, date: shownDate(now) }).throwIfAny(context.language);
    await checkFacts(trx, provinceCode, input, { language: context.language });
    const standards = await listPovertyStandards(trx);

    await lockCommuneCodes(trx, provinceCode, input.communeCode);
    const householdCode = input.code ?? (await nextHouseholdCode(trx, provinceCode, input.communeCode));
    if (input.code && (await householdCodeExists(trx, provinceCode, input.code))) {
      throw new HttpProblem(409, 'conflict.household_code', { code: input.code });
    }
    const members = input.members.map((member, index) => memberColumns(provinceCode, householdCode, index + 1, member));
    const columns = householdColumns(input);
    const row = {
      province_code: provinceCode,
      code: householdCode,
      commune_code: input.communeCode,
      village: cleanText(input.village),
      ...columns,
      ...registryColumns({ code: householdCode, ...columns }, members, standards),
      // Known to live there since the survey, when there was one.
      located_since: columns.survey_date ?? now,
    };
    await insertHousehold(trx, row);
    await insertMembers(trx, members);
    const created = await loadHousehold(trx, actor, householdCode);
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'create',
      entity: 'household',
      entityId: householdCode,
      after: snapshot(created, members),
      ip: context.ip,
    });
    return householdCode;
  });
  return getHousehold(db, actor, code, context.language);
}

/**
 * Replaces the facts and members of a household when the request carries its current version;
 * a stale version is 409 and nothing is written. Members keep their number when the request
 * names it; new members get the next numbers.
 */
export async function updateHousehold(
  db: Kysely<Database>,
  actor: Actor,
  code: string,
  input: UpdateHouseholdInput,
  context: RequestContext,
): Promise<HouseholdDetail> {
  assertRole(actor, REGISTRY_EDITORS);
  await db.transaction().execute(async (trx) => {
    const before = await loadHousehold(trx, actor, code, true);
    assertOpen(before);
    assertVersion(before, input.version);
    const oldMembers = await listMembers(trx, before.province_code, code);
    const existingSeqs = new Set(oldMembers.map((member) => member.seq));
    await checkFacts(trx, before.province_code, input, { householdCode: code, existingSeqs, language: context.language });

    let nextSeq = Math.max(0, ...existingSeqs, ...input.members.map((member) => member.seq ?? 0));
    const members = input.members.map((member) =>
      memberColumns(before.province_code, code, member.seq ?? (nextSeq += 1), member),
    );
    const columns = householdColumns(input);
    const standards = await listPovertyStandards(trx);
    const version = await updateHouseholdIfVersion(trx, before.province_code, code, input.version, {
      ...columns,
      ...registryColumns({ code, ...columns }, members, standards),
    });
    if (version === undefined) throw new HttpProblem(409, 'conflict.household_version', { code, current: before.version });
    await deleteMembers(trx, before.province_code, code);
    await insertMembers(trx, members);
    const after = await loadHousehold(trx, actor, code);
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'update',
      entity: 'household',
      entityId: code,
      before: snapshot(before, oldMembers),
      after: snapshot(after, members),
      ip: context.ip,
    });
  });
  return getHousehold(db, actor, code, context.language);
}

/**
 * Moves a household to another village (of its commune or of another commune in the scope) from
 * a date; the history closes the old place the day before. The area type follows the commune,
 * and the class is computed again (the income line depends on it).
 */
export async function moveHousehold(
  db: Kysely<Database>,
  actor: Actor,
  code: string,
  input: MoveHouseholdInput,
  context: RequestContext,
): Promise<HouseholdDetail> {
  assertRole(actor, REGISTRY_MOVERS);
  await db.transaction().execute(async (trx) => {
    const before = await loadHousehold(trx, actor, code, true);
    if (!scopeIncludesCommune(actor.scope, input.communeCode)) {
      throw new HttpProblem(403, 'forbidden.commune', { code: input.communeCode });
    }
    assertOpen(before);
    assertVersion(before, input.version);
    const village = cleanText(input.village);
    const problems = new FieldProblems();
    const now = today();
    const period = await findLatestPeriod(trx, before.province_code, code);
    const commune = await findCommuneOn(trx, input.communeCode, input.date);
    if (input.date > now) problems.add('date', 'household.date_in_future', { today: shownDate(now) });
    else if (period && input.date < period.valid_from) problems.add('date', 'household.date_before_period', { date: shownDate(period.valid_from) });
    if (!commune) problems.add('communeCode', 'household.commune_not_valid', { code: input.communeCode, date: shownDate(input.date) });
    if (input.communeCode === before.commune_code && village === before.village) problems.add('village', 'household.same_place');
    problems.throwIfAny(context.language);

    const members = await listMembers(trx, before.province_code, code);
    const area = commune?.area ?? before.area;
    const standards = await listPovertyStandards(trx);
    const version = await updateHouseholdIfVersion(trx, before.province_code, code, input.version, {
      commune_code: input.communeCode,
      village,
      area,
      located_since: input.date,
      ...(input.address === undefined ? {} : { address: cleanText(input.address) }),
      ...registryColumns({ ...before, area }, members, standards),
    });
    if (version === undefined) throw new HttpProblem(409, 'conflict.household_version', { code, current: before.version });
    const after = await loadHousehold(trx, actor, code);
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'move',
      entity: 'household',
      entityId: code,
      before: { communeCode: before.commune_code, village: before.village, address: before.address, area: before.area, status: before.status },
      after: { communeCode: after.commune_code, village: after.village, address: after.address, area: after.area, status: after.status, since: input.date },
      ip: context.ip,
    });
  });
  return getHousehold(db, actor, code, context.language);
}

/** Records that a household ceased to exist on a date; it stays in the registry, read-only. */
export async function dissolveHousehold(
  db: Kysely<Database>,
  actor: Actor,
  code: string,
  input: DissolveHouseholdInput,
  context: RequestContext,
): Promise<HouseholdDetail> {
  assertRole(actor, REGISTRY_MOVERS);
  await db.transaction().execute(async (trx) => {
    const before = await loadHousehold(trx, actor, code, true);
    assertOpen(before);
    assertVersion(before, input.version);
    const problems = new FieldProblems();
    const now = today();
    const period = await findLatestPeriod(trx, before.province_code, code);
    if (input.date > now) problems.add('date', 'household.date_in_future', { today: shownDate(now) });
    else if (period && input.date < period.valid_from) problems.add('date', 'household.date_before_period', { date: shownDate(period.valid_from) });
    problems.throwIfAny(context.language);

    const version = await updateHouseholdIfVersion(trx, before.province_code, code, input.version, { dissolved_at: input.date });
    if (version === undefined) throw new HttpProblem(409, 'conflict.household_version', { code, current: before.version });
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'dissolve',
      entity: 'household',
      entityId: code,
      before: { dissolvedAt: null },
      after: { dissolvedAt: input.date, reason: cleanText(input.reason) },
      ip: context.ip,
    });
  });
  return getHousehold(db, actor, code, context.language);
}
