/**
 * Targets (chỉ tiêu) and their evaluation (SPEC §8): pure rules, no I/O.
 *
 * Rates are in percent (12.09 means 12.09 %). A `change_points` target is the change of a rate
 * over the year in percentage points (DOMAIN §3.2: "giảm 2%" is −2 points, not a relative cut);
 * a `level` target is the rate (or count) at the end of the year.
 *
 * @example
 * evaluateTarget({ kind: 'change_points', value: -2, comparator: 'at_most' }, { baseline: 12.09, actual: 10.06 })
 * // { measured: -2.03, met: true, shortfall: 0, mark: 'on_track' }
 */

export type TargetKind = 'change_points' | 'level';
/** `at_most` −2: fall by 2 points or more; `less_than` −3: fall by more than 3 points. */
export type Comparator = 'at_most' | 'less_than' | 'at_least' | 'greater_than';
export const COMPARATORS: readonly Comparator[] = ['at_most', 'less_than', 'at_least', 'greater_than'];

/**
 * What a target measures. Rates in percent of households; `escaped_poverty` a count;
 * `support_plan_share` the percent of poor households that have a support plan (SPEC §9).
 */
export type TargetIndicator = 'poor_rate' | 'ethnic_minority_poor_rate' | 'near_poor_rate' | 'escaped_poverty' | 'support_plan_share';
export const TARGET_INDICATORS: readonly TargetIndicator[] = ['poor_rate', 'ethnic_minority_poor_rate', 'near_poor_rate', 'escaped_poverty', 'support_plan_share'];

/**
 * The mark of a target:
 * - `on_track` — the measured value meets the target (a target to fall is also met at a rate of 0 %);
 * - `at_risk` — it misses by no more than the margin (0.5 points, or 10 % of a count target);
 * - `off_track` — it misses by more;
 * - `no_data` — no recognised result (or no baseline for a change) to measure.
 */
export type TargetMark = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export interface TargetRule {
  kind: TargetKind;
  value: number;
  comparator: Comparator;
}

export interface TargetEvaluation {
  /** The change in points (change targets) or the level; null when it cannot be measured. */
  measured: number | null;
  met: boolean;
  /** How far the measured value is from meeting the target, ≥ 0 (0 when met). */
  shortfall: number;
  mark: TargetMark;
}

/** Miss margin for `at_risk`: half a percentage point for rates. */
export const AT_RISK_MARGIN_POINTS = 0.5;
/** Miss margin for `at_risk` on count targets: a tenth of the target. */
export const AT_RISK_SHARE_OF_COUNT = 0.1;

/** Published rates carry two decimals; comparing at 1e-6 keeps −2.0000000001 from missing −2. */
const EPSILON = 1e-6;

/** Rounds to `digits` decimals, half away from zero. */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor + EPSILON)) / factor;
}

/** Does `measured` satisfy `comparator value`? */
export function satisfies(measured: number, comparator: Comparator, value: number): boolean {
  switch (comparator) {
    case 'at_most':
      return measured <= value + EPSILON;
    case 'less_than':
      return measured < value - EPSILON;
    case 'at_least':
      return measured >= value - EPSILON;
    case 'greater_than':
      return measured > value + EPSILON;
  }
}

/**
 * Evaluates a target against measured values. `baseline` is the rate at the end of the
 * previous recognised year (change targets only); `actual` the rate or count now.
 * `isCount` selects the count margin for at-risk.
 */
export function evaluateTarget(
  rule: TargetRule,
  values: { baseline: number | null; actual: number | null },
  options: { isCount?: boolean } = {},
): TargetEvaluation {
  const { baseline, actual } = values;
  if (actual === null || (rule.kind === 'change_points' && baseline === null)) {
    return { measured: null, met: false, shortfall: 0, mark: 'no_data' };
  }
  const measured = roundTo(rule.kind === 'change_points' ? actual - (baseline ?? 0) : actual, 4);
  // A unit with no poor household left has nothing more to reduce: a target to fall is met.
  const nothingLeft = rule.kind === 'change_points' && !options.isCount && rule.value < 0 && actual === 0;
  const met = nothingLeft || satisfies(measured, rule.comparator, rule.value);
  const shortfall = met ? 0 : roundTo(Math.abs(measured - rule.value), 4);
  const margin = options.isCount ? Math.abs(rule.value) * AT_RISK_SHARE_OF_COUNT : AT_RISK_MARGIN_POINTS;
  const mark: TargetMark = met ? 'on_track' : shortfall <= margin + EPSILON ? 'at_risk' : 'off_track';
  return { measured, met, shortfall, mark };
}

/** A rate in percent; null when the denominator is 0 (no households: no rate, not 0 %). */
export function percent(count: number, total: number): number | null {
  return total === 0 ? null : (100 * count) / total;
}

/** The counts of a unit in a year from which every rate indicator is computed. */
export interface UnitCounts {
  households: number;
  poor: number;
  nearPoor: number;
  /** Ethnic-minority households (head of an ethnic minority) and, among them, the poor. */
  ethnicMinorityHouseholds: number;
  ethnicMinorityPoor: number;
  /** Households poor at the end of the previous year and no longer poor now. */
  escapedPoverty: number;
  /** Poor households that have a support plan (kế hoạch hỗ trợ); absent = not known (no share). */
  poorWithPlan?: number | undefined;
}

export interface UnitRates {
  poor_rate: number | null;
  near_poor_rate: number | null;
  /** Ethnic-minority poor households / all ethnic-minority households of the unit. */
  ethnic_minority_poor_rate: number | null;
  /** Poor households / households, among households whose head is not of an ethnic minority. */
  other_poor_rate: number | null;
  /** Poor households with a support plan / poor households. */
  support_plan_share: number | null;
}

export function ratesOf(counts: UnitCounts): UnitRates {
  return {
    poor_rate: percent(counts.poor, counts.households),
    near_poor_rate: percent(counts.nearPoor, counts.households),
    ethnic_minority_poor_rate: percent(counts.ethnicMinorityPoor, counts.ethnicMinorityHouseholds),
    other_poor_rate: percent(
      counts.poor - counts.ethnicMinorityPoor,
      counts.households - counts.ethnicMinorityHouseholds,
    ),
    support_plan_share: counts.poorWithPlan === undefined ? null : percent(counts.poorWithPlan, counts.poor),
  };
}

/** The measured value of an indicator for a unit: its rate, or the count for `escaped_poverty`. */
export function actualOf(indicator: TargetIndicator, counts: UnitCounts | null): number | null {
  if (!counts) return null;
  if (indicator === 'escaped_poverty') return counts.escapedPoverty;
  return ratesOf(counts)[indicator];
}

/**
 * The households a rate is taken over (its denominator), by which units' targets are weighted
 * when they are added up: all households, ethnic-minority households, or poor households for
 * the share with a support plan. Null for a count indicator.
 */
export function denominatorOf(indicator: TargetIndicator, counts: UnitCounts): number | null {
  switch (indicator) {
    case 'poor_rate':
    case 'near_poor_rate':
      return counts.households;
    case 'ethnic_minority_poor_rate':
      return counts.ethnicMinorityHouseholds;
    case 'support_plan_share':
      return counts.poor;
    case 'escaped_poverty':
      return null;
  }
}

/** Adds the counts of disjoint sets of households (units roll up by households, never by rates). */
export function addCounts(a: UnitCounts, b: UnitCounts): UnitCounts {
  return {
    households: a.households + b.households,
    poor: a.poor + b.poor,
    nearPoor: a.nearPoor + b.nearPoor,
    ethnicMinorityHouseholds: a.ethnicMinorityHouseholds + b.ethnicMinorityHouseholds,
    ethnicMinorityPoor: a.ethnicMinorityPoor + b.ethnicMinorityPoor,
    escapedPoverty: a.escapedPoverty + b.escapedPoverty,
    poorWithPlan: a.poorWithPlan === undefined || b.poorWithPlan === undefined ? undefined : a.poorWithPlan + b.poorWithPlan,
  };
}

export const EMPTY_COUNTS: UnitCounts = {
  households: 0,
  poor: 0,
  nearPoor: 0,
  ethnicMinorityHouseholds: 0,
  ethnicMinorityPoor: 0,
  escapedPoverty: 0,
  poorWithPlan: 0,
};

/** A unit's target with the base it applies to (households for the rate's denominator). */
export interface UnitTargetShare {
  unitCode: string;
  /** Change in points the unit aims at. */
  value: number;
  /** Households in the rate's denominator at the baseline (EM households for the EM rate). */
  baseHouseholds: number;
}

export interface CascadeCheck {
  /** The province change implied by the units' targets: Σ(households × change) / Σ households. */
  impliedChange: number | null;
  /** The plain mean of the units' targets — shown only to say it is not the check. */
  unweightedMean: number | null;
  /** True when the implied change satisfies the province's target. */
  consistent: boolean;
  /** Households of the province not covered by any unit target (their change is taken as 0). */
  uncoveredHouseholds: number;
}

/**
 * Do the units' change targets add up to the province's? A unit's change of Δ points over H
 * households moves Δ×H/100 households; the province's change is the sum of those moves over the
 * province's households. Units without a target count as no change, so the check is strict.
 *
 * @example checkCascade({ value: -2, comparator: 'at_most' }, 1000, [{ unitCode: 'A', value: -5, baseHouseholds: 200 }, { unitCode: 'B', value: -1, baseHouseholds: 800 }])
 * // impliedChange −1.8 → not consistent, although the mean of −5 and −1 is −3
 */
export function checkCascade(
  parent: { value: number; comparator: Comparator },
  parentHouseholds: number,
  units: readonly UnitTargetShare[],
): CascadeCheck {
  const covered = units.reduce((sum, unit) => sum + unit.baseHouseholds, 0);
  const total = Math.max(parentHouseholds, covered);
  if (total === 0 || units.length === 0) {
    return { impliedChange: null, unweightedMean: null, consistent: false, uncoveredHouseholds: total - covered };
  }
  const moved = units.reduce((sum, unit) => sum + unit.value * unit.baseHouseholds, 0);
  const impliedChange = roundTo(moved / total, 4);
  const unweightedMean = roundTo(units.reduce((sum, unit) => sum + unit.value, 0) / units.length, 4);
  return {
    impliedChange,
    unweightedMean,
    consistent: satisfies(impliedChange, parent.comparator, parent.value),
    uncoveredHouseholds: total - covered,
  };
}

/**
 * Where two consecutive points of a trend were measured under different poverty standards,
 * their rates do not compare (DOMAIN §6.4: 5.38 % in 2020 → 12.09 % in 2021 is a new standard).
 */
export function markStandardBreaks<T extends { standard: string | null }>(points: readonly T[]): (T & { standardBreak: boolean })[] {
  return points.map((point, i) => {
    const previous = i > 0 ? points[i - 1] : undefined;
    return { ...point, standardBreak: previous !== undefined && previous.standard !== null && point.standard !== null && previous.standard !== point.standard };
  });
}

/** Higher `behind` = further behind: the shortfall in points, or the shortfall share for counts. */
export function behindScore(evaluation: TargetEvaluation, rule: TargetRule, isCount: boolean): number {
  if (evaluation.mark === 'no_data' || evaluation.met) return 0;
  return isCount ? evaluation.shortfall / Math.max(1, Math.abs(rule.value)) : evaluation.shortfall;
}
