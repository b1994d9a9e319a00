/** An in-process API client over `app.inject`, with a cookie jar per signed-in user. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface ApiClient {
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  login(username: string, password: string): Promise<LightMyRequestResponse>;
}

export function apiClient(app: FastifyInstance): ApiClient {
  let cookie: string | undefined;
  const client: ApiClient = {
    async request(method, url, body, headers = {}) {
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: { ...(cookie ? { cookie } : {}), ...headers },
        ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
      });
      const setCookie = response.cookies.find((c) => c.name === 'gnbv_session');
      if (setCookie) cookie = setCookie.value ? `gnbv_session=${setCookie.value}` : undefined;
      return response;
    },
    get: (url, headers) => client.request('GET', url, undefined, headers),
    post: (url, body, headers) => client.request('POST', url, body, headers),
    login: (username, password) => client.post('/api/auth/login', { username, password }),
  };
  return client;
}
