/** Problem texts of the checks every request body passes (Vietnamese and English); `../messages.ts` merges them into the catalog. */
export const inputMessages = {
  'input.unstorable_text': {
    vi: 'Có ký tự không lưu được (ký tự NUL hoặc ký tự Unicode không hoàn chỉnh).',
    en: 'Contains a character that cannot be stored (NUL or an incomplete Unicode character).',
  },
  'input.unstorable_key': {
    vi: 'Có tên trường chứa ký tự không lưu được (ký tự NUL hoặc ký tự Unicode không hoàn chỉnh).',
    en: 'Has a field name with a character that cannot be stored (NUL or an incomplete Unicode character).',
  },
} as const;
