/**
 * Who may call which API route, checked as soon as the route is known (before the body is read
 * or validated): signed out → 401, a role the route is not for → 403. The services still check
 * the role (`assertRole`) and the scope (`communeScope`) themselves, because the command line
 * and other use cases call them without HTTP; this table is the readable summary of SPEC §1 and
 * keeps a forbidden caller from learning anything from validation messages.
 *
 * A route missing from `ROUTE_ROLES` is only required to be signed in (its service decides the
 * rest); the access matrix test (`test/api/access-matrix.test.ts`) fails for any route that its
 * own table lacks.
 */
import type { FastifyRequest } from 'fastify';
import type { RoleCode } from '../../db/schema.js';
import { forbidden, unauthorized } from '../../server/problem.js';

/** Routes anyone may call: health, the OpenAPI document, sign-in and sign-out. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  'POST /api/auth/logout',
]);

const ADMIN: readonly RoleCode[] = ['province_admin'];
const PROJECT_EDITORS: readonly RoleCode[] = ['province_admin', 'province_agency'];
const REGISTRY_READERS: readonly RoleCode[] = ['province_admin', 'district_officer', 'commune_officer', 'reviewer', 'supervisor'];
const REGISTRY_EDITORS: readonly RoleCode[] = ['province_admin', 'district_officer', 'commune_officer', 'reviewer'];
const LOCAL_OFFICERS: readonly RoleCode[] = ['province_admin', 'district_officer', 'commune_officer'];
const ROUND_WRITERS: readonly RoleCode[] = ['province_admin', 'commune_officer'];
const SURVEY_WRITERS: readonly RoleCode[] = ['province_admin', 'commune_officer', 'reviewer'];
const REPORT_SUBMITTERS: readonly RoleCode[] = ['province_admin', 'province_agency', 'district_officer', 'commune_officer'];
const AUDIT_READERS: readonly RoleCode[] = ['province_admin', 'supervisor'];

/**
 * Routes limited to some roles, as `METHOD /api/path` with Fastify's parameter names. Finer
 * rules stay in the services: an agency edits only its own projects, a district officer records
 * only the district step, every record is looked up inside the caller's scope (else 404).
 */
export const ROUTE_ROLES: Readonly<Record<string, readonly RoleCode[]>> = {
  'GET /api/households': REGISTRY_READERS,
  'GET /api/households/count': REGISTRY_READERS,
  'GET /api/households/filters': REGISTRY_READERS,
  'GET /api/households/villages': REGISTRY_READERS,
  'GET /api/households/export': REGISTRY_READERS,
  'GET /api/households/:code': REGISTRY_READERS,
  'POST /api/households': REGISTRY_EDITORS,
  'PUT /api/households/:code': REGISTRY_EDITORS,
  'POST /api/households/:code/move': LOCAL_OFFICERS,
  'POST /api/households/:code/dissolve': LOCAL_OFFICERS,

  'POST /api/imports/uploads': REGISTRY_EDITORS,
  'POST /api/imports/households': REGISTRY_EDITORS,
  'GET /api/imports/:id': REGISTRY_EDITORS,
  'GET /api/imports/:id/problems.xlsx': REGISTRY_EDITORS,

  'POST /api/targets': ADMIN,
  'PUT /api/targets/:id': ADMIN,
  'DELETE /api/targets/:id': ADMIN,
  'POST /api/targets/aggregates/refresh': ADMIN,

  'PUT /api/program/projects/:code/agencies': ADMIN,
  'PATCH /api/program/tasks/:planId/:taskId': PROJECT_EDITORS,
  'PUT /api/program/years/:programCode/:year': ADMIN,
  'POST /api/program/budget-lines': PROJECT_EDITORS,
  'PUT /api/program/budget-lines/:id': PROJECT_EDITORS,
  'POST /api/program/allocations/preview': PROJECT_EDITORS,
  'POST /api/program/allocations': PROJECT_EDITORS,
  'POST /api/program/outputs': PROJECT_EDITORS,
  'PUT /api/program/outputs/:id': PROJECT_EDITORS,
  'POST /api/program/twinnings': PROJECT_EDITORS,
  'PUT /api/program/households/:code/support-plan': LOCAL_OFFICERS,
  'POST /api/program/households/:code/support-plan/items': LOCAL_OFFICERS,
  'PUT /api/program/households/:code/support-plan/items/:id': LOCAL_OFFICERS,

  // A survey holds each member's facts (names, birth dates); an agency reads aggregates only.
  'GET /api/review/rounds/:id/households/:code/survey': REGISTRY_READERS,
  'GET /api/review/rounds/:id/surveys/template.xlsx': SURVEY_WRITERS,
  'POST /api/review/rounds': ROUND_WRITERS,
  'POST /api/review/rounds/:id/households': ROUND_WRITERS,
  'POST /api/review/rounds/:id/households/:code/remove': ROUND_WRITERS,
  'PUT /api/review/rounds/:id/households/:code/survey': SURVEY_WRITERS,
  'POST /api/review/rounds/:id/steps': ['province_admin', 'commune_officer', 'district_officer'],
  'POST /api/review/rounds/:id/reopen': ADMIN,
  'POST /api/review/requests': ROUND_WRITERS,
  'POST /api/review/rounds/:id/surveys/import': SURVEY_WRITERS,

  'PUT /api/reports/obligations/:id': ADMIN,
  'GET /api/reports/parties': ADMIN,
  'POST /api/reports/submissions/:id/attachments': REPORT_SUBMITTERS,
  'DELETE /api/reports/attachments/:id': REPORT_SUBMITTERS,
  'POST /api/reports/submissions': REPORT_SUBMITTERS,
  'POST /api/reports/submissions/:id/return': ADMIN,
  'POST /api/reports/submissions/:id/accept': ADMIN,

  'GET /api/audit': AUDIT_READERS,

  'GET /api/users': ADMIN,
  'GET /api/users/options': ADMIN,
  'POST /api/users': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/disable': ADMIN,
  'POST /api/users/:id/enable': ADMIN,
  'POST /api/users/:id/password': ADMIN,
  'POST /api/users/:id/unlock': ADMIN,
  'POST /api/users/:id/end-sessions': ADMIN,
};

/** The key of a route in the tables above; HEAD is answered by the GET route. */
export function routeKey(method: string, url: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}

/**
 * The `onRequest` hook of the API: runs after the session has been read into `request.actor`.
 * Every route but the public ones needs a session; unknown addresses pass on to the 404 handler.
 */
export async function checkRouteAccess(request: FastifyRequest): Promise<void> {
  const url = request.routeOptions.url;
  if (!url || !url.startsWith('/api/')) return;
  const key = routeKey(request.method, url);
  if (PUBLIC_ROUTES.has(key)) return;
  if (!request.actor) throw request.sessionProblem ?? unauthorized();
  const roles = ROUTE_ROLES[key];
  if (roles && !roles.includes(request.actor.role)) throw forbidden();
}
