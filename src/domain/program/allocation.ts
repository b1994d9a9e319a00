/**
 * Allocation of a project's funds to units by a points model (phân bổ vốn theo điểm; DOMAIN §4):
 * each unit gets points = Σ count × coefficient over the model's criteria, and
 * amount = total × points of the unit / all points, bounded by a minimum share and a cap.
 *
 * Everything is exact: coefficients and shares are decimals scaled to integers and the
 * arithmetic runs on BigInt, so the same input gives the same đồng on every machine.
 */

/** A criterion of the model (tiêu chí) with its coefficient (hệ số), as data. */
export interface AllocationCriterion {
  /** e.g. `poor_household`, `near_poor_household`, `ethnic_minority_poor_household`, `poor_commune`. */
  code: string;
  /** Points per counted item; a decimal ≥ 0 with at most 4 decimal places. */
  coefficient: number;
}

export interface AllocationModel {
  criteria: AllocationCriterion[];
  /** Each unit with points gets at least this share of the total (0 ≤ share ≤ 1, ≤ 6 decimals). */
  minimumShare?: number | null;
  /** No unit gets more than this share of the total (0 < share ≤ 1, ≤ 6 decimals). */
  maximumShare?: number | null;
}

export interface AllocationUnitInput {
  code: string;
  /** Counts per criterion code (households, or 1/0 for "is a poor commune"); missing = 0. */
  counts: Record<string, number>;
}

export interface AllocationShare {
  code: string;
  /** Σ count × coefficient. */
  points: number;
  /** Whole đồng. */
  amount: number;
  /** Which bound decided the amount, if one did. */
  bound: 'minimum' | 'cap' | null;
}

export interface AllocationResult {
  total: number;
  totalPoints: number;
  shares: AllocationShare[];
}

export type AllocationProblemCode =
  | 'invalid_total'
  | 'invalid_coefficient'
  | 'invalid_count'
  | 'invalid_share'
  | 'unknown_criterion'
  | 'duplicate_unit'
  | 'no_points'
  | 'minimums_exceed_total'
  | 'caps_below_total';

/** A model or input that cannot be allocated; `field` is the JSON path of the culprit. */
export class AllocationError extends Error {
  constructor(
    readonly code: AllocationProblemCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'AllocationError';
  }
}

const COEFFICIENT_SCALE = 10_000n;
const SHARE_SCALE = 1_000_000n;

/** The decimal `value` × `scale` as a BigInt, or null when it has more decimals than the scale allows. */
function scaled(value: number, scale: bigint): bigint | null {
  if (!Number.isFinite(value)) return null;
  const product = value * Number(scale);
  const rounded = Math.round(product);
  if (Math.abs(product - rounded) > 1e-6 * Math.max(1, Math.abs(product))) return null;
  return BigInt(rounded);
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

interface Working {
  index: number;
  code: string;
  points: bigint;
  minimum: bigint;
  cap: bigint;
  amount: bigint | null;
  bound: 'minimum' | 'cap' | null;
}

/**
 * Allocates `total` đồng to the units by points.
 *
 * Rule, in order:
 * 1. Units with 0 points get 0 and are outside the bounds.
 * 2. Bounds in đồng: minimum = ⌈minimumShare × total⌉, cap = ⌊maximumShare × total⌋.
 * 3. Bounded proportional shares (Bitran–Hax): the units not yet fixed share what is left in
 *    proportion to their points; when some fall below the minimum and some exceed the cap, the
 *    side with the larger total violation is fixed at its bound, and the rest is shared again,
 *    until no unit is out of bounds. Money a capped unit cannot take goes to the others; money a
 *    unit needs to reach its minimum comes from the others.
 * 4. Rounding (largest remainder, to whole đồng): each free unit gets the whole part of its exact
 *    share; the đồng left over go one each to the units with the largest fractional remainders,
 *    ties to more points, then to the smaller unit code. The shares sum exactly to the total,
 *    every amount is within one đồng of the exact share, and rounding never breaks a bound.
 *
 * @throws {AllocationError} on a bad model or input, or bounds that cannot hold together
 *   (units × minimum > total, or units × cap < total).
 * @example
 * allocateByPoints(100_000_000, { criteria: [{ code: 'poor_household', coefficient: 1 }] },
 *   [{ code: 'A', counts: { poor_household: 2 } }, { code: 'B', counts: { poor_household: 1 } }]);
 * // shares: A 66 666 667, B 33 333 333
 */
export function allocateByPoints(
  total: number,
  model: AllocationModel,
  units: readonly AllocationUnitInput[],
): AllocationResult {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new AllocationError('invalid_total', 'total', 'total must be a whole number of đồng ≥ 0');
  }
  const coefficients = new Map<string, bigint>();
  model.criteria.forEach((criterion, index) => {
    const value = scaled(criterion.coefficient, COEFFICIENT_SCALE);
    if (value === null || value < 0n) {
      throw new AllocationError('invalid_coefficient', `criteria[${index}].coefficient`, 'coefficient must be ≥ 0 with at most 4 decimals');
    }
    coefficients.set(criterion.code, value);
  });
  const bigTotal = BigInt(total);
  const shareBound = (share: number | null | undefined, field: string): bigint | null => {
    if (share === null || share === undefined) return null;
    const value = scaled(share, SHARE_SCALE);
    if (value === null || value < 0n || value > SHARE_SCALE) {
      throw new AllocationError('invalid_share', field, 'share must be between 0 and 1 with at most 6 decimals');
    }
    return value;
  };
  const minimumShare = shareBound(model.minimumShare, 'minimumShare');
  const maximumShare = shareBound(model.maximumShare, 'maximumShare');
  const minimum = minimumShare === null ? 0n : ceilDiv(bigTotal * minimumShare, SHARE_SCALE);
  const cap = maximumShare === null ? bigTotal : (bigTotal * maximumShare) / SHARE_SCALE;

  const seen = new Set<string>();
  const working: Working[] = units.map((unit, index) => {
    if (seen.has(unit.code)) throw new AllocationError('duplicate_unit', `units[${index}].code`, `unit ${unit.code} is listed twice`);
    seen.add(unit.code);
    let points = 0n;
    for (const [criterion, count] of Object.entries(unit.counts)) {
      const coefficient = coefficients.get(criterion);
      if (coefficient === undefined) {
        throw new AllocationError('unknown_criterion', `units[${index}].counts.${criterion}`, `criterion ${criterion} is not in the model`);
      }
      if (!Number.isSafeInteger(count) || count < 0) {
        throw new AllocationError('invalid_count', `units[${index}].counts.${criterion}`, 'count must be a whole number ≥ 0');
      }
      points += BigInt(count) * coefficient;
    }
    return { index, code: unit.code, points, minimum, cap, amount: points === 0n ? 0n : null, bound: null };
  });

  const eligible = working.filter((unit) => unit.points > 0n);
  const totalPoints = eligible.reduce((sum, unit) => sum + unit.points, 0n);
  if (eligible.length === 0) {
    if (total === 0) return { total, totalPoints: 0, shares: working.map(toShare) };
    throw new AllocationError('no_points', 'units', 'no unit has any points');
  }
  const count = BigInt(eligible.length);
  if (minimum * count > bigTotal) {
    throw new AllocationError('minimums_exceed_total', 'minimumShare', 'the minimum shares of all units exceed the total');
  }
  if (cap * count < bigTotal) {
    throw new AllocationError('caps_below_total', 'maximumShare', 'the caps of all units do not add up to the total');
  }

  // Bitran–Hax: exact shares are rationals remaining × points / freePoints.
  for (;;) {
    const free = eligible.filter((unit) => unit.amount === null);
    if (free.length === 0) break;
    const remaining = bigTotal - eligible.reduce((sum, unit) => sum + (unit.amount ?? 0n), 0n);
    const freePoints = free.reduce((sum, unit) => sum + unit.points, 0n);
    // Violations compared as numerators over the common denominator freePoints.
    let below = 0n;
    let above = 0n;
    const low: Working[] = [];
    const high: Working[] = [];
    for (const unit of free) {
      const share = remaining * unit.points;
      if (share < unit.minimum * freePoints) {
        below += unit.minimum * freePoints - share;
        low.push(unit);
      } else if (share > unit.cap * freePoints) {
        above += share - unit.cap * freePoints;
        high.push(unit);
      }
    }
    if (low.length === 0 && high.length === 0) {
      roundLargestRemainder(free, remaining, freePoints);
      break;
    }
    if (below >= above) for (const unit of low) fix(unit, unit.minimum, 'minimum');
    else for (const unit of high) fix(unit, unit.cap, 'cap');
  }

  return { total, totalPoints: pointsNumber(totalPoints), shares: working.map(toShare) };
}

function fix(unit: Working, amount: bigint, bound: 'minimum' | 'cap'): void {
  unit.amount = amount;
  unit.bound = bound;
}

function roundLargestRemainder(free: Working[], remaining: bigint, freePoints: bigint): void {
  let leftover = remaining;
  const remainders = free.map((unit) => {
    const numerator = remaining * unit.points;
    unit.amount = numerator / freePoints;
    leftover -= unit.amount;
    return { unit, remainder: numerator % freePoints };
  });
  remainders.sort(
    (a, b) =>
      (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1) ||
      (a.unit.points === b.unit.points ? 0 : a.unit.points > b.unit.points ? -1 : 1) ||
      (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0),
  );
  for (let i = 0; leftover > 0n; i += 1, leftover -= 1n) {
    const entry = remainders[i]!;
    entry.unit.amount = (entry.unit.amount ?? 0n) + 1n;
  }
}

const pointsNumber = (points: bigint) => Number(points) / Number(COEFFICIENT_SCALE);

function toShare(unit: Working): AllocationShare {
  return { code: unit.code, points: pointsNumber(unit.points), amount: Number(unit.amount ?? 0n), bound: unit.bound };
}
