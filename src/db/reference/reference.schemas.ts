/** Zod pieces shared by the reference-file parsers. */
import { z } from 'zod';
import { isCivilDate } from '../../domain/civil-date.js';

/** Non-empty text in Unicode NFC without surrounding spaces (Vietnamese must be precomposed). */
export const text = z
  .string()
  .min(1, 'must not be empty')
  .refine((value) => value === value.trim(), 'must not start or end with spaces')
  .refine((value) => value === value.normalize('NFC'), 'must be in Unicode NFC (precomposed Vietnamese letters)');

/** A civil date written YYYY-MM-DD. */
export const civilDate = z.string().refine(isCivilDate, 'must be a date written YYYY-MM-DD');

/** An official administrative unit code: digits only, kept as a string (leading zeros matter). */
export const unitCode = z.string().regex(/^\d{2,5}$/, 'must be a unit code of 2 to 5 digits');

/** A stable agency code such as SLDTBXH. */
export const agencyCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be an upper-case code such as SLDTBXH');

/** A program or project code such as P3.SP1 or NTP-GNBV-2021-2025. */
export const catalogCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a code of letters, digits, ".", "_" or "-"');

/** Text in Vietnamese and English. */
export const localized = z.strictObject({ vi: text, en: text });

/** A source-status label of DOMAIN §0: confirmed, partial, unverified, derived. */
export const sourceStatus = z.enum(['C', 'P', 'U', 'D']);

/** A CSV cell that may be empty: '' becomes null, anything else must satisfy `schema`. */
export function optionalCell<T extends z.ZodType<unknown, string>>(schema: T) {
  return z
    .string()
    .transform((value) => (value === '' ? null : value))
    .pipe(z.union([z.null(), schema]));
}

/** A CSV cell holding true or false. */
export const booleanCell = z.enum(['true', 'false'], 'must be true or false').transform((value) => value === 'true');
