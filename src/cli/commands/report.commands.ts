/** `gnbv report NAME --year Y [--unit CODE] --format xlsx|pdf|csv|json --out PATH` (SPEC §5.7). */
import { writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { readConfig } from '../../config.js';
import type { DatabaseHandle } from '../../db/engine.js';
import type { Actor } from '../../modules/access/actor.js';
// The names come from the (pure) table definitions; rendering and the database engines pull in
// exceljs, pdfmake and PGlite, so they are loaded inside the action.
import { REPORT_NAMES as NAMES, type ReportName } from '../../modules/reports/report-tables.js';

const FORMATS = ['xlsx', 'pdf', 'csv', 'json'] as const;

function year(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2000 || n > 2100) throw new InvalidArgumentError('must be a year such as 2022');
  return n;
}

function fail(text: string): never {
  console.error(`gnbv: ${text}`);
  process.exit(1);
}

export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description('writes a generated report: review-result tables, or the program\'s six-month and annual report (province-wide operator)')
    .addArgument(program.createArgument('<name>', 'report').choices(NAMES))
    .requiredOption('--year <year>', 'review year', year)
    .option('--unit <code>', 'province, district or commune code (default: the province)')
    .addOption(new Option('--format <format>', 'file format').choices(FORMATS).makeOptionMandatory())
    .requiredOption('--out <path>', 'file to write (- for stdout)')
    .action(async (name: ReportName, options: { year: number; unit?: string; format: (typeof FORMATS)[number]; out: string }) => {
      const config = readConfig();
      const { openDatabase } = await import('../../db/engine.js');
      const { readProvinceSetting } = await import('../../modules/access/scope.repository.js');
      const { generateReport } = await import('../../modules/reports/report-generation.service.js');
      const render = await import('../../modules/reports/report-render.js');
      const { HttpProblem } = await import('../../server/problem.js');
      let handle: DatabaseHandle;
      try {
        handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      } catch (error) {
        fail(`cannot open the database: ${error instanceof Error ? error.message : String(error)}`);
      }
      try {
        const province = await readProvinceSetting(handle.db).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
        const operator: Actor = {
          userId: 0,
          username: 'cli',
          displayName: 'gnbv report',
          role: 'province_admin',
          unitCode: null,
          agencyCode: null,
          isDemo: false,
          scope: { kind: 'province', provinceCode: province.code },
        };
        const report = await generateReport(handle.db, operator, { province }, { name, year: options.year, unit: options.unit }).catch((error: unknown) => {
          if (error instanceof HttpProblem) fail(error.render('en').detail);
          throw error;
        });
        const document = { table: report.table, issuer: report.issuer };
        const body =
          options.format === 'xlsx' ? await render.renderXlsx(document)
          : options.format === 'pdf' ? await render.renderPdf(document)
          : options.format === 'csv' ? render.renderCsv(document)
          : render.renderJson(document, { year: report.year, unit: report.unitCode });
        if (options.out === '-') process.stdout.write(body);
        else {
          await writeFile(options.out, body);
          const rows = (report.table.sections ?? [report.table]).reduce((sum, table) => sum + table.rows.length, 0);
          console.error(`${options.out}: ${report.table.title} — ${rows} rows`);
        }
      } finally {
        await handle.close();
      }
    });
}
