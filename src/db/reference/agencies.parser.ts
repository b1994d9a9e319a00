/**
 * `reference/agencies.csv`: the provincial agencies of the program, versioned by validity dates
 * because the March 2025 reorganisation merged and renamed departments.
 */
import { z } from 'zod';
import type { Insertable } from 'kysely';
import type { AgencyTable } from '../schema.js';
import { agencyCode, civilDate, optionalCell, text } from './reference.schemas.js';
import { failAt, parseCsv } from './reference-file.reader.js';

const COLUMNS = [
  'code',
  'name',
  'name_en',
  'short_name',
  'valid_from',
  'valid_to',
  'successor_code',
  'program_successor_code',
  'note',
] as const;

const rowSchema = z.strictObject({
  code: agencyCode,
  name: text,
  name_en: text,
  short_name: text,
  valid_from: civilDate,
  valid_to: optionalCell(civilDate),
  successor_code: optionalCell(agencyCode),
  program_successor_code: optionalCell(agencyCode),
  note: optionalCell(text),
});

export interface Agency {
  code: string;
  name: string;
  nameEn: string;
  shortName: string;
  validFrom: string;
  /** Last day (inclusive), null while the agency exists. */
  validTo: string | null;
  /** The agency it was merged into (organisational successor). */
  successorCode: string | null;
  /**
   * The agency that took over its duties in this program when that differs from the
   * organisational successor: Labour merged into Home Affairs, but poverty reduction went to
   * Agriculture and Environment (DOMAIN §2.8, §7.1).
   */
  programSuccessorCode: string | null;
  /** Where the facts come from, with DOMAIN §0 status labels. */
  note: string | null;
}

/**
 * Parses the agencies CSV: unique codes, valid_to not before valid_from, successors that exist,
 * and a successor only for an agency that ended.
 * @throws {ReferenceDataError}
 */
export function parseAgencies(content: string, file: string): Agency[] {
  const rows = parseCsv(content, file, COLUMNS, rowSchema);
  const codes = new Set<string>();
  for (const { line, value } of rows) {
    if (codes.has(value.code)) failAt(file, line, 'code', `duplicate code ${value.code}`);
    codes.add(value.code);
  }
  return rows.map(({ line, value }) => {
    if (value.valid_to !== null && value.valid_to < value.valid_from) {
      failAt(file, line, 'valid_to', 'must not be before valid_from');
    }
    for (const field of ['successor_code', 'program_successor_code'] as const) {
      const successor = value[field];
      if (successor === null) continue;
      if (!codes.has(successor)) failAt(file, line, field, `no agency ${successor} in this file`);
      if (value.valid_to === null) failAt(file, line, field, 'only an agency with valid_to has a successor');
    }
    return {
      code: value.code,
      name: value.name,
      nameEn: value.name_en,
      shortName: value.short_name,
      validFrom: value.valid_from,
      validTo: value.valid_to,
      successorCode: value.successor_code,
      programSuccessorCode: value.program_successor_code,
      note: value.note,
    };
  });
}

/**
 * The row of the agency table. Its single successor_code holds the successor for this
 * program's duties (program successor when there is one, else the organisational one), since
 * that is what re-assigning projects and users needs; the file keeps both.
 */
export function agencyRow(agency: Agency): Insertable<AgencyTable> {
  return {
    code: agency.code,
    name: agency.name,
    name_en: agency.nameEn,
    short_name: agency.shortName,
    valid_from: agency.validFrom,
    valid_to: agency.validTo,
    successor_code: agency.programSuccessorCode ?? agency.successorCode,
  };
}
