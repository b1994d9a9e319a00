import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import { UsersTabs } from '../users/users-tabs';
import { accountApi, formatDateTime } from './account-api';
import { ChangePasswordForm } from './change-password-form';
import '../users/users.css';

/** "Tài khoản của tôi": change the password, see the sessions, sign out everywhere. */
export function AccountPage() {
  const { t, language } = useT();
  const { user, signOutEverywhere } = useSession();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const sessions = useRequest(`sessions:${version}`, (signal) => accountApi.sessions(signal));

  async function endEverywhere() {
    if (!window.confirm(t('users.account.confirmEverywhere'))) return;
    setError(null);
    try {
      await signOutEverywhere();
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <div className="users-page">
      <header className="page-header">
        <h1>{t('users.account.title')}</h1>
        <p className="page-header__intro">{t('users.account.intro')}</p>
      </header>
      {user?.role === 'province_admin' && <UsersTabs current="account" />}
      {notice && (
        <p className="alert alert--info" role="status">
          {notice}
        </p>
      )}
      <div className="account-layout">
        <section className="card" aria-labelledby="change-password-heading">
          <h2 id="change-password-heading">{t('users.account.changePassword')}</h2>
          <ChangePasswordForm
            onChanged={(ended) => {
              setNotice(ended > 0 ? t('users.account.changedEnded', { count: ended }) : t('users.account.changed'));
              setVersion((n) => n + 1);
            }}
          />
        </section>
        <section className="card" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">{t('users.account.sessions')}</h2>
          {sessions.status === 'loading' && <Progress label={t('app.loading')} />}
          {sessions.status === 'failed' && <ErrorAlert error={sessions.error} onRetry={sessions.retry} />}
          {sessions.status === 'done' && (
            <>
              <p className="muted">
                {t('users.account.sessionsIntro', { idle: sessions.data.idleMinutes, hours: sessions.data.maxHours })}
              </p>
              <ul className="session-list">
                {sessions.data.sessions.map((session) => (
                  <li key={session.createdAt + (session.userAgent ?? '')} className={session.current ? 'session-list__item session-list__item--current' : 'session-list__item'}>
                    <span className="session-list__device">{shortAgent(session.userAgent) ?? t('users.account.unknownDevice')}</span>
                    {session.current && <span className="state-badge state-badge--active">{t('users.account.current')}</span>}
                    <span className="muted">
                      {t('users.account.started', { time: formatDateTime(session.createdAt, language) })} ·{' '}
                      {t('users.account.lastSeen', { time: formatDateTime(session.lastSeenAt, language) })}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {error !== null && <ErrorAlert error={error} />}
          <p className="muted">{t('users.account.signOutEverywhereHint')}</p>
          <button type="button" className="button button--secondary" onClick={() => void endEverywhere()}>
            {t('users.account.signOutEverywhere')}
          </button>
        </section>
      </div>
    </div>
  );
}

/** "Chrome 131 · Linux" from a user-agent string, or null when nothing is recognised. */
function shortAgent(agent: string | null): string | null {
  if (!agent) return null;
  const browser = /(Edg|Firefox|Chrome|Chromium|Safari)\/(\d+)/.exec(agent);
  const system = /(Windows|Android|iPhone|iPad|Mac OS X|Linux)/.exec(agent);
  const parts = [browser ? `${browser[1] === 'Edg' ? 'Edge' : browser[1]} ${browser[2]}` : null, system?.[1] ?? null].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}
