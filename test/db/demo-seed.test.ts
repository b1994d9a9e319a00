/**
 * Seeding the demo province into a real database (PGlite, and PostgreSQL when configured):
 * what the seeder reports is what the tables hold, every row is synthetic, the setting 'demo'
 * says what was loaded, and a registry that already has households is refused.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import { DEMO_LABEL } from '../../src/modules/demo/demo-generator.js';
import {
  DEFAULT_DEMO_SEED,
  DEMO_SURVEY_DATE,
  DemoSeedError,
  seedDemoProvince,
  type SeedDemoResult,
} from '../../src/modules/demo/demo-seed.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const HOUSEHOLDS = 500;

let database: TestDatabase | undefined;
let db: Kysely<Database>;
let result: SeedDemoResult;
const progress: [number, number][] = [];

async function count(table: 'household' | 'member'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.handle.db;
  result = await seedDemoProvince(db, {
    households: HOUSEHOLDS,
    onProgress: (done, total) => progress.push([done, total]),
  });
});

afterAll(async () => {
  await database?.destroy();
});

describe('seedDemoProvince', () => {
  it('writes exactly what it reports', async () => {
    expect(result.households).toBe(HOUSEHOLDS);
    expect(result.members).toBeGreaterThan(3 * HOUSEHOLDS);
    expect(await count('household')).toBe(result.households);
    expect(await count('member')).toBe(result.members);
    expect(progress[0]).toEqual([0, HOUSEHOLDS]);
    expect(progress.at(-1)).toEqual([HOUSEHOLDS, HOUSEHOLDS]);
  });

  it('marks every household synthetic and places them in the communes valid on the survey date', async () => {
    const rows = await db
      .selectFrom('household')
      .select(['is_synthetic', 'province_code', 'survey_date', 'commune_code'])
      .execute();
    expect(rows.every((r) => r.is_synthetic)).toBe(true);
    expect(new Set(rows.map((r) => r.province_code))).toEqual(new Set(['52']));
    expect(new Set(rows.map((r) => r.survey_date))).toEqual(new Set([DEMO_SURVEY_DATE]));
    const communes = await db
      .selectFrom('admin_unit')
      .select('code')
      .where('level', '=', 'commune')
      .where('valid_from', '<=', DEMO_SURVEY_DATE)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', DEMO_SURVEY_DATE)]))
      .execute();
    expect(communes).toHaveLength(220);
    expect(new Set(rows.map((r) => r.commune_code))).toEqual(new Set(communes.map((c) => c.code)));
  });

  it('stores the values as generated (money, area, dates, citizen IDs)', async () => {
    const household = await db.selectFrom('household').selectAll().orderBy('code').executeTakeFirstOrThrow();
    expect(typeof household.income_per_capita).toBe('number');
    expect(typeof household.floor_area_m2).toBe('number');
    expect(household.head_name.normalize('NFC')).toBe(household.head_name);
    const head = await db
      .selectFrom('member')
      .selectAll()
      .where('household_code', '=', household.code)
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    expect(head.full_name).toBe(household.head_name);
    expect(head.relation).toBe('chủ hộ');
    expect(head.birth_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(head.citizen_id).toMatch(/^064\d{9}$/);
  });

  it('records the setting "demo" with the survey date, not the clock', async () => {
    const row = await db.selectFrom('setting').select('value').where('key', '=', 'demo').executeTakeFirstOrThrow();
    expect(row.value).toEqual({
      seed: DEFAULT_DEMO_SEED,
      households: result.households,
      members: result.members,
      generatedAt: DEMO_SURVEY_DATE,
      label: DEMO_LABEL,
    });
  });

  it('refuses a registry that already has households and changes nothing', async () => {
    await expect(seedDemoProvince(db, { households: 10 })).rejects.toThrow(DemoSeedError);
    expect(await count('household')).toBe(result.households);
    expect(await count('member')).toBe(result.members);
  });
});
