/** Text of the `users` section, in Vietnamese and English (same keys; `vi.ts` and `en.ts` place them in the catalogs). */

export const usersVi = {
  title: 'Người dùng',
};

export const usersEn: typeof usersVi = {
  title: 'Users',
};
