/** Problem texts of the review module (Vietnamese and English); `../messages.ts` merges them into the catalog. */
import type { Language } from '../language.js';

export const reviewMessages = {
  'review.round_exists': {
    vi: 'Xã này đã có đợt rà soát {kind} kỳ {period}.',
    en: 'This commune already has a {kind} review for {period}.',
  },
  'review.commune_not_valid': {
    vi: 'Mã {code} không phải là xã có hiệu lực ngày {date} (đợt từ 01/7/2025 làm theo xã mới, trước đó theo xã cũ).',
    en: 'Code {code} is not a commune valid on {date} (rounds from 1 July 2025 run in the new communes, earlier ones in the old).',
  },
  'review.round_in_future': {
    vi: 'Đợt rà soát này bắt đầu ngày {date}, chưa đến.',
    en: 'This round starts on {date}, which has not come yet.',
  },
  'review.round_closed': {
    vi: 'Đợt rà soát đã kết thúc (đã công nhận); không thể sửa. Cần quản trị tỉnh mở lại, có lý do.',
    en: 'The round is closed (recognised) and cannot be edited. A province admin must reopen it, with a reason.',
  },
  'review.round_not_closed': {
    vi: 'Đợt rà soát chưa kết thúc nên không cần mở lại.',
    en: 'The round is not closed, so it cannot be reopened.',
  },
  'review.step_not_in_round': {
    vi: 'Bước "{step}" không có trong đợt rà soát này (từ 01/7/2025 không còn bước xin ý kiến Chủ tịch UBND huyện).',
    en: 'Step "{step}" is not part of this round (from 1 July 2025 there is no district chair consultation).',
  },
  'review.step_out_of_order': {
    vi: 'Các bước làm theo thứ tự: bước tiếp theo là "{expected}", chưa thể làm "{step}".',
    en: 'Steps happen in order: the next step is "{expected}", not "{step}".',
  },
  'review.date_before_window': {
    vi: 'Ngày phải từ {startsOn} (ngày bắt đầu đợt rà soát).',
    en: 'The date must be on or after {startsOn} (the start of the round).',
  },
  'review.date_after_window': {
    vi: 'Ngày phải đến hết {endsOn} (rà soát định kỳ từ 01/9 đến 14/12).',
    en: 'The date must be on or before {endsOn} (the periodic review runs 1 Sep – 14 Dec).',
  },
  'review.date_before_previous_step': {
    vi: 'Ngày không được trước ngày của bước trước ({previous}).',
    en: 'The date cannot be before the previous step ({previous}).',
  },
  'review.date_in_future': {
    vi: 'Ngày không được sau hôm nay ({today}).',
    en: 'The date cannot be after today ({today}).',
  },
  'review.posted_until_before': {
    vi: 'Ngày kết thúc niêm yết không được trước ngày bắt đầu.',
    en: 'The end of the posting cannot be before its start.',
  },
  'review.list_locked': {
    vi: 'Danh sách hộ đã chốt (đã hoàn thành bước điều tra); không thể thêm, bớt.',
    en: 'The list is settled (the survey step is done); households cannot be added or removed.',
  },
  'review.survey_locked': {
    vi: 'Phiếu khảo sát đã chốt (đã niêm yết kết quả) hoặc hộ không còn trong danh sách.',
    en: 'The survey is settled (the results were posted) or the household is no longer on the list.',
  },
  'review.survey_version': {
    vi: 'Phiếu của hộ {code} vừa được người khác lưu. Tải lại để xem bản mới nhất; không có gì bị ghi đè.',
    en: 'Household {code}\'s survey was just saved by someone else. Reload to see the latest; nothing was overwritten.',
  },
  'review.surveys_unfinished': {
    vi: 'Còn {count} hộ chưa hoàn thành phiếu khảo sát.',
    en: '{count} household(s) have not finished their survey.',
  },
  'review.household_on_list': {
    vi: 'Hộ {code} đã có trong danh sách.',
    en: 'Household {code} is already on the list.',
  },
  'review.household_outside_round': {
    vi: 'Hộ {code} không thuộc xã của đợt rà soát.',
    en: 'Household {code} does not belong to the round\'s commune.',
  },
  'review.implausible.born_after_survey': {
    vi: 'Ngày sinh sau ngày khảo sát ({surveyDate}).',
    en: 'Born after the survey date ({surveyDate}).',
  },
  'review.implausible.too_old': {
    vi: 'Tuổi {age} vượt quá {max}: kiểm tra lại ngày sinh.',
    en: 'Age {age} is over {max}: check the birth date.',
  },
  'review.implausible.education_too_high_for_age': {
    vi: 'Trình độ này không thể có ở tuổi {age} (tối thiểu {minimum} tuổi).',
    en: 'This level is impossible at age {age} (at least {minimum}).',
  },
  'review.implausible.working_too_young': {
    vi: 'Trẻ {age} tuổi không thể có việc làm (dưới {minimum} tuổi).',
    en: 'A child of {age} cannot be working (under {minimum}).',
  },
  'review.implausible.no_floor_area': {
    vi: 'Hộ có {members} thành viên thì diện tích nhà ở phải lớn hơn 0 m².',
    en: 'A household of {members} member(s) must have a floor area above 0 m².',
  },
  'review.implausible.survey_date_outside_round': {
    vi: 'Ngày khảo sát phải trong thời gian của đợt rà soát ({from} – {to}).',
    en: 'The survey date must fall within the round ({from} – {to}).',
  },
  'review.import.not_on_list': {
    vi: 'Hộ {code} không có trong danh sách của đợt rà soát (hoặc đã được đưa ra).',
    en: 'Household {code} is not on the round\'s list (or was taken off it).',
  },
  'review.import.member_no': {
    vi: 'Số thứ tự thành viên phải là số nguyên dương, không trùng trong cùng hộ.',
    en: 'The member number must be a positive whole number, not repeated within the household.',
  },
  'review.import.no_members': {
    vi: 'Hộ không có thành viên nào (trong sheet members hoặc trong sổ hộ).',
    en: 'The household has no members (in sheet members or in the registry).',
  },
  'review.import.too_many_rows': {
    vi: 'Tệp có quá {max} dòng; một đợt rà soát không có nhiều hộ đến vậy.',
    en: 'The file has more than {max} rows; a round has no more households than that.',
  },
  'review.import.csv_members': {
    vi: 'Tệp CSV chỉ chứa sheet households; để nhập cả thành viên, dùng tệp .xlsx.',
    en: 'A CSV file holds only sheet households; to import members too, use an .xlsx file.',
  },
  'review.import.failed': {
    vi: 'Không nhập được: tệp có {count} lỗi; không có phiếu nào được ghi.',
    en: 'Nothing was imported: the file has {count} problem(s); no survey was written.',
  },
  'review.import.locked': {
    vi: 'Không thể nhập phiếu: đợt rà soát đã niêm yết hoặc đã kết thúc.',
    en: 'Surveys cannot be imported: the round has been posted or is closed.',
  },
  'review.import.guide': {
    vi: 'Mỗi dòng của sheet households là một hộ trong danh sách của đợt; sheet members (không bắt buộc) thay toàn bộ thành viên của hộ có dòng trong đó. Cột bỏ đi thì giữ giá trị hiện có. Có/không: có, không, 1, 0, x; ngày: dd/mm/yyyy. Nhập thử trước; khi nhập thật, mọi phiếu được ghi cùng lúc hoặc không phiếu nào.',
    en: 'Each row of sheet households is a household on the round\'s list; sheet members (optional) replaces all members of the households it has rows for. A column left out keeps the current value. Yes/no: true, false, 1, 0, x; dates: dd/mm/yyyy. Try a dry run first; a real import writes every survey at once, or none.',
  },
  'review.import.body': {
    vi: 'Gửi tệp .xlsx hoặc .csv làm nội dung yêu cầu.',
    en: 'Send an .xlsx or .csv file as the request body.',
  },
} satisfies Record<string, Record<Language, string>>;
