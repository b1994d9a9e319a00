import { describe, expect, it } from 'vitest';
import {
  completedMonths,
  completedYears,
  isWorkingAge,
  parseIsoDate,
  retirementAgeMonths,
} from '../../../src/domain/poverty/index.js';
import { birthDateFor, derive, facts, member, std2022 } from './poverty-fixtures.js';

const labour = std2022.labour;

function date(text: string) {
  const d = parseIsoDate(text);
  if (!d) throw new Error(`bad test date ${text}`);
  return d;
}

describe('dates', () => {
  it.each(['2025-10-01', '2024-02-29', '2000-02-29', '1999-12-31'])('accepts %s', (text) => {
    expect(parseIsoDate(text)).toBeDefined();
  });
  it.each(['2025-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-01', '2025/10/01', '2025-10-01T00:00', '', 'abcd-ef-gh'])(
    'refuses %j',
    (text) => {
      expect(parseIsoDate(text)).toBeUndefined();
    },
  );
});

describe('ages in completed years and months', () => {
  it.each([
    ['2010-10-01', '2025-10-01', 15, 180], // birthday on the survey date completes the year
    ['2010-10-02', '2025-10-01', 14, 179],
    ['2010-09-30', '2025-10-01', 15, 180],
    ['2025-10-01', '2025-10-01', 0, 0], // born on the survey date
    ['2000-02-29', '2025-02-28', 24, 299], // leap-day birth: the year completes on 1 March
    ['2000-02-29', '2025-03-01', 25, 300],
    ['2000-02-29', '2024-02-29', 24, 288],
    ['2000-01-31', '2025-02-28', 25, 300], // 31st: the month is not completed on the 28th
    ['2000-01-31', '2025-03-01', 25, 301],
  ])('born %s, on %s: %i years, %i months', (birth, on, years, months) => {
    expect(completedYears(date(birth), date(on))).toBe(years);
    expect(completedMonths(date(birth), date(on))).toBe(months);
  });
});

describe('retirement age, Labour Code 2019 roadmap', () => {
  const male: [number, number][] = [
    [2020, 720], [2021, 723], [2022, 726], [2023, 729], [2024, 732], [2025, 735],
    [2026, 738], [2027, 741], [2028, 744], [2029, 744], [2030, 744],
  ];
  const female: [number, number][] = [
    [2020, 660], [2021, 664], [2022, 668], [2023, 672], [2024, 676], [2025, 680],
    [2026, 684], [2027, 688], [2028, 692], [2029, 696], [2030, 700], [2035, 720], [2040, 720],
  ];
  it.each(male)('men in %i: %i months', (year, months) => {
    expect(retirementAgeMonths(labour, 'male', year)).toBe(months);
  });
  it.each(female)('women in %i: %i months', (year, months) => {
    expect(retirementAgeMonths(labour, 'female', year)).toBe(months);
  });

  it('working age starts at 15 and ends on reaching the retirement age', () => {
    expect(isWorkingAge(labour, 'male', 179, 2025)).toBe(false);
    expect(isWorkingAge(labour, 'male', 180, 2025)).toBe(true);
    expect(isWorkingAge(labour, 'male', 734, 2025)).toBe(true);
    expect(isWorkingAge(labour, 'male', 735, 2025)).toBe(false);
    expect(isWorkingAge(labour, 'female', 679, 2025)).toBe(true);
    expect(isWorkingAge(labour, 'female', 680, 2025)).toBe(false);
  });
});

/** Birth date exactly `months` months before the 1st of October of `year`. */
function bornMonthsBefore(months: number, year: number): string {
  const total = year * 12 + 9 - months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe('employment indicator at the exact retirement month (2021–2030, both sexes)', () => {
  const years = [2021, 2022, 2024, 2026, 2027, 2028, 2030];
  const cases = years.flatMap((surveyYear) =>
    (['male', 'female'] as const).map((sex) => [surveyYear, sex, retirementAgeMonths(labour, sex, surveyYear)] as const),
  );
  it.each(cases)('survey in %i, %s, retirement at %i months', (surveyYear, sex, months) => {
    // The 2021 survey is used by a 2022 review (no standard covers 2021 itself).
    const reviewYear = Math.max(surveyYear, 2022);
    const surveyDate = `${surveyYear}-10-01`;
    const reached = bornMonthsBefore(months, surveyYear);
    const unemployed = (birthDate: string) =>
      facts({ surveyDate, members: [member({ birthDate, sex, employment: 'unemployed' })] });
    expect(derive(unemployed(reached), reviewYear)).not.toContain('employment');
    expect(derive(unemployed(dayAfter(reached)), reviewYear)).toContain('employment');
  });

  it('working age starts on the 15th birthday', () => {
    const at15 = facts({ members: [member({ birthDate: birthDateFor(15), employment: 'informal_wage' })] });
    const dayBefore15 = facts({ members: [member({ birthDate: birthDateFor(15, undefined, 1), employment: 'informal_wage' })] });
    expect(derive(at15)).toContain('employment');
    expect(derive(dayBefore15)).not.toContain('employment');
  });
});
