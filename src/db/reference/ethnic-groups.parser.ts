/**
 * `reference/ethnic-groups.csv`: the 54 ethnic groups of Vietnam with their official GSO codes
 * (Decision 121-TCTK/PPCĐ, 1979), English names and the other spellings met on imports.
 */
import { z } from 'zod';
import type { Insertable } from 'kysely';
import type { EthnicGroupTable } from '../schema.js';
import { booleanCell, text } from './reference.schemas.js';
import { failAt, parseCsv } from './reference-file.reader.js';

const COLUMNS = ['code', 'name', 'name_en', 'aliases', 'is_minority'] as const;

const rowSchema = z.strictObject({
  code: z.string().regex(/^\d{2}$/, 'must be a two-digit code such as 01'),
  name: text,
  name_en: text,
  aliases: z
    .string()
    .transform((value) => (value === '' ? [] : value.split('|')))
    .pipe(z.array(text)),
  is_minority: booleanCell,
});

export interface EthnicGroup {
  code: string;
  /** Official Vietnamese name (Gia-rai, Ba na, ...). */
  name: string;
  nameEn: string;
  /** Other spellings and exonyms (Jrai, Bahnar, Mèo, ...). */
  aliases: string[];
  /** Dân tộc thiểu số: every group but Kinh. */
  isMinority: boolean;
}

/**
 * Parses the ethnic-groups CSV. Codes must be unique, and no name, English name or alias may match two groups
 * once folded ({@link foldEthnicName}), so {@link findEthnicGroup} is never ambiguous.
 * @throws {ReferenceDataError}
 */
export function parseEthnicGroups(content: string, file: string): EthnicGroup[] {
  const rows = parseCsv(content, file, COLUMNS, rowSchema);
  const codes = new Set<string>();
  const owners = new Map<string, string>();
  return rows.map(({ line, value }) => {
    if (codes.has(value.code)) failAt(file, line, 'code', `duplicate code ${value.code}`);
    codes.add(value.code);
    const spellings: [string, string][] = [
      ['name', value.name],
      ['name_en', value.name_en],
      ...value.aliases.map((alias): [string, string] => ['aliases', alias]),
    ];
    for (const [field, spelling] of spellings) {
      const owner = owners.get(foldEthnicName(spelling));
      if (owner !== undefined && owner !== value.code) {
        failAt(file, line, field, `"${spelling}" also names group ${owner}`);
      }
      owners.set(foldEthnicName(spelling), value.code);
    }
    return {
      code: value.code,
      name: value.name,
      nameEn: value.name_en,
      aliases: value.aliases,
      isMinority: value.is_minority,
    };
  });
}

/**
 * The row of ethnic_group. The table has no English-name column, so the English name joins the
 * aliases (it is a spelling imports use: Jrai, Bahnar).
 */
export function ethnicGroupRow(group: EthnicGroup): Insertable<EthnicGroupTable> {
  const aliases = [...group.aliases];
  if (group.nameEn !== group.name && !aliases.includes(group.nameEn)) aliases.push(group.nameEn);
  return { code: group.code, name: group.name, aliases, is_minority: group.isMinority };
}

/**
 * A spelling reduced for comparison: no diacritics (đ → d), lower case, letters and digits only,
 * so "Gia-rai", "Gia Rai" and "GIARAI" compare equal.
 */
export function foldEthnicName(spelling: string): string {
  return spelling
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The group a name or alias designates, whatever its spelling, or undefined.
 * @example findEthnicGroup(groups, 'Jrai')?.code // '10'
 */
export function findEthnicGroup(groups: readonly EthnicGroup[], spelling: string): EthnicGroup | undefined {
  const key = foldEthnicName(spelling);
  if (key === '') return undefined;
  return groups.find((group) =>
    [group.name, group.nameEn, ...group.aliases].some((spelling) => foldEthnicName(spelling) === key),
  );
}
