/**
 * The calendar of reporting obligations (SPEC §10, DOMAIN §2.8, PLAN-2022 "Reports"): rules as
 * data — who owes what to whom, on which day of the year or of each month — turned into the
 * dated obligations of one year. After the 2025 reform there is no district level: a district
 * no longer owes anything, and what went to the district goes to the province (DOMAIN §7.2.6).
 */
import { isCivilDate } from '../civil-date.js';

export interface LocalizedTitle {
  vi: string;
  en: string;
}

/** A party of an obligation: a level of local government, one agency, or a named group. */
export type ObligationParty =
  | { kind: 'level'; level: 'commune' | 'district' | 'province' }
  | { kind: 'agency'; code: string }
  | { kind: 'party'; code: string };

/** When a rule falls due: once a year on a month-day, or each listed month on a day. */
export type ObligationSchedule =
  | { kind: 'yearly'; monthDay: string }
  | { kind: 'monthly'; day: number; months: readonly number[] };

export interface ObligationRule {
  id: string;
  title: LocalizedTitle;
  from: readonly ObligationParty[];
  to: readonly ObligationParty[];
  via: ObligationParty | null;
  schedule: ObligationSchedule;
  /** Where the rule comes from (plan number, legal text). */
  source: string;
  /** Civil dates bounding the due days the rule applies to (inclusive); null = open. */
  validFrom: string | null;
  validTo: string | null;
}

/** One dated obligation of a year. */
export interface Obligation {
  code: string;
  ruleId: string;
  year: number;
  title: LocalizedTitle;
  dueOn: string;
  from: ObligationParty[];
  to: ObligationParty[];
  via: ObligationParty | null;
  source: string;
}

/** The day the district level ends (DOMAIN §7.1). */
export const DISTRICT_LEVEL_ENDS = '2025-07-01';

const pad = (n: number) => String(n).padStart(2, '0');

/** The plan's parties that stand for a level of local government. */
const LEVEL_PARTIES: Readonly<Record<string, ObligationParty>> = {
  district_people_committees: { kind: 'level', level: 'district' },
  commune_people_committees: { kind: 'level', level: 'commune' },
  provincial_people_committee: { kind: 'level', level: 'province' },
};

/** A party of the province plan file as an obligation party. */
export function partyOfPlan(ref: { kind: 'agency' | 'party'; code: string }): ObligationParty {
  if (ref.kind === 'agency') return { kind: 'agency', code: ref.code };
  return LEVEL_PARTIES[ref.code] ?? { kind: 'party', code: ref.code };
}

/** The plan's dated obligations as yearly rules (undated ones — "at any time" — have no deadline to keep). */
export function rulesFromPlan(plan: {
  id: string;
  document: { number: string };
  reportingObligations: readonly {
    id: string;
    what: LocalizedTitle;
    from: readonly { kind: 'agency' | 'party'; code: string }[];
    to: readonly { kind: 'agency' | 'party'; code: string }[];
    via: { kind: 'agency' | 'party'; code: string } | null;
    dueDate: string | null;
  }[];
}): ObligationRule[] {
  return plan.reportingObligations
    .filter((item): item is typeof item & { dueDate: string } => item.dueDate !== null)
    .map((item) => ({
      id: item.id,
      // The plan names its year in its titles; the rule is the plan's template for any year.
      title: { vi: item.what.vi.replace(/ năm \d{4}/, ''), en: item.what.en.replace(/ \d{4}/, '') },
      from: item.from.map(partyOfPlan),
      to: item.to.map(partyOfPlan),
      via: item.via ? partyOfPlan(item.via) : null,
      schedule: { kind: 'yearly', monthDay: item.dueDate.slice(5) },
      source: `${plan.document.number} (${plan.id})`,
      validFrom: null,
      validTo: null,
    }));
}

/** Drops the district level from an obligation due from the reform on: districts owe nothing, the province receives. */
function withoutDistricts(obligation: Obligation, districtLevelEnds: string): Obligation | null {
  if (obligation.dueOn < districtLevelEnds) return obligation;
  const isDistrict = (party: ObligationParty) => party.kind === 'level' && party.level === 'district';
  const from = obligation.from.filter((party) => !isDistrict(party));
  if (from.length === 0) return null;
  const to: ObligationParty[] = [];
  for (const party of obligation.to) {
    const mapped: ObligationParty = isDistrict(party) ? { kind: 'level', level: 'province' } : party;
    if (!to.some((p) => JSON.stringify(p) === JSON.stringify(mapped))) to.push(mapped);
  }
  // Nobody reports to themselves.
  const receivers = to.filter((party) => !from.some((f) => JSON.stringify(f) === JSON.stringify(party)));
  if (receivers.length === 0) return null;
  return { ...obligation, from, to: receivers, via: obligation.via && isDistrict(obligation.via) ? null : obligation.via };
}

/**
 * The dated obligations of a year, by due day then code. Monthly rules give one obligation per
 * month (`CODE-MM`, "tháng 02/2022" in the title); a month-day that does not exist in the year
 * (29 Feb) falls on the month's last day.
 *
 * @example obligationsOfYear(rules, 2022).map((o) => o.dueOn) // ['2022-02-05', '2022-02-28', ...]
 */
export function obligationsOfYear(rules: readonly ObligationRule[], year: number, districtLevelEnds: string = DISTRICT_LEVEL_ENDS): Obligation[] {
  const out: Obligation[] = [];
  const dayIn = (month: number, day: number) => {
    for (let d = day; d > 0; d--) {
      const date = `${year}-${pad(month)}-${pad(d)}`;
      if (isCivilDate(date)) return date;
    }
    throw new Error(`no day ${day} in ${year}-${month}`);
  };
  const inForce = (rule: ObligationRule, dueOn: string) => (rule.validFrom === null || dueOn >= rule.validFrom) && (rule.validTo === null || dueOn <= rule.validTo);
  for (const rule of rules) {
    const base = { ruleId: rule.id, year, from: [...rule.from], to: [...rule.to], via: rule.via, source: rule.source };
    const dated: Obligation[] = [];
    if (rule.schedule.kind === 'yearly') {
      const [month, day] = rule.schedule.monthDay.split('-').map(Number) as [number, number];
      dated.push({ ...base, code: rule.id, title: { vi: `${rule.title.vi} năm ${year}`, en: `${rule.title.en} ${year}` }, dueOn: dayIn(month, day) });
    } else {
      for (const month of rule.schedule.months) {
        const label = `${pad(month)}/${year}`;
        dated.push({ ...base, code: `${rule.id}-${pad(month)}`, title: { vi: `${rule.title.vi} tháng ${label}`, en: `${rule.title.en}, ${label}` }, dueOn: dayIn(month, rule.schedule.day) });
      }
    }
    for (const obligation of dated) {
      if (!inForce(rule, obligation.dueOn)) continue;
      const kept = withoutDistricts(obligation, districtLevelEnds);
      if (kept) out.push(kept);
    }
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
