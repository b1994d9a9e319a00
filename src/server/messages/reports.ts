/** Problem texts of the reports module (Vietnamese and English); `../messages.ts` merges them into the catalog. */
import type { Language } from '../language.js';

export const reportsMessages = {
  'reports.not_found.obligation': { vi: 'Không có nghĩa vụ báo cáo số {id}.', en: 'There is no reporting obligation {id}.' },
  'reports.not_found.submission': { vi: 'Không có báo cáo đã gửi số {id}.', en: 'There is no submission {id}.' },
  'reports.not_found.submitter': { vi: 'Đơn vị {code} không có nghĩa vụ báo cáo này.', en: '{code} does not owe this report.' },
  'reports.stale_version': { vi: 'Dữ liệu đã được người khác thay đổi; hãy tải lại rồi thử lại.', en: 'Someone else changed this record; reload and try again.' },
  'reports.submission_state': { vi: 'Không thể thực hiện thao tác khi báo cáo đang ở trạng thái "{status}".', en: 'This is not possible while the report is "{status}".' },
  'reports.not_found.attachment': { vi: 'Không có tệp đính kèm số {id}.', en: 'There is no attachment {id}.' },
  'reports.attachment.empty': { vi: 'Tệp "{file}" đính kèm báo cáo số {id} rỗng.', en: 'The file "{file}" attached to submission {id} is empty.' },
  'reports.attachment.too_large': { vi: 'Tệp "{file}" đính kèm báo cáo số {id} vượt quá 10 MB.', en: 'The file "{file}" attached to submission {id} is larger than 10 MB.' },
  'reports.attachment.type_not_allowed': {
    vi: 'Tệp "{file}" đính kèm báo cáo số {id}: loại tệp "{type}" không được nhận; chỉ nhận PDF, Excel (.xlsx), Word (.docx), PNG, JPEG.',
    en: 'File "{file}" attached to submission {id}: type "{type}" is not accepted; only PDF, Excel (.xlsx), Word (.docx), PNG and JPEG are.',
  },
  'reports.attachment.extension_mismatch': { vi: 'Tệp "{file}" đính kèm báo cáo số {id}: phần mở rộng của tên tệp không khớp loại "{type}".', en: 'File "{file}" attached to submission {id}: the name\'s extension does not match the type "{type}".' },
  'reports.attachment.content_mismatch': { vi: 'Tệp "{file}" đính kèm báo cáo số {id}: nội dung tệp không phải là "{type}".', en: 'File "{file}" attached to submission {id}: the content is not "{type}".' },
  'reports.attachment.name_required': { vi: 'Cần tên tệp (tham số name) cho tệp đính kèm báo cáo số {id}.', en: 'A file name (the name parameter) is required to attach a file to submission {id}.' },
  'reports.attachment.locked': { vi: 'Báo cáo số {id} đang ở trạng thái "{status}": chỉ thêm, xóa tệp khi báo cáo là bản nháp hoặc bị trả lại.', en: 'Submission {id} is "{status}": files are added or removed only while it is a draft or returned.' },
  'reports.invalid_parties': { vi: 'Nghĩa vụ báo cáo số {id}: đơn vị báo cáo hoặc nơi nhận không hợp lệ.', en: 'Reporting obligation {id}: a reporting party or receiver is not valid.' },
  'reports.reason_required': { vi: 'Cần ghi lý do trả lại.', en: 'A reason is required to return a report.' },
} satisfies Record<string, Record<Language, string>>;
