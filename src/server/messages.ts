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
  'field.required': { vi: 'Bắt buộc nhập.', en: 'Required.' },
  'field.invalid': { vi: 'Giá trị không hợp lệ: {reason}', en: 'Invalid value: {reason}' },
  'field.date': {
    vi: 'Ngày phải có dạng YYYY-MM-DD và là ngày có thật.',
    en: 'The date must be YYYY-MM-DD and a real date.',
  },
} satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof catalog;
export type MessageParams = Record<string, string | number>;

export function message(key: MessageKey, language: Language, params: MessageParams = {}): string {
  return catalog[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
