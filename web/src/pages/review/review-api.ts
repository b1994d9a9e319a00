/** The review's HTTP calls (`/api/review/*`) and the shapes they answer with. */
import { ApiError, type Problem, csrfHeaders, request } from '../../api';

export type RoundKind = 'periodic' | 'regular';
export type StepCode = 'list' | 'survey' | 'meeting' | 'posting' | 'district' | 'recognition';
export type Status = 'poor' | 'near_poor' | 'average' | 'not_poor';

export interface RoundSummary {
  id: number;
  kind: RoundKind;
  communeCode: string;
  communeName: string | null;
  period: string;
  startsOn: string;
  endsOn: string;
  status: 'open' | 'closed';
  version: number;
  steps: StepCode[];
  stepsDone: StepCode[];
  nextStep: StepCode | null;
  households: number;
  late: boolean;
}

export interface RoundHousehold {
  householdCode: string;
  headName: string;
  village: string;
  source: 'current_list' | 'request' | 'added';
  included: boolean;
  reason: string | null;
  surveyState: 'none' | 'draft' | 'done';
  status: Status | null;
  deprivations: string[];
  version: number;
}

export interface RoundDetail {
  round: RoundSummary;
  stepLog: Array<{ step: StepCode; doneOn: string; doneAt: string; doneBy: string | null; data: Record<string, unknown> }>;
  households: RoundHousehold[];
  results: Record<string, number>;
  actions: { editList: boolean; editSurvey: boolean; recordStep: boolean; reopen: boolean };
}

export interface MemberSurvey {
  seq?: number;
  fullName?: string;
  birthDate?: string | null;
  sex?: string | null;
  employment?: string | null;
  healthInsurance?: boolean | null;
  attendingSchool?: boolean | null;
  educationLevel?: string | null;
  socialAllowance?: boolean | null;
  stunted?: boolean | null;
  underweight?: boolean | null;
}

export interface Survey {
  area: 'rural' | 'urban';
  farmHousehold: boolean;
  incomePerCapita?: number | null;
  scoreA?: number | null;
  facts: {
    surveyDate: string;
    members: MemberSurvey[];
    floorAreaM2?: number | null;
    durableWalls?: boolean | null;
    durableFrame?: boolean | null;
    durableRoof?: boolean | null;
    waterSource?: string | null;
    latrine?: string | null;
    internetUse?: boolean | null;
    informationDevices?: boolean | null;
    wasteCollected?: boolean | null;
  };
}

export interface SurveyDetail {
  roundId: number;
  householdCode: string;
  headName: string;
  village: string;
  reviewYear: number;
  standardId: string | null;
  window: { from: string; to: string };
  surveyState: 'none' | 'draft' | 'done';
  status: Status | null;
  deprivations: string[];
  version: number;
  survey: Survey;
  editable: boolean;
}

export interface ProgressRow {
  communeCode: string;
  communeName: string;
  districtCode: string | null;
  roundId: number | null;
  status: 'not_started' | 'open' | 'closed';
  nextStep: StepCode | null;
  stepsDone: number;
  stepsTotal: number;
  late: boolean;
}

export type RequestKind = 'recognise_poor' | 'recognise_near_poor' | 'escape';

export interface ReviewRequest {
  id: number;
  householdCode: string;
  headName: string;
  communeCode: string;
  kind: RequestKind;
  receivedOn: string;
  dueOn: string;
  roundId: number | null;
  decidedOn: string | null;
  overdue: boolean;
}

export type MovementLevel = 'province' | 'district' | 'commune' | 'new_commune';
export interface Count {
  households: number;
  persons: number;
}
export interface GroupTable {
  start: Count;
  decreases: Record<string, Count>;
  increases: Record<string, Count>;
  end: Count;
}
export interface MovementUnit {
  unit: string;
  name: string | null;
  poor: GroupTable;
  near_poor: GroupTable;
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
  problems: Array<{ sheet: 'households' | 'members'; row: number; column: string; message: string }>;
  truncated: boolean;
}

const json = (body: unknown) => ({ method: 'POST' as const, body });

/**
 * Sends a survey file as the raw body. A refused real import (422) still carries its report, which
 * is returned so the page can show every problem.
 */
async function importSurveys(id: number, file: File, dryRun: boolean, language: string): Promise<SurveyImportReport> {
  const type = file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/octet-stream';
  let response: Response;
  try {
    response = await fetch(`/api/review/rounds/${id}/surveys/import?dryRun=${dryRun ? 1 : 0}&name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': type, Accept: 'application/json, application/problem+json', 'Accept-Language': language, ...csrfHeaders() },
      body: file,
    });
  } catch (error) {
    throw new ApiError(0, null, error);
  }
  const body = (await response.json().catch(() => null)) as (Problem & { report?: SurveyImportReport }) | SurveyImportReport | null;
  if (response.ok) return body as SurveyImportReport;
  if (body && 'report' in body && body.report) return body.report;
  throw new ApiError(response.status, body && 'status' in body ? (body as Problem) : null);
}

export const reviewApi = {
  rounds: (signal?: AbortSignal) => request<{ rounds: RoundSummary[] }>('/review/rounds', { signal }),
  round: (id: number, signal?: AbortSignal) => request<RoundDetail>(`/review/rounds/${id}`, { signal }),
  createRound: (body: { kind: RoundKind; period: string; communeCode: string }) => request<RoundDetail>('/review/rounds', json(body)),
  addHousehold: (id: number, householdCode: string, reason: string) => request<RoundDetail>(`/review/rounds/${id}/households`, json({ householdCode, reason })),
  removeHousehold: (id: number, code: string, reason: string) => request<RoundDetail>(`/review/rounds/${id}/households/${encodeURIComponent(code)}/remove`, json({ reason })),
  recordStep: (id: number, body: Record<string, unknown>) => request<RoundDetail>(`/review/rounds/${id}/steps`, json(body)),
  reopen: (id: number, reason: string) => request<RoundDetail>(`/review/rounds/${id}/reopen`, json({ reason })),
  survey: (id: number, code: string, signal?: AbortSignal) => request<SurveyDetail>(`/review/rounds/${id}/households/${encodeURIComponent(code)}/survey`, { signal }),
  saveSurvey: (id: number, code: string, body: { version: number; complete: boolean; survey: Survey }) =>
    request<SurveyDetail>(`/review/rounds/${id}/households/${encodeURIComponent(code)}/survey`, { method: 'PUT', body }),
  progress: (kind: RoundKind, period: string, signal?: AbortSignal) =>
    request<{ kind: RoundKind; period: string; startsOn: string; endsOn: string; communes: ProgressRow[] }>(`/review/progress?kind=${kind}&period=${encodeURIComponent(period)}`, { signal }),
  progressOf: (kind: RoundKind, period: string, unit: string, signal?: AbortSignal) =>
    request<{ kind: RoundKind; period: string; startsOn: string; endsOn: string; communes: ProgressRow[] }>(
      `/review/progress?kind=${kind}&period=${encodeURIComponent(period)}${unit ? `&unit=${encodeURIComponent(unit)}` : ''}`,
      { signal },
    ),
  requests: (signal?: AbortSignal) => request<{ requests: ReviewRequest[] }>('/review/requests', { signal }),
  createRequest: (body: { householdCode: string; kind: RequestKind; receivedOn: string }) => request<{ id: number; dueOn: string }>('/review/requests', json(body)),
  movements: (from: string, to: string, level: MovementLevel, signal?: AbortSignal) =>
    request<{ from: string; to: string; level: MovementLevel; units: MovementUnit[] }>(`/review/movements?from=${from}&to=${to}&level=${level}`, { signal }),
  importSurveys,
  surveyTemplateUrl: (id: number, language: string) => `/api/review/rounds/${id}/surveys/template.xlsx?lang=${language === 'en' ? 'en' : 'vi'}`,
  postingPdfUrl: (id: number) => `/api/review/rounds/${id}/posting.pdf`,
  certificateUrl: (id: number, code: string) => `/api/review/rounds/${id}/households/${encodeURIComponent(code)}/certificate.pdf`,
};
