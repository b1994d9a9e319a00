import { useT } from '../../i18n';

/** The password rules the server applies, shown beside every new-password field. */
export function PasswordRules({ id }: { id: string }) {
  const { t } = useT();
  return (
    <div id={id} className="password-rules">
      <p className="password-rules__title">{t('users.rules.title')}</p>
      <ul>
        <li>{t('users.rules.length')}</li>
        <li>{t('users.rules.username')}</li>
        <li>{t('users.rules.common')}</li>
      </ul>
    </div>
  );
}
