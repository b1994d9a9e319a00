/**
 * Runs one operation the way the command line does, on DATABASE_URL or GNBV_DATA_DIR, for the
 * fault tests: `migrate`, `import HOUSEHOLDS.csv MEMBERS.csv`, `reopen PERIOD` (the first round of
 * the period), `recognise ROUND DATE DECISION` and `state ROUND` (the last three print the round's
 * state as `state: {json}`).
 *
 * With FAULT_PAUSE_AFTER=<regular expression>, the first statement whose text matches it (an
 * insert into a table, a raw statement, a created table) completes and then the process writes
 * `fault: paused` on stderr and waits forever, in the middle of its transaction, for the test
 * to kill it. Production code has no such hook: the pause is a Kysely plugin added here.
 *
 *   node --import tsx test/support/fault-run.ts import households.csv members.csv
 */
import { writeSync } from 'node:fs';
import path from 'node:path';
import {
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  sql,
} from 'kysely';
import { readConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/engine.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { readProvinceSetting } from '../../src/modules/access/scope.repository.js';
import { importHouseholds } from '../../src/modules/imports/import-households.js';
import { recordStep, reopenRound } from '../../src/modules/review/review.service.js';
import type { Actor } from '../../src/modules/access/actor.js';

/** A statement's text as far as the pause pattern needs it. */
function describeNode(node: OperationNode): string {
  const text = (() => {
    switch (node.kind) {
      case 'RawNode':
        return (node as unknown as { sqlFragments: readonly string[] }).sqlFragments.join('?');
      case 'InsertQueryNode':
        return `insert into ${(node as unknown as { into: { table: { identifier: { name: string } } } }).into.table.identifier.name}`;
      case 'CreateTableNode':
        return `create table ${(node as unknown as { table: { table: { identifier: { name: string } } } }).table.table.identifier.name}`;
      default:
        return node.kind;
    }
  })();
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

class PauseAfter implements KyselyPlugin {
  readonly #pattern: RegExp;
  readonly #flagged = new Set<unknown>();

  constructor(pattern: string) {
    this.#pattern = new RegExp(pattern);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.#pattern.test(describeNode(args.node))) this.#flagged.add(args.queryId);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#flagged.has(args.queryId)) {
      writeSync(2, 'fault: paused\n');
      // Nothing else may keep the process alive while it waits to be killed.
      setInterval(() => {}, 1 << 30);
      await new Promise(() => {});
    }
    return args.result;
  }
}

const [operation, ...args] = process.argv.slice(2);
const config = readConfig();
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const pause = process.env.FAULT_PAUSE_AFTER;
const db = pause ? handle.db.withPlugin(new PauseAfter(pause)) : handle.db;

async function provinceAdmin(): Promise<Actor> {
  const province = await readProvinceSetting(handle.db);
  const user = await handle.db.selectFrom('app_user').select(['id', 'username']).where('username', '=', 'admin').executeTakeFirstOrThrow();
  return {
    userId: user.id,
    username: user.username,
    displayName: 'admin',
    role: 'province_admin',
    unitCode: province.code,
    agencyCode: null,
    isDemo: true,
    scope: { kind: 'province', provinceCode: province.code },
  };
}

export interface RoundState {
  id: number;
  status: string;
  results: number;
  recognitions: number;
  /** The decision numbers the round's results carry. */
  decisions: string[];
}

/** What a test checks of a round after a recognition, killed or not. */
async function roundState(id: number): Promise<RoundState> {
  const round = await sql<{ status: string }>`select status from review_round where id = ${id}`.execute(handle.db);
  const results = await sql<{ n: number }>`select count(*) as n from review_result where round_id = ${id}`.execute(handle.db);
  const steps = await sql<{ n: number }>`select count(*) as n from review_step where round_id = ${id} and step = 'recognition'`.execute(handle.db);
  const decisions = await sql<{ d: string }>`select distinct decision_number as d from review_result where round_id = ${id} order by 1`.execute(handle.db);
  return {
    id,
    status: round.rows[0]?.status ?? 'missing',
    results: Number(results.rows[0]?.n),
    recognitions: Number(steps.rows[0]?.n),
    decisions: decisions.rows.map((row) => row.d),
  };
}

try {
  switch (operation) {
    case 'migrate': {
      const applied = await migrateToLatest(db);
      console.log(`applied: ${applied.join(',')}`);
      break;
    }
    case 'import': {
      const province = await readProvinceSetting(handle.db);
      const result = await importHouseholds(db, {
        format: 'csv',
        files: args.map((file) => ({ path: file, name: path.basename(file) })),
        dryRun: false,
        update: false,
        actor: { userId: null, scope: { kind: 'province', provinceCode: province.code } },
      });
      console.log(`imported: ${result.inserted} problems: ${result.problemCount}`);
      break;
    }
    case 'reopen': {
      // The first round of the period given, reopened by a province admin.
      const province = await readProvinceSetting(handle.db);
      const first = await sql<{ id: number }>`select id from review_round where period = ${args[0] ?? ''} order by id limit 1`.execute(handle.db);
      const id = Number(first.rows[0]?.id);
      await reopenRound(db, await provinceAdmin(), { province, today: () => '2026-01-01' }, id, 'Kiểm thử sự cố');
      console.log(`state: ${JSON.stringify(await roundState(id))}`);
      break;
    }
    case 'recognise': {
      const province = await readProvinceSetting(handle.db);
      const id = Number(args[0]);
      const step = { step: 'recognition' as const, date: args[1] ?? '', decisionNumber: args[2] ?? '' };
      await recordStep(db, await provinceAdmin(), { province, today: () => '2026-01-01' }, id, step);
      console.log(`state: ${JSON.stringify(await roundState(id))}`);
      break;
    }
    case 'state':
      console.log(`state: ${JSON.stringify(await roundState(Number(args[0])))}`);
      break;
    default:
      throw new Error(`unknown operation ${operation}`);
  }
} finally {
  await handle.close();
}
