/** Poverty standards as the database holds them: every SQL statement of the standards module. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * Every row of `poverty_standard`, earliest review years first. `definition` is the whole
 * standard (labour rules included) as the reference loader wrote it, or as someone corrected it.
 */
export function listStandardDefinitions(db: Kysely<Database>) {
  return db
    .selectFrom('poverty_standard')
    .select(['id', 'first_year', 'definition'])
    .orderBy('first_year')
    .orderBy('id')
    .execute();
}
