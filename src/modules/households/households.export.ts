/**
 * Export of a filtered household list to XLSX or CSV, streamed: rows are read in keyset batches
 * and written as they come, so the province's 400,000 households need no more memory than one
 * batch, and nothing is cut off. Every text cell goes through `spreadsheetSafe`, so a name or an
 * address typed as `=HYPERLINK(…)` stays text in the spreadsheet.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { IndicatorCode, PovertyStandard } from '../../domain/poverty/index.js';
import { spreadsheetSafe } from '../../domain/text.js';
import type { Language } from '../../server/language.js';
import type { Scope } from '../access/actor.js';
import {
  type HouseholdFilter,
  type NameCursor,
  type NamePlan,
  listHouseholdPage,
  listHouseholdsByCode,
  searchHouseholdPage,
} from './households.repository.js';
import { indicatorNames } from './household-classification.js';

/** Rows per query; small enough to keep the embedded engine's single connection responsive. */
export const EXPORT_BATCH = 1_000;

type ExportRow = Awaited<ReturnType<typeof listHouseholdPage>>[number] & { match?: string };

/**
 * Every household the filter selects, batch by batch in list order. With a name search, a
 * household found through several members is exported once.
 */
export async function* exportRows(
  db: Kysely<Database>,
  scope: Scope,
  resolved: { filter: HouseholdFilter; name: string | undefined; communes: readonly string[] | undefined; namePlan: NamePlan },
): AsyncGenerator<ExportRow[]> {
  const { filter, name, communes, namePlan } = resolved;
  if (name === undefined) {
    let after: string | undefined;
    for (;;) {
      const rows = await listHouseholdPage(db, scope, filter, { after, limit: EXPORT_BATCH, communes });
      const batch = rows.slice(0, EXPORT_BATCH);
      if (batch.length > 0) yield batch;
      if (rows.length <= EXPORT_BATCH) return;
      after = batch.at(-1)?.code;
    }
  }
  const exported = new Set<string>();
  let after: NameCursor | undefined;
  for (;;) {
    const matches = await searchHouseholdPage(db, scope, filter, name, { after, limit: EXPORT_BATCH, plan: namePlan });
    const page = matches.slice(0, EXPORT_BATCH);
    const fresh = page.filter((match) => !exported.has(match.household_code));
    const households = new Map(
      (await listHouseholdsByCode(db, scope, [...new Set(fresh.map((m) => m.household_code))])).map((row) => [row.code, row]),
    );
    const batch: ExportRow[] = [];
    for (const match of fresh) {
      const row = households.get(match.household_code);
      if (!row || exported.has(row.code)) continue;
      exported.add(row.code);
      batch.push({ ...row, match: match.full_name });
    }
    if (batch.length > 0) yield batch;
    const last = page.at(-1);
    if (matches.length <= EXPORT_BATCH || !last) return;
    after = { name: last.search_name, code: last.household_code, seq: last.seq };
  }
}

const text = {
  vi: {
    sheet: 'Hộ gia đình',
    headers: {
      code: 'Mã hộ',
      communeCode: 'Mã xã',
      communeName: 'Xã, phường, thị trấn',
      village: 'Thôn, làng, buôn, tổ dân phố',
      address: 'Địa chỉ',
      headName: 'Chủ hộ',
      area: 'Khu vực',
      ethnicName: 'Dân tộc của chủ hộ',
      minority: 'Dân tộc thiểu số',
      farm: 'Hộ nông, lâm, ngư, diêm nghiệp',
      members: 'Số thành viên',
      surveyDate: 'Ngày khảo sát',
      income: 'Thu nhập bình quân (đồng/người/tháng)',
      scoreA: 'Điểm A',
      status: 'Phân loại',
      standard: 'Chuẩn nghèo',
      deprivationCount: 'Số chỉ số thiếu hụt',
      deprivations: 'Các chỉ số thiếu hụt',
      dissolvedAt: 'Ngày giải thể',
      match: 'Người được tìm thấy',
    },
    yes: 'có',
    no: 'không',
    areas: { rural: 'Nông thôn', urban: 'Thành thị' },
    statuses: {
      poor: 'Hộ nghèo',
      near_poor: 'Hộ cận nghèo',
      average: 'Hộ có mức sống trung bình',
      not_poor: 'Hộ không nghèo',
      none: 'Chưa phân loại',
    },
  },
  en: {
    sheet: 'Households',
    headers: {
      code: 'Household code',
      communeCode: 'Commune code',
      communeName: 'Commune',
      village: 'Village',
      address: 'Address',
      headName: 'Head of household',
      area: 'Area',
      ethnicName: 'Ethnic group of the head',
      minority: 'Ethnic minority',
      farm: 'Farm household',
      members: 'Members',
      surveyDate: 'Survey date',
      income: 'Income per person (VND/month)',
      scoreA: 'Score A',
      status: 'Class',
      standard: 'Poverty standard',
      deprivationCount: 'Indicators lacked',
      deprivations: 'Indicators lacked (names)',
      dissolvedAt: 'Dissolved on',
      match: 'Person found',
    },
    yes: 'yes',
    no: 'no',
    areas: { rural: 'Rural', urban: 'Urban' },
    statuses: {
      poor: 'Poor',
      near_poor: 'Near-poor',
      average: 'Average living standard',
      not_poor: 'Not poor',
      none: 'Not classified',
    },
  },
} as const;

type Column = keyof (typeof text)['vi']['headers'];
type Cell = string | number | Date | null;

/** The columns of the export and how each row fills them, in one language. */
function layout(language: Language, standards: readonly PovertyStandard[], withMatch: boolean) {
  const words = text[language];
  const names = indicatorNames(standards, language);
  const flag = (value: boolean | null) => (value === null ? null : value ? words.yes : words.no);
  const columns: { key: Column; width: number; kind: 'text' | 'number' | 'date'; value: (row: ExportRow) => Cell }[] = [
    { key: 'code', width: 14, kind: 'text', value: (r) => r.code },
    { key: 'communeCode', width: 9, kind: 'text', value: (r) => r.commune_code },
    { key: 'communeName', width: 22, kind: 'text', value: (r) => r.commune_name },
    { key: 'village', width: 18, kind: 'text', value: (r) => r.village },
    { key: 'address', width: 36, kind: 'text', value: (r) => r.address },
    { key: 'headName', width: 24, kind: 'text', value: (r) => r.head_name },
    { key: 'area', width: 11, kind: 'text', value: (r) => words.areas[r.area] },
    { key: 'ethnicName', width: 12, kind: 'text', value: (r) => r.ethnic_name },
    { key: 'minority', width: 9, kind: 'text', value: (r) => flag(r.is_minority) },
    { key: 'farm', width: 9, kind: 'text', value: (r) => flag(r.farm_household) },
    { key: 'members', width: 9, kind: 'number', value: (r) => Number(r.member_count ?? 0) },
    { key: 'surveyDate', width: 12, kind: 'date', value: (r) => r.survey_date },
    { key: 'income', width: 14, kind: 'number', value: (r) => r.income_per_capita },
    { key: 'scoreA', width: 8, kind: 'number', value: (r) => r.score_a },
    { key: 'status', width: 24, kind: 'text', value: (r) => words.statuses[r.status ?? 'none'] },
    { key: 'standard', width: 13, kind: 'text', value: (r) => r.standard_id },
    { key: 'deprivationCount', width: 9, kind: 'number', value: (r) => (r.status === null ? null : r.deprivations.length) },
    {
      key: 'deprivations',
      width: 48,
      kind: 'text',
      value: (r) => r.deprivations.map((code) => names.get(code as IndicatorCode) ?? code).join('; '),
    },
    { key: 'dissolvedAt', width: 12, kind: 'date', value: (r) => r.dissolved_at },
  ];
  if (withMatch) columns.push({ key: 'match', width: 24, kind: 'text', value: (r) => r.match ?? null });
  return { words, columns };
}

function csvField(value: Cell): string {
  if (value === null) return '';
  const textValue = typeof value === 'string' ? spreadsheetSafe(value) : String(value);
  return /[",\r\n]/.test(textValue) ? `"${textValue.replace(/"/g, '""')}"` : textValue;
}

/**
 * CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read the diacritics),
 * pulled batch by batch: a slow or closed client stops the reading.
 */
export function csvStream(
  batches: AsyncIterable<ExportRow[]>,
  language: Language,
  standards: readonly PovertyStandard[],
  withMatch: boolean,
): Readable {
  const { words, columns } = layout(language, standards, withMatch);
  async function* lines(): AsyncGenerator<string> {
    yield `\uFEFF${columns.map((column) => csvField(words.headers[column.key])).join(',')}\r\n`;
    for await (const batch of batches) {
      yield batch.map((row) => `${columns.map((column) => csvField(column.value(row))).join(',')}\r\n`).join('');
    }
  }
  return Readable.from(lines());
}

const civilDateCell = (value: string) => new Date(`${value}T00:00:00Z`);

/**
 * XLSX through exceljs's streaming writer: each row is committed as soon as it is written, and
 * reading waits while the client has not taken the bytes already produced.
 */
export function xlsxStream(
  batches: AsyncIterable<ExportRow[]>,
  language: Language,
  standards: readonly PovertyStandard[],
  withMatch: boolean,
): Readable {
  const output = new PassThrough();
  const { words, columns } = layout(language, standards, withMatch);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(words.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    key: column.key,
    width: column.width,
    ...(column.kind === 'date' ? { style: { numFmt: 'dd/mm/yyyy' } } : {}),
    ...(column.key === 'income' ? { style: { numFmt: '#,##0' } } : {}),
  }));
  const header = sheet.addRow(columns.map((column) => words.headers[column.key]));
  header.font = { bold: true };
  header.commit();

  void (async () => {
    try {
      for await (const batch of batches) {
        if (output.destroyed) return;
        for (const row of batch) {
          sheet
            .addRow(
              columns.map((column) => {
                const value = column.value(row);
                if (value === null) return null;
                if (column.kind === 'date' && typeof value === 'string') return civilDateCell(value);
                return typeof value === 'string' ? spreadsheetSafe(value) : value;
              }),
            )
            .commit();
        }
        if (output.writableNeedDrain) await Promise.race([once(output, 'drain'), once(output, 'close')]);
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return output;
}
