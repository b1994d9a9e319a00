/**
 * Rebuilds the province's result aggregates from its recognised results. Call it in the same
 * transaction as a recognition (or a reopening) and after the demo review is seeded; called
 * outside a transaction it opens its own, so readers never see the table half-rebuilt.
 *
 * The state of a year is each household's latest recognised result decided on or before
 * 31 December of that year (carried forward while the household is not dissolved): the
 * "end-2022" figure of the province's decisions. A household counts in the unit of that result.
 * The counting runs in SQL (`rebuildAggregates`), so a province of 400,000 households is never
 * loaded into memory.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { listPovertyStandards } from '../households/households.repository.js';
import * as repo from './targets.repository.js';

/** @returns the number of aggregate rows written. */
export async function refreshAggregates(db: Kysely<Database>, provinceCode: string): Promise<number> {
  const run = async (trx: Kysely<Database>) => {
    const standards = (await listPovertyStandards(trx)).map((standard) => ({
      id: standard.id,
      k: standard.alkireFosterK.value,
      indicators: standard.indicators.map((indicator) => indicator.code),
    }));
    return repo.rebuildAggregates(trx, provinceCode, standards);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
