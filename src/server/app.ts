/**
 * The HTTP server: Fastify with Zod schemas (requests validated, OpenAPI generated), session
 * cookies, problem+json errors in Vietnamese or English, and the built browser app.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../db/engine.js';
import type { Actor } from '../modules/access/actor.js';
import type { ProvinceSetting } from '../modules/access/scope.repository.js';
import { SESSION_COOKIE } from '../modules/auth/auth.service.js';
import { type SecuritySettings, resolveSecuritySettings } from '../modules/auth/security-settings.js';
import { registerSessionHandling } from '../modules/auth/session-hooks.js';
import { securityHeaders } from '../modules/auth/security-headers.js';
import { userRoutes } from '../modules/users/users.routes.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { healthRoutes } from '../modules/health/health.routes.js';
import { importRoutes } from '../modules/imports/imports.routes.js';
import { programRoutes } from '../modules/program/program.routes.js';
import { standardsRoutes } from '../modules/standards/standards.routes.js';
import { reviewRoutes } from '../modules/review/review.routes.js';
import { reportRoutes } from '../modules/reports/reports.routes.js';
import { householdRoutes } from '../modules/households/households.routes.js';
import { unitRoutes } from '../modules/units/units.routes.js';
import { targetRoutes } from '../modules/targets/targets.routes.js';
import { checkRouteAccess } from '../modules/access/route-access.js';
import { withRequestAddress } from '../modules/audit/audit-context.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { type Language, pickLanguage } from './language.js';
import { message } from './messages.js';
import { HttpProblem, problemBody, unauthorized } from './problem.js';
import { fieldProblems, issuesFromValidation } from './validation.js';
import { unstorableTextProblems } from './stored-text.js';

export interface AppContext {
  handle: DatabaseHandle;
  province: ProvinceSetting;
  /** Demo usernames to show on the sign-in page; empty outside demo mode. */
  demoUsers: string[];
  version: string;
  /** Login attempts allowed per client address per minute. */
  loginAttemptsPerMinute?: number;
  /** Session and lockout limits over those of the environment (src/modules/auth/security-settings.ts). */
  security?: Partial<SecuritySettings>;
  logger?: boolean;
  /** Where the log goes when `logger` is on (standard output when left out). */
  logStream?: NodeJS.WritableStream;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    language: Language;
  }
}

// GNBV_WEB_DIST lets several checkouts' test runs each serve their own build.
const webDist = process.env.GNBV_WEB_DIST ?? fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The signed-in actor, or 401 (saying why when the session ended). */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw request.sessionProblem ?? unauthorized();
  return request.actor;
}

export async function buildApp(context: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: context.logger
      ? {
          level: 'info',
          // Request logs name the route, never bodies or cookies (personal data stays out), nor
          // the query string: a search may hold a name or a citizen ID.
          redact: ['req.headers.cookie', 'req.headers.authorization'],
          serializers: { req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url.split('?')[0] }) },
          ...(context.logStream ? { stream: context.logStream } : {}),
        }
      : false,
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('language', 'vi');

  // Security headers on every answer: CSP, nosniff, frame-ancestors, Referrer-Policy.
  await app.register(helmet, securityHeaders);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'GNBV API',
        description: 'Hệ thống quản lý Chương trình MTQG giảm nghèo bền vững',
        version: context.version,
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onRequest', async (request) => {
    request.language = pickLanguage(request.headers['accept-language']);
  });
  // The session cookie → request.actor, CSRF and cross-site checks (src/modules/auth/session-hooks.ts).
  registerSessionHandling(app, {
    db: context.handle.db,
    province: context.province,
    settings: resolveSecuritySettings(context.security),
  });

  // Text PostgreSQL cannot store (NUL, lone surrogates) is refused by field before any route runs;
  // the engine routes store nothing and answer exactly as the command line does.
  app.addHook('preValidation', async (request) => {
    const body = request.body;
    const parsedJson = Array.isArray(body) || (typeof body === 'object' && body !== null && Object.getPrototypeOf(body) === Object.prototype);
    if (!parsedJson || /^\/api\/(classify|summarize)\b/.test(request.url)) return;
    const errors = unstorableTextProblems(body, request.language);
    if (errors.length > 0) throw new HttpProblem(400, 'validation.detail', { count: errors.length }, { titleKey: 'validation.title', errors });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const language = request.language ?? pickLanguage(request.headers['accept-language']);
    const send = (status: number, body: object) =>
      reply.status(status).type('application/problem+json').send(body);
    if (error instanceof HttpProblem) return send(error.status, error.render(language));
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = fieldProblems(issuesFromValidation(error.validation), language, error.validationContext === 'body' ? '' : error.validationContext ?? '');
      return send(400, problemBody(400, language, message('validation.detail', language, { count: errors.length }), { titleKey: 'validation.title', errors }));
    }
    if (error.statusCode === 429) {
      const seconds = Math.ceil(Number(reply.getHeader('retry-after') ?? 60));
      return send(429, problemBody(429, language, message('too_many.detail', language, { seconds })));
    }
    if (error.statusCode === 413) {
      return send(413, problemBody(413, language, message('too_large.detail', language, { limit: '10 MB' })));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(415, problemBody(415, language, message('bad_request.unsupported_media', language)));
    }
    if (error.statusCode === 400 || error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP')) {
      return send(400, problemBody(400, language, message('bad_request.malformed_json', language)));
    }
    const unavailable = /ECONNREFUSED|Connection terminated|connect ETIMEDOUT|57P0[13]/.test(
      `${error.message} ${error.code ?? ''}`,
    );
    request.log.error({ err: { message: error.message, code: error.code } }, 'request failed');
    if (unavailable) return send(503, problemBody(503, language, message('unavailable.detail', language)));
    return send(500, problemBody(500, language, message('server_error.detail', language)));
  });

  app.setNotFoundHandler((request, reply) => {
    const isAsset = request.url.startsWith('/assets/') || /\.\w{2,5}(\?|$)/.test(request.url);
    if (request.url.startsWith('/api') || request.method !== 'GET' || isAsset || !existsSync(webDist)) {
      const url = request.url.split('?')[0] ?? '';
      const body = problemBody(404, request.language, message('not_found.route', request.language, { method: request.method, url }));
      return reply.status(404).type('application/problem+json').send(body);
    }
    // The browser app routes on the client: every other GET gets its index page.
    return reply.type('text/html').sendFile('index.html');
  });

  await app.register(
    async (api) => {
      // Who may call each route, before its body is read (src/modules/access/route-access.ts);
      // and the client address for the audit rows the handler writes.
      api.addHook('onRequest', checkRouteAccess);
      api.addHook('preHandler', (request, _reply, done) => withRequestAddress(request.ip, done));
      await api.register(healthRoutes, context);
      await api.register(auditRoutes, context);
      await api.register(authRoutes, context);
      await api.register(userRoutes, context);
      await api.register(unitRoutes, context);
      await api.register(targetRoutes, context);
      await api.register(householdRoutes, context);
      await api.register(importRoutes, context);
      await api.register(standardsRoutes, context);
      await api.register(programRoutes, context);
      await api.register(reviewRoutes, context);
      await api.register(reportRoutes, context);
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api' },
  );

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: path.resolve(webDist), wildcard: false });
  }
  return app;
}
