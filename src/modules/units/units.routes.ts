import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AppContext, requireActor } from '../../server/app.js';
import { getUnitDetail, listUnits } from './units.service.js';
import { unitDetailResponse, unitParams, unitsQuery, unitsResponse } from './units.schemas.js';

export const unitRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.handle;

  app.get(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Đơn vị hành chính có hiệu lực tại một ngày',
        querystring: unitsQuery,
        response: { 200: unitsResponse },
      },
    },
    async (request) => listUnits(db, requireActor(request), request.query.date),
  );

  app.get(
    '/units/:code',
    {
      schema: {
        tags: ['units'],
        summary: 'Một đơn vị: các phiên bản, đơn vị trực thuộc, đơn vị trước và sau sắp xếp 2025',
        params: unitParams,
        querystring: unitsQuery,
        response: { 200: unitDetailResponse },
      },
    },
    async (request) =>
      getUnitDetail(db, requireActor(request), request.params.code, request.query.date),
  );
};
