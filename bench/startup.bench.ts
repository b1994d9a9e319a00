/**
 * Start-up: wall time from spawning `gnbv serve` to a healthy `/api/health`, on an empty and on
 * a demo database, on PGlite and PostgreSQL; baseline: a bare Node HTTP server's spawn-to-answer.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { RecordFigure } from './harness.js';

const root = fileURLToPath(new URL('../', import.meta.url));

async function timeToHealthy(command: string[], env: NodeJS.ProcessEnv, url: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, command, { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}`);
      try {
        const response = await fetch(url);
        if (response.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const bareServer = [
  '-e',
  "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')",
];

async function withPostgresDatabase<T>(base: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `gnbv_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export async function benchStartup(record: RecordFigure, postgresUrl: string | undefined): Promise<void> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const health = `http://127.0.0.1:${port}/api/health`;
  const baseline = { name: 'bare node http server', value: await timeToHealthy(bareServer, { PORT: String(port) }, `http://127.0.0.1:${port}/`) };
  const serve = ['bin/gnbv', 'serve'];

  const dir = mkdtempSync(path.join(tmpdir(), 'gnbv-bench-'));
  try {
    const dataDir = path.join(dir, 'empty');
    record({ name: 'start-up, PGlite, new empty database (migrate + reference)', value: await timeToHealthy(serve, { PORT: String(port), GNBV_DATA_DIR: dataDir, GNBV_DEMO: '0' }, health), unit: 'ms', baseline });
    record({ name: 'start-up, PGlite, existing empty database', value: await timeToHealthy(serve, { PORT: String(port), GNBV_DATA_DIR: dataDir, GNBV_DEMO: '0' }, health), unit: 'ms', baseline });
    const demoDir = path.join(dir, 'demo');
    record({ name: 'start-up, PGlite, first run with demo seed', value: await timeToHealthy(serve, { PORT: String(port), GNBV_DATA_DIR: demoDir }, health), unit: 'ms', baseline });
    record({ name: 'start-up, PGlite, existing demo database', value: await timeToHealthy(serve, { PORT: String(port), GNBV_DATA_DIR: demoDir }, health), unit: 'ms', baseline });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (!postgresUrl) {
    console.log('(PostgreSQL figures skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    return;
  }
  await withPostgresDatabase(postgresUrl, async (url) => {
    record({ name: 'start-up, PostgreSQL, new empty database', value: await timeToHealthy(serve, { PORT: String(port), DATABASE_URL: url }, health), unit: 'ms', baseline });
    record({ name: 'start-up, PostgreSQL, existing empty database', value: await timeToHealthy(serve, { PORT: String(port), DATABASE_URL: url }, health), unit: 'ms', baseline });
    const seed = spawn(process.execPath, ['bin/gnbv', 'seed', 'demo', '--households', '3000'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
    await new Promise((resolve) => seed.once('exit', resolve));
    record({ name: 'start-up, PostgreSQL, demo database', value: await timeToHealthy(serve, { PORT: String(port), DATABASE_URL: url }, health), unit: 'ms', baseline });
  });
}
