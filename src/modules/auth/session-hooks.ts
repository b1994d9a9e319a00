/**
 * Session handling for every `/api` request, in one `onRequest` hook: refuse unsafe requests from
 * other sites, resolve the session cookie to an actor (or to why the session ended), require the
 * CSRF token on unsafe requests made with a session, and hold a user who must change the password
 * an administrator gave them to the few routes that allow it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ProvinceSetting } from '../access/scope.repository.js';
import { HttpProblem } from '../../server/problem.js';
import { SESSION_COOKIE, resolveSession, sessionEndedProblem } from './auth.service.js';
import { CSRF_COOKIE, checkCsrfToken, csrfTokenFor, isCrossSiteRequest, isUnsafeMethod } from './csrf.js';
import type { SecuritySettings } from './security-settings.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session cookie's token when it names a live session. */
    sessionToken: string | null;
    /** Why the request's session cookie no longer counts (401 with this problem), if it does not. */
    sessionProblem: HttpProblem | null;
    /** The signed-in user must change an administrator's password first. */
    mustChangePassword: boolean;
  }
}

/** Sign-in has no session yet: it is guarded by the cross-site check and its JSON-only body. */
const WITHOUT_CSRF_TOKEN = new Set(['POST /api/auth/login']);

/** Routes that work without a session, so a dead session cookie does not stop them. */
const OPEN_WITH_ENDED_SESSION = new Set(['GET /api/health', 'GET /api/openapi.json', 'POST /api/auth/login', 'POST /api/auth/logout']);

/** What a user holding an administrator's password may still do. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  'GET /api/health',
  'GET /api/me',
  'GET /api/auth/sessions',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/logout-everywhere',
  'POST /api/auth/password',
]);

export function setSessionCookies(reply: FastifyReply, request: FastifyRequest, token: string, expires: Date): void {
  const common = { path: '/', sameSite: 'strict' as const, secure: request.protocol === 'https', expires };
  reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  // Readable by the page (not HttpOnly), which sends it back as X-CSRF-Token.
  reply.setCookie(CSRF_COOKIE, csrfTokenFor(token), { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export function registerSessionHandling(
  app: FastifyInstance,
  options: { db: Kysely<Database>; province: ProvinceSetting; settings: SecuritySettings },
): void {
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('sessionProblem', null);
  app.decorateRequest('mustChangePassword', false);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const unsafe = isUnsafeMethod(request.method);
    if (unsafe && isCrossSiteRequest(request)) throw new HttpProblem(403, 'csrf.cross_site', {}, { titleKey: 'csrf.title' });
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    const session = await resolveSession(options.db, token, options.province, options.settings);
    if (session.kind === 'ended') {
      request.sessionProblem = sessionEndedProblem(session.reason, options.settings);
      clearSessionCookies(reply);
      // Say why at once, before any route check answers a plain "please sign in".
      if (request.routeOptions.url && !OPEN_WITH_ENDED_SESSION.has(route)) throw request.sessionProblem;
      return;
    }
    if (unsafe && !WITHOUT_CSRF_TOKEN.has(route)) {
      const problem = checkCsrfToken(request, token);
      if (problem) throw new HttpProblem(403, problem, {}, { titleKey: 'csrf.title' });
    }
    request.actor = session.actor;
    request.sessionToken = token;
    request.mustChangePassword = session.mustChangePassword;
    if (session.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(route)) {
      throw new HttpProblem(403, 'password.must_change');
    }
  });
}
