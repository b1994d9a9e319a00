import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AppContext, requireActor } from '../../server/app.js';
import { today } from '../../domain/civil-date.js';
import { MAX_ATTACHMENT_BYTES } from '../../domain/reports/index.js';
import { generateReport } from './report-generation.service.js';
import { CONTENT_TYPES, reportFileName, renderCsv, renderJson, renderPdf, renderXlsx } from './report-render.js';
import * as service from './reports.service.js';
import {
  acceptBody,
  attachmentQuery,
  calendarResponse,
  idParams,
  matrixQuery,
  matrixResponse,
  obligationResponse,
  partiesResponse,
  remindersResponse,
  reportParams,
  reportQuery,
  returnBody,
  saveSubmissionBody,
  submissionResponse,
  updateObligationBody,
  yearQuery,
} from './reports.schemas.js';

const tags = ['reports'];

/** `/api/reports/*`: the obligations calendar, submissions, completeness, reminders and generated reports. */
export const reportRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.handle;
  const ctx: service.ReportsContext = { province: context.province };
  const yearOf = (year: number | undefined) => year ?? Number(today(context.province.timeZone).slice(0, 4));

  app.get('/reports/obligations', { schema: { tags, summary: 'Lịch nghĩa vụ báo cáo của năm — obligations calendar', querystring: yearQuery, response: { 200: calendarResponse } } },
    async (request) => service.obligationCalendar(db, requireActor(request), ctx, yearOf(request.query.year)));

  app.put('/reports/obligations/:id', { schema: { tags, summary: 'Sửa hạn, tên nghĩa vụ báo cáo (quản trị tỉnh) — edit an obligation', params: idParams, body: updateObligationBody, response: { 200: obligationResponse } } },
    async (request) => service.updateObligation(db, requireActor(request), ctx, request.params.id, request.body));

  app.get('/reports/parties', { schema: { tags, summary: 'Các bên có thể có nghĩa vụ báo cáo (quản trị tỉnh) — parties for the obligation form', querystring: yearQuery, response: { 200: partiesResponse } } },
    async (request) => service.obligationParties(db, requireActor(request), yearOf(request.query.year)));

  app.post('/reports/submissions', { schema: { tags, summary: 'Lưu nháp hoặc gửi báo cáo — save or submit', body: saveSubmissionBody, response: { 200: submissionResponse } } },
    async (request) => service.saveSubmission(db, requireActor(request), ctx, request.body));

  app.post('/reports/submissions/:id/return', { schema: { tags, summary: 'Trả lại báo cáo, có lý do — return with a reason', params: idParams, body: returnBody, response: { 200: submissionResponse } } },
    async (request) => service.decideSubmission(db, requireActor(request), ctx, request.params.id, { decision: 'returned', ...request.body }));

  app.post('/reports/submissions/:id/accept', { schema: { tags, summary: 'Chấp nhận báo cáo — accept', params: idParams, body: acceptBody, response: { 200: submissionResponse } } },
    async (request) => service.decideSubmission(db, requireActor(request), ctx, request.params.id, { decision: 'accepted', ...request.body }));

  // Attachments come as the raw body, typed by their content type; a type JSON is not parsed as
  // reaches the service as bytes, to be accepted or refused there with the reason. One byte over the limit is read so
  // the service, not the parser, names the file that is too large.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES + 1024 }, (_request, body, done) => done(null, body));

  app.post('/reports/submissions/:id/attachments', { bodyLimit: MAX_ATTACHMENT_BYTES + 1024, schema: { tags, summary: 'Đính kèm tệp (PDF, xlsx, docx, PNG, JPEG; tối đa 10 MB) vào báo cáo nháp hoặc bị trả lại — attach a file (raw body)', params: idParams, querystring: attachmentQuery, response: { 200: submissionResponse } } },
    async (request) => {
      const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return service.addAttachment(db, requireActor(request), ctx, request.params.id, { fileName: request.query.name, contentType: request.headers['content-type'] ?? '', content });
    });

  app.delete('/reports/attachments/:id', { schema: { tags, summary: 'Xóa tệp đính kèm của báo cáo nháp hoặc bị trả lại — remove an attachment', params: idParams, response: { 200: submissionResponse } } },
    async (request) => service.removeAttachment(db, requireActor(request), ctx, request.params.id));

  app.get('/reports/attachments/:id', { schema: { tags, summary: 'Tải tệp đính kèm báo cáo — download an attachment', params: idParams } },
    async (request, reply) => {
      const file = await service.attachmentFile(db, requireActor(request), ctx, request.params.id);
      reply.header('content-type', file.contentType);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-disposition', `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      return reply.send(file.content);
    });

  app.get('/reports/completeness', { schema: { tags, summary: 'Ma trận tình hình nộp báo cáo (đơn vị × nghĩa vụ), trễ hạn trước — completeness matrix', querystring: matrixQuery, response: { 200: matrixResponse } } },
    async (request) => service.completenessMatrix(db, requireActor(request), ctx, yearOf(request.query.year), request.query.unit));

  app.get('/reports/reminders', { schema: { tags, summary: 'Báo cáo sắp đến hạn (7 ngày) hoặc quá hạn — reminders', querystring: yearQuery, response: { 200: remindersResponse } } },
    async (request) => service.reminders(db, requireActor(request), ctx, yearOf(request.query.year)));

  app.get('/reports/:name', { schema: { tags, summary: 'Biểu báo cáo kết quả rà soát (xlsx, pdf, csv, json) — a generated report', params: reportParams, querystring: reportQuery } },
    async (request, reply) => {
      const { year, unit, format } = request.query;
      const report = await generateReport(db, requireActor(request), { province: context.province, language: request.language }, { name: request.params.name, year, unit });
      const document = { table: report.table, issuer: report.issuer };
      const body =
        format === 'xlsx' ? await renderXlsx(document)
        : format === 'pdf' ? await renderPdf(document)
        : format === 'csv' ? renderCsv(document)
        : renderJson(document, { year: report.year, unit: report.unitCode });
      reply.header('content-type', CONTENT_TYPES[format]);
      if (format !== 'json') reply.header('content-disposition', `attachment; filename="${reportFileName(request.params.name, report.year, report.unitCode, format)}"`);
      return reply.send(body);
    });
};
