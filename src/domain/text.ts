/**
 * Text rules shared by the registry, its search and its exports. Pure functions: the same code
 * folds the stored names and the user's query, so PGlite and PostgreSQL (with or without
 * `unaccent`) find exactly the same rows.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const NOT_LETTER_OR_DIGIT = /[^a-z0-9]+/g;
const WHITESPACE_RUN = /\s+/g;

/**
 * User input as stored: NFC (a name typed on a phone and the same name pasted from a decomposed
 * PDF become the same string), surrounding whitespace removed and inner runs of whitespace
 * collapsed to one space.
 *
 * @example cleanText('  Nguyễn   Văn A ') // 'Nguyễn Văn A' (NFC)
 */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(WHITESPACE_RUN, ' ').trim();
}

/**
 * The search form of a text: lower case, without diacritics (đ → d), every run of characters
 * other than a–z and 0–9 turned into one space.
 *
 * @example foldForSearch('Nguyễn Văn Ánh') // 'nguyen van anh'
 * @example foldForSearch("Rơ Mah H'Nhi")   // 'ro mah h nhi'
 * @example foldForSearch('ĐINH Thị Đào')   // 'dinh thi dao'
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
}

/** Characters that make a spreadsheet read a cell as a formula (or, with tab and CR, shift it). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that a spreadsheet program shows as text and never runs: a value starting with
 * =, +, -, @, tab or carriage return gets a leading apostrophe (OWASP "CSV injection").
 *
 * @example spreadsheetSafe('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 * @example spreadsheetSafe('Nguyễn Văn A')           // 'Nguyễn Văn A'
 */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
