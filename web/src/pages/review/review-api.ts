/** The review's HTTP calls (`/api/review/*`) and the shapes they answer with. */
import { request } from '../../api';

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

const json = (body: unknown) => ({ method: 'POST' as const, body });

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
  postingPdfUrl: (id: number) => `/api/review/rounds/${id}/posting.pdf`,
  certificateUrl: (id: number, code: string) => `/api/review/rounds/${id}/households/${encodeURIComponent(code)}/certificate.pdf`,
};
