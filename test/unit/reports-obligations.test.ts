/** The obligations calendar: per year from rules as data, who owes whom, no district level after the 2025 reform. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProvincePlan } from '../../src/db/reference/province-plan.parser.js';
import { REVIEW_REPORTING_RULES, obligationsOfYear, rulesFromPlan } from '../../src/domain/reports/index.js';

const plan = parseProvincePlan(readFileSync(new URL('../../reference/plan-2022.json', import.meta.url), 'utf8'), 'plan-2022.json');
const rules = [...rulesFromPlan(plan), ...REVIEW_REPORTING_RULES];

describe('obligationsOfYear', () => {
  it('gives 2022 the plan dates and the review deadlines of Decision 24/2021', () => {
    const calendar = obligationsOfYear(rules, 2022);
    const due = Object.fromEntries(calendar.map((o) => [o.code, o.dueOn]));
    expect(due.R1).toBe('2022-02-28');
    expect(due.R2).toBe('2022-05-20');
    expect(due.R3).toBe('2022-10-30');
    expect(due['RV-PRE']).toBe('2022-11-15');
    expect(due['RV-OFF']).toBe('2022-12-20');
    const monthly = calendar.filter((o) => o.ruleId === 'RV-MC').map((o) => o.dueOn);
    expect(monthly).toEqual(['02', '03', '04', '05', '06', '07', '08', '09'].map((m) => `2022-${m}-05`));
    // Undated plan items ("at any time") are not deadlines.
    expect(calendar.some((o) => o.code === 'R4')).toBe(false);
    expect(calendar.map((o) => o.dueOn)).toEqual([...calendar.map((o) => o.dueOn)].sort());
  });

  it('says who owes whom', () => {
    const calendar = obligationsOfYear(rules, 2022);
    const r1 = calendar.find((o) => o.code === 'R1')!;
    expect(r1.from).toEqual([{ kind: 'level', level: 'district' }]);
    expect(r1.to).toEqual([{ kind: 'agency', code: 'SLDTBXH' }]);
    expect(r1.title.vi).toBe('Kế hoạch thực hiện Chương trình cấp huyện năm 2022');
    const r2 = calendar.find((o) => o.code === 'R2')!;
    expect(r2.from).toContainEqual({ kind: 'party', code: 'provincial_departments' });
    expect(r2.to).toEqual([{ kind: 'level', level: 'province' }]);
    expect(r2.via).toEqual({ kind: 'agency', code: 'SLDTBXH' });
    const march = calendar.find((o) => o.code === 'RV-MC-03')!;
    expect(march.from).toEqual([{ kind: 'level', level: 'commune' }]);
    expect(march.to).toEqual([{ kind: 'level', level: 'district' }]);
    expect(march.title.vi).toContain('tháng 03/2022');
  });

  it('moves the plan template to another year', () => {
    const calendar = obligationsOfYear(rules, 2024);
    expect(calendar.find((o) => o.code === 'R2')!.dueOn).toBe('2024-05-20');
    expect(calendar.find((o) => o.code === 'R2')!.title.vi).toBe('Báo cáo kết quả thực hiện 6 tháng đầu năm 2024');
  });

  it('has no district level from 1 July 2025: districts owe nothing, communes report to the province', () => {
    const calendar = obligationsOfYear(rules, 2025);
    const isDistrict = (p: { kind: string; level?: string }) => p.kind === 'level' && p.level === 'district';
    const june = calendar.find((o) => o.code === 'RV-MC-06')!;
    expect(june.to).toEqual([{ kind: 'level', level: 'district' }]);
    expect(calendar.some((o) => o.code === 'RV-MD-06')).toBe(true);
    const july = calendar.find((o) => o.code === 'RV-MC-07')!;
    expect(july.to).toEqual([{ kind: 'level', level: 'province' }]);
    expect(calendar.some((o) => o.code === 'RV-MD-07')).toBe(false);
    for (const o of calendar.filter((o) => o.dueOn >= '2025-07-01')) {
      expect(o.from.some(isDistrict)).toBe(false);
      expect(o.to.some(isDistrict)).toBe(false);
    }
    // Before the reform the district still makes its plan.
    expect(calendar.find((o) => o.code === 'R1')!.from).toEqual([{ kind: 'level', level: 'district' }]);
    expect(calendar.find((o) => o.code === 'R3')!.from.some(isDistrict)).toBe(false);
  });

  it('puts a missing day on the last day of the month', () => {
    const calendar = obligationsOfYear([{ ...REVIEW_REPORTING_RULES[2]!, id: 'X', schedule: { kind: 'yearly', monthDay: '02-29' } }], 2023);
    expect(calendar[0]!.dueOn).toBe('2023-02-28');
    expect(obligationsOfYear([{ ...REVIEW_REPORTING_RULES[2]!, id: 'X', schedule: { kind: 'yearly', monthDay: '02-29' } }], 2024)[0]!.dueOn).toBe('2024-02-29');
  });

  it('gives every year real dates inside the year, with unique codes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2022, max: 2035 }), (year) => {
        const calendar = obligationsOfYear(rules, year);
        expect(new Set(calendar.map((o) => o.code)).size).toBe(calendar.length);
        for (const o of calendar) expect(o.dueOn.slice(0, 4)).toBe(String(year));
      }),
    );
  });
});
