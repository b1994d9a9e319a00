/**
 * Row validation of a household import: a header mapped to the canonical columns, and each row
 * of `households` or `members` turned into a draft or into problems. Pure: the reference data
 * (communes with their validity, ethnic groups, the user's scope) come in as plain values.
 */
import { citizenIdProblem } from '../households/citizen-id.js';
import type { Scope } from '../access/actor.js';
import { scopeIncludesCommune } from '../access/scope.js';
import type { AreaType } from '../../db/schema.js';
import {
  AREA_VALUES,
  type ColumnDefinition,
  COLUMNS,
  EDUCATION_VALUES,
  EMPLOYMENT_VALUES,
  LATRINE_VALUES,
  SEX_VALUES,
  type SheetName,
  WATER_VALUES,
  columnForHeader,
  columnLetter,
  foldHeader,
} from './import-columns.js';
import type { Problem, ProblemKey, ProblemParams } from './import-problems.js';
import {
  type Cell,
  CellProblem,
  type EthnicGroupSpelling,
  cellText,
  enumReader,
  ethnicityReader,
  isBlank,
  readBoolean,
  readCitizenIdShape,
  readCommuneCode,
  readDate,
  readFloorArea,
  readHouseholdCode,
  readMoney,
  readScore,
  readText,
} from './import-values.js';
import type { CommuneInterval } from './imports.repository.js';

/** Where each canonical column sits in a file, and its header as written there. */
export interface SheetLayout {
  sheet: SheetName;
  /** 0-based cell index of each canonical column present. */
  index: ReadonlyMap<string, number>;
  /** The header of each cell index as written in the file (trimmed). */
  headers: readonly string[];
}

/** Problems found in a header, with the layout when the rows can be read. */
export interface HeaderReading {
  layout: SheetLayout | null;
  problems: Problem[];
}

const headerProblem = (sheet: SheetName, column: string, columnIndex: number, key: ProblemKey, params?: ProblemParams): Problem => ({
  sheet,
  row: 1,
  column,
  columnIndex,
  key,
  ...(params ? { params } : {}),
});

/**
 * Maps a header row. Unknown and repeated columns and missing required columns are problems; a
 * header that names no column at all is one problem (the row is not a header) and leaves the
 * sheet unreadable.
 */
export function readHeader(sheet: SheetName, cells: readonly Cell[]): HeaderReading {
  const problems: Problem[] = [];
  const index = new Map<string, number>();
  const headers = cells.map((cell) => cellText(cell).normalize('NFC').trim());
  const unknown: Problem[] = [];
  headers.forEach((header, position) => {
    if (header === '') return;
    const column = columnForHeader(sheet, header);
    if (!column) {
      unknown.push(headerProblem(sheet, header, position + 1, 'header_unknown', { header }));
      return;
    }
    const first = index.get(column.name);
    if (first !== undefined) {
      problems.push(headerProblem(sheet, header, position + 1, 'header_duplicate', { header, first: columnLetter(first + 1) }));
      return;
    }
    index.set(column.name, position);
  });
  if (index.size === 0) {
    return { layout: null, problems: [headerProblem(sheet, '', 0, 'header_unrecognised', { sheet })] };
  }
  problems.push(...unknown);
  for (const column of COLUMNS[sheet]) {
    if (!index.has(column.name)) {
      problems.push(headerProblem(sheet, column.name, 0, 'header_missing', { header: column.header, name: column.name }));
    }
  }
  // Every column is needed (a blank boolean means "no", so a missing one would change facts).
  return { layout: problems.length === 0 ? { sheet, index, headers } : null, problems };
}

/** A household as read from its row. */
export interface HouseholdDraft {
  row: number;
  code: string;
  commune_code: string;
  village: string;
  address: string;
  head_name: string;
  area: AreaType;
  farm_household: boolean;
  survey_date: string;
  income_per_capita: number | null;
  score_a: number | null;
  floor_area_m2: number;
  durable_walls: boolean;
  durable_frame: boolean;
  durable_roof: boolean;
  water_source: string;
  latrine: string;
  internet_use: boolean;
  information_devices: boolean;
  waste_collected: boolean;
}

/** A member as read from its row (the household code is kept by the caller). */
export interface MemberDraft {
  row: number;
  full_name: string;
  sex: 'male' | 'female';
  birth_date: string;
  ethnic_code: string | null;
  citizen_id: string | null;
  relation: string;
  employment: string;
  health_insurance: boolean;
  attending_school: boolean;
  education_level: string;
  social_allowance: boolean;
  stunted: boolean;
  underweight: boolean;
}

/** What row validation checks against. */
export interface RowContext {
  /** Every validity interval of each commune code. */
  communes: ReadonlyMap<string, readonly CommuneInterval[]>;
  ethnicGroups: readonly EthnicGroupSpelling[];
  scope: Scope;
  /** Today in the province ('YYYY-MM-DD'): no survey after it. */
  today: string;
}

/** A household row's outcome: the household code when one could be read, and the draft when the whole row is valid. */
export interface HouseholdRowResult {
  code: string | null;
  draft: HouseholdDraft | null;
}

export interface MemberRowResult {
  draft: MemberDraft | null;
  /** True when the relation says "chủ hộ". */
  isHead: boolean;
}

const HEAD_RELATION = foldHeader('chủ hộ');
// A file writes its relations a handful of ways, a million times over.
const headRelations = new Map<string, boolean>();

/** True when a relation to the head says "chủ hộ" (in any case, with or without diacritics). */
export function isHeadRelation(relation: string): boolean {
  let head = headRelations.get(relation);
  if (head === undefined) {
    head = foldHeader(relation) === HEAD_RELATION;
    if (headRelations.size < 1_000) headRelations.set(relation, head);
  }
  return head;
}
const readName = (cell: Cell) => readText(cell, 200);
const readAddress = (cell: Cell) => readText(cell, 500);
const readRelation = (cell: Cell) => readText(cell, 100);

/**
 * A copy of a string that does not keep alive the text it was cut from. V8 makes a long slice a
 * view into its parent, so a village name kept for the whole import would pin a 1 MB chunk of the
 * file; 400,000 kept households pinned all of it. Concatenation then slicing yields a flat copy.
 */
function detached(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

function formatDay(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * Reads the rows of one sheet with one layout. Each `read*` returns the result and adds the
 * row's problems to `problems`.
 */
export class RowReader {
  private readonly water = enumReader(WATER_VALUES);
  private readonly latrine = enumReader(LATRINE_VALUES);
  private readonly area = enumReader(AREA_VALUES);
  private readonly sex = enumReader(SEX_VALUES);
  private readonly employment = enumReader(EMPLOYMENT_VALUES);
  private readonly education = enumReader(EDUCATION_VALUES);
  private readonly ethnicity: (cell: Cell) => string | null | CellProblem;
  private readonly positions: readonly (readonly [ColumnDefinition, number])[];
  private cells: readonly Cell[] = [];
  private row = 0;
  private failed = false;

  constructor(
    readonly layout: SheetLayout,
    private readonly context: RowContext,
    private readonly problems: (problem: Problem) => void,
  ) {
    this.ethnicity = ethnicityReader(context.ethnicGroups);
    this.positions = COLUMNS[layout.sheet]
      .map((column): readonly [ColumnDefinition, number] => [column, layout.index.get(column.name) ?? -1])
      .filter(([, position]) => position >= 0);
  }

  /** True when the row has no value at all (skipped, but counted). */
  isBlankRow(cells: readonly Cell[]): boolean {
    for (const cell of cells) if (!isBlank(cell)) return false;
    return true;
  }

  private begin(rowNumber: number, cells: readonly Cell[]): void {
    this.row = rowNumber;
    this.cells = cells;
    this.failed = false;
    // A value beyond the header's columns, or under a blank header, has nowhere to go.
    for (let i = 0; i < cells.length; i++) {
      if ((this.layout.headers[i] ?? '') === '' && !isBlank(cells[i])) {
        this.report(columnLetter(i + 1), i + 1, 'cell_without_header');
      }
    }
  }

  private report(column: string, columnIndex: number, key: ProblemKey, params?: ProblemParams): void {
    this.failed = true;
    this.problems({ sheet: this.layout.sheet, row: this.row, column, columnIndex, key, ...(params ? { params } : {}) });
  }

  private reportAt(name: string, key: ProblemKey, params?: ProblemParams): void {
    const position = this.layout.index.get(name) ?? -1;
    this.report(this.layout.headers[position] ?? name, position + 1, key, params);
  }

  private cell(name: string): Cell {
    const position = this.layout.index.get(name);
    return position === undefined ? null : this.cells[position];
  }

  /** Runs a cell reader; a problem is reported and gives undefined, a blank required cell too. */
  private take<T>(name: string, read: (cell: Cell) => T | null | CellProblem, required: boolean): T | null | undefined {
    const value = read(this.cell(name));
    if (value instanceof CellProblem) {
      this.reportAt(name, value.key, value.params);
      return undefined;
    }
    if (value === null && required) {
      this.reportAt(name, 'required');
      return undefined;
    }
    return value;
  }

  private flag(name: string): boolean {
    const value = readBoolean(this.cell(name));
    if (value instanceof CellProblem) {
      this.reportAt(name, value.key);
      return false;
    }
    return value;
  }

  readHousehold(rowNumber: number, cells: readonly Cell[]): HouseholdRowResult {
    this.begin(rowNumber, cells);
    const code = this.take('household_code', readHouseholdCode, true);
    const communeCode = this.take('commune_code', readCommuneCode, true);
    const village = this.take('village', readName, true);
    const address = this.take('address', readAddress, false);
    const headName = this.take('head_name', readName, true);
    const area = this.take('area', this.area, false) as AreaType | null | undefined;
    const farm = this.flag('farm_household');
    const surveyDate = this.take('survey_date', readDate, true);
    const income = this.take('income_per_capita', readMoney, false);
    const scoreA = this.take('score_a', readScore, false);
    const floorArea = this.take('floor_area_m2', readFloorArea, true);
    const walls = this.flag('durable_walls');
    const frame = this.flag('durable_frame');
    const roof = this.flag('durable_roof');
    const water = this.take('water_source', this.water, true);
    const latrine = this.take('latrine', this.latrine, true);
    const internet = this.flag('internet_use');
    const devices = this.flag('information_devices');
    const waste = this.flag('waste_collected');

    if (income === null && scoreA === null) this.reportAt('income_per_capita', 'income_or_score_missing');
    if (typeof income === 'number' && typeof scoreA === 'number') this.reportAt('score_a', 'income_and_score');
    if (surveyDate && surveyDate > this.context.today) this.reportAt('survey_date', 'survey_future');

    let communeArea: AreaType | null = null;
    if (communeCode) {
      const intervals = this.context.communes.get(communeCode);
      if (!intervals) {
        this.reportAt('commune_code', 'commune_unknown', { code: communeCode });
      } else if (surveyDate) {
        const valid = intervals.find(
          (interval) => interval.valid_from <= surveyDate && (interval.valid_to === null || interval.valid_to >= surveyDate),
        );
        if (!valid) {
          const periods = intervals
            .map((interval) => `${formatDay(interval.valid_from)} – ${interval.valid_to ? formatDay(interval.valid_to) : '…'}`)
            .join('; ');
          this.reportAt('commune_code', 'commune_not_valid', { code: communeCode, date: formatDay(surveyDate), periods });
        } else {
          communeArea = valid.area;
        }
      }
      if (intervals && !scopeIncludesCommune(this.context.scope, communeCode)) {
        this.reportAt('commune_code', 'commune_out_of_scope', { code: communeCode });
      }
    }

    if (this.failed || !code || !communeCode || !village || !headName || !surveyDate || floorArea == null || !water || !latrine) {
      return { code: code ? detached(code) : null, draft: null };
    }
    return {
      code: detached(code),
      draft: {
        row: rowNumber,
        code: detached(code),
        commune_code: communeCode,
        village: detached(village),
        address: detached(address ?? ''),
        head_name: detached(headName),
        // SPEC §4: a commune without an area type counts as rural, as xã are.
        area: area ?? communeArea ?? 'rural',
        farm_household: farm,
        survey_date: surveyDate,
        income_per_capita: income ?? null,
        score_a: scoreA ?? null,
        floor_area_m2: floorArea,
        durable_walls: walls,
        durable_frame: frame,
        durable_roof: roof,
        water_source: water,
        latrine,
        internet_use: internet,
        information_devices: devices,
        waste_collected: waste,
      },
    };
  }

  /**
   * A member row; `surveyDate` is the household's when known, to check the birth date against.
   * The household code is read first so the caller can find the household.
   */
  readMemberCode(rowNumber: number, cells: readonly Cell[]): string | null {
    this.begin(rowNumber, cells);
    return this.take('household_code', readHouseholdCode, true) ?? null;
  }

  /** The rest of a member row, after {@link readMemberCode}. */
  readMember(surveyDate: string | null): MemberRowResult {
    const fullName = this.take('full_name', readName, true);
    const sex = this.take('sex', this.sex, true) as 'male' | 'female' | null | undefined;
    const birthDate = this.take('birth_date', readDate, true);
    const ethnicCode = this.take('ethnicity', this.ethnicity, false);
    const citizenId = this.take('citizen_id', readCitizenIdShape, false);
    const relation = this.take('relation', readRelation, true);
    const employment = this.take('employment', this.employment, true);
    const insured = this.flag('health_insurance');
    const attending = this.flag('attending_school');
    const education = this.take('education_level', this.education, true);
    const allowance = this.flag('social_allowance');
    const stunted = this.flag('stunted');
    const underweight = this.flag('underweight');

    if (birthDate && surveyDate && birthDate > surveyDate) this.reportAt('birth_date', 'birth_after_survey');
    if (citizenId && birthDate && sex) {
      const problem = citizenIdProblem(citizenId, birthDate, sex);
      if (problem === 'place') this.reportAt('citizen_id', 'citizen_id_place');
      else if (problem === 'birth') this.reportAt('citizen_id', 'citizen_id_birth');
    }
    const isHead = relation ? isHeadRelation(relation) : false;
    if (this.failed || !fullName || !sex || !birthDate || !relation || !employment || !education) {
      return { draft: null, isHead };
    }
    return {
      isHead,
      draft: {
        row: this.row,
        full_name: fullName,
        sex,
        birth_date: birthDate,
        ethnic_code: ethnicCode ?? null,
        citizen_id: citizenId ?? null,
        relation,
        employment,
        health_insurance: insured,
        attending_school: attending,
        education_level: education,
        social_allowance: allowance,
        stunted,
        underweight,
      },
    };
  }

  /** Reports a problem about the current row at a column (for checks across rows). */
  problemAt(rowNumber: number, name: string, key: ProblemKey, params?: ProblemParams): void {
    this.row = rowNumber;
    this.reportAt(name, key, params);
  }
}
