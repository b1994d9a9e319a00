/**
 * The reporting duties for review results under Decision 24/2021/QĐ-TTg Art. 7 (DOMAIN §2.8):
 * the default rules a province starts from. They are copied into the `obligation` table per
 * year, where a province admin edits the dates.
 */
import type { ObligationRule } from './obligations.js';

const source = 'Quyết định 24/2021/QĐ-TTg, Điều 7';
const open = { validFrom: '2022-01-01', validTo: null } as const;

export const REVIEW_REPORTING_RULES: readonly ObligationRule[] = [
  {
    id: 'RV-MC',
    title: { vi: 'Báo cáo kết quả rà soát thường xuyên hộ nghèo, hộ cận nghèo của xã', en: 'Commune results of the regular review' },
    from: [{ kind: 'level', level: 'commune' }],
    to: [{ kind: 'level', level: 'district' }],
    via: null,
    schedule: { kind: 'monthly', day: 5, months: [2, 3, 4, 5, 6, 7, 8, 9] },
    source,
    ...open,
  },
  {
    id: 'RV-MD',
    title: { vi: 'Báo cáo kết quả rà soát thường xuyên hộ nghèo, hộ cận nghèo của huyện', en: 'District results of the regular review' },
    from: [{ kind: 'level', level: 'district' }],
    to: [{ kind: 'level', level: 'province' }],
    via: null,
    schedule: { kind: 'monthly', day: 5, months: [2, 3, 4, 5, 6, 7, 8, 9] },
    source,
    ...open,
  },
  {
    id: 'RV-PRE',
    title: { vi: 'Báo cáo sơ bộ kết quả rà soát định kỳ hộ nghèo, hộ cận nghèo', en: 'Preliminary results of the periodic review' },
    from: [{ kind: 'agency', code: 'SLDTBXH' }],
    to: [{ kind: 'party', code: 'ministry' }],
    via: null,
    schedule: { kind: 'yearly', monthDay: '11-15' },
    source,
    ...open,
  },
  {
    id: 'RV-OFF',
    title: { vi: 'Báo cáo kết quả chính thức rà soát định kỳ hộ nghèo, hộ cận nghèo', en: 'Official results of the periodic review' },
    from: [{ kind: 'level', level: 'province' }],
    to: [{ kind: 'party', code: 'ministry' }],
    via: null,
    schedule: { kind: 'yearly', monthDay: '12-20' },
    source,
    ...open,
  },
];
