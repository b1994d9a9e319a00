/**
 * The program routes of `/api/program` as the pages use them, through the app's `request` (CSRF
 * token, language, 401 handling). Errors are `ApiError`s with the server's problem+json body.
 */
import { request } from '../../api';

export type BudgetSource = 'central' | 'provincial_counterpart' | 'mobilised';
export type SupportStatus = 'planned' | 'in_progress' | 'done' | 'cancelled';

export interface ProgramSummary {
  code: string;
  name: string;
  nameEn: string;
  periodStart: number;
  periodEnd: number;
  status: string;
}

export interface ProjectsAnswer {
  programs: ProgramSummary[];
  programCode: string;
  year: number;
  projects: Array<{
    code: string;
    parentCode: string | null;
    name: string;
    nameEn: string;
    agencies: Array<{ code: string; role: 'lead' | 'implementing'; name: string; nameEn: string; shortName: string }>;
    canEdit: boolean;
  }>;
}

export type BudgetKind = 'investment' | 'recurrent';

export interface BudgetLine {
  id: number;
  year: number;
  projectCode: string;
  unitCode: string;
  unitName: string | null;
  source: BudgetSource;
  kind: BudgetKind;
  planned: number;
  allocated: number;
  disbursed: number;
  disbursements: Array<{ month: number; amount: number }>;
  note: string | null;
  version: number;
}

/** What the budget-line form sends; `disbursements` holds the twelve months, January first. */
export interface BudgetLineInput {
  programCode: string;
  year: number;
  projectCode: string;
  unitCode: string;
  source: BudgetSource;
  kind: BudgetKind;
  planned: number;
  allocated: number;
  disbursements: Array<{ month: number; amount: number }>;
  note: string | null;
}

export interface BudgetAnswer {
  programCode: string;
  year: number;
  provinceCode: string;
  lines: BudgetLine[];
  totals: Array<{ source: BudgetSource; investment: number; recurrent: number; planned: number; allocated: number; disbursed: number }>;
  centralDependencePercent: number | null;
  counterpart: {
    source: string;
    dependencePercent: number;
    requiredPercent: number;
    requiredAmount: number;
    counterpart: number;
    met: boolean;
    shortfall: number;
  } | null;
}

export interface AllocationRequest {
  programCode: string;
  year: number;
  projectCode: string;
  source: BudgetSource;
  total: number;
  criteria: Array<{ code: string; coefficient: number }>;
  minimumShare: number | null;
  maximumShare: number | null;
  units: Array<{ code: string; counts: Record<string, number> }>;
  resolutionNumber?: string;
  resolutionDate?: string;
}

export interface AllocationCounts {
  asOf: string;
  year: number;
  units: Array<{ code: string; name: string | null; members: string[]; counts: Record<string, number> }>;
  poorUnits: Array<{ unitCode: string; unitName: string | null; kind: 'poor_district' | 'poor_commune'; basis: string; fromYear: number; toYear: number }>;
}

export interface AllocationShare {
  code: string;
  points: number;
  amount: number;
  bound: 'minimum' | 'cap' | null;
}

export interface AllocationPreview {
  total: number;
  totalPoints: number;
  shares: Array<AllocationShare & { name: string | null }>;
  asOf: string;
  resolutionNumber: string | null;
  resolutionDate: string | null;
  available: number;
  exceedsAvailable: boolean;
}

export interface SavedModel {
  id: number;
  projectCode: string;
  source: BudgetSource;
  name: string;
  total: number;
  resolutionNumber: string;
  resolutionDate: string;
  shares: Array<AllocationShare & { name: string | null }>;
}

export interface OutputIndicator {
  id: number;
  projectCode: string;
  year: number;
  name: string;
  unitOfMeasure: string;
  target: number;
  actual: number | null;
  version: number;
  canEdit: boolean;
}

export interface OutputInput {
  projectCode: string;
  year: number;
  name: string;
  unitOfMeasure: string;
  target: number;
  actual: number | null;
}

export interface Agency {
  code: string;
  name: string;
  nameEn: string;
  shortName: string;
}

export interface TwinningInput {
  agencyCode: string;
  communeCode: string;
  village: string | null;
  kind: 'twinning' | 'sponsorship';
  startDate: string;
  endDate: string | null;
  note: string | null;
}

export interface SupportPlanAnswer {
  household: {
    code: string;
    headName: string;
    communeCode: string;
    communeName: string | null;
    village: string;
    status: 'poor' | 'near_poor' | 'average' | 'not_poor' | null;
    deprivations: string[];
  };
  eligible: boolean;
  canEdit: boolean;
  needs: Array<{ indicator: string; supportCodes: string[] }>;
  openNeeds: string[];
  program: { code: string; name: string; nameEn: string; periodStart: number; periodEnd: number } | null;
  plan: { helperName: string | null; helperKind: 'person' | 'organisation' | null; version: number } | null;
  items: Array<{
    id: number;
    supportCode: string;
    agencyCode: string;
    amount: number;
    fundingProjectCode: string | null;
    status: SupportStatus;
    plannedDate: string;
    completedDate: string | null;
    note: string | null;
    version: number;
  }>;
  supportTypes: Array<{ code: string; name: string; nameEn: string; indicatorCodes: string[]; agencyCode: string | null; projectCode: string | null }>;
  agencies: Array<{ code: string; name: string; nameEn: string; shortName: string }>;
  projects: Array<{ code: string; name: string; nameEn: string }>;
}

export interface SupportItemInput {
  supportCode: string;
  agencyCode?: string;
  amount: number;
  fundingProjectCode: string | null;
  status: SupportStatus;
  plannedDate: string;
  completedDate: string | null;
}

export interface PlanTask {
  planId: string;
  taskId: string;
  assignees: Array<{ kind: 'agency' | 'party'; code: string; vi: string; en: string }>;
  text: { vi: string; en: string };
  dueDate: string | null;
  projectCodes: string[];
  status: 'open' | 'in_progress' | 'done';
  completedOn: string | null;
  version: number;
  canEdit: boolean;
}

export interface Twinning {
  id: number;
  agencyCode: string;
  agencyName: string;
  communeCode: string;
  communeName: string | null;
  village: string | null;
  kind: 'twinning' | 'sponsorship';
  startDate: string;
  endDate: string | null;
}

export interface SupportGaps {
  lacking: 'plan' | 'helper';
  byUnit: Array<{ communeCode: string; communeName: string | null; households: number; withoutPlan: number; withoutHelper: number }>;
  households: Array<{ code: string; communeCode: string; village: string; headName: string; status: string; deprivations: string[] }>;
}

const call = <T,>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown, signal?: AbortSignal) =>
  request<T>(`/program${path}`, { method, ...(body === undefined ? {} : { body }), ...(signal ? { signal } : {}) });

const query = (params: Record<string, string | number>) =>
  Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&');

export const programApi = {
  projects: (programCode: string | null, year: number | null, signal?: AbortSignal) =>
    call<ProjectsAnswer>('GET', `/projects?${query({ ...(programCode ? { programCode } : {}), ...(year ? { year } : {}) })}`, undefined, signal),
  budget: (programCode: string, year: number, signal?: AbortSignal) =>
    call<BudgetAnswer>('GET', `/budget?${query({ programCode, year })}`, undefined, signal),
  outputs: (programCode: string, year: number, signal?: AbortSignal) =>
    call<{ outputs: OutputIndicator[] }>('GET', `/outputs?${query({ programCode, year })}`, undefined, signal),
  allocations: (programCode: string, year: number, signal?: AbortSignal) =>
    call<{ models: SavedModel[] }>('GET', `/allocations?${query({ programCode, year })}`, undefined, signal),
  allocationCounts: (year: number, date: string | null, signal?: AbortSignal) =>
    call<AllocationCounts>('GET', `/allocation-counts?${query({ year, ...(date ? { date } : {}) })}`, undefined, signal),
  previewAllocation: (body: AllocationRequest) => call<AllocationPreview>('POST', '/allocations/preview', body),
  saveAllocation: (body: AllocationRequest & { name: string; resolutionNumber: string; resolutionDate: string }) =>
    call<{ id: number }>('POST', '/allocations', body),
  supportPlan: (code: string, signal?: AbortSignal) =>
    call<SupportPlanAnswer>('GET', `/households/${encodeURIComponent(code)}/support-plan`, undefined, signal),
  savePlan: (code: string, body: { helperName: string | null; helperKind: 'person' | 'organisation' | null; version?: number }) =>
    call<{ version: number }>('PUT', `/households/${encodeURIComponent(code)}/support-plan`, body),
  addSupport: (code: string, body: SupportItemInput) =>
    call<{ id: number }>('POST', `/households/${encodeURIComponent(code)}/support-plan/items`, body),
  updateSupport: (code: string, id: number, body: SupportItemInput & { version: number }) =>
    call<{ id: number }>('PUT', `/households/${encodeURIComponent(code)}/support-plan/items/${id}`, body),
  tasks: (year: number, mine: boolean, signal?: AbortSignal) =>
    call<{ year: number; tasks: PlanTask[] }>('GET', `/tasks?${query({ year, mine: String(mine) })}`, undefined, signal),
  updateTask: (task: PlanTask, changes: { status: PlanTask['status']; completedOn: string | null; dueDate?: string | null }) =>
    call<{ version: number }>('PATCH', `/tasks/${encodeURIComponent(task.planId)}/${encodeURIComponent(task.taskId)}`, {
      ...changes,
      version: task.version,
    }),
  createBudgetLine: (body: BudgetLineInput) => call<{ id: number; version: number }>('POST', '/budget-lines', body),
  updateBudgetLine: (id: number, body: Pick<BudgetLineInput, 'planned' | 'allocated' | 'disbursements' | 'note'> & { version: number }) =>
    call<{ id: number; version: number }>('PUT', `/budget-lines/${id}`, body),
  createOutput: (body: OutputInput) => call<{ id: number; version: number }>('POST', '/outputs', body),
  updateOutput: (id: number, body: { target: number; actual: number | null; version: number }) =>
    call<{ id: number; version: number }>('PUT', `/outputs/${id}`, body),
  createTwinning: (body: TwinningInput) => call<{ id: number }>('POST', '/twinnings', body),
  setProjectAgencies: (code: string, body: { year: number; agencies: Array<{ agencyCode: string; role: 'lead' | 'implementing' }> }) =>
    call<unknown>('PUT', `/projects/${encodeURIComponent(code)}/agencies`, body),
  agencies: (date: string, signal?: AbortSignal) => call<{ agencies: Agency[] }>('GET', `/agencies?${query({ date })}`, undefined, signal),
  twinnings: (signal?: AbortSignal) => call<{ twinnings: Twinning[] }>('GET', '/twinnings', undefined, signal),
  supportGaps: (lacking: 'plan' | 'helper', signal?: AbortSignal) =>
    call<SupportGaps>('GET', `/support-gaps?lacking=${lacking}`, undefined, signal),
};
