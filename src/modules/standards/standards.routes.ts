import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type AppContext, requireActor } from '../../server/app.js';
import { HttpProblem } from '../../server/problem.js';
import {
  classifyJsonResponse,
  classifyQuery,
  standardsResponse,
  summarizeQuery,
  summaryResponse,
} from './standards.schemas.js';
import { MAX_RECORDS_PER_REQUEST, classifyRecords, listStandards, summarizeRecords } from './standards.service.js';

/** Largest record body, as `gnbv classify` would read it from a file. */
export const RECORDS_BODY_LIMIT = 10 * 1024 * 1024;

/** Content types a record body may have; the text itself says whether it is a JSON array or JSON Lines. */
const RECORD_CONTENT_TYPES = ['application/json', 'application/x-ndjson'];
const JSON_LINES = 'application/x-ndjson; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

const recordsDescription =
  `Body: assessment records (SPEC §5.4) as a JSON array (application/json) or JSON Lines ` +
  `(application/x-ndjson), at most ${RECORDS_BODY_LIMIT / 1024 / 1024} MB and ` +
  `${MAX_RECORDS_PER_REQUEST.toLocaleString('en-US')} records (413 beyond). An input that cannot be ` +
  `read at all is a 400 problem whose \`code\` is the engine's (empty_input, not_json, invalid_json_array).`;

/**
 * Whether the client prefers JSON to JSON Lines. JSON Lines, byte for byte what `gnbv classify`
 * prints, is the default; `Accept: application/json` ranked above it asks for one JSON document.
 */
function prefersJson(accept: string | undefined): boolean {
  if (!accept) return false;
  let json = 0;
  let jsonLines = 0;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) || 0 : 1;
    if (type === 'application/json') json = Math.max(json, q);
    else if (type === 'application/x-ndjson') jsonLines = Math.max(jsonLines, q);
  }
  return json > jsonLines;
}

/**
 * Sends JSON already serialized by the engine's own formatting, so the bytes are those the command
 * line prints; the schemas of these routes describe the answers for the OpenAPI document.
 */
function sendSerialized(reply: FastifyReply, contentType: string, text: string): FastifyReply {
  return reply.type(contentType).send(text);
}

/** The raw record text; a request without a body is an empty input. */
function recordText(request: FastifyRequest): string {
  return typeof request.body === 'string' ? request.body : '';
}

/**
 * `GET /api/standards`, `POST /api/classify`, `POST /api/summarize`. Bodies reach the engine as
 * text, so a request is read exactly as `gnbv classify FILE` reads the same file.
 */
export const standardsRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  const { db } = context.handle;

  // Scoped to this plugin: record bodies stay text here; other routes keep Fastify's JSON parser.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    RECORD_CONTENT_TYPES,
    { parseAs: 'string', bodyLimit: RECORDS_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  // `?lang=` outranks Accept-Language, for record messages and problems alike; and the caller
  // must be signed in before a body of megabytes is read.
  app.addHook('onRequest', async (request) => {
    const { lang } = request.query as { lang?: unknown };
    if (lang === 'vi' || lang === 'en') request.language = lang;
    requireActor(request);
  });

  app.setErrorHandler((error: FastifyError, request) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      throw new HttpProblem(413, 'too_large.detail', { limit: `${RECORDS_BODY_LIMIT / 1024 / 1024} MB` }, { titleKey: 'too_large.title' });
    }
    if (error instanceof HttpProblem && error.status >= 500) {
      request.log.error({ err: { message: error.message } }, 'poverty standards unusable');
    }
    throw error;
  });

  app.get(
    '/standards',
    {
      schema: {
        tags: ['standards'],
        summary: 'Các chuẩn nghèo đa chiều (dữ liệu trong cơ sở dữ liệu) — poverty standards as data',
        querystring: classifyQuery,
        response: { 200: standardsResponse },
      },
    },
    async (request) => listStandards(db, requireActor(request), request.language),
  );

  app.post(
    '/classify',
    {
      schema: {
        tags: ['standards'],
        summary: 'Phân loại hộ như gnbv classify — classify assessment records',
        description:
          `${recordsDescription} Answer: one JSON line per record in input order, identical to ` +
          '`gnbv classify` (a record that cannot be classified gives {id, error: {code, field, message}} ' +
          'and the others go on); with Accept: application/json, {classified, invalid, results}.',
        querystring: classifyQuery,
        response: {
          200: {
            description: 'the outcomes',
            content: {
              'application/x-ndjson': { schema: classifyJsonResponse.shape.results.element },
              'application/json': { schema: classifyJsonResponse },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const answer = await classifyRecords(db, requireActor(request), recordText(request), request.language);
      if (prefersJson(request.headers.accept)) {
        const { classified, invalid, outcomes } = answer;
        return sendSerialized(reply, JSON_TYPE, JSON.stringify({ classified, invalid, results: outcomes }));
      }
      return sendSerialized(reply, JSON_LINES, answer.jsonLines);
    },
  );

  app.post(
    '/summarize',
    {
      schema: {
        tags: ['standards'],
        summary: 'Tổng hợp như gnbv summarize — summary of SPEC §5.6',
        description:
          `${recordsDescription} Answer: the summary object, identical to \`gnbv summarize\`. ` +
          'Households of more than one standard: 400 problem with code mixed_standards.',
        querystring: summarizeQuery,
        response: { 200: summaryResponse },
      },
    },
    async (request, reply) => {
      const summary = await summarizeRecords(db, requireActor(request), recordText(request), {
        lang: request.language,
        groupBy: request.query.groupBy,
      });
      return sendSerialized(reply, JSON_TYPE, `${JSON.stringify(summary)}\n`);
    },
  );
};
