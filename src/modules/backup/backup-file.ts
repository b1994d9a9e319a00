/**
 * The backup file: one line `GNBV-BACKUP 1`, one line of JSON (the manifest), then the engine's
 * own dump as it was written (PGlite: the data directory as a gzipped tar; PostgreSQL: a
 * `pg_dump -Fc` archive). The manifest says what the dump must hold once restored.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { z } from 'zod';

export const BACKUP_MAGIC = 'GNBV-BACKUP';
export const BACKUP_FORMAT_VERSION = 1;
/** A manifest is a few kilobytes; anything longer is not one. */
const MAX_HEADER_BYTES = 4 * 1024 * 1024;

const manifestSchema = z.object({
  formatVersion: z.number().int(),
  engine: z.enum(['pglite', 'postgres']),
  createdAt: z.string(),
  gnbvVersion: z.string(),
  serverVersion: z.string(),
  migrations: z.array(z.string()),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative(), hash: z.string() })),
  payload: z.object({
    kind: z.enum(['pglite-data-dir-tar-gz', 'pg-dump-custom']),
    bytes: z.number().int().nonnegative(),
    sha256: z.string(),
  }),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

/** The header bytes that precede the payload. */
export function encodeHeader(manifest: BackupManifest): Buffer {
  return Buffer.from(`${BACKUP_MAGIC} ${BACKUP_FORMAT_VERSION}\n${JSON.stringify(manifest)}\n`, 'utf8');
}

export type HeaderProblem = { code: 'not_a_backup' } | { code: 'format_version'; version: number };

export interface BackupHeader {
  manifest: BackupManifest;
  /** Where the payload starts in the file. */
  payloadOffset: number;
}

/** Reads the magic line and the manifest; a problem when the file is not a backup this version reads. */
export async function readHeader(file: string): Promise<BackupHeader | HeaderProblem> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_HEADER_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const firstEnd = head.indexOf(0x0a);
    const secondEnd = firstEnd < 0 ? -1 : head.indexOf(0x0a, firstEnd + 1);
    if (secondEnd < 0) return { code: 'not_a_backup' };
    const match = /^GNBV-BACKUP (\d+)$/.exec(head.subarray(0, firstEnd).toString('utf8'));
    if (!match) return { code: 'not_a_backup' };
    const version = Number(match[1]);
    if (version !== BACKUP_FORMAT_VERSION) return { code: 'format_version', version };
    let parsed: unknown;
    try {
      parsed = JSON.parse(head.subarray(firstEnd + 1, secondEnd).toString('utf8'));
    } catch {
      return { code: 'not_a_backup' };
    }
    const manifest = manifestSchema.safeParse(parsed);
    if (!manifest.success) return { code: 'not_a_backup' };
    return { manifest: manifest.data, payloadOffset: secondEnd + 1 };
  } finally {
    await handle.close();
  }
}

/** SHA-256 and length of a file from `start` to its end, reading it as a stream. */
export async function hashFile(
  file: string,
  start = 0,
  onBytes?: (done: number) => void,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { start })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    onBytes?.(bytes);
  }
  return { sha256: hash.digest('hex'), bytes };
}
