/**
 * The program's six-month and annual reports (SPEC §10; Circular 10/2022 Appendix II Template 01,
 * DOMAIN §5) as four sections: poverty targets against actuals, budget by source (planned,
 * allocated, disbursed), the projects' output indicators, and the coverage of poor and near-poor
 * households by support plans. Plain data; report-render.ts lays it out.
 */
import type { PeriodBounds } from '../../domain/reports/index.js';
import { type CellValue, type ReportColumn, type ReportSection, type ReportTable, percent } from './report-tables.js';

export interface EvaluatedTarget {
  unit: string;
  indicator: string;
  kind: string;
  comparator: string;
  value: number;
  baseline: number | null;
  actual: number | null;
  measured: number | null;
  mark: string | null;
}

export interface BudgetFigure {
  project: string;
  source: string;
  kind: string;
  planned: number;
  allocated: number;
  disbursed: number;
}

export interface OutputFigure {
  project: string;
  name: string;
  unitOfMeasure: string;
  target: number;
  actual: number | null;
}

export interface CoverageGroup {
  label: string;
  rows: readonly { status: string; has_plan: boolean; has_helper: boolean; supports_done: number; amount_done: number }[];
}

const INDICATOR_NAMES: Readonly<Record<string, string>> = {
  poor_rate: 'Tỷ lệ hộ nghèo (%)',
  ethnic_minority_poor_rate: 'Tỷ lệ hộ nghèo dân tộc thiểu số (%)',
  near_poor_rate: 'Tỷ lệ hộ cận nghèo (%)',
  escaped_poverty: 'Số hộ thoát nghèo trong năm',
  support_plan_share: 'Tỷ lệ hộ nghèo có kế hoạch hỗ trợ (%)',
};
const COMPARATOR_SIGNS: Readonly<Record<string, string>> = { at_most: '≤', less_than: '<', at_least: '≥', greater_than: '>' };
const MARK_NAMES: Readonly<Record<string, string>> = { on_track: 'Đạt', at_risk: 'Gần đạt', off_track: 'Không đạt', no_data: 'Chưa có số liệu' };
const SOURCE_NAMES: Readonly<Record<string, string>> = { central: 'Ngân sách trung ương', provincial_counterpart: 'Ngân sách địa phương đối ứng', mobilised: 'Vốn huy động' };
const KIND_NAMES: Readonly<Record<string, string>> = { investment: 'Đầu tư phát triển', recurrent: 'Sự nghiệp' };

/** "≤ −2 điểm %" for a change target, "≤ 10 %" for a level, "≥ 500 hộ" for a count. */
export function targetText(target: Pick<EvaluatedTarget, 'indicator' | 'kind' | 'comparator' | 'value'>): string {
  const value = target.value.toLocaleString('vi-VN', { maximumFractionDigits: 2 }).replace('-', '−');
  const unit = target.kind === 'change_points' ? ' điểm %' : target.indicator === 'escaped_poverty' ? ' hộ' : ' %';
  return `${COMPARATOR_SIGNS[target.comparator] ?? target.comparator} ${value}${unit}`;
}

const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

function targetsSection(targets: readonly EvaluatedTarget[], period: PeriodBounds): ReportSection {
  const sixMonth = period.period === 'six_month';
  return {
    sheet: 'I. Chỉ tiêu',
    title: 'I. CHỈ TIÊU GIẢM NGHÈO: KẾ HOẠCH VÀ THỰC HIỆN',
    subtitle: sixMonth ? `Mức đầu kỳ: cuối năm ${period.year - 1}` : `Đầu kỳ: cuối năm ${period.year - 1}; thực hiện: cuối năm ${period.year}`,
    columns: [
      { key: 'no', header: 'STT', kind: 'integer' },
      { key: 'unit', header: 'Đơn vị', kind: 'text' },
      { key: 'indicator', header: 'Chỉ tiêu', kind: 'text' },
      { key: 'target', header: 'Kế hoạch', kind: 'text' },
      { key: 'baseline', header: 'Đầu kỳ', kind: 'number' },
      { key: 'actual', header: 'Thực hiện', kind: 'number' },
      { key: 'measured', header: 'Thay đổi / mức đạt được', kind: 'number' },
      { key: 'mark', header: 'Đánh giá', kind: 'text' },
    ],
    rows: targets.map((t, index) => ({
      no: index + 1,
      unit: t.unit,
      indicator: INDICATOR_NAMES[t.indicator] ?? t.indicator,
      target: targetText(t),
      baseline: round2(t.baseline),
      actual: sixMonth ? null : round2(t.actual),
      measured: sixMonth ? null : round2(t.measured),
      mark: sixMonth ? 'Đánh giá khi có kết quả rà soát cuối năm' : t.mark ? MARK_NAMES[t.mark] ?? t.mark : null,
    })),
    footer: [],
    notes: [
      'Thực hiện tính từ kết quả rà soát đã được công nhận (không nhập tay); chỉ tiêu thay đổi so với cuối năm trước, cùng chuẩn nghèo.',
      ...(sixMonth ? ['Tỷ lệ hộ nghèo, cận nghèo của năm chỉ xác định sau rà soát định kỳ cuối năm, nên báo cáo 6 tháng nêu kế hoạch và mức đầu kỳ.'] : []),
      ...(targets.length === 0 ? ['Chưa có chỉ tiêu nào cho năm này.'] : []),
    ],
  };
}

function budgetSection(lines: readonly BudgetFigure[], period: PeriodBounds): ReportSection {
  const rowOf = (label: Record<string, CellValue>, figures: readonly BudgetFigure[]): Record<string, CellValue> => {
    const planned = figures.reduce((s, f) => s + f.planned, 0);
    const allocated = figures.reduce((s, f) => s + f.allocated, 0);
    const disbursed = figures.reduce((s, f) => s + f.disbursed, 0);
    return { ...label, planned, allocated, disbursed, disbursed_rate: percent(disbursed, allocated) };
  };
  const sources = [...new Set(lines.map((l) => l.source))].sort((a, b) => Object.keys(SOURCE_NAMES).indexOf(a) - Object.keys(SOURCE_NAMES).indexOf(b));
  return {
    sheet: 'II. Nguồn vốn',
    title: 'II. NGUỒN VỐN: KẾ HOẠCH, PHÂN BỔ VÀ GIẢI NGÂN (đồng)',
    subtitle: `Giải ngân đến hết tháng ${period.lastMonth}/${period.year}`,
    columns: [
      { key: 'no', header: 'STT', kind: 'integer' },
      { key: 'project', header: 'Dự án, tiểu dự án', kind: 'text' },
      { key: 'source', header: 'Nguồn vốn', kind: 'text' },
      { key: 'kind', header: 'Loại vốn', kind: 'text' },
      { key: 'planned', header: 'Kế hoạch', kind: 'integer' },
      { key: 'allocated', header: 'Đã phân bổ', kind: 'integer' },
      { key: 'disbursed', header: 'Đã giải ngân', kind: 'integer' },
      { key: 'disbursed_rate', header: 'Tỷ lệ giải ngân so với phân bổ (%)', kind: 'percent' },
    ],
    rows: lines.map((line, index) => rowOf({ no: index + 1, project: line.project, source: SOURCE_NAMES[line.source] ?? line.source, kind: KIND_NAMES[line.kind] ?? line.kind }, [line])),
    footer: [
      ...sources.map((source) => rowOf({ no: null, project: `Cộng ${SOURCE_NAMES[source] ?? source}`, source: null, kind: null }, lines.filter((l) => l.source === source))),
      rowOf({ no: null, project: 'Tổng cộng', source: null, kind: null }, lines),
    ],
    notes: lines.length === 0 ? ['Chưa có dòng ngân sách nào cho năm này.'] : [],
  };
}

function outputsSection(outputs: readonly OutputFigure[]): ReportSection {
  return {
    sheet: 'III. Đầu ra',
    title: 'III. CHỈ SỐ ĐẦU RA CỦA CÁC DỰ ÁN',
    subtitle: 'Kế hoạch năm và số thực hiện đã cập nhật',
    columns: [
      { key: 'no', header: 'STT', kind: 'integer' },
      { key: 'project', header: 'Dự án, tiểu dự án', kind: 'text' },
      { key: 'indicator', header: 'Chỉ số đầu ra', kind: 'text' },
      { key: 'unit_of_measure', header: 'Đơn vị tính', kind: 'text' },
      { key: 'target', header: 'Kế hoạch năm', kind: 'number' },
      { key: 'actual', header: 'Thực hiện', kind: 'number' },
      { key: 'done_rate', header: 'Tỷ lệ hoàn thành (%)', kind: 'percent' },
    ],
    rows: outputs.map((o, index) => ({
      no: index + 1,
      project: o.project,
      indicator: o.name,
      unit_of_measure: o.unitOfMeasure,
      target: o.target,
      actual: o.actual,
      done_rate: o.actual === null ? null : percent(o.actual, o.target),
    })),
    footer: [],
    notes: [
      'Số thực hiện là số đã cập nhật vào hệ thống khi lập báo cáo (chỉ số đầu ra không lưu theo từng kỳ).',
      ...(outputs.length === 0 ? ['Chưa có chỉ số đầu ra nào cho năm này.'] : []),
    ],
  };
}

function coverageSection(groups: readonly CoverageGroup[], rowLabel: string, period: PeriodBounds): ReportSection {
  const rowOf = (label: string, rows: CoverageGroup['rows']): Record<string, CellValue> => {
    const poor = rows.filter((r) => r.status === 'poor');
    const nearPoor = rows.filter((r) => r.status === 'near_poor');
    return {
      unit: label,
      poor_households: poor.length,
      poor_with_plan: poor.filter((r) => r.has_plan).length,
      poor_plan_rate: percent(poor.filter((r) => r.has_plan).length, poor.length),
      poor_with_helper: poor.filter((r) => r.has_helper).length,
      near_poor_households: nearPoor.length,
      near_poor_with_plan: nearPoor.filter((r) => r.has_plan).length,
      near_poor_plan_rate: percent(nearPoor.filter((r) => r.has_plan).length, nearPoor.length),
      supports_done: rows.reduce((s, r) => s + r.supports_done, 0),
      amount_done: rows.reduce((s, r) => s + r.amount_done, 0),
    };
  };
  const poor = 'Hộ nghèo';
  const nearPoor = 'Hộ cận nghèo';
  const done = 'Hỗ trợ đã hoàn thành';
  return {
    sheet: 'IV. Hỗ trợ hộ',
    title: 'IV. KẾ HOẠCH HỖ TRỢ HỘ NGHÈO, HỘ CẬN NGHÈO',
    subtitle: `Hộ nghèo, cận nghèo theo kết quả rà soát có hiệu lực đến ${period.endsOn.split('-').reverse().join('/')}`,
    columns: [
      { key: 'no', header: 'STT', kind: 'integer' },
      { key: 'unit', header: rowLabel, kind: 'text' },
      { key: 'poor_households', header: 'Số hộ', group: poor, kind: 'integer' },
      { key: 'poor_with_plan', header: 'Có kế hoạch hỗ trợ', group: poor, kind: 'integer' },
      { key: 'poor_plan_rate', header: 'Tỷ lệ (%)', group: poor, kind: 'percent' },
      { key: 'poor_with_helper', header: 'Có người giúp đỡ', group: poor, kind: 'integer' },
      { key: 'near_poor_households', header: 'Số hộ', group: nearPoor, kind: 'integer' },
      { key: 'near_poor_with_plan', header: 'Có kế hoạch hỗ trợ', group: nearPoor, kind: 'integer' },
      { key: 'near_poor_plan_rate', header: 'Tỷ lệ (%)', group: nearPoor, kind: 'percent' },
      { key: 'supports_done', header: 'Số lượt', group: done, kind: 'integer' },
      { key: 'amount_done', header: 'Kinh phí (đồng)', group: done, kind: 'integer' },
    ],
    rows: groups.map((group, index) => ({ no: index + 1, ...rowOf(group.label, group.rows) })),
    footer: [{ no: null, ...rowOf('Tổng cộng', groups.flatMap((group) => group.rows)) }],
    notes: ['Kế hoạch hỗ trợ được tính khi lập trước hoặc trong ngày cuối kỳ; hỗ trợ hoàn thành tính theo ngày hoàn thành.'],
  };
}

/** The whole report: title, and the four sections in order. */
export function programReport(
  input: { targets: readonly EvaluatedTarget[]; budget: readonly BudgetFigure[]; outputs: readonly OutputFigure[]; coverage: readonly CoverageGroup[]; coverageRowLabel: string },
  period: PeriodBounds,
  heading: { unit: string },
): ReportTable {
  const sections = [targetsSection(input.targets, period), budgetSection(input.budget, period), outputsSection(input.outputs), coverageSection(input.coverage, input.coverageRowLabel, period)];
  const suffix = period.period === 'six_month' ? `6 THÁNG ĐẦU NĂM ${period.year}` : `NĂM ${period.year}`;
  return {
    name: period.period === 'six_month' ? 'program-six-month' : 'program-annual',
    title: `BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIẢM NGHÈO BỀN VỮNG ${suffix}`,
    subtitle: `${heading.unit} — ${period.label.vi}`,
    columns: [],
    rows: [],
    footer: [],
    sections,
  };
}
