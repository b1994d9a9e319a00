import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AppContext, requireActor } from '../../server/app.js';
import { actorFromToken, describeActor, login, logout, SESSION_COOKIE } from './auth.service.js';
import { loginBody, meResponse } from './auth.schemas.js';
import { unauthorized } from '../../server/problem.js';

export const authRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.handle;

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
      const result = await login(db, request.body.username, request.body.password, request.ip);
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        expires: result.expiresAt,
      });
      const actor = await actorFromToken(db, result.token, context.province);
      if (!actor) throw unauthorized();
      return { user: await describeActor(db, actor) };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'Người dùng đang đăng nhập', response: { 200: meResponse } } },
    async (request) => ({ user: await describeActor(db, requireActor(request)) }),
  );
};
