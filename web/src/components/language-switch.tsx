import { changeLanguage, languages, useT } from '../i18n';

/** Two buttons, Tiếng Việt and English; each is labelled in its own language. */
export function LanguageSwitch() {
  const { t, language } = useT();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="language-switch__option"
          aria-pressed={language === code}
          onClick={() => void changeLanguage(code)}
        >
          {t(`language.${code}`)}
        </button>
      ))}
    </div>
  );
}
