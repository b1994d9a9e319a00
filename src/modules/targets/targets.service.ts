/**
 * Targets and the dashboard (SPEC §8). Targets are set by the province admin; everyone else
 * reads those of the units in their scope. Actuals come only from the result aggregates, which
 * are built from recognised review results (refresh-aggregates.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { summaryFromTally, type PovertyStandard, type SummaryFigures } from '../../domain/poverty/index.js';
import {
  actualOf,
  behindScore,
  checkCascade,
  denominatorOf,
  evaluateTarget,
  markStandardBreaks,
  percent,
  type Comparator,
  type TargetIndicator,
  type TargetKind,
  type UnitCounts,
} from '../../domain/targets/index.js';
import type { Actor } from '../access/actor.js';
import type { ProvinceSetting } from '../access/scope.repository.js';
import { assertRole } from '../access/scope.js';
import { recordAudit } from '../audit/audit.repository.js';
import { listPovertyStandards } from '../households/households.repository.js';
import { HttpProblem, notFound } from '../../server/problem.js';
import * as repo from './targets.repository.js';
import type { AggregateLevel, ResultAggregateTable } from './targets.tables.js';

type Db = Kysely<Database>;
type AggregateRow = ResultAggregateTable;
type TargetRow = Awaited<ReturnType<typeof repo.listTargets>>[number];

export interface TargetsContext {
  province: ProvinceSetting;
}

export interface TargetInput {
  unitCode: string;
  year: number;
  indicator: TargetIndicator;
  kind: TargetKind;
  value: number;
  comparator: Comparator;
  note?: string | null | undefined;
}

const staleTarget = () => new HttpProblem(409, 'targets.conflict');

function mapTarget(row: TargetRow) {
  return {
    id: row.id,
    unitCode: row.unit_code,
    year: row.year,
    indicator: row.indicator,
    kind: row.kind,
    value: row.value,
    comparator: row.comparator,
    source: row.source,
    note: row.note,
    version: row.version,
  };
}

/** Units an actor may read: the whole province, or their own unit and the communes of their scope. */
function unitInScope(actor: Actor, unitCode: string): boolean {
  return actor.scope.kind === 'province' || unitCode === actor.unitCode || actor.scope.communeCodes.includes(unitCode);
}

export async function listTargetsInScope(db: Db, actor: Actor, query: { year?: number | undefined; unitCode?: string | undefined }) {
  const rows = (await repo.listTargets(db, actor.scope.provinceCode, { year: query.year, unitCodes: query.unitCode ? [query.unitCode] : undefined })).filter((row) => unitInScope(actor, row.unit_code));
  const names = await repo.unitNames(db, [...new Set(rows.map((row) => row.unit_code))]);
  return { targets: rows.map((row) => ({ ...mapTarget(row), unitName: names.get(row.unit_code)?.name ?? null })) };
}

export async function createTarget(db: Db, actor: Actor, input: TargetInput) {
  assertRole(actor, ['province_admin']);
  return db.transaction().execute(async (trx) => {
    const existing = await repo.findTargetByKey(trx, actor.scope.provinceCode, input.unitCode, input.year, input.indicator);
    if (existing) throw new HttpProblem(409, 'targets.duplicate', { unit: input.unitCode, year: input.year });
    const row = await repo.insertTarget(trx, {
      province_code: actor.scope.provinceCode,
      unit_code: input.unitCode,
      year: input.year,
      indicator: input.indicator,
      kind: input.kind,
      value: input.value,
      comparator: input.comparator,
      source: 'manual',
      note: input.note ?? null,
      created_by: actor.userId,
    });
    await recordAudit(trx, { userId: actor.userId, action: 'target.create', entity: 'target', entityId: String(row.id), after: mapTarget(row) });
    return mapTarget(row);
  });
}

export async function updateTarget(db: Db, actor: Actor, id: number, input: { kind: TargetKind; value: number; comparator: Comparator; note?: string | null | undefined; version: number }) {
  assertRole(actor, ['province_admin']);
  return db.transaction().execute(async (trx) => {
    const before = await repo.findTarget(trx, actor.scope.provinceCode, id);
    if (!before) throw notFound('targets.not_found', { id });
    const row = await repo.updateTargetIfVersion(trx, actor.scope.provinceCode, id, input.version, { kind: input.kind, value: input.value, comparator: input.comparator, note: input.note ?? before.note });
    if (!row) throw staleTarget();
    await recordAudit(trx, { userId: actor.userId, action: 'target.update', entity: 'target', entityId: String(id), before: mapTarget(before), after: mapTarget(row) });
    return mapTarget(row);
  });
}

export async function deleteTarget(db: Db, actor: Actor, id: number, version: number) {
  assertRole(actor, ['province_admin']);
  await db.transaction().execute(async (trx) => {
    const before = await repo.findTarget(trx, actor.scope.provinceCode, id);
    if (!before) throw notFound('targets.not_found', { id });
    if (!(await repo.deleteTargetIfVersion(trx, actor.scope.provinceCode, id, version))) throw staleTarget();
    await recordAudit(trx, { userId: actor.userId, action: 'target.delete', entity: 'target', entityId: String(id), before: mapTarget(before) });
  });
}

// ---------------------------------------------------------------- actuals

function countsOf(row: AggregateRow): UnitCounts {
  return {
    households: row.households,
    poor: row.poor,
    nearPoor: row.near_poor,
    ethnicMinorityHouseholds: row.em_households,
    ethnicMinorityPoor: row.em_poor,
    escapedPoverty: row.escaped_poverty,
    poorWithPlan: row.poor_with_plan,
  };
}

function figuresOf(row: AggregateRow, standard: PovertyStandard | undefined): SummaryFigures | null {
  if (!standard) return null;
  return summaryFromTally({
    standard,
    households: row.households,
    invalid: 0,
    counts: { poor: row.poor, near_poor: row.near_poor, average: row.average, not_poor: row.not_poor },
    lackingPoor: row.lacking_poor,
    lackingNearPoor: row.lacking_near_poor,
    afPoor: row.af_poor,
    afDeprivationSum: row.af_deprivation_sum,
    censored: row.censored,
  });
}

/** One row per year: where a year has several standards (a transition), the one of most households. */
function byYear(rows: readonly AggregateRow[]): Map<number, AggregateRow> {
  const map = new Map<number, AggregateRow>();
  for (const row of rows) {
    const current = map.get(row.year);
    if (!current || row.households > current.households) map.set(row.year, row);
  }
  return map;
}

const LEVEL_PREFERENCE: readonly AggregateLevel[] = ['commune', 'district', 'province', 'new_commune'];

/** The actuals of a target: the unit's state this year and at the end of the previous year (same standard only). */
function evaluate(target: Pick<TargetRow, 'indicator' | 'kind' | 'value' | 'comparator'>, years: Map<number, AggregateRow>, year: number) {
  const now = years.get(year) ?? null;
  const before = years.get(year - 1) ?? null;
  const comparableBefore = before && now && before.standard_id === now.standard_id ? before : null;
  const isCount = target.indicator === 'escaped_poverty';
  const actual = actualOf(target.indicator, now ? countsOf(now) : null);
  const baseline = actualOf(target.indicator, comparableBefore ? countsOf(comparableBefore) : null);
  const evaluation = evaluateTarget(target, { baseline: target.kind === 'change_points' ? baseline : null, actual }, { isCount });
  return { baseline, actual, ...evaluation, behind: behindScore(evaluation, target, isCount) };
}

function rateRow(row: AggregateRow) {
  return {
    households: row.households,
    persons: row.persons,
    poor: row.poor,
    nearPoor: row.near_poor,
    ethnicMinorityHouseholds: row.em_households,
    ethnicMinorityPoor: row.em_poor,
    escapedPoverty: row.escaped_poverty,
    poorWithPlan: row.poor_with_plan,
    poorRate: percent(row.poor, row.households),
    nearPoorRate: percent(row.near_poor, row.households),
    ethnicMinorityPoorRate: percent(row.em_poor, row.em_households),
    supportPlanShare: percent(row.poor_with_plan, row.poor),
  };
}

function topIndicators(figures: SummaryFigures | null, n = 3) {
  if (!figures) return [];
  return Object.entries(figures.af.contribution)
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([code, contribution]) => ({ code, contribution }));
}

/**
 * The dashboard of one unit and year: its figures, its children's rates for drill-down, its
 * targets with marks, the trend with standard breaks, the indicator profile, the Alkire–Foster
 * measures, ethnic minority against others, and where to act.
 */
export async function getDashboard(db: Db, actor: Actor, context: TargetsContext, query: { unit?: string | undefined; year?: number | undefined; level?: AggregateLevel | undefined }) {
  const provinceCode = actor.scope.provinceCode;
  const unitCode = query.unit ?? (actor.scope.kind === 'province' ? await defaultProvinceUnit(db, provinceCode, context) : actor.unitCode);
  if (!unitCode || !unitInScope(actor, unitCode)) throw notFound('targets.unit_not_found', { code: query.unit ?? '' });
  const [ownAll, standardList] = await Promise.all([repo.aggregatesOfUnit(db, provinceCode, unitCode), listPovertyStandards(db)]);
  const levels = [...new Set(ownAll.map((row) => row.level))];
  const level = query.level && levels.includes(query.level) ? query.level : LEVEL_PREFERENCE.find((l) => levels.includes(l));
  if (!level) throw notFound('targets.unit_not_found', { code: unitCode });
  const own = ownAll.filter((row) => row.level === level);
  const standards = new Map(standardList.map((s) => [s.id, s]));
  const years = byYear(own);
  const yearList = [...years.keys()].sort((a, b) => a - b);
  const year = query.year !== undefined && years.has(query.year) ? query.year : yearList[yearList.length - 1]!;
  const current = years.get(year)!;
  const figures = figuresOf(current, standards.get(current.standard_id));
  // Old units are named as they stood at the end of the year; new communes by their current name.
  const nameDate = level === 'new_commune' ? null : `${year}-12-31`;

  // Drill-down: districts of a province, communes of a district, new communes of a new province.
  const childLevel: AggregateLevel | null = level === 'province' ? 'district' : level === 'district' ? 'commune' : null;
  const [childAggregates, names, yearTargets] = await Promise.all([
    childLevel ? repo.aggregatesOfChildren(db, provinceCode, childLevel, unitCode) : Promise.resolve([]),
    repo.unitNames(db, [unitCode], nameDate, childLevel ? unitCode : undefined),
    repo.listTargets(db, provinceCode, { year }),
  ]);
  let childRows = childAggregates;
  if (level === 'province' && childRows.length === 0) childRows = await repo.aggregatesOfChildren(db, provinceCode, 'new_commune', unitCode);
  childRows = childRows.filter((row) => unitInScope(actor, row.unit_code));
  const parentCode = names.get(unitCode)?.parentCode ?? null;
  const childYears = new Map<string, Map<number, AggregateRow>>();
  const childGroups = new Map<string, AggregateRow[]>();
  for (const row of childRows) childGroups.set(row.unit_code, [...(childGroups.get(row.unit_code) ?? []), row]);
  for (const [code, rows] of childGroups) childYears.set(code, byYear(rows));

  const allTargets = yearTargets.filter((t) => t.unit_code === unitCode || childYears.has(t.unit_code));
  const ownTargets = allTargets.filter((t) => t.unit_code === unitCode);
  const childNames = names;

  const children = [...childYears.entries()]
    .filter(([, ys]) => ys.has(year))
    .map(([code, ys]) => {
      const row = ys.get(year)!;
      const targets = ownTargets.map((parent) => {
        const set = allTargets.find((t) => t.unit_code === code && t.indicator === parent.indicator);
        const rule = set ?? parent;
        return { indicator: rule.indicator, inherited: !set, kind: rule.kind, value: rule.value, comparator: rule.comparator, ...evaluate(rule, ys, year) };
      });
      // Targets set for the child alone (no parent target of that indicator).
      for (const t of allTargets.filter((t) => t.unit_code === code && !ownTargets.some((p) => p.indicator === t.indicator))) {
        targets.push({ indicator: t.indicator, inherited: false, kind: t.kind, value: t.value, comparator: t.comparator, ...evaluate(t, ys, year) });
      }
      return { code, name: childNames.get(code)?.name ?? code, level: row.level, standard: row.standard_id, ...rateRow(row), targets, figures: figuresOf(row, standards.get(row.standard_id)) };
    })
    .sort((a, b) => a.code.localeCompare(b.code));

  const whereToAct = (children.length > 0 ? children : [])
    .flatMap((child) => child.targets.filter((t) => t.behind > 0).map((t) => ({ unitCode: child.code, name: child.name, indicator: t.indicator, inherited: t.inherited, kind: t.kind, value: t.value, comparator: t.comparator, baseline: t.baseline, actual: t.actual, measured: t.measured, shortfall: t.shortfall, mark: t.mark, topIndicators: topIndicators(child.figures) })))
    .sort((a, b) => b.shortfall - a.shortfall || a.unitCode.localeCompare(b.unitCode))
    .slice(0, 10);

  const trend = markStandardBreaks(yearList.map((y) => ({ year: y, standard: years.get(y)!.standard_id, ...rateRow(years.get(y)!) })));
  const codes = figures ? Object.keys(figures.deprivations.poor) : [];
  return {
    // The way up is offered only inside the reader's scope.
    unit: { code: unitCode, name: names.get(unitCode)?.name ?? unitCode, level, parentCode: parentCode && unitInScope(actor, parentCode) ? parentCode : null },
    year,
    years: yearList,
    standard: current.standard_id,
    summary: rateRow(current),
    ethnicity: {
      ethnicMinority: { households: current.em_households, poor: current.em_poor, nearPoor: current.em_near_poor, poorRate: percent(current.em_poor, current.em_households), nearPoorRate: percent(current.em_near_poor, current.em_households) },
      other: {
        households: current.households - current.em_households,
        poor: current.poor - current.em_poor,
        nearPoor: current.near_poor - current.em_near_poor,
        poorRate: percent(current.poor - current.em_poor, current.households - current.em_households),
        nearPoorRate: percent(current.near_poor - current.em_near_poor, current.households - current.em_households),
      },
    },
    targets: ownTargets.map((t) => ({ ...mapTarget(t), ...evaluate(t, years, year) })),
    children: children.map(({ figures: _f, ...child }) => child),
    trend,
    profile: codes.map((code) => ({
      code,
      poor: figures!.deprivations.poor[code] ?? 0,
      nearPoor: figures!.deprivations.near_poor[code] ?? 0,
      poorShare: percent(figures!.deprivations.poor[code] ?? 0, current.poor),
      nearPoorShare: percent(figures!.deprivations.near_poor[code] ?? 0, current.near_poor),
    })),
    af: figures ? { k: figures.af.k, H: figures.af.H, A: figures.af.A, M0: figures.af.M0, contribution: figures.af.contribution, censoredHeadcount: figures.af.censoredHeadcount } : null,
    whereToAct,
  };
}

/**
 * For a province-wide reader: the province as it stood at the end of the latest year with
 * results (the old province before the 2025 reform), else the one of most households.
 */
async function defaultProvinceUnit(db: Db, provinceCode: string, context: TargetsContext): Promise<string> {
  const rows = await repo.listAggregates(db, provinceCode, { level: 'province' });
  if (rows.length === 0) return context.province.code;
  const latest = Math.max(...rows.map((row) => row.year));
  const candidates = rows.filter((row) => row.year === latest).sort((a, b) => b.households - a.households || a.unit_code.localeCompare(b.unit_code));
  const valid = await repo.codesValidOn(db, candidates.map((row) => row.unit_code), `${latest}-12-31`);
  return (candidates.find((row) => valid.has(row.unit_code)) ?? candidates[0]!).unit_code;
}

/**
 * Do the units' change targets of a year add up to their parent's? For every parent (the
 * province, a district) with a change target of the indicator and children with targets of
 * their own: the implied change weighted by the children's households at the baseline.
 */
export async function checkTargetCascade(db: Db, actor: Actor, query: { year: number; indicator: TargetIndicator }) {
  const provinceCode = actor.scope.provinceCode;
  const targets = (await repo.listTargets(db, provinceCode, { year: query.year })).filter((t) => t.indicator === query.indicator && t.kind === 'change_points');
  const checks = [];
  for (const parent of targets) {
    if (!unitInScope(actor, parent.unit_code)) continue;
    const childCodes = await repo.childCodes(db, parent.unit_code);
    const childTargets = targets.filter((t) => childCodes.includes(t.unit_code));
    if (childTargets.length === 0) continue;
    const levels = await repo.levelsOfUnit(db, provinceCode, parent.unit_code);
    const level = LEVEL_PREFERENCE.find((l) => levels.includes(l));
    if (!level) continue;
    const childLevel: AggregateLevel = level === 'province' ? 'district' : 'commune';
    const [parentRows, childRows] = await Promise.all([
      repo.listAggregates(db, provinceCode, { level, unitCodes: [parent.unit_code] }),
      repo.listAggregates(db, provinceCode, { level: childLevel, unitCodes: childTargets.map((t) => t.unit_code) }),
    ]);
    const base = (row: AggregateRow | undefined) => (row ? (denominatorOf(query.indicator, countsOf(row)) ?? 0) : 0);
    const parentBase = base(byYear(parentRows).get(query.year - 1));
    const units = childTargets.map((t) => ({ unitCode: t.unit_code, value: t.value, baseHouseholds: base(byYear(childRows.filter((r) => r.unit_code === t.unit_code)).get(query.year - 1)) }));
    checks.push({ unitCode: parent.unit_code, value: parent.value, comparator: parent.comparator, baseHouseholds: parentBase, units, ...checkCascade(parent, parentBase, units) });
  }
  return { year: query.year, indicator: query.indicator, checks };
}
