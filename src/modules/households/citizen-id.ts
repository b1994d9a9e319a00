/**
 * Số định danh cá nhân (the 12-digit citizen ID on the CCCD card), Circular 59/2021/TT-BCA
 * Art. 7: birth-place code (3 digits, 001–096) + century-and-sex digit + last two digits of the
 * birth year + a 6-digit serial. Pure rules, shared by the registry's forms and its imports.
 */

/** Why a citizen ID is refused, as a message key suffix (`citizen_id.<problem>`). */
export type CitizenIdProblem = 'format' | 'place' | 'birth';

const TWELVE_DIGITS = /^\d{12}$/;

/**
 * The century-and-sex digit: 0/1 for men/women born 1900–1999, 2/3 for 2000–2099, and so on
 * up to 8/9 for 2300–2399.
 */
export function centurySexDigit(birthYear: number, sex: 'male' | 'female'): number {
  return (Math.floor(birthYear / 100) - 19) * 2 + (sex === 'female' ? 1 : 0);
}

/**
 * The first problem of a citizen ID for a person, or null when it is well-formed and its
 * century, sex and birth year agree with theirs.
 *
 * @example citizenIdProblem('064090912345', '1990-04-02', 'male') // null
 * @example citizenIdProblem('06409091234', '1990-04-02', 'male')  // 'format' (11 digits)
 * @example citizenIdProblem('064190912345', '1990-04-02', 'male') // 'birth' (digit says female)
 */
export function citizenIdProblem(id: string, birthDate: string, sex: 'male' | 'female'): CitizenIdProblem | null {
  if (!TWELVE_DIGITS.test(id)) return 'format';
  const place = Number(id.slice(0, 3));
  if (place < 1 || place > 96) return 'place';
  const birthYear = Number(birthDate.slice(0, 4));
  const expected = `${centurySexDigit(birthYear, sex)}${String(birthYear % 100).padStart(2, '0')}`;
  return id.slice(3, 6) === expected ? null : 'birth';
}

/**
 * A citizen ID for a reader who may not see it in full: only the last four digits.
 *
 * @example maskCitizenId('064090912345') // '********2345'
 */
export function maskCitizenId(id: string): string {
  return `${'*'.repeat(Math.max(0, id.length - 4))}${id.slice(-4)}`;
}
