/**
 * Databases for command-line tests of backups and faults: each target is an embedded data
 * directory or a fresh PostgreSQL database (created from TEST_DATABASE_URL, dropped at the end),
 * with the environment that points `gnbv` at it and a way to read it from the test process.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/db/engine.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export type TestEngine = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server (as CI sets it). */
export const cliEngines: TestEngine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface Target {
  engine: TestEngine;
  /** The environment for `gnbv` (DATABASE_URL or GNBV_DATA_DIR, never both). */
  env: NodeJS.ProcessEnv;
  dataDir: string;
  url: string | undefined;
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new, empty target: a data directory under `dir`, or a new PostgreSQL database. */
export async function createTarget(engine: TestEngine, dir: string, name: string): Promise<Target> {
  const dataDir = path.join(dir, name);
  const env: NodeJS.ProcessEnv = { ...process.env, GNBV_DATA_DIR: dataDir, GNBV_LANG: '' };
  delete env.DATABASE_URL;
  if (engine === 'pglite') {
    return { engine, env, dataDir, url: undefined, open: () => openDatabase({ dataDir }), drop: async () => {} };
  }
  const database = `gnbv_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${database}`);
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.pathname = `/${database}`;
  return {
    engine,
    env: { ...env, DATABASE_URL: url.toString() },
    dataDir,
    url: url.toString(),
    open: () => openDatabase({ databaseUrl: url.toString(), poolSize: 2 }),
    drop: () => adminQuery(`drop database if exists ${database} with (force)`),
  };
}

/** Opens the target, runs `work`, closes it (the embedded directory is free again for `gnbv`). */
export async function withTarget<T>(target: Target, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await target.open();
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `bin/gnbv` (or another script through tsx) to its end. */
export function runNode(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export const gnbv = (args: readonly string[], env: NodeJS.ProcessEnv) => runNode(['bin/gnbv', ...args], env);

/** The last line on stderr (progress bars draw before it). */
export const lastLine = (run: Run) =>
  run.stderr
    .replace(/\r/g, '\n')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .at(-1) ?? '';
