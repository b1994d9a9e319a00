/**
 * Needs of a poor or near-poor household (nhu cầu hỗ trợ): one per indicator it lacks, each with
 * the supports of the catalog that address that indicator (SPEC §9, support catalog §4).
 */

/** The part of a support type the derivation reads. */
export interface SupportTypeRef {
  code: string;
  indicatorCodes: readonly string[];
  leadAgencyCode: string | null;
  projectCode: string | null;
}

export interface HouseholdNeed {
  indicator: string;
  /** Codes of the supports addressing it, in catalog order; empty when the catalog has none. */
  supportCodes: string[];
}

/**
 * The needs for a list of deprivations, in the order given (the standard's order), without
 * duplicates.
 * @example deriveNeeds(['latrine'], catalog) // [{ indicator: 'latrine', supportCodes: ['preferential_credit', 'latrine'] }]
 */
export function deriveNeeds(deprivations: readonly string[], catalog: readonly SupportTypeRef[]): HouseholdNeed[] {
  return [...new Set(deprivations)].map((indicator) => ({
    indicator,
    supportCodes: catalog.filter((support) => support.indicatorCodes.includes(indicator)).map((support) => support.code),
  }));
}

/**
 * The needs a set of planned supports leaves open: indicators none of the supports addresses.
 */
export function uncoveredNeeds(needs: readonly HouseholdNeed[], plannedSupportCodes: readonly string[]): string[] {
  const planned = new Set(plannedSupportCodes);
  return needs.filter((need) => !need.supportCodes.some((code) => planned.has(code))).map((need) => need.indicator);
}
