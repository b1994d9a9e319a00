/**
 * The generated review-result tables (SPEC §10, DOMAIN §2.7) as plain data: columns (with an
 * optional group for a two-level header, as the official tables print them), rows and totals.
 * Numbers stay numbers; rates are percent with two decimals. The renderers
 * (report-render.ts) lay the same table out as XLSX, PDF, CSV or JSON.
 */
import { DECREASES, INCREASES, type MovementGroup, type UnitMovementTable } from '../../domain/review/index.js';
import type { PovertyStandard } from '../../domain/poverty/index.js';
import type { ResultInForce } from './reports.repository.js';
import { TARGET_GROUPS, type TargetGroup, UNRECORDED_TARGET_GROUPS } from '../../domain/reports/index.js';

export const REPORT_NAMES = ['summary', 'poor-movements', 'near-poor-movements', 'deprivations', 'target-groups', 'ethnicity', 'households', 'program-six-month', 'program-annual'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export type CellValue = string | number | null;

export interface ReportColumn {
  key: string;
  header: string;
  /** The upper header cell shared by consecutive columns with the same group. */
  group?: string;
  /** `number`: a quantity that may have decimals (output indicators, target values). */
  kind: 'text' | 'integer' | 'percent' | 'number';
}

export interface ReportTable {
  name: ReportName;
  title: string;
  subtitle: string;
  columns: ReportColumn[];
  rows: Record<string, CellValue>[];
  /** Total rows under the body. */
  footer: Record<string, CellValue>[];
  /** Lines printed under the table: definitions used, and what the data cannot tell. */
  notes?: string[];
  /** A report of several tables (the program's reports): each section is laid out in turn; the top level then has no columns or rows. */
  sections?: ReportSection[];
  /** The worksheet's name in XLSX (at most 31 characters); the report's name when absent. */
  sheet?: string;
}

/** One table of a report with several. */
export type ReportSection = Omit<ReportTable, 'name' | 'sections'>;

export const STATUS_NAMES: Readonly<Record<string, string>> = {
  poor: 'Hộ nghèo',
  near_poor: 'Hộ cận nghèo',
  average: 'Hộ có mức sống trung bình',
  not_poor: 'Hộ không nghèo',
};

/** Percent of `part` in `whole`, two decimals; 0 for an empty whole. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 10_000) / whole) / 100;
}

/** The rows of a report: units (or villages) with the results that fall in each. */
export interface RowGroup {
  key: string;
  label: string;
  results: ResultInForce[];
}

const count = (results: readonly ResultInForce[], status: string) => results.filter((r) => r.status === status);
const persons = (results: readonly ResultInForce[]) => results.reduce((sum, r) => sum + r.persons, 0);

/** Bảng 1: Tổng hợp kết quả rà soát hộ nghèo, hộ cận nghèo, hộ làm nông, lâm, ngư nghiệp có mức sống trung bình. */
export function summaryTable(groups: readonly RowGroup[], heading: { unit: string; year: number; rowLabel: string }): ReportTable {
  const columns: ReportColumn[] = [
    { key: 'no', header: 'STT', kind: 'integer' },
    { key: 'unit', header: heading.rowLabel, kind: 'text' },
    { key: 'households', header: 'Số hộ', group: 'Tổng số', kind: 'integer' },
    { key: 'persons', header: 'Số khẩu', group: 'Tổng số', kind: 'integer' },
  ];
  for (const [key, group] of [['poor', 'Hộ nghèo'], ['near_poor', 'Hộ cận nghèo']] as const) {
    columns.push(
      { key: `${key}_households`, header: 'Số hộ', group, kind: 'integer' },
      { key: `${key}_persons`, header: 'Số khẩu', group, kind: 'integer' },
      { key: `${key}_rate`, header: 'Tỷ lệ (%)', group, kind: 'percent' },
    );
  }
  const averageGroup = 'Hộ làm nông, lâm, ngư nghiệp có mức sống trung bình';
  columns.push({ key: 'average_households', header: 'Số hộ', group: averageGroup, kind: 'integer' }, { key: 'average_rate', header: 'Tỷ lệ (%)', group: averageGroup, kind: 'percent' });
  const rowOf = (label: string, results: readonly ResultInForce[]): Record<string, CellValue> => {
    const total = results.length;
    const poor = count(results, 'poor');
    const nearPoor = count(results, 'near_poor');
    const average = count(results, 'average');
    return {
      unit: label,
      households: total,
      persons: persons(results),
      poor_households: poor.length,
      poor_persons: persons(poor),
      poor_rate: percent(poor.length, total),
      near_poor_households: nearPoor.length,
      near_poor_persons: persons(nearPoor),
      near_poor_rate: percent(nearPoor.length, total),
      average_households: average.length,
      average_rate: percent(average.length, total),
    };
  };
  return {
    name: 'summary',
    title: 'TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO, HỘ LÀM NÔNG, LÂM, NGƯ NGHIỆP CÓ MỨC SỐNG TRUNG BÌNH',
    subtitle: `${heading.unit} — năm ${heading.year}`,
    columns,
    rows: groups.map((group, index) => ({ no: index + 1, ...rowOf(group.label, group.results) })),
    footer: [{ no: null, ...rowOf('Tổng cộng', groups.flatMap((group) => group.results)) }],
  };
}

const MOVEMENT_LABELS: Readonly<Record<string, string>> = {
  became_near_poor: 'Trở thành hộ cận nghèo',
  became_poor: 'Trở thành hộ nghèo',
  escaped: 'Thoát nghèo',
  other_decrease: 'Giảm khác',
  near_poor_became_poor: 'Hộ cận nghèo trở thành hộ nghèo',
  poor_became_near_poor: 'Hộ nghèo trở thành hộ cận nghèo',
  fell_back: 'Tái nghèo',
  new: 'Phát sinh mới',
  other_increase: 'Tăng khác',
};

/** The label of a movement kind for a group ("tái cận nghèo", "thoát cận nghèo" for the near-poor table). */
function movementLabel(group: MovementGroup, kind: string): string {
  if (group === 'near_poor' && kind === 'fell_back') return 'Tái cận nghèo';
  if (group === 'near_poor' && kind === 'escaped') return 'Thoát cận nghèo';
  return MOVEMENT_LABELS[kind] ?? kind;
}

/** Bảng 2 and 3: Tổng hợp diễn biến hộ nghèo / hộ cận nghèo, by households and by persons. */
export function movementTable(
  group: MovementGroup,
  units: readonly UnitMovementTable[],
  labelOf: (unit: string) => string,
  heading: { unit: string; year: number; rowLabel: string },
): ReportTable {
  const columns: ReportColumn[] = [
    { key: 'no', header: 'STT', kind: 'integer' },
    { key: 'unit', header: heading.rowLabel, kind: 'text' },
    { key: 'measure', header: 'Chỉ tiêu', kind: 'text' },
    { key: 'start', header: `Đầu kỳ (31/12/${heading.year - 1})`, kind: 'integer' },
    ...DECREASES[group].map((kind): ReportColumn => ({ key: `decrease_${kind}`, header: movementLabel(group, kind), group: 'Giảm trong kỳ', kind: 'integer' })),
    ...INCREASES[group].map((kind): ReportColumn => ({ key: `increase_${kind}`, header: movementLabel(group, kind), group: 'Tăng trong kỳ', kind: 'integer' })),
    { key: 'end', header: `Cuối kỳ (31/12/${heading.year})`, kind: 'integer' },
  ];
  const counted = columns.filter((column) => column.kind === 'integer' && column.key !== 'no');
  const rows: Record<string, CellValue>[] = [];
  const totals = { households: {} as Record<string, number>, persons: {} as Record<string, number> };
  units.forEach((unit, index) => {
    const table = unit[group];
    for (const measure of ['households', 'persons'] as const) {
      const row: Record<string, CellValue> = {
        no: measure === 'households' ? index + 1 : null,
        unit: labelOf(unit.unit),
        measure: measure === 'households' ? 'Số hộ' : 'Số khẩu',
        start: table.start[measure],
      };
      for (const kind of DECREASES[group]) row[`decrease_${kind}`] = table.decreases[kind]![measure];
      for (const kind of INCREASES[group]) row[`increase_${kind}`] = table.increases[kind]![measure];
      row.end = table.end[measure];
      for (const column of counted) totals[measure][column.key] = (totals[measure][column.key] ?? 0) + Number(row[column.key]);
      rows.push(row);
    }
  });
  const totalRow = (measure: 'households' | 'persons'): Record<string, CellValue> => ({ no: null, unit: 'Tổng cộng', measure: measure === 'households' ? 'Số hộ' : 'Số khẩu', ...totals[measure] });
  for (const column of counted) for (const m of ['households', 'persons'] as const) totals[m][column.key] ??= 0;
  return {
    name: group === 'poor' ? 'poor-movements' : 'near-poor-movements',
    title: group === 'poor' ? 'TỔNG HỢP DIỄN BIẾN HỘ NGHÈO' : 'TỔNG HỢP DIỄN BIẾN HỘ CẬN NGHÈO',
    subtitle: `${heading.unit} — năm ${heading.year}`,
    columns,
    rows,
    footer: [totalRow('households'), totalRow('persons')],
  };
}

/** Bảng 4–7: Phân tích các chỉ số thiếu hụt dịch vụ xã hội cơ bản của hộ nghèo, hộ cận nghèo (counts and rates). */
export function deprivationTable(results: readonly ResultInForce[], standard: PovertyStandard, heading: { unit: string; year: number }): ReportTable {
  const poor = count(results, 'poor');
  const nearPoor = count(results, 'near_poor');
  const lacking = (rows: readonly ResultInForce[], code: string) => rows.filter((r) => r.deprivations.includes(code)).length;
  return {
    name: 'deprivations',
    title: 'PHÂN TÍCH CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ NGHÈO, HỘ CẬN NGHÈO',
    subtitle: `${heading.unit} — năm ${heading.year} — chuẩn ${standard.id}`,
    columns: [
      { key: 'no', header: 'STT', kind: 'integer' },
      { key: 'dimension', header: 'Dịch vụ xã hội cơ bản', kind: 'text' },
      { key: 'indicator', header: 'Chỉ số thiếu hụt', kind: 'text' },
      { key: 'poor_count', header: 'Số hộ thiếu hụt', group: 'Hộ nghèo', kind: 'integer' },
      { key: 'poor_rate', header: 'Tỷ lệ (%)', group: 'Hộ nghèo', kind: 'percent' },
      { key: 'near_poor_count', header: 'Số hộ thiếu hụt', group: 'Hộ cận nghèo', kind: 'integer' },
      { key: 'near_poor_rate', header: 'Tỷ lệ (%)', group: 'Hộ cận nghèo', kind: 'percent' },
    ],
    rows: standard.indicators.map((indicator, index) => ({
      no: index + 1,
      dimension: indicator.dimension.vi,
      indicator: indicator.name.vi,
      poor_count: lacking(poor, indicator.code),
      poor_rate: percent(lacking(poor, indicator.code), poor.length),
      near_poor_count: lacking(nearPoor, indicator.code),
      near_poor_rate: percent(lacking(nearPoor, indicator.code), nearPoor.length),
    })),
    footer: [{ no: null, dimension: 'Tổng số hộ', indicator: null, poor_count: poor.length, poor_rate: null, near_poor_count: nearPoor.length, near_poor_rate: null }],
  };
}

/** Bảng 9: Phân tích hộ nghèo, hộ cận nghèo theo dân tộc (of the household head). */
export function ethnicityTable(results: readonly ResultInForce[], ethnicNames: ReadonlyMap<string, string>, heading: { unit: string; year: number }): ReportTable {
  const byGroup = new Map<string, ResultInForce[]>();
  for (const result of results) {
    const key = result.head_ethnic_code ?? '';
    byGroup.set(key, [...(byGroup.get(key) ?? []), result]);
  }
  const rowOf = (label: string, rows: readonly ResultInForce[]): Record<string, CellValue> => {
    const poor = count(rows, 'poor');
    const nearPoor = count(rows, 'near_poor');
    return {
      ethnicity: label,
      households: rows.length,
      persons: persons(rows),
      poor_households: poor.length,
      poor_rate: percent(poor.length, rows.length),
      near_poor_households: nearPoor.length,
      near_poor_rate: percent(nearPoor.length, rows.length),
    };
  };
  const keys = [...byGroup.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  return {
    name: 'ethnicity',
    title: 'PHÂN TÍCH HỘ NGHÈO, HỘ CẬN NGHÈO THEO DÂN TỘC',
    subtitle: `${heading.unit} — năm ${heading.year}`,
    columns: [
      { key: 'no', header: 'STT', kind: 'integer' },
      { key: 'code', header: 'Mã dân tộc', kind: 'text' },
      { key: 'ethnicity', header: 'Dân tộc của chủ hộ', kind: 'text' },
      { key: 'households', header: 'Số hộ', group: 'Tổng số', kind: 'integer' },
      { key: 'persons', header: 'Số khẩu', group: 'Tổng số', kind: 'integer' },
      { key: 'poor_households', header: 'Số hộ', group: 'Hộ nghèo', kind: 'integer' },
      { key: 'poor_rate', header: 'Tỷ lệ (%)', group: 'Hộ nghèo', kind: 'percent' },
      { key: 'near_poor_households', header: 'Số hộ', group: 'Hộ cận nghèo', kind: 'integer' },
      { key: 'near_poor_rate', header: 'Tỷ lệ (%)', group: 'Hộ cận nghèo', kind: 'percent' },
    ],
    rows: keys.map((key, index) => ({ no: index + 1, code: key || null, ...rowOf(key ? ethnicNames.get(key) ?? key : 'Chưa xác định', byGroup.get(key)!) })),
    footer: [{ no: null, code: null, ...rowOf('Tổng cộng', results) }],
  };
}

/** Bảng 14–15: Danh sách chi tiết hộ nghèo, hộ cận nghèo (no citizen IDs, no birth dates). */
export function householdListTable(
  results: readonly ResultInForce[],
  names: { unit: (code: string) => string; ethnic: (code: string | null) => string; indicator: (code: string) => string },
  heading: { unit: string; year: number },
): ReportTable {
  const listed = results
    .filter((r) => r.status === 'poor' || r.status === 'near_poor')
    .sort((a, b) => a.commune_code.localeCompare(b.commune_code) || a.village.localeCompare(b.village, 'vi') || a.status.localeCompare(b.status) || a.head_name.localeCompare(b.head_name, 'vi') || a.household_code.localeCompare(b.household_code));
  return {
    name: 'households',
    title: 'DANH SÁCH CHI TIẾT HỘ NGHÈO, HỘ CẬN NGHÈO',
    subtitle: `${heading.unit} — năm ${heading.year}`,
    columns: [
      { key: 'no', header: 'STT', kind: 'integer' },
      { key: 'household_code', header: 'Mã hộ', kind: 'text' },
      { key: 'head_name', header: 'Họ và tên chủ hộ', kind: 'text' },
      { key: 'village', header: 'Thôn, làng, tổ dân phố', kind: 'text' },
      { key: 'commune', header: 'Xã, phường, thị trấn', kind: 'text' },
      { key: 'ethnicity', header: 'Dân tộc', kind: 'text' },
      { key: 'status', header: 'Phân loại', kind: 'text' },
      { key: 'persons', header: 'Số khẩu', kind: 'integer' },
      { key: 'deprivation_count', header: 'Số chỉ số thiếu hụt', kind: 'integer' },
      { key: 'deprivations', header: 'Các chỉ số thiếu hụt', kind: 'text' },
    ],
    rows: listed.map((r, index) => ({
      no: index + 1,
      household_code: r.household_code,
      head_name: r.head_name,
      village: r.village,
      commune: names.unit(r.commune_code),
      ethnicity: names.ethnic(r.head_ethnic_code),
      status: STATUS_NAMES[r.status] ?? r.status,
      persons: r.persons,
      deprivation_count: r.deprivation_count,
      deprivations: r.deprivations.map(names.indicator).join('; '),
    })),
    footer: [{
      no: null,
      household_code: null,
      head_name: `Tổng cộng: ${listed.filter((r) => r.status === 'poor').length} hộ nghèo, ${listed.filter((r) => r.status === 'near_poor').length} hộ cận nghèo`,
      village: null,
      commune: null,
      ethnicity: null,
      status: null,
      persons: persons(listed),
      deprivation_count: null,
      deprivations: null,
    }],
  };
}

const TARGET_GROUP_NAMES: Readonly<Record<TargetGroup | 'other', string>> = {
  ethnic_minority: 'Hộ dân tộc thiểu số (chủ hộ là người dân tộc thiểu số)',
  social_allowance: 'Hộ có thành viên hưởng trợ cấp xã hội hằng tháng',
  no_working_age_member: 'Hộ không có thành viên trong độ tuổi lao động',
  female_head: 'Hộ có chủ hộ là nữ',
  elderly_alone: 'Hộ người cao tuổi sống một mình',
  other: 'Hộ không thuộc các nhóm trên',
};

/** Bảng 8: Phân tích hộ nghèo, hộ cận nghèo theo các nhóm đối tượng (the groups the registry records facts for). */
export function targetGroupTable(results: readonly (ResultInForce & { groups: readonly TargetGroup[] })[], heading: { unit: string; year: number }): ReportTable {
  const poorTotal = count(results, 'poor').length;
  const nearPoorTotal = count(results, 'near_poor').length;
  const rowOf = (label: string, rows: readonly ResultInForce[]): Record<string, CellValue> => {
    const poor = count(rows, 'poor');
    const nearPoor = count(rows, 'near_poor');
    return {
      group: label,
      households: rows.length,
      persons: persons(rows),
      poor_households: poor.length,
      poor_persons: persons(poor),
      poor_rate: percent(poor.length, rows.length),
      poor_share: percent(poor.length, poorTotal),
      near_poor_households: nearPoor.length,
      near_poor_persons: persons(nearPoor),
      near_poor_rate: percent(nearPoor.length, rows.length),
      near_poor_share: percent(nearPoor.length, nearPoorTotal),
    };
  };
  const columns: ReportColumn[] = [
    { key: 'no', header: 'STT', kind: 'integer' },
    { key: 'group', header: 'Nhóm đối tượng', kind: 'text' },
    { key: 'households', header: 'Số hộ', group: 'Tổng số', kind: 'integer' },
    { key: 'persons', header: 'Số khẩu', group: 'Tổng số', kind: 'integer' },
  ];
  for (const [key, group] of [['poor', 'Hộ nghèo'], ['near_poor', 'Hộ cận nghèo']] as const) {
    columns.push(
      { key: `${key}_households`, header: 'Số hộ', group, kind: 'integer' },
      { key: `${key}_persons`, header: 'Số khẩu', group, kind: 'integer' },
      { key: `${key}_rate`, header: 'Tỷ lệ trong nhóm (%)', group, kind: 'percent' },
      { key: `${key}_share`, header: `Cơ cấu trong tổng số ${group.toLowerCase()} (%)`, group, kind: 'percent' },
    );
  }
  const rows = [
    ...TARGET_GROUPS.map((group) => rowOf(TARGET_GROUP_NAMES[group], results.filter((r) => r.groups.includes(group)))),
    rowOf(TARGET_GROUP_NAMES.other, results.filter((r) => r.groups.length === 0)),
  ].map((row, index) => ({ no: index + 1, ...row }));
  const unrecorded: Readonly<Record<(typeof UNRECORDED_TARGET_GROUPS)[number], string>> = {
    merit: 'Hộ có thành viên là người có công với cách mạng: sổ hộ không ghi nhận thông tin này nên không tổng hợp được.',
    disability: 'Hộ có người khuyết tật: sổ hộ không ghi nhận riêng; người khuyết tật hưởng trợ cấp hằng tháng được tính trong nhóm hưởng trợ cấp xã hội.',
  };
  return {
    name: 'target-groups',
    title: 'PHÂN TÍCH HỘ NGHÈO, HỘ CẬN NGHÈO THEO CÁC NHÓM ĐỐI TƯỢNG',
    subtitle: `${heading.unit} — năm ${heading.year}`,
    columns,
    rows,
    footer: [{ no: null, ...rowOf('Tổng số hộ của đơn vị', results), poor_share: null, near_poor_share: null }],
    notes: [
      'Một hộ có thể thuộc nhiều nhóm; các nhóm không cộng dồn thành tổng số.',
      'Tuổi tính đến ngày khảo sát của kết quả rà soát được công nhận; độ tuổi lao động theo Bộ luật Lao động 2019; người cao tuổi từ đủ 60 tuổi.',
      'Hộ không có thành viên trong độ tuổi lao động là phần ghi nhận được của nhóm "hộ không có khả năng lao động" (khả năng lao động không được ghi nhận).',
      ...UNRECORDED_TARGET_GROUPS.map((group) => unrecorded[group]),
    ],
  };
}
