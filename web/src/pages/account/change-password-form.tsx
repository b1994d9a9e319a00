import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { PasswordRules } from './password-rules';

/** Current password, new password twice; the server checks the rules and names each one broken. */
export function ChangePasswordForm({ onChanged }: { onChanged?: (endedSessions: number) => void }) {
  const { t } = useT();
  const { changePassword } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<'required' | 'mismatch' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (current === '' || next === '') return setProblem('required');
    if (next !== repeat) return setProblem('mismatch');
    setProblem(null);
    setSubmitting(true);
    try {
      const ended = await changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      onChanged?.(ended);
    } catch (failure) {
      setError(failure);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="account-form" onSubmit={submit} noValidate>
      {problem && (
        <p className="alert alert--error" role="alert">
          {t(problem === 'required' ? 'users.account.required' : 'users.account.mismatch')}
        </p>
      )}
      {error !== null && <ErrorAlert error={error} />}
      <div className="field">
        <label htmlFor="current-password">{t('users.account.currentPassword')}</label>
        <input id="current-password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="new-password">{t('users.account.newPassword')}</label>
        <input id="new-password" type="password" autoComplete="new-password" aria-describedby="new-password-rules" value={next} onChange={(e) => setNext(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="repeat-password">{t('users.account.repeatPassword')}</label>
        <input id="repeat-password" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
      </div>
      <PasswordRules id="new-password-rules" />
      <button type="submit" className="button button--primary" disabled={submitting}>
        {submitting ? t('users.account.submitting') : t('users.account.submit')}
      </button>
    </form>
  );
}
