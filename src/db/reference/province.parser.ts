/**
 * `reference/province.json`: the deployment's province (becomes the setting 'province') and
 * which administrative-unit files to load for which dates.
 */
import { z } from 'zod';
import { civilDate, text, unitCode } from './reference.schemas.js';
import { failAt, parseJson } from './reference-file.reader.js';

const areaType = z.enum(['urban', 'rural']);

const snapshotSchema = z.strictObject({
  /** A units CSV, relative to the reference directory. */
  file: text,
  /** First day the snapshot is in force. */
  validFrom: civilDate,
  /** Last day (inclusive); null for the snapshot in force today. */
  validTo: z.union([z.null(), civilDate]),
  note: text.optional(),
});

const provinceFileSchema = z.strictObject({
  $comment: z.string().optional(),
  code: unitCode,
  name: text,
  timeZone: text.refine(isTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh'),
  /** Codes the province had before (old Gia Lai was 64). */
  previousCodes: z.array(unitCode),
  adminUnits: z.strictObject({
    /** Khu vực by unit type, for communes (SPEC §4: phường and thị trấn urban, xã rural). */
    areaByUnitType: z.record(text, areaType),
    snapshots: z.array(snapshotSchema).min(1),
    successions: z.array(z.strictObject({ file: text, effectiveDate: civilDate })),
    nameVariants: z.array(text),
  }),
});

export type ProvinceFile = z.output<typeof provinceFileSchema>;

/** The value of the setting 'province' (read by the access module). */
export interface ProvinceSetting {
  code: string;
  name: string;
  timeZone: string;
  previousCodes: string[];
}

/**
 * Parses province.json. Snapshots must follow each other without gap or overlap, and only the
 * last may be open-ended.
 * @throws {ReferenceDataError}
 */
export function parseProvinceFile(content: string, file: string): ProvinceFile {
  const province = parseJson(content, file, provinceFileSchema);
  const snapshots = province.adminUnits.snapshots;
  snapshots.forEach((snapshot, index) => {
    const row = `adminUnits.snapshots[${index}]`;
    if (snapshot.validTo !== null && snapshot.validTo < snapshot.validFrom) {
      failAt(file, row, 'validTo', 'must not be before validFrom');
    }
    const next = snapshots[index + 1];
    if (!next) return;
    if (snapshot.validTo === null) failAt(file, row, 'validTo', 'only the last snapshot may be open-ended (null)');
    if (next.validFrom !== dayAfter(snapshot.validTo)) {
      const expected = `must be ${dayAfter(snapshot.validTo)}, the day after the previous snapshot ends`;
      failAt(file, `adminUnits.snapshots[${index + 1}]`, 'validFrom', expected);
    }
  });
  return province;
}

/** The setting 'province' of this file. */
export function provinceSetting(province: ProvinceFile): ProvinceSetting {
  return {
    code: province.code,
    name: province.name,
    timeZone: province.timeZone,
    previousCodes: province.previousCodes,
  };
}

/** The civil date after `date` (YYYY-MM-DD). */
export function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The civil date before `date` (YYYY-MM-DD). */
export function dayBefore(date: string): string {
  const previous = new Date(`${date}T00:00:00Z`);
  previous.setUTCDate(previous.getUTCDate() - 1);
  return previous.toISOString().slice(0, 10);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
