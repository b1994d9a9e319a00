/**
 * The two sheets of a household import (SPEC §6): their canonical column names, the Vietnamese
 * headers of the templates, the kind of value each column holds and the allowed values of the
 * enumerated ones. The importer accepts a header written either way, matched without case,
 * diacritics, spaces or punctuation ("Mã hộ", "ma ho", "MA_HO" and "household_code" all name
 * the same column).
 */
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  LATRINE_TYPES,
  WATER_SOURCES,
} from '../../domain/poverty/types.js';

export const SHEETS = ['households', 'members'] as const;
export type SheetName = (typeof SHEETS)[number];

/** Vietnamese sheet names also accepted in a workbook (the templates use the canonical ones). */
export const SHEET_ALIASES: Readonly<Record<SheetName, readonly string[]>> = {
  households: ['households', 'Hộ gia đình'],
  members: ['members', 'Thành viên', 'Nhân khẩu'],
};

/** How a cell is read (import-values.ts has one parser per kind). */
export type ValueKind =
  | 'household_code'
  | 'commune_code'
  | 'text'
  | 'area'
  | 'boolean'
  | 'date'
  | 'money'
  | 'score'
  | 'floor_area'
  | 'enum'
  | 'sex'
  | 'ethnicity'
  | 'citizen_id';

/** An allowed value of an enumerated column: the canonical code and its Vietnamese label. */
export interface EnumValue {
  code: string;
  vi: string;
  en: string;
  /** Other spellings accepted on import. */
  aliases?: readonly string[];
}

export interface ColumnDefinition {
  /** Canonical name (SPEC §6), also the key of the parsed value. */
  name: string;
  /** Header of the Vietnamese templates. */
  header: string;
  /** Other headers met in the field; matched the same way. */
  aliases?: readonly string[];
  kind: ValueKind;
  /** A blank cell is a problem (booleans are never blank: blank means "no"). */
  required: boolean;
  values?: readonly EnumValue[];
  /** What the column holds, for the template's explanation sheet. */
  description: { vi: string; en: string };
  /** An example value as a person would type it. */
  example: string;
}

/** The accepted ways to write yes and no (SPEC §6), for the template's explanation sheet. */
export const BOOLEAN_NOTE = {
  vi: '1/0, true/false, có/không, x/để trống (để trống = không)',
  en: '1/0, true/false, có/không, x/blank (blank = no)',
};

export const AREA_VALUES: readonly EnumValue[] = [
  { code: 'rural', vi: 'Nông thôn', en: 'Rural' },
  { code: 'urban', vi: 'Thành thị', en: 'Urban', aliases: ['Đô thị'] },
];

export const SEX_VALUES: readonly EnumValue[] = [
  { code: 'male', vi: 'Nam', en: 'Male' },
  { code: 'female', vi: 'Nữ', en: 'Female' },
];

const WATER_LABELS: Record<(typeof WATER_SOURCES)[number], [string, string]> = {
  piped: ['Nước máy', 'Piped water'],
  borehole: ['Giếng khoan', 'Borehole'],
  protected_well: ['Giếng đào được bảo vệ', 'Protected dug well'],
  protected_spring: ['Nước khe, mó được bảo vệ', 'Protected spring'],
  rainwater: ['Nước mưa', 'Rainwater'],
  bottled: ['Nước đóng chai, đóng bình', 'Bottled water'],
  unprotected_well: ['Giếng đào không được bảo vệ', 'Unprotected dug well'],
  unprotected_spring: ['Nước khe, mó không được bảo vệ', 'Unprotected spring'],
  surface: ['Nước sông, suối, ao, hồ', 'Surface water'],
  other: ['Nguồn khác', 'Other'],
};

const LATRINE_LABELS: Record<(typeof LATRINE_TYPES)[number], [string, string]> = {
  septic: ['Tự hoại', 'Septic tank'],
  semi_septic: ['Bán tự hoại', 'Semi-septic tank'],
  pour_flush: ['Dội nước', 'Pour-flush'],
  double_vault: ['Hai ngăn', 'Double-vault'],
  ventilated_pit: ['Chìm có ống thông hơi', 'Ventilated improved pit'],
  unimproved_pit: ['Hố xí không hợp vệ sinh', 'Unimproved pit'],
  none: ['Không có nhà tiêu', 'No latrine'],
  other: ['Loại khác', 'Other'],
};

const EMPLOYMENT_LABELS: Record<(typeof EMPLOYMENT_STATUSES)[number], [string, string]> = {
  contract: ['Làm công có hợp đồng', 'Wage work with a contract'],
  informal_wage: ['Làm công không có hợp đồng', 'Wage work without a contract'],
  self_employed: ['Tự làm', 'Self-employed'],
  unemployed: ['Thất nghiệp', 'Unemployed'],
  not_in_labour_force: ['Không tham gia lao động', 'Not in the labour force'],
};

const EDUCATION_LABELS: Record<(typeof EDUCATION_LEVELS)[number], [string, string]> = {
  none: ['Chưa tốt nghiệp tiểu học', 'None'],
  primary: ['Tiểu học', 'Primary'],
  lower_secondary: ['Trung học cơ sở', 'Lower secondary'],
  upper_secondary: ['Trung học phổ thông', 'Upper secondary'],
  vocational: ['Giáo dục nghề nghiệp', 'Vocational'],
  college_or_higher: ['Cao đẳng, đại học trở lên', 'College or higher'],
};

function enumValues<C extends string>(
  codes: readonly C[],
  labels: Record<C, [string, string]>,
  aliases: Partial<Record<C, readonly string[]>> = {},
): EnumValue[] {
  return codes.map((code) => ({ code, vi: labels[code][0], en: labels[code][1], ...(aliases[code] ? { aliases: aliases[code] } : {}) }));
}

export const WATER_VALUES = enumValues(WATER_SOURCES, WATER_LABELS, { other: ['Khác'] });
export const LATRINE_VALUES = enumValues(LATRINE_TYPES, LATRINE_LABELS, { none: ['Không có'], other: ['Khác'] });
export const EMPLOYMENT_VALUES = enumValues(EMPLOYMENT_STATUSES, EMPLOYMENT_LABELS);
export const EDUCATION_VALUES = enumValues(EDUCATION_LEVELS, EDUCATION_LABELS);

export const HOUSEHOLD_COLUMNS = [
  {
    name: 'household_code',
    header: 'Mã hộ',
    aliases: ['Mã hộ gia đình', 'Mã số hộ'],
    kind: 'household_code',
    required: true,
    description: {
      vi: 'Mã hộ, duy nhất trong tỉnh: chữ cái không dấu, chữ số và các dấu - _ . / (tối đa 40 ký tự).',
      en: 'Household code, unique in the province: letters without diacritics, digits and - _ . / (up to 40 characters).',
    },
    example: '23830-00001',
  },
  {
    name: 'commune_code',
    header: 'Mã xã',
    aliases: ['Mã đơn vị hành chính cấp xã', 'Mã xã, phường, thị trấn', 'Mã ĐVHC'],
    kind: 'commune_code',
    required: true,
    description: {
      vi: 'Mã đơn vị hành chính cấp xã (5 chữ số) có hiệu lực vào ngày khảo sát.',
      en: 'Code of the commune (5 digits) valid on the survey date.',
    },
    example: '23830',
  },
  {
    name: 'village',
    header: 'Thôn/làng',
    aliases: ['Thôn, làng', 'Thôn', 'Thôn, buôn, làng, tổ dân phố', 'Thôn/tổ dân phố'],
    kind: 'text',
    required: true,
    description: { vi: 'Thôn, làng, buôn, plei hoặc tổ dân phố.', en: 'Village or residential group.' },
    example: 'Làng Tơ Kơn',
  },
  {
    name: 'address',
    header: 'Địa chỉ',
    kind: 'text',
    required: false,
    description: { vi: 'Địa chỉ nơi ở (không bắt buộc).', en: 'Address (optional).' },
    example: 'Làng Tơ Kơn, xã Chư Krey',
  },
  {
    name: 'head_name',
    header: 'Họ tên chủ hộ',
    aliases: ['Họ và tên chủ hộ', 'Chủ hộ'],
    kind: 'text',
    required: true,
    description: { vi: 'Họ và tên chủ hộ.', en: 'Full name of the head of household.' },
    example: 'Đinh Văn Hmưh',
  },
  {
    name: 'area',
    header: 'Khu vực',
    kind: 'area',
    required: false,
    values: AREA_VALUES,
    description: {
      vi: 'Nông thôn hoặc thành thị; để trống thì lấy theo loại đơn vị của xã (xã: nông thôn; phường, thị trấn: thành thị).',
      en: 'Rural or urban; blank takes the commune type (xã: rural; phường, thị trấn: urban).',
    },
    example: 'Nông thôn',
  },
  {
    name: 'farm_household',
    header: 'Hộ nông nghiệp',
    aliases: ['Hộ làm nông, lâm, ngư, diêm nghiệp', 'Hộ nông, lâm, ngư, diêm nghiệp'],
    kind: 'boolean',
    required: false,
    description: {
      vi: 'Hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp hoặc diêm nghiệp.',
      en: 'Household living from agriculture, forestry, fishery or salt making.',
    },
    example: 'có',
  },
  {
    name: 'survey_date',
    header: 'Ngày khảo sát',
    aliases: ['Ngày rà soát', 'Ngày điều tra'],
    kind: 'date',
    required: true,
    description: { vi: 'Ngày khảo sát, rà soát hộ (dd/mm/yyyy hoặc yyyy-mm-dd).', en: 'Survey date (dd/mm/yyyy or yyyy-mm-dd).' },
    example: '01/10/2025',
  },
  {
    name: 'income_per_capita',
    header: 'Thu nhập bình quân (đồng/người/tháng)',
    aliases: ['Thu nhập bình quân', 'Thu nhập bình quân đầu người', 'Thu nhập bình quân người/tháng'],
    kind: 'money',
    required: false,
    description: {
      vi: 'Thu nhập bình quân đầu người một tháng, đồng; chỉ chữ số, có thể có dấu chấm phân cách hàng nghìn. Nhập thu nhập hoặc điểm A, không nhập cả hai.',
      en: 'Income per person per month in VND; digits only, optionally with "." thousands separators. Give income or score A, not both.',
    },
    example: '1.200.000',
  },
  {
    name: 'score_a',
    header: 'Điểm A',
    aliases: ['Tổng điểm A'],
    kind: 'score',
    required: false,
    description: {
      vi: 'Tổng điểm A (chấm điểm thay cho thu nhập), số nguyên không âm.',
      en: 'Score A (a proxy for income), a whole number of at least 0.',
    },
    example: '',
  },
  {
    name: 'floor_area_m2',
    header: 'Diện tích nhà ở (m²)',
    aliases: ['Diện tích nhà ở', 'Diện tích nhà'],
    kind: 'floor_area',
    required: true,
    description: {
      vi: 'Diện tích nhà ở, m² (số thập phân dùng dấu phẩy hoặc dấu chấm, tối đa 2 chữ số sau dấu).',
      en: 'Floor area in m² (decimal comma or point, up to 2 decimals).',
    },
    example: '36,5',
  },
  {
    name: 'durable_walls',
    header: 'Tường bền chắc',
    kind: 'boolean',
    required: false,
    description: { vi: 'Tường nhà làm bằng vật liệu bền chắc.', en: 'Walls of durable material.' },
    example: 'có',
  },
  {
    name: 'durable_frame',
    header: 'Khung, cột bền chắc',
    aliases: ['Khung bền chắc', 'Cột bền chắc'],
    kind: 'boolean',
    required: false,
    description: { vi: 'Khung, cột nhà làm bằng vật liệu bền chắc.', en: 'Frame of durable material.' },
    example: 'có',
  },
  {
    name: 'durable_roof',
    header: 'Mái bền chắc',
    kind: 'boolean',
    required: false,
    description: { vi: 'Mái nhà làm bằng vật liệu bền chắc.', en: 'Roof of durable material.' },
    example: 'không',
  },
  {
    name: 'water_source',
    header: 'Nguồn nước sinh hoạt',
    aliases: ['Nguồn nước'],
    kind: 'enum',
    required: true,
    values: WATER_VALUES,
    description: { vi: 'Nguồn nước sinh hoạt chính của hộ.', en: 'Main source of water.' },
    example: 'Giếng khoan',
  },
  {
    name: 'latrine',
    header: 'Loại nhà tiêu',
    aliases: ['Nhà tiêu', 'Nhà vệ sinh', 'Hố xí'],
    kind: 'enum',
    required: true,
    values: LATRINE_VALUES,
    description: { vi: 'Loại nhà tiêu (hố xí) hộ sử dụng.', en: 'Type of latrine.' },
    example: 'Dội nước',
  },
  {
    name: 'internet_use',
    header: 'Sử dụng Internet',
    aliases: ['Dùng Internet', 'Sử dụng dịch vụ viễn thông'],
    kind: 'boolean',
    required: false,
    description: {
      vi: 'Có thành viên sử dụng dịch vụ Internet (cố định hoặc di động).',
      en: 'A member uses the Internet (fixed or mobile).',
    },
    example: 'có',
  },
  {
    name: 'information_devices',
    header: 'Có phương tiện tiếp cận thông tin',
    aliases: ['Phương tiện tiếp cận thông tin'],
    kind: 'boolean',
    required: false,
    description: {
      vi: 'Hộ có tivi, radio, máy tính hoặc điện thoại để tiếp cận thông tin.',
      en: 'The household has a TV, radio, computer or phone to reach information.',
    },
    example: 'có',
  },
  {
    name: 'waste_collected',
    header: 'Rác thải được thu gom',
    aliases: ['Thu gom rác thải'],
    kind: 'boolean',
    required: false,
    description: { vi: 'Rác thải sinh hoạt của hộ được thu gom (chuẩn 2027).', en: 'Household waste is collected (2027 standard).' },
    example: 'không',
  },
] as const satisfies readonly ColumnDefinition[];

export const MEMBER_COLUMNS = [
  {
    name: 'household_code',
    header: 'Mã hộ',
    aliases: ['Mã hộ gia đình', 'Mã số hộ'],
    kind: 'household_code',
    required: true,
    description: { vi: 'Mã hộ của thành viên, phải có trong sheet households.', en: "The member's household code; must be in the households sheet." },
    example: '23830-00001',
  },
  {
    name: 'full_name',
    header: 'Họ và tên',
    aliases: ['Họ tên', 'Họ và tên thành viên'],
    kind: 'text',
    required: true,
    description: { vi: 'Họ và tên thành viên.', en: 'Full name.' },
    example: 'Đinh Văn Hmưh',
  },
  {
    name: 'sex',
    header: 'Giới tính',
    kind: 'sex',
    required: true,
    values: SEX_VALUES,
    description: { vi: 'Nam hoặc nữ.', en: 'Male or female.' },
    example: 'Nam',
  },
  {
    name: 'birth_date',
    header: 'Ngày sinh',
    aliases: ['Ngày, tháng, năm sinh'],
    kind: 'date',
    required: true,
    description: { vi: 'Ngày sinh (dd/mm/yyyy hoặc yyyy-mm-dd).', en: 'Date of birth (dd/mm/yyyy or yyyy-mm-dd).' },
    example: '02/04/1990',
  },
  {
    name: 'ethnicity',
    header: 'Dân tộc',
    kind: 'ethnicity',
    required: false,
    description: {
      vi: 'Mã dân tộc (01 = Kinh, 10 = Gia Rai, 13 = Ba Na, …) hoặc tên dân tộc, kể cả tên gọi khác (Jrai, Bahnar, …).',
      en: 'Ethnic group code (01 = Kinh, 10 = Gia Rai, 13 = Ba Na, …) or name, other spellings included (Jrai, Bahnar, …).',
    },
    example: 'Ba Na',
  },
  {
    name: 'citizen_id',
    header: 'Số định danh cá nhân',
    aliases: ['Số định danh', 'Số CCCD', 'CCCD', 'Số căn cước', 'Số căn cước công dân'],
    kind: 'citizen_id',
    required: false,
    description: {
      vi: 'Số định danh cá nhân 12 chữ số (không bắt buộc). Định dạng ô là văn bản để giữ số 0 ở đầu.',
      en: '12-digit personal identification number (optional). Format the cell as text to keep leading zeros.',
    },
    example: '064090912345',
  },
  {
    name: 'relation',
    header: 'Quan hệ với chủ hộ',
    aliases: ['Quan hệ'],
    kind: 'text',
    required: true,
    description: { vi: 'Quan hệ với chủ hộ: chủ hộ, vợ, chồng, con, cháu, bố, mẹ, …', en: 'Relation to the head: chủ hộ (head), vợ, chồng, con, …' },
    example: 'chủ hộ',
  },
  {
    name: 'employment',
    header: 'Việc làm',
    aliases: ['Tình trạng việc làm'],
    kind: 'enum',
    required: true,
    values: EMPLOYMENT_VALUES,
    description: { vi: 'Tình trạng việc làm.', en: 'Employment.' },
    example: 'Tự làm',
  },
  {
    name: 'health_insurance',
    header: 'Có bảo hiểm y tế',
    aliases: ['Bảo hiểm y tế', 'Có thẻ bảo hiểm y tế', 'BHYT'],
    kind: 'boolean',
    required: false,
    description: { vi: 'Có thẻ bảo hiểm y tế còn hạn.', en: 'Holds a valid health insurance card.' },
    example: 'có',
  },
  {
    name: 'attending_school',
    header: 'Đang đi học',
    kind: 'boolean',
    required: false,
    description: { vi: 'Đang đi học.', en: 'Attending school.' },
    example: 'không',
  },
  {
    name: 'education_level',
    header: 'Trình độ giáo dục',
    aliases: ['Trình độ học vấn', 'Trình độ'],
    kind: 'enum',
    required: true,
    values: EDUCATION_VALUES,
    description: { vi: 'Trình độ giáo dục cao nhất đã đạt.', en: 'Highest level of education completed.' },
    example: 'Trung học cơ sở',
  },
  {
    name: 'social_allowance',
    header: 'Hưởng trợ cấp xã hội',
    aliases: ['Trợ cấp xã hội', 'Hưởng trợ cấp xã hội hằng tháng'],
    kind: 'boolean',
    required: false,
    description: { vi: 'Đang hưởng trợ cấp xã hội hằng tháng.', en: 'Receives a monthly social allowance.' },
    example: '',
  },
  {
    name: 'stunted',
    header: 'Suy dinh dưỡng thấp còi',
    aliases: ['Thấp còi'],
    kind: 'boolean',
    required: false,
    description: { vi: 'Trẻ dưới 16 tuổi suy dinh dưỡng thể thấp còi.', en: 'Child under 16 who is stunted.' },
    example: '',
  },
  {
    name: 'underweight',
    header: 'Suy dinh dưỡng nhẹ cân',
    aliases: ['Nhẹ cân'],
    kind: 'boolean',
    required: false,
    description: { vi: 'Trẻ dưới 16 tuổi suy dinh dưỡng thể nhẹ cân.', en: 'Child under 16 who is underweight.' },
    example: '',
  },
] as const satisfies readonly ColumnDefinition[];

export type HouseholdColumn = (typeof HOUSEHOLD_COLUMNS)[number]['name'];
export type MemberColumn = (typeof MEMBER_COLUMNS)[number]['name'];

export const COLUMNS: Readonly<Record<SheetName, readonly ColumnDefinition[]>> = {
  households: HOUSEHOLD_COLUMNS,
  members: MEMBER_COLUMNS,
};

/**
 * A header or a value reduced for comparison: compatibility forms unfolded (m² → m2), no
 * diacritics (đ → d), lower case, letters and digits only.
 * @example foldHeader('Diện tích nhà ở (m²)') // 'dientichnhaom2'
 * @example foldHeader('household_code')       // 'householdcode'
 */
export function foldHeader(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const headerIndex = new Map<SheetName, Map<string, ColumnDefinition>>(
  SHEETS.map((sheet) => {
    const index = new Map<string, ColumnDefinition>();
    for (const column of COLUMNS[sheet]) {
      for (const spelling of [column.name, column.header, ...(column.aliases ?? [])]) {
        const key = foldHeader(spelling);
        const owner = index.get(key);
        if (owner && owner !== column) throw new Error(`header "${spelling}" names two ${sheet} columns`);
        index.set(key, column);
      }
    }
    return [sheet, index];
  }),
);

/** The column a header names in a sheet, or undefined. */
export function columnForHeader(sheet: SheetName, header: string): ColumnDefinition | undefined {
  const key = foldHeader(header);
  return key === '' ? undefined : headerIndex.get(sheet)?.get(key);
}

/** The sheet a workbook sheet name stands for, or undefined. */
export function sheetForName(name: string): SheetName | undefined {
  const key = foldHeader(name);
  return SHEETS.find((sheet) => SHEET_ALIASES[sheet].some((alias) => foldHeader(alias) === key));
}

/** Column letters as a spreadsheet shows them: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
