/**
 * `gnbv backup --out FILE` and `gnbv restore FILE [--force]`, on the embedded database or on
 * PostgreSQL (DATABASE_URL). Messages in Vietnamese, or English with `--lang en` or GNBV_LANG=en;
 * progress bars on stderr. Exit codes: 0 done, 1 refused or failed (one line saying why).
 */
import { type Command, Option } from 'commander';
import { readConfig } from '../../config.js';
import type { Language } from '../../server/language.js';
import { message } from '../../server/messages.js';
import { progressBar, type ProgressBar } from '../progress.js';
import { VERSION } from './system.commands.js';
// The engines and the backup module load inside the actions.
import type { BackupStep, ProgressReporter } from '../../modules/backup/backup.service.js';

const languageOption = () =>
  new Option('--lang <lang>', 'language of the messages (default GNBV_LANG or vi)').choices(['vi', 'en']).default(process.env.GNBV_LANG === 'en' ? 'en' : 'vi');

/** One bar per step, each closed when the next one starts. */
function stepBars(language: Language): { report: ProgressReporter; stop(): void } {
  let current: { step: BackupStep; bar: ProgressBar } | null = null;
  return {
    report(step, done, total) {
      if (current?.step !== step) {
        current?.bar.stop();
        current = { step, bar: progressBar(message(`backup.progress.${step}`, language)) };
      }
      current.bar.update(done, total);
    },
    stop() {
      current?.bar.stop();
      current = null;
    },
  };
}

function megabytes(bytes: number, language: Language): string {
  return `${(bytes / 1024 / 1024).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 })} MB`;
}

const count = (value: number, language: Language) => value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US');

/** Prints the failure in the operator's language (expected ones) or as it came, and exits 1. */
async function failWith(error: unknown, language: Language): Promise<never> {
  const { BackupError } = await import('../../modules/backup/backup.service.js');
  const localised = (params: Record<string, string | number>) =>
    Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'number' && name !== 'pid' ? count(value, language) : value]));
  const text =
    error instanceof BackupError ? message(error.key, language, localised(error.params))
    : error instanceof Error ? error.message
    : String(error);
  console.error(`gnbv: ${text}`);
  process.exit(1);
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('write a backup of the database (embedded or DATABASE_URL) with a manifest of every table')
    .requiredOption('--out <file>', 'the backup file to write (never overwritten)')
    .addOption(languageOption())
    .action(async (options: { out: string; lang: Language }) => {
      const language = options.lang;
      const config = readConfig();
      const { createBackup, totalRows } = await import('../../modules/backup/backup.service.js');
      const bars = stepBars(language);
      try {
        const result = await createBackup({
          target: { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
          out: options.out,
          gnbvVersion: VERSION,
          onProgress: bars.report,
        });
        bars.stop();
        console.error(
          message('backup.done', language, {
            engine: result.manifest.engine === 'postgres' ? 'PostgreSQL' : 'PGlite',
            file: options.out,
            tables: count(result.manifest.tables.length, language),
            rows: count(totalRows(result.manifest.tables), language),
            size: megabytes(result.bytes, language),
          }),
        );
      } catch (error) {
        bars.stop();
        await failWith(error, language);
      }
    });

  program
    .command('restore')
    .description('restore a backup file into the database (embedded or DATABASE_URL), checking every table')
    .argument('<file>', 'a file written by gnbv backup')
    .option('--force', 'replace a database that already holds tables')
    .addOption(languageOption())
    .action(async (file: string, options: { force?: boolean; lang: Language }) => {
      const language = options.lang;
      const config = readConfig();
      const { restoreBackup, totalRows } = await import('../../modules/backup/backup.service.js');
      const bars = stepBars(language);
      try {
        const result = await restoreBackup({
          target: { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
          file,
          force: options.force ?? false,
          onProgress: bars.report,
        });
        bars.stop();
        console.error(
          message('backup.restored', language, {
            file,
            createdAt: result.manifest.createdAt,
            target: result.target,
            tables: count(result.tables.length, language),
            rows: count(totalRows(result.tables), language),
          }),
        );
      } catch (error) {
        bars.stop();
        await failWith(error, language);
      }
    });
}
