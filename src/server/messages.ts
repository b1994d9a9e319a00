/**
 * The server's text catalog for problem responses. Each entry gives the Vietnamese and the
 * English text; `{name}` placeholders are filled from the problem's parameters.
 */
import type { Language } from './language.js';
import { reviewMessages } from './messages/review.js';
import { programMessages } from './messages/program.js';
import { reportsMessages } from './messages/reports.js';
import { targetsMessages } from './messages/targets.js';
import { trustMessages } from './messages/trust.js';
import { inputMessages } from './messages/input.js';

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
  ...reviewMessages,
  ...programMessages,
  ...reportsMessages,
  ...targetsMessages,
  ...trustMessages,
  ...inputMessages,
} satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof catalog;
export type MessageParams = Record<string, string | number>;

export function message(key: MessageKey, language: Language, params: MessageParams = {}): string {
  return catalog[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
