/** `npm run bench`: every figure beside a baseline from the same run; results in bench/results.json. */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchClassification } from './classify.bench.js';
import { createReport } from './harness.js';
import { benchStartup } from './startup.bench.js';

const report = createReport();
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

console.log(`GNBV bench — ${os.cpus().length} cores, Node ${process.version}`);
console.log('\n# Start-up');
await benchStartup(report.record, postgresUrl);
console.log('\n# Poverty standard engine');
await benchClassification(report.record);

report.save(fileURLToPath(new URL('./results.json', import.meta.url)), {
  at: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
});
