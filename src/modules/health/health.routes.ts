import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serverVersion } from '../../db/engine.js';
import type { AppContext } from '../../server/app.js';

const healthSchema = z.object({
  status: z.literal('ok'),
  engine: z.enum(['pglite', 'postgres']),
  databaseVersion: z.string(),
  version: z.string(),
  province: z.object({ code: z.string(), name: z.string() }),
  demo: z.boolean(),
  demoUsers: z.array(z.string()),
});

export const healthRoutes: FastifyPluginAsyncZod<AppContext> = async (app, context) => {
  app.get(
    '/health',
    { schema: { tags: ['system'], summary: 'Tình trạng hệ thống', response: { 200: healthSchema } } },
    async () => ({
      status: 'ok' as const,
      engine: context.handle.engine,
      databaseVersion: await serverVersion(context.handle.db),
      version: context.version,
      province: { code: context.province.code, name: context.province.name },
      demo: context.demoUsers.length > 0,
      demoUsers: context.demoUsers,
    }),
  );
};
