/** Problem texts of the program module (Vietnamese and English); `../messages.ts` merges them into the catalog. */
import type { Language } from '../language.js';

export const programMessages = {
  'program.not_found': {
    vi: 'Không tìm thấy {what} mã {code}.',
    en: 'There is no {what} with code {code}.',
  },
  'program.not_found_household': {
    vi: 'Không tìm thấy hộ mã {code} trong phạm vi của bạn.',
    en: 'There is no household with code {code} in your scope.',
  },
  'program.conflict': {
    vi: 'Bản ghi vừa được người khác cập nhật; thay đổi của bạn chưa được lưu. Hãy tải lại rồi nhập lại.',
    en: 'The record was just changed by someone else; your changes were not saved. Reload and make them again.',
  },
  'program.not_own_project': {
    vi: 'Cơ quan của bạn không chủ trì hay thực hiện dự án {code} năm {year}.',
    en: 'Your agency neither leads nor implements project {code} in {year}.',
  },
  'program.year_outside_period': {
    vi: 'Năm {year} nằm ngoài giai đoạn {start}–{end} của chương trình.',
    en: 'The year {year} is outside the program period {start}–{end}.',
  },
  'program.date_outside_period': {
    vi: 'Ngày {date} nằm ngoài giai đoạn {start}–{end} của chương trình.',
    en: 'The date {date} is outside the program period {start}–{end}.',
  },
  'program.completed_before_planned': {
    vi: 'Ngày hoàn thành không được trước ngày dự kiến.',
    en: 'The completion date must not be before the planned date.',
  },
  'program.completed_date_required': {
    vi: 'Hỗ trợ đã hoàn thành phải có ngày hoàn thành (và chỉ khi đó).',
    en: 'A completed support needs a completion date (and only then).',
  },
  'program.disbursed_beyond_allocated': {
    vi: 'Tổng giải ngân {disbursed} ₫ vượt số vốn đã phân bổ {allocated} ₫.',
    en: 'Total disbursed, {disbursed} ₫, exceeds the allocated {allocated} ₫.',
  },
  'program.allocation_exceeds_budget': {
    vi: 'Tổng phân bổ {total} ₫ vượt số vốn còn lại {available} ₫ của dự án (dòng ngân sách cấp tỉnh trừ các phương án đã lưu).',
    en: 'The allocation total, {total} ₫, exceeds the {available} ₫ left for the project (province-level budget lines less saved models).',
  },
  'program.duplicate_month': {
    vi: 'Tháng {month} được nhập hai lần.',
    en: 'Month {month} is given twice.',
  },
  'program.duplicate_budget_line': {
    vi: 'Đã có dòng ngân sách cho dự án, đơn vị, nguồn và loại vốn này trong năm.',
    en: 'A budget line for this project, unit, source and type already exists for the year.',
  },
  'program.unknown': {
    vi: 'Không có {what} mã {code}.',
    en: 'There is no {what} with code {code}.',
  },
  'program.unit_not_in_force': {
    vi: 'Đơn vị {code} không còn (hoặc chưa) có hiệu lực vào ngày {date}; phân bổ theo đơn vị hành chính có hiệu lực vào ngày nghị quyết.',
    en: 'Unit {code} is not in force on {date}; allocate to the units in force on the resolution date.',
  },
  'program.project_not_in_program': {
    vi: 'Dự án {code} không thuộc chương trình {program}.',
    en: 'Project {code} does not belong to program {program}.',
  },
  'program.household_not_eligible': {
    vi: 'Chỉ lập kế hoạch hỗ trợ cho hộ nghèo, hộ cận nghèo.',
    en: 'Support plans are for poor and near-poor households only.',
  },
  'program.plan_missing': {
    vi: 'Hộ chưa có kế hoạch hỗ trợ; hãy lập kế hoạch trước.',
    en: 'The household has no support plan yet; create the plan first.',
  },
  'program.no_dependence': {
    vi: 'Chưa nhập tỷ lệ ngân sách trung ương hỗ trợ của tỉnh cho năm này.',
    en: 'The share of the province budget supported by the centre is not set for this year.',
  },
  'program.agency_own_only': {
    vi: 'Cơ quan chỉ được ghi kết nghĩa, đỡ đầu của chính mình.',
    en: 'An agency may record only its own twinning and sponsorship.',
  },
  'program.one_lead': {
    vi: 'Mỗi dự án mỗi năm có đúng một cơ quan chủ trì, và một cơ quan chỉ giữ một vai trò.',
    en: 'Each project has exactly one lead agency a year, and an agency holds one role only.',
  },
  'program.allocation.invalid_total': { vi: 'Tổng vốn phải là số đồng nguyên ≥ 0.', en: 'The total must be whole đồng ≥ 0.' },
  'program.allocation.invalid_coefficient': { vi: 'Hệ số phải ≥ 0, tối đa 4 chữ số thập phân.', en: 'A coefficient must be ≥ 0 with at most 4 decimals.' },
  'program.allocation.invalid_count': { vi: 'Số lượng phải là số nguyên ≥ 0.', en: 'A count must be a whole number ≥ 0.' },
  'program.allocation.invalid_share': { vi: 'Tỷ lệ phải từ 0 đến 1, tối đa 6 chữ số thập phân.', en: 'A share must be between 0 and 1 with at most 6 decimals.' },
  'program.allocation.unknown_criterion': { vi: 'Tiêu chí không có trong phương án.', en: 'The criterion is not in the model.' },
  'program.allocation.duplicate_unit': { vi: 'Đơn vị được nhập hai lần.', en: 'The unit is listed twice.' },
  'program.allocation.no_points': { vi: 'Không đơn vị nào có điểm.', en: 'No unit has any points.' },
  'program.allocation.minimums_exceed_total': {
    vi: 'Tổng mức tối thiểu của các đơn vị vượt tổng vốn.',
    en: 'The minimum shares of all units exceed the total.',
  },
  'program.allocation.caps_below_total': {
    vi: 'Tổng mức trần của các đơn vị nhỏ hơn tổng vốn.',
    en: 'The caps of all units do not add up to the total.',
  },
} satisfies Record<string, Record<Language, string>>;
