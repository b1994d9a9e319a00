/** Loads a province plan's measurable targets (first: Gia Lai 2022, `reference/plan-2022.json`) into `target`. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { DEFAULT_REFERENCE_DIRECTORY } from '../../db/reference/read-reference-data.js';
import { parseProvincePlan } from '../../db/reference/province-plan.parser.js';
import { readProvinceSetting } from '../access/scope.repository.js';
import { targetsDb } from './targets.tables.js';

/**
 * Inserts the plan's change and level targets under the deployment's province, keeping any
 * target a person already set for the same unit, year and indicator. Qualitative targets
 * are not measured and stay in the plan. Idempotent.
 * @returns the number of targets inserted.
 */
export async function loadPlanTargets(db: Kysely<Database>, file = path.join(DEFAULT_REFERENCE_DIRECTORY, 'plan-2022.json')): Promise<number> {
  const plan = parseProvincePlan(await readFile(file, 'utf8'), path.basename(file));
  const province = await readProvinceSetting(db);
  const rows = plan.targets.flatMap((target) =>
    target.kind === 'qualitative'
      ? []
      : [{
          province_code: province.code,
          unit_code: target.unitCode,
          year: target.year,
          indicator: target.indicator,
          kind: target.kind,
          value: target.value,
          comparator: target.comparator,
          source: `plan:${plan.id}/${target.id}`,
          note: target.text.vi,
          created_by: null,
        }],
  );
  if (rows.length === 0) return 0;
  const result = await targetsDb(db)
    .insertInto('target')
    .values(rows)
    .onConflict((oc) => oc.columns(['province_code', 'unit_code', 'year', 'indicator']).doNothing())
    .returning('id')
    .execute();
  return result.length;
}
