/** Header mapping of household imports: Vietnamese and canonical headers, wrong and missing ones. */
import { describe, expect, test } from 'vitest';
import {
  HOUSEHOLD_COLUMNS,
  MEMBER_COLUMNS,
  columnForHeader,
  columnLetter,
  foldHeader,
  sheetForName,
} from '../../src/modules/imports/import-columns.js';
import { formatProblemLine, problemMessage, renderProblem } from '../../src/modules/imports/import-problems.js';
import { readHeader } from '../../src/modules/imports/import-rows.js';
import { templateCsv } from '../../src/modules/imports/import-template.js';

const householdHeaders: string[] = HOUSEHOLD_COLUMNS.map((column) => column.header);
const memberCanonical = MEMBER_COLUMNS.map((column) => column.name);

describe('header names', () => {
  test('the SPEC §6 canonical names, in order', () => {
    expect(HOUSEHOLD_COLUMNS.map((column) => column.name)).toEqual([
      'household_code', 'commune_code', 'village', 'address', 'head_name', 'area', 'farm_household',
      'survey_date', 'income_per_capita', 'score_a', 'floor_area_m2', 'durable_walls', 'durable_frame',
      'durable_roof', 'water_source', 'latrine', 'internet_use', 'information_devices', 'waste_collected',
    ]);
    expect(memberCanonical).toEqual([
      'household_code', 'full_name', 'sex', 'birth_date', 'ethnicity', 'citizen_id', 'relation',
      'employment', 'health_insurance', 'attending_school', 'education_level', 'social_allowance',
      'stunted', 'underweight',
    ]);
  });

  test('a header matches whatever its case, diacritics, spacing or punctuation', () => {
    expect(foldHeader('Diện tích nhà ở (m²)')).toBe('dientichnhaom2');
    for (const spelling of ['Mã hộ', 'mã hộ', 'MA HO', 'ma_ho', 'household_code', 'HOUSEHOLD CODE', 'Mã hộ'.normalize('NFD')]) {
      expect(columnForHeader('households', spelling)?.name, spelling).toBe('household_code');
    }
    expect(columnForHeader('households', 'Diện tích nhà ở (m2)')?.name).toBe('floor_area_m2');
    expect(columnForHeader('members', 'Số CCCD')?.name).toBe('citizen_id');
    expect(columnForHeader('members', 'Họ tên chủ hộ')).toBeUndefined();
    expect(columnForHeader('households', 'Ghi chú')).toBeUndefined();
  });

  test('sheet names in either language', () => {
    expect(sheetForName('households')).toBe('households');
    expect(sheetForName('Hộ gia đình')).toBe('households');
    expect(sheetForName('MEMBERS')).toBe('members');
    expect(sheetForName('Thành viên')).toBe('members');
    expect(sheetForName('Hướng dẫn')).toBeUndefined();
  });

  test('column letters', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});

describe('reading a header row', () => {
  test('the template headers map every column', () => {
    const { layout, problems } = readHeader('households', householdHeaders);
    expect(problems).toEqual([]);
    expect(layout?.index.get('survey_date')).toBe(7);
  });

  test('canonical names in any order', () => {
    const { layout, problems } = readHeader('members', [...memberCanonical].reverse());
    expect(problems).toEqual([]);
    expect(layout?.index.get('household_code')).toBe(memberCanonical.length - 1);
  });

  const lines = (sheet: 'households' | 'members', header: string[]) =>
    readHeader(sheet, header).problems.map((problem) => formatProblemLine(renderProblem(problem, 'vi')));

  test('an unknown column, a repeated one and a missing one are each a problem of row 1', () => {
    const header = householdHeaders.filter((name) => name !== 'Ngày khảo sát');
    header.push('Ghi chú', 'mã xã');
    expect(lines('households', header)).toEqual([
      'households:1:mã xã: Cột “mã xã” trùng với cột B.',
      'households:1:Ghi chú: Cột “Ghi chú” không có trong mẫu.',
      'households:1:survey_date: Thiếu cột bắt buộc “Ngày khảo sát” (survey_date).',
    ]);
    expect(readHeader('households', header).layout).toBeNull();
  });

  test('a row that names no column is not a header: one problem, not one per column', () => {
    expect(lines('households', ['a', 'b', 'c'])).toEqual([
      'households:1:: Dòng 1 không phải dòng tiêu đề của sheet households: không nhận ra cột nào; hãy dùng tệp mẫu.',
    ]);
    expect(lines('members', [])).toHaveLength(1);
  });

  test('the members headers on the households sheet are refused', () => {
    const problems = readHeader('households', MEMBER_COLUMNS.map((column) => column.header)).problems;
    expect(problems.some((problem) => problem.key === 'header_unknown' && problem.column === 'Họ và tên')).toBe(true);
    expect(problems.some((problem) => problem.key === 'header_missing' && problem.column === 'commune_code')).toBe(true);
  });
});

describe('messages', () => {
  test('Vietnamese by default with diacritics, English on request', () => {
    expect(problemMessage('citizen_id_length', 'vi')).toBe('Số định danh phải có 12 chữ số.');
    expect(problemMessage('citizen_id_length', 'en')).toBe('A citizen ID has 12 digits.');
    expect(problemMessage('duplicate_household_code', 'vi', { row: 5 })).toBe('Mã hộ trùng với dòng 5.');
    expect(problemMessage('date_impossible', 'vi').normalize('NFC')).toBe(problemMessage('date_impossible', 'vi'));
  });

  test('CSV templates carry the Vietnamese headers after a BOM', () => {
    const csv = templateCsv('households');
    expect(csv.startsWith('\uFEFFMã hộ,Mã xã,Thôn/làng,Địa chỉ,Họ tên chủ hộ,')).toBe(true);
    expect(csv).toContain('"Khung, cột bền chắc"');
    expect(templateCsv('members').startsWith('\uFEFFMã hộ,Họ và tên,Giới tính,Ngày sinh,Dân tộc,Số định danh cá nhân,')).toBe(true);
  });
});
