/**
 * The household import (SPEC §6) as one command: read the households and members of a workbook
 * or a CSV pair, check every row and the rows against each other and against the registry, and
 * — unless it is a dry run or any problem was found — write them in one transaction.
 *
 * How it stays fast and small on a province of 400,000 households:
 * - rows stream in; a household is kept until its members have been seen, then written;
 * - members usually come grouped by household, so a household is written (in batches, as one
 *   INSERT … SELECT FROM unnest per table) as soon as the next household's members begin, while
 *   the file is still being read; members that come back to an already written household are
 *   added at the end and the household's derived columns recomputed;
 * - the first problem stops the writing, the reading goes on to report every problem, and the
 *   transaction is rolled back: nothing of a failed import stays in the registry.
 */
import { randomUUID } from 'node:crypto';
import type { ControlledTransaction, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { today as todayInProvince } from '../../domain/civil-date.js';
import { foldForSearch } from '../../domain/text.js';
import type { PovertyStandard } from '../../domain/poverty/index.js';
import type { Scope } from '../access/actor.js';
import { scopeIncludesCommune } from '../access/scope.js';
import { readProvinceSetting } from '../access/scope.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { registryColumns } from '../households/household-classification.js';
import { listPovertyStandards } from '../households/households.repository.js';
import { type SheetName, SHEETS } from './import-columns.js';
import { type Problem, ProblemList } from './import-problems.js';
import {
  type HouseholdDraft,
  type MemberDraft,
  type RowContext,
  RowReader,
  isHeadRelation,
  readHeader,
} from './import-rows.js';
import { type ImportFile, type ImportFormat, type RowSink, readCsvSheet, readWorkbook, totalSize } from './import-sources.js';
import type { Cell } from './import-values.js';
import {
  type CommuneInterval,
  type HouseholdWrite,
  type MemberWrite,
  closeReplaceAudit,
  deleteMembersOf,
  findCitizenIds,
  findExistingHouseholds,
  insertHouseholds,
  insertMembers,
  listCommuneIntervals,
  listEthnicGroups,
  listHouseholdFacts,
  listMembersOf,
  lockRegistry,
  openReplaceAudit,
  provinceHasCitizenIds,
  provinceHasHouseholds,
  replaceHouseholds,
  updateDerivedColumns,
} from './imports.repository.js';

/** Who imports: the user (null for the command line) and the communes they may write. */
export interface ImportActor {
  userId: number | null;
  scope: Scope;
  ip?: string | null;
}

export interface ImportProgress {
  phase: 'reading' | 'finishing' | 'done';
  bytesRead: number;
  bytesTotal: number;
  /** Household and member rows read so far. */
  households: number;
  members: number;
  /** Households written so far (0 in a dry run). */
  written: number;
}

export interface ImportHouseholdsOptions {
  format: ImportFormat;
  /** One workbook, or the households CSV then the members CSV. */
  files: readonly ImportFile[];
  dryRun: boolean;
  /** Replace the facts and members of households already in the registry (audited). */
  update: boolean;
  actor: ImportActor;
  onProgress?: (progress: ImportProgress) => void;
  /** Problems kept in detail (all are counted). */
  problemLimit?: number;
  /** Defaults to today in the province. */
  today?: string;
}

export interface ImportHouseholdsResult {
  id: string;
  dryRun: boolean;
  update: boolean;
  /** True when the rows were written and committed. */
  committed: boolean;
  /** Rows read (blank rows not counted). */
  households: number;
  members: number;
  inserted: number;
  updated: number;
  membersWritten: number;
  /** Kept problems in sheet, row, column order. */
  problems: Problem[];
  problemCount: number;
  truncated: boolean;
}

/** Households per write batch (members of a batch go in one more statement). */
const BATCH_HOUSEHOLDS = 1_000;
/** Citizen IDs per registry look-up. */
const BATCH_IDS = 10_000;
/** Codes per look-up, delete or audit statement. */
const CODE_CHUNK = 5_000;
/** Rows an import may hold, so that a runaway file cannot exhaust memory. */
const MAX_ROWS: Readonly<Record<SheetName, number>> = { households: 1_000_000, members: 5_000_000 };

interface HouseholdEntry {
  row: number;
  code: string;
  /** The row read, until the household is written (or, in a dry run, closed); null when it has problems. */
  draft: HouseholdDraft | null;
  /** The survey date of a valid row, kept after the draft is let go (members' birth dates are checked against it). */
  surveyDate: string | null;
  /** Members not written yet. */
  members: MemberDraft[];
  memberCount: number;
  /** Row of the member whose relation is "chủ hộ", 0 when none yet. */
  headRow: number;
  /** Index in `members` of the head, while the members are held. */
  headIndex: number;
  /** Written (or, in a dry run, checked) with the members seen so far. */
  closed: boolean;
  /** Members that came after the household was written. */
  late: MemberDraft[] | null;
}

type SheetState = 'absent' | 'reading' | 'done' | 'failed';

interface ReferenceData {
  provinceCode: string;
  context: RowContext;
  standards: PovertyStandard[];
}

async function loadReference(db: Kysely<Database>, scope: Scope, today: string): Promise<ReferenceData> {
  const province = await readProvinceSetting(db);
  const [intervals, ethnicGroups, standards] = await Promise.all([
    listCommuneIntervals(db, [province.code, ...province.previousCodes]),
    listEthnicGroups(db),
    listPovertyStandards(db),
  ]);
  const communes = new Map<string, CommuneInterval[]>();
  for (const interval of intervals) communes.set(interval.code, [...(communes.get(interval.code) ?? []), interval]);
  return { provinceCode: province.code, context: { communes, ethnicGroups, scope, today }, standards };
}

/**
 * Imports a household workbook or CSV pair. Never throws for a problem of the files: those are
 * in the result. Throws only when the database fails (and then nothing is written either).
 *
 * @example
 * const result = await importHouseholds(db, {
 *   format: 'csv',
 *   files: [{ path: 'households.csv', name: 'households.csv' }, { path: 'members.csv', name: 'members.csv' }],
 *   dryRun: false, update: false, actor: { userId: null, scope: { kind: 'province', provinceCode: '52' } },
 * });
 * result.committed // true when every row was valid
 */
export async function importHouseholds(db: Kysely<Database>, options: ImportHouseholdsOptions): Promise<ImportHouseholdsResult> {
  const reference = await loadReference(db, options.actor.scope, options.today ?? todayInProvince());
  const run = new HouseholdImport(db, options, reference, await totalSize(options.files));
  try {
    if (options.format === 'xlsx') {
      const [book] = options.files;
      if (!book) throw new Error('an xlsx import needs one file');
      await readWorkbook(book, run, (n) => run.addBytes(n));
    } else {
      const [households, members] = options.files;
      if (!households || !members) throw new Error('a CSV import needs the households file and the members file');
      await readCsvSheet(households, 'households', run, (n) => run.addBytes(n));
      await readCsvSheet(members, 'members', run, (n) => run.addBytes(n));
    }
    return await run.finish();
  } catch (error) {
    await run.abort();
    throw error;
  }
}

/** One import run: the sink the readers feed, and the writer behind it. */
class HouseholdImport implements RowSink {
  private readonly id = randomUUID();
  private readonly problems: ProblemList;
  private readonly state: Record<SheetName, SheetState> = { households: 'absent', members: 'absent' };
  private readonly readers: Partial<Record<SheetName, RowReader>> = {};
  private readonly rowCounts: Record<SheetName, number> = { households: 0, members: 0 };
  private readonly households = new Map<string, HouseholdEntry>();
  /** Member rows met before the households sheet ended (a workbook storing members first). */
  private buffered: { row: number; cells: readonly Cell[] }[] | null = null;
  /** Codes of the file's households already in the registry, with their commune. */
  private readonly existing = new Map<string, string>();
  /** Households an update replaces. */
  private readonly replaced = new Set<string>();
  private replacedMembersDeleted = false;
  private registryHasCitizenIds = false;
  private readonly citizenIds = new Map<number, number>();
  private pendingIds: { id: string; row: number; household: string | null }[] = [];
  private missingHouseholdRows: { row: number; code: string }[] = [];
  private current: HouseholdEntry | null = null;
  private batch: HouseholdEntry[] = [];
  private readonly reopened = new Set<HouseholdEntry>();
  private trx: ControlledTransaction<Database> | null = null;
  private writing = false;
  private inflight: Promise<void> | null = null;
  private writeError: unknown = null;
  private auditIds: string[] = [];
  private readonly progress: ImportProgress;
  private lastProgressAt = 0;
  private inserted = 0;
  private updated = 0;
  private membersWritten = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: ImportHouseholdsOptions,
    private readonly reference: ReferenceData,
    bytesTotal: number,
  ) {
    this.problems = new ProblemList(options.problemLimit);
    this.progress = { phase: 'reading', bytesRead: 0, bytesTotal, households: 0, members: 0, written: 0 };
    this.emitProgress(true);
  }

  private get query(): Kysely<Database> {
    return this.trx ?? this.db;
  }

  private addProblem = (problem: Problem): void => {
    this.problems.add(problem);
  };

  addBytes(n: number): void {
    this.progress.bytesRead += n;
    this.emitProgress(false);
  }

  private emitProgress(force: boolean): void {
    if (!this.options.onProgress) return;
    const now = Date.now();
    if (!force && now - this.lastProgressAt < 200) return;
    this.lastProgressAt = now;
    this.progress.households = this.rowCounts.households;
    this.progress.members = this.rowCounts.members;
    this.progress.written = this.inserted + this.updated;
    this.options.onProgress({ ...this.progress });
  }

  // --- RowSink -------------------------------------------------------------------------------

  startSheet(sheet: SheetName, header: readonly Cell[]): boolean {
    this.state[sheet] = 'reading';
    const { layout, problems } = readHeader(sheet, header);
    for (const problem of problems) this.addProblem(problem);
    if (!layout) return false;
    this.readers[sheet] = new RowReader(layout, this.reference.context, this.addProblem);
    return true;
  }

  row(sheet: SheetName, rowNumber: number, cells: readonly Cell[]): void | Promise<void> {
    const reader = this.readers[sheet];
    if (!reader || this.state[sheet] !== 'reading' || reader.isBlankRow(cells)) return;
    if (++this.rowCounts[sheet] > MAX_ROWS[sheet]) {
      if (this.rowCounts[sheet] === MAX_ROWS[sheet] + 1) {
        this.fail(sheet, rowNumber, 'sheet_too_many_rows');
      }
      return;
    }
    if (sheet === 'households') return this.readHousehold(reader, rowNumber, cells);
    if (this.state.households === 'reading' || this.state.households === 'absent') {
      (this.buffered ??= []).push({ row: rowNumber, cells });
      return;
    }
    return this.readMember(reader, rowNumber, cells);
  }

  async endSheet(sheet: SheetName): Promise<void> {
    if (this.state[sheet] === 'reading') this.state[sheet] = 'done';
    if (sheet === 'households') await this.afterHouseholds();
  }

  fail(sheet: SheetName, row: number, key: Problem['key'], options: { wholeFile?: boolean } = {}): void {
    this.addProblem({ sheet, row, column: '', columnIndex: 0, key });
    for (const name of options.wholeFile ? SHEETS : [sheet]) this.state[name] = 'failed';
  }

  // --- households ----------------------------------------------------------------------------

  private readHousehold(reader: RowReader, rowNumber: number, cells: readonly Cell[]): void {
    const { code, draft } = reader.readHousehold(rowNumber, cells);
    if (code === null) return;
    const first = this.households.get(code);
    if (first) {
      reader.problemAt(rowNumber, 'household_code', 'duplicate_household_code', { row: first.row });
      return;
    }
    this.households.set(code, {
      row: rowNumber,
      code,
      draft,
      surveyDate: draft?.survey_date ?? null,
      members: [],
      memberCount: 0,
      headRow: 0,
      headIndex: -1,
      closed: false,
      late: null,
    });
  }

  /** The households sheet is read: look the codes up in the registry and, for a real import, start writing. */
  private async afterHouseholds(): Promise<void> {
    const { provinceCode } = this.reference;
    if (!this.options.dryRun && this.problems.count === 0) {
      this.trx = await this.db.startTransaction().execute();
      await lockRegistry(this.trx);
      this.writing = true;
    }
    if (await provinceHasHouseholds(this.query, provinceCode)) {
      const codes = [...this.households.keys()];
      for (let start = 0; start < codes.length; start += CODE_CHUNK) {
        for (const row of await findExistingHouseholds(this.query, provinceCode, codes.slice(start, start + CODE_CHUNK))) {
          this.existing.set(row.code, row.commune_code);
        }
      }
    }
    const reader = this.readers.households;
    for (const [code, communeCode] of this.existing) {
      const entry = this.households.get(code);
      if (!entry || !reader) continue;
      if (!this.options.update) reader.problemAt(entry.row, 'household_code', 'household_exists');
      else if (!scopeIncludesCommune(this.options.actor.scope, communeCode)) {
        reader.problemAt(entry.row, 'household_code', 'household_exists_out_of_scope');
      } else this.replaced.add(code);
    }
    if (this.problems.count > 0) await this.stopWriting();
    if (this.writing && this.trx && this.replaced.size > 0) {
      const codes = [...this.replaced];
      for (let start = 0; start < codes.length; start += CODE_CHUNK) {
        const chunk = codes.slice(start, start + CODE_CHUNK);
        const entry = { userId: this.options.actor.userId, ip: this.options.actor.ip ?? null, provinceCode, codes: chunk };
        this.auditIds.push(...(await openReplaceAudit(this.trx, entry)));
        await deleteMembersOf(this.trx, provinceCode, chunk);
      }
      this.replacedMembersDeleted = true;
    }
    this.registryHasCitizenIds = await provinceHasCitizenIds(this.query, provinceCode);

    const buffered = this.buffered;
    this.buffered = null;
    const membersReader = this.readers.members;
    if (buffered && membersReader) {
      for (const { row, cells } of buffered) await this.readMember(membersReader, row, cells);
    }
  }

  // --- members -------------------------------------------------------------------------------

  private readMember(reader: RowReader, rowNumber: number, cells: readonly Cell[]): void | Promise<void> {
    const code = reader.readMemberCode(rowNumber, cells);
    const entry = code === null ? undefined : this.households.get(code);
    const householdsKnown = this.state.households === 'done' && this.readers.households !== undefined;
    if (code !== null && !entry && householdsKnown) {
      // Whether the household is at least in the registry is looked up at the end, for the kept rows.
      if (this.missingHouseholdRows.length < this.problems.limit) this.missingHouseholdRows.push({ row: rowNumber, code });
      else reader.problemAt(rowNumber, 'household_code', 'member_household_missing');
    }
    const { draft, isHead } = reader.readMember(entry?.surveyDate ?? null);
    if (entry) {
      entry.memberCount += 1;
      if (isHead) {
        if (entry.headRow > 0) reader.problemAt(rowNumber, 'relation', 'second_head', { row: entry.headRow });
        else entry.headRow = rowNumber;
      }
      if (entry !== this.current) {
        if (this.current) this.close(this.current);
        this.current = entry;
      }
    }
    if (draft?.citizen_id) {
      const key = Number(draft.citizen_id);
      const first = this.citizenIds.get(key);
      if (first !== undefined) reader.problemAt(rowNumber, 'citizen_id', 'duplicate_citizen_id', { row: first });
      else {
        this.citizenIds.set(key, rowNumber);
        if (this.registryHasCitizenIds) this.pendingIds.push({ id: draft.citizen_id, row: rowNumber, household: code });
      }
    }
    if (draft && entry && this.writing) {
      if (entry.closed) {
        (entry.late ??= []).push(draft);
        this.reopened.add(entry);
      } else {
        if (isHead && entry.headIndex < 0) entry.headIndex = entry.members.length;
        entry.members.push(draft);
      }
    }
    if (this.batch.length >= BATCH_HOUSEHOLDS || this.pendingIds.length >= BATCH_IDS) return this.flush();
  }

  /** A household whose members (so far) have all been read goes to the next batch. */
  private close(entry: HouseholdEntry): void {
    if (entry.closed) return;
    entry.closed = true;
    if (this.writing) this.batch.push(entry);
    // Only writing needs the row itself; 400,000 of them are a good part of the memory.
    else entry.draft = null;
  }

  /** Checks the pending citizen IDs against the registry, then writes the batch (without waiting for it). */
  private async flush(): Promise<void> {
    const batch = this.batch;
    const ids = this.pendingIds;
    this.batch = [];
    this.pendingIds = [];
    await this.settle();
    if (ids.length > 0) await this.checkCitizenIds(ids);
    if (this.problems.count > 0) await this.stopWriting();
    if (!this.writing || batch.length === 0) {
      for (const entry of batch) {
        entry.members = [];
        entry.draft = null;
      }
      return;
    }
    const households: HouseholdWrite[] = [];
    const replacing: HouseholdWrite[] = [];
    const members: MemberWrite[] = [];
    for (const entry of batch) {
      if (!entry.draft) throw new Error(`household ${entry.code} has problems and cannot be written`);
      const write = this.householdWrite(entry.draft, entry.members, entry.headIndex);
      (this.replaced.has(entry.code) ? replacing : households).push(write);
      entry.members.forEach((member, index) => members.push(this.memberWrite(entry.code, index + 1, member)));
      entry.members = [];
      entry.draft = null;
    }
    const trx = this.trx;
    if (!trx) return;
    this.inflight = (async () => {
      await insertHouseholds(trx, households);
      await replaceHouseholds(trx, replacing);
      await insertMembers(trx, members);
      this.inserted += households.length;
      this.updated += replacing.length;
      this.membersWritten += members.length;
    })().catch((error: unknown) => {
      this.writeError = error;
    });
  }

  /** Waits for the batch being written; rethrows its failure. */
  private async settle(): Promise<void> {
    if (this.inflight) await this.inflight;
    this.inflight = null;
    if (this.writeError) throw this.writeError;
  }

  private async checkCitizenIds(ids: readonly { id: string; row: number; household: string | null }[]): Promise<void> {
    const reader = this.readers.members;
    if (!reader) return;
    const byId = new Map(ids.map((entry) => [entry.id, entry]));
    for (const hit of await findCitizenIds(this.query, this.reference.provinceCode, [...byId.keys()])) {
      const member = byId.get(hit.citizen_id);
      // The same person in the same household is no duplicate (the household code is the
      // problem, or an update replaces it); nor is a member of a household the update replaces
      // and has not deleted yet (a dry run).
      if (!member || hit.household_code === member.household) continue;
      if (!this.replacedMembersDeleted && this.replaced.has(hit.household_code)) continue;
      reader.problemAt(member.row, 'citizen_id', 'citizen_id_exists');
    }
  }

  private householdWrite(d: HouseholdDraft, members: readonly MemberDraft[], headIndex: number): HouseholdWrite {
    const head = members[headIndex >= 0 ? headIndex : 0];
    const derived = registryColumns(d, members, this.reference.standards);
    return {
      province_code: this.reference.provinceCode,
      code: d.code,
      commune_code: d.commune_code,
      village: d.village,
      address: d.address,
      head_name: d.head_name,
      area: d.area,
      head_ethnic_code: head?.ethnic_code ?? null,
      farm_household: d.farm_household,
      survey_date: d.survey_date,
      income_per_capita: d.income_per_capita,
      score_a: d.score_a,
      floor_area_m2: d.floor_area_m2,
      durable_walls: d.durable_walls,
      durable_frame: d.durable_frame,
      durable_roof: d.durable_roof,
      water_source: d.water_source,
      latrine: d.latrine,
      internet_use: d.internet_use,
      information_devices: d.information_devices,
      waste_collected: d.waste_collected,
      status: derived.status,
      standard_id: derived.standard_id,
      deprivations: derived.deprivations,
    };
  }

  private memberWrite(householdCode: string, seq: number, m: MemberDraft): MemberWrite {
    return {
      province_code: this.reference.provinceCode,
      household_code: householdCode,
      seq,
      full_name: m.full_name,
      sex: m.sex,
      birth_date: m.birth_date,
      ethnic_code: m.ethnic_code,
      citizen_id: m.citizen_id,
      relation: m.relation,
      employment: m.employment,
      health_insurance: m.health_insurance,
      attending_school: m.attending_school,
      education_level: m.education_level,
      social_allowance: m.social_allowance,
      stunted: m.stunted,
      underweight: m.underweight,
      search_name: foldForSearch(m.full_name),
    };
  }

  /** After the first problem nothing more is written, and what was written is undone. */
  private async stopWriting(): Promise<void> {
    if (!this.writing) return;
    this.writing = false;
    for (const entry of this.households.values()) {
      entry.members = [];
      entry.late = null;
    }
    this.batch = [];
    this.reopened.clear();
    await this.settle().catch(() => undefined);
    this.writeError = null;
    await this.rollback();
  }

  private async rollback(): Promise<void> {
    const trx = this.trx;
    this.trx = null;
    if (trx) await trx.rollback().execute();
  }

  async abort(): Promise<void> {
    await this.settle().catch(() => undefined);
    await this.rollback().catch(() => undefined);
  }

  // --- the end -------------------------------------------------------------------------------

  async finish(): Promise<ImportHouseholdsResult> {
    this.progress.phase = 'finishing';
    this.emitProgress(true);
    const failed = (sheet: SheetName) => this.state[sheet] === 'failed';
    for (const sheet of SHEETS) {
      if (this.state[sheet] === 'absent' && !failed('households')) {
        this.addProblem({ sheet, row: 1, column: '', columnIndex: 0, key: 'sheet_missing', params: { sheet } });
      }
    }
    if (this.state.households !== 'done') {
      // No usable households: the buffered members are still checked row by row.
      const buffered = this.buffered;
      this.buffered = null;
      const reader = this.readers.members;
      if (buffered && reader) for (const { row, cells } of buffered) await this.readMember(reader, row, cells);
    }
    for (const sheet of SHEETS) {
      if (this.state[sheet] === 'done' && this.readers[sheet] && this.rowCounts[sheet] === 0) {
        this.addProblem({ sheet, row: 2, column: '', columnIndex: 0, key: 'sheet_no_rows' });
      }
    }
    if (this.current) this.close(this.current);
    await this.flush();
    await this.settle();
    await this.reportMissingHouseholds();
    const householdsReader = this.readers.households;
    if (this.state.members === 'done' && this.readers.members && this.rowCounts.members > 0 && householdsReader) {
      for (const entry of this.households.values()) {
        if (entry.memberCount === 0) householdsReader.problemAt(entry.row, 'household_code', 'household_no_members');
      }
    }
    if (this.problems.count > 0) await this.stopWriting();

    let committed = false;
    if (this.writing && this.trx) {
      await this.completeReopened(this.trx);
      await closeReplaceAudit(this.trx, this.reference.provinceCode, this.auditIds);
      await recordAudit(this.trx, {
        userId: this.options.actor.userId,
        action: 'import',
        entity: 'household_import',
        entityId: this.id,
        after: {
          files: this.options.files.map((file) => file.name),
          households: this.rowCounts.households,
          members: this.rowCounts.members,
          inserted: this.inserted,
          updated: this.updated,
          membersWritten: this.membersWritten,
          update: this.options.update,
        },
        ip: this.options.actor.ip ?? null,
      });
      await this.trx.commit().execute();
      this.trx = null;
      committed = true;
    } else {
      await this.rollback();
    }
    this.progress.phase = 'done';
    this.emitProgress(true);
    return {
      id: this.id,
      dryRun: this.options.dryRun,
      update: this.options.update,
      committed,
      households: this.rowCounts.households,
      members: this.rowCounts.members,
      inserted: committed ? this.inserted : 0,
      updated: committed ? this.updated : 0,
      membersWritten: committed ? this.membersWritten : 0,
      problems: this.problems.sorted(),
      problemCount: this.problems.count,
      truncated: this.problems.truncated,
    };
  }

  /** Members whose household is not in the file: say whether it is at least in the registry. */
  private async reportMissingHouseholds(): Promise<void> {
    const reader = this.readers.members;
    if (!reader || this.missingHouseholdRows.length === 0) return;
    const codes = [...new Set(this.missingHouseholdRows.map((entry) => entry.code))];
    const inRegistry = new Set<string>();
    for (let start = 0; start < codes.length; start += CODE_CHUNK) {
      const rows = await findExistingHouseholds(this.query, this.reference.provinceCode, codes.slice(start, start + CODE_CHUNK));
      for (const row of rows) inRegistry.add(row.code);
    }
    for (const { row, code } of this.missingHouseholdRows) {
      reader.problemAt(row, 'household_code', inRegistry.has(code) ? 'member_household_in_registry' : 'member_household_missing');
    }
  }

  /**
   * Households that got more members after they were written: their members are added with the
   * next sequence numbers, and their derived columns (class, head's ethnicity) recomputed from
   * the household and all its members as written.
   */
  private async completeReopened(trx: Kysely<Database>): Promise<void> {
    if (this.reopened.size === 0) return;
    const { provinceCode } = this.reference;
    const entries = [...this.reopened];
    for (let start = 0; start < entries.length; start += CODE_CHUNK) {
      const chunk = entries.slice(start, start + CODE_CHUNK);
      const codes = chunk.map((entry) => entry.code);
      const facts = new Map((await listHouseholdFacts(trx, provinceCode, codes)).map((row) => [row.code, row]));
      const written = new Map<string, MemberDraft[]>();
      for (const { household_code, search_name: _name, ...member } of await listMembersOf(trx, provinceCode, codes)) {
        written.set(household_code, [...(written.get(household_code) ?? []), { ...member, row: 0 }]);
      }
      const derived: Parameters<typeof updateDerivedColumns>[2][number][] = [];
      const added: MemberWrite[] = [];
      for (const entry of chunk) {
        const household = facts.get(entry.code);
        if (!household) throw new Error(`household ${entry.code} was written but cannot be read back`);
        const before = written.get(entry.code) ?? [];
        const late = entry.late ?? [];
        const all = [...before, ...late];
        const write = this.householdWrite({ ...household, row: entry.row }, all, all.findIndex((member) => isHeadRelation(member.relation)));
        derived.push({
          code: entry.code,
          head_ethnic_code: write.head_ethnic_code,
          status: write.status,
          standard_id: write.standard_id,
          deprivations: write.deprivations,
        });
        late.forEach((member, index) => added.push(this.memberWrite(entry.code, before.length + index + 1, member)));
      }
      await insertMembers(trx, added);
      await updateDerivedColumns(trx, provinceCode, derived);
      this.membersWritten += added.length;
    }
  }
}
