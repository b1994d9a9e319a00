import type { Lang, RecordPosition } from './types.js';

/**
 * Why a field was refused. The message built from it names the record and the field and never
 * repeats a value taken from the record (birth dates, incomes, names): only the id, the review
 * year and values of the standards file appear.
 */
export type Reason =
  | { readonly kind: 'not_object' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'missing_one_of'; readonly other: string }
  | { readonly kind: 'both_given'; readonly other: string }
  | { readonly kind: 'wrong_type'; readonly expected: ExpectedType }
  | { readonly kind: 'negative' }
  | { readonly kind: 'not_integer' }
  | { readonly kind: 'not_one_of'; readonly allowed: readonly string[] }
  | { readonly kind: 'invalid_date' }
  | { readonly kind: 'birth_after_survey' }
  | { readonly kind: 'no_members' }
  | { readonly kind: 'empty_string' }
  | { readonly kind: 'duplicate_indicator' }
  | { readonly kind: 'unknown_standard'; readonly known: readonly string[] }
  | { readonly kind: 'unknown_indicator'; readonly standard: string }
  | { readonly kind: 'no_standard_for_year'; readonly year: number; readonly available: readonly StandardYears[] }
  | { readonly kind: 'year_outside_standard'; readonly year: number; readonly standard: StandardYears }
  | { readonly kind: 'score_unsupported'; readonly standard: string }
  | { readonly kind: 'not_json_line' };

export type ExpectedType = 'string' | 'boolean' | 'number' | 'integer' | 'object' | 'array';

export interface StandardYears {
  readonly id: string;
  readonly firstYear: number;
  readonly lastYear: number;
}

/** Who the message is about: the record's id when valid, and its place in the input. */
export interface Subject extends RecordPosition {
  readonly id: string | null;
}

const TYPE_NAMES: Record<Lang, Record<ExpectedType, string>> = {
  vi: {
    string: 'một chuỗi ký tự',
    boolean: 'true hoặc false',
    number: 'một số',
    integer: 'một số nguyên',
    object: 'một đối tượng JSON',
    array: 'một mảng JSON',
  },
  en: {
    string: 'a string',
    boolean: 'true or false',
    number: 'a number',
    integer: 'an integer',
    object: 'a JSON object',
    array: 'a JSON array',
  },
};

function subjectText(s: Subject, lang: Lang): string {
  const place =
    s.line !== undefined
      ? lang === 'vi' ? `dòng ${s.line}` : `line ${s.line}`
      : s.index !== undefined
        ? lang === 'vi' ? `bản ghi thứ ${s.index + 1}` : `record ${s.index + 1}`
        : undefined;
  if (s.id !== null) {
    const who = lang === 'vi' ? `Hộ ${s.id}` : `Household ${s.id}`;
    return place ? `${who} (${place})` : who;
  }
  if (place) return place.charAt(0).toUpperCase() + place.slice(1);
  return lang === 'vi' ? 'Bản ghi' : 'Record';
}

function years(s: StandardYears, lang: Lang): string {
  return lang === 'vi'
    ? `${s.id} cho các năm ${s.firstYear}–${s.lastYear}`
    : `${s.id} for ${s.firstYear}–${s.lastYear}`;
}

function reasonText(r: Reason, field: string, lang: Lang): string {
  const vi = lang === 'vi';
  switch (r.kind) {
    case 'not_object':
      return field === ''
        ? vi ? 'bản ghi không phải là một đối tượng JSON' : 'the record is not a JSON object'
        : vi ? `${field} phải là một đối tượng JSON` : `${field} must be a JSON object`;
    case 'missing':
      return vi ? `thiếu trường bắt buộc ${field}` : `required field ${field} is missing`;
    case 'missing_one_of':
      return vi
        ? `cần có một trong hai trường ${field} hoặc ${r.other}`
        : `one of the fields ${field} or ${r.other} is required`;
    case 'both_given':
      return vi
        ? `chỉ được có một trong hai trường ${r.other} và ${field}, không được có cả hai`
        : `give only one of ${r.other} and ${field}, not both`;
    case 'wrong_type':
      return vi ? `${field} phải là ${TYPE_NAMES.vi[r.expected]}` : `${field} must be ${TYPE_NAMES.en[r.expected]}`;
    case 'negative':
      return vi ? `${field} không được là số âm` : `${field} must not be negative`;
    case 'not_integer':
      return vi ? `${field} phải là số nguyên` : `${field} must be a whole number`;
    case 'not_one_of':
      return vi
        ? `${field} phải là một trong các giá trị: ${r.allowed.join(', ')}`
        : `${field} must be one of: ${r.allowed.join(', ')}`;
    case 'invalid_date':
      return vi
        ? `${field} không phải là ngày hợp lệ dạng YYYY-MM-DD`
        : `${field} is not a valid date in the form YYYY-MM-DD`;
    case 'birth_after_survey':
      return vi ? `ngày sinh (${field}) muộn hơn ngày khảo sát` : `the birth date (${field}) is after the survey date`;
    case 'no_members':
      return vi ? `hộ phải có ít nhất một thành viên (${field})` : `the household must have at least one member (${field})`;
    case 'empty_string':
      return vi ? `${field} không được để trống` : `${field} must not be empty`;
    case 'duplicate_indicator':
      return vi ? `chỉ số tại ${field} bị lặp lại` : `the indicator at ${field} is repeated`;
    case 'unknown_standard':
      return vi
        ? `${field} không phải là chuẩn nghèo đã biết (có: ${r.known.join(', ')})`
        : `${field} is not a known poverty standard (known: ${r.known.join(', ')})`;
    case 'unknown_indicator':
      return vi
        ? `mã chỉ số tại ${field} không thuộc chuẩn ${r.standard}`
        : `the indicator code at ${field} is not part of standard ${r.standard}`;
    case 'no_standard_for_year':
      return vi
        ? `không có chuẩn nghèo cho năm ${r.year} (trường ${field}); các chuẩn: ${r.available.map((s) => years(s, 'vi')).join('; ')}`
        : `no poverty standard applies to year ${r.year} (field ${field}); standards: ${r.available.map((s) => years(s, 'en')).join('; ')}`;
    case 'year_outside_standard':
      return vi
        ? `năm ${r.year} (trường ${field}) nằm ngoài các năm áp dụng của chuẩn ${r.standard.id} (${r.standard.firstYear}–${r.standard.lastYear})`
        : `year ${r.year} (field ${field}) is outside the review years of standard ${r.standard.id} (${r.standard.firstYear}–${r.standard.lastYear})`;
    case 'score_unsupported':
      return vi
        ? `chuẩn ${r.standard} không có ngưỡng điểm A (chỉ xét theo thu nhập) nên không dùng được ${field}; hãy dùng incomePerCapita`
        : `standard ${r.standard} has no score-A cut-off (income only), so ${field} cannot be used; use incomePerCapita`;
    case 'not_json_line':
      return vi ? 'dòng này không phải là JSON hợp lệ' : 'the line is not valid JSON';
  }
}

/**
 * The message of a record error in Vietnamese (default) or English, e.g.
 * `Hộ HH-0001 (dòng 3): thiếu trường bắt buộc facts.members[2].birthDate.`
 */
export function recordErrorMessage(subject: Subject, field: string, reason: Reason, lang: Lang = 'vi'): string {
  return `${subjectText(subject, lang)}: ${reasonText(reason, field, lang)}.`;
}
