/**
 * Uploaded files and finished runs of the browser's imports, kept for a few hours in a private
 * temporary directory: a dry run and the real import that follows read the same upload, and the
 * problem report is built from the upload and the run's problems. Nothing here survives a
 * restart, and every entry belongs to the user who made it.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportHouseholdsResult } from './import-households.js';
import { type ImportFile, type ImportFormat, detectFormat } from './import-sources.js';

export interface StoredUpload extends ImportFile {
  id: string;
  userId: number;
  size: number;
  /** What the content is (a zip archive is a workbook), whatever the name says. */
  format: ImportFormat;
  createdAt: number;
}

export interface StoredRun {
  id: string;
  userId: number;
  format: ImportFormat;
  uploads: StoredUpload[];
  result: ImportHouseholdsResult;
  createdAt: number;
}

/** An upload beyond the size limit. */
export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`upload larger than ${limit} bytes`);
  }
}

class SizeLimit extends Transform {
  size = 0;
  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.limit) callback(new UploadTooLargeError(this.limit));
    else callback(null, chunk);
  }
}

export class ImportStore {
  private readonly uploads = new Map<string, StoredUpload>();
  private readonly runs = new Map<string, StoredRun>();

  private constructor(
    private readonly directory: string,
    /** How long uploads and runs are kept, in milliseconds. */
    private readonly lifetime: number,
    /** Largest upload accepted, in bytes. */
    readonly uploadLimit: number,
  ) {}

  static async create(options: { lifetime?: number; uploadLimit?: number } = {}): Promise<ImportStore> {
    const directory = await mkdtemp(path.join(tmpdir(), 'gnbv-imports-'));
    return new ImportStore(directory, options.lifetime ?? 6 * 3600_000, options.uploadLimit ?? 512 * 1024 * 1024);
  }

  /** Saves an upload streamed from the request. @throws {UploadTooLargeError} */
  async saveUpload(userId: number, name: string, body: NodeJS.ReadableStream): Promise<StoredUpload> {
    await this.expire();
    const id = randomUUID();
    const file = path.join(this.directory, id);
    const limit = new SizeLimit(this.uploadLimit);
    try {
      await pipeline(body, limit, createWriteStream(file));
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    const upload: StoredUpload = {
      id,
      userId,
      name,
      path: file,
      size: limit.size,
      format: await detectFormat(file),
      createdAt: Date.now(),
    };
    this.uploads.set(id, upload);
    return upload;
  }

  /** The user's own upload, or undefined. */
  upload(userId: number, id: string): StoredUpload | undefined {
    const upload = this.uploads.get(id);
    return upload && upload.userId === userId ? upload : undefined;
  }

  saveRun(run: Omit<StoredRun, 'createdAt'>): StoredRun {
    const stored = { ...run, createdAt: Date.now() };
    this.runs.set(run.id, stored);
    return stored;
  }

  /** The user's own run, or undefined. */
  run(userId: number, id: string): StoredRun | undefined {
    const run = this.runs.get(id);
    return run && run.userId === userId ? run : undefined;
  }

  private async expire(): Promise<void> {
    const cutoff = Date.now() - this.lifetime;
    for (const [id, run] of this.runs) if (run.createdAt < cutoff) this.runs.delete(id);
    for (const [id, upload] of this.uploads) {
      if (upload.createdAt >= cutoff) continue;
      this.uploads.delete(id);
      await rm(upload.path, { force: true });
    }
  }

  async close(): Promise<void> {
    this.uploads.clear();
    this.runs.clear();
    await rm(this.directory, { recursive: true, force: true });
  }
}
