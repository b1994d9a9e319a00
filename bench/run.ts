/** `npm run bench`: every figure beside a baseline from the same run; results in bench/results.json. */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchClassification } from './classify.bench.js';
import { benchDashboard } from './dashboard.bench.js';
import { createReport } from './harness.js';
import { benchHouseholdList } from './households.bench.js';
import { benchImport } from './import.bench.js';
import { benchLoad } from './load.bench.js';
import { benchStartup } from './startup.bench.js';

const report = createReport();
// `npm run bench -- startup classify` runs only the named sections.
const only = new Set(process.argv.slice(2));
const wanted = (section: string) => only.size === 0 || only.has(section);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

console.log(`GNBV bench — ${os.cpus().length} cores, Node ${process.version}`);
if (wanted('startup')) {
  console.log('\n# Start-up');
  await benchStartup(report.record, postgresUrl);
}
if (wanted('classify')) {
  console.log('\n# Poverty standard engine');
  await benchClassification(report.record);
}
if (wanted('import')) {
  console.log('\n# Household import');
  await benchImport(report.record, postgresUrl);
}
if (wanted('households')) {
  console.log('\n# Household list and search API');
  await benchHouseholdList(report.record, postgresUrl);
}

if (wanted('dashboard')) {
  console.log('\n# Dashboard: province summary from the aggregates');
  await benchDashboard(report.record, postgresUrl);
}

if (wanted('load')) {
  console.log('\n# Load: 50 clients on list, detail, dashboard and classify');
  await benchLoad(report.record, postgresUrl);
}

report.save(fileURLToPath(new URL('./results.json', import.meta.url)), {
  at: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
});
