/**
 * The rules a new password must meet (an admin's reset, a user's change, `gnbv user create`).
 * Passwords already stored are not re-checked: the demo users keep `demo1234`.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
/** Fewer different characters than this reads as a pattern (`aaaaaaaaaa`, `1212121212`). */
export const MIN_DISTINCT_CHARACTERS = 5;

export type PasswordRule = 'too_short' | 'too_long' | 'contains_username' | 'common' | 'repetitive';

/**
 * Passwords seen first in leaked-password lists and in Vietnamese offices (lower-case; a
 * candidate is compared lower-cased). Short on purpose: length and the other rules do the rest.
 */
const COMMON_PASSWORDS = new Set([
  '1234567890', '0123456789', '12345678910', '123456789a', 'a123456789', '1234567890a', '123456789@',
  '1234567890@', '1111111111', '0000000000', '1234512345', '0987654321', '9876543210', '1122334455',
  '123123123123', '12341234', 'qwertyuiop', 'qwertyuiop123', 'qwerty123456', 'asdfghjkl1', 'zxcvbnm123',
  '1q2w3e4r5t', 'q1w2e3r4t5', '1qaz2wsx3edc', 'password1', 'password12', 'password123', 'password1234',
  'password@123', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123', 'abc1234567', 'abcd123456', 'abc@123456',
  'abcdefghij', 'admin12345', 'admin123456', 'admin@1234', 'admin@12345', 'administrator', 'welcome123',
  'welcome@123', 'iloveyou12', 'iloveyou123', 'letmein123', 'changeme123', 'football123', 'sunshine123',
  'princess123', 'dragon1234', 'monkey1234', 'superman123', 'trustno1234', 'matkhau123', 'matkhau1234',
  'matkhau@123', 'matkhaumoi', 'matkhaumoi123', 'anhyeuem123', 'emyeuanh123', 'anhyeuem', 'emyeuanh',
  'vietnam123', 'vietnam1234', 'vietnam@123', 'hanoi12345', 'saigon1234', 'gialai1234', 'gialai12345',
  'gialai@123', 'gialai2025', 'gialai2026', 'giamngheo1', 'giamngheo123', 'giamngheo2025', 'gnbv123456',
  'gnbv@12345', 'ubnd123456', 'ubnd@12345', 'ubndxa1234', 'congan1234', 'demo123456', 'demo1234567',
  'test123456', 'test@12345', 'user123456', 'guest12345', 'khongbiet', 'khongbiet123', 'quantri123',
  'quantri@123', 'canbo12345', 'nguoidung1', 'xinchao123', 'hello12345', 'hello@1234', '11223344556',
  'a1b2c3d4e5', 'aa123456789', 'qwe123456789', 'zaq12wsxcde',
]);

/**
 * Every rule the password breaks, in a fixed order (empty when it may be used). Lengths count
 * characters (code points) after NFC normalisation, so a Vietnamese passphrase counts as typed.
 */
export function passwordProblems(password: string, username: string): PasswordRule[] {
  const text = password.normalize('NFC');
  const length = [...text].length;
  const lower = text.toLowerCase();
  const name = username.trim().toLowerCase();
  const problems: PasswordRule[] = [];
  if (length < MIN_PASSWORD_LENGTH) problems.push('too_short');
  if (length > MAX_PASSWORD_LENGTH) problems.push('too_long');
  if (name.length >= 3 && lower.includes(name)) problems.push('contains_username');
  if (COMMON_PASSWORDS.has(lower)) problems.push('common');
  else if (new Set(text).size < MIN_DISTINCT_CHARACTERS) problems.push('repetitive');
  return problems;
}
