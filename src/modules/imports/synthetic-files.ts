/**
 * A synthetic province as import files (`gnbv seed files`): the demo generator's households and
 * members — the same seed, survey date, communes and distributions as `gnbv seed demo` — written
 * the way a commune office fills the templates: Vietnamese headers and labels, dd/mm/yyyy dates,
 * có/không, amounts with thousands separators. Made to test and measure imports; the rows are
 * not real people.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { type ReferenceData, readReferenceData } from '../../db/reference/index.js';
import { type DemoCommune, type DemoHouseholdRecord, generateDemoProvince } from '../demo/demo-generator.js';
import { DEFAULT_DEMO_SEED, DEMO_SURVEY_DATE } from '../demo/demo-seed.js';
import {
  AREA_VALUES,
  EDUCATION_VALUES,
  EMPLOYMENT_VALUES,
  type EnumValue,
  HOUSEHOLD_COLUMNS,
  LATRINE_VALUES,
  MEMBER_COLUMNS,
  SEX_VALUES,
  WATER_VALUES,
} from './import-columns.js';

export interface SyntheticFilesOptions {
  households: number;
  outDir: string;
  format: 'csv' | 'xlsx';
  seed?: number;
  /** Defaults to the demo's survey date. */
  surveyDate?: string;
  /** Called every 1,000 households. */
  onProgress?: (done: number, total: number) => void;
}

export interface SyntheticFilesResult {
  /** The households CSV and the members CSV, or the workbook. */
  files: string[];
  households: number;
  members: number;
}

/** The communes valid on `date` with their district, as the demo seed reads them from the database. */
export function syntheticCommunes(reference: ReferenceData, date: string): DemoCommune[] {
  const validOn = (unit: { valid_from: string; valid_to: string | null }) =>
    unit.valid_from <= date && (unit.valid_to === null || unit.valid_to >= date);
  const codes = [reference.province.code, ...reference.province.previousCodes];
  const districts = new Map(
    reference.adminUnits.filter((unit) => unit.level === 'district' && validOn(unit)).map((unit) => [unit.code, unit.name]),
  );
  return reference.adminUnits
    .filter((unit) => unit.level === 'commune' && codes.includes(unit.province_code) && validOn(unit))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((unit) => ({
      code: unit.code,
      name: unit.name,
      districtCode: unit.parent_code ?? '',
      area: unit.area ?? 'rural',
      districtName: unit.parent_code ? districts.get(unit.parent_code) : undefined,
    }));
}

const label = (values: readonly EnumValue[]) => {
  const byCode = new Map(values.map((value) => [value.code, value.vi]));
  return (code: string) => byCode.get(code) ?? code;
};
const areaLabel = label(AREA_VALUES);
const waterLabel = label(WATER_VALUES);
const latrineLabel = label(LATRINE_VALUES);
const sexLabel = label(SEX_VALUES);
const employmentLabel = label(EMPLOYMENT_VALUES);
const educationLabel = label(EDUCATION_VALUES);

const yesNo = (value: boolean) => (value ? 'có' : 'không');
const dayMonthYear = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const grouped = (amount: number) => String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const decimalComma = (value: number) => String(value).replace('.', ',');

/** One household's row and its members' rows, in the templates' column order. */
function templateRows(record: DemoHouseholdRecord, ethnicName: (code: string) => string): { household: string[]; members: string[][] } {
  const h = record.household;
  return {
    household: [
      h.code, h.commune_code, h.village, h.address, h.head_name, areaLabel(h.area), yesNo(h.farm_household),
      dayMonthYear(h.survey_date), grouped(h.income_per_capita), '', decimalComma(h.floor_area_m2),
      yesNo(h.durable_walls), yesNo(h.durable_frame), yesNo(h.durable_roof), waterLabel(h.water_source),
      latrineLabel(h.latrine), yesNo(h.internet_use), yesNo(h.information_devices), yesNo(h.waste_collected),
    ],
    members: record.members.map((m) => [
      m.household_code, m.full_name, sexLabel(m.sex), dayMonthYear(m.birth_date), ethnicName(m.ethnic_code),
      m.citizen_id ?? '', m.relation, employmentLabel(m.employment), yesNo(m.health_insurance),
      yesNo(m.attending_school), educationLabel(m.education_level), yesNo(m.social_allowance),
      yesNo(m.stunted), yesNo(m.underweight),
    ]),
  };
}

function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    if (i > 0) line += ',';
    line += /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  }
  return `${line}\n`;
}

/** Writes text through a buffer of about 1 MB, waiting when the disk falls behind. */
class BufferedWriter {
  private pending = '';
  constructor(private readonly stream: WriteStream) {}

  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= 1 << 20) await this.drain();
  }

  private async drain(): Promise<void> {
    const text = this.pending;
    this.pending = '';
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.drain();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/**
 * Writes the synthetic province into `outDir`: `households.csv` and `members.csv` (UTF-8 with a
 * BOM, so spreadsheet programs read the Vietnamese), or `province.xlsx`.
 *
 * @example
 * await writeSyntheticFiles({ households: 400_000, outDir: '/tmp/province', format: 'csv' });
 */
export async function writeSyntheticFiles(options: SyntheticFilesOptions): Promise<SyntheticFilesResult> {
  const surveyDate = options.surveyDate ?? DEMO_SURVEY_DATE;
  const reference = await readReferenceData();
  const communes = syntheticCommunes(reference, surveyDate);
  const names = new Map(reference.ethnicGroups.map((group) => [group.code, group.name]));
  const ethnicName = (code: string) => names.get(code) ?? code;
  await mkdir(options.outDir, { recursive: true });
  const generate = () =>
    generateDemoProvince({
      seed: options.seed ?? DEFAULT_DEMO_SEED,
      households: options.households,
      communes,
      surveyDate,
      provinceCode: reference.province.code,
    });
  const householdHeaders = HOUSEHOLD_COLUMNS.map((column) => column.header);
  const memberHeaders = MEMBER_COLUMNS.map((column) => column.header);
  let households = 0;
  let members = 0;
  const progress = () => {
    if (households % 1_000 === 0) options.onProgress?.(households, options.households);
  };

  if (options.format === 'csv') {
    const householdsFile = path.join(options.outDir, 'households.csv');
    const membersFile = path.join(options.outDir, 'members.csv');
    const householdsOut = new BufferedWriter(createWriteStream(householdsFile));
    const membersOut = new BufferedWriter(createWriteStream(membersFile));
    await householdsOut.write(`\uFEFF${csvLine(householdHeaders)}`);
    await membersOut.write(`\uFEFF${csvLine(memberHeaders)}`);
    for (const record of generate()) {
      const rows = templateRows(record, ethnicName);
      await householdsOut.write(csvLine(rows.household));
      for (const member of rows.members) await membersOut.write(csvLine(member));
      households += 1;
      members += rows.members.length;
      progress();
    }
    await householdsOut.close();
    await membersOut.close();
    options.onProgress?.(households, options.households);
    return { files: [householdsFile, membersFile], households, members };
  }

  const bookFile = path.join(options.outDir, 'province.xlsx');
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: bookFile, useSharedStrings: false, useStyles: false });
  const householdSheet = book.addWorksheet('households');
  const memberSheet = book.addWorksheet('members');
  householdSheet.addRow(householdHeaders).commit();
  memberSheet.addRow(memberHeaders).commit();
  // A workbook is written sheet by sheet: the generator is deterministic, so the members come
  // from a second pass over the same province instead of waiting in memory.
  for (const record of generate()) {
    householdSheet.addRow(templateRows(record, ethnicName).household).commit();
    households += 1;
    members += record.members.length;
    progress();
  }
  householdSheet.commit();
  for (const record of generate()) {
    for (const row of templateRows(record, ethnicName).members) memberSheet.addRow(row).commit();
  }
  memberSheet.commit();
  await book.commit();
  options.onProgress?.(households, options.households);
  return { files: [bookFile], households, members };
}
