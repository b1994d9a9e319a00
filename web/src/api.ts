/**
 * The HTTP client for `/api`. Every call sends the session cookie and the chosen language, and
 * every failure becomes an `ApiError` carrying the server's problem+json body when there is one.
 */

export type Role =
  | 'province_admin'
  | 'province_agency'
  | 'district_officer'
  | 'commune_officer'
  | 'reviewer'
  | 'supervisor';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
  agencyCode: string | null;
  agencyName: string | null;
  isDemo: boolean;
}

export interface Health {
  status: 'ok';
  engine: 'pglite' | 'postgres';
  databaseVersion: string;
  version: string;
  province: { code: string; name: string };
  demo: boolean;
  demoUsers?: string[];
}

export type UnitLevel = 'province' | 'district' | 'commune';

/** One version of an administrative unit; dates are civil dates `YYYY-MM-DD`, `validTo` inclusive. */
export interface Unit {
  code: string;
  name: string;
  type: string;
  level: UnitLevel;
  parentCode: string | null;
  provinceCode: string;
  area: 'urban' | 'rural' | null;
  validFrom: string;
  validTo: string | null;
}

export interface UnitPredecessor {
  code: string;
  name: string;
  districtCode: string;
  /** Null when the old district is not in the reference data (old Bình Định). */
  districtName: string | null;
  provinceCode: string;
}

export interface UnitSuccessor {
  code: string;
  name: string;
}

export interface UnitDetail {
  unit: Unit;
  versions: Unit[];
  children: Unit[];
  predecessors: UnitPredecessor[];
  successors: UnitSuccessor[];
}

/** RFC 9457 problem details, as every `/api` error is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}

export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The problem+json body, or null when the answer had none (network failure, proxy page). */
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, cause?: unknown) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`, { cause });
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

let requestLanguage = 'vi';
let onUnauthorized: (() => void) | null = null;

/** The language sent as `Accept-Language`, so server messages come back in it. */
export function setRequestLanguage(language: string): void {
  requestLanguage = language;
}

/** Called when a request made while signed in answers 401 (the session ended on the server). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'title' in body;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Whether a 401 means "the session expired" (false for the sign-in and session probes). */
  sessionRequired?: boolean;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': requestLanguage,
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, null, error);
  }

  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;

  if (response.status === 401 && options.sessionRequired !== false) onUnauthorized?.();
  throw new ApiError(response.status, isProblem(body) ? body : null);
}

export const api = {
  health: () => request<Health>('/health', { sessionRequired: false }),
  me: () => request<{ user: Me }>('/me', { sessionRequired: false }),
  login: (username: string, password: string) =>
    request<{ user: Me }>('/auth/login', { method: 'POST', body: { username, password }, sessionRequired: false }),
  logout: () => request<void>('/auth/logout', { method: 'POST', sessionRequired: false }),
  units: (date: string, signal?: AbortSignal) =>
    request<{ date: string; units: Unit[] }>(`/units?date=${encodeURIComponent(date)}`, { signal }),
  unit: (code: string, date: string, signal?: AbortSignal) =>
    request<UnitDetail>(`/units/${encodeURIComponent(code)}?date=${encodeURIComponent(date)}`, { signal }),
};
