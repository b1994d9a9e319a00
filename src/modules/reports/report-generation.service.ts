/**
 * Generated reports (SPEC §10): the review-result tables of any unit and year, read from the
 * recognised results in force at the end of the year (never typed in), within the actor's scope.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { standardForYear } from '../../domain/poverty/index.js';
import type { Actor } from '../access/actor.js';
import { scopeIncludesCommune } from '../access/scope.js';
import { listPovertyStandards } from '../households/households.repository.js';
import { districtOfCommunes } from '../review/review.repository.js';
import { type ReviewContext, reviewMovements } from '../review/review.service.js';
import { notFound } from '../../server/problem.js';
import * as repo from './reports.repository.js';
import { periodBounds, targetGroupsOf } from '../../domain/reports/index.js';
import { type TargetIndicator, type UnitCounts, actualOf, evaluateTarget } from '../../domain/targets/index.js';
import { type EvaluatedTarget, programReport } from './program-report-tables.js';
import {
  type ReportName,
  type ReportTable,
  deprivationTable,
  ethnicityTable,
  householdListTable,
  movementTable,
  summaryTable,
  targetGroupTable,
} from './report-tables.js';

type Db = Kysely<Database>;

export interface GeneratedReport {
  table: ReportTable;
  issuer: string;
  unitCode: string;
  year: number;
}

/** The unit a report is for, as it stood at the end of the year; 404 when unknown or out of the actor's scope. */
async function reportUnit(db: Db, actor: Actor, context: ReviewContext, code: string | undefined, yearEnd: string) {
  const provinceCodes = [context.province.code, ...context.province.previousCodes];
  let unitCode = code ?? actor.unitCode ?? undefined;
  if (!unitCode) {
    const [province] = await repo.listUnitsValidOn(db, 'province', yearEnd, provinceCodes);
    unitCode = province?.code ?? context.province.code;
  }
  const versions = await repo.listUnitVersions(db, unitCode);
  let unit = versions.find((v) => v.valid_from <= yearEnd && (v.valid_to === null || v.valid_to >= yearEnd)) ?? versions[0];
  if (!unit || !provinceCodes.includes(unit.province_code)) throw notFound('not_found.unit', { code: unitCode });
  // The province asked by its code of another time (52 for 2022) is the province as it stood that year (64).
  if (unit.level === 'province' && !(unit.valid_from <= yearEnd && (unit.valid_to === null || unit.valid_to >= yearEnd))) {
    const [then] = await repo.listUnitsValidOn(db, 'province', yearEnd, provinceCodes);
    if (then) unit = { ...then, province_code: then.code, valid_from: yearEnd, valid_to: null };
  }
  const communes = unit.level === 'province' ? null : await repo.communesOfUnit(db, unit.code);
  const allowed =
    actor.scope.kind === 'province' ||
    (unit.level === 'district' && actor.unitCode === unit.code) ||
    (unit.level === 'commune' && scopeIncludesCommune(actor.scope, unit.code));
  if (!allowed) throw notFound('not_found.unit', { code: unitCode });
  return { unit, communes };
}

/** How a unit's report splits into rows: a province by district, a district (or a merged 2025 commune) by commune, a commune by village. */
async function rowGrouping(db: Db, unit: { level: string }, communes: readonly string[] | null, nameOf: (code: string) => string) {
  if (unit.level === 'province') {
    const districts = await districtOfCommunes(db);
    return { keyOf: (r: { commune_code: string }) => districts.get(r.commune_code) ?? r.commune_code, labelOf: nameOf, rowLabel: 'Đơn vị', byName: false };
  }
  if (unit.level === 'district' || communes!.length > 1) return { keyOf: (r: { commune_code: string }) => r.commune_code, labelOf: nameOf, rowLabel: 'Xã, phường, thị trấn', byName: false };
  return { keyOf: (r: { village: string }) => r.village, labelOf: (key: string) => key, rowLabel: 'Thôn, làng, tổ dân phố', byName: true };
}

/** Rows of a report grouped as {@link rowGrouping} says, in code order (villages by name). */
function groupRows<T extends { commune_code: string; village: string }>(items: readonly T[], grouping: Awaited<ReturnType<typeof rowGrouping>>): { key: string; label: string; results: T[] }[] {
  const groups = new Map<string, { key: string; label: string; results: T[] }>();
  for (const item of items) {
    const key = grouping.keyOf(item);
    const group = groups.get(key) ?? { key, label: grouping.labelOf(key), results: [] };
    group.results.push(item);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (grouping.byName ? a.key.localeCompare(b.key, 'vi') : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A target's actual and baseline from the end-of-year aggregates (same level and standard), evaluated by the targets' rules. */
function evaluateTargets(
  targets: readonly repo.TargetOfYear[],
  aggregates: readonly repo.AggregateOfUnit[],
  year: number,
  nameOf: (code: string) => string,
): EvaluatedTarget[] {
  const countsOf = (row: repo.AggregateOfUnit): UnitCounts => ({
    households: row.households,
    poor: row.poor,
    nearPoor: row.near_poor,
    ethnicMinorityHouseholds: row.em_households,
    ethnicMinorityPoor: row.em_poor,
    escapedPoverty: row.escaped_poverty,
    poorWithPlan: row.poor_with_plan,
  });
  return targets.map((target) => {
    // Where a unit has rows at several levels or standards (2025), the one of most households.
    const now = aggregates.filter((a) => a.unit_code === target.unit_code && a.year === year).sort((a, b) => b.households - a.households)[0] ?? null;
    const before = now ? aggregates.find((a) => a.unit_code === target.unit_code && a.year === year - 1 && a.level === now.level && a.standard_id === now.standard_id) ?? null : null;
    const indicator = target.indicator as TargetIndicator;
    const isCount = indicator === 'escaped_poverty';
    const actual = now ? actualOf(indicator, countsOf(now)) ?? null : null;
    const baseline = before ? actualOf(indicator, countsOf(before)) ?? null : null;
    const evaluation = evaluateTarget(target, { baseline: target.kind === 'change_points' ? baseline : null, actual }, { isCount });
    return { unit: nameOf(target.unit_code), indicator: target.indicator, kind: target.kind, comparator: target.comparator, value: target.value, baseline, actual, measured: evaluation.measured, mark: evaluation.mark };
  });
}

/**
 * Builds one report table.
 * @example await generateReport(db, actor, context, { name: 'summary', year: 2022, unit: '630' })
 */
export async function generateReport(db: Db, actor: Actor, context: ReviewContext, input: { name: ReportName; year: number; unit?: string | undefined }): Promise<GeneratedReport> {
  const yearEnd = `${input.year}-12-31`;
  const { unit, communes } = await reportUnit(db, actor, context, input.unit, yearEnd);
  const names = await repo.unitNames(db);
  const nameOf = (code: string) => names.get(code) ?? code;
  const heading = { unit: unit.name, year: input.year };
  const issuer = `UBND ${unit.name}`.toUpperCase();
  const done = (table: ReportTable): GeneratedReport => ({ table, issuer, unitCode: unit.code, year: input.year });
  const results = () => repo.listResultsInForce(db, actor.scope, communes, yearEnd);

  switch (input.name) {
    case 'summary': {
      const grouping = await rowGrouping(db, unit, communes, nameOf);
      return done(summaryTable(groupRows(await results(), grouping), { ...heading, rowLabel: grouping.rowLabel }));
    }
    case 'poor-movements':
    case 'near-poor-movements': {
      const level = unit.level === 'province' ? (input.year >= 2025 ? 'new_commune' : 'district') : 'commune';
      const { units } = await reviewMovements(db, actor, context, { from: `${input.year - 1}-12-31`, to: yearEnd, level });
      const inUnit = communes ? units.filter((u) => communes.includes(u.unit)) : units;
      const rowLabel = level === 'district' ? 'Đơn vị' : 'Xã, phường, thị trấn';
      return done(movementTable(input.name === 'poor-movements' ? 'poor' : 'near_poor', inUnit, nameOf, { ...heading, rowLabel }));
    }
    case 'deprivations': {
      const standard = await standardOf(db, input.year);
      return done(deprivationTable((await results()).filter((r) => r.standard_id === standard.id), standard, heading));
    }
    case 'target-groups': {
      const [rows, standard] = await Promise.all([repo.listTargetGroupFacts(db, actor.scope, communes, yearEnd), standardOf(db, input.year)]);
      const grouped = rows.map((row) => {
        const members = Array.isArray(row.members) ? row.members : [];
        // The frozen head (by name, when the survey kept names), else the registry's.
        const head = members.find((m) => typeof m.fullName === 'string' && m.fullName.normalize('NFC') === row.head_name.normalize('NFC'));
        const groups = targetGroupsOf(
          {
            headEthnicMinority: row.head_minority,
            headSex: head?.sex ?? row.registry_head_sex,
            surveyDate: row.survey_date,
            members: members.map((m) => ({ birthDate: m.birthDate ?? null, sex: m.sex ?? null, socialAllowance: m.socialAllowance ?? null })),
          },
          standard.labour,
        );
        return { ...row, groups };
      });
      return done(targetGroupTable(grouped, heading));
    }
    case 'ethnicity':
      return done(ethnicityTable(await results(), await repo.ethnicGroupNames(db), heading));
    case 'households': {
      const [rows, ethnic, standards] = await Promise.all([results(), repo.ethnicGroupNames(db), listPovertyStandards(db)]);
      const indicators = new Map<string, string>(standards.flatMap((s) => s.indicators.map((i) => [i.code, i.name.vi] as const)));
      return done(
        householdListTable(rows, { unit: nameOf, ethnic: (code) => (code ? ethnic.get(code) ?? code : ''), indicator: (code) => indicators.get(code) ?? code }, heading),
      );
    }
    case 'program-six-month':
    case 'program-annual': {
      const period = periodBounds(input.name === 'program-six-month' ? 'six_month' : 'annual', input.year);
      const unitCodes = communes ? [unit.code, ...communes] : null;
      const provinceCode = actor.scope.provinceCode;
      const [targets, budget, outputs, coverage, grouping] = await Promise.all([
        repo.listTargetsOfYear(db, provinceCode, input.year, unitCodes),
        repo.listBudgetBySource(db, provinceCode, input.year, period.lastMonth, unitCodes),
        // Output indicators are the province's, per project: a district's or commune's report leaves them out.
        unitCodes ? Promise.resolve([]) : repo.listOutputIndicators(db, provinceCode, input.year),
        repo.listSupportCoverage(db, actor.scope, communes, period.endsOn, context.province.timeZone),
        rowGrouping(db, unit, communes, nameOf),
      ]);
      const aggregates = await repo.listAggregatesOf(db, provinceCode, [...new Set(targets.map((t) => t.unit_code))], [input.year - 1, input.year]);
      const table = programReport(
        {
          targets: evaluateTargets(targets, aggregates, input.year, nameOf),
          budget: budget.map((b) => ({ project: `${b.project_code}. ${b.project_name}`, source: b.source, kind: b.kind, planned: b.planned, allocated: b.allocated, disbursed: b.disbursed })),
          outputs: outputs.map((o) => ({ project: `${o.project_code}. ${o.project_name}`, name: o.name, unitOfMeasure: o.unit_of_measure, target: o.target, actual: o.actual })),
          coverage: groupRows(coverage, grouping).map((group) => ({ label: group.label, rows: group.results })),
          coverageRowLabel: grouping.rowLabel,
        },
        period,
        { unit: unit.name },
      );
      return done(table);
    }
  }
}

async function standardOf(db: Db, year: number) {
  const standards = await listPovertyStandards(db);
  const standard = standardForYear(standards, year) ?? standards[0];
  if (!standard) throw new Error('no poverty standard in the database');
  return standard;
}
