/** Survey plausibility: impossible facts are refused with the field named. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, implausibleFacts } from '../../src/domain/review/index.js';

const member = (overrides: Record<string, unknown> = {}) => ({
  birthDate: '1990-04-02',
  sex: 'male',
  employment: 'contract',
  educationLevel: 'upper_secondary',
  ...overrides,
});

describe('implausible facts', () => {
  it('accepts an ordinary household', () => {
    expect(implausibleFacts({ surveyDate: '2024-10-01', floorAreaM2: 30, members: [member(), member({ birthDate: '2015-01-01', educationLevel: 'primary', employment: 'not_in_labour_force' })] })).toEqual([]);
  });

  it('refuses a 5-year-old with a university degree', () => {
    const found = implausibleFacts({
      surveyDate: '2024-10-01',
      floorAreaM2: 30,
      members: [member(), member({ birthDate: '2019-05-01', educationLevel: 'college_or_higher', employment: 'not_in_labour_force' })],
    });
    expect(found).toEqual([{ field: 'facts.members[1].educationLevel', code: 'education_too_high_for_age', params: { age: 5, minimum: 17 } }]);
  });

  it('refuses no floor at all for a household with members', () => {
    expect(implausibleFacts({ surveyDate: '2024-10-01', floorAreaM2: 0, members: [member()] })[0]?.field).toBe('facts.floorAreaM2');
    expect(implausibleFacts({ surveyDate: '2024-10-01', floorAreaM2: 0.5, members: [member()] })).toEqual([]);
  });

  it('refuses a birth date after the survey date', () => {
    const found = implausibleFacts({ surveyDate: '2024-10-01', floorAreaM2: 30, members: [member({ birthDate: '2024-10-02' })] });
    expect(found).toEqual([{ field: 'facts.members[0].birthDate', code: 'born_after_survey', params: { surveyDate: '2024-10-01' } }]);
  });

  it('refuses a toddler at work and a survey outside the round', () => {
    expect(implausibleFacts({ surveyDate: '2024-10-01', floorAreaM2: 30, members: [member({ birthDate: '2021-01-01', educationLevel: 'none' })] })[0])
      .toMatchObject({ field: 'facts.members[0].employment', code: 'working_too_young' });
    expect(implausibleFacts({ surveyDate: '2024-08-01', floorAreaM2: 30, members: [member()] }, { from: '2024-09-01', to: '2024-12-14' })[0])
      .toMatchObject({ field: 'facts.surveyDate', code: 'survey_date_outside_round' });
  });

  it('leaves missing and malformed facts to the engine', () => {
    expect(implausibleFacts({ members: [member({ birthDate: 'soon' })] })).toEqual([]);
    expect(implausibleFacts({ surveyDate: '2024-10-01', members: [member({ birthDate: '2024-02-30' })] })).toEqual([]);
  });

  it('never refuses an adult of 25–100 with any level and any work (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 25 * 366, max: 100 * 365 }),
        fc.constantFrom('none', 'primary', 'lower_secondary', 'upper_secondary', 'vocational', 'college_or_higher'),
        fc.constantFrom('contract', 'informal_wage', 'self_employed', 'unemployed', 'not_in_labour_force'),
        (days, educationLevel, employment) => {
          const birthDate = addDays('2024-10-01', -days);
          expect(implausibleFacts({ surveyDate: '2024-10-01', floorAreaM2: 20, members: [member({ birthDate, educationLevel, employment })] })).toEqual([]);
        },
      ),
    );
  });
});
