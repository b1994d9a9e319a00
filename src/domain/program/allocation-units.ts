/**
 * The units an allocation shares money between, on the date it is adopted: registry counts are
 * kept by the commune a household was registered in, so counts of communes merged since (the
 * 2024 mergers, the two-tier communes of 1 July 2025) are summed into the unit in force on that
 * date. Flags of the official lists (poor district, poor commune) follow the same units.
 */

/** One row of the succession table: `oldCode` became (part of) `newCode` on `effectiveDate`. */
export interface UnitSuccessionStep {
  oldCode: string;
  newCode: string;
  effectiveDate: string;
}

/** Counts of one registry commune, by criterion code. */
export interface UnitCounts {
  code: string;
  counts: Record<string, number>;
}

export interface RolledUpUnit {
  /** The unit in force on the date. */
  code: string;
  counts: Record<string, number>;
  /** The registry communes summed into it, itself included when it has households, in code order. */
  members: string[];
}

/**
 * The unit a code stands for on `asOf`: each succession in force by then is followed, oldest
 * first; a commune split between several successors goes to the first in code order (the same
 * rule as the dashboard's roll-up).
 * @example unitOnDate('23827', [{ oldCode: '23827', newCode: '23830', effectiveDate: '2025-07-01' }], '2025-08-01') // '23830'
 */
export function unitOnDate(code: string, steps: readonly UnitSuccessionStep[], asOf: string): string {
  const dates = [...new Set(steps.filter((s) => s.effectiveDate <= asOf).map((s) => s.effectiveDate))].sort();
  let current = code;
  for (const date of dates) {
    const next = steps
      .filter((s) => s.effectiveDate === date && s.oldCode === current)
      .map((s) => s.newCode)
      .sort()[0];
    if (next !== undefined) current = next;
  }
  return current;
}

/**
 * Sums the counts of the registry communes into the units in force on `asOf`, in code order.
 * @example
 * rollUpCounts([{ code: 'A', counts: { poor_household: 2 } }, { code: 'B', counts: { poor_household: 1 } }],
 *   [{ oldCode: 'A', newCode: 'B', effectiveDate: '2025-07-01' }], '2026-01-01')
 * // [{ code: 'B', counts: { poor_household: 3 }, members: ['A', 'B'] }]
 */
export function rollUpCounts(units: readonly UnitCounts[], steps: readonly UnitSuccessionStep[], asOf: string): RolledUpUnit[] {
  const byCode = new Map<string, RolledUpUnit>();
  for (const unit of units) {
    const code = unitOnDate(unit.code, steps, asOf);
    const target = byCode.get(code) ?? { code, counts: {}, members: [] };
    for (const [criterion, count] of Object.entries(unit.counts)) target.counts[criterion] = (target.counts[criterion] ?? 0) + count;
    target.members.push(unit.code);
    byCode.set(code, target);
  }
  return [...byCode.values()]
    .map((unit) => ({ ...unit, members: [...new Set(unit.members)].sort() }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * The 0/1 flag of a listed criterion for a unit: 1 when the unit, one of the communes merged into
 * it, or the district one of them lay in is on the list.
 */
export function listedFlag(unit: Pick<RolledUpUnit, 'code' | 'members'>, listed: ReadonlySet<string>, districtOf?: ReadonlyMap<string, string>): 0 | 1 {
  const codes = [unit.code, ...unit.members];
  const hit = codes.some((code) => listed.has(code) || (districtOf !== undefined && listed.has(districtOf.get(code) ?? '')));
  return hit ? 1 : 0;
}
