/**
 * Cross-site request forgery protection for cookie sessions.
 *
 * The session cookie is HttpOnly and SameSite=Strict; on top of that every POST, PUT, PATCH and
 * DELETE made with a session must carry `X-CSRF-Token`, whose value is derived from the session's
 * own token (HMAC-SHA-256 keyed with it), so it is bound to that session, dies with it, and needs
 * no storage. The browser app reads it from the `gnbv_csrf` cookie (readable by the page, not
 * HttpOnly): another site can neither read that cookie nor set a header on a cross-site request.
 * A forged value set on the cookie (say from a sibling subdomain) does not help either, since it
 * must match the session token the attacker does not know (the "signed double-submit cookie").
 *
 * Independently, unsafe requests a browser marks as coming from another site
 * (`Sec-Fetch-Site: cross-site | same-site`, or, from browsers without it, an `Origin` other than
 * the server's host) are refused — this also covers sign-in, which has no session yet.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

export const CSRF_COOKIE = 'gnbv_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isUnsafeMethod(method: string): boolean {
  return UNSAFE_METHODS.has(method.toUpperCase());
}

/** The CSRF token of the session whose cookie token is given. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('gnbv-csrf-v1').digest('base64url');
}

export type CsrfProblem = 'csrf.missing' | 'csrf.invalid';

/** Null when the request's header matches the session's token. */
export function checkCsrfToken(request: FastifyRequest, sessionToken: string): CsrfProblem | null {
  const sent = request.headers[CSRF_HEADER];
  const value = Array.isArray(sent) ? sent[0] : sent;
  if (!value) return 'csrf.missing';
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(value);
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'csrf.invalid';
}

/** True when a browser says the request was sent by a page of another site. */
export function isCrossSiteRequest(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string') return fetchSite === 'cross-site' || fetchSite === 'same-site';
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}
