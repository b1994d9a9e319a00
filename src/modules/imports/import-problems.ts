/**
 * Problems of an import: where (sheet, row as a spreadsheet shows it, column as written in the
 * file's header) and why, in Vietnamese or English. Messages name the reason, never the value of
 * a cell: a citizen ID or a birth date never appears in a problem line or a log.
 */
import type { SheetName } from './import-columns.js';

export type ImportLanguage = 'vi' | 'en';

const catalog = {
  file_empty: { vi: 'Tệp trống.', en: 'The file is empty.' },
  file_not_xlsx: {
    vi: 'Tệp không phải là sổ tính Excel .xlsx (có thể là tệp văn bản đổi đuôi, hoặc tệp hỏng).',
    en: 'The file is not an Excel .xlsx workbook (perhaps a renamed text file, or a damaged one).',
  },
  file_xlsx_for_csv: {
    vi: 'Tệp là sổ tính Excel, không phải CSV; hãy gửi một tệp .xlsx, hoặc lưu từng sheet thành “CSV UTF-8”.',
    en: 'The file is an Excel workbook, not CSV; send one .xlsx file, or save each sheet as "CSV UTF-8".',
  },
  file_not_utf8: {
    vi: 'Tệp không phải văn bản UTF-8 (lỗi mã hoá từ dòng này); hãy lưu lại dạng “CSV UTF-8”.',
    en: 'The file is not UTF-8 text (an encoding error from this line on); save it again as "CSV UTF-8".',
  },
  file_utf16: {
    vi: 'Tệp được lưu dạng Unicode UTF-16; hãy lưu lại dạng “CSV UTF-8”.',
    en: 'The file is saved as Unicode UTF-16; save it again as "CSV UTF-8".',
  },
  csv_quote: {
    vi: 'Không đọc được dòng này: dấu ngoặc kép (") không được đóng hoặc đặt sai chỗ; phần còn lại của tệp không được đọc.',
    en: 'This row cannot be read: a double quote (") is not closed or is misplaced; the rest of the file was not read.',
  },
  csv_too_long: {
    vi: 'Không đọc được dòng này: dòng dài quá 1 MB; phần còn lại của tệp không được đọc.',
    en: 'This row cannot be read: it is longer than 1 MB; the rest of the file was not read.',
  },
  sheet_missing: {
    vi: 'Sổ tính không có sheet “{sheet}”.',
    en: 'The workbook has no sheet "{sheet}".',
  },
  sheet_no_rows: { vi: 'Sheet không có dòng dữ liệu nào.', en: 'The sheet has no data rows.' },
  sheet_too_many_rows: {
    vi: 'Sheet có quá {max} dòng; hãy chia thành nhiều lần nhập.',
    en: 'The sheet has more than {max} rows; split it into several imports.',
  },
  header_unrecognised: {
    vi: 'Dòng 1 không phải dòng tiêu đề của sheet {sheet}: không nhận ra cột nào; hãy dùng tệp mẫu.',
    en: 'Row 1 is not the header of sheet {sheet}: no column is recognised; use the template.',
  },
  header_unknown: {
    vi: 'Cột “{header}” không có trong mẫu.',
    en: 'Column "{header}" is not in the template.',
  },
  header_duplicate: {
    vi: 'Cột “{header}” trùng với cột {first}.',
    en: 'Column "{header}" repeats column {first}.',
  },
  header_missing: {
    vi: 'Thiếu cột bắt buộc “{header}” ({name}).',
    en: 'Required column "{header}" ({name}) is missing.',
  },
  cell_without_header: {
    vi: 'Ô có dữ liệu nhưng cột không có tiêu đề.',
    en: 'The cell has data but its column has no header.',
  },
  required: { vi: 'Bắt buộc nhập.', en: 'Required.' },
  text_control: {
    vi: 'Có ký tự điều khiển không hợp lệ.',
    en: 'Contains invalid control characters.',
  },
  text_too_long: { vi: 'Dài quá {max} ký tự.', en: 'Longer than {max} characters.' },
  household_code_format: {
    vi: 'Mã hộ chỉ gồm chữ cái không dấu, chữ số và các dấu - _ . / (tối đa 40 ký tự).',
    en: 'A household code has only letters without diacritics, digits and - _ . / (up to 40 characters).',
  },
  commune_format: { vi: 'Mã xã phải gồm 5 chữ số.', en: 'A commune code has 5 digits.' },
  commune_unknown: {
    vi: 'Không có xã mã {code} trong danh mục đơn vị hành chính của tỉnh.',
    en: 'There is no commune {code} among the administrative units of the province.',
  },
  commune_not_valid: {
    vi: 'Xã mã {code} không có hiệu lực vào ngày khảo sát {date} (có hiệu lực {periods}).',
    en: 'Commune {code} is not valid on the survey date {date} (valid {periods}).',
  },
  commune_out_of_scope: {
    vi: 'Xã mã {code} nằm ngoài phạm vi quản lý của tài khoản.',
    en: 'Commune {code} is outside the scope of this account.',
  },
  boolean: {
    vi: 'Phải là 1/0, true/false, có/không, x hoặc để trống.',
    en: 'Must be 1/0, true/false, có/không, x or blank.',
  },
  date_format: {
    vi: 'Ngày phải có dạng dd/mm/yyyy hoặc yyyy-mm-dd.',
    en: 'A date must be dd/mm/yyyy or yyyy-mm-dd.',
  },
  date_numeric: {
    vi: 'Ô ngày đang ở dạng số; hãy định dạng ô là ngày, hoặc nhập dd/mm/yyyy.',
    en: 'The date cell holds a number; format the cell as a date, or type dd/mm/yyyy.',
  },
  date_impossible: {
    vi: 'Ngày không có thật trên lịch.',
    en: 'The date does not exist on the calendar.',
  },
  date_range: { vi: 'Năm phải từ 1900 đến 2100.', en: 'The year must be from 1900 to 2100.' },
  survey_future: {
    vi: 'Ngày khảo sát ở sau ngày hôm nay.',
    en: 'The survey date is after today.',
  },
  birth_after_survey: {
    vi: 'Ngày sinh ở sau ngày khảo sát của hộ.',
    en: "The date of birth is after the household's survey date.",
  },
  money_negative: { vi: 'Số tiền không được âm.', en: 'An amount cannot be negative.' },
  money_format: {
    vi: 'Số tiền phải là số nguyên đồng: chỉ chữ số, có thể có dấu chấm phân cách hàng nghìn (ví dụ 1.500.000).',
    en: 'An amount is whole đồng: digits only, optionally with "." thousands separators (e.g. 1.500.000).',
  },
  money_too_large: {
    vi: 'Số tiền lớn quá 1.000.000.000.000 đồng.',
    en: 'The amount exceeds 1,000,000,000,000 VND.',
  },
  score_format: {
    vi: 'Điểm A phải là số nguyên từ 0 đến 1.000.000.',
    en: 'Score A must be a whole number from 0 to 1,000,000.',
  },
  floor_area_format: {
    vi: 'Diện tích phải là số không âm, tối đa 2 chữ số sau dấu thập phân (ví dụ 36,5).',
    en: 'The area must be a number of at least 0 with up to 2 decimals (e.g. 36.5).',
  },
  floor_area_too_large: {
    vi: 'Diện tích lớn quá 1.000.000 m².',
    en: 'The area exceeds 1,000,000 m².',
  },
  enum_unknown: {
    vi: 'Giá trị không có trong danh mục; dùng một trong: {allowed}.',
    en: 'The value is not in the list; use one of: {allowed}.',
  },
  ethnicity_unknown: {
    vi: 'Không nhận ra dân tộc; nhập mã dân tộc (01–54) hoặc tên dân tộc.',
    en: 'Unknown ethnic group; give its code (01–54) or its name.',
  },
  citizen_id_chars: {
    vi: 'Số định danh chỉ gồm chữ số (12 chữ số).',
    en: 'A citizen ID has digits only (12 digits).',
  },
  citizen_id_length: {
    vi: 'Số định danh phải có 12 chữ số.',
    en: 'A citizen ID has 12 digits.',
  },
  citizen_id_length_numeric: {
    vi: 'Số định danh phải có 12 chữ số (ô đang ở dạng số nên có thể đã mất số 0 ở đầu; hãy định dạng ô là văn bản).',
    en: 'A citizen ID has 12 digits (the cell holds a number, so a leading 0 may be lost; format the cell as text).',
  },
  citizen_id_place: {
    vi: 'Ba chữ số đầu của số định danh phải là mã nơi đăng ký khai sinh (001–096).',
    en: 'The first three digits of a citizen ID are the place of birth registration (001–096).',
  },
  citizen_id_birth: {
    vi: 'Chữ số thứ 4–6 của số định danh không khớp với giới tính và năm sinh.',
    en: 'Digits 4–6 of the citizen ID do not match the sex and year of birth.',
  },
  income_or_score_missing: {
    vi: 'Nhập thu nhập bình quân hoặc điểm A.',
    en: 'Give the income per person or score A.',
  },
  income_and_score: {
    vi: 'Chỉ nhập một trong hai: thu nhập bình quân hoặc điểm A.',
    en: 'Give only one of income per person and score A.',
  },
  duplicate_household_code: {
    vi: 'Mã hộ trùng với dòng {row}.',
    en: 'The household code repeats row {row}.',
  },
  household_exists: {
    vi: 'Mã hộ đã có trong sổ hộ; dùng chế độ cập nhật (--update) để thay thông tin và thành viên của hộ.',
    en: 'The household code is already in the registry; use update mode (--update) to replace its facts and members.',
  },
  household_exists_out_of_scope: {
    vi: 'Mã hộ đã có trong sổ hộ, ở xã ngoài phạm vi quản lý của tài khoản.',
    en: 'The household code is already in the registry, in a commune outside the scope of this account.',
  },
  duplicate_citizen_id: {
    vi: 'Số định danh trùng với dòng {row}.',
    en: 'The citizen ID repeats row {row}.',
  },
  citizen_id_exists: {
    vi: 'Số định danh đã có trong sổ hộ (thành viên của hộ khác).',
    en: 'The citizen ID is already in the registry (a member of another household).',
  },
  member_household_missing: {
    vi: 'Không có hộ mã này trong sheet households.',
    en: 'There is no household with this code in sheet households.',
  },
  member_household_in_registry: {
    vi: 'Hộ mã này có trong sổ hộ nhưng không có trong sheet households; để thay thành viên, đưa cả dòng hộ vào tệp và dùng chế độ cập nhật.',
    en: 'This household is in the registry but not in sheet households; to replace its members, include the household row and use update mode.',
  },
  household_no_members: {
    vi: 'Hộ không có thành viên nào trong sheet members.',
    en: 'The household has no members in sheet members.',
  },
  second_head: {
    vi: 'Hộ đã có chủ hộ ở dòng {row}.',
    en: 'The household already has a head at row {row}.',
  },
} satisfies Record<string, Record<ImportLanguage, string>>;

export type ProblemKey = keyof typeof catalog;
export type ProblemParams = Readonly<Record<string, string | number>>;

/** One problem as found: the message is rendered when it is shown, in the reader's language. */
export interface Problem {
  sheet: SheetName;
  /** Row as a spreadsheet shows it; the header is row 1. */
  row: number;
  /** The column as written in the file's header ('' for the whole row or file). */
  column: string;
  /** 1-based position of the column in the file, 0 when there is none (for marking cells). */
  columnIndex: number;
  key: ProblemKey;
  params?: ProblemParams;
}

/** A problem as people read it. */
export interface ProblemLine {
  sheet: SheetName;
  row: number;
  column: string;
  message: string;
}

export function problemMessage(key: ProblemKey, language: ImportLanguage, params: ProblemParams = {}): string {
  return catalog[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function renderProblem(problem: Problem, language: ImportLanguage): ProblemLine {
  return {
    sheet: problem.sheet,
    row: problem.row,
    column: problem.column,
    message: problemMessage(problem.key, language, problem.params),
  };
}

/**
 * The line the command line prints: `sheet:row:column: message`.
 * @example formatProblemLine({ sheet: 'members', row: 7, column: 'Số định danh cá nhân', message: 'Số định danh phải có 12 chữ số.' })
 * // 'members:7:Số định danh cá nhân: Số định danh phải có 12 chữ số.'
 */
export function formatProblemLine(line: ProblemLine): string {
  return `${line.sheet}:${line.row}:${line.column}: ${line.message}`;
}

const SHEET_ORDER: Readonly<Record<SheetName, number>> = { households: 0, members: 1 };

/**
 * Every problem of a run, counted, with the first `limit` kept (a 50 MB file of junk must not
 * keep millions of them in memory). Kept problems come out in sheet, row and column order.
 */
export class ProblemList {
  private readonly kept: Problem[] = [];
  private total = 0;

  constructor(readonly limit = 10_000) {}

  add(problem: Problem): void {
    this.total += 1;
    if (this.kept.length < this.limit) this.kept.push(problem);
  }

  get count(): number {
    return this.total;
  }

  get truncated(): boolean {
    return this.total > this.kept.length;
  }

  sorted(): Problem[] {
    return [...this.kept].sort(
      (a, b) => SHEET_ORDER[a.sheet] - SHEET_ORDER[b.sheet] || a.row - b.row || a.columnIndex - b.columnIndex,
    );
  }
}
