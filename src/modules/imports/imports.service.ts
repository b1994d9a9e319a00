/**
 * Use cases of household imports in the browser: upload files, run a dry run or the import, read
 * its report, download the problem report. Each checks the role first; the rows of a file are
 * checked against the actor's scope by the import itself (a commune outside it is a problem line).
 */
import type { Kysely } from 'kysely';
import type { Database, RoleCode } from '../../db/schema.js';
import type { Language } from '../../server/language.js';
import { HttpProblem, type ProblemBody, problemBody } from '../../server/problem.js';
import type { Actor } from '../access/actor.js';
import { assertRole } from '../access/scope.js';
import { type ImportHouseholdsResult, type ImportProgress, importHouseholds } from './import-households.js';
import { renderProblem } from './import-problems.js';
import type { ImportFormat } from './import-sources.js';
import { type ImportStore, type StoredRun, type StoredUpload, UploadTooLargeError } from './import-store.js';
import type { ProblemReportInput } from './problem-report.js';
import type { ImportReport, UploadDto } from './imports.schemas.js';

/** Roles that write households: not the provincial agencies (aggregates only) nor supervisors. */
export const IMPORT_ROLES: readonly RoleCode[] = ['province_admin', 'district_officer', 'commune_officer', 'reviewer'];

/** Problems shown in a report; the problem report workbook lists more. */
const REPORT_PROBLEMS = 1_000;

const requestText = {
  too_large: {
    vi: 'Tệp lớn quá giới hạn {limit} MB.',
    en: 'The file exceeds the limit of {limit} MB.',
  },
  upload_not_found: {
    vi: 'Không có tệp tải lên mã {id} (tệp tải lên chỉ được giữ trong vài giờ).',
    en: 'There is no upload {id} (uploads are kept for a few hours only).',
  },
  run_not_found: {
    vi: 'Không có lần nhập mã {id}.',
    en: 'There is no import {id}.',
  },
  file_count: {
    vi: 'Cần một sổ tính .xlsx, hoặc hai tệp CSV: tệp hộ rồi đến tệp thành viên.',
    en: 'Send one .xlsx workbook, or two CSV files: the households file, then the members file.',
  },
  body: {
    vi: 'Gửi nội dung một tệp .xlsx, hoặc JSON {"uploads": [...]} với mã các tệp đã tải lên.',
    en: 'Send the content of one .xlsx file, or JSON {"uploads": [...]} with the ids of uploaded files.',
  },
  failed: {
    vi: 'Tệp có {count} lỗi; không có dòng nào được ghi vào sổ hộ.',
    en: 'The files have {count} problem(s); nothing was written to the registry.',
  },
} as const;

type RequestTextKey = keyof typeof requestText;

/** A problem of the request itself (not of a row), in the imports' own words. */
export class ImportRequestProblem extends HttpProblem {
  constructor(
    status: number,
    readonly textKey: RequestTextKey,
    readonly textParams: Record<string, string | number> = {},
    readonly extra: { report?: ImportReport } = {},
  ) {
    super(status, status === 404 ? 'not_found.title' : 'bad_request.title');
  }

  override render(language: Language): ProblemBody & { report?: ImportReport } {
    const detail = requestText[this.textKey][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in this.textParams ? String(this.textParams[name]) : whole,
    );
    const titleKey = this.status === 422 ? 'validation.title' : this.status === 413 ? 'too_large.title' : undefined;
    const body = problemBody(this.status, language, detail, titleKey ? { titleKey } : {});
    if (this.extra.report) {
      return { ...body, errors: this.extra.report.problems.map((line) => ({ field: `${line.sheet}:${line.row}:${line.column}`, message: line.message })), report: this.extra.report };
    }
    return body;
  }
}

function mapUpload(upload: StoredUpload): UploadDto {
  return { id: upload.id, name: upload.name, size: upload.size, format: upload.format };
}

export function mapReport(run: StoredRun, language: Language): ImportReport {
  const { result } = run;
  return {
    id: run.id,
    dryRun: result.dryRun,
    update: result.update,
    committed: result.committed,
    files: run.uploads.map((upload) => upload.name),
    households: result.households,
    members: result.members,
    inserted: result.inserted,
    updated: result.updated,
    membersWritten: result.membersWritten,
    problemCount: result.problemCount,
    problems: result.problems.slice(0, REPORT_PROBLEMS).map((problem) => renderProblem(problem, language)),
    truncated: result.problemCount > Math.min(result.problems.length, REPORT_PROBLEMS),
  };
}

/** Stores an uploaded file for a later import. */
export async function uploadImportFile(store: ImportStore, actor: Actor, name: string, body: NodeJS.ReadableStream): Promise<UploadDto> {
  assertRole(actor, IMPORT_ROLES);
  try {
    return mapUpload(await store.saveUpload(actor.userId, name.normalize('NFC'), body));
  } catch (error) {
    if (error instanceof UploadTooLargeError) {
      throw new ImportRequestProblem(413, 'too_large', { limit: Math.round(error.limit / 1024 / 1024) });
    }
    throw error;
  }
}

export interface PreparedImport {
  format: ImportFormat;
  uploads: StoredUpload[];
}

/**
 * The uploads an import reads: one workbook, or two CSV files (households, then members). One
 * file is always read as a workbook, so a text file named .xlsx gets its own problem line.
 */
export function prepareImport(store: ImportStore, actor: Actor, uploadIds: readonly string[]): PreparedImport {
  assertRole(actor, IMPORT_ROLES);
  const uploads = uploadIds.map((id) => {
    const upload = store.upload(actor.userId, id);
    if (!upload) throw new ImportRequestProblem(404, 'upload_not_found', { id });
    return upload;
  });
  if (uploads.length === 1) return { format: 'xlsx', uploads };
  if (uploads.length === 2) return { format: 'csv', uploads };
  throw new ImportRequestProblem(400, 'file_count');
}

export interface RunImportOptions {
  dryRun: boolean;
  update: boolean;
  ip: string | null;
  onProgress?: (progress: ImportProgress) => void;
}

/** Runs a prepared import and keeps its result for the report and the problem workbook. */
export async function runImport(
  db: Kysely<Database>,
  store: ImportStore,
  actor: Actor,
  prepared: PreparedImport,
  options: RunImportOptions,
): Promise<StoredRun> {
  assertRole(actor, IMPORT_ROLES);
  const result: ImportHouseholdsResult = await importHouseholds(db, {
    format: prepared.format,
    files: prepared.uploads,
    dryRun: options.dryRun,
    update: options.update,
    actor: { userId: actor.userId, scope: actor.scope, ip: options.ip },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return store.saveRun({ id: result.id, userId: actor.userId, format: prepared.format, uploads: prepared.uploads, result });
}

/** The 422 a real import with problems answers (a dry run answers 200 with the same report). */
export function importFailed(report: ImportReport): ImportRequestProblem {
  return new ImportRequestProblem(422, 'failed', { count: report.problemCount }, { report });
}

export function getImportReport(store: ImportStore, actor: Actor, id: string, language: Language): ImportReport {
  assertRole(actor, IMPORT_ROLES);
  const run = store.run(actor.userId, id);
  if (!run) throw new ImportRequestProblem(404, 'run_not_found', { id });
  return mapReport(run, language);
}

/** What the problem report workbook of one of the actor's runs is built from. */
export function problemReportOf(store: ImportStore, actor: Actor, id: string): ProblemReportInput {
  assertRole(actor, IMPORT_ROLES);
  const run = store.run(actor.userId, id);
  if (!run) throw new ImportRequestProblem(404, 'run_not_found', { id });
  return { format: run.format, files: run.uploads, problems: run.result.problems, problemCount: run.result.problemCount };
}

/** The problem of an unreadable request body. */
export const badImportBody = () => new ImportRequestProblem(400, 'body');

