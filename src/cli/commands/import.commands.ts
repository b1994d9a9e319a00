/**
 * `gnbv import households FILE… [--dry-run] [--update] [--lang en]` and
 * `gnbv seed files --households N --out DIR`.
 *
 * Problems go to stdout, one per line, as `sheet:row:column: message`; the progress bar and the
 * summary go to stderr. Exit codes: 0 imported (or a clean dry run), 2 problems in the files,
 * 1 the command itself could not run (wrong arguments, a missing file, no database).
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { readConfig } from '../../config.js';
import type { ImportLanguage } from '../../modules/imports/import-problems.js';
// The database stack and the importer load inside the actions, so other commands start without them.
import { progressBar } from '../progress.js';

const text = {
  usage: {
    vi: 'cần một sổ tính .xlsx, hoặc hai tệp CSV: tệp hộ rồi đến tệp thành viên',
    en: 'give one .xlsx workbook, or two CSV files: the households file, then the members file',
  },
  missingFile: { vi: 'không có tệp {file}', en: 'no such file: {file}' },
  reading: { vi: 'Đọc và kiểm tra', en: 'Reading and checking' },
  more: { vi: '… và {count} lỗi khác (chỉ in {shown} lỗi đầu tiên)', en: '… and {count} more problems (only the first {shown} are printed)' },
  problems: {
    vi: '{count} lỗi; không có dòng nào được ghi vào sổ hộ.',
    en: '{count} problem(s); nothing was written to the registry.',
  },
  dryRunOk: {
    vi: 'Chạy thử: không có lỗi ({households} hộ, {members} thành viên); không có gì được ghi.',
    en: 'Dry run: no problems ({households} households, {members} members); nothing was written.',
  },
  imported: {
    vi: 'Đã nhập {inserted} hộ mới, cập nhật {updated} hộ, {members} thành viên.',
    en: 'Imported {inserted} new households, updated {updated}, {members} members.',
  },
  files: { vi: 'Đã tạo {files}: {households} hộ, {members} thành viên (dữ liệu mô phỏng).', en: 'Wrote {files}: {households} households, {members} members (synthetic data).' },
} as const;

function say(key: keyof typeof text, language: ImportLanguage, params: Record<string, string | number> = {}): string {
  return text[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const number = (value: number, language: ImportLanguage) => value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US');

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

function fail(message: string): never {
  console.error(`gnbv: ${message}`);
  process.exit(1);
}

interface ImportCommandOptions {
  dryRun?: boolean;
  update?: boolean;
  lang: ImportLanguage;
}

async function importCommand(files: string[], options: ImportCommandOptions): Promise<void> {
  const language = options.lang;
  if (files.length < 1 || files.length > 2) fail(say('usage', language));
  for (const file of files) {
    await access(file).catch(() => fail(say('missingFile', language, { file })));
  }
  const { openDatabase } = await import('../../db/engine.js');
  const { migrateToLatest } = await import('../../db/migrate.js');
  const { loadReferenceData } = await import('../../db/reference/index.js');
  const { readProvinceSetting } = await import('../../modules/access/scope.repository.js');
  const { importHouseholds } = await import('../../modules/imports/import-households.js');
  const { formatProblemLine, renderProblem } = await import('../../modules/imports/import-problems.js');
  const config = readConfig();
  let handle;
  try {
    handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    fail(`cannot open the database: ${error instanceof Error ? error.message : String(error)}`);
  }
  let exitCode = 0;
  const bar = progressBar(say('reading', language));
  try {
    await migrateToLatest(handle.db);
    await loadReferenceData(handle.db);
    const province = await readProvinceSetting(handle.db);
    const result = await importHouseholds(handle.db, {
      // One file is read as a workbook whatever its name, so a text file named .xlsx is reported.
      format: files.length === 1 ? 'xlsx' : 'csv',
      files: files.map((file) => ({ path: file, name: path.basename(file) })),
      dryRun: options.dryRun ?? false,
      update: options.update ?? false,
      actor: { userId: null, scope: { kind: 'province', provinceCode: province.code } },
      onProgress: (progress) => bar.update(progress.bytesRead, Math.max(progress.bytesTotal, 1)),
    });
    bar.stop();
    for (const problem of result.problems) process.stdout.write(`${formatProblemLine(renderProblem(problem, language))}\n`);
    if (result.problemCount > 0) {
      if (result.truncated) {
        console.error(say('more', language, { count: number(result.problemCount - result.problems.length, language), shown: number(result.problems.length, language) }));
      }
      console.error(say('problems', language, { count: number(result.problemCount, language) }));
      exitCode = 2;
    } else if (result.dryRun) {
      console.error(say('dryRunOk', language, { households: number(result.households, language), members: number(result.members, language) }));
    } else {
      console.error(
        say('imported', language, {
          inserted: number(result.inserted, language),
          updated: number(result.updated, language),
          members: number(result.membersWritten, language),
        }),
      );
    }
  } catch (error) {
    bar.stop();
    await handle.close();
    fail(error instanceof Error ? error.message : String(error));
  }
  await handle.close();
  process.exitCode = exitCode;
}

export function registerImportCommands(program: Command): void {
  const importGroup = program.command('import').description('import data into the registry (SPEC §6)');
  importGroup
    .command('households')
    .description('import a household workbook (BOOK.xlsx) or CSV pair (HOUSEHOLDS.csv MEMBERS.csv)')
    .argument('<files...>', 'BOOK.xlsx, or HOUSEHOLDS.csv MEMBERS.csv')
    .option('--dry-run', 'check everything and write nothing')
    .option('--update', 'replace the facts and members of households already in the registry (audited)')
    .addOption(new Option('--lang <lang>', 'language of the messages').choices(['vi', 'en']).default('vi'))
    .action(importCommand);

  // `gnbv seed` is created by the system commands; `files` joins `demo` under it.
  const seed = program.commands.find((command) => command.name() === 'seed') ?? program.command('seed').description('load data sets');
  seed
    .command('files')
    .description('write a synthetic province as import files (the demo seed\'s distributions)')
    .requiredOption('--households <n>', 'number of households', positiveInteger)
    .requiredOption('--out <dir>', 'directory to write to')
    .option('--seed <n>', 'random seed', positiveInteger)
    .addOption(new Option('--format <format>', 'csv pair or one workbook').choices(['csv', 'xlsx']).default('csv'))
    .addOption(new Option('--lang <lang>', 'language of the messages').choices(['vi', 'en']).default('vi'))
    .action(async (options: { households: number; out: string; seed?: number; format: 'csv' | 'xlsx'; lang: ImportLanguage }) => {
      const { writeSyntheticFiles } = await import('../../modules/imports/synthetic-files.js');
      const bar = progressBar('Hộ mô phỏng');
      try {
        const result = await writeSyntheticFiles({
          households: options.households,
          outDir: options.out,
          format: options.format,
          ...(options.seed ? { seed: options.seed } : {}),
          onProgress: (done, total) => bar.update(done, total),
        });
        bar.stop();
        console.error(
          say('files', options.lang, {
            files: result.files.join(', '),
            households: number(result.households, options.lang),
            members: number(result.members, options.lang),
          }),
        );
      } catch (error) {
        bar.stop();
        fail(error instanceof Error ? error.message : String(error));
      }
    });
}
