/**
 * `reference/support-catalog.json`: the policies and project supports a household can receive,
 * each with the deprivation indicators it addresses, its lead agency and its project (SPEC §4).
 */
import { z } from 'zod';
import { INDICATOR_CODES } from '../../domain/poverty/types.js';
import type { Insertable } from 'kysely';
import type { SupportTypeTable } from '../schema.js';
import { agencyCode, catalogCode, text } from './reference.schemas.js';
import { failAt, parseJson } from './reference-file.reader.js';

const supportTypeSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case code'),
  name: text,
  nameEn: text,
  indicatorCodes: z.array(z.enum(INDICATOR_CODES, `must be one of ${INDICATOR_CODES.join(', ')}`)),
  leadAgencyCode: z.union([z.null(), agencyCode]),
  projectCode: z.union([z.null(), catalogCode]),
  note: z.union([z.null(), text]),
});

const catalogSchema = z.strictObject({
  $comment: z.string().optional(),
  supportTypes: z.array(supportTypeSchema).min(1),
});

export type SupportType = z.output<typeof supportTypeSchema>;

/**
 * Parses the support catalog: unique codes, no indicator listed twice.
 * @throws {ReferenceDataError}
 */
export function parseSupportCatalog(content: string, file: string): SupportType[] {
  const { supportTypes } = parseJson(content, file, catalogSchema);
  const codes = new Set<string>();
  supportTypes.forEach((support, index) => {
    const row = `supportTypes[${index}]`;
    if (codes.has(support.code)) failAt(file, row, 'code', `duplicate code ${support.code}`);
    codes.add(support.code);
    if (new Set(support.indicatorCodes).size !== support.indicatorCodes.length) {
      failAt(file, row, 'indicatorCodes', 'lists an indicator twice');
    }
  });
  return supportTypes;
}

/** The row of support_type. */
export function supportTypeRow(support: SupportType): Insertable<SupportTypeTable> {
  return {
    code: support.code,
    name: support.name,
    name_en: support.nameEn,
    indicator_codes: support.indicatorCodes,
    lead_agency_code: support.leadAgencyCode,
    project_code: support.projectCode,
  };
}
