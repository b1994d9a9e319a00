/**
 * The tables behind the dashboard's charts as files (CSV or XLSX): the same numbers the page
 * shows, for the same unit, year and level, with headers in the reader's language. Rates are
 * numbers in percent rounded to two decimals (as the province publishes them), counts whole
 * numbers; in XLSX both are numeric cells.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PovertyStandard } from '../../domain/poverty/index.js';
import { roundTo } from '../../domain/targets/index.js';
import { spreadsheetSafe } from '../../domain/text.js';
import type { Language } from '../../server/language.js';
import type { Actor } from '../access/actor.js';
import { listPovertyStandards } from '../households/households.repository.js';
import type { DashboardResponse } from './targets.schemas.js';
import { getDashboard, type TargetsContext } from './targets.service.js';
import type { AggregateLevel } from './targets.tables.js';

export type DashboardTable = 'units' | 'trend' | 'profile' | 'targets';

type Cell = string | number | null;
type Kind = 'text' | 'count' | 'percent' | 'number';

interface Column {
  header: string;
  kind: Kind;
  width: number;
}

export interface TableFile {
  name: string;
  contentType: string;
  body: Buffer;
}

const WORDS = {
  vi: {
    sheets: { units: 'Theo đơn vị', trend: 'Diễn biến', profile: 'Chỉ số thiếu hụt', targets: 'Chỉ tiêu' },
    unitCode: 'Mã đơn vị',
    unit: 'Đơn vị',
    year: 'Năm',
    standard: 'Chuẩn nghèo',
    standardBreak: 'Đổi chuẩn nghèo',
    yes: 'có',
    no: 'không',
    households: 'Số hộ',
    persons: 'Số khẩu',
    poor: 'Số hộ nghèo',
    poorRate: 'Tỷ lệ hộ nghèo (%)',
    nearPoor: 'Số hộ cận nghèo',
    nearPoorRate: 'Tỷ lệ hộ cận nghèo (%)',
    emHouseholds: 'Số hộ dân tộc thiểu số',
    emPoor: 'Số hộ nghèo dân tộc thiểu số',
    emPoorRate: 'Tỷ lệ hộ nghèo dân tộc thiểu số (%)',
    withPlan: 'Số hộ nghèo có kế hoạch hỗ trợ',
    planShare: 'Tỷ lệ hộ nghèo có kế hoạch hỗ trợ (%)',
    poorMark: 'Đánh giá chỉ tiêu tỷ lệ hộ nghèo',
    indicatorCode: 'Mã chỉ số',
    indicator: 'Chỉ số thiếu hụt',
    poorLacking: 'Số hộ nghèo thiếu hụt',
    poorShare: 'Tỷ lệ trong hộ nghèo (%)',
    nearPoorLacking: 'Số hộ cận nghèo thiếu hụt',
    nearPoorShare: 'Tỷ lệ trong hộ cận nghèo (%)',
    target: 'Chỉ tiêu',
    kind: 'Loại',
    comparator: 'So sánh',
    value: 'Giá trị',
    baseline: 'Đầu kỳ (cuối năm trước)',
    actual: 'Thực hiện',
    measured: 'Thay đổi (điểm %) hoặc mức',
    shortfall: 'Còn thiếu',
    mark: 'Đánh giá',
    source: 'Nguồn',
    kinds: { change_points: 'thay đổi (điểm %)', level: 'mức' } as Record<string, string>,
    comparators: { at_most: '≤', less_than: '<', at_least: '≥', greater_than: '>' } as Record<string, string>,
    indicators: {
      poor_rate: 'Tỷ lệ hộ nghèo',
      ethnic_minority_poor_rate: 'Tỷ lệ hộ nghèo dân tộc thiểu số',
      near_poor_rate: 'Tỷ lệ hộ cận nghèo',
      escaped_poverty: 'Số hộ thoát nghèo',
      support_plan_share: 'Tỷ lệ hộ nghèo có kế hoạch hỗ trợ',
    } as Record<string, string>,
    marks: { on_track: 'Đạt', at_risk: 'Có nguy cơ không đạt', off_track: 'Không đạt', no_data: 'Chưa có số liệu' } as Record<string, string>,
  },
  en: {
    sheets: { units: 'By unit', trend: 'Trend', profile: 'Deprivations', targets: 'Targets' },
    unitCode: 'Unit code',
    unit: 'Unit',
    year: 'Year',
    standard: 'Poverty standard',
    standardBreak: 'Standard changed',
    yes: 'yes',
    no: 'no',
    households: 'Households',
    persons: 'Persons',
    poor: 'Poor households',
    poorRate: 'Poverty rate (%)',
    nearPoor: 'Near-poor households',
    nearPoorRate: 'Near-poor rate (%)',
    emHouseholds: 'Ethnic-minority households',
    emPoor: 'Ethnic-minority poor households',
    emPoorRate: 'Ethnic-minority poverty rate (%)',
    withPlan: 'Poor households with a support plan',
    planShare: 'Poor households with a support plan (%)',
    poorMark: 'Poverty-rate target assessment',
    indicatorCode: 'Indicator code',
    indicator: 'Deprivation indicator',
    poorLacking: 'Poor households deprived',
    poorShare: 'Share of poor households (%)',
    nearPoorLacking: 'Near-poor households deprived',
    nearPoorShare: 'Share of near-poor households (%)',
    target: 'Target',
    kind: 'Kind',
    comparator: 'Comparison',
    value: 'Value',
    baseline: 'Baseline (previous year end)',
    actual: 'Actual',
    measured: 'Change (points) or level',
    shortfall: 'Shortfall',
    mark: 'Assessment',
    source: 'Source',
    kinds: { change_points: 'change (points)', level: 'level' } as Record<string, string>,
    comparators: { at_most: '≤', less_than: '<', at_least: '≥', greater_than: '>' } as Record<string, string>,
    indicators: {
      poor_rate: 'Poverty rate',
      ethnic_minority_poor_rate: 'Ethnic-minority poverty rate',
      near_poor_rate: 'Near-poor rate',
      escaped_poverty: 'Households escaping poverty',
      support_plan_share: 'Poor households with a support plan',
    } as Record<string, string>,
    marks: { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track', no_data: 'No data yet' } as Record<string, string>,
  },
} satisfies Record<Language, unknown>;

type Words = (typeof WORDS)['vi'];

const pct = (value: number | null): Cell => (value === null ? null : roundTo(value, 2));

/** The columns and rows of one of the dashboard's tables. */
export function dashboardTableRows(dashboard: DashboardResponse, table: DashboardTable, language: Language, standards: readonly PovertyStandard[]): { sheet: string; columns: Column[]; rows: Cell[][] } {
  const w: Words = WORDS[language];
  const c = (header: string, kind: Kind, width = 14): Column => ({ header, kind, width });
  switch (table) {
    case 'units':
      return {
        sheet: w.sheets.units,
        columns: [c(w.unitCode, 'text', 10), c(w.unit, 'text', 28), c(w.households, 'count'), c(w.persons, 'count'), c(w.poor, 'count'), c(w.poorRate, 'percent'), c(w.nearPoor, 'count'), c(w.nearPoorRate, 'percent'), c(w.emHouseholds, 'count'), c(w.emPoor, 'count'), c(w.emPoorRate, 'percent'), c(w.withPlan, 'count'), c(w.planShare, 'percent'), c(w.poorMark, 'text', 22)],
        rows: dashboard.children.map((child) => {
          const poorTarget = child.targets.find((target) => target.indicator === 'poor_rate');
          return [child.code, child.name, child.households, child.persons, child.poor, pct(child.poorRate), child.nearPoor, pct(child.nearPoorRate), child.ethnicMinorityHouseholds, child.ethnicMinorityPoor, pct(child.ethnicMinorityPoorRate), child.poorWithPlan, pct(child.supportPlanShare), poorTarget ? (w.marks[poorTarget.mark] ?? poorTarget.mark) : null];
        }),
      };
    case 'trend':
      return {
        sheet: w.sheets.trend,
        columns: [c(w.year, 'number', 8), c(w.standard, 'text'), c(w.standardBreak, 'text'), c(w.households, 'count'), c(w.poor, 'count'), c(w.poorRate, 'percent'), c(w.nearPoor, 'count'), c(w.nearPoorRate, 'percent'), c(w.emPoorRate, 'percent'), c(w.planShare, 'percent')],
        rows: dashboard.trend.map((point) => [point.year, point.standard, point.standardBreak ? w.yes : w.no, point.households, point.poor, pct(point.poorRate), point.nearPoor, pct(point.nearPoorRate), pct(point.ethnicMinorityPoorRate), pct(point.supportPlanShare)]),
      };
    case 'profile': {
      const standard = standards.find((s) => s.id === dashboard.standard);
      const nameOf = (code: string) => standard?.indicators.find((indicator) => indicator.code === code)?.name[language] ?? code;
      return {
        sheet: w.sheets.profile,
        columns: [c(w.indicatorCode, 'text', 18), c(w.indicator, 'text', 34), c(w.poorLacking, 'count'), c(w.poorShare, 'percent'), c(w.nearPoorLacking, 'count'), c(w.nearPoorShare, 'percent')],
        rows: dashboard.profile.map((row) => [row.code, nameOf(row.code), row.poor, pct(row.poorShare), row.nearPoor, pct(row.nearPoorShare)]),
      };
    }
    case 'targets':
      return {
        sheet: w.sheets.targets,
        columns: [c(w.target, 'text', 30), c(w.kind, 'text', 16), c(w.comparator, 'text', 8), c(w.value, 'number'), c(w.baseline, 'number'), c(w.actual, 'number'), c(w.measured, 'number'), c(w.shortfall, 'number'), c(w.mark, 'text', 20), c(w.source, 'text', 18)],
        rows: dashboard.targets.map((target) => [w.indicators[target.indicator] ?? target.indicator, w.kinds[target.kind] ?? target.kind, w.comparators[target.comparator] ?? target.comparator, target.value, pct(target.baseline), pct(target.actual), pct(target.measured), pct(target.shortfall), w.marks[target.mark] ?? target.mark, target.source]),
      };
  }
}

function csvField(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? spreadsheetSafe(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV: UTF-8 with a byte-order mark (spreadsheet programs then read the diacritics), a dot for decimals. */
export function tableCsv(table: { columns: Column[]; rows: Cell[][] }): Buffer {
  const lines = [table.columns.map((column) => csvField(column.header)), ...table.rows.map((row) => row.map(csvField))];
  return Buffer.from(`\uFEFF${lines.map((line) => line.join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** XLSX: one sheet, a bold frozen header row, numbers as numeric cells (rates shown with two decimals). */
export async function tableXlsx(table: { sheet: string; columns: Column[]; rows: Cell[][] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({
    width: column.width,
    ...(column.kind === 'percent' ? { style: { numFmt: '0.00' } } : column.kind === 'count' ? { style: { numFmt: '#,##0' } } : {}),
  }));
  sheet.addRow(table.columns.map((column) => column.header)).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? spreadsheetSafe(cell) : cell)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One table of the dashboard the actor may read, as a file. */
export async function exportDashboardTable(
  db: Kysely<Database>,
  actor: Actor,
  context: TargetsContext,
  query: { unit?: string | undefined; year?: number | undefined; level?: AggregateLevel | undefined; table: DashboardTable; format: 'csv' | 'xlsx' },
  language: Language,
): Promise<TableFile> {
  const [dashboard, standards] = await Promise.all([getDashboard(db, actor, context, query), listPovertyStandards(db)]);
  const table = dashboardTableRows(dashboard, query.table, language, standards);
  const name = `${language === 'en' ? 'dashboard' : 'bang-dieu-khien'}-${query.table}-${dashboard.unit.code}-${dashboard.year}.${query.format}`;
  return query.format === 'csv'
    ? { name, contentType: 'text/csv; charset=utf-8', body: tableCsv(table) }
    : { name, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await tableXlsx(table) };
}
