import { useEffect } from 'react';
import { LanguageSwitch } from '../../components/language-switch';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { ChangePasswordForm } from './change-password-form';
import '../users/users.css';

/** Shown instead of the app while the user holds a password an administrator set. */
export function ForcedPasswordChange() {
  const { t } = useT();
  const { user, signOut } = useSession();

  useEffect(() => {
    document.title = t('app.pageTitle', { page: t('users.forced.title') });
  }, [t]);

  return (
    <div className="page-center forced-change">
      <main className="card forced-change__card" id="main">
        <div className="forced-change__top">
          <LanguageSwitch />
        </div>
        <h1>{t('users.forced.title')}</h1>
        <p className="muted">{t('users.forced.intro')}</p>
        {user && <p className="forced-change__user">{user.displayName} ({user.username})</p>}
        <ChangePasswordForm />
        <button type="button" className="link-button" onClick={() => void signOut()}>
          {t('users.forced.signOut')}
        </button>
      </main>
    </div>
  );
}
