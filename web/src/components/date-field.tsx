import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { formatDate, isCivilDate } from '../format';
import { useT } from '../i18n';

/** `20/05/2022`, `20-5-2022` or `20.05.2022` → `2022-05-20`; null when it is not a real date. */
export function parseDayMonthYear(text: string): string | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [, day = '', month = '', year = ''] = match;
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isCivilDate(value) ? value : null;
}

interface DateFieldProps {
  label: string;
  /** The civil date shown, `YYYY-MM-DD`. */
  value: string;
  onChange(value: string): void;
  /** Extra buttons beside the field (e.g. "today"). */
  children?: ReactNode;
}

/**
 * A date typed as day/month/year, whatever language the browser itself runs in (a native date
 * input would show 07/01/2025 for 1 July on an English browser), with the native calendar one
 * button away for tablets.
 */
export function DateField({ label, value, onChange, children }: DateFieldProps) {
  const { t, language } = useT();
  const id = useId();
  const picker = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(() => formatDate(value, language));
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    setDraft(formatDate(value, language));
    setInvalid(false);
  }, [value, language]);

  function commit(text: string) {
    const parsed = parseDayMonthYear(text);
    setInvalid(parsed === null);
    if (parsed && parsed !== value) onChange(parsed);
  }

  return (
    <div className="date-field">
      <label htmlFor={id}>{label}</label>
      <div className="date-field__controls">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('dateField.placeholder')}
          aria-describedby={`${id}-hint`}
          aria-invalid={invalid}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            if (parseDayMonthYear(event.target.value)) commit(event.target.value);
          }}
          onBlur={() => commit(draft)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit(draft);
          }}
        />
        <button
          type="button"
          className="button button--secondary date-field__calendar"
          aria-label={t('dateField.openCalendar')}
          title={t('dateField.openCalendar')}
          onClick={() => picker.current?.showPicker()}
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2">
            <rect x="3" y="5" width="18" height="16" rx="2" />
            <path d="M3 10h18M8 3v4M16 3v4" />
          </svg>
        </button>
        <input
          ref={picker}
          type="date"
          className="date-field__native"
          tabIndex={-1}
          aria-hidden="true"
          value={value}
          onChange={(event) => {
            if (isCivilDate(event.target.value)) onChange(event.target.value);
          }}
        />
        {children}
      </div>
      <p id={`${id}-hint`} className={invalid ? 'field__hint field__hint--error' : 'field__hint'}>
        {invalid ? t('dateField.invalid') : t('dateField.hint')}
      </p>
    </div>
  );
}
