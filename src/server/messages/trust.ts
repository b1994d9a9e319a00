/** Problem texts of sign-in, accounts, audit and backups (Vietnamese and English); `../messages.ts` merges them into the catalog. */
import type { Language } from '../language.js';

export const trustMessages = {
  // Sign-in security (src/modules/auth, src/modules/users): keys auth.*, csrf.*, session.*, password.*, users.*.
  'csrf.title': { vi: 'Yêu cầu bị từ chối', en: 'Request refused' },
  'csrf.missing': {
    vi: 'Yêu cầu thay đổi dữ liệu thiếu mã chống giả mạo (tiêu đề X-CSRF-Token). Hãy tải lại trang rồi thử lại.',
    en: 'The request changes data but carries no anti-forgery token (X-CSRF-Token header). Reload the page and try again.',
  },
  'csrf.invalid': {
    vi: 'Mã chống giả mạo (X-CSRF-Token) không khớp với phiên đăng nhập. Hãy tải lại trang rồi thử lại.',
    en: 'The anti-forgery token (X-CSRF-Token) does not match the session. Reload the page and try again.',
  },
  'csrf.cross_site': {
    vi: 'Yêu cầu thay đổi dữ liệu đến từ một trang web khác nên bị từ chối.',
    en: 'The request changes data and comes from another website, so it is refused.',
  },
  'session.title': { vi: 'Phiên đăng nhập đã kết thúc', en: 'Session ended' },
  'session.idle': {
    vi: 'Phiên đăng nhập đã hết hạn vì không hoạt động quá {minutes} phút. Vui lòng đăng nhập lại.',
    en: 'The session expired after {minutes} minutes without activity. Please sign in again.',
  },
  'session.absolute': {
    vi: 'Phiên đăng nhập đã quá {hours} giờ kể từ khi đăng nhập. Vui lòng đăng nhập lại.',
    en: 'The session is more than {hours} hours old. Please sign in again.',
  },
  'session.ended': {
    vi: 'Phiên đăng nhập đã kết thúc (đăng xuất ở nơi khác, hoặc quản trị viên đã kết thúc phiên). Vui lòng đăng nhập lại.',
    en: 'The session was ended (signed out elsewhere, or by an administrator). Please sign in again.',
  },
  'auth.locked.title': { vi: 'Tài khoản đang bị khóa', en: 'Account locked' },
  'auth.locked.until': {
    vi: 'Tài khoản bị tạm khóa do đăng nhập sai nhiều lần. Khóa tự mở lúc {until}; quản trị tỉnh có thể mở khóa sớm hơn.',
    en: 'The account is locked after too many failed sign-ins. It unlocks at {until}; a province administrator can unlock it sooner.',
  },
  'auth.locked.admin': {
    vi: 'Tài khoản bị khóa do đăng nhập sai nhiều lần. Liên hệ quản trị tỉnh để mở khóa.',
    en: 'The account is locked after too many failed sign-ins. Ask a province administrator to unlock it.',
  },
  'auth.disabled': {
    vi: 'Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị tỉnh nếu bạn cần dùng lại.',
    en: 'The account is disabled. Contact a province administrator if you need it again.',
  },
  'password.must_change': {
    vi: 'Bạn cần đổi mật khẩu (do quản trị viên cấp) trước khi tiếp tục.',
    en: 'You must change the password an administrator gave you before going on.',
  },
  'password.invalid': {
    vi: 'Mật khẩu mới chưa đạt yêu cầu.',
    en: 'The new password does not meet the rules.',
  },
  'password.too_short': {
    vi: 'Mật khẩu cần ít nhất {min} ký tự; một câu dễ nhớ gồm vài từ cũng được.',
    en: 'The password needs at least {min} characters; a memorable phrase of a few words will do.',
  },
  'password.too_long': { vi: 'Mật khẩu dài tối đa {max} ký tự.', en: 'The password may have at most {max} characters.' },
  'password.contains_username': {
    vi: 'Mật khẩu không được chứa tên đăng nhập.',
    en: 'The password must not contain the username.',
  },
  'password.common': {
    vi: 'Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác.',
    en: 'This password is too common and easy to guess; choose another.',
  },
  'password.repetitive': {
    vi: 'Mật khẩu cần ít nhất {min} ký tự khác nhau (không lặp một mẫu như “aaaaaaaaaa”).',
    en: 'The password needs at least {min} different characters (no repeated pattern such as “aaaaaaaaaa”).',
  },
  'password.same_as_current': {
    vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    en: 'The new password must differ from the current one.',
  },
  'password.wrong_current': { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  'users.invalid': { vi: 'Thông tin người dùng chưa hợp lệ.', en: 'The user details are not valid.' },
  'users.not_found': { vi: 'Không có người dùng số {id}.', en: 'There is no user {id}.' },
  'users.version': {
    vi: 'Người dùng {username} vừa được người khác cập nhật (phiên bản {current}); thay đổi của bạn chưa được lưu. Hãy tải lại rồi làm lại.',
    en: 'User {username} was just changed by someone else (version {current}); your change was not saved. Reload and do it again.',
  },
  'users.self': {
    vi: 'Bạn không thể tự vô hiệu hóa hoặc đổi vai trò của chính mình.',
    en: 'You cannot disable yourself or change your own role.',
  },
  'users.last_admin': {
    vi: 'Phải còn ít nhất một quản trị tỉnh đang hoạt động.',
    en: 'At least one active province administrator must remain.',
  },
  'users.username_format': {
    vi: 'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang.',
    en: 'A username has 3–40 characters: lower-case letters without diacritics, digits, dot, underscore, hyphen.',
  },
  'users.username_taken': { vi: 'Tên đăng nhập "{username}" đã có.', en: 'The username "{username}" is taken.' },
  'users.role_unknown': {
    vi: 'Vai trò "{role}" không có; chọn một trong: {roles}.',
    en: 'There is no role "{role}"; choose one of: {roles}.',
  },
  'users.unit_required': { vi: 'Cần mã đơn vị.', en: 'A unit code is required.' },
  'users.unit_unknown': { vi: 'Không có đơn vị hành chính mã {code}.', en: 'There is no administrative unit with code {code}.' },
  'users.unit_level': {
    vi: 'Vai trò {role} phải gắn với đơn vị cấp {levels}; {name} là cấp {level}.',
    en: 'Role {role} belongs to a unit of level {levels}; {name} is of level {level}.',
  },
  'users.agency_required': {
    vi: 'Người dùng của sở, ngành cần mã cơ quan.',
    en: 'A provincial agency user needs an agency code.',
  },
  'users.agency_unknown': { vi: 'Không có cơ quan mã {code}.', en: 'There is no agency with code {code}.' },
  'backup.missing_file': { vi: 'Không có tệp {file}.', en: 'No such file: {file}.' },
  'backup.out_exists': {
    vi: 'Tệp {file} đã có; hãy chọn tên khác (bản sao lưu cũ không bị ghi đè).',
    en: '{file} already exists; choose another name (an old backup is never overwritten).',
  },
  'backup.not_a_backup': { vi: 'Tệp {file} không phải tệp sao lưu GNBV.', en: '{file} is not a GNBV backup file.' },
  'backup.format_version': {
    vi: 'Tệp sao lưu có định dạng phiên bản {version}; phiên bản GNBV này chỉ đọc được phiên bản {supported}.',
    en: 'The backup file has format version {version}; this GNBV reads only version {supported}.',
  },
  'backup.payload_damaged': {
    vi: 'Tệp sao lưu {file} bị hỏng: mã kiểm tra nội dung không khớp với bản kê; không có gì được khôi phục.',
    en: 'The backup file {file} is damaged: its content hash does not match its manifest; nothing was restored.',
  },
  'backup.engine_mismatch': {
    vi: 'Tệp sao lưu được tạo từ {backupEngine}, còn cơ sở dữ liệu đích là {targetEngine}; bản sao lưu chỉ khôi phục được vào cùng loại cơ sở dữ liệu.',
    en: 'The backup was made from {backupEngine} but the target database is {targetEngine}; a backup restores only into the same kind of database.',
  },
  'backup.unknown_migrations': {
    vi: 'Tệp sao lưu được tạo bởi một phiên bản GNBV mới hơn (có bước chuyển đổi {migrations} mà phiên bản này không có); hãy cập nhật GNBV trước khi khôi phục.',
    en: 'The backup was made by a newer GNBV (it has migrations {migrations} that this version lacks); update GNBV before restoring.',
  },
  'backup.no_schema': {
    vi: 'Cơ sở dữ liệu chưa có dữ liệu GNBV (chưa chạy gnbv migrate); không có gì để sao lưu.',
    en: 'The database holds no GNBV data (gnbv migrate was never run); there is nothing to back up.',
  },
  'backup.target_not_empty': {
    vi: 'Cơ sở dữ liệu đích đã có dữ liệu ({tables} bảng, {rows} dòng); thêm --force để thay toàn bộ bằng bản sao lưu.',
    en: 'The target database is not empty ({tables} tables, {rows} rows); add --force to replace all of it with the backup.',
  },
  'backup.busy': {
    vi: 'Cơ sở dữ liệu nhúng {dir} đang được tiến trình {pid} sử dụng; hãy dừng máy chủ (gnbv serve) rồi chạy lại.',
    en: 'The embedded database {dir} is in use by process {pid}; stop the server (gnbv serve) and run this again.',
  },
  'backup.tool_missing': {
    vi: 'Không tìm thấy chương trình {tool}; hãy cài gói postgresql-client (cùng phiên bản chính với máy chủ hoặc mới hơn).',
    en: 'The program {tool} was not found; install postgresql-client (the server\'s major version or newer).',
  },
  'backup.tool_failed': { vi: '{tool} thất bại: {detail}', en: '{tool} failed: {detail}' },
  'backup.verify_failed': {
    vi: 'Đối chiếu sau khôi phục không khớp ở bảng {table} ({detail}); dữ liệu đích cũ được giữ nguyên.',
    en: 'Verification after the restore failed for table {table} ({detail}); the old target data was kept.',
  },
  'backup.progress.count': { vi: 'Kiểm đếm các bảng', en: 'Counting tables' },
  'backup.progress.dump': { vi: 'Sao lưu', en: 'Backing up' },
  'backup.progress.check': { vi: 'Kiểm tra tệp sao lưu', en: 'Checking the backup file' },
  'backup.progress.restore': { vi: 'Khôi phục', en: 'Restoring' },
  'backup.progress.verify': { vi: 'Đối chiếu các bảng', en: 'Verifying tables' },
  'backup.done': {
    vi: 'Đã sao lưu {engine} vào {file}: {tables} bảng, {rows} dòng, {size}.',
    en: 'Backed up {engine} to {file}: {tables} tables, {rows} rows, {size}.',
  },
  'backup.restored': {
    vi: 'Đã khôi phục {file} (tạo lúc {createdAt}) vào {target}: {tables} bảng, {rows} dòng; số dòng và mã kiểm tra của từng bảng khớp với bản kê.',
    en: 'Restored {file} (made {createdAt}) into {target}: {tables} tables, {rows} rows; every table\'s row count and content hash match the manifest.',
  },
  // Access and audit (src/modules/access, src/modules/audit): keys access.*, audit.*.
  'audit.range': {
    vi: 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.',
    en: 'The end date must be on or after the start date.',
  },
} satisfies Record<string, Record<Language, string>>;
