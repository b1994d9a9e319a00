/**
 * `reference/standards.json`: the poverty standards (chuẩn nghèo) as data. The file's rules belong
 * to the poverty engine, so it is checked by the engine's own parser.
 */
import type { Insertable } from 'kysely';
import { parseStandardsFile, StandardsFileError } from '../../domain/poverty/standards.js';
import type { PovertyStandard } from '../../domain/poverty/types.js';
import type { PovertyStandardTable } from '../schema.js';
import { failAt } from './reference-file.reader.js';

/**
 * Parses the standards file with {@link parseStandardsFile}.
 * @throws {ReferenceDataError} carrying the engine's list of problems.
 */
export function parseStandards(content: string, file: string): PovertyStandard[] {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    return failAt(file, null, null, `not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseStandardsFile(json);
  } catch (error) {
    if (error instanceof StandardsFileError) return failAt(file, null, null, error.message);
    throw error;
  }
}

/**
 * The row of poverty_standard. `definition` is the whole parsed standard, labour rules included,
 * so a standard read back from the database is complete on its own.
 */
export function povertyStandardRow(standard: PovertyStandard): Insertable<PovertyStandardTable> {
  return {
    id: standard.id,
    first_year: standard.firstYear,
    last_year: standard.lastYear,
    status: standard.status,
    definition: JSON.stringify(standard),
  };
}
