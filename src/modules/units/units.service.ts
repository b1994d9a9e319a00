/** Use cases of the administrative units browser. Units are reference data any signed-in user reads. */
import type { Kysely, Selectable } from 'kysely';
import type { AdminUnitTable, Database } from '../../db/schema.js';
import { today } from '../../domain/civil-date.js';
import type { Actor } from '../access/actor.js';
import { notFound } from '../../server/problem.js';
import {
  listChildrenValidAt,
  listPredecessors,
  listSuccessors,
  listUnitVersions,
  listUnitsValidAt,
} from './units.repository.js';
import type { UnitDto } from './units.schemas.js';

type UnitRow = Omit<Selectable<AdminUnitTable>, never>;

export function mapUnit(row: UnitRow): UnitDto {
  return {
    code: row.code,
    name: row.name,
    type: row.type,
    level: row.level,
    parentCode: row.parent_code,
    provinceCode: row.province_code,
    area: row.area,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

const validAt = (row: UnitRow, date: string) =>
  row.valid_from <= date && (row.valid_to === null || row.valid_to >= date);

export async function listUnits(db: Kysely<Database>, _actor: Actor, date = today()) {
  const rows = await listUnitsValidAt(db, date);
  return { date, units: rows.map(mapUnit) };
}

/**
 * One unit as it stood at a date (or its nearest version when it did not exist then), with
 * its children then, and its place in the 2025 succession: the old communes a new commune came
 * from, or the new commune(s) an old one went to.
 */
export async function getUnitDetail(db: Kysely<Database>, _actor: Actor, code: string, date = today()) {
  const versions = await listUnitVersions(db, code);
  if (versions.length === 0) throw notFound('not_found.unit', { code });
  const unit =
    versions.find((row) => validAt(row, date)) ??
    [...versions].reverse().find((row) => row.valid_from <= date) ??
    versions[0]!;
  const isCommune = unit.level === 'commune';
  const [children, predecessors, successors] = await Promise.all([
    listChildrenValidAt(db, code, validAt(unit, date) ? date : unit.valid_from),
    isCommune ? listPredecessors(db, code, unit.valid_from) : [],
    isCommune && unit.valid_to ? listSuccessors(db, code, unit.province_code, unit.valid_to) : [],
  ]);
  return {
    unit: mapUnit(unit),
    versions: versions.map(mapUnit),
    children: children.map(mapUnit),
    predecessors: predecessors.map((row) => ({
      code: row.old_code,
      name: row.old_name,
      districtCode: row.old_district_code,
      districtName: row.old_district_name,
      provinceCode: row.old_province_code,
    })),
    successors: successors.map((row) => ({ code: row.new_code, name: row.new_name })),
  };
}
