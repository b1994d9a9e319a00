/** `/api/users`: the province admin's users page (SPEC §1: configuration and users). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AppContext, requireActor } from '../../server/app.js';
import {
  createUser,
  endSessions,
  listUsers,
  resetPassword,
  setActive,
  unlockUser,
  updateUser,
  userFormOptions,
} from './users.service.js';
import { assertRole } from '../access/scope.js';
import type { Actor } from '../access/actor.js';
import {
  createUserBody,
  endedSessionsResponse,
  resetPasswordBody,
  updateUserBody,
  userIdParams,
  userOptionsResponse,
  userResponse,
  usersResponse,
  versionBody,
} from './users.schemas.js';

export const userRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.handle;
  const tags = ['users'];

  /** The users page shows the user as the list does, after every change. */
  async function listed(actor: Actor, id: number) {
    const user = (await listUsers(db, actor)).find((entry) => entry.id === id);
    if (!user) throw new Error(`user ${id} vanished`);
    return { user };
  }

  app.get(
    '/users',
    { schema: { tags, summary: 'Người dùng (quản trị tỉnh)', response: { 200: usersResponse } } },
    async (request) => ({ users: await listUsers(db, requireActor(request)) }),
  );

  app.get(
    '/users/options',
    { schema: { tags, summary: 'Vai trò, đơn vị, cơ quan để chọn', response: { 200: userOptionsResponse } } },
    async (request) => userFormOptions(db, requireActor(request)),
  );

  app.post(
    '/users',
    { schema: { tags, summary: 'Tạo người dùng (đổi mật khẩu ở lần đăng nhập đầu)', body: createUserBody, response: { 201: userResponse } } },
    async (request, reply) => {
      const actor = requireActor(request);
      assertRole(actor, ['province_admin']);
      const { unitCode, agencyCode, ...rest } = request.body;
      const created = await createUser(db, {
        ...rest,
        unitCode,
        agencyCode: agencyCode ?? undefined,
        mustChangePassword: true,
        createdBy: actor.userId,
        ip: request.ip,
      });
      return reply.status(201).send(await listed(actor, created.id));
    },
  );

  app.patch(
    '/users/:id',
    { schema: { tags, summary: 'Đổi tên, vai trò, đơn vị', params: userIdParams, body: updateUserBody, response: { 200: userResponse } } },
    async (request) => {
      const actor = requireActor(request);
      await updateUser(db, actor, request.params.id, request.body, request.ip);
      return listed(actor, request.params.id);
    },
  );

  app.post(
    '/users/:id/disable',
    { schema: { tags, summary: 'Vô hiệu hóa (kết thúc mọi phiên)', params: userIdParams, body: versionBody, response: { 200: userResponse } } },
    async (request) => {
      const actor = requireActor(request);
      await setActive(db, actor, request.params.id, { version: request.body.version, active: false }, request.ip);
      return listed(actor, request.params.id);
    },
  );

  app.post(
    '/users/:id/enable',
    { schema: { tags, summary: 'Cho hoạt động lại', params: userIdParams, body: versionBody, response: { 200: userResponse } } },
    async (request) => {
      const actor = requireActor(request);
      await setActive(db, actor, request.params.id, { version: request.body.version, active: true }, request.ip);
      return listed(actor, request.params.id);
    },
  );

  app.post(
    '/users/:id/unlock',
    { schema: { tags, summary: 'Mở khóa sau đăng nhập sai nhiều lần', params: userIdParams, response: { 200: userResponse } } },
    async (request) => {
      const actor = requireActor(request);
      await unlockUser(db, actor, request.params.id, request.ip);
      return listed(actor, request.params.id);
    },
  );

  app.post(
    '/users/:id/password',
    { schema: { tags, summary: 'Đặt lại mật khẩu (người dùng đổi ở lần đăng nhập sau)', params: userIdParams, body: resetPasswordBody, response: { 200: userResponse } } },
    async (request) => {
      const actor = requireActor(request);
      await resetPassword(db, actor, request.params.id, request.body.newPassword, request.ip);
      return listed(actor, request.params.id);
    },
  );

  app.post(
    '/users/:id/end-sessions',
    { schema: { tags, summary: 'Kết thúc mọi phiên của người dùng', params: userIdParams, response: { 200: endedSessionsResponse } } },
    async (request) => ({ endedSessions: await endSessions(db, requireActor(request), request.params.id, request.ip) }),
  );
};
