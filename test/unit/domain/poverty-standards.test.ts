import { describe, expect, it } from 'vitest';
import {
  StandardsFileError,
  classifyAssessment,
  parseStandardsFile,
  standardForYear,
} from '../../../src/domain/poverty/index.js';
import { readStandardsJson, standards, std2022, std2027 } from './poverty-fixtures.js';

type Mutable = Record<string, unknown> & { standards: Record<string, unknown>[] };

function fileCopy(): Mutable {
  return readStandardsJson() as Mutable;
}

function firstStandard(file: Mutable): Record<string, unknown> & { indicators: Record<string, unknown>[] } {
  return file.standards[0] as Record<string, unknown> & { indicators: Record<string, unknown>[] };
}

describe('reference/standards.json', () => {
  it('holds the two standards of SPEC §5.1', () => {
    expect(standards.map((s) => [s.id, s.firstYear, s.lastYear, s.status])).toEqual([
      ['VN-MPS-2022', 2022, 2026, 'official'],
      ['VN-MPS-2027', 2027, 2030, 'provisional'],
    ]);
    expect(std2022.incomeLines.rural.value).toBe(1_500_000);
    expect(std2022.incomeLines.urban.value).toBe(2_000_000);
    expect(std2022.averageBand?.rural.value).toBe(2_250_000);
    expect(std2022.averageBand?.urban.value).toBe(3_000_000);
    expect(std2022.scoreACutoffs?.rural.value).toBe(140);
    expect(std2022.scoreACutoffs?.urban.value).toBe(175);
    expect(std2027.incomeLines.rural.value).toBe(2_200_000);
    expect(std2027.incomeLines.urban.value).toBe(2_800_000);
    expect(std2027.averageBand).toBeNull();
    expect(std2027.scoreACutoffs).toBeNull();
    for (const s of standards) {
      expect(s.poorMinDeprivations.value).toBe(3);
      expect(s.scoreBPointsPerIndicator.value).toBe(10);
      expect(s.alkireFosterK.value).toBe(3);
    }
  });

  it('labels each threshold and indicator with its source status (DOMAIN §0)', () => {
    expect(std2022.incomeLines.rural.status).toBe('C');
    expect(std2022.averageBand?.rural.status).toBe('U');
    expect(std2022.scoreACutoffs?.urban.status).toBe('C');
    for (const s of standards) {
      for (const i of s.indicators) {
        expect(['C', 'P', 'U', 'D']).toContain(i.status);
        expect(i.source.length).toBeGreaterThan(0);
        expect(i.name.vi).toBe(i.name.vi.normalize('NFC'));
        expect(i.condition.vi.length).toBeGreaterThan(10);
        expect(i.condition.en.length).toBeGreaterThan(10);
      }
    }
    expect(std2027.indicators.find((i) => i.code === 'waste')?.status).toBe('U');
  });

  it('keeps the labour rules as data', () => {
    expect(std2022.labour.workingAgeFromYears.value).toBe(15);
    expect(std2022.labour.retirementAge.male).toEqual({ beforeBaseMonths: 720, baseMonths: 723, stepMonthsPerYear: 3, finalMonths: 744 });
    expect(std2022.labour.retirementAge.female).toEqual({ beforeBaseMonths: 660, baseMonths: 664, stepMonthsPerYear: 4, finalMonths: 720 });
  });

  it('gives frozen standards', () => {
    expect(Object.isFrozen(std2022)).toBe(true);
    expect(Object.isFrozen(std2022.incomeLines.rural)).toBe(true);
  });

  it.each([
    [2021, undefined],
    [2022, 'VN-MPS-2022'],
    [2026, 'VN-MPS-2022'],
    [2027, 'VN-MPS-2027'],
    [2030, 'VN-MPS-2027'],
    [2031, undefined],
  ])('standardForYear(%i) → %s', (year, id) => {
    expect(standardForYear(standards, year)?.id).toBe(id);
  });
});

describe('parseStandardsFile refuses broken data', () => {
  const broken: [string, (f: Mutable) => void, RegExp][] = [
    ['an unknown indicator code', (f) => { firstStandard(f).indicators[0] = { ...firstStandard(f).indicators[0], code: 'happiness' }; }, /indicators\.0\.code/],
    ['a repeated indicator', (f) => { firstStandard(f).indicators[1] = firstStandard(f).indicators[0] ?? {}; }, /duplicate indicator employment/],
    ['overlapping review years', (f) => { firstStandard(f).lastYear = 2027; }, /overlap/],
    ['a repeated id', (f) => { (f.standards[1] as Record<string, unknown>).id = 'VN-MPS-2022'; (f.standards[1] as Record<string, unknown>).firstYear = 2040; (f.standards[1] as Record<string, unknown>).lastYear = 2041; }, /duplicate standard id/],
    ['a fractional income line', (f) => { (firstStandard(f).incomeLines as { rural: { value: number } }).rural.value = 1.5; }, /incomeLines\.rural\.value/],
    ['an unknown key', (f) => { firstStandard(f).colour = 'red'; }, /colour|Unrecognized/i],
    ['params that do not fit the code', (f) => { firstStandard(f).indicators[7] = { ...firstStandard(f).indicators[7], params: { minFloorArea: 8 } }; }, /indicators\.7\.params/],
    ['an unknown enum value in params', (f) => { firstStandard(f).indicators[8] = { ...firstStandard(f).indicators[8], params: { acceptedSources: ['river'] } }; }, /params\.acceptedSources/],
    ['a band below the line', (f) => { (firstStandard(f).averageBand as { rural: { value: number } }).rural.value = 1_000_000; }, /average band below/],
    ['a bad status label', (f) => { (firstStandard(f).incomeLines as { rural: { status: string } }).rural.status = 'X'; }, /status/],
  ];
  it.each(broken)('%s', (_label, mutate, message) => {
    const file = fileCopy();
    mutate(file);
    expect(() => parseStandardsFile(file)).toThrow(StandardsFileError);
    expect(() => parseStandardsFile(file)).toThrow(message);
  });

  it('refuses something that is not a standards file', () => {
    expect(() => parseStandardsFile([])).toThrow(StandardsFileError);
    expect(() => parseStandardsFile(null)).toThrow(StandardsFileError);
  });
});

describe('a new or corrected standard is a data change', () => {
  it('a corrected threshold changes results without code', () => {
    const file = fileCopy();
    (firstStandard(file).incomeLines as { rural: { value: number } }).rural.value = 1_600_000;
    const corrected = parseStandardsFile(file);
    const rec = { id: 'X', year: 2025, area: 'rural', incomePerCapita: 1_550_000, deprivations: [] };
    expect(classifyAssessment(rec, standards)).toMatchObject({ status: 'not_poor' });
    expect(classifyAssessment(rec, corrected)).toMatchObject({ status: 'near_poor' });
  });

  it('a changed indicator parameter changes derivations', () => {
    const file = fileCopy();
    const area = firstStandard(file).indicators[7] as { params: { minFloorAreaPerMemberM2: number } };
    area.params.minFloorAreaPerMemberM2 = 10;
    const corrected = parseStandardsFile(file);
    const rec = {
      id: 'X', year: 2025, area: 'rural', incomePerCapita: 1_000_000,
      facts: {
        surveyDate: '2025-10-01',
        members: [{ birthDate: '1990-01-01', sex: 'female', employment: 'contract', healthInsurance: true, attendingSchool: false, educationLevel: 'upper_secondary' }],
        floorAreaM2: 9, durableWalls: true, durableFrame: true, durableRoof: true, waterSource: 'piped',
        latrine: 'septic', internetUse: true, informationDevices: true,
      },
    };
    expect(classifyAssessment(rec, standards)).toMatchObject({ deprivations: [] });
    expect(classifyAssessment(rec, corrected)).toMatchObject({ deprivations: ['housing_area'] });
  });

  it('a new standard for 2031–2035 selects by year', () => {
    const file = fileCopy();
    const next = JSON.parse(JSON.stringify(file.standards[1])) as Record<string, unknown>;
    Object.assign(next, { id: 'VN-MPS-2031', firstYear: 2031, lastYear: 2035, validity: { from: '2031-01-01', to: '2035-12-31' } });
    file.standards.push(next);
    const extended = parseStandardsFile(file);
    expect(classifyAssessment({ id: 'X', year: 2031, area: 'urban', incomePerCapita: 100, deprivations: ['waste'] }, extended)).toMatchObject({
      standard: 'VN-MPS-2031',
      status: 'near_poor',
    });
  });
});
