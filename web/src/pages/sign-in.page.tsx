import { type FormEvent, useEffect, useRef, useState } from 'react';
import { DemoBanner } from '../components/demo-banner';
import { ErrorAlert } from '../components/error-alert';
import { LanguageSwitch } from '../components/language-switch';
import { useT } from '../i18n';
import { useSession } from '../session';

export function SignInPage() {
  const { t } = useT();
  const { health, expired, signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = t('app.pageTitle', { page: t('signIn.title') });
  }, [t]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (username.trim() === '' || password === '') {
      setMissing(true);
      usernameInput.current?.focus();
      return;
    }
    setMissing(false);
    setSubmitting(true);
    try {
      await signIn(username.trim(), password);
    } catch (failure) {
      setError(failure);
      setPassword('');
      setSubmitting(false);
    }
  }

  return (
    <div className="sign-in">
      <header className="sign-in__top">
        <LanguageSwitch />
      </header>
      <main className={health.demo ? 'sign-in__main sign-in__main--with-demo' : 'sign-in__main'} id="main">
        <div className="sign-in__brand">
          <p className="sign-in__emblem" aria-hidden="true">
            {t('app.shortName')}
          </p>
          <h1 className="sign-in__app-name">{t('app.name')}</h1>
          <p className="sign-in__province">{health.province.name}</p>
          <p className="sign-in__tagline">{t('app.tagline')}</p>
        </div>
        <div className="sign-in__panels">
          {health.demo && (
            <DemoBanner
              users={health.demoUsers}
              onPickUser={(name) => {
                setUsername(name);
                passwordInput.current?.focus();
              }}
            />
          )}
          <form className="card sign-in__form" onSubmit={submit} noValidate>
            <h2>{t('signIn.title')}</h2>
            <p className="muted">{t('signIn.intro')}</p>
            <div className="sign-in__messages">
              {expired && !error && <p className="alert alert--info" role="status">{t('signIn.sessionExpired')}</p>}
              {missing && <p className="alert alert--error" role="alert">{t('signIn.required')}</p>}
              {error !== null && <ErrorAlert error={error} />}
            </div>
            <div className="field">
              <label htmlFor="sign-in-username">{t('signIn.username')}</label>
              <input
                ref={usernameInput}
                id="sign-in-username"
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={username}
                onChange={(event) => setUsername(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="sign-in-password">{t('signIn.password')}</label>
              <input
                ref={passwordInput}
                id="sign-in-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </div>
            <button type="submit" className="button button--primary button--block" disabled={submitting}>
              {submitting ? t('signIn.submitting') : t('signIn.submit')}
            </button>
          </form>
        </div>
      </main>
    </div>
  );
}
