/**
 * Form fields of the program pages: each shows the server's message for its field beside it
 * (problem+json `errors[].field`), and money is typed and shown grouped the Vietnamese way
 * (`1.500.000`).
 */
import { type ReactNode, useId } from 'react';
import { ApiError } from '../../api';
import { DateField } from '../../components/date-field';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';

/** The server's message for a field of a failed request, if it named that field. */
export function fieldErrorsOf(error: unknown): (field: string) => string | undefined {
  const errors = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  return (field) => errors.find((problem) => problem.field === field)?.message;
}

/** Whole đồng from what was typed: digits only, a leading minus kept (the server refuses it by name). */
export function parseMoney(text: string): number {
  const digits = text.replace(/\D/g, '');
  if (digits === '') return 0;
  return (text.trim().startsWith('-') ? -1 : 1) * Number(digits);
}

/** A decimal typed with a comma or a point; null when empty. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return null;
  // "1.234,5" (Vietnamese) and "1234.5" both read as 1234.5.
  const normalised = trimmed.includes(',') ? trimmed.replace(/\./g, '').replace(',', '.') : trimmed;
  return Number(normalised);
}

/** Money text regrouped as it is typed: `1500000` → `1.500.000` in Vietnamese. */
export function groupMoney(text: string, language: string): string {
  const digits = text.replace(/\D/g, '');
  if (digits === '') return text.trim().startsWith('-') ? '-' : '';
  return `${text.trim().startsWith('-') ? '-' : ''}${formatNumber(Number(digits), language)}`;
}

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
}

function Field({ label, error, hint, className, children }: FieldProps & { children(props: { id: string; describedBy: string | undefined }): ReactNode }) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy })}
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__hint field__hint--error">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  value,
  onChange,
  inputMode,
  maxLength,
  ...field
}: FieldProps & { value: string; onChange(value: string): void; inputMode?: 'numeric' | 'decimal' | 'text'; maxLength?: number }) {
  return (
    <Field {...field}>
      {({ id, describedBy }) => (
        <input
          id={id}
          value={value}
          inputMode={inputMode}
          maxLength={maxLength}
          aria-invalid={field.error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** Whole đồng, grouped while typed. `value` is the text shown. */
export function MoneyField({ value, onChange, ...field }: FieldProps & { value: string; onChange(value: string): void }) {
  const { language } = useT();
  return <TextField {...field} value={value} inputMode="numeric" onChange={(text) => onChange(groupMoney(text, language))} />;
}

export function SelectField({
  value,
  onChange,
  options,
  disabled,
  ...field
}: FieldProps & {
  value: string;
  onChange(value: string): void;
  options: Array<{ value: string; label: string; group?: string }>;
  disabled?: boolean;
}) {
  const groups = [...new Set(options.map((option) => option.group ?? ''))];
  const render = (list: typeof options) =>
    list.map((option) => (
      <option key={option.value} value={option.value}>
        {option.label}
      </option>
    ));
  return (
    <Field {...field}>
      {({ id, describedBy }) => (
        <select
          id={id}
          value={value}
          disabled={disabled}
          aria-invalid={field.error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        >
          {groups.length <= 1
            ? render(options)
            : groups.map((group) => (
                <optgroup key={group} label={group}>
                  {render(options.filter((option) => (option.group ?? '') === group))}
                </optgroup>
              ))}
        </select>
      )}
    </Field>
  );
}

/** The shared day/month/year field with the server's message for it underneath. */
export function DateInput({ label, value, onChange, error }: { label: string; value: string; onChange(value: string): void; error?: string | undefined }) {
  return (
    <div className={error ? 'field program-date program-date--error' : 'field program-date'}>
      <DateField label={label} value={value} onChange={onChange} />
      {error && (
        <p className="field__hint field__hint--error" role="status">
          {error}
        </p>
      )}
    </div>
  );
}
