/** Reading the cells of a household import: booleans, dates, money, numbers, lists, IDs, text. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EMPLOYMENT_VALUES, SEX_VALUES, WATER_VALUES } from '../../src/modules/imports/import-columns.js';
import {
  CellProblem,
  enumReader,
  ethnicityReader,
  readBoolean,
  readCitizenIdShape,
  readCommuneCode,
  readDate,
  readFloorArea,
  readHouseholdCode,
  readMoney,
  readScore,
  readText,
} from '../../src/modules/imports/import-values.js';

const problemKey = (value: unknown) => (value instanceof CellProblem ? value.key : value);

describe('booleans', () => {
  test.each([
    ['1', true], ['0', false], ['true', true], ['false', false], ['TRUE', true], ['False', false],
    ['có', true], ['không', false], ['Có', true], ['KHÔNG', false], ['co', true], ['khong', false],
    ['x', true], ['X', true], [' x ', true], ['', false], ['   ', false], [null, false], [undefined, false],
    [true, true], [false, false], [1, true], [0, false],
  ])('%j → %j', (cell, expected) => {
    expect(readBoolean(cell)).toBe(expected);
  });

  test.each(['yes', 'no', '2', 'có thể', '-', 'xx'])('%j is refused', (cell) => {
    expect(problemKey(readBoolean(cell))).toBe('boolean');
  });

  test('a decomposed "không" (NFD) reads like the composed one', () => {
    expect(readBoolean('không'.normalize('NFD'))).toBe(false);
    expect(readBoolean('Có'.normalize('NFD'))).toBe(true);
  });
});

describe('dates', () => {
  test.each([
    ['2024-02-29', '2024-02-29'],
    ['29/02/2024', '2024-02-29'],
    ['1/2/2024', '2024-02-01'],
    ['01/10/2021', '2021-10-01'],
    [' 2021-10-01 ', '2021-10-01'],
  ])('%j → %j', (cell, expected) => {
    expect(readDate(cell)).toBe(expected);
  });

  test('a workbook date cell (UTC midnight) keeps its day', () => {
    expect(readDate(new Date(Date.UTC(2022, 4, 20)))).toBe('2022-05-20');
  });

  test.each([
    ['31/02/2024', 'date_impossible'],
    ['2023-02-29', 'date_impossible'],
    ['31/04/2024', 'date_impossible'],
    ['00/01/2024', 'date_impossible'],
    ['15/13/2024', 'date_impossible'],
    ['2024/02/01', 'date_format'],
    ['20-05-2022', 'date_format'],
    ['05/20/22', 'date_format'],
    ['hôm qua', 'date_format'],
    ['01/01/1899', 'date_range'],
    [44_470, 'date_numeric'],
  ])('%j is refused as %s', (cell, key) => {
    expect(problemKey(readDate(cell))).toBe(key);
  });

  test('blank is no date', () => {
    expect(readDate('')).toBeNull();
    expect(readDate(null)).toBeNull();
  });

  test('every real day reads the same in both spellings', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        const dmy = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
        expect(readDate(iso)).toBe(iso);
        expect(readDate(dmy)).toBe(iso);
      }),
    );
  });
});

describe('money', () => {
  test.each([
    ['1500000', 1_500_000],
    ['1.500.000', 1_500_000],
    ['0', 0],
    ['999', 999],
    ['1.000', 1_000],
    [' 2.250.000 ', 2_250_000],
    [1_500_000, 1_500_000],
    ['', null],
  ])('%j → %j', (cell, expected) => {
    expect(readMoney(cell)).toBe(expected);
  });

  test.each([
    ['-1', 'money_negative'],
    ['-1.500.000', 'money_negative'],
    [-5, 'money_negative'],
    ['1,500,000', 'money_format'],
    ['1.500.00', 'money_format'],
    ['1.5', 'money_format'],
    ['1 500 000', 'money_format'],
    ['abc', 'money_format'],
    ['1.500.000đ', 'money_format'],
    [1_500.5, 'money_format'],
    ['2000000000000', 'money_too_large'],
  ])('%j is refused as %s', (cell, key) => {
    expect(problemKey(readMoney(cell))).toBe(key);
  });

  test('grouping with dots never changes the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (amount) => {
        const grouped = String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
        expect(readMoney(grouped)).toBe(amount);
        expect(readMoney(String(amount))).toBe(amount);
      }),
    );
  });
});

describe('other numbers', () => {
  test('score A is a whole number', () => {
    expect(readScore('131')).toBe(131);
    expect(readScore(140)).toBe(140);
    expect(problemKey(readScore('-3'))).toBe('score_format');
    expect(problemKey(readScore('12.5'))).toBe('score_format');
    expect(readScore('')).toBeNull();
  });

  test('floor area takes a decimal comma or point, up to two decimals', () => {
    expect(readFloorArea('36')).toBe(36);
    expect(readFloorArea('36,5')).toBe(36.5);
    expect(readFloorArea('36.25')).toBe(36.25);
    expect(readFloorArea(48.5)).toBe(48.5);
    expect(problemKey(readFloorArea('36,555'))).toBe('floor_area_format');
    expect(problemKey(readFloorArea('-2'))).toBe('floor_area_format');
    expect(problemKey(readFloorArea('ba mươi'))).toBe('floor_area_format');
    expect(problemKey(readFloorArea('2000000'))).toBe('floor_area_too_large');
  });
});

describe('codes, lists and IDs', () => {
  test('household codes', () => {
    expect(readHouseholdCode(' 23830-00001 ')).toBe('23830-00001');
    expect(readHouseholdCode(12345)).toBe('12345');
    expect(problemKey(readHouseholdCode('hộ 1'))).toBe('household_code_format');
    expect(problemKey(readHouseholdCode('x'.repeat(41)))).toBe('household_code_format');
  });

  test('commune codes get back the leading zeros a spreadsheet drops', () => {
    expect(readCommuneCode('23830')).toBe('23830');
    expect(readCommuneCode(1)).toBe('00001');
    expect(problemKey(readCommuneCode('2383O'))).toBe('commune_format');
    expect(problemKey(readCommuneCode('238300'))).toBe('commune_format');
  });

  test('lists take the code, the Vietnamese or English label, in any case and with or without diacritics', () => {
    const water = enumReader(WATER_VALUES);
    expect(water('piped')).toBe('piped');
    expect(water('Nước máy')).toBe('piped');
    expect(water('nuoc may')).toBe('piped');
    expect(water('GIẾNG KHOAN')).toBe('borehole');
    expect(water('Khác')).toBe('other');
    expect(water('')).toBeNull();
    const unknown = water('nước giếng làng');
    expect(problemKey(unknown)).toBe('enum_unknown');
    expect((unknown as CellProblem).params?.allowed).toContain('Nước máy');
    const sex = enumReader(SEX_VALUES);
    expect(sex('Nữ')).toBe('female');
    expect(sex('nam')).toBe('male');
    expect(enumReader(EMPLOYMENT_VALUES)('Làm công không có hợp đồng')).toBe('informal_wage');
  });

  test('ethnicity by official code, name or alias, ignoring case, spaces and hyphens', () => {
    const read = ethnicityReader([
      { code: '01', name: 'Kinh', aliases: ['Việt'] },
      { code: '10', name: 'Gia-rai', aliases: ['Gia Rai', 'Jrai'] },
      { code: '13', name: 'Ba na', aliases: ['Bahnar'] },
    ]);
    expect(read('10')).toBe('10');
    expect(read(1)).toBe('01');
    expect(read('1')).toBe('01');
    expect(read('Gia Rai')).toBe('10');
    expect(read('giarai')).toBe('10');
    expect(read('GIA-RAI')).toBe('10');
    expect(read('Jrai')).toBe('10');
    expect(read('Bahnar')).toBe('13');
    expect(read('Ba Na')).toBe('13');
    expect(read('')).toBeNull();
    expect(problemKey(read('Chăm'))).toBe('ethnicity_unknown');
    expect(problemKey(read('99'))).toBe('ethnicity_unknown');
  });

  test('citizen IDs have 12 digits, and the message never holds the number', () => {
    expect(readCitizenIdShape('064090912345')).toBe('064090912345');
    expect(readCitizenIdShape('064 090 912 345')).toBe('064090912345');
    expect(problemKey(readCitizenIdShape('06409091234'))).toBe('citizen_id_length');
    expect(problemKey(readCitizenIdShape('0640909123456'))).toBe('citizen_id_length');
    expect(problemKey(readCitizenIdShape('06409091234A'))).toBe('citizen_id_chars');
    expect(problemKey(readCitizenIdShape(64090912345))).toBe('citizen_id_length_numeric');
    expect(readCitizenIdShape('')).toBeNull();
  });
});

describe('text', () => {
  test('is NFC, trimmed, with inner whitespace collapsed', () => {
    const decomposed = 'Nguyễn   Văn  Ánh '.normalize('NFD');
    const text = readText(decomposed, 200);
    expect(text).toBe('Nguyễn Văn Ánh');
    expect((text as string).normalize('NFC')).toBe(text);
  });

  test('refuses control characters and overlong values', () => {
    expect(problemKey(readText('Ksor\u0000Blơi', 200))).toBe('text_control');
    expect(problemKey(readText('a'.repeat(201), 200))).toBe('text_too_long');
    expect(readText('  ', 200)).toBeNull();
  });
});
