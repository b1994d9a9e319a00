import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AppContext, requireActor } from '../../server/app.js';
import {
  createHouseholdBody,
  dissolveHouseholdBody,
  filterOptionsResponse,
  householdCountResponse,
  householdDetailResponse,
  householdExportQuery,
  householdFilterQuery,
  householdListQuery,
  householdListResponse,
  householdParams,
  moveHouseholdBody,
  updateHouseholdBody,
  villagesQuery,
  villagesResponse,
} from './households.schemas.js';
import {
  countHouseholdList,
  createHousehold,
  dissolveHousehold,
  exportHouseholds,
  getFilterOptions,
  getHousehold,
  listHouseholds,
  listVillagesOfCommune,
  moveHousehold,
  updateHousehold,
} from './households.service.js';

export const householdRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.handle;
  const tags = ['households'];
  // The list's query string can hold a name or a citizen ID: these routes write no request log
  // lines (errors are still logged, without the address).
  const quiet = { logLevel: 'warn' as const };

  app.get(
    '/households',
    {
      ...quiet,
      schema: {
        tags,
        summary: 'Danh sách hộ trong phạm vi: lọc theo đơn vị, thôn, phân loại, dân tộc thiểu số, chỉ số thiếu hụt; tìm theo tên, mã hộ, số định danh',
        querystring: householdListQuery,
        response: { 200: householdListResponse },
      },
    },
    async (request) => listHouseholds(db, requireActor(request), request.query, request.language),
  );

  app.get(
    '/households/count',
    {
      ...quiet,
      schema: { tags, summary: 'Số dòng của danh sách với các bộ lọc', querystring: householdFilterQuery, response: { 200: householdCountResponse } },
    },
    async (request) => countHouseholdList(db, requireActor(request), request.query, request.language),
  );

  app.get(
    '/households/filters',
    { schema: { tags, summary: 'Các lựa chọn của bộ lọc danh sách hộ', response: { 200: filterOptionsResponse } } },
    async (request) => getFilterOptions(db, requireActor(request), request.language),
  );

  app.get(
    '/households/villages',
    { schema: { tags, summary: 'Các thôn, làng có hộ của một xã', querystring: villagesQuery, response: { 200: villagesResponse } } },
    async (request) => listVillagesOfCommune(db, requireActor(request), request.query.commune),
  );

  app.get(
    '/households/export',
    { ...quiet, schema: { tags, summary: 'Xuất danh sách hộ đã lọc ra XLSX hoặc CSV (không giới hạn số dòng)', querystring: householdExportQuery } },
    async (request, reply) => {
      const file = await exportHouseholds(db, requireActor(request), request.query, request.query.lang ?? request.language);
      return reply
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .header('cache-control', 'no-store')
        .type(file.contentType)
        .send(file.stream);
    },
  );

  app.get(
    '/households/:code',
    {
      schema: {
        tags,
        summary: 'Một hộ: thông tin, thành viên, phân loại, chỉ số thiếu hụt, lịch sử nơi ở',
        params: householdParams,
        response: { 200: householdDetailResponse },
      },
    },
    async (request) => getHousehold(db, requireActor(request), request.params.code, request.language),
  );

  app.post(
    '/households',
    { schema: { tags, summary: 'Thêm hộ mới', body: createHouseholdBody, response: { 201: householdDetailResponse } } },
    async (request, reply) => {
      const detail = await createHousehold(db, requireActor(request), request.body, { language: request.language, ip: request.ip });
      return reply.status(201).send(detail);
    },
  );

  app.put(
    '/households/:code',
    {
      schema: {
        tags,
        summary: 'Sửa thông tin và thành viên của hộ (kèm phiên bản; phiên bản cũ → 409)',
        params: householdParams,
        body: updateHouseholdBody,
        response: { 200: householdDetailResponse },
      },
    },
    async (request) =>
      updateHousehold(db, requireActor(request), request.params.code, request.body, { language: request.language, ip: request.ip }),
  );

  app.post(
    '/households/:code/move',
    {
      schema: {
        tags,
        summary: 'Chuyển hộ sang thôn khác (cùng xã hoặc xã khác trong phạm vi) từ một ngày',
        params: householdParams,
        body: moveHouseholdBody,
        response: { 200: householdDetailResponse },
      },
    },
    async (request) =>
      moveHousehold(db, requireActor(request), request.params.code, request.body, { language: request.language, ip: request.ip }),
  );

  app.post(
    '/households/:code/dissolve',
    {
      schema: {
        tags,
        summary: 'Ghi nhận hộ giải thể từ một ngày',
        params: householdParams,
        body: dissolveHouseholdBody,
        response: { 200: householdDetailResponse },
      },
    },
    async (request) =>
      dissolveHousehold(db, requireActor(request), request.params.code, request.body, { language: request.language, ip: request.ip }),
  );
};
