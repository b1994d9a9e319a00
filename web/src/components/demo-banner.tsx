import { useT } from '../i18n';

/** The synthetic-data warning shown on every screen while the server runs in demo mode. */
interface DemoBannerProps {
  users?: string[];
  compact?: boolean;
  /** When given, each demo username is a button that picks it (on the sign-in page). */
  onPickUser?(username: string): void;
}

export function DemoBanner({ users, compact = false, onPickUser }: DemoBannerProps) {
  const { t } = useT();
  return (
    <div className={compact ? 'demo-banner demo-banner--compact' : 'demo-banner'} role="note" aria-label={t('demo.banner')}>
      <p className="demo-banner__title">
        <span aria-hidden="true" className="demo-banner__icon">
          !
        </span>
        <strong>{t('demo.banner')}</strong>
      </p>
      <p className="demo-banner__detail">{t('demo.detail')}</p>
      {users && users.length > 0 && (
        <div className="demo-banner__users">
          <span>{t('demo.usersTitle')}:</span>{' '}
          <ul className="demo-banner__user-list">
            {users.map((name) => (
              <li key={name}>
                {onPickUser ? (
                  <button type="button" className="demo-banner__user" onClick={() => onPickUser(name)}>
                    {name}
                  </button>
                ) : (
                  <code className="demo-banner__user">{name}</code>
                )}
              </li>
            ))}
          </ul>
          <span className="demo-banner__hint">{t('demo.usersHint')}</span>
        </div>
      )}
    </div>
  );
}
