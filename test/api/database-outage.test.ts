/**
 * The database going away: requests get 503 problem+json (Vietnamese, English on request, no
 * connection details) and the same server answers 200 again once the database is back.
 *
 * On PostgreSQL the outages are real: the server connects through a TCP relay that is stopped
 * and started (the database host gone), and the database terminates the server's sessions,
 * one of them in the middle of a request. On the embedded engine the database runs inside the
 * server's process and cannot go away by itself, so the file checks what can happen there: a
 * connection failure reported by the driver answers 503 and the next request succeeds.
 */
import type { FastifyInstance } from 'fastify';
import { type KyselyPlugin, type RootOperationNode, type PluginTransformQueryArgs, type PluginTransformResultArgs } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/engine.js';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { createDemoUsers } from '../../src/modules/users/demo-users.js';
import { buildApp } from '../../src/server/app.js';
import { type ApiClient, apiClient } from '../support/api-client.js';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/database.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';

const unavailable = {
  type: 'about:blank',
  title: 'Dịch vụ tạm ngừng',
  status: 503,
  detail: 'Không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau.',
};

async function serve(handle: DatabaseHandle, database: TestDatabase): Promise<FastifyInstance> {
  return buildApp({ handle, province: await readProvinceSetting(database.handle.db), demoUsers: [], version: 'test' });
}

function expectUnavailable(response: { statusCode: number; headers: Record<string, unknown>; body: string }, secrets: readonly string[]): void {
  expect(response.statusCode, response.body).toBe(503);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(response.body)).toEqual(unavailable);
  for (const secret of secrets) expect(response.body).not.toContain(secret);
}

async function signIn(client: ApiClient): Promise<void> {
  const login = await client.login('admin', 'demo1234');
  expect(login.statusCode, login.body).toBe(200);
}

if (testEngine === 'postgres') {
  describe('PostgreSQL going away and coming back', () => {
    let database: TestDatabase;
    let proxy: FaultProxy;
    let handle: DatabaseHandle;
    let app: FastifyInstance;
    let client: ApiClient;
    let admin: pg.Client;

    beforeAll(async () => {
      database = await createTestDatabase();
      await createDemoUsers(database.handle.db);
      const direct = new URL(database.url ?? '');
      proxy = await startFaultProxy(direct.hostname, Number(direct.port || 5432));
      const relayed = new URL(direct);
      relayed.hostname = '127.0.0.1';
      relayed.port = String(proxy.port);
      handle = await openDatabase({ databaseUrl: relayed.toString(), poolSize: 4 });
      app = await serve(handle, database);
      client = apiClient(app);
      admin = new pg.Client({ connectionString: database.url, application_name: 'gnbv-test-admin' });
      await admin.connect();
    }, 300_000);

    afterAll(async () => {
      await admin?.end();
      await app?.close();
      await handle?.close();
      await proxy?.close();
      await database?.destroy();
    });

    const secrets = () => [String(proxy.port), 'ECONNREFUSED', 'postgres://', 'Connection terminated'];

    it('answers while the database is there', async () => {
      expect((await client.get('/api/health')).statusCode).toBe(200);
      await signIn(client);
      expect((await client.get('/api/me')).statusCode).toBe(200);
    });

    it('the database host gone: 503 in Vietnamese (English on request); back: 200 with no restart', async () => {
      await proxy.stop();
      expectUnavailable(await client.get('/api/health'), secrets());
      expectUnavailable(await client.get('/api/me'), secrets());
      const english = await client.get('/api/health', { 'accept-language': 'en' });
      expect(english.statusCode).toBe(503);
      expect(JSON.parse(english.body)).toMatchObject({ title: 'Service unavailable', detail: 'The database cannot be reached. Please try again later.' });
      await proxy.start();
      expect((await client.get('/api/health')).statusCode).toBe(200);
      const me = await client.get('/api/me');
      expect(me.statusCode, me.body).toBe(200);
    });

    it('sessions terminated by the database: the request waiting on one gets 503, the next ones 200', async () => {
      await admin.query('begin');
      await admin.query('lock table user_session in access exclusive mode');
      const waiting = client.get('/api/me');
      // The request is in the database, blocked on the lock, when its session is terminated.
      for (let tries = 0; ; tries += 1) {
        const blocked = await admin.query(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'gnbv' and wait_event_type = 'Lock'`,
        );
        if (blocked.rows[0].n > 0) break;
        if (tries > 200) throw new Error('the request never reached the database');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const terminated = await admin.query(
        `select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'gnbv') as t`,
      );
      expect(terminated.rows[0].n).toBeGreaterThan(0);
      expectUnavailable(await waiting, secrets());
      await admin.query('rollback');
      // Idle sessions were terminated too; a request may still draw one whose notice is on its
      // way (one 503 each, at most the pool's size), and then every request succeeds.
      const statuses: number[] = [];
      for (let tries = 0; tries <= 4 && statuses.at(-1) !== 200; tries += 1) statuses.push((await client.get('/api/health')).statusCode);
      expect(statuses.at(-1), statuses.join(', ')).toBe(200);
      expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
      const me = await client.get('/api/me');
      expect(me.statusCode, me.body).toBe(200);
    });
  });
} else {
  describe('the embedded engine: a connection failure answers 503, the next request 200', () => {
    let database: TestDatabase;
    let app: FastifyInstance;
    let client: ApiClient;
    let down = false;

    /** Fails every statement with the error node-postgres gives for a lost connection while `down`. */
    const lostConnection: KyselyPlugin = {
      transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
        if (down) throw new Error('Connection terminated unexpectedly');
        return args.node;
      },
      async transformResult(args: PluginTransformResultArgs) {
        return args.result;
      },
    };

    beforeAll(async () => {
      database = await createTestDatabase();
      await createDemoUsers(database.handle.db);
      app = await serve({ ...database.handle, db: database.handle.db.withPlugin(lostConnection) }, database);
      client = apiClient(app);
    }, 300_000);

    afterAll(async () => {
      await app?.close();
      await database?.destroy();
    });

    it('503 problem+json while the connection fails, 200 after, on the same server and pool', async () => {
      await signIn(client);
      expect((await client.get('/api/me')).statusCode).toBe(200);
      down = true;
      expectUnavailable(await client.get('/api/health'), ['Connection terminated']);
      expectUnavailable(await client.get('/api/me'), ['Connection terminated']);
      down = false;
      expect((await client.get('/api/health')).statusCode).toBe(200);
      expect((await client.get('/api/me')).statusCode).toBe(200);
    });

    it('the embedded engine keeps one connection: a failed transaction does not take the pool down', async () => {
      // A statement error inside a transaction rolls it back and frees the only connection.
      await expect(
        database.handle.db.transaction().execute(async (trx) => {
          await trx.selectFrom('app_user').select('id').execute();
          throw new Error('rolled back on purpose');
        }),
      ).rejects.toThrow('rolled back on purpose');
      expect((await client.get('/api/me')).statusCode).toBe(200);
    });
  });
}
