import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import type { Answer } from './calculator-model';

/** The element id of the control that holds a record field (`facts.members[1].sex`). */
export function fieldId(path: string): string {
  return `calculator-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

interface ControlProps {
  /** The record field this control fills, e.g. `facts.waterSource`. */
  path: string;
  label: string;
  /** Whether the engine refused this field. */
  invalid: boolean;
  hint?: ReactNode;
}

/** A yes/no fact with no answer until the officer gives one: two radio buttons in a labelled group. */
export function YesNo({ path, label, invalid, value, onChange }: ControlProps & { value: Answer; onChange(value: boolean): void }) {
  const { t } = useT();
  const id = fieldId(path);
  return (
    <fieldset className={invalid ? 'yes-no yes-no--invalid' : 'yes-no'}>
      <legend>{label}</legend>
      <div className="yes-no__options">
        {([true, false] as const).map((option) => (
          <label key={String(option)} className="yes-no__option">
            <input
              type="radio"
              name={id}
              id={option ? id : `${id}-no`}
              checked={value === option}
              aria-invalid={invalid || undefined}
              onChange={() => onChange(option)}
            />
            {option ? t('calculator.yes') : t('calculator.no')}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface Option<T extends string> {
  value: T;
  label: string;
}

/** A required choice that starts unchosen. */
export function SelectField<T extends string>({
  path,
  label,
  invalid,
  hint,
  value,
  options,
  onChange,
}: ControlProps & { value: T | ''; options: Array<Option<T>>; onChange(value: T | ''): void }) {
  const { t } = useT();
  const id = fieldId(path);
  return (
    <div className="field calc-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value as T | '')}
      >
        <option value="">{t('calculator.choose')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A typed value (amount, area, date) kept as text; the engine reads it. */
export function TextField({
  path,
  label,
  invalid,
  hint,
  value,
  onChange,
  inputMode = 'decimal',
  placeholder,
}: ControlProps & {
  value: string;
  onChange(value: string): void;
  inputMode?: 'decimal' | 'numeric';
  placeholder?: string;
}) {
  const id = fieldId(path);
  return (
    <div className="field calc-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        aria-invalid={invalid || undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** An optional fact that is false unless ticked. */
export function CheckField({ path, label, value, onChange }: { path: string; label: string; value: boolean; onChange(value: boolean): void }) {
  const id = fieldId(path);
  return (
    <div className="check-field">
      <input id={id} type="checkbox" checked={value} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
