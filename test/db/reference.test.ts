/**
 * The reference-data load on a real database: what lands in each table, that a second load
 * changes nothing, that a data fix updates exactly the changed rows, and that a bad file or a
 * failure half-way writes nothing.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import {
  DEFAULT_REFERENCE_DIRECTORY,
  loadReferenceData,
  ReferenceDataError,
  type ReferenceLoadReport,
} from '../../src/db/reference/index.js';
import type { Database } from '../../src/db/schema.js';
import { createEmptyTestDatabase, type TestDatabase } from '../support/database.js';

let database: TestDatabase;
let db: Kysely<Database>;
let firstLoad: ReferenceLoadReport;
const scratchDirectories: string[] = [];

beforeAll(async () => {
  database = await createEmptyTestDatabase();
  db = database.handle.db;
  await migrateToLatest(db);
  firstLoad = await loadReferenceData(db);
});

afterAll(async () => {
  await database.destroy();
  await Promise.all(scratchDirectories.map((directory) => rm(directory, { recursive: true, force: true })));
});

/** Units of a level in force on a date, optionally of one province. */
async function unitsOn(level: 'district' | 'commune', date: string, provinceCode?: string): Promise<number> {
  let query = db
    .selectFrom('admin_unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('level', '=', level)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]));
  if (provinceCode) query = query.where('province_code', '=', provinceCode);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function intervalsOf(code: string) {
  return db
    .selectFrom('admin_unit')
    .select(['name', 'valid_from', 'valid_to', 'parent_code', 'province_code', 'area'])
    .where('code', '=', code)
    .orderBy('valid_from')
    .execute();
}

const REFERENCE_TABLES = [
  ['setting', 'key'],
  ['admin_unit', 'code, valid_from'],
  ['unit_succession', 'old_code, new_code'],
  ['ethnic_group', 'code'],
  ['agency', 'code'],
  ['program', 'code'],
  ['program_project', 'code'],
  ['support_type', 'code'],
  ['poverty_standard', 'id'],
] as const;

/** Every row of every reference table, in key order, for before/after comparisons. */
async function dumpReferenceTables(): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const [table, key] of REFERENCE_TABLES) {
    const result = await sql`select * from ${sql.table(table)} order by ${sql.raw(key)}`.execute(db);
    dump[table] = result.rows;
  }
  return dump;
}

/** A copy of the reference directory to corrupt or fix. */
async function copyReferenceDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'gnbv-reference-'));
  scratchDirectories.push(directory);
  await cp(DEFAULT_REFERENCE_DIRECTORY, directory, { recursive: true });
  return directory;
}

async function editFile(directory: string, name: string, edit: (text: string) => string): Promise<void> {
  const file = path.join(directory, name);
  const before = await readFile(file, 'utf8');
  const after = edit(before);
  expect(after, `the edit of ${name} changed nothing`).not.toBe(before);
  await writeFile(file, after);
}

async function loadError(promise: Promise<unknown>): Promise<ReferenceDataError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ReferenceDataError);
  return error as ReferenceDataError;
}

describe('first load', () => {
  it('inserts every row of the files', () => {
    const inserted = Object.fromEntries(
      Object.entries(firstLoad.tables).map(([table, count]) => [table, count.inserted]),
    );
    expect(inserted).toMatchObject({
      setting: 1,
      // 64 + 17 districts + 221 old commune intervals (23674 renamed in 2024) + 52 + 135 communes
      admin_unit: 375,
      unit_succession: 380,
      ethnic_group: 54,
      agency: 20,
      program: 2,
    });
    for (const count of Object.values(firstLoad.tables)) {
      expect(count).toMatchObject({ updated: 0, deleted: 0, unchanged: 0 });
      expect(count.inserted).toBe(count.rows);
    }
    expect(firstLoad.unitNameVariants).toBe(34);
  });

  it('stores the province setting', async () => {
    const row = await db.selectFrom('setting').select('value').where('key', '=', 'province').executeTakeFirstOrThrow();
    expect(row.value).toEqual({ code: '52', name: 'Gia Lai', timeZone: 'Asia/Ho_Chi_Minh', previousCodes: ['64'] });
  });
});

describe('administrative units', () => {
  it('has 220 communes until 31 Oct 2024, 218 until 30 Jun 2025, then 135 of the new province', async () => {
    expect(await unitsOn('commune', '2022-06-01', '64')).toBe(220);
    expect(await unitsOn('commune', '2024-10-31')).toBe(220);
    expect(await unitsOn('commune', '2024-11-01')).toBe(218);
    expect(await unitsOn('commune', '2025-06-30', '64')).toBe(218);
    expect(await unitsOn('commune', '2025-07-01')).toBe(135);
    expect(await unitsOn('commune', '2025-07-01', '52')).toBe(135);
    expect(await unitsOn('commune', '2030-01-01', '52')).toBe(135);
  });

  it('has 17 districts before 1 Jul 2025 and none after', async () => {
    for (const date of ['2020-01-01', '2024-10-31', '2024-11-01', '2025-06-30']) {
      expect(await unitsOn('district', date)).toBe(17);
    }
    expect(await unitsOn('district', '2025-07-01')).toBe(0);
  });

  it('keeps an unchanged commune as one interval and splits changed ones', async () => {
    expect(await intervalsOf('23650')).toEqual([
      { name: 'Xã KRong', valid_from: '2020-01-01', valid_to: '2025-06-30', parent_code: '625', province_code: '64', area: 'rural' },
      { name: 'Xã Krong', valid_from: '2025-07-01', valid_to: null, parent_code: '52', province_code: '52', area: 'rural' },
    ]);
    expect((await intervalsOf('23674')).map((unit) => [unit.name, unit.valid_from, unit.valid_to])).toEqual([
      ['Xã Đăk HLơ', '2020-01-01', '2024-10-31'],
      ['Xã Kông Bơ La', '2024-11-01', '2025-06-30'],
      ['Xã Kông Bơ La', '2025-07-01', null],
    ]);
    expect((await intervalsOf('23593')).map((unit) => unit.valid_to)).toEqual(['2024-10-31']);
    expect(await intervalsOf('64')).toEqual([
      { name: 'Tỉnh Gia Lai', valid_from: '2020-01-01', valid_to: '2025-06-30', parent_code: null, province_code: '64', area: null },
    ]);
  });

  it('sets the area from the unit type: phường and thị trấn urban, xã rural, nothing above communes', async () => {
    const pairs = await db
      .selectFrom('admin_unit')
      .select(['level', 'type', 'area'])
      .distinct()
      .orderBy('level')
      .orderBy('type')
      .execute();
    expect(pairs).toEqual([
      { level: 'commune', type: 'Phường', area: 'urban' },
      { level: 'commune', type: 'Thị trấn', area: 'urban' },
      { level: 'commune', type: 'Xã', area: 'rural' },
      { level: 'district', type: 'Huyện', area: null },
      { level: 'district', type: 'Thành phố', area: null },
      { level: 'district', type: 'Thị xã', area: null },
      { level: 'province', type: 'Tỉnh', area: null },
    ]);
    // The township of Kbang became a (rural) xã on 1 Jul 2025.
    expect((await intervalsOf('23638')).map((unit) => unit.area)).toEqual(['urban', 'rural']);
  });

  it('does not load the units of old Bình Định, whose code 52 the new province took', async () => {
    const before = await db
      .selectFrom('admin_unit')
      .select('province_code')
      .distinct()
      .where('valid_from', '<', '2025-07-01')
      .execute();
    expect(before).toEqual([{ province_code: '64' }]);
    // Old Bình Định codes appear only where a new commune kept one, from 1 Jul 2025.
    const oldBinhDinhCodes = db.selectFrom('unit_succession').select('old_code').where('old_province_code', '=', '52');
    const rows = await db
      .selectFrom('admin_unit')
      .select(['valid_from', 'province_code'])
      .distinct()
      .where('code', 'in', oldBinhDinhCodes)
      .execute();
    expect(rows).toEqual([{ valid_from: '2025-07-01', province_code: '52' }]);
  });

  it('loads the 4 pairs of the 1 Nov 2024 merger', async () => {
    const rows = await db.selectFrom('unit_succession').selectAll().where('effective_date', '=', '2024-11-01').orderBy('old_code').execute();
    expect(rows.map((row) => `${row.old_code}→${row.new_code}`)).toEqual(['23590→23590', '23593→23590', '23671→23674', '23674→23674']);
  });

  it('loads the 376 succession pairs, effective 1 Jul 2025, into communes of the new province', async () => {
    const rows = await db.selectFrom('unit_succession').selectAll().where('effective_date', '=', '2025-07-01').execute();
    expect(rows).toHaveLength(376);
    expect(rows.filter((row) => row.old_province_code === '64')).toHaveLength(218);
    expect(rows.filter((row) => row.old_code === '21634').map((row) => row.new_code).sort()).toEqual(['21622', '21628']);
    const orphans = await db
      .selectFrom('unit_succession')
      .select('new_code')
      .where('new_code', 'not in', db.selectFrom('admin_unit').select('code').where('province_code', '=', '52'))
      .execute();
    expect(orphans).toEqual([]);
  });
});

describe('catalogs', () => {
  it('has 54 ethnic groups, Kinh (01) the only majority group', async () => {
    const groups = await db.selectFrom('ethnic_group').selectAll().orderBy('code').execute();
    expect(groups).toHaveLength(54);
    expect(groups.filter((group) => !group.is_minority).map((group) => [group.code, group.name])).toEqual([['01', 'Kinh']]);
    expect(groups.map((group) => group.code)).toEqual(Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('resolves aliases in SQL: Jrai → 10, Bahnar → 13', async () => {
    const byAlias = async (alias: string) =>
      (await db.selectFrom('ethnic_group').select('code').where(sql<boolean>`${alias} = any(aliases)`).execute()).map(
        (row) => row.code,
      );
    expect(await byAlias('Jrai')).toEqual(['10']);
    expect(await byAlias('Bahnar')).toEqual(['13']);
    expect(await byAlias('Ede')).toEqual(['12']);
  });

  it('versions the agencies and points Labour to Agriculture and Environment for poverty reduction', async () => {
    const labour = await db.selectFrom('agency').selectAll().where('code', '=', 'SLDTBXH').executeTakeFirstOrThrow();
    expect(labour).toMatchObject({ valid_from: '2020-01-01', valid_to: '2025-02-28', successor_code: 'SNNMT' });
    const successor = await db.selectFrom('agency').selectAll().where('code', '=', 'SNNMT').executeTakeFirstOrThrow();
    expect(successor).toMatchObject({ name: 'Sở Nông nghiệp và Môi trường', valid_from: '2025-03-01', valid_to: null });
  });

  it('loads the program catalog with the leads of the 2022 plan', async () => {
    const leads = Object.fromEntries(
      (await db.selectFrom('program_project').select(['code', 'lead_agency_code']).execute()).map((row) => [
        row.code,
        row.lead_agency_code,
      ]),
    );
    expect(leads).toMatchObject({
      P2: 'SLDTBXH',
      P3: 'SNNPTNT',
      'P3.SP1': 'SNNPTNT',
      'P3.SP2': 'SYT',
      P4: 'SLDTBXH',
      P5: 'SXD',
      P6: 'STTTT',
      'P6.SP1': 'STTTT',
      'P6.SP2': 'SLDTBXH',
      P7: 'SLDTBXH',
    });
    const subProjects = await db
      .selectFrom('program_project')
      .select(['code', 'parent_code', 'sort_order'])
      .where('parent_code', '=', 'P3')
      .orderBy('sort_order')
      .execute();
    expect(subProjects).toEqual([
      { code: 'P3.SP1', parent_code: 'P3', sort_order: 1 },
      { code: 'P3.SP2', parent_code: 'P3', sort_order: 2 },
    ]);
    const programs = await db.selectFrom('program').select(['code', 'status', 'period_start', 'period_end']).orderBy('code').execute();
    expect(programs).toEqual([
      { code: 'NTP-2026-2035', status: 'provisional', period_start: 2026, period_end: 2035 },
      { code: 'NTP-GNBV-2021-2025', status: 'approved', period_start: 2021, period_end: 2025 },
    ]);
  });

  it('maps supports to indicators, agencies and projects', async () => {
    const supports = await db.selectFrom('support_type').selectAll().orderBy('code').execute();
    expect(supports).toHaveLength(14);
    expect(supports.find((support) => support.code === 'housing')).toMatchObject({
      indicator_codes: ['housing_quality', 'housing_area'],
      lead_agency_code: 'SXD',
      project_code: 'P5',
    });
  });

  it('loads each poverty standard with its whole definition', async () => {
    const standard = await db.selectFrom('poverty_standard').selectAll().where('id', '=', 'VN-MPS-2022').executeTakeFirstOrThrow();
    expect(standard).toMatchObject({ first_year: 2022, last_year: 2026 });
    expect(standard.definition).toMatchObject({ id: 'VN-MPS-2022', incomeLines: { rural: { value: 1_500_000 } } });
  });
});

describe('reloading', () => {
  it('changes nothing when run again', async () => {
    const before = await dumpReferenceTables();
    const report = await loadReferenceData(db);
    for (const count of Object.values(report.tables)) {
      expect(count).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
      expect(count.unchanged).toBe(count.rows);
    }
    expect(await dumpReferenceTables()).toEqual(before);
  });

  it('updates exactly the rows a data fix changes, and removes intervals the files no longer have', async () => {
    const directory = await copyReferenceDirectory();
    await editFile(directory, 'ethnic-groups.csv', (text) => text.replace('\n13,Ba na,', '\n13,Ba Na,'));
    await editFile(directory, 'province.json', (text) => text.replace('"validFrom": "2020-01-01"', '"validFrom": "2019-01-01"'));
    const fixed = await loadReferenceData(db, { directory });
    expect(fixed.tables.ethnic_group).toMatchObject({ inserted: 0, updated: 1, unchanged: 53 });
    // The province, its 17 districts and 220 communes start with the first snapshot.
    expect(fixed.tables.admin_unit).toMatchObject({ inserted: 238, updated: 0, deleted: 238 });
    expect(fixed.tables.agency).toMatchObject({ updated: 0, inserted: 0 });
    expect((await intervalsOf('23650'))[0]?.valid_from).toBe('2019-01-01');

    const restored = await loadReferenceData(db);
    expect(restored.tables.ethnic_group.updated).toBe(1);
    expect(restored.tables.admin_unit).toMatchObject({ inserted: 238, deleted: 238 });
    const name = await db.selectFrom('ethnic_group').select('name').where('code', '=', '13').executeTakeFirstOrThrow();
    expect(name.name).toBe('Ba na');
  });
});

describe('bad data', () => {
  it('names the file, row and field of a bad CSV value and writes nothing', async () => {
    const before = await dumpReferenceTables();
    const directory = await copyReferenceDirectory();
    await editFile(directory, 'ethnic-groups.csv', (text) => text.replace('\n10,Gia-rai,', '\n1O,Gia-rai,'));
    const error = await loadError(loadReferenceData(db, { directory }));
    expect(error.file).toBe(path.join(directory, 'ethnic-groups.csv'));
    expect(error).toMatchObject({ row: 11, field: 'code' });
    expect(error.message).toContain('ethnic-groups.csv, row 11, field "code"');
    expect(await dumpReferenceTables()).toEqual(before);
  });

  it('names the first unit whose type has no configured area', async () => {
    const directory = await copyReferenceDirectory();
    await editFile(directory, 'province.json', (text) => text.replace('"Thị trấn": "urban",', ''));
    const error = await loadError(loadReferenceData(db, { directory }));
    const file = path.join(directory, 'admin-units/gialai_2024-09_units.csv');
    expect(error.file).toBe(file);
    const firstTownship = (await readFile(file, 'utf8')).split('\n').findIndex((line) => line.includes(',Thị trấn,')) + 1;
    expect(error).toMatchObject({ row: firstTownship, field: 'type' });
    expect(error.problem).toContain('Thị trấn');
  });

  it('names the record and key of a bad JSON value', async () => {
    const directory = await copyReferenceDirectory();
    await editFile(directory, 'support-catalog.json', (text) => text.replace('"indicatorCodes": ["latrine"]', '"indicatorCodes": ["latrines"]'));
    const error = await loadError(loadReferenceData(db, { directory }));
    expect(error).toMatchObject({ row: 'supportTypes[6]', field: 'indicatorCodes[0]' });
  });

  it('refuses a link to an agency that does not exist', async () => {
    const directory = await copyReferenceDirectory();
    await editFile(directory, 'program-catalog.json', (text) => text.replace('"leadAgencyCode": "SXD"', '"leadAgencyCode": "SXDD"'));
    const error = await loadError(loadReferenceData(db, { directory }));
    expect(error).toMatchObject({ row: 'programs[0].projects[4]', field: 'leadAgencyCode' });
  });

  it('rolls back everything when a step fails half-way', async () => {
    const before = await dumpReferenceTables();
    const directory = await copyReferenceDirectory();
    await editFile(directory, 'ethnic-groups.csv', (text) => text.replace('\n13,Ba na,', '\n13,Ba Na,'));
    const steps: string[] = [];
    const failing = loadReferenceData(db, {
      directory,
      onProgress: (step) => {
        steps.push(step);
        if (step === 'agency') throw new Error('stop at agency');
      },
    });
    await expect(failing).rejects.toThrow('stop at agency');
    expect(steps).toEqual(['read', 'setting', 'admin_unit', 'unit_succession', 'ethnic_group', 'agency']);
    expect(await dumpReferenceTables()).toEqual(before);
  });
});
