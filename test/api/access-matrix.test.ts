/**
 * Access proven for every route: the routes are collected from the running app, and each is
 * called signed out and as each demo role, with the expectations of the table below (SPEC §1):
 * signed out → 401 (but the public routes); a role the route is not for → 403; a record outside
 * the caller's scope → 404 (the answer for a record that does not exist, so nothing leaks);
 * an allowed caller gets past the access check.
 *
 * "Past the access check" (the rule for requests that carry no valid body): a GET answers 2xx; an
 * unsafe method answers 2xx, or 400/409/422 — the body was judged, which only happens after the
 * role check (the API refuses a forbidden role before reading the body, src/modules/access/route-access.ts).
 * Unsafe calls send `{}` unless the table gives a body; bodies that would change data carry a
 * stale version (→ 409 for an allowed caller), so no call changes what a later call sees — except
 * the aggregate refresh, which rebuilds the same rows. One server serves every caller.
 *
 * A route the app has and the table lacks fails the test, naming the route.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { seedDemoProvince } from '../../src/modules/demo/demo-seed.js';
import { seedDemoReviewResults } from '../../src/modules/review/demo-review.js';
import { refreshAggregates } from '../../src/modules/targets/refresh-aggregates.js';
import { DEMO_PASSWORD, createDemoUsers, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { buildApp } from '../../src/server/app.js';
import { type ApiClient, apiClient } from '../support/api-client.js';
import { type TestDatabase, createTestDatabase } from '../support/database.js';

const USERS = ['admin', 'agency', 'district', 'commune', 'reviewer', 'supervisor'] as const;
type User = (typeof USERS)[number];
type Caller = User | 'anonymous';
/** Users whose scope is a set of communes: records elsewhere must be 404 for them. */
const SCOPED: readonly User[] = ['district', 'commune', 'reviewer'];

const ALL: readonly User[] = USERS;
const ADMIN: readonly User[] = ['admin'];
const PROJECT_EDITORS: readonly User[] = ['admin', 'agency'];
const REGISTRY_READERS: readonly User[] = ['admin', 'district', 'commune', 'reviewer', 'supervisor'];
const REGISTRY_EDITORS: readonly User[] = ['admin', 'district', 'commune', 'reviewer'];
const LOCAL_OFFICERS: readonly User[] = ['admin', 'district', 'commune'];
const ROUND_WRITERS: readonly User[] = ['admin', 'commune'];

/** Records the requests name: inside the demo district (630) and commune (23830), and outside. */
interface Fixture {
  household: string;
  otherHousehold: string;
  round: number;
  roundHousehold: string;
  otherRound: number;
  otherRoundHousehold: string;
  otherDistrict: string;
  otherCommune: string;
  targetId: number;
  program: string;
  year: number;
}

interface Probe {
  url: string;
  body?: unknown;
}

interface RouteRule {
  /** Who may call it: `public` (anyone, signed in or not) or the users whose roles it is for. */
  allow: 'public' | readonly User[];
  /** The request; the route's own path (no parameters) when left out. */
  probe?: (f: Fixture) => Probe;
  /** The same request on a record outside the district's and the commune's scope (→ 404 for them). */
  outOfScope?: (f: Fixture) => Probe;
  /** What an allowed caller gets when it is not the default (see the file comment), and why. */
  allowedStatus?: readonly number[];
  /** What the out-of-scope request gets: 404 (a record hidden) unless said otherwise. */
  outOfScopeStatus?: number;
  /** The call ends the caller's sessions: the caller signs in again after it. */
  endsSession?: boolean;
}

/** A version no record has: an allowed write is refused as stale (409) and changes nothing. */
const STALE = 999_999;
const NO_RUN = '00000000-0000-4000-8000-000000000000';
const NO_USER = 999_999;
const NO_RECORD = 999_999;
const moveBody = { version: STALE, communeCode: '23830', village: 'Làng thử', date: '2025-01-02' };
const dissolveBody = { version: STALE, date: '2025-01-02', reason: 'Kiểm tra quyền' };
const supportItem = { supportCode: 'HT-KIEM-TRA', amount: 0, plannedDate: '2025-01-02' };

const ACCESS: Record<string, RouteRule> = {
  // System and sign-in
  'GET /api/health': { allow: 'public' },
  'GET /api/openapi.json': { allow: 'public' },
  'POST /api/auth/login': { allow: 'public' },
  'POST /api/auth/logout': { allow: 'public' },
  'GET /api/me': { allow: ALL },
  'GET /api/auth/sessions': { allow: ALL },
  'POST /api/auth/password': { allow: ALL },
  'POST /api/auth/logout-everywhere': { allow: ALL, endsSession: true },

  // Users (province admin); no user has the id 999999, so an allowed call changes nobody.
  'GET /api/users': { allow: ADMIN },
  'GET /api/users/options': { allow: ADMIN },
  'POST /api/users': { allow: ADMIN },
  'PATCH /api/users/:id': { allow: ADMIN, probe: () => ({ url: `/api/users/${NO_USER}` }) },
  'POST /api/users/:id/disable': { allow: ADMIN, probe: () => ({ url: `/api/users/${NO_USER}/disable` }) },
  'POST /api/users/:id/enable': { allow: ADMIN, probe: () => ({ url: `/api/users/${NO_USER}/enable` }) },
  'POST /api/users/:id/password': { allow: ADMIN, probe: () => ({ url: `/api/users/${NO_USER}/password` }) },
  'POST /api/users/:id/unlock': { allow: ADMIN, probe: () => ({ url: `/api/users/${NO_USER}/unlock` }), allowedStatus: [404] },
  'POST /api/users/:id/end-sessions': { allow: ADMIN, probe: () => ({ url: `/api/users/${NO_USER}/end-sessions` }), allowedStatus: [404] },

  // Reference data and the engine
  'GET /api/units': { allow: ALL },
  'GET /api/units/:code': { allow: ALL, probe: () => ({ url: '/api/units/630' }) },
  'GET /api/standards': { allow: ALL },
  'POST /api/classify': { allow: ALL, probe: () => ({ url: '/api/classify', body: [] }) },
  'POST /api/summarize': { allow: ALL, probe: () => ({ url: '/api/summarize', body: [] }) },

  // Household registry
  'GET /api/households': { allow: REGISTRY_READERS },
  'GET /api/households/count': { allow: REGISTRY_READERS },
  'GET /api/households/filters': { allow: REGISTRY_READERS },
  'GET /api/households/villages': { allow: REGISTRY_READERS, probe: () => ({ url: '/api/households/villages?commune=23830' }) },
  'GET /api/households/export': { allow: REGISTRY_READERS, probe: () => ({ url: '/api/households/export?format=csv' }) },
  'GET /api/households/:code': {
    allow: REGISTRY_READERS,
    probe: (f) => ({ url: `/api/households/${f.household}` }),
    outOfScope: (f) => ({ url: `/api/households/${f.otherHousehold}` }),
  },
  'POST /api/households': {
    allow: REGISTRY_EDITORS,
    // Writing into a commune outside the scope is an action refused (403), not a record hidden.
    outOfScope: (f) => ({ url: '/api/households', body: { ...householdBody(), version: undefined, communeCode: f.otherCommune, village: 'Làng thử' } }),
    outOfScopeStatus: 403,
  },
  'PUT /api/households/:code': {
    allow: REGISTRY_EDITORS,
    probe: (f) => ({ url: `/api/households/${f.household}`, body: householdBody() }),
    outOfScope: (f) => ({ url: `/api/households/${f.otherHousehold}`, body: householdBody() }),
  },
  'POST /api/households/:code/move': {
    allow: LOCAL_OFFICERS,
    probe: (f) => ({ url: `/api/households/${f.household}/move`, body: moveBody }),
    outOfScope: (f) => ({ url: `/api/households/${f.otherHousehold}/move`, body: moveBody }),
  },
  'POST /api/households/:code/dissolve': {
    allow: LOCAL_OFFICERS,
    probe: (f) => ({ url: `/api/households/${f.household}/dissolve`, body: dissolveBody }),
    outOfScope: (f) => ({ url: `/api/households/${f.otherHousehold}/dissolve`, body: dissolveBody }),
  },

  // Imports
  'GET /api/imports/template.xlsx': { allow: ALL },
  'GET /api/imports/template-households.csv': { allow: ALL },
  'GET /api/imports/template-members.csv': { allow: ALL },
  'POST /api/imports/uploads': { allow: REGISTRY_EDITORS },
  'POST /api/imports/households': { allow: REGISTRY_EDITORS },
  'GET /api/imports/:id': { allow: REGISTRY_EDITORS, probe: () => ({ url: `/api/imports/${NO_RUN}` }), allowedStatus: [404] },
  'GET /api/imports/:id/problems.xlsx': {
    allow: REGISTRY_EDITORS,
    probe: () => ({ url: `/api/imports/${NO_RUN}/problems.xlsx` }),
    allowedStatus: [404],
  },

  // Targets and the dashboard
  'GET /api/targets': { allow: ALL },
  'POST /api/targets': { allow: ADMIN },
  'PUT /api/targets/:id': { allow: ADMIN, probe: (f) => ({ url: `/api/targets/${f.targetId}` }) },
  'DELETE /api/targets/:id': { allow: ADMIN, probe: (f) => ({ url: `/api/targets/${f.targetId}?version=${STALE}` }) },
  'GET /api/targets/cascade': { allow: ALL, probe: (f) => ({ url: `/api/targets/cascade?year=${f.year}` }) },
  'POST /api/targets/aggregates/refresh': { allow: ADMIN },
  'GET /api/dashboard': {
    allow: ALL,
    probe: (f) => ({ url: `/api/dashboard?year=${f.year}` }),
    outOfScope: (f) => ({ url: `/api/dashboard?unit=${f.otherDistrict}&year=${f.year}` }),
  },

  'GET /api/dashboard/export': {
    allow: ALL,
    probe: (f) => ({ url: `/api/dashboard/export?year=${f.year}&table=units&format=csv` }),
    outOfScope: (f) => ({ url: `/api/dashboard/export?unit=${f.otherDistrict}&year=${f.year}&table=units&format=csv` }),
  },

  // Program, budget and support
  'GET /api/program/projects': { allow: ALL },
  'PUT /api/program/projects/:code/agencies': { allow: ADMIN, probe: () => ({ url: '/api/program/projects/DA1/agencies' }) },
  'GET /api/program/tasks': { allow: ALL, probe: (f) => ({ url: `/api/program/tasks?year=${f.year}` }) },
  'PATCH /api/program/tasks/:planId/:taskId': { allow: PROJECT_EDITORS, probe: () => ({ url: '/api/program/tasks/p/t' }) },
  'GET /api/program/budget': { allow: ALL, probe: (f) => ({ url: `/api/program/budget?programCode=${f.program}&year=${f.year}` }) },
  'PUT /api/program/years/:programCode/:year': { allow: ADMIN, probe: (f) => ({ url: `/api/program/years/${f.program}/${f.year}` }) },
  'POST /api/program/budget-lines': { allow: PROJECT_EDITORS },
  'PUT /api/program/budget-lines/:id': { allow: PROJECT_EDITORS, probe: () => ({ url: '/api/program/budget-lines/1' }) },
  'GET /api/program/allocation-counts': { allow: ALL },
  'POST /api/program/allocations/preview': { allow: PROJECT_EDITORS },
  'POST /api/program/allocations': { allow: PROJECT_EDITORS },
  'GET /api/program/allocations': { allow: ALL, probe: (f) => ({ url: `/api/program/allocations?programCode=${f.program}&year=${f.year}` }) },
  'GET /api/program/outputs': { allow: ALL, probe: (f) => ({ url: `/api/program/outputs?programCode=${f.program}&year=${f.year}` }) },
  'POST /api/program/outputs': { allow: PROJECT_EDITORS },
  'PUT /api/program/outputs/:id': { allow: PROJECT_EDITORS, probe: () => ({ url: '/api/program/outputs/1' }) },
  'GET /api/program/households/:code/support-plan': {
    allow: ALL,
    probe: (f) => ({ url: `/api/program/households/${f.household}/support-plan` }),
    outOfScope: (f) => ({ url: `/api/program/households/${f.otherHousehold}/support-plan` }),
  },
  'PUT /api/program/households/:code/support-plan': {
    allow: LOCAL_OFFICERS,
    probe: (f) => ({ url: `/api/program/households/${f.household}/support-plan` }),
    outOfScope: (f) => ({ url: `/api/program/households/${f.otherHousehold}/support-plan`, body: { helperName: null, helperKind: null, version: STALE } }),
  },
  'POST /api/program/households/:code/support-plan/items': {
    allow: LOCAL_OFFICERS,
    probe: (f) => ({ url: `/api/program/households/${f.household}/support-plan/items` }),
    outOfScope: (f) => ({ url: `/api/program/households/${f.otherHousehold}/support-plan/items`, body: supportItem }),
  },
  'PUT /api/program/households/:code/support-plan/items/:id': {
    allow: LOCAL_OFFICERS,
    probe: (f) => ({ url: `/api/program/households/${f.household}/support-plan/items/1` }),
    outOfScope: (f) => ({ url: `/api/program/households/${f.otherHousehold}/support-plan/items/1`, body: { ...supportItem, version: STALE } }),
  },
  'GET /api/program/support-gaps': { allow: ALL },
  'GET /api/program/twinnings': { allow: ALL },
  'GET /api/program/agencies': { allow: ALL },
  'POST /api/program/twinnings': { allow: PROJECT_EDITORS },

  // The review
  'GET /api/review/rounds': { allow: ALL },
  'POST /api/review/rounds': {
    allow: ROUND_WRITERS,
    outOfScope: (f) => ({ url: '/api/review/rounds', body: { kind: 'periodic', period: '2024', communeCode: f.otherCommune } }),
  },
  'GET /api/review/rounds/:id': {
    allow: ALL,
    probe: (f) => ({ url: `/api/review/rounds/${f.round}` }),
    outOfScope: (f) => ({ url: `/api/review/rounds/${f.otherRound}` }),
  },
  'POST /api/review/rounds/:id/households': {
    allow: ROUND_WRITERS,
    probe: (f) => ({ url: `/api/review/rounds/${f.round}/households` }),
    outOfScope: (f) => ({ url: `/api/review/rounds/${f.otherRound}/households`, body: { householdCode: f.otherRoundHousehold, reason: 'Kiểm tra quyền' } }),
  },
  'POST /api/review/rounds/:id/households/:code/remove': {
    allow: ROUND_WRITERS,
    probe: (f) => ({ url: `/api/review/rounds/${f.round}/households/${f.roundHousehold}/remove` }),
    outOfScope: (f) => ({ url: `/api/review/rounds/${f.otherRound}/households/${f.otherRoundHousehold}/remove`, body: { reason: 'Kiểm tra quyền' } }),
  },
  // A survey holds each member's facts (names, birth dates): not for an agency, which reads aggregates.
  'GET /api/review/rounds/:id/households/:code/survey': {
    allow: REGISTRY_READERS,
    probe: (f) => ({ url: `/api/review/rounds/${f.round}/households/${f.roundHousehold}/survey` }),
    outOfScope: (f) => ({ url: `/api/review/rounds/${f.otherRound}/households/${f.otherRoundHousehold}/survey` }),
  },
  'PUT /api/review/rounds/:id/households/:code/survey': {
    allow: ['admin', 'commune', 'reviewer'],
    probe: (f) => ({ url: `/api/review/rounds/${f.round}/households/${f.roundHousehold}/survey` }),
  },
  'GET /api/review/rounds/:id/households/:code/certificate.pdf': {
    allow: ALL,
    probe: (f) => ({ url: `/api/review/rounds/${f.round}/households/${f.roundHousehold}/certificate.pdf` }),
    outOfScope: (f) => ({ url: `/api/review/rounds/${f.otherRound}/households/${f.otherRoundHousehold}/certificate.pdf` }),
  },
  'POST /api/review/rounds/:id/steps': {
    allow: ['admin', 'commune', 'district'],
    probe: (f) => ({ url: `/api/review/rounds/${f.round}/steps` }),
    // The district step, which a district officer may record (any other step is refused to it first).
    outOfScope: (f) => ({ url: `/api/review/rounds/${f.otherRound}/steps`, body: { step: 'district', date: '2022-11-05' } }),
  },
  'POST /api/review/rounds/:id/reopen': { allow: ADMIN, probe: (f) => ({ url: `/api/review/rounds/${f.round}/reopen` }) },
  'GET /api/review/rounds/:id/posting.pdf': {
    allow: ALL,
    probe: (f) => ({ url: `/api/review/rounds/${f.round}/posting.pdf` }),
    outOfScope: (f) => ({ url: `/api/review/rounds/${f.otherRound}/posting.pdf` }),
  },
  // The survey import template is filled with the round's members' facts: for those who import surveys.
  'GET /api/review/rounds/:id/surveys/template.xlsx': {
    allow: ['admin', 'commune', 'reviewer'],
    probe: (f) => ({ url: `/api/review/rounds/${f.round}/surveys/template.xlsx` }),
    outOfScope: (f) => ({ url: `/api/review/rounds/${f.otherRound}/surveys/template.xlsx` }),
  },
  'POST /api/review/rounds/:id/surveys/import': {
    allow: ['admin', 'commune', 'reviewer'],
    probe: (f) => ({ url: `/api/review/rounds/${f.round}/surveys/import?dryRun=1` }),
    allowedStatus: [400, 409, 415, 422],
  },
  'GET /api/review/requests': { allow: ALL },
  'POST /api/review/requests': {
    allow: ROUND_WRITERS,
    outOfScope: (f) => ({ url: '/api/review/requests', body: { householdCode: f.otherHousehold, kind: 'recognise_poor', receivedOn: '2025-01-02' } }),
  },
  'GET /api/review/progress': { allow: ALL, probe: (f) => ({ url: `/api/review/progress?kind=periodic&period=${f.year}` }) },
  'GET /api/review/movements': { allow: ALL, probe: () => ({ url: '/api/review/movements?from=2021-12-31&to=2022-12-31' }) },

  // Reports and deadlines
  'GET /api/reports/obligations': { allow: ALL, probe: (f) => ({ url: `/api/reports/obligations?year=${f.year}` }) },
  'PUT /api/reports/obligations/:id': { allow: ADMIN, probe: () => ({ url: '/api/reports/obligations/1' }) },
  'POST /api/reports/submissions': { allow: ['admin', 'agency', 'district', 'commune'] },
  'POST /api/reports/submissions/:id/return': { allow: ADMIN, probe: () => ({ url: '/api/reports/submissions/1/return' }) },
  'POST /api/reports/submissions/:id/accept': { allow: ADMIN, probe: () => ({ url: '/api/reports/submissions/1/accept' }) },
  'GET /api/reports/parties': { allow: ADMIN },
  // No attachment or submission has the id 999999: an allowed caller is told so (404).
  'POST /api/reports/submissions/:id/attachments': {
    allow: ['admin', 'agency', 'district', 'commune'],
    probe: () => ({ url: `/api/reports/submissions/${NO_RECORD}/attachments?name=a.pdf` }),
    allowedStatus: [400, 404, 415],
  },
  'DELETE /api/reports/attachments/:id': {
    allow: ['admin', 'agency', 'district', 'commune'],
    probe: () => ({ url: `/api/reports/attachments/${NO_RECORD}` }),
    allowedStatus: [404],
  },
  'GET /api/reports/attachments/:id': { allow: ALL, probe: () => ({ url: `/api/reports/attachments/${NO_RECORD}` }), allowedStatus: [404] },
  'GET /api/reports/completeness': { allow: ALL, probe: (f) => ({ url: `/api/reports/completeness?year=${f.year}` }) },
  'GET /api/reports/reminders': { allow: ALL, probe: (f) => ({ url: `/api/reports/reminders?year=${f.year}` }) },
  'GET /api/reports/:name': {
    allow: ALL,
    probe: (f) => ({ url: `/api/reports/summary?year=${f.year}` }),
    outOfScope: (f) => ({ url: `/api/reports/summary?year=${f.year}&unit=${f.otherDistrict}` }),
  },

  // Audit
  'GET /api/audit': { allow: ['admin', 'supervisor'] },
};

/** A well-formed household body (facts are checked only after scope and version). */
function householdBody() {
  return {
    version: STALE,
    headName: 'Kiểm Tra Quyền',
    area: 'rural',
    members: [
      {
        fullName: 'Kiểm Tra Quyền',
        sex: 'male',
        birthDate: '1980-01-01',
        relation: 'Chủ hộ',
        employment: 'self_employed',
        healthInsurance: true,
        attendingSchool: false,
        educationLevel: 'lower_secondary',
      },
    ],
  };
}

/** Every `METHOD /api/...` route of the app, from its route tree (HEAD is GET's, not listed). */
function collectRoutes(app: FastifyInstance): string[] {
  const routes = new Set<string>();
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (prefixes[depth - 1] ?? '') + (match[2] ?? '');
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (method && method !== 'HEAD' && method !== 'OPTIONS' && path.startsWith('/api/')) routes.add(`${method} ${path}`);
    }
  }
  return [...routes].sort();
}

let database: TestDatabase;
let app: FastifyInstance;
let fixture: Fixture;
const clients = new Map<Caller, ApiClient>();

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database.handle;
  await seedDemoProvince(db, { households: 400 });
  await createDemoUsers(db);
  await seedDemoReviewResults(db);
  await refreshAggregates(db, (await readProvinceSetting(db)).code);
  app = await buildApp({
    handle: database.handle,
    province: await readProvinceSetting(db),
    demoUsers: await listDemoUsernames(db),
    version: 'test',
    loginAttemptsPerMinute: 1_000,
  });
  clients.set('anonymous', apiClient(app));
  for (const username of USERS) {
    const client = apiClient(app);
    expect((await client.login(username, DEMO_PASSWORD)).statusCode).toBe(200);
    clients.set(username, client);
  }

  const one = async <T>(query: ReturnType<typeof sql<T>>): Promise<T> => {
    const row = (await query.execute(db)).rows[0];
    if (!row) throw new Error('fixture: no row');
    return row;
  };
  // The commune officer's communes (23830 since 2025, and 23827 merged into it) lie in Kông Chro (630).
  const household = await one(sql<{ code: string }>`
    select code from household where commune_code in ('23827', '23830') and dissolved_at is null order by code limit 1`);
  const otherHousehold = await one(sql<{ code: string; district: string; commune: string }>`
    select h.code, u.parent_code as district, h.commune_code as commune
      from household h join admin_unit u on u.code = h.commune_code
     where u.parent_code <> '630' and h.dissolved_at is null order by h.code limit 1`);
  const round = await one(sql<{ id: number; code: string }>`
    select r.id, rh.household_code as code from review_round r
      join review_household rh on rh.province_code = r.province_code and rh.round_id = r.id
     where r.commune_code in ('23827', '23830') order by r.id, rh.household_code limit 1`);
  const otherRound = await one(sql<{ id: number; code: string }>`
    select r.id, rh.household_code as code from review_round r
      join review_household rh on rh.province_code = r.province_code and rh.round_id = r.id
      join admin_unit u on u.code = r.commune_code
     where u.parent_code <> '630' order by r.id, rh.household_code limit 1`);
  const target = await one(sql<{ id: number; year: number }>`select id, year from target order by id limit 1`);
  const program = await one(sql<{ code: string }>`select code from program order by code limit 1`);
  fixture = {
    household: household.code,
    otherHousehold: otherHousehold.code,
    round: round.id,
    roundHousehold: round.code,
    otherRound: otherRound.id,
    otherRoundHousehold: otherRound.code,
    otherDistrict: otherHousehold.district,
    otherCommune: otherHousehold.commune,
    targetId: target.id,
    program: program.code,
    year: 2022,
  };
});

afterAll(async () => {
  await app?.close();
  await database?.destroy();
});

function client(caller: Caller): ApiClient {
  const found = clients.get(caller);
  if (!found) throw new Error(`no client for ${caller}`);
  return found;
}

async function call(caller: Caller, method: string, probe: Probe) {
  const body = probe.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
  const response = await client(caller).request(method, probe.url, body);
  return { status: response.statusCode, text: response.body.slice(0, 300) };
}

const ALLOWED_UNSAFE = [400, 409, 422];

describe('access matrix', () => {
  it('knows every route the app has', () => {
    const unknown = collectRoutes(app).filter((route) => !(route in ACCESS));
    expect(unknown.map((route) => `${route}: add it to the access table of test/api/access-matrix.test.ts`)).toEqual([]);
  });

  it('lists no route the app lacks', () => {
    const routes = new Set(collectRoutes(app));
    expect(routes.size).toBeGreaterThan(60);
    expect(Object.keys(ACCESS).filter((route) => !routes.has(route))).toEqual([]);
  });

  // One test per route of the table (the two tests above tie the table to the app's routes).
  it.each(Object.keys(ACCESS))('%s: signed out, as every role and out of scope', async (route) => {
    const rule = ACCESS[route]!;
    const failures: string[] = [];
    const [method = 'GET', path = ''] = route.split(' ');
    const probe = rule.probe?.(fixture) ?? { url: path };
    const callers: readonly Caller[] = rule.allow === 'public' ? ['anonymous'] : ['anonymous', ...USERS];
    for (const caller of callers) {
      const { status, text } = await call(caller, method, probe);
      if (rule.endsSession && caller !== 'anonymous') {
        expect((await client(caller).login(caller, DEMO_PASSWORD)).statusCode).toBe(200);
      }
      let expected: string;
      let ok: boolean;
      if (rule.allow === 'public') {
        expected = 'not 401/403, below 500';
        ok = status !== 401 && status !== 403 && status < 500;
      } else if (caller === 'anonymous') {
        expected = '401';
        ok = status === 401;
      } else if (!rule.allow.includes(caller)) {
        expected = '403';
        ok = status === 403;
      } else if (rule.allowedStatus) {
        expected = `2xx or ${rule.allowedStatus.join('/')}`;
        ok = (status >= 200 && status < 300) || rule.allowedStatus.includes(status);
      } else if (method === 'GET') {
        expected = '2xx';
        ok = status >= 200 && status < 300;
      } else {
        expected = `2xx or ${ALLOWED_UNSAFE.join('/')}`;
        ok = (status >= 200 && status < 300) || ALLOWED_UNSAFE.includes(status);
      }
      if (!ok) failures.push(`as ${caller}: ${status}, expected ${expected} (${probe.url}) ${text}`);
    }
    if (rule.outOfScope && rule.allow !== 'public') {
      const outside = rule.outOfScope(fixture);
      for (const caller of SCOPED.filter((user) => (rule.allow as readonly User[]).includes(user))) {
        const { status, text } = await call(caller, method, outside);
        const expected = rule.outOfScopeStatus ?? 404;
        if (status !== expected) failures.push(`out of scope as ${caller}: ${status}, expected ${expected} (${outside.url}) ${text}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a forbidden role before reading the body: no validation details leak', async () => {
    const response = await client('supervisor').request('POST', '/api/households', { not: 'a household' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).not.toHaveProperty('errors');
    const anonymous = await client('anonymous').request('PUT', `/api/households/${fixture.household}`, {});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).not.toHaveProperty('errors');
  });
});
