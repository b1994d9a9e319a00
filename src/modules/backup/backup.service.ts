/**
 * `gnbv backup` and `gnbv restore` (issue #9): a backup file is the engine's own dump with a
 * manifest (engine, migrations, per-table row counts and content hashes, when, which GNBV);
 * a restore refuses a file it cannot trust or a target it would overwrite without `force`, and
 * checks the restored tables against the manifest before the target is replaced.
 *
 * The embedded engine is backed up and restored by the process holding its directory, so the
 * server must be stopped (its lock makes these commands refuse while it runs). PostgreSQL is
 * backed up while the server runs (one snapshot); a restore should be run with it stopped.
 */
import { createReadStream, createWriteStream, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { DataDirBusyError, type DatabaseHandle, type EngineKind, openDatabase, serverVersion } from '../../db/engine.js';
import { databaseSize, listAppliedMigrations, listTables, tableFigures, type TableFigures } from './backup.repository.js';
import { type BackupManifest, BACKUP_FORMAT_VERSION, encodeHeader, hashFile, readHeader } from './backup-file.js';
import { BackupError, type ProgressReporter } from './backup.errors.js';
import { dataDirHoldsDatabase, dumpPglite, payloadBlob, swapIntoPlace } from './backup-pglite.js';
import { dumpPostgres, extractPayload, restorePostgres } from './backup-postgres.js';

export { BackupError } from './backup.errors.js';
export type { BackupStep, ProgressReporter } from './backup.errors.js';

export interface DatabaseTarget {
  /** PostgreSQL connection string; absent = the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
}

const noProgress: ProgressReporter = () => {};

async function openTarget(target: DatabaseTarget): Promise<DatabaseHandle> {
  try {
    return await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir, poolSize: 2 });
  } catch (error) {
    if (error instanceof DataDirBusyError) throw new BackupError('backup.busy', { dir: error.dataDir, pid: error.pid });
    throw error;
  }
}

/** Rows over all tables of a manifest or a restore. */
export const totalRows = (tables: readonly { rows: number }[]) => tables.reduce((sum, table) => sum + table.rows, 0);

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
  bytes: number;
}

/**
 * Writes a backup of the target database to `out` (never over an existing file; the file
 * appears only when complete).
 */
export async function createBackup(options: {
  target: DatabaseTarget;
  out: string;
  gnbvVersion: string;
  onProgress?: ProgressReporter;
}): Promise<BackupResult> {
  const progress = options.onProgress ?? noProgress;
  const out = path.resolve(options.out);
  if (existsSync(out)) throw new BackupError('backup.out_exists', { file: options.out });
  const payloadFile = `${out}.payload-${process.pid}`;
  const partFile = `${out}.part-${process.pid}`;
  const handle = await openTarget(options.target);
  try {
    const migrations = await listAppliedMigrations(handle.db);
    if (migrations.length === 0) throw new BackupError('backup.no_schema');
    let tables: TableFigures[];
    if (handle.engine === 'postgres' && options.target.databaseUrl) {
      tables = await dumpPostgres(handle, options.target.databaseUrl, payloadFile, progress);
    } else {
      tables = await tableFigures(handle.db, await listTables(handle.db), (done, total) => progress('count', done, total));
      await dumpPglite(handle, payloadFile, (done, total) => progress('dump', done, total));
    }
    const payload = await hashFile(payloadFile);
    const manifest: BackupManifest = {
      formatVersion: BACKUP_FORMAT_VERSION,
      engine: handle.engine,
      createdAt: new Date().toISOString(),
      gnbvVersion: options.gnbvVersion,
      serverVersion: await serverVersion(handle.db),
      migrations,
      tables,
      payload: { kind: handle.engine === 'postgres' ? 'pg-dump-custom' : 'pglite-data-dir-tar-gz', bytes: payload.bytes, sha256: payload.sha256 },
    };
    const file = await open(partFile, 'wx');
    try {
      await file.write(encodeHeader(manifest));
    } finally {
      await file.close();
    }
    await pipeline(createReadStream(payloadFile), createWriteStream(partFile, { flags: 'a' }));
    if (existsSync(out)) throw new BackupError('backup.out_exists', { file: options.out });
    renameSync(partFile, out);
    return { file: out, manifest, bytes: (await stat(out)).size };
  } finally {
    rmSync(payloadFile, { force: true });
    rmSync(partFile, { force: true });
    await handle.close();
  }
}

/** The migrations this version of GNBV has (a backup with others comes from a newer one). */
export function knownMigrations(): string[] {
  const dir = fileURLToPath(new URL('../../db/migrations/', import.meta.url));
  return readdirSync(dir)
    .filter((name) => /^\d{4}-[\w-]+\.[jt]s$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => name.replace(/\.[jt]s$/, ''));
}

export interface RestoreResult {
  manifest: BackupManifest;
  target: string;
  tables: TableFigures[];
}

/** Compares restored figures with the manifest; the first difference as a BackupError. */
function compareWithManifest(manifest: BackupManifest, restored: readonly TableFigures[]): BackupError | null {
  const byName = new Map(restored.map((table) => [table.name, table]));
  for (const expected of manifest.tables) {
    const found = byName.get(expected.name);
    if (!found) return new BackupError('backup.verify_failed', { table: expected.name, detail: 'missing' });
    if (found.rows !== expected.rows) {
      return new BackupError('backup.verify_failed', { table: expected.name, detail: `${found.rows} ≠ ${expected.rows}` });
    }
    if (found.hash !== expected.hash) return new BackupError('backup.verify_failed', { table: expected.name, detail: 'hash' });
    byName.delete(expected.name);
  }
  const extra = [...byName.keys()][0];
  return extra ? new BackupError('backup.verify_failed', { table: extra, detail: 'not in the manifest' }) : null;
}

/**
 * Restores `file` into the target. Refuses: a file that is not a backup, one damaged since it
 * was written, one from the other engine or from a newer GNBV, and a target that holds tables
 * unless `force`. The target is replaced only after every table matched the manifest.
 */
export async function restoreBackup(options: {
  target: DatabaseTarget;
  file: string;
  force: boolean;
  onProgress?: ProgressReporter;
}): Promise<RestoreResult> {
  const progress = options.onProgress ?? noProgress;
  const file = path.resolve(options.file);
  if (!existsSync(file)) throw new BackupError('backup.missing_file', { file: options.file });
  const header = await readHeader(file);
  if ('code' in header) {
    if (header.code === 'format_version') {
      throw new BackupError('backup.format_version', { version: header.version, supported: BACKUP_FORMAT_VERSION });
    }
    throw new BackupError('backup.not_a_backup', { file: options.file });
  }
  const { manifest, payloadOffset } = header;
  const targetEngine: EngineKind = options.target.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.engine !== targetEngine) {
    throw new BackupError('backup.engine_mismatch', { backupEngine: engineName(manifest.engine), targetEngine: engineName(targetEngine) });
  }
  const known = new Set(knownMigrations());
  const unknown = manifest.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new BackupError('backup.unknown_migrations', { migrations: unknown.join(', ') });
  const payload = await hashFile(file, payloadOffset, (done) => progress('check', done, manifest.payload.bytes));
  if (payload.sha256 !== manifest.payload.sha256 || payload.bytes !== manifest.payload.bytes) {
    throw new BackupError('backup.payload_damaged', { file: options.file });
  }
  return targetEngine === 'postgres' && options.target.databaseUrl
    ? restoreIntoPostgres(options.target, options.target.databaseUrl, file, payloadOffset, manifest, options.force, progress)
    : restoreIntoPglite(options.target, file, payloadOffset, manifest, options.force, progress);
}

function engineName(engine: EngineKind): string {
  return engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
}

async function refuseUnlessEmpty(handle: DatabaseHandle, force: boolean): Promise<boolean> {
  const size = await databaseSize(handle.db);
  if (size.tables > 0 && !force) throw new BackupError('backup.target_not_empty', { tables: size.tables, rows: size.rows });
  return size.tables > 0;
}

async function verifyTarget(handle: DatabaseHandle, manifest: BackupManifest, progress: ProgressReporter): Promise<TableFigures[]> {
  const figures = await tableFigures(handle.db, await listTables(handle.db), (done, total) => progress('verify', done, total));
  const difference = compareWithManifest(manifest, figures);
  if (difference) throw difference;
  return figures;
}

async function restoreIntoPostgres(
  target: DatabaseTarget,
  databaseUrl: string,
  file: string,
  payloadOffset: number,
  manifest: BackupManifest,
  force: boolean,
  progress: ProgressReporter,
): Promise<RestoreResult> {
  const handle = await openTarget(target);
  const scratch = await mkdtemp(path.join(tmpdir(), 'gnbv-restore-'));
  try {
    const replace = await refuseUnlessEmpty(handle, force);
    const payloadFile = path.join(scratch, 'payload.dump');
    await extractPayload(file, payloadOffset, payloadFile);
    await restorePostgres(databaseUrl, payloadFile, manifest, replace, progress);
    // Checked inside the restore's transaction already; read again for the report.
    const tables = await verifyTarget(handle, manifest, progress);
    return { manifest, target: handle.description, tables };
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await handle.close();
  }
}

async function restoreIntoPglite(
  target: DatabaseTarget,
  file: string,
  payloadOffset: number,
  manifest: BackupManifest,
  force: boolean,
  progress: ProgressReporter,
): Promise<RestoreResult> {
  const dataDir = path.resolve(target.dataDir);
  if (dataDirHoldsDatabase(dataDir)) {
    const existing = await openTarget(target);
    try {
      await refuseUnlessEmpty(existing, force);
    } finally {
      await existing.close();
    }
  }
  const stagingDir = `${dataDir}.restoring-${process.pid}`;
  try {
    progress('restore', 0, 1);
    rmSync(stagingDir, { recursive: true, force: true });
    const staged = await openDatabase({ dataDir: stagingDir, loadDataDir: await payloadBlob(file, payloadOffset) });
    progress('restore', 1, 1);
    let tables: TableFigures[];
    try {
      tables = await verifyTarget(staged, manifest, progress);
    } finally {
      await staged.close();
    }
    try {
      swapIntoPlace(stagingDir, dataDir);
    } catch (error) {
      if (error instanceof DataDirBusyError) throw new BackupError('backup.busy', { dir: error.dataDir, pid: error.pid });
      throw error;
    }
    return { manifest, target: `PGlite ${dataDir}`, tables };
  } finally {
    rmSync(stagingDir, { recursive: true, force: true });
  }
}

