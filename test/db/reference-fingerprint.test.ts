/**
 * The start-up shortcut on a real database (PGlite, and PostgreSQL in the db:postgres project):
 * the reference, program and plan data load on a new database, are skipped while the files,
 * the loaders and the migrations are unchanged, and load again when a file changes.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { DEFAULT_REFERENCE_DIRECTORY } from '../../src/db/reference/index.js';
import { REFERENCE_FINGERPRINT_KEY } from '../../src/db/reference/reference-fingerprint.js';
import { loadReferenceIfChanged } from '../../src/server/bootstrap.js';
import { createEmptyTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let directory: string;

beforeAll(async () => {
  database = await createEmptyTestDatabase();
  await migrateToLatest(database.handle.db);
  directory = await mkdtemp(path.join(tmpdir(), 'gnbv-reference-'));
  await cp(DEFAULT_REFERENCE_DIRECTORY, directory, { recursive: true });
});

afterAll(async () => {
  await database?.destroy();
  if (directory) await rm(directory, { recursive: true, force: true });
});

const count = async (table: 'admin_unit' | 'plan_task' | 'target') =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.handle.db)).rows[0]?.n ?? 0;

it('loads into a new database, skips an unchanged one, and loads again after a file changed', async () => {
  const { db } = database.handle;
  expect(await loadReferenceIfChanged(database.handle, directory)).toBe(true);
  expect(await count('admin_unit')).toBeGreaterThan(300);
  expect(await count('plan_task')).toBeGreaterThan(0);
  const stored = await db.selectFrom('setting').select('value').where('key', '=', REFERENCE_FINGERPRINT_KEY).executeTakeFirstOrThrow();
  expect(stored.value).toMatch(/^[0-9a-f]{64}$/);

  // Unchanged: nothing is read into the tables, so a target deleted by a person stays deleted.
  const targets = await count('target');
  await sql`delete from target`.execute(db);
  expect(await loadReferenceIfChanged(database.handle, directory)).toBe(false);
  expect(await count('target')).toBe(0);

  // A corrected file: the load runs (the plan's targets come back) and the fingerprint moves on.
  const standards = path.join(directory, 'standards.json');
  await writeFile(standards, `${await readFile(standards, 'utf8')}\n`);
  expect(await loadReferenceIfChanged(database.handle, directory)).toBe(true);
  expect(await count('target')).toBe(targets);
  const moved = await db.selectFrom('setting').select('value').where('key', '=', REFERENCE_FINGERPRINT_KEY).executeTakeFirstOrThrow();
  expect(moved.value).not.toBe(stored.value);
  expect(await loadReferenceIfChanged(database.handle, directory)).toBe(false);
});

it('does not keep a fingerprint when a load fails, so the next start tries again', async () => {
  const { db } = database.handle;
  const before = await db.selectFrom('setting').select('value').where('key', '=', REFERENCE_FINGERPRINT_KEY).executeTakeFirstOrThrow();
  await writeFile(path.join(directory, 'agencies.csv'), 'not,an,agency,file\n');
  await expect(loadReferenceIfChanged(database.handle, directory)).rejects.toThrow();
  const after = await db.selectFrom('setting').select('value').where('key', '=', REFERENCE_FINGERPRINT_KEY).executeTakeFirstOrThrow();
  expect(after.value).toBe(before.value);
});
