/** Problem texts of the reports module (Vietnamese and English); `../messages.ts` merges them into the catalog. */
import type { Language } from '../language.js';

export const reportsMessages = {
  'reports.not_found.obligation': { vi: 'Không có nghĩa vụ báo cáo số {id}.', en: 'There is no reporting obligation {id}.' },
  'reports.not_found.submission': { vi: 'Không có báo cáo đã gửi số {id}.', en: 'There is no submission {id}.' },
  'reports.not_found.submitter': { vi: 'Đơn vị {code} không có nghĩa vụ báo cáo này.', en: '{code} does not owe this report.' },
  'reports.stale_version': { vi: 'Dữ liệu đã được người khác thay đổi; hãy tải lại rồi thử lại.', en: 'Someone else changed this record; reload and try again.' },
  'reports.submission_state': { vi: 'Không thể thực hiện thao tác khi báo cáo đang ở trạng thái "{status}".', en: 'This is not possible while the report is "{status}".' },
  'reports.reason_required': { vi: 'Cần ghi lý do trả lại.', en: 'A reason is required to return a report.' },
} satisfies Record<string, Record<Language, string>>;
