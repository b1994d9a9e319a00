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
import {
  type ReportName,
  type ReportTable,
  type RowGroup,
  deprivationTable,
  ethnicityTable,
  householdListTable,
  movementTable,
  summaryTable,
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

/**
 * Builds one report table.
 * @example await generateReport(db, actor, context, { name: 'summary', year: 2022, unit: '630' })
 */
export async function generateReport(db: Db, actor: Actor, context: ReviewContext, input: { name: ReportName; year: number; unit?: string | undefined }): Promise<GeneratedReport> {
  const yearEnd = `${input.year}-12-31`;
  const { unit, communes } = await reportUnit(db, actor, context, input.unit, yearEnd);
  const [names, results] = await Promise.all([repo.unitNames(db), repo.listResultsInForce(db, actor.scope, communes, yearEnd)]);
  const nameOf = (code: string) => names.get(code) ?? code;
  const heading = { unit: unit.name, year: input.year };
  const issuer = `UBND ${unit.name}`.toUpperCase();
  const done = (table: ReportTable): GeneratedReport => ({ table, issuer, unitCode: unit.code, year: input.year });

  switch (input.name) {
    case 'summary': {
      let keyOf: (r: repo.ResultInForce) => string;
      let labelOf: (key: string) => string = nameOf;
      let rowLabel = 'Đơn vị';
      if (unit.level === 'province') {
        const districts = await districtOfCommunes(db);
        keyOf = (r) => districts.get(r.commune_code) ?? r.commune_code;
      } else if (unit.level === 'district' || communes!.length > 1) {
        keyOf = (r) => r.commune_code;
        rowLabel = 'Xã, phường, thị trấn';
      } else {
        keyOf = (r) => r.village;
        labelOf = (key) => key;
        rowLabel = 'Thôn, làng, tổ dân phố';
      }
      const groups = new Map<string, RowGroup>();
      for (const result of results) {
        const key = keyOf(result);
        const group = groups.get(key) ?? { key, label: labelOf(key), results: [] };
        group.results.push(result);
        groups.set(key, group);
      }
      const ordered = [...groups.values()].sort((a, b) => (rowLabel === 'Thôn, làng, tổ dân phố' ? a.key.localeCompare(b.key, 'vi') : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return done(summaryTable(ordered, { ...heading, rowLabel }));
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
      const standards = await listPovertyStandards(db);
      const standard = standardForYear(standards, input.year) ?? standards[0];
      if (!standard) throw new Error('no poverty standard in the database');
      return done(deprivationTable(results.filter((r) => r.standard_id === standard.id), standard, heading));
    }
    case 'ethnicity':
      return done(ethnicityTable(results, await repo.ethnicGroupNames(db), heading));
    case 'households': {
      const [ethnic, standards] = await Promise.all([repo.ethnicGroupNames(db), listPovertyStandards(db)]);
      const indicators = new Map<string, string>(standards.flatMap((s) => s.indicators.map((i) => [i.code, i.name.vi] as const)));
      return done(
        householdListTable(results, { unit: nameOf, ethnic: (code) => (code ? ethnic.get(code) ?? code : ''), indicator: (code) => indicators.get(code) ?? code }, heading),
      );
    }
  }
}
