/**
 * Text rules of the registry: folding for search (diacritics, đ, case, punctuation), clean input,
 * spreadsheet-safe cells, and the shape of citizen IDs — with property tests where the rules
 * have edges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, foldForSearch, spreadsheetSafe } from '../../src/domain/text.js';
import { centurySexDigit, citizenIdProblem, maskCitizenId } from '../../src/modules/households/citizen-id.js';
import { reviewYearOf } from '../../src/modules/households/household-classification.js';

/** Every letter of the Vietnamese alphabet with every tone, in both cases. */
const VIETNAMESE = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
const vietnameseText = fc
  .array(fc.constantFrom(...[...VIETNAMESE, ...VIETNAMESE.toUpperCase(), ' ', ' ', '-', "'", '.', '0', '9']), { maxLength: 40 })
  .map((chars) => chars.join(''));

describe('foldForSearch', () => {
  it.each([
    ['Nguyễn Văn A', 'nguyen van a'],
    ['NGUYỄN VĂN ÁNH', 'nguyen van anh'],
    ['Đinh Thị Đào', 'dinh thi dao'],
    ["Rơ Mah H'Nhi", 'ro mah h nhi'],
    ['  Ksor   Phơ  ', 'ksor pho'],
    ['Trương Ngọc Ửng', 'truong ngoc ung'],
    ['Y-Blik Êban', 'y blik eban'],
    ['23827-00012', '23827 00012'],
  ])('%s → %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('gives the same key for composed (NFC) and decomposed (NFD) text', () => {
    fc.assert(fc.property(vietnameseText, (text) => foldForSearch(text.normalize('NFC')) === foldForSearch(text.normalize('NFD'))));
  });

  it('leaves only a–z, 0–9 and single inner spaces, and is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(vietnameseText, fc.string({ unit: 'grapheme', maxLength: 40 })), (text) => {
        const folded = foldForSearch(text);
        expect(folded).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
        expect(foldForSearch(folded)).toBe(folded);
      }),
    );
  });

  it('maps every Vietnamese letter to its base letter, whatever the tone and case', () => {
    for (const letter of VIETNAMESE) {
      const folded = foldForSearch(letter);
      expect(folded, letter).toMatch(/^[a-z]$/);
      expect(foldForSearch(letter.toUpperCase())).toBe(folded);
    }
    expect([...'ăâáàảãạ'].map(foldForSearch)).toEqual(Array(7).fill('a'));
    expect([...'ơôó'].map(foldForSearch)).toEqual(['o', 'o', 'o']);
    expect([...'ưứ'].map(foldForSearch)).toEqual(['u', 'u']);
  });

  it('a name typed without diacritics is a prefix of the folded name', () => {
    fc.assert(
      fc.property(vietnameseText, fc.nat(40), (name, cut) => {
        const typed = foldForSearch(name).slice(0, cut).trimEnd();
        return foldForSearch(name).startsWith(foldForSearch(typed));
      }),
    );
  });
});

describe('cleanText', () => {
  it('is NFC, trimmed, with single spaces, and idempotent', () => {
    expect(cleanText('  Nguyễn \t Văn\n A  '.normalize('NFD'))).toBe('Nguyễn Văn A'.normalize('NFC'));
    fc.assert(
      fc.property(vietnameseText, (text) => {
        const clean = cleanText(text.normalize('NFD'));
        expect(clean).toBe(clean.normalize('NFC'));
        expect(clean).not.toMatch(/^\s|\s$|\s\s/);
        expect(cleanText(clean)).toBe(clean);
      }),
    );
  });
});

describe('spreadsheetSafe', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+84 912', "'+84 912"],
    ['-Nguyễn', "'-Nguyễn"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['\rReturn', "'\rReturn"],
    ['Nguyễn Văn A', 'Nguyễn Văn A'],
    ['', ''],
    ["'=already", "'=already"],
  ])('%j → %j', (input, output) => {
    expect(spreadsheetSafe(input)).toBe(output);
  });

  it('never lets a cell start with a formula character, and changes nothing else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (value) => {
        const safe = spreadsheetSafe(value);
        expect(safe).not.toMatch(/^[=+\-@\t\r]/);
        expect(safe === value || safe === `'${value}`).toBe(true);
        if (!/^[=+\-@\t\r]/.test(value)) expect(safe).toBe(value);
      }),
    );
  });
});

describe('citizen IDs (Circular 59/2021/TT-BCA)', () => {
  it('accepts an ID whose century, sex and year fit the person', () => {
    expect(citizenIdProblem('064085123456', '1985-03-02', 'male')).toBeNull();
    expect(citizenIdProblem('064188654321', '1988-07-09', 'female')).toBeNull();
    expect(citizenIdProblem('064210000001', '2010-01-01', 'male')).toBeNull();
    expect(citizenIdProblem('001305000001', '2005-12-31', 'female')).toBeNull();
  });

  it.each([
    ['06408512345', 'format'],
    ['0640851234567', 'format'],
    ['06408512345A', 'format'],
    ['064 85123456', 'format'],
    ['000085123456', 'place'],
    ['097085123456', 'place'],
    ['064185123456', 'birth'],
    ['064086123456', 'birth'],
    ['064285123456', 'birth'],
  ])('refuses %s (%s) for a man born in 1985', (id, problem) => {
    expect(citizenIdProblem(id, '1985-03-02', 'male')).toBe(problem);
  });

  it('the century-and-sex digit follows the birth year and sex', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2399 }), fc.constantFrom('male' as const, 'female' as const), (year, sex) => {
        const digit = centurySexDigit(year, sex);
        expect(digit).toBeGreaterThanOrEqual(0);
        expect(digit).toBeLessThanOrEqual(9);
        expect(digit % 2).toBe(sex === 'female' ? 1 : 0);
        const id = `064${digit}${String(year % 100).padStart(2, '0')}000123`;
        expect(citizenIdProblem(id, `${year}-06-15`, sex)).toBeNull();
      }),
    );
  });

  it('masks all but the last four digits', () => {
    expect(maskCitizenId('064085123456')).toBe('********3456');
  });
});

describe('reviewYearOf', () => {
  it('counts a survey from 1 September for the next review year', () => {
    expect(reviewYearOf('2021-10-01')).toBe(2022);
    expect(reviewYearOf('2024-09-01')).toBe(2025);
    expect(reviewYearOf('2024-08-31')).toBe(2024);
    expect(reviewYearOf('2026-01-15')).toBe(2026);
  });
});
