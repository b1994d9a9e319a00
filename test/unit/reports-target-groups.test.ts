/** Target groups from recorded facts (ages on the survey date, the 2019 Labour Code's working age), report periods, and the attachment check. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStandardsFile } from '../../src/domain/poverty/index.js';
import { MAX_ATTACHMENT_BYTES, attachmentProblem, cleanFileName, periodBounds, targetGroupsOf } from '../../src/domain/reports/index.js';

const standards = parseStandardsFile(JSON.parse(readFileSync(new URL('../../reference/standards.json', import.meta.url), 'utf8')));
const labour = standards[0]!.labour;
const member = (birthDate: string, sex: 'male' | 'female' = 'male', socialAllowance = false) => ({ birthDate, sex, socialAllowance });
const base = { headEthnicMinority: false, headSex: 'male' as const, surveyDate: '2022-10-01' };

describe('targetGroupsOf', () => {
  it('puts a household in every group its facts show, and in none otherwise', () => {
    expect(targetGroupsOf({ headEthnicMinority: true, headSex: 'female', surveyDate: '2022-10-01', members: [member('1950-01-01', 'female', true)] }, labour)).toEqual([
      'ethnic_minority',
      'social_allowance',
      'no_working_age_member',
      'female_head',
      'elderly_alone',
    ]);
    expect(targetGroupsOf({ ...base, members: [member('1985-03-03'), member('1987-06-06', 'female'), member('2015-01-01')] }, labour)).toEqual([]);
    expect(targetGroupsOf({ ...base, headEthnicMinority: null, headSex: null, members: [member('1985-03-03')] }, labour)).toEqual([]);
  });

  it('ends working age at the retirement age of the survey year: a man of 60 years 6 months is of working age in 2022 only until he reaches it', () => {
    // 2022: men retire at 60 years 6 months (726 months). Born 1962-04-01: 726 months on 2022-10-01.
    // A lone man of 60 is elderly whether or not he is still of working age.
    expect(targetGroupsOf({ ...base, members: [member('1962-04-02')] }, labour)).toEqual(['elderly_alone']);
    expect(targetGroupsOf({ ...base, members: [member('1962-04-01')] }, labour)).toEqual(['no_working_age_member', 'elderly_alone']);
    // 2022: women retire at 55 years 8 months (668 months).
    expect(targetGroupsOf({ ...base, headSex: 'female', members: [member('1967-02-02', 'female')] }, labour)).toEqual(['female_head']);
    expect(targetGroupsOf({ ...base, headSex: 'female', members: [member('1967-02-01', 'female')] }, labour)).toEqual(['no_working_age_member', 'female_head']);
    // Working age starts at 15 completed years.
    expect(targetGroupsOf({ ...base, members: [member('2007-10-02'), member('1950-01-01')] }, labour)).toEqual(['no_working_age_member']);
    expect(targetGroupsOf({ ...base, members: [member('2007-10-01'), member('1950-01-01')] }, labour)).toEqual([]);
  });

  it('counts the elderly from 60 completed years, alone only with one member, and guesses nothing when a birth date is missing', () => {
    expect(targetGroupsOf({ ...base, headSex: 'female', members: [member('1962-10-02', 'female')] }, labour)).toContain('no_working_age_member');
    expect(targetGroupsOf({ ...base, headSex: 'female', members: [member('1962-10-02', 'female')] }, labour)).not.toContain('elderly_alone');
    expect(targetGroupsOf({ ...base, headSex: 'female', members: [member('1962-10-01', 'female')] }, labour)).toContain('elderly_alone');
    expect(targetGroupsOf({ ...base, members: [member('1940-01-01'), member('1942-01-01', 'female')] }, labour)).toEqual(['no_working_age_member']);
    expect(targetGroupsOf({ ...base, members: [{ birthDate: null, sex: 'male', socialAllowance: null }] }, labour)).toEqual([]);
    expect(targetGroupsOf({ ...base, surveyDate: null, members: [member('1940-01-01')] }, labour)).toEqual([]);
  });
});

describe('periodBounds', () => {
  it('closes a six-month report on 30 June (money through June) and an annual one on 31 December', () => {
    expect(periodBounds('six_month', 2022)).toMatchObject({ lastMonth: 6, endsOn: '2022-06-30', label: { vi: '6 tháng đầu năm 2022' } });
    expect(periodBounds('annual', 2024)).toMatchObject({ lastMonth: 12, endsOn: '2024-12-31', label: { vi: 'năm 2024' } });
  });
});

describe('attachmentProblem', () => {
  const pdf = Buffer.from('%PDF-1.7\n');
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]);
  it('accepts a file whose type, extension and first bytes agree', () => {
    expect(attachmentProblem('Báo cáo.PDF', 'application/pdf', pdf)).toBeNull();
    expect(attachmentProblem('so-lieu.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip)).toBeNull();
    expect(attachmentProblem('scan.jpeg', 'image/jpeg; charset=binary', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
  });
  it('names what is wrong otherwise', () => {
    expect(attachmentProblem('a.pdf', 'application/pdf', Buffer.alloc(0))).toBe('empty');
    expect(attachmentProblem('a.pdf', 'application/pdf', Buffer.concat([pdf, Buffer.alloc(MAX_ATTACHMENT_BYTES)]))).toBe('too_large');
    expect(attachmentProblem('a.exe', 'application/x-msdownload', Buffer.from('MZ'))).toBe('type_not_allowed');
    expect(attachmentProblem('a.docx', 'application/pdf', pdf)).toBe('extension_mismatch');
    expect(attachmentProblem('a.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf)).toBe('content_mismatch');
  });
  it('keeps a file name safe to store and to send back', () => {
    expect(cleanFileName('C:\\Users\\x\\Báo cáo "tháng 3".pdf')).toBe('Báo cáo tháng 3.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\r\n.pdf')).toBe('ab.pdf');
  });
});
