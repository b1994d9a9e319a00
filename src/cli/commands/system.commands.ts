/** `gnbv serve`, `gnbv migrate`, `gnbv seed demo`, `gnbv user create`, `gnbv build-web`. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, InvalidArgumentError } from 'commander';
import { readConfig } from '../../config.js';
import type { DatabaseHandle } from '../../db/engine.js';
import { progressBar } from '../progress.js';

// Heavy modules (the server, the database engines) load inside the commands that use them,
// so `gnbv classify` starts without them.

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const VERSION = '0.1.0';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

/** One line on stderr and exit code 1: no stack traces for expected failures. */
function fail(text: string): never {
  console.error(`gnbv: ${text}`);
  process.exit(1);
}

async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = readConfig();
  const { openDatabase } = await import('../../db/engine.js');
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    fail(`cannot open the database: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

export function registerSystemCommands(program: Command): void {
  program
    .command('serve')
    .description('run the server (DATABASE_URL or the embedded database)')
    .option('--port <port>', 'port (default PORT or 3000)')
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      const config = readConfig({
        ...process.env,
        ...(options.port ? { PORT: options.port } : {}),
        ...(options.host ? { HOST: options.host } : {}),
      });
      const { prepareSystem, StartupError } = await import('../../server/bootstrap.js');
      const { buildApp } = await import('../../server/app.js');
      const { DEMO_PASSWORD } = await import('../../modules/users/demo-users.js');
      const bar = progressBar('Dữ liệu mô phỏng');
      let system;
      try {
        system = await prepareSystem(config, { onDemoProgress: (done, total) => bar.update(done, total) });
      } catch (error) {
        bar.stop();
        fail(error instanceof StartupError ? error.message : String(error));
      }
      bar.stop();
      const app = await buildApp({
        handle: system.handle,
        province: system.province,
        demoUsers: system.demoUsers,
        version: VERSION,
        logger: process.env.GNBV_LOG === '1',
      });
      const address = await app.listen({ port: config.port, host: config.host });
      console.log(`GNBV đang chạy tại ${address.replace('[::1]', 'localhost')}  (${system.handle.description})`);
      if (system.demoUsers.length > 0) {
        console.log(`Chế độ trình diễn — DỮ LIỆU MÔ PHỎNG, không phải dữ liệu thật.`);
        console.log(`Người dùng mẫu (mật khẩu: ${DEMO_PASSWORD}): ${system.demoUsers.join(', ')}`);
      }
      const stop = async () => {
        await app.close();
        await system.handle.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('migrate')
    .description('apply migrations and load or update the reference data (never demo data)')
    .action(async () => {
      const { migrateToLatest } = await import('../../db/migrate.js');
      const { loadReferenceData } = await import('../../db/reference/index.js');
      const { loadProgramData } = await import('../../modules/program/program-data.loader.js');
      const { loadPlanTargets } = await import('../../modules/targets/plan-targets.js');
      await withDatabase(async (handle) => {
        const applied = await migrateToLatest(handle.db).catch((error: Error) => fail(error.message));
        const report = await loadReferenceData(handle.db);
        await loadProgramData(handle.db);
        await loadPlanTargets(handle.db);
        console.log(`migrations applied: ${applied.length === 0 ? 'none (up to date)' : applied.join(', ')}`);
        console.log(`reference data: ${JSON.stringify(report)}`);
      });
    });

  const seed = program.command('seed').description('load data sets');
  seed
    .command('demo')
    .description('load the synthetic demo province (only into an empty registry)')
    .option('--households <n>', 'number of households', positiveInteger, 3000)
    .option('--seed <n>', 'random seed', positiveInteger)
    .action(async (options: { households: number; seed?: number }) => {
      const { migrateToLatest } = await import('../../db/migrate.js');
      const { loadReferenceData } = await import('../../db/reference/index.js');
      const { seedDemoProvince } = await import('../../modules/demo/demo-seed.js');
      const { createDemoUsers } = await import('../../modules/users/demo-users.js');
      const { seedDemoReviewResults } = await import('../../modules/review/demo-review.js');
      const { refreshAggregates } = await import('../../modules/targets/refresh-aggregates.js');
      const { readProvinceSetting } = await import('../../modules/access/scope.repository.js');
      await withDatabase(async (handle) => {
        await migrateToLatest(handle.db);
        await loadReferenceData(handle.db);
        const bar = progressBar('Hộ mô phỏng');
        try {
          const result = await seedDemoProvince(handle.db, {
            households: options.households,
            ...(options.seed ? { seed: options.seed } : {}),
            onProgress: (done, total) => bar.update(done, total),
          });
          bar.stop();
          await createDemoUsers(handle.db);
          await seedDemoReviewResults(handle.db);
          await refreshAggregates(handle.db, (await readProvinceSetting(handle.db)).code);
          console.log(`demo province (synthetic): ${result.households} households, ${result.members} members`);
        } catch (error) {
          bar.stop();
          fail(error instanceof Error ? error.message : String(error));
        }
      });
    });

  const user = program.command('user').description('manage users');
  user
    .command('create')
    .description('create a user (password prompted, or from GNBV_PASSWORD)')
    .requiredOption('--username <u>', 'username')
    .requiredOption('--role <r>', 'province_admin | province_agency | district_officer | commune_officer | reviewer | supervisor')
    .requiredOption('--unit <code>', 'unit code (province, district or commune)')
    .option('--agency <code>', 'agency code (for province_agency)')
    .option('--name <display name>', 'display name')
    .option('--communes <codes>', 'extra communes for a reviewer, comma-separated')
    .action(async (options: { username: string; role: string; unit: string; agency?: string; name?: string; communes?: string }) => {
      const password = process.env.GNBV_PASSWORD ?? (await promptPassword());
      const { migrateToLatest } = await import('../../db/migrate.js');
      const { loadReferenceData } = await import('../../db/reference/index.js');
      const { createUser, UserInputError } = await import('../../modules/users/users.service.js');
      await withDatabase(async (handle) => {
        await migrateToLatest(handle.db);
        await loadReferenceData(handle.db);
        try {
          const created = await createUser(handle.db, {
            username: options.username,
            password,
            role: options.role,
            unitCode: options.unit,
            agencyCode: options.agency,
            displayName: options.name,
            communeCodes: options.communes?.split(',').map((code) => code.trim()).filter(Boolean) ?? [],
          });
          console.log(`created user ${created.username} (${created.role}, ${created.unit_code})`);
        } catch (error) {
          if (error instanceof UserInputError) fail(`${error.field}: ${error.message}`);
          throw error;
        }
      });
    });

  program
    .command('build-web')
    .description('build the browser app into web/dist')
    .option('--if-stale', 'only when a source file is newer than the build')
    .action(async (options: { ifStale?: boolean }) => {
      if (options.ifStale && !webBuildIsStale()) return;
      const { build } = await import('vite');
      await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn', build: { outDir: webDistDir() } });
    });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Where the built app goes: web/dist, or GNBV_WEB_DIST (the server reads the same variable). */
function webDistDir(): string {
  return process.env.GNBV_WEB_DIST ?? path.join(root, 'web/dist');
}

function webBuildIsStale(): boolean {
  const index = path.join(webDistDir(), 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  // The app bundles the pure domain code too (the poverty calculator runs in the browser).
  const sources = ['web/src', 'src/domain'].map((dir) => newestMtime(path.join(root, dir)));
  return Math.max(...sources, statSync(path.join(root, 'web/index.html')).mtimeMs) > built;
}

/** Reads a password from the terminal without echoing it. */
async function promptPassword(): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) fail('no terminal to ask for the password: set GNBV_PASSWORD');
  process.stderr.write('Mật khẩu: ');
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve) => {
    let password = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          resolve(password);
          return;
        }
        if (char === '\u0003') fail('cancelled');
        password = char === '\u007f' ? password.slice(0, -1) : password + char;
      }
    };
    input.on('data', onData);
  });
}
