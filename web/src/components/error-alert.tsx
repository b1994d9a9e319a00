import { ApiError } from '../api';
import { type Translate, useT } from '../i18n';

/** The message to show for a failed request: the server's own words when it sent a problem body. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.problem) return error.problem.detail ?? error.problem.title;
    if (error.status === 0) return t('errors.network');
    return t('errors.generic', { status: error.status });
  }
  return t('errors.generic', { status: '—' });
}

/** An error box that screen readers announce, with the server's field errors and a retry button. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  const fieldErrors = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  return (
    <div className="alert alert--error" role="alert">
      <p>{errorText(error, t)}</p>
      {fieldErrors.length > 0 && (
        <ul>
          {fieldErrors.map((fieldError) => (
            <li key={`${fieldError.field}:${fieldError.message}`}>{fieldError.message}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}
