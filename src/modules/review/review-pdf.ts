/**
 * The review's printable documents (pdfmake, bundled Roboto; every text NFC so Vietnamese
 * diacritics render): the public posting list (danh sách niêm yết công khai) and the certificate
 * of a poor or near-poor household (giấy chứng nhận). The posting list shows what the law
 * requires and nothing more — the household head, village and class — never citizen IDs or
 * birth dates (SPEC §7).
 */
import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { HttpProblem } from '../../server/problem.js';
import { findRoundResult, roundHouseholds, roundResults } from './review.service.js';

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let pdfmake: PdfMake | undefined;

function engine(): PdfMake {
  if (!pdfmake) {
    const fonts = require('pdfmake/fonts/Roboto.js') as Record<string, Record<string, string>>;
    const fontFiles = new Set(Object.values(fonts).flatMap((styles) => Object.values(styles)));
    pdfmake = require('pdfmake') as PdfMake;
    pdfmake.setFonts(fonts);
    // Documents are built from our own text only: no URL is fetched and no file but the fonts is read.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((file) => fontFiles.has(file));
  }
  return pdfmake;
}

const nfc = (text: string) => text.normalize('NFC');

/** Vietnamese names of the classes, as the lists print them. */
export const STATUS_LABELS: Readonly<Record<string, string>> = {
  poor: 'Hộ nghèo',
  near_poor: 'Hộ cận nghèo',
  average: 'Hộ có mức sống trung bình',
  not_poor: 'Không thuộc hộ nghèo, cận nghèo',
};

const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

const KIND_LABELS = { periodic: 'rà soát định kỳ năm', regular: 'rà soát thường xuyên tháng' } as const;

function periodLabel(kind: 'periodic' | 'regular', period: string) {
  return kind === 'periodic' ? `${KIND_LABELS.periodic} ${period}` : `${KIND_LABELS.regular} ${period.slice(5, 7)}/${period.slice(0, 4)}`;
}

async function render(definition: Record<string, unknown>): Promise<Buffer> {
  return engine().createPdf({ defaultStyle: { font: 'Roboto', fontSize: 10 }, pageSize: 'A4', ...definition }).getBuffer();
}

/**
 * The posting list of a round: after recognition the frozen results, before it the surveyed
 * classes (the list is posted before the decision). Poor and near-poor households only, as the
 * list the village reads; one row per household: number, head, village, class.
 */
export async function postingListPdf(db: Kysely<Database>, actor: Actor, roundId: number): Promise<Buffer> {
  const { round, results } = await roundResults(db, actor, roundId);
  let rows: { headName: string; village: string; status: string }[];
  if (round.status === 'closed' && results.length > 0) {
    rows = results.map((result) => ({ headName: result.head_name, village: result.village, status: result.status }));
  } else {
    const { households } = await roundHouseholds(db, actor, roundId);
    rows = households
      .filter((row) => row.included && row.survey_state === 'done' && row.status !== null)
      .map((row) => ({ headName: row.head_name, village: row.village, status: row.status as string }));
  }
  rows = rows
    .filter((row) => row.status === 'poor' || row.status === 'near_poor')
    .sort((a, b) => a.village.localeCompare(b.village, 'vi') || a.status.localeCompare(b.status) || a.headName.localeCompare(b.headName, 'vi'));
  const commune = round.commune_name ?? round.commune_code;
  const body = [
    ['STT', 'Họ và tên chủ hộ', 'Thôn, làng, tổ dân phố', 'Kết quả'].map((text) => ({ text: nfc(text), bold: true })),
    ...rows.map((row, index) => [String(index + 1), nfc(row.headName), nfc(row.village), nfc(STATUS_LABELS[row.status] ?? row.status)]),
  ];
  return render({
    info: { title: nfc(`Danh sách niêm yết — ${commune} — ${round.period}`) },
    content: [
      { text: nfc(`UBND ${commune.toUpperCase()}`), bold: true },
      { text: nfc('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), bold: true, alignment: 'right', margin: [0, -12, 0, 0] },
      { text: nfc('Độc lập - Tự do - Hạnh phúc'), alignment: 'right', margin: [0, 0, 0, 16] },
      { text: nfc('DANH SÁCH NIÊM YẾT CÔNG KHAI'), fontSize: 14, bold: true, alignment: 'center' },
      { text: nfc(`Kết quả ${periodLabel(round.kind, round.period)} hộ nghèo, hộ cận nghèo`), alignment: 'center', margin: [0, 2, 0, 12] },
      { table: { headerRows: 1, widths: [30, '*', '*', 130], body } },
      { text: nfc(`Tổng số: ${rows.filter((r) => r.status === 'poor').length} hộ nghèo, ${rows.filter((r) => r.status === 'near_poor').length} hộ cận nghèo.`), margin: [0, 10, 0, 0] },
      { text: nfc('Mọi ý kiến, khiếu nại xin gửi Ban Chỉ đạo rà soát cấp xã trong thời gian niêm yết.'), italics: true, margin: [0, 4, 0, 0] },
    ],
  });
}

/** The certificate of a household recognised poor or near-poor in a round. */
export async function certificatePdf(db: Kysely<Database>, actor: Actor, roundId: number, householdCode: string): Promise<Buffer> {
  const { round, result } = await findRoundResult(db, actor, roundId, householdCode);
  if (result.status !== 'poor' && result.status !== 'near_poor') throw new HttpProblem(404, 'not_found.review_result', { code: householdCode });
  const commune = round.commune_name ?? round.commune_code;
  const label = STATUS_LABELS[result.status]!.toUpperCase();
  const members = ((result.facts as { facts?: { members?: { fullName?: string }[] } }).facts?.members ?? []).length;
  return render({
    pageOrientation: 'landscape',
    info: { title: nfc(`Giấy chứng nhận ${STATUS_LABELS[result.status]} — ${result.head_name}`) },
    content: [
      { text: nfc(`UBND ${commune.toUpperCase()}`), bold: true },
      { text: nfc('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), bold: true, alignment: 'right', margin: [0, -12, 0, 0] },
      { text: nfc('Độc lập - Tự do - Hạnh phúc'), alignment: 'right', margin: [0, 0, 0, 24] },
      { text: nfc(`GIẤY CHỨNG NHẬN ${label}`), fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      { text: nfc(`Năm ${result.review_year}`), alignment: 'center', margin: [0, 0, 0, 20] },
      { text: nfc(`Chủ hộ: ${result.head_name}`), fontSize: 12 },
      { text: nfc(`Nơi cư trú: ${result.village}, ${commune}`), fontSize: 12 },
      { text: nfc(`Số thành viên: ${members}`), fontSize: 12 },
      { text: nfc(`Mã hộ: ${result.household_code}`), fontSize: 12, margin: [0, 0, 0, 12] },
      { text: nfc(`Được công nhận là ${STATUS_LABELS[result.status]!.toLowerCase()} theo Quyết định số ${result.decision_number} ngày ${dmy(result.decided_on)} của Chủ tịch UBND ${commune} (chuẩn ${result.standard_id}).`), fontSize: 12 },
      { text: nfc(`${commune}, ngày ${dmy(result.decided_on)}`), italics: true, alignment: 'right', margin: [0, 24, 0, 0] },
      { text: nfc('CHỦ TỊCH UBND'), bold: true, alignment: 'right' },
    ],
  });
}
