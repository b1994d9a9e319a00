import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AppContext, requireActor } from '../../server/app.js';
import {
  changeOwnPassword,
  describeActor,
  listOwnSessions,
  login,
  logout,
  logoutEverywhere,
  SESSION_COOKIE,
  userFields,
} from './auth.service.js';
import {
  changePasswordBody,
  changePasswordResponse,
  loginBody,
  logoutEverywhereResponse,
  meResponse,
  sessionsResponse,
} from './auth.schemas.js';
import { resolveSecuritySettings } from './security-settings.js';
import { clearSessionCookies, setSessionCookies } from './session-hooks.js';
import { unauthorized } from '../../server/problem.js';
import type { FastifyRequest } from 'fastify';

function currentToken(request: FastifyRequest): string {
  if (!request.sessionToken) throw unauthorized();
  return request.sessionToken;
}

export const authRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.handle;
  const settings = resolveSecuritySettings(context.security);

  app.post(
    '/auth/login',
    {
      config: {
        // Per address and username: guessing one account's password is slowed down without
        // locking out colleagues who share the commune office's address.
        rateLimit: {
          max: context.loginAttemptsPerMinute ?? 10,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => {
            const body = request.body as { username?: unknown } | undefined;
            const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
            return `${request.ip}|${username}`;
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập',
        body: loginBody,
        response: { 200: meResponse },
      },
    },
    async (request, reply) => {
      const result = await login(
        db,
        { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        settings,
        context.province.timeZone,
      );
      setSessionCookies(reply, request, result.token, result.expiresAt);
      return { user: await describeActor(db, userFields(result.user), result.user.must_change_password) };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất (phiên này)' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(db, token);
      clearSessionCookies(reply);
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/logout-everywhere',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đăng xuất mọi nơi: kết thúc mọi phiên của tôi',
        response: { 200: logoutEverywhereResponse },
      },
    },
    async (request, reply) => {
      const endedSessions = await logoutEverywhere(db, requireActor(request), request.ip);
      clearSessionCookies(reply);
      return { endedSessions };
    },
  );

  app.get(
    '/auth/sessions',
    { schema: { tags: ['auth'], summary: 'Các phiên đăng nhập của tôi', response: { 200: sessionsResponse } } },
    async (request) => ({
      sessions: await listOwnSessions(db, requireActor(request), currentToken(request)),
      idleMinutes: settings.sessionIdleMinutes,
      maxHours: settings.sessionMaxHours,
    }),
  );

  app.post(
    '/auth/password',
    {
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => `password|${request.actor?.userId ?? request.ip}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu của tôi (các phiên khác kết thúc)',
        body: changePasswordBody,
        response: { 200: changePasswordResponse },
      },
    },
    async (request) => changeOwnPassword(db, requireActor(request), currentToken(request), request.body, request.ip),
  );

  app.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'Người dùng đang đăng nhập', response: { 200: meResponse } } },
    async (request) => ({ user: await describeActor(db, requireActor(request), request.mustChangePassword) }),
  );
};
