import { describe, expect, it } from 'vitest';
import { assessHousehold, type ErrorCode } from '../../../src/domain/poverty/index.js';
import { classify, facts, failed, member, standards, type Json } from './poverty-fixtures.js';

/** Values that must never be echoed into a message. */
const SECRET_BIRTH = '1987-06-05';
const SECRET_INCOME = 1_234_567;

function base(overrides: Json = {}): Json {
  return { id: 'HH-E', year: 2025, area: 'rural', incomePerCapita: SECRET_INCOME, deprivations: [], ...overrides };
}
function withFacts(f: Json, overrides: Json = {}): Json {
  return base({ deprivations: undefined, facts: f, ...overrides });
}
function withMember(m: Json, index = 0): Json {
  const members = [member({ birthDate: SECRET_BIRTH }), member({ birthDate: SECRET_BIRTH }), member({ birthDate: SECRET_BIRTH })];
  members[index] = m;
  return withFacts(facts({ members }));
}
function without(obj: Json, key: string): Json {
  const { [key]: _dropped, ...rest } = obj;
  return rest;
}
const someone = member({ birthDate: SECRET_BIRTH });

type ErrorCase = readonly [label: string, record: unknown, code: ErrorCode, field: string];

const cases: ErrorCase[] = [
  ['record is a number', 42, 'invalid_field', ''],
  ['record is an array', [base()], 'invalid_field', ''],
  ['record is null', null, 'invalid_field', ''],
  ['id missing', without(base(), 'id'), 'missing_field', 'id'],
  ['id null', base({ id: null }), 'missing_field', 'id'],
  ['id a number', base({ id: 7 }), 'invalid_field', 'id'],
  ['id blank', base({ id: '  ' }), 'invalid_field', 'id'],
  ['year and standard missing', without(base(), 'year'), 'missing_field', 'year'],
  ['year a string', base({ year: '2025' }), 'invalid_field', 'year'],
  ['year a fraction', base({ year: 2025.5 }), 'invalid_field', 'year'],
  ['year 2021', base({ year: 2021 }), 'no_standard_for_year', 'year'],
  ['year 2031', base({ year: 2031 }), 'no_standard_for_year', 'year'],
  ['unknown standard', base({ standard: 'VN-MPS-2016' }), 'invalid_field', 'standard'],
  ['standard not a string', base({ standard: 2022 }), 'invalid_field', 'standard'],
  ['year outside the named standard', base({ year: 2027, standard: 'VN-MPS-2022' }), 'conflicting_fields', 'year'],
  ['year 2026 with VN-MPS-2027', base({ year: 2026, standard: 'VN-MPS-2027' }), 'conflicting_fields', 'year'],
  ['area missing', without(base(), 'area'), 'missing_field', 'area'],
  ['area unknown', base({ area: 'suburban' }), 'invalid_field', 'area'],
  ['area upper case', base({ area: 'RURAL' }), 'invalid_field', 'area'],
  ['farmHousehold a string', base({ farmHousehold: 'yes' }), 'invalid_field', 'farmHousehold'],
  ['income and score A', base({ scoreA: 100 }), 'conflicting_fields', 'scoreA'],
  ['neither income nor score A', without(base(), 'incomePerCapita'), 'missing_field', 'incomePerCapita'],
  ['income a numeric string', base({ incomePerCapita: '1200000' }), 'invalid_field', 'incomePerCapita'],
  ['income negative', base({ incomePerCapita: -SECRET_INCOME }), 'invalid_field', 'incomePerCapita'],
  ['income with a fraction of a dong', base({ incomePerCapita: 1_234_567.5 }), 'invalid_field', 'incomePerCapita'],
  ['score A negative', base({ incomePerCapita: undefined, scoreA: -1 }), 'invalid_field', 'scoreA'],
  ['score A a string', base({ incomePerCapita: undefined, scoreA: '140' }), 'invalid_field', 'scoreA'],
  ['score A under VN-MPS-2027', base({ year: 2027, incomePerCapita: undefined, scoreA: 100 }), 'unsupported_by_standard', 'scoreA'],
  ['deprivations and facts', base({ facts: facts() }), 'conflicting_fields', 'facts'],
  ['neither deprivations nor facts', without(base(), 'deprivations'), 'missing_field', 'deprivations'],
  ['deprivations not an array', base({ deprivations: 'latrine' }), 'invalid_field', 'deprivations'],
  ['deprivation not a string', base({ deprivations: [3] }), 'invalid_field', 'deprivations[0]'],
  ['waste under VN-MPS-2022', base({ deprivations: ['latrine', 'waste'] }), 'unknown_indicator', 'deprivations[1]'],
  ['information_access under VN-MPS-2027', base({ year: 2027, deprivations: ['information_access'] }), 'unknown_indicator', 'deprivations[0]'],
  ['unknown code', base({ deprivations: ['latrine', 'telecom', 'Latrine'] }), 'unknown_indicator', 'deprivations[2]'],
  ['repeated code', base({ deprivations: ['latrine', 'latrine'] }), 'invalid_field', 'deprivations[1]'],
  ['facts not an object', base({ deprivations: undefined, facts: [] }), 'invalid_field', 'facts'],
  ['surveyDate missing', withFacts(without(facts(), 'surveyDate')), 'missing_field', 'facts.surveyDate'],
  ['surveyDate not on the calendar', withFacts(facts({ surveyDate: '2025-02-29' })), 'invalid_field', 'facts.surveyDate'],
  ['surveyDate with a time', withFacts(facts({ surveyDate: '2025-10-01T08:00:00Z' })), 'invalid_field', 'facts.surveyDate'],
  ['members missing', withFacts(without(facts(), 'members')), 'missing_field', 'facts.members'],
  ['members empty', withFacts(facts({ members: [] })), 'invalid_field', 'facts.members'],
  ['members an object', withFacts(facts({ members: { 0: someone } })), 'invalid_field', 'facts.members'],
  ['member not an object', withMember('Nguyễn Văn A' as unknown as Json, 1), 'invalid_field', 'facts.members[1]'],
  ['birthDate missing', withMember(without(someone, 'birthDate'), 2), 'missing_field', 'facts.members[2].birthDate'],
  ['birthDate null', withMember({ ...someone, birthDate: null }, 2), 'missing_field', 'facts.members[2].birthDate'],
  ['birthDate dd/mm/yyyy', withMember({ ...someone, birthDate: '05/06/1987' }, 1), 'invalid_field', 'facts.members[1].birthDate'],
  ['birthDate after the survey', withMember({ ...someone, birthDate: '2025-10-02' }), 'invalid_field', 'facts.members[0].birthDate'],
  ['sex missing', withMember(without(someone, 'sex')), 'missing_field', 'facts.members[0].sex'],
  ['sex unknown', withMember({ ...someone, sex: 'M' }), 'invalid_field', 'facts.members[0].sex'],
  ['employment missing for an infant', withMember(member({ birthDate: '2025-01-01', employment: undefined }), 1), 'missing_field', 'facts.members[1].employment'],
  ['employment unknown', withMember({ ...someone, employment: 'retired' }), 'invalid_field', 'facts.members[0].employment'],
  ['healthInsurance missing', withMember(without(someone, 'healthInsurance')), 'missing_field', 'facts.members[0].healthInsurance'],
  ['healthInsurance a string', withMember({ ...someone, healthInsurance: 'có' }), 'invalid_field', 'facts.members[0].healthInsurance'],
  ['attendingSchool missing for an elder', withMember(member({ birthDate: '1930-01-01', attendingSchool: undefined })), 'missing_field', 'facts.members[0].attendingSchool'],
  ['educationLevel missing', withMember(without(someone, 'educationLevel')), 'missing_field', 'facts.members[0].educationLevel'],
  ['educationLevel unknown', withMember({ ...someone, educationLevel: 'phd' }), 'invalid_field', 'facts.members[0].educationLevel'],
  ['socialAllowance a number', withMember({ ...someone, socialAllowance: 1 }), 'invalid_field', 'facts.members[0].socialAllowance'],
  ['stunted a string', withMember({ ...someone, stunted: 'no' }), 'invalid_field', 'facts.members[0].stunted'],
  ['underweight a string', withMember({ ...someone, underweight: 'no' }), 'invalid_field', 'facts.members[0].underweight'],
  ['floorAreaM2 missing', withFacts(without(facts(), 'floorAreaM2')), 'missing_field', 'facts.floorAreaM2'],
  ['floorAreaM2 negative', withFacts(facts({ floorAreaM2: -3 })), 'invalid_field', 'facts.floorAreaM2'],
  ['floorAreaM2 a string', withFacts(facts({ floorAreaM2: '40' })), 'invalid_field', 'facts.floorAreaM2'],
  ['durableWalls missing', withFacts(without(facts(), 'durableWalls')), 'missing_field', 'facts.durableWalls'],
  ['durableFrame null', withFacts(facts({ durableFrame: null })), 'missing_field', 'facts.durableFrame'],
  ['durableRoof a number', withFacts(facts({ durableRoof: 1 })), 'invalid_field', 'facts.durableRoof'],
  ['waterSource unknown', withFacts(facts({ waterSource: 'river' })), 'invalid_field', 'facts.waterSource'],
  ['latrine missing', withFacts(without(facts(), 'latrine')), 'missing_field', 'facts.latrine'],
  ['latrine unknown', withFacts(facts({ latrine: 'flush' })), 'invalid_field', 'facts.latrine'],
  ['internetUse missing', withFacts(without(facts(), 'internetUse')), 'missing_field', 'facts.internetUse'],
  ['informationDevices missing (2022)', withFacts(without(facts(), 'informationDevices')), 'missing_field', 'facts.informationDevices'],
  ['wasteCollected missing (2027)', withFacts(without(facts(), 'wasteCollected'), { year: 2027 }), 'missing_field', 'facts.wasteCollected'],
  ['unitCode a number', base({ unitCode: 23575 }), 'invalid_field', 'unitCode'],
  ['unitCode empty', base({ unitCode: '' }), 'invalid_field', 'unitCode'],
  ['ethnicMinority a string', base({ ethnicMinority: 'yes' }), 'invalid_field', 'ethnicMinority'],
];

const VIETNAMESE_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

describe('record errors (SPEC §5.4–5.5)', () => {
  it.each(cases)('%s → %s at %j', (_label, rec, code, field) => {
    const vi = failed(classify(rec, 'vi'));
    const en = failed(classify(rec, 'en'));
    expect(vi.error).toMatchObject({ code, field });
    expect(en.error).toMatchObject({ code, field });
    const hasId = vi.id !== null;
    expect(vi.id).toBe(en.id);
    if (hasId) {
      expect(vi.id).toBe('HH-E');
      expect(vi.error.message.startsWith('Hộ HH-E: ')).toBe(true);
      expect(en.error.message.startsWith('Household HH-E: ')).toBe(true);
    } else {
      expect(vi.error.message.startsWith('Bản ghi: ')).toBe(true);
      expect(en.error.message.startsWith('Record: ')).toBe(true);
    }
    if (field !== '') {
      expect(vi.error.message).toContain(field);
      expect(en.error.message).toContain(field);
    }
    expect(vi.error.message).toMatch(VIETNAMESE_LETTERS);
    expect(vi.error.message).toBe(vi.error.message.normalize('NFC'));
    expect(en.error.message.slice('Household HH-E: '.length)).not.toMatch(VIETNAMESE_LETTERS);
    for (const message of [vi.error.message, en.error.message]) {
      expect(message).not.toContain(SECRET_BIRTH);
      expect(message).not.toContain('1987');
      expect(message).not.toContain('1234567');
      expect(message).not.toContain('1.234.567');
      expect(message).not.toContain('Nguyễn');
    }
  });

  it('has a case for every error code', () => {
    const seen = new Set(cases.map((c) => c[2]));
    expect([...seen].sort()).toEqual([
      'conflicting_fields', 'invalid_field', 'missing_field', 'no_standard_for_year', 'unknown_indicator', 'unsupported_by_standard',
    ]);
  });

  it('reports one problem, the first in the documented order', () => {
    const out = failed(classify({ year: 2031, area: 'x' }));
    expect(out.error).toMatchObject({ code: 'missing_field', field: 'id' });
    const second = failed(classify(base({ area: 'x', incomePerCapita: -1 })));
    expect(second.error.field).toBe('area');
  });

  it('names the line or position of the record when known', () => {
    const line = assessHousehold(base({ area: 'x' }), standards, { position: { line: 7 } });
    expect(line.ok ? '' : line.failure.error.message).toMatch(/^Hộ HH-E \(dòng 7\): /);
    const index = assessHousehold(42, standards, { lang: 'en', position: { index: 2 } });
    expect(index.ok ? '' : index.failure.error.message).toMatch(/^Record 3: the record is not a JSON object\.$/);
  });

  it('gives readable Vietnamese for a typical problem', () => {
    const out = failed(classify(withMember(without(someone, 'birthDate'), 2)));
    expect(out.error.message).toBe('Hộ HH-E: thiếu trường bắt buộc facts.members[2].birthDate.');
    const en = failed(classify(withMember(without(someone, 'birthDate'), 2), 'en'));
    expect(en.error.message).toBe('Household HH-E: required field facts.members[2].birthDate is missing.');
  });

  it('normalises ids to NFC and echoes them', () => {
    const decomposed = 'HỘ-Đắk'.normalize('NFD');
    const out = classify(base({ id: decomposed }));
    expect(out.id).toBe('HỘ-Đắk'.normalize('NFC'));
  });

  it('ignores unknown keys and accepts null for absent optional fields', () => {
    const out = classify(base({ note: 'x', farmHousehold: null, unitCode: null, ethnicMinority: null, scoreA: null }));
    expect(out).toMatchObject({ status: 'near_poor' });
  });
});
