/**
 * The household import's HTTP calls (`/api/imports…`, SPEC §6): files go up as raw request
 * bodies, one request per file, and an import answers with JSON lines — progress while it reads
 * and writes, then the report — so the page can show progress on either database engine.
 */
import { ApiError, type Problem } from '../../api';

export interface Upload {
  id: string;
  name: string;
  size: number;
  format: 'xlsx' | 'csv';
}

export interface ProblemLine {
  sheet: 'households' | 'members';
  row: number;
  column: string;
  message: string;
}

export interface ImportReport {
  id: string;
  dryRun: boolean;
  update: boolean;
  committed: boolean;
  files: string[];
  households: number;
  members: number;
  inserted: number;
  updated: number;
  membersWritten: number;
  problemCount: number;
  problems: ProblemLine[];
  truncated: boolean;
}

export interface ImportProgress {
  phase: 'reading' | 'finishing' | 'done';
  bytesRead: number;
  bytesTotal: number;
  households: number;
  members: number;
  written: number;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const templateLinks = {
  workbook: '/api/imports/template.xlsx',
  households: '/api/imports/template-households.csv',
  members: '/api/imports/template-members.csv',
} as const;

export const problemReportUrl = (id: string) => `/api/imports/${encodeURIComponent(id)}/problems.xlsx`;

function contentType(file: File): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return 'application/octet-stream';
}

async function failure(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const problem = typeof body === 'object' && body !== null && 'status' in body ? (body as Problem) : null;
  return new ApiError(response.status, problem);
}

function headers(language: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Accept: 'application/json, application/problem+json', 'Accept-Language': language, ...extra };
}

/** Sends one file as the request body; the server keeps it for a few hours. */
export async function uploadFile(file: File, language: string): Promise<Upload> {
  let response: Response;
  try {
    response = await fetch(`/api/imports/uploads?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers(language, { 'Content-Type': contentType(file) }),
      body: file,
    });
  } catch (error) {
    throw new ApiError(0, null, error);
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as Upload;
}

/**
 * Runs a dry run or an import of uploaded files, calling `onProgress` for each progress line,
 * and resolves with the report (whether or not it found problems).
 */
export async function runImport(
  uploads: readonly string[],
  options: { dryRun: boolean; update: boolean; language: string; onProgress: (progress: ImportProgress) => void },
): Promise<ImportReport> {
  let response: Response;
  try {
    response = await fetch(`/api/imports/households?dryRun=${options.dryRun ? 1 : 0}&update=${options.update ? 1 : 0}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers(options.language, { Accept: 'application/x-ndjson', 'Content-Type': 'application/json' }),
      body: JSON.stringify({ uploads }),
    });
  } catch (error) {
    throw new ApiError(0, null, error);
  }
  if (!response.ok || !response.body) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (value) pending += value;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
      if (line.trim() === '') continue;
      const event = JSON.parse(line) as { type: string; report?: ImportReport; status?: number } & ImportProgress;
      if (event.type === 'progress') options.onProgress(event);
      else if (event.type === 'report' && event.report) return event.report;
      else throw new ApiError(event.status ?? 500, null);
    }
    if (done) break;
  }
  throw new ApiError(0, null);
}
