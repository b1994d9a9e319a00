/** The browser app's text catalogs, locale formats and unit search (pure code under web/src). */
import { describe, expect, test } from 'vitest';
import type { Unit } from '../../web/src/api.js';
import { addDays, formatDate, formatMoney, formatNumber, isCivilDate, todayIn } from '../../web/src/format.js';
import { en } from '../../web/src/i18n/en.js';
import { vi } from '../../web/src/i18n/vi.js';
import { buildUnitTree, filterTree, foldText, highlightRange, textMatches, unitTypeKey } from '../../web/src/pages/units/unit-tree.js';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') result.set(prefix + key, value);
    else for (const [leaf, text] of leaves(value, `${prefix}${key}.`)) result.set(leaf, text);
  }
  return result;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]).sort();

describe('text catalogs', () => {
  const viTexts = leaves(vi);
  const enTexts = leaves(en);

  test('Vietnamese and English have the same keys', () => {
    expect([...enTexts.keys()].sort()).toEqual([...viTexts.keys()].sort());
  });

  test('every text is non-empty and uses the same placeholders in both languages', () => {
    for (const [key, text] of viTexts) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(enTexts.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  test('Vietnamese texts carry their diacritics', () => {
    expect(vi.demo.banner).toBe('Dữ liệu mô phỏng — không phải dữ liệu thật');
    expect(vi.app.name).toBe('GNBV — Giảm nghèo bền vững');
    expect(vi.nav.units).toBe('Đơn vị hành chính');
    for (const [key, text] of viTexts) expect(text.normalize('NFC'), key).toBe(text);
  });
});

describe('formats', () => {
  test('money and numbers in Vietnamese use dots for thousands', () => {
    expect(formatMoney(1_500_000, 'vi').replace(/\s/g, ' ')).toBe('1.500.000 ₫');
    expect(formatNumber(1_500_000, 'vi')).toBe('1.500.000');
    expect(formatNumber(1_500_000, 'en')).toBe('1,500,000');
  });

  test('dates read dd/mm/yyyy in both languages and never shift through a time zone', () => {
    expect(formatDate('2022-05-20', 'vi')).toBe('20/05/2022');
    expect(formatDate('2022-05-20', 'en')).toBe('20/05/2022');
    expect(formatDate('2025-07-01', 'vi')).toBe('01/07/2025');
  });

  test('civil date arithmetic and validation', () => {
    expect(addDays('2025-07-01', -1)).toBe('2025-06-30');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(isCivilDate('2025-02-29')).toBe(false);
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('20/05/2022')).toBe(false);
  });

  test('today is the date in Vietnam, not in the browser time zone', () => {
    // 18:30 UTC on 30 June is already 1 July in Asia/Ho_Chi_Minh (UTC+7).
    expect(todayIn('Asia/Ho_Chi_Minh', new Date('2025-06-30T18:30:00Z'))).toBe('2025-07-01');
  });
});

describe('unit search and tree', () => {
  test('folding drops diacritics, đ, case and apostrophes', () => {
    expect(foldText('Huyện Kông Chro')).toBe('huyen kong chro');
    expect(foldText('Xã Đắk Pơ')).toBe('xa dak po');
    expect(foldText("Xã K' Dang")).toBe('xa k dang');
  });

  test('matching ignores diacritics, case and spacing', () => {
    expect(textMatches('Thị trấn Kông Chro', 'kong chro')).toBe(true);
    expect(textMatches('Thị trấn Kông Chro', 'KÔNG CHRO')).toBe(true);
    expect(textMatches("Xã K' Dang", 'kdang')).toBe(true);
    expect(textMatches('Xã Yang Trung', 'kong')).toBe(false);
  });

  test('the highlighted range covers the original characters', () => {
    const name = 'Thị trấn Kông Chro';
    const range = highlightRange(name, 'kong chro');
    expect(range && name.slice(range.start, range.end)).toBe('Kông Chro');
  });

  test('unit types map to catalog keys', () => {
    expect(unitTypeKey('Thị trấn')).toBe('township');
    expect(unitTypeKey('Thành phố')).toBe('city');
    expect(unitTypeKey('Phường')).toBe('ward');
    expect(unitTypeKey('Khu')).toBeNull();
  });

  const unit = (code: string, name: string, type: string, level: Unit['level'], parentCode: string | null): Unit => ({
    code,
    name,
    type,
    level,
    parentCode,
    provinceCode: '64',
    area: null,
    validFrom: '2024-11-01',
    validTo: '2025-06-30',
  });
  const units = [
    unit('23845', 'Xã Yang Trung', 'Xã', 'commune', '630'),
    unit('630', 'Huyện Kông Chro', 'Huyện', 'district', '64'),
    unit('64', 'Tỉnh Gia Lai', 'Tỉnh', 'province', null),
    unit('23824', 'Thị trấn Kông Chro', 'Thị trấn', 'commune', '630'),
    unit('622', 'Thành phố Pleiku', 'Thành phố', 'district', '64'),
    unit('23557', 'Phường Yên Đỗ', 'Phường', 'commune', '622'),
  ];

  test('the tree counts the units below each node, in official order', () => {
    const [province] = buildUnitTree(units);
    expect(province?.unit.code).toBe('64');
    expect(province?.districtCount).toBe(2);
    expect(province?.communeCount).toBe(3);
    expect(province?.children.map((child) => child.unit.code)).toEqual(['622', '630']);
    const kongChro = province?.children[1];
    expect(kongChro?.children.map((child) => child.unit.code)).toEqual(['23824', '23845']);
    expect(Object.fromEntries(kongChro?.communeTypes ?? [])).toEqual({ township: 1, commune: 1 });
  });

  test('filtering shows matches, their ancestors opened, and what lies below a match', () => {
    const roots = buildUnitTree(units);
    const result = filterTree(roots, 'kong chro');
    expect(result?.matchCount).toBe(2);
    expect([...(result?.visible ?? [])].sort()).toEqual(['23824', '23845', '630', '64']);
    expect(result?.open.has('64')).toBe(true);
    expect(filterTree(roots, '2355')?.matchCount).toBe(1);
    expect(filterTree(roots, '  ')).toBeNull();
  });
});
