import i18next, { type TOptions } from 'i18next';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { setRequestLanguage } from '../api';
import { en } from './en';
import { type Catalog, vi } from './vi';

export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'gnbv.language';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
type WithoutPluralSuffix<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

/** Every key of the catalog, plural keys by their base name (`units.filterResults`). */
export type TranslationKey = WithoutPluralSuffix<Leaves<Catalog>>;

export type Translate = (key: TranslationKey, options?: TOptions) => string;

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(storageKey);
    return isLanguage(value) ? value : 'vi';
  } catch {
    return 'vi';
  }
}

function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  setRequestLanguage(language);
}

/** Starts i18next with the remembered language (Vietnamese unless the user chose English). */
export function initI18n(): void {
  const language = storedLanguage();
  applyLanguage(language);
  void i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: language,
    fallbackLng: 'vi',
    supportedLngs: languages,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this visit only.
  }
  applyLanguage(language);
  await i18next.changeLanguage(language);
}

/** The current language and a translate function restricted to catalog keys. */
export function useT(): { t: Translate; language: Language } {
  const { t, i18n } = useTranslation();
  const translate = useCallback((key: TranslationKey, options?: TOptions) => t(key, options ?? {}), [t]);
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'vi';
  return { t: translate, language };
}
