import { describe, expect, it } from 'vitest';
import { classifyByIncome, classifyByScoreA, scoreB } from '../../../src/domain/poverty/index.js';
import { classified, classify, codes, record, std2022, std2027 } from './poverty-fixtures.js';

type Case = readonly [label: string, overrides: Record<string, unknown>, expected: string];

/** Income ≤ line, band and cut-off comparisons are inclusive (SPEC §5.1). */
function incomeCases(year: number, area: 'rural' | 'urban', line: number, band: number | null): Case[] {
  const poor = codes(year < 2027 ? std2022 : std2027, 3);
  const two = poor.slice(0, 2);
  const base = { year, area };
  const cases: Case[] = [
    [`${area} ${year}: at the line, d=3`, { ...base, incomePerCapita: line, deprivations: poor }, 'poor'],
    [`${area} ${year}: at the line, d=2`, { ...base, incomePerCapita: line, deprivations: two }, 'near_poor'],
    [`${area} ${year}: 1 below the line, d=3`, { ...base, incomePerCapita: line - 1, deprivations: poor }, 'poor'],
    [`${area} ${year}: 1 below the line, d=0`, { ...base, incomePerCapita: line - 1, deprivations: [] }, 'near_poor'],
    [`${area} ${year}: 1 above the line, d=3, not farm`, { ...base, incomePerCapita: line + 1, deprivations: poor }, 'not_poor'],
    [`${area} ${year}: income 0, d=0`, { ...base, incomePerCapita: 0, deprivations: [] }, 'near_poor'],
  ];
  if (band !== null) {
    cases.push(
      [`${area} ${year}: 1 above the line, farm`, { ...base, incomePerCapita: line + 1, farmHousehold: true, deprivations: poor }, 'average'],
      [`${area} ${year}: at the band, farm`, { ...base, incomePerCapita: band, farmHousehold: true }, 'average'],
      [`${area} ${year}: 1 below the band, farm`, { ...base, incomePerCapita: band - 1, farmHousehold: true }, 'average'],
      [`${area} ${year}: 1 above the band, farm`, { ...base, incomePerCapita: band + 1, farmHousehold: true }, 'not_poor'],
      [`${area} ${year}: at the band, not farm`, { ...base, incomePerCapita: band, farmHousehold: false }, 'not_poor'],
      [`${area} ${year}: at the line, farm, d=3 (poor wins)`, { ...base, incomePerCapita: line, farmHousehold: true, deprivations: poor }, 'poor'],
    );
  } else {
    cases.push([`${area} ${year}: 1 above the line, farm (no band)`, { ...base, incomePerCapita: line + 1, farmHousehold: true }, 'not_poor']);
  }
  return cases;
}

function scoreCases(area: 'rural' | 'urban', cutoff: number): Case[] {
  const poor = codes(std2022, 3);
  const base = { year: 2025, area, incomePerCapita: null };
  return [
    [`${area} score at the cut-off, d=3`, { ...base, scoreA: cutoff, deprivations: poor }, 'poor'],
    [`${area} score at the cut-off, d=2`, { ...base, scoreA: cutoff, deprivations: poor.slice(0, 2) }, 'near_poor'],
    [`${area} score 1 below, d=3`, { ...base, scoreA: cutoff - 1, deprivations: poor }, 'poor'],
    [`${area} score 0.5 above, d=3`, { ...base, scoreA: cutoff + 0.5, deprivations: poor }, 'not_poor'],
    [`${area} score 1 above, farm, d=0 (no average from scores)`, { ...base, scoreA: cutoff + 1, farmHousehold: true }, 'not_poor'],
  ];
}

describe('classification boundaries (SPEC §5.1–5.2)', () => {
  const table: Case[] = [
    ...incomeCases(2022, 'rural', 1_500_000, 2_250_000),
    ...incomeCases(2026, 'urban', 2_000_000, 3_000_000),
    ...incomeCases(2027, 'rural', 2_200_000, null),
    ...incomeCases(2030, 'urban', 2_800_000, null),
    ...scoreCases('rural', 140),
    ...scoreCases('urban', 175),
  ];
  it.each(table)('%s', (_label, overrides, expected) => {
    expect(classified(classify(record(overrides))).status).toBe(expected);
  });

  it('reports score B = 10 × d and the income basis', () => {
    const income = classified(classify(record({ deprivations: codes(std2022, 4) })));
    expect(income).toMatchObject({ deprivationCount: 4, scoreB: 40, incomeBasis: 'income' });
    const score = classified(classify(record({ incomePerCapita: undefined, scoreA: 100, deprivations: [] })));
    expect(score).toMatchObject({ deprivationCount: 0, scoreB: 0, incomeBasis: 'scoreA' });
    expect(scoreB(std2022, 12)).toBe(120);
  });

  it('exposes the rules as functions', () => {
    expect(classifyByIncome(std2022, 'rural', 1_500_000, 3, false)).toBe('poor');
    expect(classifyByIncome(std2022, 'urban', 2_000_001, 0, true)).toBe('average');
    expect(classifyByIncome(std2027, 'urban', 2_800_001, 0, true)).toBe('not_poor');
    expect(classifyByScoreA(std2022, 'urban', 175, 2)).toBe('near_poor');
    expect(() => classifyByScoreA(std2027, 'rural', 100, 3)).toThrow(/no score-A cut-off/);
  });
});

describe('review year → standard (SPEC §5.1)', () => {
  it.each([
    [2022, 'VN-MPS-2022'],
    [2026, 'VN-MPS-2022'],
    [2027, 'VN-MPS-2027'],
    [2030, 'VN-MPS-2027'],
  ])('%i uses %s', (year, id) => {
    expect(classified(classify(record({ year }))).standard).toBe(id);
  });

  it.each([2021, 2031])('%i has no standard', (year) => {
    const out = classify(record({ year }));
    expect(out).toMatchObject({ id: 'HH-T', error: { code: 'no_standard_for_year', field: 'year' } });
  });

  it('takes the named standard when year is absent, and the year must fit it', () => {
    expect(classified(classify(record({ year: undefined, standard: 'VN-MPS-2027' }))).standard).toBe('VN-MPS-2027');
    expect(classified(classify(record({ year: 2026, standard: 'VN-MPS-2022' }))).standard).toBe('VN-MPS-2022');
    expect(classify(record({ year: 2027, standard: 'VN-MPS-2022' }))).toMatchObject({
      error: { code: 'conflicting_fields', field: 'year' },
    });
  });
});

describe('DOMAIN §10 worked examples 1–15', () => {
  const cases: [number, Record<string, unknown>, string][] = [
    [1, { area: 'rural', incomePerCapita: 1_200_000, deprivations: ['health_insurance', 'latrine', 'water_source', 'housing_quality'] }, 'poor'],
    [2, { area: 'rural', incomePerCapita: 1_500_000, deprivations: ['adult_education', 'telecom'] }, 'near_poor'],
    [3, { area: 'rural', incomePerCapita: 1_500_000, deprivations: ['dependants', 'nutrition', 'school_attendance'] }, 'poor'],
    [4, { area: 'rural', incomePerCapita: 1_600_000, deprivations: codes(std2022, 5) }, 'not_poor'],
    [5, { area: 'urban', incomePerCapita: 1_900_000, deprivations: ['employment', 'housing_area', 'information_access'] }, 'poor'],
    [6, { area: 'urban', incomePerCapita: 2_000_000, deprivations: [] }, 'near_poor'],
    [7, { area: 'rural', incomePerCapita: 1_900_000, deprivations: ['employment', 'housing_area', 'information_access'] }, 'not_poor'],
    [8, { area: 'rural', year: 2022, incomePerCapita: 2_400_000, farmHousehold: true, deprivations: ['latrine'] }, 'not_poor'],
    [9, { area: 'rural', incomePerCapita: undefined, scoreA: 140, deprivations: codes(std2022, 3) }, 'poor'],
    [10, { area: 'rural', incomePerCapita: undefined, scoreA: 141, deprivations: codes(std2022, 6) }, 'not_poor'],
    [11, { area: 'urban', incomePerCapita: undefined, scoreA: 175, deprivations: codes(std2022, 2) }, 'near_poor'],
    [12, { area: 'urban', incomePerCapita: undefined, scoreA: 176, deprivations: [] }, 'not_poor'],
    [13, { area: 'rural', year: 2026, incomePerCapita: 2_100_000, deprivations: codes(std2022, 3) }, 'not_poor'],
    [14, { area: 'rural', year: 2027, incomePerCapita: 2_100_000, deprivations: ['telecom', 'waste', 'latrine'] }, 'poor'],
    [15, { area: 'urban', year: 2027, incomePerCapita: 2_900_000, deprivations: codes(std2027, 4) }, 'not_poor'],
  ];
  it.each(cases)('case %i', (_n, overrides, expected) => {
    expect(classified(classify(record(overrides))).status).toBe(expected);
  });

  it('cases 4 and 7 are average when the household farms (band [U])', () => {
    expect(classified(classify(record({ incomePerCapita: 1_600_000, farmHousehold: true, deprivations: codes(std2022, 5) }))).status).toBe('average');
    expect(classified(classify(record({ incomePerCapita: 1_900_000, farmHousehold: true }))).status).toBe('average');
  });
});

describe('deprivations output', () => {
  it('lists the codes in the standard order whatever the input order', () => {
    const out = classified(classify(record({ deprivations: ['information_access', 'employment', 'latrine', 'dependants'] })));
    expect(out.deprivations).toEqual(['employment', 'dependants', 'latrine', 'information_access']);
  });

  it('follows the 2027 order, waste last', () => {
    const out = classified(classify(record({ year: 2028, deprivations: ['waste', 'telecom', 'employment'] })));
    expect(out.deprivations).toEqual(['employment', 'telecom', 'waste']);
  });

  it('outputs exactly the SPEC keys in order', () => {
    const out = classified(classify(record({ deprivations: ['latrine'] })));
    expect(Object.keys(out)).toEqual(['id', 'standard', 'status', 'deprivations', 'deprivationCount', 'scoreB', 'incomeBasis']);
  });
});
