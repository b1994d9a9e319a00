import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { type AppContext, requireActor } from '../../server/app.js';
import * as service from './review.service.js';
import { certificatePdf, postingListPdf } from './review-pdf.js';
import { importSurveys, surveyTemplate, withBodyFile } from './survey-import.js';
import { HttpProblem } from '../../server/problem.js';
import {
  createRoundBody,
  listChangeBody,
  movementsQuery,
  movementsResponse,
  progressQuery,
  progressResponse,
  removeBody,
  reopenBody,
  requestBody,
  requestsQuery,
  requestsResponse,
  resultParams,
  roundDetailSchema,
  roundHouseholdParams,
  roundParams,
  roundsQuery,
  roundsResponse,
  saveSurveyBody,
  stepBody,
  surveyImportQuery,
  surveyImportReport,
  surveyResponse,
  surveyTemplateQuery,
} from './review.schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Content types taken as a raw file body (a survey import). */
const FILE_TYPES = [XLSX, 'application/octet-stream', 'text/csv', 'application/vnd.ms-excel'];

const tags = ['review'];

/** `/api/review/*`: rounds, their list, surveys and steps, progress, movements, requests, PDFs. */
export const reviewRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.handle;
  const ctx = (request: FastifyRequest): service.ReviewContext => ({ province: context.province, language: request.language });
  app.addContentTypeParser(FILE_TYPES, (_request, payload, done) => done(null, payload));

  app.get('/review/rounds', { schema: { tags, summary: 'Các đợt rà soát trong phạm vi — review rounds', querystring: roundsQuery, response: { 200: roundsResponse } } },
    async (request) => service.listRounds(db, requireActor(request), ctx(request), request.query));

  app.post('/review/rounds', { schema: { tags, summary: 'Mở đợt rà soát cho một xã và lập danh sách hộ — open a round', body: createRoundBody, response: { 201: roundDetailSchema } } },
    async (request, reply) => reply.status(201).send(await service.createRound(db, requireActor(request), ctx(request), request.body)));

  app.get('/review/rounds/:id', { schema: { tags, summary: 'Một đợt rà soát: các bước, danh sách hộ — one round', params: roundParams, response: { 200: roundDetailSchema } } },
    async (request) => service.getRound(db, requireActor(request), ctx(request), request.params.id));

  app.post('/review/rounds/:id/households', { schema: { tags, summary: 'Bổ sung hộ vào danh sách, có lý do — add a household', params: roundParams, body: listChangeBody, response: { 200: roundDetailSchema } } },
    async (request) => service.addHousehold(db, requireActor(request), ctx(request), request.params.id, request.body));

  app.post('/review/rounds/:id/households/:code/remove', { schema: { tags, summary: 'Đưa hộ ra khỏi danh sách, có lý do — remove a household', params: roundHouseholdParams, body: removeBody, response: { 200: roundDetailSchema } } },
    async (request) => service.removeHousehold(db, requireActor(request), ctx(request), request.params.id, request.params.code, request.body.reason));

  app.get('/review/rounds/:id/households/:code/survey', { schema: { tags, summary: 'Phiếu khảo sát của hộ — a household survey', params: roundHouseholdParams, response: { 200: surveyResponse } } },
    async (request) => service.getSurvey(db, requireActor(request), ctx(request), request.params.id, request.params.code));

  app.put('/review/rounds/:id/households/:code/survey', { schema: { tags, summary: 'Lưu phiếu (bản nháp hoặc hoàn thành); phiên bản cũ → 409 — save a survey', params: roundHouseholdParams, body: saveSurveyBody, response: { 200: surveyResponse } } },
    async (request) => service.saveSurvey(db, requireActor(request), ctx(request), request.params.id, request.params.code, request.body));

  app.get('/review/rounds/:id/surveys/template.xlsx', { schema: { tags, summary: 'Mẫu nhập kết quả khảo sát của đợt (.xlsx, điền sẵn các hộ trong danh sách) — survey import template', params: roundParams, querystring: surveyTemplateQuery } },
    async (request, reply) => {
      const language = request.query.lang ?? request.language;
      const body = await surveyTemplate(db, requireActor(request), ctx(request), request.params.id, language);
      return reply.type(XLSX).header('content-disposition', `attachment; filename="mau-khao-sat-dot-${request.params.id}.xlsx"`).send(body);
    });

  app.post('/review/rounds/:id/surveys/import', {
    schema: {
      tags,
      summary: 'Nhập kết quả khảo sát từ tệp .xlsx hoặc .csv (nội dung yêu cầu); dryRun=1 chỉ kiểm tra — import surveys',
      description: 'Chạy thử trả mọi lỗi (sheet, dòng, cột, lý do) và không ghi gì. Nhập thật hoàn thành mọi phiếu trong tệp trong một giao dịch, hoặc không phiếu nào (422 kèm báo cáo).',
      params: roundParams,
      querystring: surveyImportQuery,
      response: { 200: surveyImportReport },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const body = request.body;
    if (typeof body !== 'object' || body === null || !(body instanceof Readable)) throw new HttpProblem(415, 'review.import.body');
    return withBodyFile(body, (file) => importSurveys(db, actor, ctx(request), request.params.id, file, { dryRun: request.query.dryRun, ...(request.query.name ? { fileName: request.query.name } : {}) }));
  });

  app.post('/review/rounds/:id/steps', { schema: { tags, summary: 'Ghi nhận bước tiếp theo (họp dân, niêm yết, xin ý kiến huyện, công nhận...) — record the next step', params: roundParams, body: stepBody, response: { 200: roundDetailSchema } } },
    async (request) => service.recordStep(db, requireActor(request), ctx(request), request.params.id, request.body));

  app.post('/review/rounds/:id/reopen', { schema: { tags, summary: 'Mở lại đợt đã kết thúc (quản trị tỉnh, có lý do) — reopen a round', params: roundParams, body: reopenBody, response: { 200: roundDetailSchema } } },
    async (request) => service.reopenRound(db, requireActor(request), ctx(request), request.params.id, request.body.reason));

  app.get('/review/rounds/:id/posting.pdf', { schema: { tags, summary: 'Danh sách niêm yết công khai (PDF) — public posting list', params: roundParams } },
    async (request, reply) => {
      const pdf = await postingListPdf(db, requireActor(request), request.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="niem-yet-${request.params.id}.pdf"`).send(pdf);
    });

  app.get('/review/rounds/:id/households/:code/certificate.pdf', { schema: { tags, summary: 'Giấy chứng nhận hộ nghèo, hộ cận nghèo (PDF) — certificate', params: resultParams } },
    async (request, reply) => {
      const pdf = await certificatePdf(db, requireActor(request), request.params.id, request.params.code);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="chung-nhan-${request.params.code}.pdf"`).send(pdf);
    });

  app.get('/review/progress', { schema: { tags, summary: 'Tiến độ rà soát theo xã, chậm trước — progress', querystring: progressQuery, response: { 200: progressResponse } } },
    async (request) => service.reviewProgress(db, requireActor(request), ctx(request), request.query));

  app.get('/review/movements', { schema: { tags, summary: 'Diễn biến hộ nghèo, hộ cận nghèo theo đơn vị — movement tables', querystring: movementsQuery, response: { 200: movementsResponse } } },
    async (request) => service.reviewMovements(db, requireActor(request), ctx(request), request.query));

  app.get('/review/requests', { schema: { tags, summary: 'Đề nghị rà soát của hộ (Mẫu 04), quá hạn trước — requests', querystring: requestsQuery, response: { 200: requestsResponse } } },
    async (request) => service.listRequests(db, requireActor(request), ctx(request), request.query.communeCode));

  app.post('/review/requests', { schema: { tags, summary: 'Ghi nhận đề nghị của hộ (Mẫu 04) — record a request', body: requestBody } },
    async (request, reply) => reply.status(201).send(await service.createRequest(db, requireActor(request), ctx(request), request.body)));
};
