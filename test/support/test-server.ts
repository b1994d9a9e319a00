/** A real server on a loopback port over a fresh test database, optionally with demo data. */
import { buildApp } from '../../src/server/app.js';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { seedDemoProvince } from '../../src/modules/demo/demo-seed.js';
import { seedDemoReviewResults } from '../../src/modules/review/demo-review.js';
import { refreshAggregates } from '../../src/modules/targets/refresh-aggregates.js';
import { createDemoUsers, listDemoUsernames } from '../../src/modules/users/demo-users.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestServer {
  url: string;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestServer(
  options: { demo?: boolean; households?: number; loginAttemptsPerMinute?: number } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const { db } = database.handle;
  if (options.demo ?? true) {
    await seedDemoProvince(db, { households: options.households ?? 400 });
    await createDemoUsers(db);
    await seedDemoReviewResults(db);
    await refreshAggregates(db, (await readProvinceSetting(db)).code);
  }
  const app = await buildApp({
    handle: database.handle,
    province: await readProvinceSetting(db),
    demoUsers: await listDemoUsernames(db),
    version: 'test',
    ...(options.loginAttemptsPerMinute ? { loginAttemptsPerMinute: options.loginAttemptsPerMinute } : {}),
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    database,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
