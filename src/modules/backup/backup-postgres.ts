/**
 * PostgreSQL backups through the client programs: `pg_dump -Fc` in the snapshot the manifest's
 * figures were read in, and `pg_restore | psql --single-transaction`, which replaces the schema,
 * loads the dump and checks every table against the manifest before it commits, so a failed
 * restore leaves the target as it was.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../db/engine.js';
import { figuresOf, listTables, pinTextSettings, type TableFigures } from './backup.repository.js';
import type { BackupManifest } from './backup-file.js';
import { BackupError, type ProgressReporter } from './backup.errors.js';

/** The URL without its password, and the password for PGPASSWORD (kept out of the process list). */
function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: { ...process.env, PGAPPNAME: 'gnbv-backup', ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Runs a client program; rejects with a BackupError naming it and its first error line. */
function run(tool: string, args: string[], env: NodeJS.ProcessEnv, stdin?: (input: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new BackupError('backup.tool_missing', { tool }) : error);
    });
    if (stdin && child.stdin) {
      // psql may stop reading early on an error; its exit status says what happened.
      child.stdin.on('error', () => {});
      stdin(child.stdin).catch(() => child.stdin?.destroy());
    }
    child.on('close', (code) => {
      if (code === 0) return resolve();
      reject(toolFailure(tool, stderr));
    });
  });
}

function toolFailure(tool: string, stderr: string): BackupError {
  const verify = /gnbv-verify: table (\S+): (.*)/.exec(stderr);
  if (verify) return new BackupError('backup.verify_failed', { table: verify[1] ?? '', detail: (verify[2] ?? '').trim() });
  const line = stderr.split('\n').find((text) => /error|fatal|failed/i.test(text)) ?? stderr.split('\n')[0] ?? '';
  return new BackupError('backup.tool_failed', { tool, detail: line.trim() || 'exit status' });
}

/**
 * Reads the figures and dumps the database in one snapshot: a repeatable-read transaction exports
 * its snapshot and pg_dump runs in it, so writes made meanwhile are in neither.
 */
export async function dumpPostgres(
  handle: DatabaseHandle,
  databaseUrl: string,
  payloadFile: string,
  progress: ProgressReporter,
): Promise<TableFigures[]> {
  const target = connection(databaseUrl);
  return handle.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const snapshot = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
      await pinTextSettings(trx);
      const tables = await listTables(trx);
      const figures: TableFigures[] = [];
      for (const name of tables) {
        figures.push(await figuresOf(trx, name));
        progress('count', figures.length, tables.length);
      }
      const size = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(trx);
      const estimate = Math.max(1, Number(size.rows[0]?.bytes ?? 1));
      const timer = setInterval(() => {
        stat(payloadFile).then((info) => progress('dump', Math.min(info.size, estimate), estimate), () => {});
      }, 500);
      try {
        await run(
          'pg_dump',
          ['--format=custom', `--snapshot=${snapshot.rows[0]?.id ?? ''}`, '--no-sync', `--file=${payloadFile}`, `--dbname=${target.url}`],
          target.env,
        );
      } finally {
        clearInterval(timer);
      }
      progress('dump', estimate, estimate);
      return figures;
    });
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The statement psql runs last, inside the restore's transaction: every table of the manifest
 * with its row count and content hash (computed as `figuresOf` does), and no other table.
 */
function verificationStatement(manifest: BackupManifest): string {
  const expected = manifest.tables.map((table) => `(${literal(table.name)}, ${table.rows}::bigint, ${literal(table.hash)})`).join(',\n      ');
  return `
do $gnbv_verify$
declare
  m record;
  n bigint;
  high text;
  low text;
  found_hash text;
  extra text;
begin
  perform set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true),
          set_config('IntervalStyle', 'postgres', true), set_config('extra_float_digits', '1', true),
          set_config('bytea_output', 'hex', true);
  for m in select * from (values
      ${expected || "(null::text, 0::bigint, null::text)"}
    ) as v(name, rows, hash) where v.name is not null loop
    if to_regclass(format('public.%I', m.name)) is null then
      raise exception 'gnbv-verify: table %: missing', m.name;
    end if;
    execute format('select count(*), coalesce(sum((''x'' || substr(h, 1, 16))::bit(64)::bigint::numeric), 0)::text,
                           coalesce(sum((''x'' || substr(h, 17, 16))::bit(64)::bigint::numeric), 0)::text
                      from (select md5(t::text) as h from public.%I as t) as s', m.name)
      into n, high, low;
    found_hash := 'sha256:' || encode(sha256(convert_to(high || ':' || low, 'UTF8')), 'hex');
    if n <> m.rows then
      raise exception 'gnbv-verify: table %: % rows, the manifest says %', m.name, n, m.rows;
    end if;
    if found_hash <> m.hash then
      raise exception 'gnbv-verify: table %: content hash differs from the manifest', m.name;
    end if;
  end loop;
  select string_agg(tablename, ', ') into extra from pg_catalog.pg_tables
   where schemaname = 'public' and tablename not in (select v.name from (values
      ${expected || "(null::text, 0::bigint, null::text)"}
    ) as v(name, rows, hash) where v.name is not null);
  if extra is not null then
    raise exception 'gnbv-verify: table %: not in the manifest', extra;
  end if;
end
$gnbv_verify$;
`;
}

/**
 * Restores a `pg_dump -Fc` payload into the database of `databaseUrl` in one transaction: with
 * `replace`, schema `public` is dropped and created again first.
 */
export async function restorePostgres(
  databaseUrl: string,
  payloadFile: string,
  manifest: BackupManifest,
  replace: boolean,
  progress: ProgressReporter,
): Promise<void> {
  const target = connection(databaseUrl);
  progress('restore', 0, 1);
  const restore = spawn('pg_restore', ['--no-owner', '--no-privileges', '--file=-', payloadFile], {
    env: target.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let restoreError = '';
  restore.stderr.setEncoding('utf8').on('data', (text: string) => (restoreError += text));
  const restoreDone = new Promise<void>((resolve, reject) => {
    restore.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new BackupError('backup.tool_missing', { tool: 'pg_restore' }) : error),
    );
    restore.on('close', (code) => (code === 0 ? resolve() : reject(toolFailure('pg_restore', restoreError))));
  });
  const psql = run(
    'psql',
    ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--single-transaction', '--file=-', `--dbname=${target.url}`],
    target.env,
    async (input) => {
      if (replace) input.write('drop schema if exists public cascade;\ncreate schema public;\n');
      await pipeline(restore.stdout, input, { end: false });
      input.end(verificationStatement(manifest));
    },
  );
  // pg_restore's own failure explains more than psql's "unexpected end of input".
  const [restored, loaded] = await Promise.allSettled([restoreDone, psql]);
  if (restored.status === 'rejected') throw restored.reason;
  if (loaded.status === 'rejected') throw loaded.reason;
  progress('restore', 1, 1);
}

/** Copies the payload out of the backup file (pg_restore reads a file it can seek in). */
export async function extractPayload(file: string, offset: number, payloadFile: string): Promise<void> {
  await pipeline(createReadStream(file, { start: offset }), createWriteStream(payloadFile));
}
