/**
 * Reports and deadlines (SPEC §10): the obligations of a year as data (generated on first use
 * from the province plan and Decision 24/2021, then edited by a province admin), submissions
 * from draft to accepted or returned with a reason, the completeness matrix (who × obligation,
 * late first) and reminders. A commune, district or agency acts for itself; the province admin
 * returns and accepts (and may record a report received on paper for anyone).
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, RoleCode } from '../../db/schema.js';
import { today as todayInProvince } from '../../domain/civil-date.js';
import {
  type DeadlineState,
  type ObligationParty,
  type ObligationRule,
  type SubmissionStatus,
  REVIEW_REPORTING_RULES,
  attachmentProblem,
  canMove,
  cleanFileName,
  deadlineState,
  obligationsOfYear,
  remindersOf,
  rulesFromPlan,
} from '../../domain/reports/index.js';
import { DEFAULT_REFERENCE_DIRECTORY } from '../../db/reference/read-reference-data.js';
import { type ProvincePlan, parseProvincePlan } from '../../db/reference/province-plan.parser.js';
import type { Actor } from '../access/actor.js';
import type { ProvinceSetting } from '../access/scope.repository.js';
import { assertRole, scopeIncludesCommune } from '../access/scope.js';
import { recordAudit } from '../audit/audit.repository.js';
import { HttpProblem, forbidden, notFound } from '../../server/problem.js';
import * as repo from './reports.repository.js';

type Db = Kysely<Database>;

export interface ReportsContext {
  province: ProvinceSetting;
  /** Today in the province; tests pin it. */
  today?: () => string;
  /** Where the province plans (`plan-YYYY.json`) are read from. */
  referenceDirectory?: string;
}

const ADMIN: readonly RoleCode[] = ['province_admin'];
const SUBMITTERS: readonly RoleCode[] = ['province_admin', 'province_agency', 'district_officer', 'commune_officer'];

const todayOf = (context: ReportsContext) => (context.today ?? (() => todayInProvince(context.province.timeZone)))();

/** The province's plans, by year (read once). */
let plansCache: Promise<ProvincePlan[]> | undefined;
async function readPlans(directory: string): Promise<ProvincePlan[]> {
  const files = (await readdir(directory)).filter((file) => /^plan-\d{4}\.json$/.test(file)).sort();
  return Promise.all(files.map(async (file) => parseProvincePlan(await readFile(path.join(directory, file), 'utf8'), file)));
}

/** The rules of a year: the latest plan of the year or before (the earliest when none), and the review-result duties. */
async function rulesOfYear(context: ReportsContext, year: number): Promise<ObligationRule[]> {
  const directory = context.referenceDirectory ?? DEFAULT_REFERENCE_DIRECTORY;
  const plans = await (context.referenceDirectory ? readPlans(directory) : (plansCache ??= readPlans(directory)));
  const plan = [...plans].reverse().find((p) => p.year <= year) ?? plans[0];
  return [...(plan ? rulesFromPlan(plan) : []), ...REVIEW_REPORTING_RULES];
}

/** The year's obligations, generated from the rules the first time the year is asked for. */
async function obligationsOf(db: Db, context: ReportsContext, year: number) {
  const existing = await repo.listObligations(db, context.province.code, year);
  if (existing.length > 0) return existing;
  await repo.insertObligations(db, context.province.code, obligationsOfYear(await rulesOfYear(context, year), year));
  return repo.listObligations(db, context.province.code, year);
}

export interface SubmitterInfo {
  key: string;
  name: string;
  /** For a unit: its level; for a commune, its district (to filter the matrix by district). */
  level: 'province' | 'district' | 'commune' | 'agency' | 'party';
  districtCode: string | null;
}

/** Names of the plan's groups and of the ministry the province reports to (DOMAIN §2.8, §7.1). */
const PARTY_NAMES: Readonly<Record<string, string>> = {
  ministry: 'Bộ quản lý công tác giảm nghèo',
  ministry_of_labour: 'Bộ Lao động - Thương binh và Xã hội',
  mass_organisations: 'Các tổ chức chính trị – xã hội, đoàn thể',
  provincial_departments: 'Các sở, ban, ngành tỉnh',
  steering_committee_departments: 'Các sở, ngành thành viên Ban Chỉ đạo',
  all_agencies_and_localities: 'Các cơ quan, đơn vị, địa phương',
};

const LEVEL_NAMES: Readonly<Record<string, string>> = { province: 'UBND tỉnh', district: 'UBND cấp huyện', commune: 'UBND cấp xã' };

/** Expands an obligation's parties into the units and agencies that owe it on its due day. */
function submitterExpander(db: Db, context: ReportsContext) {
  const provinceCodes = [context.province.code, ...context.province.previousCodes];
  const cache = new Map<string, Promise<SubmitterInfo[]>>();
  const agenciesPromise = repo.listAllAgencies(db);
  const agenciesOn = async (date: string) => (await agenciesPromise).filter((a) => a.valid_from <= date && (a.valid_to === null || a.valid_to >= date));
  /** An agency that no longer exists on the day passes its duty to its successor. */
  const agencyOn = async (code: string, date: string) => {
    const all = await agenciesPromise;
    let agency = all.find((a) => a.code === code);
    for (let hops = 0; agency && agency.valid_to !== null && agency.valid_to < date && agency.successor_code && hops < 5; hops++) {
      const next: string = agency.successor_code;
      agency = all.find((a) => a.code === next);
    }
    return agency;
  };
  const expand = async (party: ObligationParty, date: string): Promise<SubmitterInfo[]> => {
    if (party.kind === 'level') {
      const units = await repo.listUnitsValidOn(db, party.level, date, provinceCodes);
      return units.map((u) => ({ key: `unit:${u.code}`, name: u.name, level: party.level, districtCode: party.level === 'commune' && u.parent_code && u.parent_code.length === 3 ? u.parent_code : party.level === 'district' ? u.code : null }));
    }
    if (party.kind === 'agency') {
      const agency = await agencyOn(party.code, date);
      return agency ? [{ key: `agency:${agency.code}`, name: agency.name, level: 'agency', districtCode: null }] : [];
    }
    if (party.code === 'provincial_departments' || party.code === 'steering_committee_departments') {
      return (await agenciesOn(date)).map((a) => ({ key: `agency:${a.code}`, name: a.name, level: 'agency' as const, districtCode: null }));
    }
    return [{ key: `party:${party.code}`, name: PARTY_NAMES[party.code] ?? party.code, level: 'party', districtCode: null }];
  };
  return async (parties: readonly ObligationParty[], date: string): Promise<SubmitterInfo[]> => {
    const key = `${JSON.stringify(parties)}@${date}`;
    let found = cache.get(key);
    if (!found) {
      found = Promise.all(parties.map((p) => expand(p, date))).then((lists) => {
        const seen = new Map<string, SubmitterInfo>();
        for (const s of lists.flat()) if (!seen.has(s.key)) seen.set(s.key, s);
        return [...seen.values()];
      });
      cache.set(key, found);
    }
    return found;
  };
}

/** May the actor act for (submit as) this submitter? */
function actsFor(actor: Actor, submitter: string): boolean {
  const [kind, code] = submitter.split(':') as [string, string];
  switch (actor.role) {
    case 'province_admin':
      return true;
    case 'province_agency':
      return kind === 'agency' && code === actor.agencyCode;
    case 'district_officer':
      return kind === 'unit' && code === actor.unitCode;
    case 'commune_officer':
      return kind === 'unit' && scopeIncludesCommune(actor.scope, code);
    default:
      return false;
  }
}

/** May the actor see this submitter's row? Province-wide roles see all; others their own units. */
function sees(actor: Actor, submitter: SubmitterInfo): boolean {
  if (actor.scope.kind === 'province') return true;
  if (actsFor(actor, submitter.key)) return true;
  const [kind, code] = submitter.key.split(':') as [string, string];
  return kind === 'unit' && submitter.level === 'commune' && scopeIncludesCommune(actor.scope, code);
}

const partyLabel = (party: ObligationParty, names: ReadonlyMap<string, string>) =>
  party.kind === 'level' ? LEVEL_NAMES[party.level]! : party.kind === 'agency' ? names.get(party.code) ?? party.code : PARTY_NAMES[party.code] ?? party.code;

/** `level:commune`, `agency:SLDTBXH`, `party:ministry`. */
const partySpecOf = (party: ObligationParty) => (party.kind === 'level' ? `level:${party.level}` : `${party.kind}:${party.code}`);

function partyOfSpec(spec: string): ObligationParty {
  const [kind, code] = spec.split(':') as [string, string];
  if (kind === 'level') return { kind: 'level', level: code as 'commune' | 'district' | 'province' };
  return kind === 'agency' ? { kind: 'agency', code } : { kind: 'party', code };
}

function mapObligation(row: repo.ObligationRow, agencyNames: ReadonlyMap<string, string>) {
  return {
    id: row.id,
    year: row.year,
    code: row.code,
    ruleId: row.rule_id,
    title: { vi: row.title_vi, en: row.title_en },
    dueOn: row.due_on,
    from: row.from_parties.map((p) => partyLabel(p, agencyNames)),
    to: row.to_parties.map((p) => partyLabel(p, agencyNames)),
    via: row.via_party ? partyLabel(row.via_party, agencyNames) : null,
    fromParties: row.from_parties.map(partySpecOf),
    toParties: row.to_parties.map(partySpecOf),
    source: row.source,
    version: row.version,
  };
}

function mapAttachment(row: repo.AttachmentRow) {
  return { id: row.id, fileName: row.file_name, contentType: row.content_type, size: row.size, uploadedAt: new Date(row.uploaded_at).toISOString() };
}

function mapSubmission(row: repo.SubmissionRow | undefined, attachments: readonly repo.AttachmentRow[] = []) {
  if (!row) return null;
  return {
    attachments: attachments.filter((a) => a.submission_id === row.id).map(mapAttachment),
    id: row.id,
    status: row.status,
    note: row.note,
    returnReason: row.return_reason,
    firstSubmittedAt: row.first_submitted_at ? new Date(row.first_submitted_at).toISOString() : null,
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    version: row.version,
  };
}

/** Everything about one year: obligations, who owes each, and the submissions. */
async function loadYear(db: Db, context: ReportsContext, year: number) {
  const obligations = await obligationsOf(db, context, year);
  const expand = submitterExpander(db, context);
  const [submissions, agencies] = await Promise.all([repo.listSubmissionsOfYear(db, context.province.code, year), repo.listAllAgencies(db)]);
  const agencyNames = new Map(agencies.map((a) => [a.code, a.name]));
  const bySubmitter = new Map(submissions.map((s) => [`${s.obligation_id}|${s.submitter}`, s]));
  const entries = await Promise.all(
    obligations.map(async (row) => ({ row, obligation: mapObligation(row, agencyNames), submitters: await expand(row.from_parties, row.due_on) })),
  );
  const attachments = await repo.listAttachments(db, context.province.code, submissions.map((s) => s.id));
  return { entries, attachments, submissionOf: (obligationId: number, submitter: string) => bySubmitter.get(`${obligationId}|${submitter}`) };
}

const stateOf = (dueOn: string, submission: repo.SubmissionRow | undefined, today: string, timeZone: string): DeadlineState =>
  deadlineState({ dueOn, firstSubmittedAt: submission?.first_submitted_at ? new Date(submission.first_submitted_at) : null }, today, timeZone);

/**
 * The calendar of a year: every obligation with the parties the actor acts for (their status and
 * deadline state) and, for the province, how many of those owing it have sent it.
 */
export async function obligationCalendar(db: Db, actor: Actor, context: ReportsContext, year: number) {
  const today = todayOf(context);
  const { entries, attachments, submissionOf } = await loadYear(db, context, year);
  return {
    year,
    today,
    obligations: entries.map(({ row, obligation, submitters }) => {
      const visible = submitters.filter((s) => sees(actor, s));
      const states = visible.map((s) => stateOf(row.due_on, submissionOf(row.id, s.key), today, context.province.timeZone));
      const mine = submitters
        .filter((s) => actor.role !== 'province_admin' ? actsFor(actor, s.key) : s.level === 'province' || s.level === 'party')
        .map((s) => {
          const submission = submissionOf(row.id, s.key);
          return { submitter: s.key, name: s.name, state: stateOf(row.due_on, submission, today, context.province.timeZone), submission: mapSubmission(submission, attachments) };
        });
      const dueState: DeadlineState = stateOf(row.due_on, undefined, today, context.province.timeZone);
      return {
        ...obligation,
        dueState,
        expected: visible.length,
        submitted: visible.filter((s) => {
          const status = submissionOf(row.id, s.key)?.status;
          return status === 'submitted' || status === 'accepted';
        }).length,
        accepted: visible.filter((s) => submissionOf(row.id, s.key)?.status === 'accepted').length,
        overdue: states.filter((s) => s === 'overdue').length,
        mine,
      };
    }),
  };
}

/**
 * A province admin moves an obligation's due day, corrects its title, or changes who owes it and
 * to whom (an agency must exist; a named group must be one the calendar knows); stale version → 409.
 */
export async function updateObligation(
  db: Db,
  actor: Actor,
  context: ReportsContext,
  id: number,
  input: { dueOn: string; titleVi?: string | undefined; titleEn?: string | undefined; from?: string[] | undefined; to?: string[] | undefined; version: number },
) {
  assertRole(actor, ADMIN);
  const before = await repo.findObligation(db, context.province.code, id);
  if (!before) throw notFound('reports.not_found.obligation', { id });
  const agencies = await repo.listAllAgencies(db);
  const problems: { field: string; message: string }[] = [];
  const parties = (field: 'from' | 'to', specs: string[] | undefined, current: ObligationParty[]) => {
    if (!specs) return current;
    const parsed = [...new Set(specs)].map(partyOfSpec);
    parsed.forEach((party, index) => {
      if (party.kind === 'agency' && !agencies.some((a) => a.code === party.code)) problems.push({ field: `${field}[${index}]`, message: `unknown agency ${party.code}` });
      if (party.kind === 'party' && !(party.code in PARTY_NAMES)) problems.push({ field: `${field}[${index}]`, message: `unknown party ${party.code}` });
    });
    return parsed;
  };
  const from = parties('from', input.from, before.from_parties);
  const to = parties('to', input.to, before.to_parties);
  if (problems.length === 0 && from.some((f) => to.some((t) => partySpecOf(f) === partySpecOf(t)))) problems.push({ field: 'to', message: 'a party cannot report to itself' });
  if (problems.length > 0) throw new HttpProblem(400, 'reports.invalid_parties', { id }, { errors: problems });
  const patch = {
    due_on: input.dueOn,
    title_vi: input.titleVi ?? before.title_vi,
    title_en: input.titleEn ?? before.title_en,
    from_parties: JSON.stringify(from),
    to_parties: JSON.stringify(to),
    updated_by: actor.userId,
  };
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateObligationIfVersion(trx, context.province.code, id, input.version, patch))) throw new HttpProblem(409, 'reports.stale_version');
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'obligation.update',
      entity: 'obligation',
      entityId: String(id),
      before: { dueOn: before.due_on, titleVi: before.title_vi, from: before.from_parties.map(partySpecOf), to: before.to_parties.map(partySpecOf) },
      after: { dueOn: patch.due_on, titleVi: patch.title_vi, from: from.map(partySpecOf), to: to.map(partySpecOf) },
    });
  });
  const after = await repo.findObligation(db, context.province.code, id);
  return mapObligation(after!, new Map(agencies.map((a) => [a.code, a.name])));
}

/** The parties an obligation can name, for the edit form: the levels, the agencies in force in the year, the named groups. */
export async function obligationParties(db: Db, actor: Actor, year: number) {
  assertRole(actor, ADMIN);
  const agencies = await repo.listAgenciesValidOn(db, `${year}-12-31`);
  return [
    ...(['province', 'district', 'commune'] as const).map((level) => ({ spec: `level:${level}`, name: LEVEL_NAMES[level]! })),
    ...agencies.map((a) => ({ spec: `agency:${a.code}`, name: a.name })),
    ...Object.entries(PARTY_NAMES).map(([code, name]) => ({ spec: `party:${code}`, name })),
  ];
}

/** Saves a draft or submits a report for a submitter the actor acts for. */
export async function saveSubmission(db: Db, actor: Actor, context: ReportsContext, input: { obligationId: number; submitter: string; note?: string | undefined; submit: boolean; version?: number | undefined }) {
  assertRole(actor, SUBMITTERS);
  const obligation = await repo.findObligation(db, context.province.code, input.obligationId);
  if (!obligation) throw notFound('reports.not_found.obligation', { id: input.obligationId });
  const owing = await submitterExpander(db, context)(obligation.from_parties, obligation.due_on);
  const submitter = owing.find((s) => s.key === input.submitter);
  if (!submitter || !sees(actor, submitter)) throw notFound('reports.not_found.submitter', { code: input.submitter });
  if (!actsFor(actor, submitter.key)) throw forbidden();
  const to = input.submit ? 'submitted' : 'draft';
  const now = new Date();
  const id = await db.transaction().execute(async (trx) => {
    const current = await repo.findSubmissionOf(trx, context.province.code, obligation.id, submitter.key);
    if (!canMove(current?.status ?? null, to)) throw new HttpProblem(409, 'reports.submission_state', { status: current?.status ?? '' });
    if (current && input.version !== undefined && input.version !== current.version) throw new HttpProblem(409, 'reports.stale_version');
    let submissionId: number;
    if (!current) {
      submissionId = await repo.insertSubmission(trx, { province_code: context.province.code, obligation_id: obligation.id, submitter: submitter.key, status: to, note: input.note ?? null, submitted_at: input.submit ? now : null, submitted_by: actor.userId });
    } else {
      submissionId = current.id;
      const ok = await repo.updateSubmissionIfVersion(trx, context.province.code, current.id, current.version, {
        status: to,
        note: input.note ?? current.note,
        ...(input.submit ? { submitted_at: now, submitted_by: actor.userId } : {}),
      });
      if (!ok) throw new HttpProblem(409, 'reports.stale_version');
    }
    await recordAudit(trx, { userId: actor.userId, action: `submission.${to}`, entity: 'submission', entityId: String(submissionId), before: current ? { status: current.status } : null, after: { status: to, obligation: obligation.code, submitter: submitter.key } });
    return submissionId;
  });
  return submissionView(db, context, id);
}

/** The province admin returns a submitted report with a reason, or accepts it. */
export async function decideSubmission(db: Db, actor: Actor, context: ReportsContext, id: number, input: { decision: 'returned' | 'accepted'; reason?: string | undefined; version: number }) {
  assertRole(actor, ADMIN);
  await db.transaction().execute(async (trx) => {
    const current = await repo.findSubmission(trx, context.province.code, id, { forUpdate: true });
    if (!current) throw notFound('reports.not_found.submission', { id });
    if (!canMove(current.status, input.decision)) throw new HttpProblem(409, 'reports.submission_state', { status: current.status });
    const ok = await repo.updateSubmissionIfVersion(trx, context.province.code, id, input.version, {
      status: input.decision,
      return_reason: input.decision === 'returned' ? input.reason ?? null : current.return_reason,
      decided_at: new Date(),
      decided_by: actor.userId,
    });
    if (!ok) throw new HttpProblem(409, 'reports.stale_version');
    await recordAudit(trx, { userId: actor.userId, action: `submission.${input.decision}`, entity: 'submission', entityId: String(id), before: { status: current.status }, after: { status: input.decision, reason: input.reason ?? null } });
  });
  return submissionView(db, context, id);
}

async function submissionView(db: Db, context: ReportsContext, id: number) {
  const row = await repo.findSubmission(db, context.province.code, id);
  const obligation = row ? await repo.findObligation(db, context.province.code, row.obligation_id) : undefined;
  if (!row || !obligation) throw notFound('reports.not_found.submission', { id });
  const attachments = await repo.listAttachments(db, context.province.code, [id]);
  return { ...mapSubmission(row, attachments)!, obligationId: row.obligation_id, obligationCode: obligation.code, submitter: row.submitter, dueOn: obligation.due_on, state: stateOf(obligation.due_on, row, todayOf(context), context.province.timeZone) };
}

/**
 * The completeness matrix of a year: one row per unit or agency owing anything (in the actor's
 * view; `unit` narrows to a district and its communes), one cell per obligation it owes. Rows
 * with something overdue or sent late come first.
 */
export async function completenessMatrix(db: Db, actor: Actor, context: ReportsContext, year: number, unit?: string) {
  const today = todayOf(context);
  const { entries, submissionOf } = await loadYear(db, context, year);
  const rows = new Map<string, { submitter: string; name: string; level: SubmitterInfo['level']; cells: Record<string, { state: DeadlineState; status: SubmissionStatus | null; submissionId: number | null; version: number | null }>; overdue: number; late: number }>();
  for (const { row, submitters } of entries) {
    for (const s of submitters) {
      if (!sees(actor, s)) continue;
      if (unit && s.districtCode !== unit && s.key !== `unit:${unit}`) continue;
      const submission = submissionOf(row.id, s.key);
      const state = stateOf(row.due_on, submission, today, context.province.timeZone);
      const entry = rows.get(s.key) ?? { submitter: s.key, name: s.name, level: s.level, cells: {}, overdue: 0, late: 0 };
      entry.cells[String(row.id)] = { state, status: submission?.status ?? null, submissionId: submission?.id ?? null, version: submission?.version ?? null };
      if (state === 'overdue') entry.overdue += 1;
      if (state === 'late_submitted') entry.late += 1;
      rows.set(s.key, entry);
    }
  }
  const levelOrder = { province: 0, agency: 1, party: 2, district: 3, commune: 4 } as const;
  const sorted = [...rows.values()].sort((a, b) => b.overdue - a.overdue || b.late - a.late || levelOrder[a.level] - levelOrder[b.level] || a.submitter.localeCompare(b.submitter));
  return {
    year,
    today,
    obligations: entries.map(({ obligation }) => ({ id: obligation.id, code: obligation.code, title: obligation.title, dueOn: obligation.dueOn })),
    rows: sorted,
  };
}

/** What is overdue or due within a week, for the parties the actor acts for (the province admin: everyone). */
export async function reminders(db: Db, actor: Actor, context: ReportsContext, year: number) {
  const today = todayOf(context);
  const { entries, submissionOf } = await loadYear(db, context, year);
  const items = entries.flatMap(({ row, obligation, submitters }) =>
    submitters
      .filter((s) => actsFor(actor, s.key))
      .map((s) => {
        const submission = submissionOf(row.id, s.key);
        return { obligationId: row.id, code: row.code, title: obligation.title, dueOn: row.due_on, submitter: s.key, name: s.name, firstSubmittedAt: submission?.first_submitted_at ? new Date(submission.first_submitted_at) : null };
      }),
  );
  return {
    year,
    today,
    reminders: remindersOf(items, today, context.province.timeZone).map(({ item, kind, days }) => ({ obligationId: item.obligationId, code: item.code, title: item.title, dueOn: item.dueOn, submitter: item.submitter, name: item.name, kind, days })),
  };
}

/** The submission an actor may see, with the party that owes it; 404 when it does not exist or is out of view. */
async function visibleSubmission(db: Db, actor: Actor, context: ReportsContext, id: number) {
  const submission = await repo.findSubmission(db, context.province.code, id);
  const obligation = submission ? await repo.findObligation(db, context.province.code, submission.obligation_id) : undefined;
  if (!submission || !obligation) throw notFound('reports.not_found.submission', { id });
  const owing = await submitterExpander(db, context)(obligation.from_parties, obligation.due_on);
  const submitter = owing.find((s) => s.key === submission.submitter);
  if (!submitter || !sees(actor, submitter)) throw notFound('reports.not_found.submission', { id });
  return { submission, submitter };
}

/**
 * Attaches a file to a draft or returned submission, for a party the actor acts for. The file is
 * refused, with the submission, the file and the reason named, when it is empty, over 10 MB, of a
 * type a report is not sent as, or when its name or content do not match its declared type.
 */
export async function addAttachment(db: Db, actor: Actor, context: ReportsContext, id: number, file: { fileName: string; contentType: string; content: Buffer }) {
  assertRole(actor, SUBMITTERS);
  const { submission, submitter } = await visibleSubmission(db, actor, context, id);
  if (!actsFor(actor, submitter.key)) throw forbidden();
  const fileName = cleanFileName(file.fileName);
  if (!fileName) throw new HttpProblem(400, 'reports.attachment.name_required', { id }, { errors: [{ field: 'name', message: 'required' }] });
  const type = file.contentType.split(';')[0]!.trim().toLowerCase();
  const problem = attachmentProblem(fileName, type, file.content);
  if (problem) {
    const status = problem === 'too_large' ? 413 : problem === 'type_not_allowed' ? 415 : 400;
    // The detail names the submission, the file and the reason; there is no form field to point at.
    throw new HttpProblem(status, `reports.attachment.${problem}`, { id, file: fileName, type });
  }
  await db.transaction().execute(async (trx) => {
    const current = await repo.findSubmission(trx, context.province.code, id, { forUpdate: true });
    if (!current || (current.status !== 'draft' && current.status !== 'returned')) throw new HttpProblem(409, 'reports.attachment.locked', { id, status: current?.status ?? '' });
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const attachmentId = await repo.insertAttachment(trx, { province_code: context.province.code, submission_id: submission.id, file_name: fileName, content_type: type, size: file.content.length, sha256, content: file.content, uploaded_by: actor.userId });
    await recordAudit(trx, { userId: actor.userId, action: 'submission.attach', entity: 'submission', entityId: String(id), before: null, after: { attachment: attachmentId, fileName, size: file.content.length, sha256 } });
  });
  return submissionView(db, context, id);
}

/** Removes an attachment of a draft or returned submission (the party's own). */
export async function removeAttachment(db: Db, actor: Actor, context: ReportsContext, attachmentId: number) {
  assertRole(actor, SUBMITTERS);
  const attachment = await repo.findAttachment(db, context.province.code, attachmentId);
  if (!attachment) throw notFound('reports.not_found.attachment', { id: attachmentId });
  const { submitter } = await visibleSubmission(db, actor, context, attachment.submission_id);
  if (!actsFor(actor, submitter.key)) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const current = await repo.findSubmission(trx, context.province.code, attachment.submission_id, { forUpdate: true });
    if (!current || (current.status !== 'draft' && current.status !== 'returned')) throw new HttpProblem(409, 'reports.attachment.locked', { id: attachment.submission_id, status: current?.status ?? '' });
    await repo.deleteAttachment(trx, context.province.code, attachmentId);
    await recordAudit(trx, { userId: actor.userId, action: 'submission.detach', entity: 'submission', entityId: String(attachment.submission_id), before: { attachment: attachmentId, fileName: attachment.file_name, sha256: attachment.sha256 }, after: null });
  });
  return submissionView(db, context, attachment.submission_id);
}

/** An attachment's file, for whoever may see the submission. */
export async function attachmentFile(db: Db, actor: Actor, context: ReportsContext, attachmentId: number) {
  const attachment = await repo.findAttachment(db, context.province.code, attachmentId);
  if (!attachment) throw notFound('reports.not_found.attachment', { id: attachmentId });
  await visibleSubmission(db, actor, context, attachment.submission_id).catch((error: unknown) => {
    // Out of view is the same answer as no such file.
    throw error instanceof HttpProblem && error.status === 404 ? notFound('reports.not_found.attachment', { id: attachmentId }) : error;
  });
  return { fileName: attachment.file_name, contentType: attachment.content_type, content: Buffer.from(attachment.content) };
}
