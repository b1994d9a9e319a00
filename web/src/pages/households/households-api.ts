/** The household registry's HTTP calls and shapes (`/api/households…`, SPEC §6). */
import { request } from '../../api';

export type HouseholdStatus = 'poor' | 'near_poor' | 'average' | 'not_poor';
export type Area = 'rural' | 'urban';

/** The list's filters as they travel in the address bar and in the query string. */
export interface HouseholdFilters {
  q: string;
  unit: string;
  village: string;
  status: '' | HouseholdStatus | 'unclassified';
  ethnicMinority: '' | 'true' | 'false';
  deprivation: string;
  state: 'active' | 'dissolved' | 'all';
}

export const emptyFilters: HouseholdFilters = {
  q: '',
  unit: '',
  village: '',
  status: '',
  ethnicMinority: '',
  deprivation: '',
  state: 'active',
};

export interface HouseholdListItem {
  code: string;
  communeCode: string;
  communeName: string | null;
  village: string;
  headName: string;
  area: Area;
  memberCount: number;
  status: HouseholdStatus | null;
  deprivations: string[];
  ethnicMinority: boolean | null;
  dissolvedAt: string | null;
  isSynthetic: boolean;
  match?: { fullName: string; relation: string };
}

export interface FilterOptions {
  communes: Array<{ code: string; name: string; districtCode: string | null; districtName: string | null }>;
  indicators: Array<{ code: string; name: string }>;
  ethnicGroups: Array<{ code: string; name: string; isMinority: boolean }>;
}

export interface Member {
  seq: number;
  fullName: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicCode: string | null;
  ethnicName: string | null;
  citizenId: string | null;
  relation: string;
  employment: string;
  healthInsurance: boolean;
  attendingSchool: boolean;
  educationLevel: string;
  socialAllowance: boolean;
  stunted: boolean;
  underweight: boolean;
}

export interface HouseholdFacts {
  address: string;
  headName: string;
  area: Area;
  headEthnicCode: string | null;
  farmHousehold: boolean;
  surveyDate: string | null;
  incomePerCapita: number | null;
  scoreA: number | null;
  floorAreaM2: number | null;
  durableWalls: boolean | null;
  durableFrame: boolean | null;
  durableRoof: boolean | null;
  waterSource: string | null;
  latrine: string | null;
  internetUse: boolean | null;
  informationDevices: boolean | null;
  wasteCollected: boolean | null;
}

export interface HouseholdDetail {
  household: HouseholdFacts & {
    code: string;
    provinceCode: string;
    communeCode: string;
    communeName: string | null;
    village: string;
    headEthnicName: string | null;
    ethnicMinority: boolean | null;
    dissolvedAt: string | null;
    isSynthetic: boolean;
    version: number;
  };
  members: Member[];
  citizenIdsMasked: boolean;
  classification: {
    standard: string;
    standardName: string;
    reviewYear: number;
    status: HouseholdStatus;
    deprivations: Array<{ code: string; name: string }>;
    deprivationCount: number;
    scoreB: number;
    incomeBasis: 'income' | 'scoreA';
  } | null;
  classificationProblem: { field: string; message: string } | null;
  history: Array<{ validFrom: string; validTo: string | null; communeCode: string; communeName: string | null; village: string }>;
  permissions: { edit: boolean; move: boolean; dissolve: boolean };
}

/** A member as the form sends it: `seq` keeps an existing member, new ones leave it out. */
export type MemberInput = Omit<Member, 'seq' | 'ethnicName'> & { seq?: number };
export type HouseholdInput = HouseholdFacts & { members: MemberInput[] };

/** The query string of a filter set, leaving out what is not set. */
export function filterQuery(filters: HouseholdFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== '' && !(key === 'state' && value === 'active')) params.set(key, value);
  }
  return params;
}

const path = (code: string) => `/households/${encodeURIComponent(code)}`;

export const householdsApi = {
  list: (filters: HouseholdFilters, cursor: string | null, limit: number, signal?: AbortSignal) => {
    const params = filterQuery(filters);
    params.set('limit', String(limit));
    if (cursor) params.set('cursor', cursor);
    return request<{ items: HouseholdListItem[]; nextCursor: string | null }>(`/households?${params}`, { signal });
  },
  count: (filters: HouseholdFilters, signal?: AbortSignal) =>
    request<{ count: number }>(`/households/count?${filterQuery(filters)}`, { signal }),
  filters: (signal?: AbortSignal) => request<FilterOptions>('/households/filters', { signal }),
  villages: (commune: string, signal?: AbortSignal) =>
    request<{ villages: string[] }>(`/households/villages?commune=${encodeURIComponent(commune)}`, { signal }),
  get: (code: string, signal?: AbortSignal) => request<HouseholdDetail>(path(code), { signal }),
  create: (input: HouseholdInput & { communeCode: string; village: string; code?: string }) =>
    request<HouseholdDetail>('/households', { method: 'POST', body: input }),
  update: (code: string, version: number, input: HouseholdInput) =>
    request<HouseholdDetail>(path(code), { method: 'PUT', body: { ...input, version } }),
  move: (code: string, body: { version: number; communeCode: string; village: string; address?: string; date: string }) =>
    request<HouseholdDetail>(`${path(code)}/move`, { method: 'POST', body }),
  dissolve: (code: string, body: { version: number; date: string; reason: string }) =>
    request<HouseholdDetail>(`${path(code)}/dissolve`, { method: 'POST', body }),
};

/** The address of an export of the filtered list; the browser downloads it as it streams. */
export function exportUrl(filters: HouseholdFilters, format: 'xlsx' | 'csv', language: string): string {
  const params = filterQuery(filters);
  params.set('format', format);
  params.set('lang', language);
  return `/api/households/export?${params}`;
}
