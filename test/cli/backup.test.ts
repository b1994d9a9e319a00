/**
 * `gnbv backup` and `gnbv restore` as real processes, on the embedded engine and (with
 * TEST_DATABASE_URL) on PostgreSQL: a demo province with recognised review results goes through
 * a backup into a fresh target, and every table's row count and content hash match the source;
 * a restore refuses what it must refuse and leaves the target as it was.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTables, tableFigures, type TableFigures } from '../../src/modules/backup/backup.repository.js';
import { type BackupManifest, encodeHeader, readHeader } from '../../src/modules/backup/backup-file.js';
import { cliEngines, createTarget, gnbv, lastLine, type Target, withTarget } from '../support/fault-targets.js';

const slow = { timeout: 240_000 };

const figuresOf = (target: Target) => withTarget(target, async (handle) => tableFigures(handle.db, await listTables(handle.db)));
const countOf = (target: Target, table: 'household' | 'review_result' | 'member') =>
  withTarget(target, async (handle) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(handle.db)).rows[0]?.n));

/** A copy of a backup file with its manifest changed and its payload as it was. */
function rewriteManifest(from: string, to: string, change: (manifest: BackupManifest) => void): Promise<void> {
  return readHeader(from).then((header) => {
    if ('code' in header) throw new Error(`not a backup: ${header.code}`);
    const manifest = structuredClone(header.manifest);
    change(manifest);
    const payload = readFileSync(from).subarray(header.payloadOffset);
    writeFileSync(to, Buffer.concat([encodeHeader(manifest), payload]));
  });
}

describe.each(cliEngines)('gnbv backup and restore on %s', (engine) => {
  let dir = '';
  let source: Target;
  let target: Target;
  let sourceFigures: TableFigures[] = [];
  const file = () => path.join(dir, 'province.gnbv');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gnbv-backup-'));
    source = await createTarget(engine, dir, 'source');
    target = await createTarget(engine, dir, 'target');
    const seeded = await gnbv(['seed', 'demo', '--households', '40', '--seed', '9'], source.env);
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 240_000);

  afterAll(async () => {
    await source?.drop();
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a backup whose manifest lists the migrations and every table with its rows and hash', slow, async () => {
    const run = await gnbv(['backup', '--out', file()], source.env);
    expect(run.code, run.stderr).toBe(0);
    expect(lastLine(run)).toMatch(new RegExp(`^Đã sao lưu ${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} vào .*province\\.gnbv: \\d+ bảng, [\\d.]+ dòng, [\\d,]+ MB\\.$`));
    const header = await readHeader(file());
    if ('code' in header) throw new Error(header.code);
    const { manifest } = header;
    expect(manifest.engine).toBe(engine);
    expect(manifest.gnbvVersion).toBe('0.1.0');
    expect(manifest.payload.kind).toBe(engine === 'postgres' ? 'pg-dump-custom' : 'pglite-data-dir-tar-gz');
    sourceFigures = await figuresOf(source);
    expect(manifest.tables).toEqual(sourceFigures);
    const applied = await withTarget(source, async (handle) => (await sql<{ name: string }>`select name from schema_migration order by name`.execute(handle.db)).rows.map((row) => row.name));
    expect(manifest.migrations).toEqual(applied);
    const rowsOf = (name: string) => manifest.tables.find((table) => table.name === name)?.rows ?? 0;
    expect(rowsOf('household')).toBe(40);
    expect(rowsOf('member')).toBeGreaterThan(40);
    expect(rowsOf('review_result')).toBeGreaterThan(0);
    expect(Date.parse(manifest.createdAt)).toBeGreaterThan(Date.now() - 600_000);
  });

  it('never writes over an existing file', slow, async () => {
    const before = readFileSync(file());
    const run = await gnbv(['backup', '--out', file()], source.env);
    expect(run.code).toBe(1);
    expect(lastLine(run)).toBe(`gnbv: Tệp ${file()} đã có; hãy chọn tên khác (bản sao lưu cũ không bị ghi đè).`);
    expect(readFileSync(file()).equals(before)).toBe(true);
  });

  it('restores into a fresh target: every table has the source\'s rows and content hash', slow, async () => {
    const run = await gnbv(['restore', file()], target.env);
    expect(run.code, run.stderr).toBe(0);
    expect(lastLine(run)).toMatch(/^Đã khôi phục .*province\.gnbv \(tạo lúc .*\) vào .*: \d+ bảng, [\d.]+ dòng; số dòng và mã kiểm tra của từng bảng khớp với bản kê\.$/);
    const restored = await figuresOf(target);
    expect(restored.map((table) => table.name)).toEqual(sourceFigures.map((table) => table.name));
    for (const table of sourceFigures) {
      expect(restored.find((other) => other.name === table.name), table.name).toEqual(table);
    }
    expect(await countOf(target, 'review_result')).toBe(await countOf(source, 'review_result'));
    // The restored database is usable: a migration run finds nothing to do.
    const migrate = await gnbv(['migrate'], target.env);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain('migrations applied: none (up to date)');
  });

  it('refuses a target that holds data without --force (in English with --lang en)', slow, async () => {
    const run = await gnbv(['restore', file()], target.env);
    expect(run.code).toBe(1);
    expect(lastLine(run)).toMatch(/^gnbv: Cơ sở dữ liệu đích đã có dữ liệu \(\d+ bảng, [\d.]+ dòng\); thêm --force để thay toàn bộ bằng bản sao lưu\.$/);
    const english = await gnbv(['restore', file(), '--lang', 'en'], target.env);
    expect(english.code).toBe(1);
    expect(lastLine(english)).toMatch(/^gnbv: The target database is not empty \(\d+ tables, [\d,]+ rows\); add --force to replace all of it with the backup\.$/);
  });

  it('with --force, replaces a target whose data changed since', slow, async () => {
    await withTarget(target, (handle) => sql`delete from review_result`.execute(handle.db));
    expect(await countOf(target, 'review_result')).toBe(0);
    const run = await gnbv(['restore', file(), '--force'], target.env);
    expect(run.code, run.stderr).toBe(0);
    expect(await figuresOf(target)).toEqual(sourceFigures);
  });

  it('a manifest the restored data does not match: refused, the target keeps its data', slow, async () => {
    const tampered = path.join(dir, 'tampered.gnbv');
    await rewriteManifest(file(), tampered, (manifest) => {
      const household = manifest.tables.find((table) => table.name === 'household');
      if (household) household.rows += 1;
    });
    await withTarget(target, (handle) => sql`delete from review_result`.execute(handle.db));
    const before = await figuresOf(target);
    const run = await gnbv(['restore', tampered, '--force'], target.env);
    expect(run.code).toBe(1);
    expect(lastLine(run)).toMatch(/^gnbv: Đối chiếu sau khôi phục không khớp ở bảng household \(.+\); dữ liệu đích cũ được giữ nguyên\.$/);
    expect(await figuresOf(target)).toEqual(before);
    expect(await countOf(target, 'review_result')).toBe(0);
  });

  it('refuses a damaged file, a file of the other engine, a newer GNBV\'s file and a non-backup', slow, async () => {
    const damaged = path.join(dir, 'damaged.gnbv');
    const bytes = readFileSync(file());
    const last = bytes.length - 10;
    bytes[last] = (bytes[last] ?? 0) ^ 0xff;
    writeFileSync(damaged, bytes);
    const run = await gnbv(['restore', damaged, '--force'], target.env);
    expect(run.code).toBe(1);
    expect(lastLine(run)).toBe(`gnbv: Tệp sao lưu ${damaged} bị hỏng: mã kiểm tra nội dung không khớp với bản kê; không có gì được khôi phục.`);

    const otherEngine = path.join(dir, 'other-engine.gnbv');
    await rewriteManifest(file(), otherEngine, (manifest) => {
      manifest.engine = engine === 'pglite' ? 'postgres' : 'pglite';
    });
    const mismatch = await gnbv(['restore', otherEngine, '--force'], target.env);
    expect(mismatch.code).toBe(1);
    const [made, into] = engine === 'pglite' ? ['PostgreSQL', 'PGlite'] : ['PGlite', 'PostgreSQL'];
    expect(lastLine(mismatch)).toBe(
      `gnbv: Tệp sao lưu được tạo từ ${made}, còn cơ sở dữ liệu đích là ${into}; bản sao lưu chỉ khôi phục được vào cùng loại cơ sở dữ liệu.`,
    );

    const newer = path.join(dir, 'newer.gnbv');
    await rewriteManifest(file(), newer, (manifest) => {
      manifest.migrations.push('9999-from-the-future');
    });
    const future = await gnbv(['restore', newer, '--force', '--lang', 'en'], target.env);
    expect(future.code).toBe(1);
    expect(lastLine(future)).toBe('gnbv: The backup was made by a newer GNBV (it has migrations 9999-from-the-future that this version lacks); update GNBV before restoring.');

    const text = path.join(dir, 'notes.txt');
    writeFileSync(text, 'không phải bản sao lưu\n');
    const notBackup = await gnbv(['restore', text], target.env);
    expect(notBackup.code).toBe(1);
    expect(lastLine(notBackup)).toBe(`gnbv: Tệp ${text} không phải tệp sao lưu GNBV.`);
    const english = await gnbv(['restore', text], { ...target.env, GNBV_LANG: 'en' });
    expect(lastLine(english)).toBe(`gnbv: ${text} is not a GNBV backup file.`);
    // None of them touched the target.
    expect(await countOf(target, 'review_result')).toBe(0);
  });

  if (engine === 'pglite') {
    it('refuses to back up or restore a data directory another live process holds', slow, async () => {
      // The test process itself is the live holder, as a running server would be.
      writeFileSync(path.join(source.dataDir, 'gnbv.lock'), String(process.pid));
      try {
        const out = path.join(dir, 'busy.gnbv');
        const run = await gnbv(['backup', '--out', out], source.env);
        expect(run.code).toBe(1);
        expect(lastLine(run)).toBe(`gnbv: Cơ sở dữ liệu nhúng ${source.dataDir} đang được tiến trình ${process.pid} sử dụng; hãy dừng máy chủ (gnbv serve) rồi chạy lại.`);
        const restore = await gnbv(['restore', file(), '--force'], source.env);
        expect(restore.code).toBe(1);
        expect(lastLine(restore)).toContain(`đang được tiến trình ${process.pid} sử dụng`);
      } finally {
        rmSync(path.join(source.dataDir, 'gnbv.lock'), { force: true });
      }
      // A lock left by a process that is gone (killed) does not stop anyone.
      writeFileSync(path.join(source.dataDir, 'gnbv.lock'), '2147483646');
      const run = await gnbv(['backup', '--out', path.join(dir, 'after-stale-lock.gnbv')], source.env);
      expect(run.code, run.stderr).toBe(0);
    });
  }
});
