import { Link } from 'wouter';
import { useT } from '../../i18n';

/** The province admin moves between managing users and their own account. */
export function UsersTabs({ current }: { current: 'users' | 'account' }) {
  const { t } = useT();
  return (
    <nav className="users-tabs" aria-label={t('users.tabs.label')}>
      <Link href="/users" className="users-tabs__tab" aria-current={current === 'users' ? 'page' : undefined}>
        {t('users.tabs.users')}
      </Link>
      <Link href="/account" className="users-tabs__tab" aria-current={current === 'account' ? 'page' : undefined}>
        {t('users.tabs.account')}
      </Link>
    </nav>
  );
}
