/** Every SQL statement of the review: rounds, steps, round households, requests, frozen results. */
import { type Kysely, sql } from 'kysely';
import type { Database, HouseholdStatusCode } from '../../db/schema.js';
import { TWO_TIER_FROM, type RoundKind, type StepCode } from '../../domain/review/index.js';
import type { Scope } from '../access/actor.js';
import { communeScope } from '../access/scope.js';
import {
  type HouseholdSource,
  type RequestKind,
  type ReviewResultTable,
  reviewDb,
} from './review.tables.js';

type Db = Kysely<Database>;

/** The name of a commune as it stood on a day (its latest version starting by then, else its first). */
const communeNameOn = (codeColumn: string, dateColumn: string) =>
  sql<string | null>`(select u.name from admin_unit u where u.code = ${sql.ref(codeColumn)}
    order by (u.valid_from <= ${sql.ref(dateColumn)}) desc, u.valid_from desc limit 1)`;

export interface RoundFilter {
  kind?: RoundKind | undefined;
  period?: string | undefined;
  communeCode?: string | undefined;
}

function roundsQuery(db: Db, scope: Scope) {
  return reviewDb(db)
    .selectFrom('review_round as r')
    .selectAll('r')
    .select(communeNameOn('r.commune_code', 'r.starts_on').as('commune_name'))
    .select((eb) =>
      eb
        .selectFrom('review_step as s')
        .whereRef('s.province_code', '=', 'r.province_code')
        .whereRef('s.round_id', '=', 'r.id')
        .select(sql<StepCode[]>`coalesce(array_agg(s.step order by s.done_on, s.done_at), '{}')`.as('steps'))
        .as('steps_done'),
    )
    .select((eb) =>
      eb
        .selectFrom('review_household as h')
        .whereRef('h.province_code', '=', 'r.province_code')
        .whereRef('h.round_id', '=', 'r.id')
        .where('h.included', '=', true)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('household_count'),
    )
    .where('r.province_code', '=', scope.provinceCode)
    .where(communeScope(scope, 'r.commune_code'));
}

export function listRounds(db: Db, scope: Scope, filter: RoundFilter) {
  let query = roundsQuery(db, scope);
  if (filter.kind) query = query.where('r.kind', '=', filter.kind);
  if (filter.period) query = query.where('r.period', '=', filter.period);
  if (filter.communeCode) query = query.where('r.commune_code', '=', filter.communeCode);
  return query.orderBy('r.starts_on', 'desc').orderBy('r.commune_code').limit(1000).execute();
}

export function findRound(db: Db, scope: Scope, id: number) {
  return roundsQuery(db, scope).where('r.id', '=', id).executeTakeFirst();
}

/** Locks the round row until the transaction ends, so steps of one round are serialised. */
export async function lockRound(db: Db, provinceCode: string, id: number): Promise<void> {
  await reviewDb(db)
    .selectFrom('review_round')
    .select('id')
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .forUpdate()
    .execute();
}

export async function roundExists(db: Db, provinceCode: string, kind: RoundKind, communeCode: string, period: string) {
  const row = await reviewDb(db)
    .selectFrom('review_round')
    .select('id')
    .where('province_code', '=', provinceCode)
    .where('kind', '=', kind)
    .where('commune_code', '=', communeCode)
    .where('period', '=', period)
    .executeTakeFirst();
  return row?.id;
}

export async function insertRound(
  db: Db,
  row: { province_code: string; kind: RoundKind; commune_code: string; period: string; starts_on: string; ends_on: string; created_by: number | null },
): Promise<number> {
  const inserted = await reviewDb(db).insertInto('review_round').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function setRoundStatus(db: Db, provinceCode: string, id: number, status: 'open' | 'closed'): Promise<void> {
  await reviewDb(db)
    .updateTable('review_round')
    .set((eb) => ({ status, version: eb('version', '+', 1) }))
    .where('province_code', '=', provinceCode)
    .where('id', '=', id)
    .execute();
}

/** A commune valid on `date` in one of the province codes. */
export function findCommuneValidOn(db: Db, code: string, date: string, provinceCodes: readonly string[]) {
  return db
    .selectFrom('admin_unit')
    .select(['code', 'name', 'parent_code', 'area', 'province_code'])
    .where('code', '=', code)
    .where('level', '=', 'commune')
    .where('province_code', 'in', [...provinceCodes])
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .executeTakeFirst();
}

/**
 * The registry communes whose households a round covers: the round's commune and, for a round in
 * a new commune (from 1 July 2025), the old communes merged into it.
 */
export async function communesOfRound(db: Db, communeCode: string, startsOn: string): Promise<string[]> {
  if (startsOn < TWO_TIER_FROM) return [communeCode];
  const rows = await db.selectFrom('unit_succession').select('old_code').where('new_code', '=', communeCode).execute();
  return [...new Set([communeCode, ...rows.map((row) => row.old_code)])].sort();
}

/**
 * The households of the communes that are poor or near-poor now: by their latest recognised
 * result, or by the registry's class when they have none. Dissolved households are left out.
 */
export function listCurrentPoorHouseholds(db: Db, provinceCode: string, communeCodes: readonly string[]) {
  return sql<{ code: string; status: HouseholdStatusCode }>`
    select h.code, coalesce(latest.status, h.status) as status
      from household h
      left join lateral (
        select rr.status from review_result rr
         where rr.province_code = h.province_code and rr.household_code = h.code
         order by rr.decided_on desc, rr.round_id desc limit 1
      ) latest on true
     where h.province_code = ${provinceCode}
       and h.commune_code = any(${sql.val([...communeCodes])}::text[])
       and h.dissolved_at is null
       and coalesce(latest.status, h.status) in ('poor', 'near_poor')
     order by h.code
  `.execute(db).then((result) => result.rows);
}

/** Requests not yet attached to a round, received by `upTo`, in the communes. */
export function listOpenRequests(db: Db, provinceCode: string, communeCodes: readonly string[], upTo: string) {
  return reviewDb(db)
    .selectFrom('review_request')
    .select(['id', 'household_code'])
    .where('province_code', '=', provinceCode)
    .where('commune_code', 'in', [...communeCodes])
    .where('round_id', 'is', null)
    .where('received_on', '<=', upTo)
    .orderBy('id')
    .execute();
}

export async function attachRequests(db: Db, provinceCode: string, ids: readonly number[], roundId: number): Promise<void> {
  if (ids.length === 0) return;
  await reviewDb(db)
    .updateTable('review_request')
    .set({ round_id: roundId })
    .where('province_code', '=', provinceCode)
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertRoundHouseholds(
  db: Db,
  rows: readonly { province_code: string; round_id: number; household_code: string; source: HouseholdSource; reason: string | null }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await reviewDb(db).insertInto('review_household').values(rows.slice(i, i + 1000)).onConflict((oc) => oc.doNothing()).execute();
  }
}

export function listRoundHouseholds(db: Db, provinceCode: string, roundId: number) {
  return reviewDb(db)
    .selectFrom('review_household as rh')
    .innerJoin('household as h', (join) => join.onRef('h.province_code', '=', 'rh.province_code').onRef('h.code', '=', 'rh.household_code'))
    .select([
      'rh.household_code',
      'rh.source',
      'rh.included',
      'rh.reason',
      'rh.survey_state',
      'rh.status',
      'rh.standard_id',
      'rh.deprivations',
      'rh.version',
      'h.head_name',
      'h.village',
      'h.commune_code',
    ])
    .where('rh.province_code', '=', provinceCode)
    .where('rh.round_id', '=', roundId)
    .orderBy('h.village')
    .orderBy('rh.household_code')
    .execute();
}

export function findRoundHousehold(db: Db, provinceCode: string, roundId: number, householdCode: string, options: { forUpdate?: boolean } = {}) {
  let query = reviewDb(db)
    .selectFrom('review_household')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('round_id', '=', roundId)
    .where('household_code', '=', householdCode);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function setHouseholdIncluded(
  db: Db,
  provinceCode: string,
  roundId: number,
  householdCode: string,
  included: boolean,
  reason: string,
): Promise<void> {
  await reviewDb(db)
    .updateTable('review_household')
    .set((eb) => ({ included, reason, version: eb('version', '+', 1) }))
    .where('province_code', '=', provinceCode)
    .where('round_id', '=', roundId)
    .where('household_code', '=', householdCode)
    .execute();
}

/** Writes a survey when the row still has `version`; returns the new version, or undefined when stale. */
export async function updateSurveyIfVersion(
  db: Db,
  key: { provinceCode: string; roundId: number; householdCode: string; version: number },
  changes: {
    survey: Record<string, unknown>;
    survey_state: 'draft' | 'done';
    status: HouseholdStatusCode | null;
    standard_id: string | null;
    deprivations: string[];
    surveyed_by: number;
  },
): Promise<number | undefined> {
  const row = await reviewDb(db)
    .updateTable('review_household')
    .set((eb) => ({
      ...changes,
      survey: JSON.stringify(changes.survey),
      surveyed_at: sql<never>`now()`,
      version: eb('version', '+', 1),
    }))
    .where('province_code', '=', key.provinceCode)
    .where('round_id', '=', key.roundId)
    .where('household_code', '=', key.householdCode)
    .where('version', '=', key.version)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

export function listSteps(db: Db, provinceCode: string, roundId: number) {
  return reviewDb(db)
    .selectFrom('review_step as s')
    .leftJoin('app_user as u', 'u.id', 's.done_by')
    .select(['s.step', 's.done_on', 's.done_at', 's.data', 'u.display_name as done_by_name', 'u.username as done_by_username'])
    .where('s.province_code', '=', provinceCode)
    .where('s.round_id', '=', roundId)
    .orderBy('s.done_on')
    .orderBy('s.done_at')
    .execute();
}

export async function insertStep(
  db: Db,
  row: { province_code: string; round_id: number; step: StepCode; done_on: string; done_by: number | null; data: Record<string, unknown> },
): Promise<void> {
  await reviewDb(db).insertInto('review_step').values({ ...row, data: JSON.stringify(row.data) }).execute();
}

export async function deleteStep(db: Db, provinceCode: string, roundId: number, step: StepCode): Promise<void> {
  await reviewDb(db).deleteFrom('review_step').where('province_code', '=', provinceCode).where('round_id', '=', roundId).where('step', '=', step).execute();
}

/** The surveyed households of a round with the registry columns a frozen result keeps. */
export function listSurveyedForRecognition(db: Db, provinceCode: string, roundId: number) {
  return reviewDb(db)
    .selectFrom('review_household as rh')
    .innerJoin('household as h', (join) => join.onRef('h.province_code', '=', 'rh.province_code').onRef('h.code', '=', 'rh.household_code'))
    .select(['rh.household_code', 'rh.survey', 'rh.survey_state', 'h.village', 'h.head_name', 'h.head_ethnic_code', 'h.area'])
    .where('rh.province_code', '=', provinceCode)
    .where('rh.round_id', '=', roundId)
    .where('rh.included', '=', true)
    .orderBy('rh.household_code')
    .execute();
}

export type NewReviewResult = Omit<ReviewResultTable, 'facts'> & { facts: Record<string, unknown> };

export async function insertResults(db: Db, rows: readonly NewReviewResult[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500).map((row) => ({ ...row, facts: JSON.stringify(row.facts) }));
    await reviewDb(db).insertInto('review_result').values(batch).execute();
  }
}

export async function deleteResultsOfRound(db: Db, provinceCode: string, roundId: number): Promise<number> {
  const result = await reviewDb(db).deleteFrom('review_result').where('province_code', '=', provinceCode).where('round_id', '=', roundId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function decideRequestsOfRound(db: Db, provinceCode: string, roundId: number, decidedOn: string | null): Promise<void> {
  await reviewDb(db).updateTable('review_request').set({ decided_on: decidedOn }).where('province_code', '=', provinceCode).where('round_id', '=', roundId).execute();
}

export function listResultsOfRound(db: Db, provinceCode: string, roundId: number) {
  return reviewDb(db)
    .selectFrom('review_result')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('round_id', '=', roundId)
    .orderBy('village')
    .orderBy('head_name')
    .execute();
}

export function findResult(db: Db, scope: Scope, roundId: number, householdCode: string) {
  return reviewDb(db)
    .selectFrom('review_result')
    .selectAll()
    .where('province_code', '=', scope.provinceCode)
    .where('round_id', '=', roundId)
    .where('household_code', '=', householdCode)
    .where(communeScope(scope, 'commune_code'))
    .executeTakeFirst();
}

/** Every recognised result in scope as a state of its household, in time order per household. */
export function listResultStates(db: Db, scope: Scope) {
  return reviewDb(db)
    .selectFrom('review_result')
    .select(['household_code', 'decided_on', 'round_id', 'commune_code', 'status', 'persons'])
    .where('province_code', '=', scope.provinceCode)
    .where(communeScope(scope, 'commune_code'))
    .orderBy('household_code')
    .orderBy('decided_on')
    .orderBy('round_id')
    .execute();
}

/** Dissolved households that have a result in scope, with the day they were dissolved. */
export function listDissolvedWithResults(db: Db, scope: Scope) {
  return reviewDb(db)
    .selectFrom('household as h')
    .select(['h.code', 'h.dissolved_at'])
    .where('h.province_code', '=', scope.provinceCode)
    .where('h.dissolved_at', 'is not', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('review_result as rr')
          .select('rr.round_id')
          .whereRef('rr.province_code', '=', 'h.province_code')
          .whereRef('rr.household_code', '=', 'h.code')
          .where(communeScope(scope, 'rr.commune_code')),
      ),
    )
    .execute();
}

/** The latest name of each unit code (a name of the 2025 units for the new communes). */
export async function unitNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('admin_unit').select(['code', 'name']).where('code', 'in', [...codes]).orderBy('valid_from').execute();
  return new Map(rows.map((row) => [row.code, row.name]));
}

/** Old commune → district (its parent in any version). */
export async function districtOfCommunes(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('admin_unit').select(['code', 'parent_code']).where('level', '=', 'commune').orderBy('valid_from').execute();
  const map = new Map<string, string>();
  for (const row of rows) {
    const parent = row.parent_code;
    // A new commune's parent is the province itself: it has no district.
    if (parent && parent.length === 3) map.set(row.code, parent);
  }
  return map;
}

/** Old commune → the new commune it went to on 1 July 2025 (the first when it was split). */
export async function successorOfCommunes(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('unit_succession').select(['old_code', 'new_code']).orderBy('old_code').orderBy('new_code').execute();
  const map = new Map<string, string>();
  for (const row of rows) if (!map.has(row.old_code)) map.set(row.old_code, row.new_code);
  return map;
}

/** The communes valid on `date` under a unit (the province or a district), in the province codes. */
export function listCommunesUnder(db: Db, unitCode: string | null, date: string, provinceCodes: readonly string[]) {
  let query = db
    .selectFrom('admin_unit')
    .select(['code', 'name', 'parent_code'])
    .where('level', '=', 'commune')
    .where('province_code', 'in', [...provinceCodes])
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]));
  if (unitCode && !provinceCodes.includes(unitCode)) query = query.where('parent_code', '=', unitCode);
  return query.orderBy('code').execute();
}

export function listRoundsOfPeriod(db: Db, scope: Scope, kind: RoundKind, period: string) {
  return listRounds(db, scope, { kind, period });
}

export async function insertRequest(
  db: Db,
  row: { province_code: string; household_code: string; commune_code: string; kind: RequestKind; received_on: string; due_on: string; created_by: number },
): Promise<number> {
  const inserted = await reviewDb(db).insertInto('review_request').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export function listRequests(db: Db, scope: Scope, communeCode?: string) {
  let query = reviewDb(db)
    .selectFrom('review_request as q')
    .innerJoin('household as h', (join) => join.onRef('h.province_code', '=', 'q.province_code').onRef('h.code', '=', 'q.household_code'))
    .select(['q.id', 'q.household_code', 'q.commune_code', 'q.kind', 'q.received_on', 'q.due_on', 'q.round_id', 'q.decided_on', 'h.head_name'])
    .where('q.province_code', '=', scope.provinceCode)
    .where(communeScope(scope, 'q.commune_code'));
  if (communeCode) query = query.where('q.commune_code', '=', communeCode);
  return query.orderBy('q.due_on').orderBy('q.id').limit(1000).execute();
}

/** Counts of the round's recognised results by class. */
export async function countResultsByStatus(db: Db, provinceCode: string, roundId: number): Promise<Record<string, number>> {
  const rows = await reviewDb(db)
    .selectFrom('review_result')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('province_code', '=', provinceCode)
    .where('round_id', '=', roundId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

/** Every synthetic household that is not dissolved, with the columns the engine reads (demo results). */
export function listSyntheticHouseholds(db: Db, provinceCode: string) {
  return db
    .selectFrom('household')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('is_synthetic', '=', true)
    .where('dissolved_at', 'is', null)
    .orderBy('commune_code')
    .orderBy('code')
    .execute();
}

export function listMembersOfProvince(db: Db, provinceCode: string) {
  return db.selectFrom('member').selectAll().where('province_code', '=', provinceCode).orderBy('household_code').orderBy('seq').execute();
}

export async function countRounds(db: Db, provinceCode: string): Promise<number> {
  const row = await reviewDb(db).selectFrom('review_round').select((eb) => eb.fn.countAll<number>().as('n')).where('province_code', '=', provinceCode).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Round households already surveyed (the demo's recognised rounds). */
export async function insertSurveyedHouseholds(
  db: Db,
  rows: readonly {
    province_code: string;
    round_id: number;
    household_code: string;
    source: HouseholdSource;
    survey: Record<string, unknown>;
    status: HouseholdStatusCode;
    standard_id: string;
    deprivations: string[];
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500).map((row) => ({ ...row, survey: JSON.stringify(row.survey), survey_state: 'done' as const, surveyed_by: null, surveyed_at: null }));
    await reviewDb(db).insertInto('review_household').values(batch).execute();
  }
}

/** Every household of a round with its survey as saved (for a survey import and its template). */
export function listRoundSurveys(db: Db, provinceCode: string, roundId: number) {
  return reviewDb(db)
    .selectFrom('review_household as rh')
    .innerJoin('household as h', (join) => join.onRef('h.province_code', '=', 'rh.province_code').onRef('h.code', '=', 'rh.household_code'))
    .select(['rh.household_code', 'rh.included', 'rh.survey', 'rh.survey_state', 'rh.status', 'rh.version', 'h.head_name', 'h.village'])
    .where('rh.province_code', '=', provinceCode)
    .where('rh.round_id', '=', roundId)
    .orderBy('h.village')
    .orderBy('rh.household_code')
    .execute();
}

/** Writes an imported, finished survey whatever its version (the import holds the round's lock); returns the new version. */
export async function writeImportedSurvey(
  db: Db,
  key: { provinceCode: string; roundId: number; householdCode: string },
  changes: { survey: Record<string, unknown>; status: HouseholdStatusCode; standard_id: string; deprivations: string[]; surveyed_by: number },
): Promise<number> {
  const row = await reviewDb(db)
    .updateTable('review_household')
    .set((eb) => ({
      ...changes,
      survey: JSON.stringify(changes.survey),
      survey_state: 'done' as const,
      surveyed_at: sql<never>`now()`,
      version: eb('version', '+', 1),
    }))
    .where('province_code', '=', key.provinceCode)
    .where('round_id', '=', key.roundId)
    .where('household_code', '=', key.householdCode)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}
