/**
 * HTTP of household imports. Files travel as the raw request body (no multipart): an .xlsx can
 * be sent straight to `POST /imports/households`; a CSV pair is uploaded file by file to
 * `POST /imports/uploads` and then imported by id. With `Accept: application/x-ndjson` an import
 * answers with one JSON line of progress at a time and the report last, so the browser can show
 * progress even on the embedded engine, whose single connection the import holds.
 */
import { PassThrough, Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AppContext, requireActor } from '../../server/app.js';
import type { Actor } from '../access/actor.js';
import { templateCsv, templateWorkbook } from './import-template.js';
import { ImportStore } from './import-store.js';
import { writeProblemReport } from './problem-report.js';
import {
  type PreparedImport,
  badImportBody,
  getImportReport,
  importFailed,
  mapReport,
  prepareImport,
  problemReportOf,
  runImport,
  uploadImportFile,
} from './imports.service.js';
import {
  importQuery,
  importReportSchema,
  runBody,
  runParams,
  templateQuery,
  uploadQuery,
  uploadResponse,
} from './imports.schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NDJSON = 'application/x-ndjson';
/** Content types taken as a raw file body, streamed to disk as it arrives. */
const FILE_TYPES = [XLSX, 'application/octet-stream', 'text/csv', 'application/vnd.ms-excel'];

/** The file a request carries as its body: the raw stream, or nothing for an empty body of a file type. */
function fileBody(request: FastifyRequest): Readable | null {
  const body = request.body;
  if (typeof body === 'object' && body !== null && typeof (body as Readable).pipe === 'function') return body as Readable;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  return body === undefined && FILE_TYPES.includes(type) ? Readable.from([]) : null;
}

function attachment(reply: FastifyReply, type: string, fileName: string): FastifyReply {
  return reply.type(type).header('content-disposition', `attachment; filename="${fileName}"`);
}

export const importRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.handle;
  const store = await ImportStore.create();
  app.addHook('onClose', () => store.close());
  app.addContentTypeParser(FILE_TYPES, (_request, payload, done) => done(null, payload));

  app.get(
    '/imports/template.xlsx',
    { schema: { tags: ['imports'], summary: 'Mẫu nhập hộ (.xlsx): sheet households, members và hướng dẫn', querystring: templateQuery } },
    async (request, reply) => {
      requireActor(request);
      const body = await templateWorkbook(request.query.lang ?? request.language);
      return attachment(reply, XLSX, 'mau-nhap-ho-gia-dinh.xlsx').send(body);
    },
  );

  for (const sheet of ['households', 'members'] as const) {
    app.get(
      `/imports/template-${sheet}.csv`,
      { schema: { tags: ['imports'], summary: `Mẫu CSV của sheet ${sheet} (UTF-8, tiêu đề tiếng Việt)` } },
      async (request, reply) => {
        requireActor(request);
        return attachment(reply, 'text/csv; charset=utf-8', `mau-${sheet}.csv`).send(templateCsv(sheet));
      },
    );
  }

  app.post(
    '/imports/uploads',
    {
      schema: {
        tags: ['imports'],
        summary: 'Tải lên một tệp (.xlsx hoặc .csv) làm nội dung yêu cầu, để nhập sau',
        querystring: uploadQuery,
        response: { 201: uploadResponse },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const body = fileBody(request);
      if (!body) throw badImportBody();
      const upload = await uploadImportFile(store, actor, request.query.name, body);
      return reply.status(201).send(upload);
    },
  );

  app.post(
    '/imports/households',
    {
      schema: {
        tags: ['imports'],
        summary: 'Nhập hộ: nội dung một tệp .xlsx, hoặc JSON {"uploads": [...]} (chạy thử với dryRun=1)',
        description:
          'Chạy thử (dryRun=1) trả báo cáo mọi lỗi và không ghi gì. Nhập thật ghi tất cả trong một giao dịch, hoặc không ghi gì (422 kèm báo cáo). ' +
          'update=1 thay thông tin và thành viên của hộ đã có. Với Accept: application/x-ndjson, trả từng dòng tiến độ rồi báo cáo.',
        querystring: importQuery,
        response: { 200: importReportSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const prepared = await prepareFromBody(request, actor);
      const options = { dryRun: request.query.dryRun, update: request.query.update, ip: request.ip };
      if (!(request.headers.accept ?? '').includes(NDJSON)) {
        const report = mapReport(await runImport(db, store, actor, prepared, options), request.language);
        if (!report.dryRun && !report.committed) throw importFailed(report);
        return report;
      }
      const lines = new PassThrough();
      const send = (line: object) => lines.write(`${JSON.stringify(line)}\n`);
      runImport(db, store, actor, prepared, { ...options, onProgress: (progress) => send({ type: 'progress', ...progress }) }).then(
        (run) => lines.end(`${JSON.stringify({ type: 'report', report: mapReport(run, request.language) })}\n`),
        (error: unknown) => {
          request.log.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'import failed');
          lines.end(`${JSON.stringify({ type: 'error', status: 500 })}\n`);
        },
      );
      // The 200 schema describes the JSON answer; a stream is sent as it is.
      return reply.type(`${NDJSON}; charset=utf-8`).header('cache-control', 'no-store').send(lines as never);
    },
  );

  /** An .xlsx body is stored as an upload first; a JSON body names uploads. */
  async function prepareFromBody(request: FastifyRequest, actor: Actor): Promise<PreparedImport> {
    const body = fileBody(request);
    if (body) {
      const upload = await uploadImportFile(store, actor, 'households.xlsx', body);
      return prepareImport(store, actor, [upload.id]);
    }
    const parsed = runBody.safeParse(request.body);
    if (!parsed.success) throw badImportBody();
    return prepareImport(store, actor, parsed.data.uploads);
  }

  app.get(
    '/imports/:id',
    { schema: { tags: ['imports'], summary: 'Báo cáo của một lần nhập', params: runParams, response: { 200: importReportSchema } } },
    async (request) => getImportReport(store, requireActor(request), request.params.id, request.language),
  );

  app.get(
    '/imports/:id/problems.xlsx',
    {
      schema: {
        tags: ['imports'],
        summary: 'Báo cáo lỗi (.xlsx): danh sách lỗi và bản sao tệp với các ô lỗi được tô đỏ',
        params: runParams,
      },
    },
    async (request, reply) => {
      const input = problemReportOf(store, requireActor(request), request.params.id);
      const output = new PassThrough();
      writeProblemReport(input, request.language, output).catch((error: unknown) => {
        request.log.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'problem report failed');
        output.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      return attachment(reply, XLSX, `bao-cao-loi-${request.params.id.slice(0, 8)}.xlsx`).send(output);
    },
  );
};
