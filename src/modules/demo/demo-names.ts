/**
 * Name material for the synthetic demo province: personal names by ethnic group, village names
 * by the naming custom of the area (thôn, làng, plei, buôn, tổ dân phố) and street names.
 * Lists only; how names are put together lives in the generator. Text is NFC.
 */
import type { WeightedTable } from './demo-random.js';

/**
 * Official codes of the ethnic groups the demo province uses: Kinh, Tày, Thái, Mường, Nùng,
 * Gia Rai (Jrai), Ê Đê, Ba Na (Bahnar). They must exist in `ethnic_group` before seeding.
 */
export const DEMO_ETHNIC_CODES = ['01', '02', '03', '06', '07', '10', '12', '13'] as const;
export type DemoEthnicCode = (typeof DEMO_ETHNIC_CODES)[number];

export const KINH: DemoEthnicCode = '01';
export const JRAI: DemoEthnicCode = '10';
export const BAHNAR: DemoEthnicCode = '13';

/** Kinh, or one of the ethnic minorities (dân tộc thiểu số): every group but Kinh. */
export type Ethnicity = 'minority' | 'kinh';

/**
 * How a group composes a personal name:
 * - `vietnamese`: surname + middle + given (Kinh, Tày, Nùng, Thái, Mường);
 * - `jrai`: clan name + given, women's names often written H'… (Rơ Mah H'Lan, Ksor Blơi);
 * - `bahnar`: family name + Văn/Thị + given (Đinh Văn Byưh, Đinh Thị Hnhiên);
 * - `ede`: Y/H' + given + clan name last (Y Bih Niê, H'Nga Mlô).
 */
export type NameStyle = 'vietnamese' | 'jrai' | 'bahnar' | 'ede';

export interface GroupNames {
  style: NameStyle;
  surnames: WeightedTable<string>;
  maleGiven: readonly string[];
  femaleGiven: readonly string[];
  /** Children take the mother's clan name (Jrai and Ê Đê are matrilineal). */
  matrilineal: boolean;
}

const KINH_SURNAMES: WeightedTable<string> = [
  ['Nguyễn', 31], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Phan', 4.5], ['Hoàng', 4],
  ['Võ', 3.5], ['Huỳnh', 3], ['Vũ', 2], ['Đặng', 2], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3],
  ['Ngô', 1.3], ['Dương', 1], ['Trương', 1], ['Đinh', 0.8], ['Đoàn', 0.8], ['Lý', 0.5],
  ['Lâm', 0.5], ['Mai', 0.5], ['Cao', 0.5], ['Lương', 0.5], ['Tạ', 0.3],
];

export const VIETNAMESE_MALE_MIDDLE: WeightedTable<string> = [
  ['Văn', 40], ['Đức', 8], ['Minh', 8], ['Hữu', 7], ['Quốc', 6], ['Thanh', 6], ['Công', 6],
  ['Xuân', 4], ['Ngọc', 4], ['Quang', 4], ['Hoàng', 3], ['Duy', 3], ['Trọng', 3], ['Anh', 3],
];

export const VIETNAMESE_FEMALE_MIDDLE: WeightedTable<string> = [
  ['Thị', 55], ['Ngọc', 6], ['Thu', 5], ['Thanh', 5], ['Kim', 4], ['Mỹ', 4], ['Thùy', 4],
  ['Hồng', 4], ['Bích', 3], ['Minh', 3], ['Phương', 3], ['Khánh', 2], ['Bảo', 2],
];

const VIETNAMESE_MALE_GIVEN = [
  'An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hào', 'Hiếu', 'Hòa', 'Hùng', 'Huy', 'Khang',
  'Khánh', 'Kiên', 'Lâm', 'Long', 'Lộc', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc',
  'Quân', 'Quang', 'Sang', 'Sơn', 'Tài', 'Tâm', 'Thành', 'Thắng', 'Thịnh', 'Tiến', 'Toàn', 'Trí',
  'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ',
] as const;

const VIETNAMESE_FEMALE_GIVEN = [
  'Anh', 'Châu', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Hương', 'Huyền',
  'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương',
  'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thơm', 'Thủy', 'Trang', 'Tuyết', 'Uyên', 'Vân', 'Xuân', 'Yến',
] as const;

const vietnamese = (surnames: WeightedTable<string>): GroupNames => ({
  style: 'vietnamese',
  surnames,
  maleGiven: VIETNAMESE_MALE_GIVEN,
  femaleGiven: VIETNAMESE_FEMALE_GIVEN,
  matrilineal: false,
});

/** Names by official ethnic-group code (the groups the demo province uses). */
export const GROUP_NAMES: Readonly<Record<DemoEthnicCode, GroupNames>> = {
  '01': vietnamese(KINH_SURNAMES),
  '02': vietnamese([
    ['Hoàng', 20], ['Nông', 18], ['Lương', 12], ['Ma', 8], ['Bế', 8], ['Hà', 8], ['Lục', 6],
    ['Đàm', 6], ['Triệu', 7], ['Lý', 7],
  ]),
  '03': vietnamese([
    ['Lò', 20], ['Cầm', 15], ['Lường', 15], ['Quàng', 10], ['Vi', 10], ['Hà', 15], ['Lương', 15],
  ]),
  '06': vietnamese([
    ['Bùi', 35], ['Đinh', 20], ['Quách', 15], ['Hà', 10], ['Xa', 5], ['Phạm', 10], ['Trương', 5],
  ]),
  '07': vietnamese([
    ['Nông', 20], ['Hoàng', 18], ['Lương', 12], ['Lăng', 10], ['Vi', 10], ['Lục', 8], ['Chu', 7],
    ['Mã', 5], ['Lộc', 5], ['Hà', 5],
  ]),
  '10': {
    style: 'jrai',
    surnames: [
      ['Ksor', 12], ['Siu', 12], ['Rơ Mah', 11], ['Kpă', 9], ['Nay', 8], ['Rơ Châm', 7],
      ['Puih', 7], ['Rahlan', 6], ['Rcom', 6], ['Rmah', 5], ['Kpuih', 4], ['Rơ Lan', 4],
      ['Hiao', 3], ['Rơ Ô', 3],
    ],
    maleGiven: [
      'Blơi', 'Phương', 'Kưn', 'Thuấn', 'Hyưn', 'Ngơr', 'Thuơr', 'Yuh', 'Klưu', 'Tơ', 'Blik',
      'Dơng', 'Ngăn', 'Hiăm', 'Lăk', 'Pơ', 'Bưi', 'Dih', 'Khoan', 'Kuih', 'Hlinh', 'Thân', 'Hin',
      'Luyn', 'Nhan', 'Rin', 'Thưng', 'Glin', 'Phơ', 'Djuel',
    ],
    femaleGiven: [
      "H'Lan", "H'Bia", "H'Mai", "H'Nga", "H'Hương", "H'Yen", "H'Prăk", "H'Jút", "H'Linh",
      "H'Ly", 'Nguah', 'Hyen', 'Hnơr', 'Blan', 'Nhoan', 'Thu', 'Hen', 'Ngel', 'Prui', 'Hyơ',
      'Yuôr', 'Ktang', 'Hiam', 'Hlu', 'Chi', 'Plun', 'Bel', 'Hlip',
    ],
    matrilineal: true,
  },
  '12': {
    style: 'ede',
    surnames: [
      ['Niê', 20], ['Mlô', 12], ['Êban', 10], ['Ayun', 10], ['Byă', 8], ['Knul', 8], ['Hmok', 6],
      ['Ksơr', 6], ['Adrơng', 6], ['Mdrang', 6], ['Kbuôr', 4], ['Êya', 4],
    ],
    maleGiven: [
      'Bih', 'Ngông', 'Thuôn', 'Khăp', 'Tlang', 'Dhăm', 'Blin', 'Nguôn', 'Mai', 'Kông', 'Lang',
      'Djuin', 'Suăn', 'Khoa',
    ],
    femaleGiven: [
      'Nga', 'Linh', 'Bia', 'Hen', 'Yam', 'Năm', 'Juê', 'Ly', 'Nhi', 'Duen', 'Mai', 'Bình', 'Liên',
    ],
    matrilineal: true,
  },
  '13': {
    style: 'bahnar',
    surnames: [['Đinh', 88], ['Lê', 4], ['Hoàng', 4], ['Nguyễn', 4]],
    maleGiven: [
      'Byưh', 'Blơ', 'Hnil', 'Kuêh', 'Thuyên', 'Rin', 'Dơ', 'Ngưk', 'Thơm', 'Tơn', 'Hyêk', 'Blưu',
      'Grưh', 'Nhăm', 'Pơr', 'Ling', 'Mâm', 'Gơm', 'Tlang', 'Hyul', 'Bưn', 'Yơn', 'Blơn', 'Wưi',
      'Hmơ', 'Dút', 'Jơl', 'Klơ', 'Tuân', 'Phun',
    ],
    femaleGiven: [
      'Hnhiên', 'Hlen', 'Chiêm', 'Hlim', 'Bơi', 'Yơk', 'Hmun', 'Hơn', 'Jâo', 'Hmuih', 'Hun',
      'Ngah', 'Blan', 'Hyin', 'Mlư', 'Phiên', 'Bleo', 'Yung', 'Ngơi', 'Lêm', 'Hlo', 'Pư', 'Drim',
      'Glăi', 'Xuân', 'Yel', 'Hmăl', 'Dik', 'Tơk',
    ],
    matrilineal: false,
  },
};

/** Jrai villages (plei, làng). */
export const JRAI_VILLAGES = [
  'Ơi', 'Bông', 'Kép', 'Dêh', 'Chuet', 'Ốp', 'Tông', 'Pa Pết', 'Mơ Nang', 'Ngol', 'Krăi',
  'Thơ Ga', 'Dơr', 'Klăh', 'Bi', 'Mun', 'Yăng', 'Lốp', 'Kơ Tu', 'Ia Gri', 'Ia Lang', 'Ia Nueng',
  'Brông', 'Ring', 'Ngó', 'Tơ Nia', 'Wâu', 'Chư Rang', 'Dọ', 'Kom', 'Bơ Rok', 'Jut', 'Kly',
  'Grông', 'Ia Blang', 'Tung Ke', 'Khăm',
] as const;

/** Jrai villages of the Ayun Pa plain (buôn). */
export const BUON_VILLAGES = [
  'Ma Giai', 'Sai', 'Blăk', 'Ama Hing', "H'Ngol", 'Toát', 'Chư Jú', 'Tơ Nông', 'Ia Rbol', 'Bir',
  'Ia Ptao', 'Du', 'Mlah', 'Kết', 'Jứ', 'Đức', 'Tang', 'Ia Mlăh', 'Ekia', 'Nu', 'Tâng', 'Ayun',
  'Bluk',
] as const;

/** Bahnar villages (làng, kon = village). */
export const BAHNAR_VILLAGES = [
  'Kon Hring', 'Đê Tar', 'Kon Chrăh', 'Đê Chơ Gang', 'Tơ Drăh', 'Bông Hoai', 'Kon Mahar', 'Groi',
  'Hra', 'Kliêng', 'Kơ Dâu', 'Tơ Vơn', 'Đak Kơ Nia', 'Kon Lanh', 'Đê Kôn', 'Hrách', 'Kuao',
  'Ia Pết', 'Đê Ktu', 'Kon Trang', 'Tpông', 'Hle', 'Kon Kring', 'Đak Poi', 'Kon Brung',
  'Bơ Khôn', 'Đak Ya', 'Gút', 'Kông Lơng Khơng', 'Đăk Tơ Ver', 'Srăt', 'Bar', 'Hway',
] as const;

/** Named thôn of Kinh settlers. */
export const KINH_VILLAGES = [
  'Tân Lập', 'Hòa Bình', 'Thống Nhất', 'Tân Phú', 'An Phú', 'Phú Thọ', 'Quyết Thắng', 'Đoàn Kết',
  'Bình Minh', 'Hưng Thịnh', 'Thanh Bình', 'Phú Vinh', 'Tân Tiến', 'Hiệp Hòa', 'Tân Hòa',
  'Thắng Lợi', 'Phú Hòa', 'Tân Sơn', 'Quang Trung', 'Trung Hòa', 'An Bình', 'Đông Hà',
  'Hòa Thuận', 'Phú An', 'Tân Thành', 'Bắc Sơn', 'Nam Sơn', 'Đồng Tâm', 'Tiến Thành', 'Lạc Thiện',
  'Thanh Hà',
] as const;

/** Street names for urban addresses. */
export const STREETS = [
  'Hùng Vương', 'Trần Phú', 'Phạm Văn Đồng', 'Lê Lợi', 'Quang Trung', 'Nguyễn Tất Thành',
  'Trường Chinh', 'Lê Duẩn', 'Phan Đình Phùng', 'Hai Bà Trưng', 'Lý Thái Tổ', 'Nguyễn Văn Cừ',
  'Tôn Đức Thắng', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Lê Thánh Tôn', 'Wừu', 'Cách Mạng Tháng Tám',
  'Nguyễn Viết Xuân', 'Hoàng Văn Thụ', 'Ngô Quyền', 'Đinh Tiên Hoàng', 'Phan Bội Châu',
  'Lý Thường Kiệt',
] as const;
