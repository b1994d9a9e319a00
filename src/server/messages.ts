/**
 * The server's text catalog for problem responses. Each entry gives the Vietnamese and the
 * English text; `{name}` placeholders are filled from the problem's parameters.
 */
import type { Language } from './language.js';

const catalog = {
  'bad_request.title': { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
  'bad_request.malformed_json': {
    vi: 'Nội dung gửi lên không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  'bad_request.unsupported_media': {
    vi: 'Kiểu nội dung không được hỗ trợ.',
    en: 'Unsupported content type.',
  },
  'validation.title': { vi: 'Dữ liệu không hợp lệ', en: 'Invalid data' },
  'validation.detail': {
    vi: 'Có {count} trường không hợp lệ.',
    en: '{count} field(s) are invalid.',
  },
  'unauthorized.title': { vi: 'Chưa đăng nhập', en: 'Not signed in' },
  'unauthorized.detail': {
    vi: 'Vui lòng đăng nhập để tiếp tục.',
    en: 'Please sign in to continue.',
  },
  'login_failed.title': { vi: 'Đăng nhập không thành công', en: 'Sign-in failed' },
  'login_failed.detail': {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'The username or password is incorrect.',
  },
  'too_many.title': { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
  'too_many.detail': {
    vi: 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {seconds} giây.',
    en: 'Too many attempts. Please try again in {seconds} seconds.',
  },
  'forbidden.title': { vi: 'Không có quyền', en: 'Forbidden' },
  'forbidden.detail': {
    vi: 'Vai trò của bạn không được phép thực hiện thao tác này.',
    en: 'Your role is not allowed to perform this action.',
  },
  'not_found.title': { vi: 'Không tìm thấy', en: 'Not found' },
  'not_found.route': {
    vi: 'Không có địa chỉ {method} {url}.',
    en: 'There is no route {method} {url}.',
  },
  'not_found.unit': {
    vi: 'Không có đơn vị hành chính mã {code}.',
    en: 'There is no administrative unit with code {code}.',
  },
  'conflict.title': { vi: 'Xung đột dữ liệu', en: 'Conflict' },
  'not_found.household': {
    vi: 'Không tìm thấy hộ mã {code}.',
    en: 'There is no household with code {code}.',
  },
  'forbidden.commune': {
    vi: 'Bạn không được ghi dữ liệu hộ của đơn vị mã {code}.',
    en: 'You may not write households of unit {code}.',
  },
  'conflict.household_version': {
    vi: 'Hộ {code} vừa được người khác cập nhật (phiên bản {current}); thay đổi của bạn chưa được lưu. Hãy tải lại hộ rồi nhập lại thay đổi.',
    en: 'Household {code} was just changed by someone else (version {current}); your changes were not saved. Reload the household and make them again.',
  },
  'conflict.household_code': {
    vi: 'Mã hộ {code} đã có trong sổ hộ.',
    en: 'Household code {code} is already in the registry.',
  },
  'conflict.household_dissolved': {
    vi: 'Hộ {code} đã giải thể từ ngày {date}; không thể sửa, chuyển hay giải thể lại.',
    en: 'Household {code} was dissolved on {date}; it cannot be edited, moved or dissolved again.',
  },
  'household.unknown_unit': {
    vi: 'Không có đơn vị hành chính mã {code}.',
    en: 'There is no administrative unit with code {code}.',
  },
  'household.search_too_short': {
    vi: 'Nhập ít nhất 2 chữ cái của họ tên, một mã hộ hoặc đủ 12 số định danh.',
    en: 'Type at least 2 letters of a name, a household code or a whole 12-digit citizen ID.',
  },
  'household.bad_cursor': {
    vi: 'Vị trí trang không hợp lệ; hãy tải lại danh sách từ đầu.',
    en: 'The page position is not valid; reload the list from the start.',
  },
  'household.commune_not_valid': {
    vi: 'Mã xã {code} không có hiệu lực vào ngày {date}.',
    en: 'Commune code {code} is not in force on {date}.',
  },
  'household.ethnic_unknown': {
    vi: 'Không có dân tộc mã {code}.',
    en: 'There is no ethnic group with code {code}.',
  },
  'household.income_and_score': {
    vi: 'Chỉ nhập một trong hai: thu nhập bình quân hoặc điểm A.',
    en: 'Give either the income per person or score A, not both.',
  },
  'household.date_in_future': {
    vi: 'Ngày không được sau hôm nay ({today}).',
    en: 'The date cannot be after today ({today}).',
  },
  'household.birth_after_survey': {
    vi: 'Ngày sinh sau ngày khảo sát ({date}).',
    en: 'The birth date is after the survey date ({date}).',
  },
  'household.member_unknown': {
    vi: 'Hộ không có thành viên số {seq}.',
    en: 'The household has no member number {seq}.',
  },
  'household.member_repeated': {
    vi: 'Thành viên số {seq} có mặt hai lần.',
    en: 'Member number {seq} appears twice.',
  },
  'household.date_before_period': {
    vi: 'Ngày phải từ {date} trở đi (ngày hộ bắt đầu ở nơi hiện tại).',
    en: 'The date must be {date} or later (when the household came to its current place).',
  },
  'household.same_place': {
    vi: 'Hộ đang ở thôn này của xã này.',
    en: 'The household already lives in this village of this commune.',
  },
  'citizen_id.format': {
    vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
    en: 'A citizen ID has exactly 12 digits.',
  },
  'citizen_id.place': {
    vi: 'Ba chữ số đầu của số định danh (mã nơi đăng ký khai sinh) phải từ 001 đến 096.',
    en: 'The first three digits of a citizen ID (place of birth registration) must be 001 to 096.',
  },
  'citizen_id.birth': {
    vi: 'Chữ số thứ 4 đến 6 của số định danh (thế kỷ, giới tính, năm sinh) không khớp với ngày sinh và giới tính.',
    en: 'Digits 4 to 6 of the citizen ID (century, sex, birth year) do not match the birth date and sex.',
  },
  'citizen_id.repeated': {
    vi: 'Số định danh trùng với một thành viên khác của hộ.',
    en: 'The citizen ID is the same as another member’s.',
  },
  'citizen_id.in_use': {
    vi: 'Số định danh đã có trong sổ hộ, ở một người khác.',
    en: 'The citizen ID already belongs to someone else in the registry.',
  },
  'not_found.review_round': {
    vi: 'Không có đợt rà soát số {id} trong phạm vi của bạn.',
    en: 'There is no review round {id} within your scope.',
  },
  'not_found.review_household': {
    vi: 'Hộ {code} không có trong danh sách của đợt rà soát này.',
    en: 'Household {code} is not on this round\'s list.',
  },
  'not_found.review_result': {
    vi: 'Hộ {code} không có kết quả được công nhận trong đợt rà soát này.',
    en: 'Household {code} has no recognised result in this round.',
  },
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
  'server_error.title': { vi: 'Lỗi hệ thống', en: 'Server error' },
  'server_error.detail': {
    vi: 'Hệ thống gặp lỗi khi xử lý yêu cầu. Lỗi đã được ghi lại; vui lòng thử lại.',
    en: 'The system failed to handle the request. The error was logged; please try again.',
  },
  'unavailable.title': { vi: 'Dịch vụ tạm ngừng', en: 'Service unavailable' },
  'unavailable.detail': {
    vi: 'Không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau.',
    en: 'The database cannot be reached. Please try again later.',
  },
  'too_large.title': { vi: 'Nội dung quá lớn', en: 'Payload too large' },
  'too_large.detail': {
    vi: 'Nội dung gửi lên vượt quá giới hạn {limit}.',
    en: 'The request body exceeds the limit of {limit}.',
  },
  'records.unusable': {
    vi: 'Không đọc được các bản ghi gửi lên.',
    en: 'The records sent cannot be read.',
  },
  'records.too_many': {
    vi: 'Mỗi yêu cầu có tối đa {limit} bản ghi. Hãy chia nhỏ tệp, hoặc dùng lệnh gnbv classify / gnbv summarize.',
    en: 'A request may carry at most {limit} records. Split the file, or use gnbv classify / gnbv summarize.',
  },
  'field.required': { vi: 'Bắt buộc nhập.', en: 'Required.' },
  'field.invalid': { vi: 'Giá trị không hợp lệ: {reason}', en: 'Invalid value: {reason}' },
  'field.date': {
    vi: 'Ngày phải có dạng YYYY-MM-DD và là ngày có thật.',
    en: 'The date must be YYYY-MM-DD and a real date.',
  },
  // Program, budget and support (src/modules/program).
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
  'targets.not_found': { vi: 'Không tìm thấy chỉ tiêu số {id}.', en: 'Target {id} was not found.' },
  'targets.unit_not_found': { vi: 'Không có kết quả rà soát đã công nhận của đơn vị mã {code}.', en: 'Unit {code} has no recognised review results.' },
  'targets.duplicate': { vi: 'Đơn vị {unit} đã có chỉ tiêu này cho năm {year}.', en: 'Unit {unit} already has this target for {year}.' },
  'targets.conflict': {
    vi: 'Chỉ tiêu vừa được người khác cập nhật; thay đổi của bạn chưa được lưu. Hãy tải lại rồi nhập lại.',
    en: 'The target was just changed by someone else; your changes were not saved. Reload and make them again.',
  },
  'reports.not_found.obligation': { vi: 'Không có nghĩa vụ báo cáo số {id}.', en: 'There is no reporting obligation {id}.' },
  'reports.not_found.submission': { vi: 'Không có báo cáo đã gửi số {id}.', en: 'There is no submission {id}.' },
  'reports.not_found.submitter': { vi: 'Đơn vị {code} không có nghĩa vụ báo cáo này.', en: '{code} does not owe this report.' },
  'reports.stale_version': { vi: 'Dữ liệu đã được người khác thay đổi; hãy tải lại rồi thử lại.', en: 'Someone else changed this record; reload and try again.' },
  'reports.submission_state': { vi: 'Không thể thực hiện thao tác khi báo cáo đang ở trạng thái "{status}".', en: 'This is not possible while the report is "{status}".' },
  'reports.reason_required': { vi: 'Cần ghi lý do trả lại.', en: 'A reason is required to return a report.' },
} satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof catalog;
export type MessageParams = Record<string, string | number>;

export function message(key: MessageKey, language: Language, params: MessageParams = {}): string {
  return catalog[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
