/**
 * Use cases of the review (rà soát, SPEC §7): rounds per commune and period, their steps in
 * order with who and when, the household list, the survey with drafts, recognition that freezes
 * the results, reopening by a province admin, progress, movements and households' requests.
 * Every use case checks the role first and reads through the actor's scope.
 */
import { refreshAggregates } from '../targets/refresh-aggregates.js';
import type { Kysely } from 'kysely';
import type { Database, HouseholdStatusCode, RoleCode } from '../../db/schema.js';
import { today as todayInProvince } from '../../domain/civil-date.js';
import { assessHousehold, type Lang, type PovertyStandard, standardForYear } from '../../domain/poverty/index.js';
import {
  type HouseholdState,
  type RoundKind,
  type StepCode,
  checkStep,
  implausibleFacts,
  isPeriodOf,
  isRoundLate,
  movementTables,
  nextStep,
  requestDueDate,
  reviewYearOfRound,
  roundWindow,
  stepsOfRound,
} from '../../domain/review/index.js';
import type { Actor } from '../access/actor.js';
import type { ProvinceSetting } from '../access/scope.repository.js';
import { assertRole, scopeIncludesCommune } from '../access/scope.js';
import { recordAudit } from '../audit/audit.repository.js';
import { assessmentRecordOf } from '../households/household-classification.js';
import { findHousehold, listMembers, listPovertyStandards } from '../households/households.repository.js';
import { HttpProblem, notFound } from '../../server/problem.js';
import type { MessageKey } from '../../server/messages.js';
import type { Language } from '../../server/language.js';
import { message } from '../../server/messages.js';
import * as repo from './review.repository.js';
import type { StepBody, SurveyInput } from './review.schemas.js';

type Db = Kysely<Database>;

/** Who may do what (SPEC §1): a supervisor and a provincial agency only read. */
const ROUND_WRITERS: readonly RoleCode[] = ['province_admin', 'commune_officer'];
const SURVEY_WRITERS: readonly RoleCode[] = ['province_admin', 'commune_officer', 'reviewer'];
const DISTRICT_WRITERS: readonly RoleCode[] = ['province_admin', 'commune_officer', 'district_officer'];
const REOPENERS: readonly RoleCode[] = ['province_admin'];

export interface ReviewContext {
  province: ProvinceSetting;
  /** Today in the province; tests pin it. */
  today?: () => string;
  language?: Language;
}

const todayOf = (context: ReviewContext) => (context.today ?? (() => todayInProvince(context.province.timeZone)))();

const conflict = (key: MessageKey, params: Record<string, string | number> = {}) => new HttpProblem(409, key, params);
const fieldProblem = (field: string, key: MessageKey, params: Record<string, string | number>, language: Language = 'vi') =>
  new HttpProblem(400, 'validation.detail', { count: 1 }, { titleKey: 'validation.title', errors: [{ field, message: message(key, language, params) }] });

type RoundRow = NonNullable<Awaited<ReturnType<typeof repo.findRound>>>;

function mapRound(row: RoundRow, today: string) {
  const stepsDone = (row.steps_done ?? []) as StepCode[];
  const done = stepsDone.map((step) => ({ step, doneOn: row.starts_on }));
  return {
    id: row.id,
    kind: row.kind,
    communeCode: row.commune_code,
    communeName: row.commune_name,
    period: row.period,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.status,
    version: row.version,
    steps: stepsOfRound(row.starts_on),
    stepsDone,
    nextStep: row.status === 'closed' ? null : nextStep(row.starts_on, done),
    households: Number(row.household_count ?? 0),
    late: isRoundLate(row.kind, row.period, row.status === 'closed', today),
  };
}

async function roundOr404(db: Db, actor: Actor, id: number): Promise<RoundRow> {
  const round = await repo.findRound(db, actor.scope, id);
  if (!round) throw notFound('not_found.review_round', { id });
  return round;
}

export async function listRounds(db: Db, actor: Actor, context: ReviewContext, filter: repo.RoundFilter) {
  const rows = await repo.listRounds(db, actor.scope, filter);
  const today = todayOf(context);
  return { rounds: rows.map((row) => mapRound(row, today)) };
}

/**
 * Opens a round for a commune and period and makes its list (step 1's content): for a periodic
 * round the commune's current poor and near-poor households, and for both kinds the households
 * whose request is waiting.
 */
export async function createRound(db: Db, actor: Actor, context: ReviewContext, input: { kind: RoundKind; period: string; communeCode: string }) {
  assertRole(actor, ROUND_WRITERS);
  if (!isPeriodOf(input.kind, input.period)) {
    throw fieldProblem('period', 'field.invalid', { reason: input.kind === 'periodic' ? 'YYYY' : 'YYYY-MM' }, context.language);
  }
  if (!scopeIncludesCommune(actor.scope, input.communeCode)) throw notFound('not_found.unit', { code: input.communeCode });
  const window = roundWindow(input.kind, input.period);
  const today = todayOf(context);
  if (window.startsOn > today) throw fieldProblem('period', 'review.round_in_future', { date: window.startsOn }, context.language);
  const provinceCodes = [context.province.code, ...context.province.previousCodes];
  const id = await db.transaction().execute(async (trx) => {
    const commune = await repo.findCommuneValidOn(trx, input.communeCode, window.startsOn, provinceCodes);
    if (!commune) throw fieldProblem('communeCode', 'review.commune_not_valid', { code: input.communeCode, date: window.startsOn }, context.language);
    if (await repo.roundExists(trx, actor.scope.provinceCode, input.kind, input.communeCode, input.period)) {
      throw conflict('review.round_exists', { kind: input.kind, period: input.period });
    }
    const roundId = await repo.insertRound(trx, {
      province_code: actor.scope.provinceCode,
      kind: input.kind,
      commune_code: input.communeCode,
      period: input.period,
      starts_on: window.startsOn,
      ends_on: window.endsOn,
      created_by: actor.userId,
    });
    const communes = await repo.communesOfRound(trx, input.communeCode, window.startsOn);
    const current = input.kind === 'periodic' ? await repo.listCurrentPoorHouseholds(trx, actor.scope.provinceCode, communes) : [];
    const requests = await repo.listOpenRequests(trx, actor.scope.provinceCode, communes, window.endsOn);
    const listed = new Set(current.map((row) => row.code));
    await repo.insertRoundHouseholds(trx, [
      ...current.map((row) => ({ province_code: actor.scope.provinceCode, round_id: roundId, household_code: row.code, source: 'current_list' as const, reason: null })),
      ...requests
        .filter((row) => !listed.has(row.household_code))
        .map((row) => ({ province_code: actor.scope.provinceCode, round_id: roundId, household_code: row.household_code, source: 'request' as const, reason: null })),
    ]);
    await repo.attachRequests(trx, actor.scope.provinceCode, requests.map((row) => row.id), roundId);
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'review.round.create',
      entity: 'review_round',
      entityId: `${actor.scope.provinceCode}/${roundId}`,
      after: { ...input, households: current.length + requests.length },
    });
    return roundId;
  });
  return getRound(db, actor, context, id);
}

function actionsFor(actor: Actor, round: RoundRow) {
  const open = round.status === 'open';
  const done = new Set((round.steps_done ?? []) as StepCode[]);
  const writer = ROUND_WRITERS.includes(actor.role);
  return {
    editList: open && writer && !done.has('survey'),
    editSurvey: open && SURVEY_WRITERS.includes(actor.role) && !done.has('posting'),
    recordStep: open && (writer || (actor.role === 'district_officer' && nextStep(round.starts_on, [...done].map((step) => ({ step, doneOn: '' }))) === 'district')),
    reopen: !open && REOPENERS.includes(actor.role),
  };
}

export async function getRound(db: Db, actor: Actor, context: ReviewContext, id: number) {
  const round = await roundOr404(db, actor, id);
  const [steps, households, results] = await Promise.all([
    repo.listSteps(db, round.province_code, id),
    repo.listRoundHouseholds(db, round.province_code, id),
    repo.countResultsByStatus(db, round.province_code, id),
  ]);
  return {
    round: mapRound(round, todayOf(context)),
    stepLog: steps.map((step) => ({
      step: step.step,
      doneOn: step.done_on,
      doneAt: new Date(step.done_at as unknown as string | Date).toISOString(),
      doneBy: step.done_by_name ?? step.done_by_username ?? null,
      data: step.data,
    })),
    households: households.map((row) => ({
      householdCode: row.household_code,
      headName: row.head_name,
      village: row.village,
      source: row.source,
      included: row.included,
      reason: row.reason,
      surveyState: row.survey_state,
      status: row.status,
      deprivations: row.deprivations,
      version: row.version,
    })),
    results,
    actions: actionsFor(actor, round),
  };
}

function assertOpen(round: RoundRow): void {
  if (round.status === 'closed') throw conflict('review.round_closed');
}

/** Adds a household to the list (step 1), with the reason. */
export async function addHousehold(db: Db, actor: Actor, context: ReviewContext, id: number, input: { householdCode: string; reason: string }) {
  assertRole(actor, ROUND_WRITERS);
  await db.transaction().execute(async (trx) => {
    await repo.lockRound(trx, actor.scope.provinceCode, id);
    const round = await roundOr404(trx, actor, id);
    assertOpen(round);
    if ((round.steps_done ?? []).includes('survey')) throw conflict('review.list_locked');
    const household = await findHousehold(trx, actor.scope, input.householdCode);
    if (!household) throw notFound('not_found.household', { code: input.householdCode });
    const communes = await repo.communesOfRound(trx, round.commune_code, round.starts_on);
    if (!communes.includes(household.commune_code)) {
      throw fieldProblem('householdCode', 'review.household_outside_round', { code: input.householdCode }, context.language);
    }
    const existing = await repo.findRoundHousehold(trx, round.province_code, id, input.householdCode);
    if (existing?.included) throw conflict('review.household_on_list', { code: input.householdCode });
    if (existing) await repo.setHouseholdIncluded(trx, round.province_code, id, input.householdCode, true, input.reason);
    else await repo.insertRoundHouseholds(trx, [{ province_code: round.province_code, round_id: id, household_code: input.householdCode, source: 'added', reason: input.reason }]);
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'review.list.add',
      entity: 'review_household',
      entityId: `${round.province_code}/${id}/${input.householdCode}`,
      after: { reason: input.reason },
    });
  });
  return getRound(db, actor, context, id);
}

/** Takes a household off the list (it stays, marked removed, with the reason). */
export async function removeHousehold(db: Db, actor: Actor, context: ReviewContext, id: number, householdCode: string, reason: string) {
  assertRole(actor, ROUND_WRITERS);
  await db.transaction().execute(async (trx) => {
    await repo.lockRound(trx, actor.scope.provinceCode, id);
    const round = await roundOr404(trx, actor, id);
    assertOpen(round);
    if ((round.steps_done ?? []).includes('survey')) throw conflict('review.list_locked');
    const existing = await repo.findRoundHousehold(trx, round.province_code, id, householdCode);
    if (!existing || !existing.included) throw notFound('not_found.review_household', { code: householdCode });
    await repo.setHouseholdIncluded(trx, round.province_code, id, householdCode, false, reason);
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'review.list.remove',
      entity: 'review_household',
      entityId: `${round.province_code}/${id}/${householdCode}`,
      before: { included: true, reason: existing.reason },
      after: { included: false, reason },
    });
  });
  return getRound(db, actor, context, id);
}

/** The standard of a round's review year, when there is one. */
function standardOfRound(standards: readonly PovertyStandard[], round: { kind: RoundKind; period: string }) {
  return standardForYear(standards, reviewYearOfRound(round.kind, round.period));
}

/** The day a new survey is dated by default: today when it falls in the round, else the round's first day. */
export function defaultSurveyDate(round: { kind: RoundKind; period: string }, today: string): string {
  const window = roundWindow(round.kind, round.period);
  const to = window.hardEnd ? window.endsOn : today > window.startsOn ? today : window.startsOn;
  return today >= window.startsOn && today <= to ? today : window.startsOn;
}

/** A survey started from the registry's facts (members numbered as the registry numbers them). */
export function startingSurvey(
  household: Parameters<typeof assessmentRecordOf>[0],
  members: ReadonlyArray<Parameters<typeof assessmentRecordOf>[1][number] & { seq: number; full_name: string }>,
  surveyDate: string,
): Record<string, unknown> {
  const record = assessmentRecordOf(household, members);
  return {
    area: record.area,
    farmHousehold: record.farmHousehold,
    incomePerCapita: record.incomePerCapita,
    scoreA: record.scoreA,
    facts: {
      ...record.facts,
      surveyDate,
      members: record.facts.members.map((member, index) => ({ seq: members[index]!.seq, fullName: members[index]!.full_name, ...member })),
    },
  };
}

/**
 * The survey of one household: the draft or finished survey when there is one, otherwise the
 * registry's facts as a starting point, dated within the round.
 */
export async function getSurvey(db: Db, actor: Actor, context: ReviewContext, id: number, householdCode: string) {
  const round = await roundOr404(db, actor, id);
  const row = await repo.findRoundHousehold(db, round.province_code, id, householdCode);
  const household = await findHousehold(db, actor.scope, householdCode);
  if (!row || !household) throw notFound('not_found.review_household', { code: householdCode });
  const standards = await listPovertyStandards(db);
  const window = roundWindow(round.kind, round.period);
  const to = window.hardEnd ? window.endsOn : todayOf(context) > window.startsOn ? todayOf(context) : window.startsOn;
  let survey = row.survey;
  if (!survey) {
    const members = await listMembers(db, round.province_code, householdCode);
    survey = startingSurvey(household, members, defaultSurveyDate(round, todayOf(context)));
  }
  const actions = actionsFor(actor, round);
  return {
    roundId: id,
    householdCode,
    headName: household.head_name,
    village: household.village,
    reviewYear: reviewYearOfRound(round.kind, round.period),
    standardId: standardOfRound(standards, round)?.id ?? null,
    window: { from: window.startsOn, to },
    surveyState: row.survey_state,
    status: row.status,
    deprivations: row.deprivations,
    version: row.version,
    survey,
    editable: actions.editSurvey && row.included,
  };
}

/**
 * Saves a survey as a draft or finished. Impossible facts are refused on every save; a finished
 * survey must also classify under the round's standard. A stale version gets 409.
 */
export async function saveSurvey(
  db: Db,
  actor: Actor,
  context: ReviewContext,
  id: number,
  householdCode: string,
  input: { version: number; complete: boolean; survey: SurveyInput },
) {
  assertRole(actor, SURVEY_WRITERS);
  const language = context.language ?? 'vi';
  await db.transaction().execute(async (trx) => {
    const round = await roundOr404(trx, actor, id);
    assertOpen(round);
    const row = await repo.findRoundHousehold(trx, round.province_code, id, householdCode);
    const household = await findHousehold(trx, actor.scope, householdCode);
    if (!row || !household) throw notFound('not_found.review_household', { code: householdCode });
    if (!row.included || (round.steps_done ?? []).includes('posting')) throw conflict('review.survey_locked');

    const window = roundWindow(round.kind, round.period);
    const to = window.hardEnd ? window.endsOn : todayOf(context);
    const implausible = implausibleFacts(input.survey.facts, { from: window.startsOn, to: to < window.startsOn ? window.startsOn : to });
    if (implausible.length > 0) {
      const errors = implausible.map((found) => ({
        field: found.field,
        message: message(`review.implausible.${found.code}` as MessageKey, language, found.params),
      }));
      throw new HttpProblem(400, 'validation.detail', { count: errors.length }, { titleKey: 'validation.title', errors });
    }
    const standards = await listPovertyStandards(trx);
    const assessment = assessHousehold(
      { ...input.survey, id: householdCode, year: reviewYearOfRound(round.kind, round.period) },
      standards,
      { lang: language as Lang },
    );
    if (input.complete && !assessment.ok) {
      const { field, message: text } = assessment.failure.error;
      throw new HttpProblem(400, 'validation.detail', { count: 1 }, { titleKey: 'validation.title', errors: [{ field, message: text }] });
    }
    const version = await repo.updateSurveyIfVersion(
      trx,
      { provinceCode: round.province_code, roundId: id, householdCode, version: input.version },
      {
        survey: input.survey as unknown as Record<string, unknown>,
        survey_state: input.complete ? 'done' : 'draft',
        status: assessment.ok ? (assessment.result.status as HouseholdStatusCode) : null,
        standard_id: assessment.ok ? assessment.result.standard : null,
        deprivations: assessment.ok ? [...assessment.result.deprivations] : [],
        surveyed_by: actor.userId,
      },
    );
    if (version === undefined) throw conflict('review.survey_version', { code: householdCode });
    await recordAudit(trx, {
      userId: actor.userId,
      action: input.complete ? 'review.survey.complete' : 'review.survey.draft',
      entity: 'review_household',
      entityId: `${round.province_code}/${id}/${householdCode}`,
      before: { version: input.version, status: row.status, surveyState: row.survey_state },
      after: { version, status: assessment.ok ? assessment.result.status : null },
    });
  });
  return getSurvey(db, actor, context, id, householdCode);
}

/** The data a step keeps, without its step code and date. */
function stepData(body: StepBody): Record<string, unknown> {
  const { step: _step, date: _date, ...data } = body;
  return data;
}

/**
 * Records the next step of a round. Recognition freezes the results (one `review_result` per
 * household of the list, with its facts, indicators, class and standard), decides the
 * requests the round handled and closes the round — all in one transaction, audited.
 */
export async function recordStep(db: Db, actor: Actor, context: ReviewContext, id: number, body: StepBody) {
  assertRole(actor, body.step === 'district' ? DISTRICT_WRITERS : ROUND_WRITERS);
  const language = context.language ?? 'vi';
  await db.transaction().execute(async (trx) => {
    await repo.lockRound(trx, actor.scope.provinceCode, id);
    const round = await roundOr404(trx, actor, id);
    const steps = await repo.listSteps(trx, round.province_code, id);
    const refusal = checkStep({
      kind: round.kind,
      period: round.period,
      closed: round.status === 'closed',
      done: steps.map((step) => ({ step: step.step, doneOn: step.done_on })),
      step: body.step,
      date: body.date,
      today: todayOf(context),
    });
    if (refusal) {
      switch (refusal.code) {
        case 'round_closed':
          throw conflict('review.round_closed');
        case 'step_not_in_round':
          throw conflict('review.step_not_in_round', { step: refusal.step });
        case 'step_out_of_order':
          throw conflict('review.step_out_of_order', { step: refusal.step, expected: refusal.expected ?? '' });
        case 'date_before_window':
          throw fieldProblem('date', 'review.date_before_window', { startsOn: refusal.startsOn }, language);
        case 'date_after_window':
          throw fieldProblem('date', 'review.date_after_window', { endsOn: refusal.endsOn }, language);
        case 'date_before_previous_step':
          throw fieldProblem('date', 'review.date_before_previous_step', { previous: refusal.previous }, language);
        case 'date_in_future':
          throw fieldProblem('date', 'review.date_in_future', { today: refusal.today }, language);
      }
    }
    if (body.step === 'posting' && body.postedUntil < body.date) throw fieldProblem('postedUntil', 'review.posted_until_before', {}, language);
    const households = await repo.listRoundHouseholds(trx, round.province_code, id);
    if (body.step === 'survey') {
      const unfinished = households.filter((row) => row.included && row.survey_state !== 'done').length;
      if (unfinished > 0) throw conflict('review.surveys_unfinished', { count: unfinished });
    }
    await repo.insertStep(trx, { province_code: round.province_code, round_id: id, step: body.step, done_on: body.date, done_by: actor.userId, data: stepData(body) });
    let recognised = 0;
    if (body.step === 'recognition') {
      recognised = await freezeResults(trx, round, { decidedOn: body.date, decisionNumber: body.decisionNumber });
      await repo.decideRequestsOfRound(trx, round.province_code, id, body.date);
      await repo.setRoundStatus(trx, round.province_code, id, 'closed');
      // The dashboard reads aggregates; they change with every recognition, in the same transaction.
      await refreshAggregates(trx, round.province_code);
    }
    await recordAudit(trx, {
      userId: actor.userId,
      action: `review.step.${body.step}`,
      entity: 'review_round',
      entityId: `${round.province_code}/${id}`,
      after: { ...body, ...(body.step === 'recognition' ? { households: recognised } : {}) },
    });
  });
  return getRound(db, actor, context, id);
}

/**
 * Writes the frozen results of a round from its finished surveys: the assessment record is
 * classified once more under the round's standard and kept whole, so nothing later in the
 * registry can change it. Results of an earlier recognition of the same round are replaced.
 */
async function freezeResults(
  trx: Db,
  round: { province_code: string; id: number; kind: RoundKind; period: string; commune_code: string },
  decision: { decidedOn: string; decisionNumber: string },
): Promise<number> {
  const standards = await listPovertyStandards(trx);
  const reviewYear = reviewYearOfRound(round.kind, round.period);
  const rows = await repo.listSurveyedForRecognition(trx, round.province_code, round.id);
  const results: repo.NewReviewResult[] = [];
  for (const row of rows) {
    if (row.survey_state !== 'done' || !row.survey) continue;
    const record = { ...row.survey, id: row.household_code, year: reviewYear };
    const assessment = assessHousehold(record, standards);
    if (!assessment.ok) continue;
    const survey = row.survey as { incomePerCapita?: number | null; scoreA?: number | null; area?: string; facts?: { members?: unknown[] } };
    results.push({
      province_code: round.province_code,
      household_code: row.household_code,
      round_id: round.id,
      commune_code: round.commune_code,
      village: row.village,
      head_name: row.head_name,
      head_ethnic_code: row.head_ethnic_code,
      area: survey.area ?? row.area,
      decided_on: decision.decidedOn,
      decision_number: decision.decisionNumber,
      review_year: reviewYear,
      standard_id: assessment.result.standard,
      status: assessment.result.status,
      deprivations: [...assessment.result.deprivations],
      deprivation_count: assessment.result.deprivationCount,
      income_per_capita: survey.incomePerCapita ?? null,
      score_a: survey.scoreA ?? null,
      persons: survey.facts?.members?.length ?? 0,
      facts: record,
    });
  }
  await repo.deleteResultsOfRound(trx, round.province_code, round.id);
  await repo.insertResults(trx, results);
  return results.length;
}

/** Reopens a closed round: a province admin, with a reason; audited. Its results stay until the next recognition replaces them. */
export async function reopenRound(db: Db, actor: Actor, context: ReviewContext, id: number, reason: string) {
  assertRole(actor, REOPENERS);
  await db.transaction().execute(async (trx) => {
    await repo.lockRound(trx, actor.scope.provinceCode, id);
    const round = await roundOr404(trx, actor, id);
    if (round.status !== 'closed') throw conflict('review.round_not_closed');
    const steps = await repo.listSteps(trx, round.province_code, id);
    const recognition = steps.find((step) => step.step === 'recognition');
    await repo.deleteStep(trx, round.province_code, id, 'recognition');
    await repo.setRoundStatus(trx, round.province_code, id, 'open');
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'review.round.reopen',
      entity: 'review_round',
      entityId: `${round.province_code}/${id}`,
      before: { status: 'closed', recognition: recognition ? { doneOn: recognition.done_on, ...recognition.data } : null },
      after: { status: 'open', reason },
    });
  });
  return getRound(db, actor, context, id);
}

/** For the province or a district: each commune's round of the period and its step, late ones first. */
export async function reviewProgress(db: Db, actor: Actor, context: ReviewContext, query: { kind: RoundKind; period: string; unit?: string | undefined }) {
  if (!isPeriodOf(query.kind, query.period)) throw fieldProblem('period', 'field.invalid', { reason: query.kind === 'periodic' ? 'YYYY' : 'YYYY-MM' }, context.language);
  const window = roundWindow(query.kind, query.period);
  const provinceCodes = [context.province.code, ...context.province.previousCodes];
  const today = todayOf(context);
  const [communes, rounds] = await Promise.all([
    repo.listCommunesUnder(db, query.unit ?? null, window.startsOn, provinceCodes),
    repo.listRoundsOfPeriod(db, actor.scope, query.kind, query.period),
  ]);
  const byCommune = new Map(rounds.map((round) => [round.commune_code, round]));
  const total = stepsOfRound(window.startsOn).length;
  const rows = communes
    .filter((commune) => scopeIncludesCommune(actor.scope, commune.code))
    .map((commune) => {
      const round = byCommune.get(commune.code);
      const done = (round?.steps_done ?? []) as StepCode[];
      const closed = round?.status === 'closed';
      return {
        communeCode: commune.code,
        communeName: commune.name,
        districtCode: commune.parent_code && commune.parent_code.length === 3 ? commune.parent_code : null,
        roundId: round?.id ?? null,
        status: round ? round.status : ('not_started' as const),
        nextStep: closed ? null : nextStep(window.startsOn, done.map((step) => ({ step, doneOn: '' }))),
        stepsDone: done.length,
        stepsTotal: total,
        late: isRoundLate(query.kind, query.period, closed, today),
      };
    });
  rows.sort((a, b) => Number(b.late) - Number(a.late) || a.stepsDone - b.stepsDone || a.communeCode.localeCompare(b.communeCode));
  return { kind: query.kind, period: query.period, startsOn: window.startsOn, endsOn: window.endsOn, communes: rows };
}

/**
 * Movement tables (SPEC §7) between two days over the recognised results in scope, per unit of
 * a level: commune (as recognised), district (old units), province, or new commune (old results
 * rolled up through the 2025 succession).
 */
export async function reviewMovements(db: Db, actor: Actor, context: ReviewContext, query: { from: string; to: string; level: 'commune' | 'district' | 'province' | 'new_commune' }) {
  const [states, dissolved] = await Promise.all([repo.listResultStates(db, actor.scope), repo.listDissolvedWithResults(db, actor.scope)]);
  const timelines = new Map<string, HouseholdState[]>();
  for (const row of states) {
    const timeline = timelines.get(row.household_code) ?? [];
    timeline.push({ at: row.decided_on, unit: row.commune_code, status: row.status, persons: row.persons });
    timelines.set(row.household_code, timeline);
  }
  for (const row of dissolved) {
    const timeline = timelines.get(row.code);
    if (timeline && row.dissolved_at) {
      timeline.push({ at: row.dissolved_at, unit: null, status: null, persons: 0 });
      timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    }
  }
  let unitOf: (commune: string) => string | null = (commune) => commune;
  if (query.level === 'district') {
    const districts = await repo.districtOfCommunes(db);
    unitOf = (commune) => districts.get(commune) ?? null;
  } else if (query.level === 'province') {
    unitOf = () => context.province.code;
  } else if (query.level === 'new_commune') {
    const successors = await repo.successorOfCommunes(db);
    unitOf = (commune) => successors.get(commune) ?? commune;
  }
  const units = movementTables(timelines.values(), query.from, query.to, unitOf);
  const names = await repo.unitNames(db, units.map((unit) => unit.unit));
  return { from: query.from, to: query.to, level: query.level, units: units.map((unit) => ({ ...unit, name: names.get(unit.unit) ?? null })) };
}

/** Records a household's request (Mẫu số 04); a regular round of its commune handles it. */
export async function createRequest(db: Db, actor: Actor, context: ReviewContext, input: { householdCode: string; kind: 'recognise_poor' | 'recognise_near_poor' | 'escape'; receivedOn: string }) {
  assertRole(actor, ROUND_WRITERS);
  if (input.receivedOn > todayOf(context)) throw fieldProblem('receivedOn', 'review.date_in_future', { today: todayOf(context) }, context.language);
  const household = await findHousehold(db, actor.scope, input.householdCode);
  if (!household) throw notFound('not_found.household', { code: input.householdCode });
  const id = await db.transaction().execute(async (trx) => {
    const requestId = await repo.insertRequest(trx, {
      province_code: actor.scope.provinceCode,
      household_code: input.householdCode,
      commune_code: household.commune_code,
      kind: input.kind,
      received_on: input.receivedOn,
      due_on: requestDueDate(input.receivedOn),
      created_by: actor.userId,
    });
    await recordAudit(trx, { userId: actor.userId, action: 'review.request.create', entity: 'review_request', entityId: `${actor.scope.provinceCode}/${requestId}`, after: input });
    return requestId;
  });
  return { id, dueOn: requestDueDate(input.receivedOn) };
}

export async function listRequests(db: Db, actor: Actor, context: ReviewContext, communeCode?: string) {
  const today = todayOf(context);
  const rows = await repo.listRequests(db, actor.scope, communeCode);
  return {
    requests: rows
      .map((row) => ({
        id: row.id,
        householdCode: row.household_code,
        headName: row.head_name,
        communeCode: row.commune_code,
        kind: row.kind,
        receivedOn: row.received_on,
        dueOn: row.due_on,
        roundId: row.round_id,
        decidedOn: row.decided_on,
        overdue: row.decided_on === null ? today > row.due_on : row.decided_on > row.due_on,
      }))
      .sort((a, b) => Number(b.overdue && !b.decidedOn) - Number(a.overdue && !a.decidedOn)),
  };
}

/** The frozen results of a round, for the posting list and certificates. */
export async function roundResults(db: Db, actor: Actor, id: number) {
  const round = await roundOr404(db, actor, id);
  return { round, results: await repo.listResultsOfRound(db, round.province_code, id) };
}

export async function findRoundResult(db: Db, actor: Actor, id: number, householdCode: string) {
  const round = await roundOr404(db, actor, id);
  const result = await repo.findResult(db, actor.scope, id, householdCode);
  if (!result) throw notFound('not_found.review_result', { code: householdCode });
  return { round, result };
}

/** The households of a round with their surveyed class (for the posting list before recognition). */
export async function roundHouseholds(db: Db, actor: Actor, id: number) {
  const round = await roundOr404(db, actor, id);
  return { round, households: await repo.listRoundHouseholds(db, round.province_code, id) };
}
