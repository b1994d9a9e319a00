import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AppContext, requireActor } from '../../server/app.js';
import { auditPageResponse, auditQuery } from './audit.schemas.js';
import { listAudit } from './audit.service.js';

export const auditRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.handle;

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thay đổi: ai, khi nào, từ đâu, trước và sau (mới nhất trước; số định danh, ngày sinh đã che)',
        querystring: auditQuery,
        response: { 200: auditPageResponse },
      },
    },
    async (request) =>
      listAudit(db, requireActor(request), request.query, {
        timeZone: context.province.timeZone,
        language: request.language,
      }),
  );
};
