/**
 * Administrative-unit files (`reference/admin-units/`): unit snapshots, the old → new succession
 * table and the spelling variants. Codes are read as strings; names are checked, never joined on.
 */
import { z } from 'zod';
import type { Insertable } from 'kysely';
import type { AdminUnit, AreaType, UnitSuccessionTable } from '../schema.js';
import { text, unitCode } from './reference.schemas.js';
import { failAt, parseCsv } from './reference-file.reader.js';

const UNIT_COLUMNS = ['code', 'name', 'type', 'level', 'parent_code'] as const;
const UNIT_TYPES = ['Tỉnh', 'Thành phố', 'Thị xã', 'Huyện', 'Phường', 'Xã', 'Thị trấn'] as const;

const unitRowSchema = z
  .strictObject({
    code: unitCode,
    name: text,
    type: z.enum(UNIT_TYPES, `must be one of ${UNIT_TYPES.join(', ')}`),
    level: z.enum(['province', 'district', 'commune'], 'must be province, district or commune'),
    parent_code: z
      .string()
      .transform((value) => (value === '' ? null : value))
      .pipe(z.union([z.null(), unitCode])),
  })
  .refine((row) => row.name.startsWith(`${row.type} `), {
    path: ['name'],
    message: 'must start with the unit type (e.g. "Xã Ia O")',
  });

export type UnitRow = z.output<typeof unitRowSchema>;

/** A unit as one snapshot shows it, before validity dates are attached. */
export type SnapshotUnit = Omit<AdminUnit, 'valid_from' | 'valid_to'>;

/** The units of one snapshot file, with the dates it is in force. */
export interface UnitSnapshot {
  file: string;
  validFrom: string;
  validTo: string | null;
  provinceCode: string;
  units: SnapshotUnit[];
}

/**
 * Parses a units CSV and checks its shape: one province row, every other unit under a parent of
 * the same file (district → province, commune → district or province), codes unique, and an area
 * type known for every commune type.
 * @throws {ReferenceDataError}
 */
export function parseUnitSnapshot(
  content: string,
  file: string,
  dates: { validFrom: string; validTo: string | null },
  areaByUnitType: Readonly<Record<string, AreaType>>,
): UnitSnapshot {
  const rows = parseCsv(content, file, UNIT_COLUMNS, unitRowSchema);
  const byCode = new Map<string, UnitRow>();
  for (const { line, value } of rows) {
    if (byCode.has(value.code)) failAt(file, line, 'code', `duplicate code ${value.code}`);
    byCode.set(value.code, value);
  }
  const provinces = rows.filter((row) => row.value.level === 'province');
  const province = provinces[0];
  if (!province) return failAt(file, null, 'level', 'no row with level "province"');
  if (provinces[1]) failAt(file, provinces[1].line, 'level', 'a second province row');
  const provinceCode = province.value.code;
  const units = rows.map(({ line, value }) => {
    checkParent(file, line, value, byCode);
    return toSnapshotUnit(file, line, value, provinceCode, areaByUnitType);
  });
  return { file, validFrom: dates.validFrom, validTo: dates.validTo, provinceCode, units };
}

const ALLOWED_PARENT_LEVELS: Record<UnitRow['level'], readonly UnitRow['level'][]> = {
  province: [],
  district: ['province'],
  commune: ['district', 'province'],
};

function checkParent(file: string, line: number, unit: UnitRow, byCode: ReadonlyMap<string, UnitRow>): void {
  if (unit.level === 'province') {
    if (unit.parent_code !== null) failAt(file, line, 'parent_code', 'a province has no parent');
    return;
  }
  if (unit.parent_code === null) return failAt(file, line, 'parent_code', `a ${unit.level} needs a parent`);
  const parent = byCode.get(unit.parent_code);
  if (!parent) return failAt(file, line, 'parent_code', `no unit ${unit.parent_code} in this file`);
  if (!ALLOWED_PARENT_LEVELS[unit.level].includes(parent.level)) {
    failAt(file, line, 'parent_code', `a ${unit.level} cannot sit under a ${parent.level}`);
  }
}

function toSnapshotUnit(
  file: string,
  line: number,
  unit: UnitRow,
  provinceCode: string,
  areaByUnitType: Readonly<Record<string, AreaType>>,
): SnapshotUnit {
  let area: AreaType | null = null;
  if (unit.level === 'commune') {
    const configured = areaByUnitType[unit.type];
    if (!configured) {
      return failAt(file, line, 'type', `no area type configured for "${unit.type}" (province.json areaByUnitType)`);
    }
    area = configured;
  }
  return {
    code: unit.code,
    name: unit.name,
    type: unit.type,
    level: unit.level,
    parent_code: unit.parent_code,
    province_code: provinceCode,
    area,
  };
}

/**
 * Turns consecutive snapshots into validity intervals: a unit whose name, type, level, parent,
 * province and area are unchanged from one snapshot to the next stays ONE interval; any change
 * (including the move to the new province on 1 Jul 2025) starts a new one. A unit missing from a
 * later snapshot ends with the snapshot that last listed it. Snapshots must be in date order and
 * contiguous (province.json is checked for that).
 */
export function buildUnitIntervals(snapshots: readonly UnitSnapshot[]): AdminUnit[] {
  const intervals: AdminUnit[] = [];
  let open = new Map<string, AdminUnit>();
  for (const snapshot of snapshots) {
    const listed = new Map<string, AdminUnit>();
    for (const unit of snapshot.units) {
      const previous = open.get(unit.code);
      if (previous && sameUnit(previous, unit)) {
        previous.valid_to = snapshot.validTo;
        listed.set(unit.code, previous);
        continue;
      }
      const interval: AdminUnit = { ...unit, valid_from: snapshot.validFrom, valid_to: snapshot.validTo };
      intervals.push(interval);
      listed.set(unit.code, interval);
    }
    open = listed;
  }
  return intervals;
}

function sameUnit(a: SnapshotUnit, b: SnapshotUnit): boolean {
  return (
    a.name === b.name &&
    a.type === b.type &&
    a.level === b.level &&
    a.parent_code === b.parent_code &&
    a.province_code === b.province_code &&
    a.area === b.area
  );
}

const SUCCESSION_COLUMNS = [
  'old_code',
  'old_name',
  'old_district_code',
  'old_province_code',
  'new_code',
  'new_name',
] as const;

const successionRowSchema = z.strictObject({
  old_code: unitCode,
  old_name: text,
  old_district_code: unitCode,
  old_province_code: unitCode,
  new_code: unitCode,
  new_name: text,
});

export type UnitSuccession = Insertable<UnitSuccessionTable>;

/**
 * Parses a succession CSV (old commune → new commune, one row per pair). Each new commune must be
 * a commune of `newUnits` under the same name; an old commune of a loaded province (`oldUnits`
 * holds the snapshot in force the day before) must be listed there under the given district.
 * Old communes of provinces that are not loaded (old Bình Định) are taken as written.
 * @throws {ReferenceDataError}
 */
export function parseSuccession(
  content: string,
  file: string,
  effectiveDate: string,
  oldUnits: UnitSnapshot,
  newUnits: UnitSnapshot,
): UnitSuccession[] {
  const rows = parseCsv(content, file, SUCCESSION_COLUMNS, successionRowSchema);
  const oldCommunes = communesByCode(oldUnits);
  const newCommunes = communesByCode(newUnits);
  const seen = new Set<string>();
  return rows.map(({ line, value }) => {
    const pair = `${value.old_code}→${value.new_code}`;
    if (seen.has(pair)) failAt(file, line, 'new_code', `duplicate pair ${pair}`);
    seen.add(pair);
    const successor = newCommunes.get(value.new_code);
    if (!successor) failAt(file, line, 'new_code', `${value.new_code} is not a commune of ${newUnits.file}`);
    else if (successor.name !== value.new_name) {
      failAt(file, line, 'new_name', `"${value.new_name}" differs from "${successor.name}" in ${newUnits.file}`);
    }
    if (value.old_province_code === oldUnits.provinceCode) {
      const predecessor = oldCommunes.get(value.old_code);
      if (!predecessor) failAt(file, line, 'old_code', `${value.old_code} is not a commune of ${oldUnits.file}`);
      else if (predecessor.parent_code !== value.old_district_code) {
        const district = predecessor.parent_code ?? 'no district';
        failAt(file, line, 'old_district_code', `${value.old_code} lies in ${district} in ${oldUnits.file}`);
      }
    }
    return { ...value, effective_date: effectiveDate };
  });
}

function communesByCode(snapshot: UnitSnapshot): Map<string, SnapshotUnit> {
  return new Map(snapshot.units.filter((unit) => unit.level === 'commune').map((unit) => [unit.code, unit]));
}

/** A commune's other spellings (catalogue vs conversion table, DOMAIN §6.1, README of admin-units). */
export interface UnitNameVariant {
  code: string;
  names: string[];
}

/**
 * Parses a name-variants CSV: a `code` column and one column per source spelling. Every code must
 * be a unit of one of the snapshots. The variants are not stored (admin_unit has no alias column);
 * the succession table keeps the conversion-table spelling in old_name.
 * @throws {ReferenceDataError}
 */
export function parseNameVariants(content: string, file: string, snapshots: readonly UnitSnapshot[]): UnitNameVariant[] {
  const header = (content.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',');
  if (header[0] !== 'code' || header.length < 2) {
    failAt(file, 1, null, 'the header must be "code" followed by one column per spelling');
  }
  const schema = z.object(Object.fromEntries(header.map((column) => [column, column === 'code' ? unitCode : text])));
  const known = new Set(snapshots.flatMap((snapshot) => snapshot.units.map((unit) => unit.code)));
  return parseCsv(content, file, header, schema).map(({ line, value }) => {
    const code = String(value.code);
    if (!known.has(code)) failAt(file, line, 'code', `${code} is not a unit of any snapshot`);
    const names = header.slice(1).map((column) => String(value[column]));
    return { code, names: [...new Set(names)] };
  });
}
