/**
 * Embedded-engine backups: the data directory as PGlite dumps it (a gzipped tar), taken by the
 * one process that holds the directory (the lock in `db/engine.ts` keeps a server out meanwhile).
 * A restore loads the tar into a directory beside the target, checks it against the manifest
 * and only then puts it in the target's place.
 */
import { createWriteStream, existsSync, openAsBlob, readdirSync, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { sql } from 'kysely';
import { DATA_DIR_LOCK_FILE, type DatabaseHandle, lockDataDir } from '../../db/engine.js';

/** Writes the data directory of `handle` as a gzipped tar to `payloadFile`. */
export async function dumpPglite(handle: DatabaseHandle, payloadFile: string, onBytes: (done: number, total: number) => void): Promise<void> {
  if (!handle.pglite) throw new Error('not an embedded database');
  // Flush every page first, so the tar needs no WAL replay when it is loaded.
  await sql`checkpoint`.execute(handle.db);
  const tar = await handle.pglite.dumpDataDir('gzip');
  let written = 0;
  const counted = Readable.fromWeb(tar.stream() as WebReadableStream<Uint8Array>);
  counted.on('data', (chunk: Buffer) => {
    written += chunk.length;
    onBytes(written, tar.size);
  });
  await pipeline(counted, createWriteStream(payloadFile));
}

/** Whether a data directory holds a database (anything besides a lock file). */
export function dataDirHoldsDatabase(dataDir: string): boolean {
  return existsSync(dataDir) && readdirSync(dataDir).some((name) => name !== DATA_DIR_LOCK_FILE);
}

/** The tar at `offset` of `file`, read lazily from the file. */
export async function payloadBlob(file: string, offset: number): Promise<Blob> {
  return (await openAsBlob(file)).slice(offset);
}

/**
 * Puts the checked `stagingDir` in place of `dataDir` under the directory's lock (a server
 * started meanwhile makes this fail with the lock's error, leaving the target untouched).
 */
export function swapIntoPlace(stagingDir: string, dataDir: string): void {
  const release = lockDataDir(dataDir);
  const replaced = `${dataDir}.replaced-${process.pid}`;
  try {
    rmSync(replaced, { recursive: true, force: true });
    renameSync(dataDir, replaced);
    renameSync(stagingDir, dataDir);
  } catch (error) {
    if (!existsSync(dataDir) && existsSync(replaced)) renameSync(replaced, dataDir);
    release();
    throw error;
  }
  // The lock file moved away with the replaced directory, which goes as a whole.
  rmSync(replaced, { recursive: true, force: true });
}
