import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AppContext, requireActor } from '../../server/app.js';
import { assertRole } from '../access/scope.js';
import { recordAudit } from '../audit/audit.repository.js';
import { exportDashboardTable } from './dashboard.export.js';
import { refreshAggregates } from './refresh-aggregates.js';
import {
  cascadeQuery,
  createTargetBody,
  dashboardExportQuery,
  dashboardQuery,
  dashboardResponse,
  deleteTargetQuery,
  targetDto,
  targetParams,
  targetsQuery,
  targetsResponse,
  updateTargetBody,
} from './targets.schemas.js';
import { checkTargetCascade, createTarget, deleteTarget, getDashboard, listTargetsInScope, updateTarget } from './targets.service.js';

export const targetRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.handle;

  app.get('/targets', { schema: { tags: ['targets'], summary: 'Chỉ tiêu của các đơn vị trong phạm vi', querystring: targetsQuery, response: { 200: targetsResponse } } }, async (request) =>
    listTargetsInScope(db, requireActor(request), { year: request.query.year, unitCode: request.query.unit }),
  );

  app.post('/targets', { schema: { tags: ['targets'], summary: 'Giao chỉ tiêu (quản trị tỉnh)', body: createTargetBody, response: { 201: targetDto } } }, async (request, reply) => {
    const target = await createTarget(db, requireActor(request), request.body);
    return reply.code(201).send(target);
  });

  app.put('/targets/:id', { schema: { tags: ['targets'], summary: 'Sửa chỉ tiêu (kèm phiên bản)', params: targetParams, body: updateTargetBody, response: { 200: targetDto } } }, async (request) =>
    updateTarget(db, requireActor(request), request.params.id, request.body),
  );

  app.delete('/targets/:id', { schema: { tags: ['targets'], summary: 'Xóa chỉ tiêu (kèm phiên bản)', params: targetParams, querystring: deleteTargetQuery } }, async (request, reply) => {
    await deleteTarget(db, requireActor(request), request.params.id, request.query.version);
    return reply.code(204).send();
  });

  app.get('/targets/cascade', { schema: { tags: ['targets'], summary: 'Chỉ tiêu các đơn vị cộng lại có đạt chỉ tiêu cấp trên (theo số hộ)', querystring: cascadeQuery } }, async (request) =>
    checkTargetCascade(db, requireActor(request), request.query),
  );

  app.post('/targets/aggregates/refresh', { schema: { tags: ['targets'], summary: 'Tổng hợp lại kết quả rà soát đã công nhận' } }, async (request) => {
    const actor = requireActor(request);
    assertRole(actor, ['province_admin']);
    const rows = await db.transaction().execute(async (trx) => {
      const count = await refreshAggregates(trx, actor.scope.provinceCode);
      await recordAudit(trx, { userId: actor.userId, action: 'target.aggregates.refresh', entity: 'result_aggregate', entityId: actor.scope.provinceCode, after: { rows: count } });
      return count;
    });
    return { rows };
  });

  app.get(
    '/dashboard',
    { schema: { tags: ['targets'], summary: 'Bảng điều khiển: tỷ lệ, chỉ tiêu, xu hướng, chỉ số thiếu hụt', querystring: dashboardQuery, response: { 200: dashboardResponse } } },
    async (request) => getDashboard(db, requireActor(request), { province: context.province }, request.query),
  );

  app.get(
    '/dashboard/export',
    { schema: { tags: ['targets'], summary: 'Tải bảng số liệu của một biểu đồ (CSV hoặc XLSX)', querystring: dashboardExportQuery } },
    async (request, reply) => {
      const file = await exportDashboardTable(db, requireActor(request), { province: context.province }, request.query, request.query.lang ?? request.language);
      return reply
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .header('cache-control', 'no-store')
        .type(file.contentType)
        .send(file.body);
    },
  );
};
