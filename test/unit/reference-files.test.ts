/**
 * The reference files without a database: the 2022 plan parses and agrees with the other files,
 * the parsers refuse bad data with a precise location, and unit snapshots become intervals.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildUnitIntervals, type UnitSnapshot } from '../../src/db/reference/admin-units.parser.js';
import {
  catalogProjects,
  DEFAULT_REFERENCE_DIRECTORY,
  findEthnicGroup,
  parseEthnicGroups,
  parseProvincePlan,
  planReferences,
  type ProvincePlan,
  type ReferenceData,
  ReferenceDataError,
  readReferenceData,
} from '../../src/db/reference/index.js';

const PLAN_FILE = 'plan-2022.json';

async function referenceText(name: string): Promise<string> {
  return readFile(path.join(DEFAULT_REFERENCE_DIRECTORY, name), 'utf8');
}

function thrown(action: () => unknown): ReferenceDataError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ReferenceDataError);
    return error as ReferenceDataError;
  }
  throw new Error('expected a ReferenceDataError');
}

let plan: ProvincePlan;
let planText: string;
let data: ReferenceData;

beforeAll(async () => {
  planText = await referenceText(PLAN_FILE);
  plan = parseProvincePlan(planText, PLAN_FILE);
  data = await readReferenceData();
});

describe('the 2022 plan', () => {
  it('holds the three numeric targets in percentage points and the qualitative one', () => {
    const numeric = plan.targets.flatMap((target) =>
      target.kind === 'qualitative' ? [] : [[target.unitCode, target.indicator, target.value, target.comparator]],
    );
    expect(numeric).toEqual([
      ['64', 'poor_rate', -2, 'at_most'],
      ['64', 'ethnic_minority_poor_rate', -3, 'less_than'],
      ['630', 'poor_rate', -5, 'at_most'],
    ]);
    expect(plan.targets.filter((target) => target.kind === 'qualitative')).toHaveLength(1);
    expect(plan.targets.every((target) => target.year === 2022)).toBe(true);
  });

  it('holds the reporting dates of the plan', () => {
    const dated = plan.reportingObligations.filter((obligation) => obligation.dueDate !== null);
    expect(dated.map((obligation) => obligation.dueDate)).toEqual(['2022-02-28', '2022-05-20', '2022-10-30']);
    expect(dated.every((obligation) => [...obligation.to, obligation.via].some((ref) => ref?.code === 'SLDTBXH'))).toBe(true);
  });

  it('gives Labour the lead of Projects 2, 4, 7 and Sub-project 2 of Project 6 to manage', () => {
    const labourProjects = plan.tasks
      .filter((task) => task.assignees.some((ref) => ref.kind === 'agency' && ref.code === 'SLDTBXH'))
      .flatMap((task) => task.projects.map((project) => `${project.role}:${project.code}`));
    expect(labourProjects).toEqual(
      expect.arrayContaining(['lead:P2', 'lead:P4', 'lead:P7', 'manage:P6.SP2']),
    );
  });

  it('refers only to agencies, projects and units that exist', () => {
    const references = planReferences(plan);
    const agencyCodes = data.agencies.map((agency) => agency.code);
    const projectCodes = catalogProjects(data.programCatalog).map((project) => project.code);
    expect(agencyCodes).toEqual(expect.arrayContaining(references.agencyCodes));
    expect(projectCodes).toEqual(expect.arrayContaining(references.projectCodes));
    const unitsIn2022 = data.adminUnits.filter((unit) => unit.valid_from <= '2022-01-01' && (unit.valid_to ?? '9999') >= '2022-12-31');
    for (const code of references.unitCodes) expect(unitsIn2022.map((unit) => unit.code)).toContain(code);
    expect(unitsIn2022.find((unit) => unit.code === '630')?.name).toBe('Huyện Kông Chro');
    // Every agency the plan names existed in 2022: the 16 bodies of the plan, none of 2025.
    expect(references.agencyCodes).toHaveLength(16);
    for (const code of references.agencyCodes) {
      const agency = data.agencies.find((a) => a.code === code);
      expect(agency, code).toBeDefined();
      expect(agency && agency.validFrom <= '2022-01-01' && (agency.validTo ?? '9999') >= '2022-12-31', code).toBe(true);
    }
    expect(data.standards.map((standard) => standard.id)).toContain(plan.standardId);
    expect(data.programCatalog.programs.map((program) => program.code)).toContain(plan.programCode);
  });

  it('agrees with the catalog on who leads each project', () => {
    const leads = new Map(catalogProjects(data.programCatalog).map((project) => [project.code, project.leadAgencyCode]));
    for (const task of plan.tasks) {
      for (const project of task.projects.filter((p) => p.role === 'lead')) {
        expect(task.assignees).toContainEqual({ kind: 'agency', code: leads.get(project.code) });
      }
    }
  });

  it('is precomposed Unicode (NFC) throughout', () => {
    expect(planText).toBe(planText.normalize('NFC'));
  });

  it('refuses a bad comparator at its target', () => {
    const bad = planText.replace('"comparator": "less_than"', '"comparator": "below"');
    expect(thrown(() => parseProvincePlan(bad, PLAN_FILE))).toMatchObject({ row: 'targets[1]', field: 'comparator' });
  });

  it('refuses an undeclared party and a duplicate id', () => {
    const unknownParty = planText.replace('"code": "district_people_committees" }]', '"code": "district_councils" }]');
    expect(thrown(() => parseProvincePlan(unknownParty, PLAN_FILE)).problem).toContain('district_councils');
    const duplicate = planText.replace('"id": "T2"', '"id": "T1"');
    expect(thrown(() => parseProvincePlan(duplicate, PLAN_FILE))).toMatchObject({ row: 'targets[1]', field: 'id' });
  });

  it('refuses a date that does not exist', () => {
    const bad = planText.replace('"dueDate": "2022-02-28"', '"dueDate": "2022-02-30"');
    expect(thrown(() => parseProvincePlan(bad, PLAN_FILE)).field).toBe('dueDate');
  });
});

describe('ethnic groups', () => {
  it('finds a group by any spelling', () => {
    const codeOf = (spelling: string) => findEthnicGroup(data.ethnicGroups, spelling)?.code;
    expect(codeOf('Jrai')).toBe('10');
    expect(codeOf('GIA RAI')).toBe('10');
    expect(codeOf('Bahnar')).toBe('13');
    expect(codeOf('Ba-na')).toBe('13');
    expect(codeOf('Mèo')).toBe('08');
    expect(codeOf('Khmer')).toBe('05');
    expect(codeOf('K’Ho')).toBe('16');
    expect(codeOf('Xơ Đăng')).toBe('14');
    expect(codeOf('Cham')).toBe('17');
    expect(codeOf('Martian')).toBeUndefined();
    expect(codeOf('')).toBeUndefined();
  });

  it('refuses an alias that already names another group', async () => {
    const text = (await referenceText('ethnic-groups.csv')).replace('Ede|Rhade', 'Ede|Rhade|Jrai');
    expect(thrown(() => parseEthnicGroups(text, 'ethnic-groups.csv'))).toMatchObject({ row: 13, field: 'aliases' });
  });

  it('refuses decomposed Vietnamese and a wrong header', async () => {
    const original = await referenceText('ethnic-groups.csv');
    const decomposed = original.replace('\n12,Ê-đê,', `\n12,${'Ê-đê'.normalize('NFD')},`);
    expect(thrown(() => parseEthnicGroups(decomposed, 'e.csv'))).toMatchObject({ row: 13, field: 'name' });
    const header = original.replace('name_en', 'english');
    expect(thrown(() => parseEthnicGroups(header, 'e.csv'))).toMatchObject({ row: 1, field: null });
  });
});

describe('unit intervals', () => {
  const unit = (code: string, name: string, parent: string | null, province = '64') => ({
    code,
    name,
    type: 'Xã',
    level: 'commune' as const,
    parent_code: parent,
    province_code: province,
    area: 'rural' as const,
  });
  const snapshot = (validFrom: string, validTo: string | null, units: UnitSnapshot['units']): UnitSnapshot => ({
    file: 'x.csv',
    validFrom,
    validTo,
    provinceCode: units[0]?.province_code ?? '64',
    units,
  });

  it('merges identical consecutive rows and splits on any change', () => {
    const intervals = buildUnitIntervals([
      snapshot('2020-01-01', '2024-10-31', [unit('1', 'Xã A', '9'), unit('2', 'Xã B', '9'), unit('3', 'Xã C', '9')]),
      snapshot('2024-11-01', '2025-06-30', [unit('1', 'Xã A', '9'), unit('2', 'Xã B mới', '9')]),
      snapshot('2025-07-01', null, [unit('1', 'Xã A', '52', '52')]),
    ]);
    expect(intervals.map((u) => [u.code, u.name, u.valid_from, u.valid_to])).toEqual([
      ['1', 'Xã A', '2020-01-01', '2025-06-30'],
      ['2', 'Xã B', '2020-01-01', '2024-10-31'],
      ['3', 'Xã C', '2020-01-01', '2024-10-31'],
      ['2', 'Xã B mới', '2024-11-01', '2025-06-30'],
      ['1', 'Xã A', '2025-07-01', null],
    ]);
  });
});

describe('all reference files', () => {
  it('read and cross-check without a database', () => {
    expect(data.adminUnits).toHaveLength(375);
    expect(data.successions).toHaveLength(380);
    expect(data.ethnicGroups).toHaveLength(54);
    expect(data.nameVariants).toHaveLength(34);
    expect(data.supportTypes).toHaveLength(14);
  });
});
