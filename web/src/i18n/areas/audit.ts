/** Text of the `audit` section, in Vietnamese and English (same keys; `vi.ts` and `en.ts` place them in the catalogs). */

export const auditVi = {
  title: 'Nhật ký thay đổi',
};

export const auditEn: typeof auditVi = {
  title: 'Audit log',
};
