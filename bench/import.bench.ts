/**
 * Household import of a synthetic province (400,000 households, about 1.6 million members) from
 * the CSV pair `gnbv seed files` writes, through `gnbv import households` in its own process:
 * - on PostgreSQL, beside `psql \copy … from` of the same rows (the rows the import wrote, exported
 *   and loaded again into the emptied tables, indexes and triggers included);
 * - on PGlite (file-backed, as `npm start` runs it), beside PGlite's fastest bulk path,
 *   `COPY … FROM '/dev/blob'` of the same rows in one process;
 * - the peak RSS of the importing process, beside the 2 GiB limit.
 * `BENCH_IMPORT_HOUSEHOLDS` sets another size (the figures are then not the contract's).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/engine.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadReferenceData } from '../src/db/reference/index.js';
import { writeSyntheticFiles } from '../src/modules/imports/synthetic-files.js';
import type { RecordFigure } from './harness.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const HOUSEHOLDS = Number(process.env.BENCH_IMPORT_HOUSEHOLDS ?? 400_000);
const LIMIT_MB = 2048;
const run = promisify(execFile);

interface ChildRun {
  seconds: number;
  peakRssMb: number;
  stderr: string;
}

const REPORT_RSS = "process.on('exit', () => process.stderr.write('\\nmaxrss=' + process.resourceUsage().maxRSS + '\\n'));";

/** `gnbv import households HOUSEHOLDS.csv MEMBERS.csv` through the command's own registration, in one process. */
function importCommand(files: readonly string[]): string[] {
  const commands = new URL('src/cli/commands/import.commands.ts', new URL('../', import.meta.url)).href;
  const code = `${REPORT_RSS}
import { Command } from 'commander';
const { registerImportCommands } = await import(${JSON.stringify(commands)});
const program = new Command('gnbv');
registerImportCommands(program);
await program.parseAsync(process.argv.slice(1), { from: 'user' });`;
  return ['--import', 'tsx', '--input-type=module', '-e', code, 'import', 'households', ...files];
}

function runNode(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s.slice(0, 2000)));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const seconds = (performance.now() - started) / 1000;
      const rss = /maxrss=(\d+)/.exec(stderr);
      if (exitCode !== 0 || !rss) return reject(new Error(`import exited with ${exitCode}: ${stdout.slice(0, 500)} ${stderr.slice(-500)}`));
      resolve({ seconds, peakRssMb: Number(rss[1]) / 1024, stderr });
    });
  });
}

const TABLES = ['household', 'member'] as const;

/** Seconds for psql to `\copy` a file into a table. */
async function psqlCopy(url: string, table: string, file: string): Promise<number> {
  const started = performance.now();
  await run('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', `\\copy ${table} from '${file}' with (format csv)`]);
  return (performance.now() - started) / 1000;
}

async function withScratchPostgres<T>(base: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `gnbv_bench_import_${Date.now()}`;
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

async function prepareDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<void> {
  const handle = await openDatabase(options);
  try {
    await migrateToLatest(handle.db);
    await loadReferenceData(handle.db);
  } finally {
    await handle.close();
  }
}

function recordRun(record: RecordFigure, engine: string, rows: number, child: ChildRun, baselineName: string, baselineSeconds: number): void {
  record({ name: `import ${HOUSEHOLDS.toLocaleString('en-US')} households, CSV, ${engine} (wall)`, value: child.seconds, unit: 's', baseline: { name: baselineName, value: baselineSeconds } });
  record({ name: `import throughput, ${engine} (households + members)`, value: rows / child.seconds, unit: 'rows/s', baseline: { name: baselineName, value: rows / baselineSeconds } });
  record({ name: `import peak RSS, ${engine}`, value: child.peakRssMb, unit: 'MB', baseline: { name: 'limit 2 GiB', value: LIMIT_MB } });
}

async function benchPostgres(record: RecordFigure, base: string, files: readonly string[], dir: string, rows: number): Promise<void> {
  await withScratchPostgres(base, async (url) => {
    await prepareDatabase({ databaseUrl: url });
    const child = await runNode(importCommand(files), { DATABASE_URL: url });
    // The same rows, as the import wrote them, exported and loaded again into the emptied tables.
    const exported = TABLES.map((table) => path.join(dir, `${table}.copy.csv`));
    for (const [index, table] of TABLES.entries()) {
      await run('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', `\\copy ${table} to '${exported[index]}' with (format csv)`]);
    }
    await run('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', 'truncate household cascade; checkpoint']);
    let copySeconds = 0;
    for (const [index, table] of TABLES.entries()) copySeconds += await psqlCopy(url, table, exported[index] as string);
    recordRun(record, 'PostgreSQL', rows, child, 'psql \\copy of the same rows', copySeconds);
  });
}

async function benchPglite(record: RecordFigure, files: readonly string[], dir: string, rows: number): Promise<void> {
  const dataDir = path.join(dir, 'pglite');
  await prepareDatabase({ dataDir });
  const child = await runNode(importCommand(files), { GNBV_DATA_DIR: dataDir, DATABASE_URL: '' });
  // PGlite itself, opened as the engine opens it, for its COPY from a blob.
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const db = new PGlite(dataDir, { startParams: [...PGlite.defaultStartParams, '-c', 'max_wal_size=64MB'], extensions: { pg_trgm } });
  try {
    await db.waitReady;
    const blobs: Blob[] = [];
    for (const table of TABLES) {
      const result = await db.query(`copy ${table} to '/dev/blob' with (format csv)`);
      if (!result.blob) throw new Error(`no blob from copy ${table}`);
      blobs.push(result.blob);
    }
    await db.exec('truncate household cascade; checkpoint');
    const started = performance.now();
    for (const [index, table] of TABLES.entries()) {
      await db.query(`copy ${table} from '/dev/blob' with (format csv)`, [], { blob: blobs[index] as Blob });
    }
    await db.exec('checkpoint');
    recordRun(record, 'PGlite', rows, child, "PGlite copy from '/dev/blob'", (performance.now() - started) / 1000);
  } finally {
    await db.close();
  }
}

export async function benchImport(record: RecordFigure, postgresUrl: string | undefined): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gnbv-bench-import-'));
  try {
    const started = performance.now();
    const generated = await writeSyntheticFiles({ households: HOUSEHOLDS, outDir: dir, format: 'csv' });
    const rows = generated.households + generated.members;
    console.log(
      `${generated.households.toLocaleString('en-US')} households, ${generated.members.toLocaleString('en-US')} members ` +
        `written as CSV in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    if (postgresUrl) await benchPostgres(record, postgresUrl, generated.files, dir, rows);
    else console.log('(PostgreSQL import figures skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    await benchPglite(record, generated.files, dir, rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
