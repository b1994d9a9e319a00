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
  /** An administrator set the password: the app asks for a new one before anything else. */
  mustChangePassword: boolean;
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

/** The readable cookie the server sets at sign-in; its value goes back in the header below. */
const CSRF_COOKIE = 'gnbv_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The signed-in session's CSRF token, or null when signed out. */
export function csrfToken(): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Headers to add to a POST, PUT, PATCH or DELETE sent to `/api` without `request()` below. */
export function csrfHeaders(): Record<string, string> {
  const token = csrfToken();
  return token ? { [CSRF_HEADER]: token } : {};
}

/**
 * The server refuses a POST, PUT, PATCH or DELETE made with the session cookie unless it carries
 * the CSRF token. Some pages call `fetch` themselves (file uploads, streamed imports), so the token
 * is added to every same-origin unsafe `fetch` of the page here, once, rather than in each of them.
 * It never goes to another origin.
 */
function sendCsrfTokenWithFetch(): void {
  if (typeof window === 'undefined' || typeof window.fetch !== 'function') return;
  const nativeFetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const token = UNSAFE_METHODS.has(method) ? csrfToken() : null;
    if (!token) return nativeFetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    if (url.origin !== window.location.origin) return nativeFetch(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has(CSRF_HEADER)) headers.set(CSRF_HEADER, token);
    return nativeFetch(input, { ...init, headers });
  };
}

sendCsrfTokenWithFetch();

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
  if (UNSAFE_METHODS.has(options.method ?? 'GET')) Object.assign(headers, csrfHeaders());

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
  logoutEverywhere: () => request<{ endedSessions: number }>('/auth/logout-everywhere', { method: 'POST' }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ endedSessions: number }>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
  units: (date: string, signal?: AbortSignal) =>
    request<{ date: string; units: Unit[] }>(`/units?date=${encodeURIComponent(date)}`, { signal }),
  unit: (code: string, date: string, signal?: AbortSignal) =>
    request<UnitDetail>(`/units/${encodeURIComponent(code)}?date=${encodeURIComponent(date)}`, { signal }),
};
