/**
 * A start-up shortcut: the reference, program and plan loads are idempotent but cost about a
 * second on every start, so the server skips them while a fingerprint of what they read is
 * unchanged. The fingerprint is a SHA-256 over every file of the reference directory, the
 * source of the loaders (a fixed loader must run again) and the migrations applied (a new
 * table the loaders fill must be filled); it is kept in the `setting` row `reference_fingerprint`,
 * written only after every load succeeded.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

export const REFERENCE_FINGERPRINT_KEY = 'reference_fingerprint';

/** The code that turns the files into rows: a change here reloads as a change of the files does. */
const LOADER_SOURCES = [
  fileURLToPath(new URL('./', import.meta.url)),
  fileURLToPath(new URL('../../modules/program/program-data.loader.ts', import.meta.url)),
  fileURLToPath(new URL('../../modules/targets/plan-targets.ts', import.meta.url)),
];

/** Every file below `target` (or `target` itself), sorted, as absolute paths; nothing when missing. */
async function filesBelow(target: string): Promise<string[]> {
  const entries = await readdir(target, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') return null;
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries === null) return [target];
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * The fingerprint of the reference directory, the loaders' source and the migrations applied.
 * @example
 * const fingerprint = await referenceFingerprint(db, DEFAULT_REFERENCE_DIRECTORY);
 */
export async function referenceFingerprint(db: Kysely<Database>, directory: string): Promise<string> {
  const hash = createHash('sha256');
  for (const root of [directory, ...LOADER_SOURCES]) {
    for (const file of await filesBelow(root)) {
      hash.update(`${path.relative(root, file)}\0`);
      hash.update(await readFile(file));
      hash.update('\0');
    }
  }
  const migrations = await sql<{ name: string }>`select name from schema_migration order by name`.execute(db);
  hash.update(migrations.rows.map((row) => row.name).join('\n'));
  return hash.digest('hex');
}

/** The fingerprint of the last complete load, or null. */
export async function storedReferenceFingerprint(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', REFERENCE_FINGERPRINT_KEY).executeTakeFirst();
  return typeof row?.value === 'string' ? row.value : null;
}

export async function storeReferenceFingerprint(db: Kysely<Database>, fingerprint: string): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key: REFERENCE_FINGERPRINT_KEY, value: JSON.stringify(fingerprint) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(fingerprint) }))
    .execute();
}
