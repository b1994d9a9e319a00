/**
 * The local counterpart rule (vốn đối ứng ngân sách địa phương; Decision 02/2022/QĐ-TTg, DOMAIN §4):
 * each year the province puts in at least a share of the central support to the program, the
 * share depending on how much of the province's budget comes from the centre. The bands are data.
 */

/** One band: from `minDependencePercent` (inclusive) upward, until the next band's floor. */
export interface CounterpartBand {
  /** Share of the province's budget that the centre supports, in percent (0–100). */
  minDependencePercent: number;
  /** Minimum counterpart as a share of the central support, in percent. */
  minCounterpartPercent: number;
}

export interface CounterpartRule {
  /** The legal text the bands come from. */
  source: string;
  bands: CounterpartBand[];
}

/**
 * Decision 02/2022/QĐ-TTg: ≥ 3 % when the centre supports ≥ 70 % of the province's budget,
 * ≥ 10 % at 50–70 %, ≥ 15 % below 50 %. (Quảng Ngãi and Quảng Nam are set to 15 % by name:
 * give them a single band.)
 */
export const COUNTERPART_RULE_2022: CounterpartRule = {
  source: 'Quyết định 02/2022/QĐ-TTg',
  bands: [
    { minDependencePercent: 70, minCounterpartPercent: 3 },
    { minDependencePercent: 50, minCounterpartPercent: 10 },
    { minDependencePercent: 0, minCounterpartPercent: 15 },
  ],
};

/**
 * The minimum counterpart share (percent) for a budget dependence: the band with the highest
 * floor not above the dependence. Boundaries belong to the band above (exactly 70 % → 3 %,
 * exactly 50 % → 10 %).
 * @throws {RangeError} when the dependence is not within 0–100 or no band covers it.
 */
export function requiredCounterpartPercent(rule: CounterpartRule, dependencePercent: number): number {
  if (!Number.isFinite(dependencePercent) || dependencePercent < 0 || dependencePercent > 100) {
    throw new RangeError('dependence must be a percentage between 0 and 100');
  }
  const band = [...rule.bands]
    .sort((a, b) => b.minDependencePercent - a.minDependencePercent)
    .find((candidate) => dependencePercent >= candidate.minDependencePercent);
  if (!band) throw new RangeError(`no counterpart band covers ${dependencePercent} %`);
  return band.minCounterpartPercent;
}

export interface CounterpartCheck {
  dependencePercent: number;
  requiredPercent: number;
  central: number;
  /** The smallest whole-đồng counterpart that meets the rule: ⌈central × required %⌉. */
  requiredAmount: number;
  counterpart: number;
  /** counterpart / central in percent; null when there is no central support. */
  actualPercent: number | null;
  met: boolean;
  /** How much more counterpart the rule asks for (0 when met). */
  shortfall: number;
}

/**
 * Checks a year's provincial counterpart against the central support (whole đồng).
 * @example checkCounterpart(COUNTERPART_RULE_2022, 75, 1_000_000_000, 30_000_000).met // true
 */
export function checkCounterpart(
  rule: CounterpartRule,
  dependencePercent: number,
  central: number,
  counterpart: number,
): CounterpartCheck {
  const requiredPercent = requiredCounterpartPercent(rule, dependencePercent);
  // Percent with up to 4 decimals, exact in integers: required = ⌈central × p / 100⌉.
  const scaledPercent = BigInt(Math.round(requiredPercent * 10_000));
  const denominator = 1_000_000n;
  const requiredAmount = Number((BigInt(central) * scaledPercent + denominator - 1n) / denominator);
  return {
    dependencePercent,
    requiredPercent,
    central,
    requiredAmount,
    counterpart,
    actualPercent: central > 0 ? (counterpart / central) * 100 : null,
    met: counterpart >= requiredAmount,
    shortfall: Math.max(0, requiredAmount - counterpart),
  };
}
