/**
 * An in-process API client over `app.inject`, with a cookie jar per signed-in user. Like the
 * browser app, it sends the CSRF token (the `gnbv_csrf` cookie's value) as `X-CSRF-Token` on every
 * POST, PUT, PATCH and DELETE; a test that passes its own `x-csrf-token` header wins, and an empty
 * one sends none.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface ApiClient {
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  login(username: string, password: string): Promise<LightMyRequestResponse>;
  /** The CSRF token of the current session, if signed in. */
  csrfToken(): string | undefined;
  /** The `cookie` header this client sends (session and CSRF cookies). */
  cookieHeader(): string | undefined;
}

const JAR_COOKIES = ['gnbv_session', 'gnbv_csrf'];
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function apiClient(app: FastifyInstance): ApiClient {
  const jar = new Map<string, string>();
  const cookieHeader = () =>
    jar.size === 0 ? undefined : [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const client: ApiClient = {
    async request(method, url, body, headers = {}) {
      const sent: Record<string, string> = {};
      const cookie = cookieHeader();
      if (cookie) sent.cookie = cookie;
      const token = jar.get('gnbv_csrf');
      if (token && UNSAFE_METHODS.has(method.toUpperCase())) sent['x-csrf-token'] = token;
      for (const [name, value] of Object.entries(headers)) {
        const key = name.toLowerCase();
        if (key === 'x-csrf-token' && value === '') delete sent[key];
        else sent[key] = value;
      }
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: sent,
        ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
      });
      for (const set of response.cookies) {
        if (!JAR_COOKIES.includes(set.name)) continue;
        const expired = set.expires !== undefined && new Date(set.expires).getTime() <= Date.now();
        if (set.value && !expired) jar.set(set.name, set.value);
        else jar.delete(set.name);
      }
      return response;
    },
    get: (url, headers) => client.request('GET', url, undefined, headers),
    post: (url, body, headers) => client.request('POST', url, body, headers),
    login: (username, password) => client.post('/api/auth/login', { username, password }),
    csrfToken: () => jar.get('gnbv_csrf'),
    cookieHeader,
  };
  return client;
}
