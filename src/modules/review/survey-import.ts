/**
 * Survey results of a round imported from a file (step 2 "or imported"): sheet `households`, one
 * row per household with the facts of SPEC §5.3 and the income or score A, and optionally sheet
 * `members`, one row per member with the member facts. The files, headers and cells are read by
 * the registry import's readers (same headers, same spellings of yes/no, dates, lists); a column
 * left out keeps the survey's current value (the draft, else the registry), and a household
 * without rows in `members` keeps its members. Every problem names its sheet, row, column and
 * reason, never a cell's value. A dry run writes nothing; a real import finishes every survey of
 * the file in one transaction, or none.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database, HouseholdStatusCode, RoleCode } from '../../db/schema.js';
import { today as todayInProvince } from '../../domain/civil-date.js';
import { assessHousehold, type Lang } from '../../domain/poverty/index.js';
import { implausibleFacts, reviewYearOfRound, roundWindow, type StepCode } from '../../domain/review/index.js';
import type { Actor } from '../access/actor.js';
import { assertRole } from '../access/scope.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { HouseholdFactsRow, MemberFactsRow } from '../households/household-classification.js';
import { listPovertyStandards } from '../households/households.repository.js';
import { type ColumnDefinition, type SheetName, columnForHeader, foldHeader, HOUSEHOLD_COLUMNS, MEMBER_COLUMNS } from '../imports/import-columns.js';
import { type ProblemKey, type ProblemParams, problemMessage } from '../imports/import-problems.js';
import { detectFormat, readCsvSheet, readWorkbook, type RowSink } from '../imports/import-sources.js';
import {
  type Cell,
  CellProblem,
  enumReader,
  isBlank,
  isProblem,
  readBoolean,
  readDate,
  readFloorArea,
  readHouseholdCode,
  readMoney,
  readScore,
  readText,
} from '../imports/import-values.js';
import { listHouseholdFacts, listMembersOf } from '../imports/imports.repository.js';
import type { Language } from '../../server/language.js';
import { type MessageKey, message } from '../../server/messages.js';
import { HttpProblem, notFound, type ProblemBody, problemBody } from '../../server/problem.js';
import * as repo from './review.repository.js';
import { defaultSurveyDate, startingSurvey, type ReviewContext } from './review.service.js';

type Db = Kysely<Database>;

const SURVEY_WRITERS: readonly RoleCode[] = ['province_admin', 'commune_officer', 'reviewer'];
/** More rows than any commune has households: a file this long is a mistake. */
export const MAX_SURVEY_ROWS = 20_000;
/** Largest file accepted (a commune's surveys with members are well under 5 MB). */
export const MAX_SURVEY_FILE_BYTES = 20 * 1024 * 1024;
const KEPT_PROBLEMS = 1_000;

/** Where each household column goes in the survey (SPEC §5.4 names). */
const HOUSEHOLD_FIELDS = {
  survey_date: 'facts.surveyDate',
  area: 'area',
  farm_household: 'farmHousehold',
  income_per_capita: 'incomePerCapita',
  score_a: 'scoreA',
  floor_area_m2: 'facts.floorAreaM2',
  durable_walls: 'facts.durableWalls',
  durable_frame: 'facts.durableFrame',
  durable_roof: 'facts.durableRoof',
  water_source: 'facts.waterSource',
  latrine: 'facts.latrine',
  internet_use: 'facts.internetUse',
  information_devices: 'facts.informationDevices',
  waste_collected: 'facts.wasteCollected',
} as const satisfies Partial<Record<(typeof HOUSEHOLD_COLUMNS)[number]['name'], string>>;

const MEMBER_FIELDS = {
  full_name: 'fullName',
  sex: 'sex',
  birth_date: 'birthDate',
  employment: 'employment',
  health_insurance: 'healthInsurance',
  attending_school: 'attendingSchool',
  education_level: 'educationLevel',
  social_allowance: 'socialAllowance',
  stunted: 'stunted',
  underweight: 'underweight',
} as const satisfies Partial<Record<(typeof MEMBER_COLUMNS)[number]['name'], string>>;

const REQUIRED: Readonly<Record<SheetName, readonly string[]>> = {
  households: ['household_code', 'survey_date'],
  members: ['household_code', 'sex', 'birth_date', 'employment', 'education_level'],
};

/** The member's number in its household: not a registry column, so defined here. */
const MEMBER_NO: ColumnDefinition = {
  name: 'member_no',
  header: 'STT thành viên',
  aliases: ['Số thứ tự thành viên', 'STT', 'seq'],
  kind: 'text',
  required: false,
  description: {
    vi: 'Số thứ tự của thành viên trong hộ (1, 2, …); để trống thì theo thứ tự các dòng.',
    en: 'The member’s number in the household (1, 2, …); blank follows the order of the rows.',
  },
  example: '1',
};
const MEMBER_NO_KEYS = new Set([MEMBER_NO.name, MEMBER_NO.header, ...(MEMBER_NO.aliases ?? [])].map(foldHeader));

type Reader = (cell: Cell) => unknown;

function readerOf(column: ColumnDefinition): Reader {
  switch (column.kind) {
    case 'household_code':
      return readHouseholdCode;
    case 'date':
      return readDate;
    case 'money':
      return readMoney;
    case 'score':
      return readScore;
    case 'floor_area':
      return readFloorArea;
    case 'boolean':
      return readBoolean;
    case 'enum':
    case 'area':
    case 'sex':
      return enumReader(column.values ?? []);
    default:
      return (cell) => readText(cell, 200);
  }
}

/** A member number from 1 to 99; the problem it returns is replaced by the review's own message. */
function readMemberNo(cell: Cell): number | null | CellProblem {
  if (isBlank(cell)) return null;
  const text = String(cell).trim();
  return /^\d{1,2}$/.test(text) && Number(text) > 0 ? Number(text) : new CellProblem('required');
}

const USED: Readonly<Record<SheetName, ReadonlySet<string>>> = {
  households: new Set(['household_code', ...Object.keys(HOUSEHOLD_FIELDS)]),
  members: new Set(['household_code', ...Object.keys(MEMBER_FIELDS)]),
};

interface LayoutColumn {
  index: number;
  header: string;
  name: string;
  read: Reader;
}

interface FileRow {
  row: number;
  code: string;
  values: Map<string, unknown>;
  /** A cell of the row could not be read: the row's household is not checked further. */
  broken: boolean;
}

/** A problem as the report shows it. */
export interface SurveyProblem {
  sheet: SheetName;
  row: number;
  column: string;
  message: string;
}

/** What the file held, read and checked cell by cell (before the round is looked at). */
class SurveyFileReader implements RowSink {
  readonly households: FileRow[] = [];
  readonly members: (FileRow & { no: number | null })[] = [];
  readonly started = new Set<SheetName>();
  readonly present: Record<SheetName, Map<string, string>> = { households: new Map(), members: new Map() };
  private layouts: Record<SheetName, LayoutColumn[]> = { households: [], members: [] };
  private readonly problems: SurveyProblem[] = [];
  private readonly overflow = new Set<SheetName>();
  private problemTotal = 0;

  constructor(readonly language: Language) {}

  problem(sheet: SheetName, row: number, column: string, text: string): void {
    this.problemTotal += 1;
    if (this.problems.length < KEPT_PROBLEMS) this.problems.push({ sheet, row, column, message: text });
  }

  importProblem(sheet: SheetName, row: number, column: string, key: ProblemKey, params?: ProblemParams): void {
    this.problem(sheet, row, column, problemMessage(key, this.language, params));
  }

  reviewProblem(sheet: SheetName, row: number, column: string, key: MessageKey, params: Record<string, string | number> = {}): void {
    this.problem(sheet, row, column, message(key, this.language, params));
  }

  get problemCount(): number {
    return this.problemTotal;
  }

  sortedProblems(): SurveyProblem[] {
    const order = { households: 0, members: 1 };
    return [...this.problems].sort((a, b) => order[a.sheet] - order[b.sheet] || a.row - b.row);
  }

  /** The header a column has in the file, else the template's. */
  headerOf(sheet: SheetName, name: string): string {
    const written = this.present[sheet].get(name);
    if (written) return written;
    const column = [...(sheet === 'households' ? HOUSEHOLD_COLUMNS : MEMBER_COLUMNS)].find((c) => c.name === name);
    return column?.header ?? name;
  }

  startSheet(sheet: SheetName, header: readonly Cell[]): boolean {
    this.started.add(sheet);
    const layout: LayoutColumn[] = [];
    let recognised = 0;
    header.forEach((cell, position) => {
      const text = String(cell ?? '').trim();
      if (text === '') return;
      const column = sheet === 'members' && MEMBER_NO_KEYS.has(foldHeader(text)) ? MEMBER_NO : columnForHeader(sheet, text);
      if (!column) {
        this.importProblem(sheet, 1, text, 'header_unknown', { header: text });
        return;
      }
      recognised += 1;
      if (this.present[sheet].has(column.name)) {
        this.importProblem(sheet, 1, text, 'header_duplicate', { header: text, first: this.present[sheet].get(column.name) ?? '' });
        return;
      }
      this.present[sheet].set(column.name, text);
      // Registry columns that a survey does not hold (commune, head, citizen ID...) are passed over.
      if (column === MEMBER_NO) layout.push({ index: position, header: text, name: column.name, read: readMemberNo });
      else if (USED[sheet].has(column.name)) layout.push({ index: position, header: text, name: column.name, read: readerOf(column) });
    });
    if (recognised === 0) {
      this.importProblem(sheet, 1, '', 'header_unrecognised', { sheet });
      return false;
    }
    let complete = true;
    for (const name of REQUIRED[sheet]) {
      if (!this.present[sheet].has(name)) {
        this.importProblem(sheet, 1, '', 'header_missing', { header: this.headerOf(sheet, name), name });
        complete = false;
      }
    }
    this.layouts[sheet] = layout;
    return complete;
  }

  row(sheet: SheetName, rowNumber: number, cells: readonly Cell[]): void {
    if (cells.every(isBlank)) return;
    const target: FileRow[] = sheet === 'households' ? this.households : this.members;
    if (target.length >= MAX_SURVEY_ROWS) {
      if (this.overflow.has(sheet)) return;
      this.overflow.add(sheet);
      this.reviewProblem(sheet, rowNumber, '', 'review.import.too_many_rows', { max: MAX_SURVEY_ROWS });
      return;
    }
    const values = new Map<string, unknown>();
    let usable = true;
    const before = this.problemTotal;
    for (const column of this.layouts[sheet]) {
      const cell = cells[column.index];
      const value = column.read(cell);
      if (isProblem(value)) {
        if (column.read === readMemberNo) this.reviewProblem(sheet, rowNumber, column.header, 'review.import.member_no');
        else this.importProblem(sheet, rowNumber, column.header, value.key, value.params);
        if (column.name === 'household_code') usable = false;
        continue;
      }
      if (value === null && REQUIRED[sheet].includes(column.name)) {
        this.importProblem(sheet, rowNumber, column.header, 'required');
        if (column.name === 'household_code') usable = false;
        continue;
      }
      values.set(column.name, value);
    }
    if (!usable) return;
    const code = values.get('household_code') as string;
    const broken = this.problemTotal > before;
    if (sheet === 'households') this.households.push({ row: rowNumber, code, values, broken });
    else this.members.push({ row: rowNumber, code, values, broken, no: (values.get('member_no') as number | null | undefined) ?? null });
  }

  async endSheet(): Promise<void> {}

  fail(sheet: SheetName, row: number, key: ProblemKey): void {
    this.importProblem(sheet, row, '', key, { sheet });
  }
}

/** Reads a survey file (an .xlsx with sheets households and members, or one CSV of households). */
export async function readSurveyFile(file: string, language: Language): Promise<SurveyFileReader> {
  const reader = new SurveyFileReader(language);
  const source = { path: file, name: path.basename(file) };
  if ((await detectFormat(file)) === 'xlsx') await readWorkbook(source, reader, () => {});
  else await readCsvSheet(source, 'households', reader, () => {});
  if (!reader.started.has('households') && reader.problemCount === 0) reader.importProblem('households', 1, '', 'sheet_missing', { sheet: 'households' });
  else if (reader.started.has('households') && reader.households.length === 0 && reader.problemCount === 0) reader.importProblem('households', 2, '', 'sheet_no_rows');
  return reader;
}

export interface SurveyImportReport {
  roundId: number;
  dryRun: boolean;
  committed: boolean;
  households: number;
  members: number;
  written: number;
  classes: Record<string, number>;
  problemCount: number;
  problems: SurveyProblem[];
  truncated: boolean;
}

/** A real import with problems: 422, the problems as `errors` (field `sheet:row:column`) and the report. */
export class SurveyImportFailed extends HttpProblem {
  constructor(readonly report: SurveyImportReport) {
    super(422, 'review.import.failed', { count: report.problemCount }, { titleKey: 'validation.title' });
  }

  override render(language: Language): ProblemBody & { report: SurveyImportReport } {
    const body = problemBody(422, language, message('review.import.failed', language, { count: this.report.problemCount }), { titleKey: 'validation.title' });
    return {
      ...body,
      errors: this.report.problems.map((line) => ({ field: `${line.sheet}:${line.row}:${line.column}`, message: line.message })),
      report: this.report,
    };
  }
}

type RoundRow = NonNullable<Awaited<ReturnType<typeof repo.findRound>>>;

async function surveyableRound(db: Db, actor: Actor, id: number): Promise<RoundRow> {
  const round = await repo.findRound(db, actor.scope, id);
  if (!round) throw notFound('not_found.review_round', { id });
  return round;
}

const isLocked = (round: RoundRow) => round.status === 'closed' || ((round.steps_done ?? []) as StepCode[]).includes('posting');

/** The surveys the file's households start from: a saved survey, else the registry's facts. */
async function baseSurveys(db: Db, round: RoundRow, codes: readonly string[], today: string): Promise<Map<string, Record<string, unknown>>> {
  const saved = await repo.listRoundSurveys(db, round.province_code, round.id);
  const bases = new Map<string, Record<string, unknown>>();
  const fromRegistry: string[] = [];
  const wanted = new Set(codes);
  for (const row of saved) {
    if (!wanted.has(row.household_code)) continue;
    if (row.survey) bases.set(row.household_code, row.survey);
    else fromRegistry.push(row.household_code);
  }
  const [facts, members] = await Promise.all([
    listHouseholdFacts(db, round.province_code, fromRegistry),
    listMembersOf(db, round.province_code, fromRegistry),
  ]);
  const membersOf = new Map<string, typeof members>();
  for (const member of members) membersOf.set(member.household_code, [...(membersOf.get(member.household_code) ?? []), member]);
  const surveyDate = defaultSurveyDate(round, today);
  for (const household of facts) {
    const rows = membersOf.get(household.code) ?? [];
    bases.set(
      household.code,
      startingSurvey(
        { ...household, floor_area_m2: household.floor_area_m2 === null ? null : Number(household.floor_area_m2) } as unknown as HouseholdFactsRow,
        rows as unknown as (MemberFactsRow & { seq: number; full_name: string })[],
        surveyDate,
      ),
    );
  }
  return bases;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const [head, tail] = dotted.split('.') as [string, string | undefined];
  if (tail === undefined) target[head] = value;
  else target[head] = { ...(target[head] as Record<string, unknown>), [tail]: value };
}

const memberColumnOf = (key: string) => Object.entries(MEMBER_FIELDS).find(([, field]) => field === key)?.[0];
const householdColumnOf = (field: string) => Object.entries(HOUSEHOLD_FIELDS).find(([, target]) => target === field)?.[0];

interface Prepared {
  code: string;
  survey: Record<string, unknown>;
  status: HouseholdStatusCode;
  standardId: string;
  deprivations: string[];
}

/**
 * Checks the file's rows against the round (on its list, not repeated) and each resulting survey
 * against the facts no household can have and the engine; returns the surveys ready to write.
 */
async function checkAgainstRound(db: Db, round: RoundRow, reader: SurveyFileReader, context: ReviewContext): Promise<Prepared[]> {
  const language = reader.language;
  const codeHeader = reader.headerOf('households', 'household_code');
  const listed = new Map((await repo.listRoundSurveys(db, round.province_code, round.id)).map((row) => [row.household_code, row.included]));
  const firstRow = new Map<string, number>();
  const households: FileRow[] = [];
  for (const row of reader.households) {
    if (row.code === '') continue;
    const first = firstRow.get(row.code);
    if (first !== undefined) reader.importProblem('households', row.row, codeHeader, 'duplicate_household_code', { row: first });
    else if (listed.get(row.code) !== true) reader.reviewProblem('households', row.row, codeHeader, 'review.import.not_on_list', { code: row.code });
    else households.push(row);
    if (first === undefined) firstRow.set(row.code, row.row);
  }
  const membersOf = new Map<string, (FileRow & { no: number | null })[]>();
  for (const member of reader.members) {
    if (member.code === '') continue;
    if (!firstRow.has(member.code)) {
      reader.importProblem('members', member.row, reader.headerOf('members', 'household_code'), 'member_household_missing');
      continue;
    }
    membersOf.set(member.code, [...(membersOf.get(member.code) ?? []), member]);
  }
  for (const rows of membersOf.values()) {
    const seen = new Set<number>();
    for (const member of rows) {
      if (member.no === null) continue;
      if (seen.has(member.no)) reader.reviewProblem('members', member.row, reader.headerOf('members', 'member_no'), 'review.import.member_no');
      seen.add(member.no);
    }
  }

  const today = (context.today ?? (() => todayInProvince(context.province.timeZone)))();
  const bases = await baseSurveys(db, round, households.map((row) => row.code), today);
  const standards = await listPovertyStandards(db);
  const window = roundWindow(round.kind, round.period);
  const to = window.hardEnd ? window.endsOn : today < window.startsOn ? window.startsOn : today;
  const prepared: Prepared[] = [];
  for (const row of households) {
    if (row.broken || (membersOf.get(row.code) ?? []).some((member) => member.broken)) continue;
    const survey = structuredClone(bases.get(row.code) ?? { facts: { members: [] } });
    for (const [name, value] of row.values) {
      const field = HOUSEHOLD_FIELDS[name as keyof typeof HOUSEHOLD_FIELDS];
      if (field) setPath(survey, field, value);
    }
    const fileMembers = [...(membersOf.get(row.code) ?? [])];
    const facts = survey.facts as Record<string, unknown>;
    if (fileMembers.length > 0) {
      fileMembers.sort((a, b) => (a.no ?? Number.MAX_SAFE_INTEGER) - (b.no ?? Number.MAX_SAFE_INTEGER) || a.row - b.row);
      facts.members = fileMembers.map((member, index) => {
        const entry: Record<string, unknown> = { seq: member.no ?? index + 1 };
        for (const [name, value] of member.values) {
          const key = MEMBER_FIELDS[name as keyof typeof MEMBER_FIELDS];
          if (key) entry[key] = value;
        }
        return entry;
      });
    }
    const members = (facts.members as unknown[] | undefined) ?? [];
    if (members.length === 0) {
      reader.reviewProblem('households', row.row, codeHeader, 'review.import.no_members');
      continue;
    }
    const locate = (field: string): { sheet: SheetName; row: number; column: string } => {
      const member = /^facts\.members\[(\d+)\]\.(\w+)$/.exec(field);
      if (member) {
        const index = Number(member[1]);
        const column = reader.headerOf('members', memberColumnOf(member[2] ?? '') ?? member[2] ?? '');
        const fileRow = fileMembers[index];
        return fileRow ? { sheet: 'members', row: fileRow.row, column } : { sheet: 'households', row: row.row, column: `${column} #${index + 1}` };
      }
      const name = householdColumnOf(field);
      return { sheet: 'households', row: row.row, column: name ? reader.headerOf('households', name) : field };
    };
    const implausible = implausibleFacts(facts, { from: window.startsOn, to });
    for (const found of implausible) {
      const at = locate(found.field);
      reader.reviewProblem(at.sheet, at.row, at.column, `review.implausible.${found.code}` as MessageKey, found.params);
    }
    if (implausible.length > 0) continue;
    const assessment = assessHousehold({ ...survey, id: row.code, year: reviewYearOfRound(round.kind, round.period) }, standards, { lang: language as Lang });
    if (!assessment.ok) {
      const at = locate(assessment.failure.error.field);
      reader.problem(at.sheet, at.row, at.column, assessment.failure.error.message);
      continue;
    }
    prepared.push({
      code: row.code,
      survey,
      status: assessment.result.status as HouseholdStatusCode,
      standardId: assessment.result.standard,
      deprivations: [...assessment.result.deprivations],
    });
  }
  return prepared;
}

/**
 * Imports the surveys of a round from a file on disk. A dry run checks everything and writes
 * nothing; a real import with any problem throws {@link SurveyImportFailed} and writes nothing.
 */
export async function importSurveys(
  db: Db,
  actor: Actor,
  context: ReviewContext,
  id: number,
  file: string,
  options: { dryRun: boolean; fileName?: string },
): Promise<SurveyImportReport> {
  assertRole(actor, SURVEY_WRITERS);
  const first = await surveyableRound(db, actor, id);
  if (isLocked(first)) throw new HttpProblem(409, first.status === 'closed' ? 'review.round_closed' : 'review.import.locked');
  const reader = await readSurveyFile(file, context.language ?? 'vi');
  const report = (prepared: Prepared[], committed: boolean): SurveyImportReport => {
    const classes: Record<string, number> = {};
    for (const item of prepared) classes[item.status] = (classes[item.status] ?? 0) + 1;
    return {
      roundId: id,
      dryRun: options.dryRun,
      committed,
      households: reader.households.length,
      members: reader.members.length,
      written: committed ? prepared.length : 0,
      classes,
      problemCount: reader.problemCount,
      problems: reader.sortedProblems(),
      truncated: reader.problemCount > KEPT_PROBLEMS,
    };
  };
  if (options.dryRun) return report(await checkAgainstRound(db, first, reader, context), false);
  return db.transaction().execute(async (trx) => {
    await repo.lockRound(trx, first.province_code, id);
    const round = await surveyableRound(trx, actor, id);
    if (isLocked(round)) throw new HttpProblem(409, round.status === 'closed' ? 'review.round_closed' : 'review.import.locked');
    const prepared = await checkAgainstRound(trx, round, reader, context);
    if (reader.problemCount > 0) throw new SurveyImportFailed(report(prepared, false));
    const before = new Map((await repo.listRoundSurveys(trx, round.province_code, id)).map((row) => [row.household_code, row]));
    for (const item of prepared) {
      const key = { provinceCode: round.province_code, roundId: id, householdCode: item.code };
      const version = await repo.writeImportedSurvey(trx, key, { survey: item.survey, status: item.status, standard_id: item.standardId, deprivations: item.deprivations, surveyed_by: actor.userId });
      const old = before.get(item.code);
      await recordAudit(trx, {
        userId: actor.userId,
        action: 'review.survey.import',
        entity: 'review_household',
        entityId: `${round.province_code}/${id}/${item.code}`,
        before: { version: old?.version ?? null, status: old?.status ?? null, surveyState: old?.survey_state ?? null },
        after: { version, status: item.status, file: options.fileName ?? null },
      });
    }
    return report(prepared, true);
  });
}

/** Stores a request body in a temporary file (at most {@link MAX_SURVEY_FILE_BYTES}), runs `use`, removes it. */
export async function withBodyFile<T>(body: Readable, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gnbv-survey-'));
  const file = path.join(dir, 'upload');
  try {
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > MAX_SURVEY_FILE_BYTES) callback(new HttpProblem(413, 'too_large.title'));
        else callback(null, chunk);
      },
    });
    await pipeline(body, limit, createWriteStream(file));
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const yesNo = (value: unknown, language: Language) => (value === true ? (language === 'en' ? 'true' : 'có') : value === false ? (language === 'en' ? 'false' : 'không') : '');
const dayMonthYear = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}` : '');

function labelOf(column: ColumnDefinition, value: unknown, language: Language): string | number {
  if (value === null || value === undefined) return '';
  if (column.kind === 'boolean') return yesNo(value, language);
  if (column.kind === 'date') return dayMonthYear(value);
  if (column.values) return column.values.find((entry) => entry.code === value)?.[language] ?? String(value);
  return typeof value === 'number' ? value : String(value);
}

const get = (survey: Record<string, unknown>, dotted: string): unknown =>
  dotted.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), survey);

/**
 * The template of a round's survey import: sheet households with one row per household on the
 * list (its current survey, else the registry's facts), sheet members with their members (no
 * citizen IDs), and a sheet explaining each column. Only for the roles that write surveys. Imported as it is, it finishes every survey
 * with those facts.
 */
export async function surveyTemplate(db: Db, actor: Actor, context: ReviewContext, id: number, language: Language): Promise<Buffer> {
  // It carries names and birth dates: only for those who fill surveys in.
  assertRole(actor, SURVEY_WRITERS);
  const round = await surveyableRound(db, actor, id);
  const today = (context.today ?? (() => todayInProvince(context.province.timeZone)))();
  const rows = (await repo.listRoundSurveys(db, round.province_code, id)).filter((row) => row.included);
  const bases = await baseSurveys(db, round, rows.map((row) => row.household_code), today);
  const head = (column: ColumnDefinition) => (language === 'en' ? column.name : column.header);
  const byName = (columns: readonly ColumnDefinition[], name: string) => columns.find((column) => column.name === name)!;
  const householdColumns = ['household_code', 'head_name', 'village', ...Object.keys(HOUSEHOLD_FIELDS)].map((name) => byName(HOUSEHOLD_COLUMNS, name));
  const memberColumns = [byName(MEMBER_COLUMNS, 'household_code'), MEMBER_NO, ...Object.keys(MEMBER_FIELDS).map((name) => byName(MEMBER_COLUMNS, name))];

  const workbook = new ExcelJS.Workbook();
  const households = workbook.addWorksheet('households');
  const members = workbook.addWorksheet('members');
  households.addRow(householdColumns.map(head)).font = { bold: true };
  members.addRow(memberColumns.map(head)).font = { bold: true };
  for (const row of rows) {
    const survey = bases.get(row.household_code) ?? {};
    households.addRow(
      householdColumns.map((column) => {
        if (column.name === 'household_code') return row.household_code;
        if (column.name === 'head_name') return row.head_name;
        if (column.name === 'village') return row.village;
        return labelOf(column, get(survey, HOUSEHOLD_FIELDS[column.name as keyof typeof HOUSEHOLD_FIELDS]), language);
      }),
    );
    const list = (get(survey, 'facts.members') as Record<string, unknown>[] | undefined) ?? [];
    list.forEach((member, index) => {
      members.addRow(
        memberColumns.map((column) => {
          if (column.name === 'household_code') return row.household_code;
          if (column === MEMBER_NO) return typeof member.seq === 'number' ? member.seq : index + 1;
          return labelOf(column, member[MEMBER_FIELDS[column.name as keyof typeof MEMBER_FIELDS]], language);
        }),
      );
    });
  }
  for (const sheet of [households, members]) {
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((column) => {
      column.width = 18;
    });
  }
  const guide = workbook.addWorksheet(language === 'en' ? 'Guide' : 'Hướng dẫn');
  guide.addRow(language === 'en' ? ['sheet', 'column', 'meaning'] : ['Sheet', 'Cột', 'Ý nghĩa']).font = { bold: true };
  for (const column of householdColumns) guide.addRow(['households', head(column), column.description[language]]);
  for (const column of memberColumns) guide.addRow(['members', head(column), column.description[language]]);
  guide.addRow([]);
  guide.addRow([message('review.import.guide', language)]);
  guide.getColumn(1).width = 14;
  guide.getColumn(2).width = 36;
  guide.getColumn(3).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
