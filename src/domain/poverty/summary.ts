import { assessHousehold, type AssessedHousehold } from './assessment.js';
import { compileStandard } from './indicators.js';
import {
  HOUSEHOLD_STATUSES,
  type ClassificationResult,
  type GroupingKeys,
  type HouseholdStatus,
  type IndicatorCode,
  type Lang,
  type PovertyStandard,
} from './types.js';

/** `--group-by`: by `unitCode`, or by `ethnicMinority` (keys `ethnic_minority`, `other`). */
export type GroupBy = 'unit' | 'ethnicity';
export const GROUP_BY_VALUES: readonly GroupBy[] = ['unit', 'ethnicity'];

/** Key of the group of records without the grouping field. */
export const UNKNOWN_GROUP = 'unknown';

/** Alkire–Foster measures over households, equal weights, cut-off k (SPEC §5.6). */
export interface AlkireFoster {
  /** Cut-off k of the standard; `null` when no household was classified (no standard). */
  readonly k: number | null;
  /** Headcount ratio: share of households lacking ≥ k indicators. */
  readonly H: number;
  /** Intensity: mean of d / D among those households. */
  readonly A: number;
  /** Adjusted headcount ratio M0 = H × A. */
  readonly M0: number;
  /** Per code: share of all households lacking ≥ k indicators and this one. */
  readonly censoredHeadcount: Readonly<Record<string, number>>;
  /** Per code: percent of M0; sums to 100, or all 0 when M0 = 0. */
  readonly contribution: Readonly<Record<string, number>>;
}

/** The figures of §5.6 for one set of households. */
export interface SummaryFigures {
  /** Standard of the households; `null` only when no record could be classified. */
  readonly standard: string | null;
  /** Records classified. */
  readonly households: number;
  /** Records that could not be classified (always 0 inside a group). */
  readonly invalid: number;
  readonly counts: Readonly<Record<HouseholdStatus, number>>;
  /** counts / households, full precision (0 when there are no households). */
  readonly rates: Readonly<Record<HouseholdStatus, number>>;
  /** Per status, households lacking each indicator of the standard. */
  readonly deprivations: {
    readonly poor: Readonly<Record<string, number>>;
    readonly near_poor: Readonly<Record<string, number>>;
  };
  readonly af: AlkireFoster;
}

export interface GroupSummary extends SummaryFigures {
  readonly key: string;
}

/** Tổng hợp kết quả phân loại (SPEC §5.6). */
export interface PovertySummary extends SummaryFigures {
  /** Only when grouping was asked for; sorted by key. */
  readonly groups?: readonly GroupSummary[];
}

/**
 * Whole-number tallies of a set of classified households under one standard. Tallies of disjoint
 * sets add up ({@link mergeTallies}), and {@link summaryFromTally} turns one into figures, so a
 * summary of the union equals the merge of the parts' tallies exactly.
 */
export interface SummaryTally {
  readonly standard: PovertyStandard | null;
  households: number;
  invalid: number;
  readonly counts: Record<HouseholdStatus, number>;
  /** Indexed like the standard's indicators. */
  readonly lackingPoor: number[];
  readonly lackingNearPoor: number[];
  /** Households lacking ≥ k indicators (AF-poor). */
  afPoor: number;
  /** Sum of d over the AF-poor. */
  afDeprivationSum: number;
  /** Per indicator, AF-poor households lacking it. */
  readonly censored: number[];
}

/** Raised when tallies of different standards are merged (SPEC §5.6: mixed standards are refused). */
export class MixedStandardsError extends Error {
  override readonly name = 'MixedStandardsError';
  constructor(readonly standards: readonly [string, string]) {
    super(`households of different standards cannot be summarised together: ${standards[0]}, ${standards[1]}`);
  }
}

/** An empty tally for a standard (or for no standard yet). */
export function emptyTally(standard: PovertyStandard | null): SummaryTally {
  const n = standard ? standard.indicators.length : 0;
  return {
    standard,
    households: 0,
    invalid: 0,
    counts: { poor: 0, near_poor: 0, average: 0, not_poor: 0 },
    lackingPoor: new Array<number>(n).fill(0),
    lackingNearPoor: new Array<number>(n).fill(0),
    afPoor: 0,
    afDeprivationSum: 0,
    censored: new Array<number>(n).fill(0),
  };
}

/**
 * Adds a classified household to a tally of its standard.
 * @throws {MixedStandardsError} when the result is of another standard than the tally.
 */
export function addToTally(tally: SummaryTally, result: ClassificationResult): void {
  const standard = tally.standard;
  if (!standard || standard.id !== result.standard) {
    throw new MixedStandardsError([standard?.id ?? '(none)', result.standard]);
  }
  const c = compileStandard(standard);
  const d = result.deprivationCount;
  const afPoor = d >= standard.alkireFosterK.value;
  const byStatus = result.status === 'poor' ? tally.lackingPoor : result.status === 'near_poor' ? tally.lackingNearPoor : null;
  tally.households++;
  tally.counts[result.status]++;
  if (afPoor) {
    tally.afPoor++;
    tally.afDeprivationSum += d;
  }
  for (const code of result.deprivations) {
    const i = c.indexOf.get(code);
    if (i === undefined) continue;
    if (byStatus) byStatus[i] = (byStatus[i] ?? 0) + 1;
    if (afPoor) tally.censored[i] = (tally.censored[i] ?? 0) + 1;
  }
}

function addArrays(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x + (b[i] ?? 0));
}

/**
 * The tally of the union of disjoint sets. Tallies without a standard (no household classified)
 * merge with any.
 * @throws {MixedStandardsError} when both have households of different standards.
 */
export function mergeTallies(a: SummaryTally, b: SummaryTally): SummaryTally {
  if (!a.standard || !b.standard) {
    // A tally without a standard holds invalid records only.
    const base = a.standard ? a : b;
    return { ...cloneTally(base), invalid: a.invalid + b.invalid };
  }
  if (a.standard.id !== b.standard.id) throw new MixedStandardsError([a.standard.id, b.standard.id]);
  const counts = { ...a.counts };
  for (const s of HOUSEHOLD_STATUSES) counts[s] += b.counts[s];
  return {
    standard: a.standard,
    households: a.households + b.households,
    invalid: a.invalid + b.invalid,
    counts,
    lackingPoor: addArrays(a.lackingPoor, b.lackingPoor),
    lackingNearPoor: addArrays(a.lackingNearPoor, b.lackingNearPoor),
    afPoor: a.afPoor + b.afPoor,
    afDeprivationSum: a.afDeprivationSum + b.afDeprivationSum,
    censored: addArrays(a.censored, b.censored),
  };
}

function cloneTally(t: SummaryTally): SummaryTally {
  return {
    ...t,
    counts: { ...t.counts },
    lackingPoor: [...t.lackingPoor],
    lackingNearPoor: [...t.lackingNearPoor],
    censored: [...t.censored],
  };
}

function byCode(codes: readonly IndicatorCode[], values: readonly number[], f: (v: number) => number): Record<string, number> {
  const out: Record<string, number> = {};
  codes.forEach((code, i) => {
    out[code] = f(values[i] ?? 0);
  });
  return out;
}

/** The §5.6 figures of a tally. */
export function summaryFromTally(tally: SummaryTally): SummaryFigures {
  const standard = tally.standard;
  const codes = standard ? compileStandard(standard).codes : [];
  const n = tally.households;
  const share = (x: number): number => (n === 0 ? 0 : x / n);
  const rates = { poor: 0, near_poor: 0, average: 0, not_poor: 0 };
  for (const s of HOUSEHOLD_STATUSES) rates[s] = share(tally.counts[s]);
  const D = codes.length;
  const k = standard ? standard.alkireFosterK.value : null;
  const H = share(tally.afPoor);
  const A = tally.afPoor === 0 ? 0 : tally.afDeprivationSum / (tally.afPoor * D);
  // Σ_j censored_j = afDeprivationSum, so contribution_j = (CH_j / D) / M0 × 100 reduces to this.
  const total = tally.afDeprivationSum;
  return {
    standard: standard ? standard.id : null,
    households: n,
    invalid: tally.invalid,
    counts: { ...tally.counts },
    rates,
    deprivations: {
      poor: byCode(codes, tally.lackingPoor, (v) => v),
      near_poor: byCode(codes, tally.lackingNearPoor, (v) => v),
    },
    af: {
      k,
      H,
      A,
      M0: H * A,
      censoredHeadcount: byCode(codes, tally.censored, share),
      contribution: byCode(codes, tally.censored, (v) => (total === 0 ? 0 : (100 * v) / total)),
    },
  };
}

/** The group a household belongs to (SPEC §5.6). */
export function groupKey(groupBy: GroupBy, grouping: GroupingKeys): string {
  if (groupBy === 'unit') return grouping.unitCode ?? UNKNOWN_GROUP;
  if (grouping.ethnicMinority === null) return UNKNOWN_GROUP;
  return grouping.ethnicMinority ? 'ethnic_minority' : 'other';
}

/**
 * Builds a summary one household at a time, in memory proportional to the number of groups
 * (not of households), so a stream of any length can be summarised.
 *
 * @example
 * const b = new SummaryBuilder('unit');
 * for (const a of assessments) if (a.ok ? !b.add(a) : (b.addInvalid(), false)) break; // mixed
 * const summary = b.build();
 */
export class SummaryBuilder {
  private total: SummaryTally = emptyTally(null);
  private readonly groups = new Map<string, SummaryTally>();
  private mixed: readonly [string, string] | undefined;

  constructor(readonly groupBy?: GroupBy) {}

  /** Counts a record that could not be classified. */
  addInvalid(): void {
    this.total.invalid++;
  }

  /** Adds a classified household; returns false (and ignores it) when its standard differs from earlier ones. */
  add(household: AssessedHousehold): boolean {
    const { result, standard, grouping } = household;
    if (!this.total.standard) {
      const invalid = this.total.invalid;
      this.total = emptyTally(standard);
      this.total.invalid = invalid;
    } else if (this.total.standard.id !== standard.id) {
      this.mixed ??= [this.total.standard.id, standard.id];
      return false;
    }
    addToTally(this.total, result);
    if (this.groupBy) {
      const key = groupKey(this.groupBy, grouping);
      let group = this.groups.get(key);
      if (!group) {
        group = emptyTally(standard);
        this.groups.set(key, group);
      }
      addToTally(group, result);
    }
    return true;
  }

  /** The two standards seen first when households of different standards were added. */
  get mixedStandards(): readonly [string, string] | undefined {
    return this.mixed;
  }

  /** Group tallies by key, sorted by key (code-unit order). */
  groupTallies(): [string, SummaryTally][] {
    return [...this.groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The overall tally. */
  totalTally(): SummaryTally {
    return this.total;
  }

  /** The summary; it has `groups` exactly when a `groupBy` was given. */
  build(): PovertySummary {
    const figures = summaryFromTally(this.total);
    if (!this.groupBy) return figures;
    const groups = this.groupTallies().map(([key, tally]): GroupSummary => ({ key, ...summaryFromTally(tally) }));
    return { ...figures, groups };
  }
}

export interface SummarizeOptions {
  readonly groupBy?: GroupBy;
  readonly lang?: Lang;
}

export type SummarizeOutcome =
  | { readonly ok: true; readonly summary: PovertySummary }
  | { readonly ok: false; readonly mixedStandards: readonly [string, string] };

/**
 * Classifies assessment records and summarises them (SPEC §5.6): counts and rates by status,
 * deprivation counts of poor and near-poor households, Alkire–Foster measures, and groups when
 * asked. Records that cannot be classified count in `invalid` only. Households of more than one
 * standard are refused.
 *
 * @example
 * const out = summarize(records, standards, { groupBy: 'ethnicity' });
 * if (out.ok) console.log(out.summary.af.M0);
 */
export function summarize(
  records: Iterable<unknown>,
  standards: readonly PovertyStandard[],
  options: SummarizeOptions = {},
): SummarizeOutcome {
  const builder = new SummaryBuilder(options.groupBy);
  let index = 0;
  for (const record of records) {
    const a = assessHousehold(record, standards, { lang: options.lang, position: { index } });
    index++;
    if (!a.ok) builder.addInvalid();
    else if (!builder.add(a)) break;
  }
  const mixed = builder.mixedStandards;
  return mixed ? { ok: false, mixedStandards: mixed } : { ok: true, summary: builder.build() };
}
