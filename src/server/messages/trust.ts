/** Problem texts of sign-in, accounts, audit and backups (Vietnamese and English); `../messages.ts` merges them into the catalog. */
import type { Language } from '../language.js';

export const trustMessages = {
} satisfies Record<string, Record<Language, string>>;
