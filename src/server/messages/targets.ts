/** Problem texts of the targets module (Vietnamese and English); `../messages.ts` merges them into the catalog. */
import type { Language } from '../language.js';

export const targetsMessages = {
  'targets.not_found': { vi: 'Không tìm thấy chỉ tiêu số {id}.', en: 'Target {id} was not found.' },
  'targets.unit_not_found': { vi: 'Không có kết quả rà soát đã công nhận của đơn vị mã {code}.', en: 'Unit {code} has no recognised review results.' },
  'targets.duplicate': { vi: 'Đơn vị {unit} đã có chỉ tiêu này cho năm {year}.', en: 'Unit {unit} already has this target for {year}.' },
  'targets.conflict': {
    vi: 'Chỉ tiêu vừa được người khác cập nhật; thay đổi của bạn chưa được lưu. Hãy tải lại rồi nhập lại.',
    en: 'The target was just changed by someone else; your changes were not saved. Reload and make them again.',
  },
} satisfies Record<string, Record<Language, string>>;
