/**
 * A process killed (SIGKILL) in the middle of a migration, an import and a recognition leaves
 * the database consistent — the migration applied or not, no half-written import, no
 * half-recognised round — and the operation then runs again to its end. On the embedded
 * engine the killed process leaves its data directory unclosed (and its lock file behind):
 * the next process opens it (PostgreSQL's crash recovery runs inside PGlite) and works.
 *
 * The kill comes at a controlled point: test/support/fault-run.ts runs the operation as the
 * command line does and pauses right after a chosen statement, inside the transaction.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/engine.js';
import { knownMigrations } from '../../src/modules/backup/backup.service.js';
import type { RoundState } from '../support/fault-run.js';
import { cliEngines, createTarget, gnbv, lastLine, root, runNode, type Target, withTarget } from '../support/fault-targets.js';

const slow = { timeout: 600_000 };

/** Runs fault-run.ts until it pauses after the statement matching `pauseAfter`, then kills it. */
function killWhenPaused(target: Target, pauseAfter: string, args: readonly string[]): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/fault-run.ts', ...args], {
      cwd: root,
      env: { ...target.env, FAULT_PAUSE_AFTER: pauseAfter },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let paused = false;
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      if (!paused && stderr.includes('fault: paused')) {
        paused = true;
        child.kill('SIGKILL');
      }
    });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (!paused) reject(new Error(`the operation ended before pausing after /${pauseAfter}/: ${stderr}`));
      else resolve({ signal, stderr });
    });
  });
}

const count = async (handle: DatabaseHandle, table: string, where = sql`true`) =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(handle.db)).rows[0]?.n);

const tableExists = async (handle: DatabaseHandle, table: string) =>
  (await sql<{ found: string | null }>`select to_regclass(${`public.${table}`})::text as found`.execute(handle.db)).rows[0]?.found != null;

describe.each(cliEngines)('killed processes on %s', (engine) => {
  let dir = '';
  let registry: Target;
  let review: Target;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gnbv-faults-'));
    registry = await createTarget(engine, dir, 'registry');
    review = await createTarget(engine, dir, 'review');
  });

  afterAll(async () => {
    await registry?.drop();
    await review?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a migration killed halfway is not applied at all; the next run applies every migration', slow, async () => {
    const killed = await killWhenPaused(registry, '^create table review_round', ['migrate']);
    expect(killed.signal).toBe('SIGKILL');
    if (engine === 'pglite') expect(existsSync(path.join(registry.dataDir, 'gnbv.lock'))).toBe(true);
    await withTarget(registry, async (handle) => {
      // Every pending migration runs in one transaction: the killed one took the others with it.
      expect(await tableExists(handle, 'household')).toBe(false);
      expect(await tableExists(handle, 'review_round')).toBe(false);
      if (await tableExists(handle, 'schema_migration')) expect(await count(handle, 'schema_migration')).toBe(0);
    });
    const run = await gnbv(['migrate'], registry.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`migrations applied: ${knownMigrations().join(', ')}`);
    await withTarget(registry, async (handle) => {
      expect(await count(handle, 'schema_migration')).toBe(knownMigrations().length);
      expect(await tableExists(handle, 'review_round')).toBe(true);
    });
  });

  it('an import killed after writing some rows leaves nothing of it; run again, it imports every household', slow, async () => {
    const files = path.join(dir, 'files');
    const seed = await gnbv(['seed', 'files', '--households', '25', '--out', files, '--seed', '3'], registry.env);
    expect(seed.code, seed.stderr).toBe(0);
    const households = path.join(files, 'households.csv');
    const members = path.join(files, 'members.csv');
    const before = await withTarget(registry, async (handle) => ({ audit: await count(handle, 'audit_log') }));
    // The households are written and the members are being written when the process dies.
    const killed = await killWhenPaused(registry, '^insert into member ', ['import', households, members]);
    expect(killed.signal).toBe('SIGKILL');
    await withTarget(registry, async (handle) => {
      expect(await count(handle, 'household')).toBe(0);
      expect(await count(handle, 'member')).toBe(0);
      expect(await count(handle, 'household_history')).toBe(0);
      expect(await count(handle, 'audit_log')).toBe(before.audit);
    });
    const run = await gnbv(['import', 'households', households, members], registry.env);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(lastLine(run)).toMatch(/^Đã nhập 25 hộ mới, cập nhật 0 hộ, \d+ thành viên\.$/);
    await withTarget(registry, async (handle) => {
      expect(await count(handle, 'household')).toBe(25);
      expect(await count(handle, 'member')).toBeGreaterThan(25);
    });
  });

  it('a recognition killed while writing results leaves the round open with its earlier results; run again, it closes', { timeout: 900_000 }, async () => {
    const seeded = await gnbv(['seed', 'demo', '--households', '30', '--seed', '5'], review.env);
    expect(seeded.code, seeded.stderr).toBe(0);
    const reopened = await runFault(review, ['reopen', '2022']);
    expect(reopened).toMatchObject({ status: 'open', recognitions: 0 });
    expect(reopened.results).toBeGreaterThan(0);
    expect(reopened.decisions).toHaveLength(1);
    expect(reopened.decisions[0]).not.toBe('99/QĐ-UBND');
    // The old results are deleted and the new ones written when the process dies.
    const killed = await killWhenPaused(review, '^insert into review_result', ['recognise', String(reopened.id), '2022-11-25', '99/QĐ-UBND']);
    expect(killed.signal).toBe('SIGKILL');
    expect(await runFault(review, ['state', String(reopened.id)])).toEqual(reopened);
    const again = await runFault(review, ['recognise', String(reopened.id), '2022-11-25', '99/QĐ-UBND']);
    expect(again).toEqual({ ...reopened, status: 'closed', recognitions: 1, decisions: ['99/QĐ-UBND'] });
  });
});

/** Runs fault-run.ts to its end (no pause); the round state it prints. */
async function runFault(target: Target, args: readonly string[]): Promise<RoundState> {
  const run = await runNode(['--import', 'tsx', 'test/support/fault-run.ts', ...args], target.env);
  if (run.code !== 0) throw new Error(run.stderr);
  const line = run.stdout.split('\n').find((text) => text.startsWith('state: '));
  if (!line) throw new Error(`no state in ${run.stdout}`);
  return JSON.parse(line.slice('state: '.length)) as RoundState;
}
