import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { Role } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatDate } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import { AccountPage } from '../account/account.page';
import { formatDateTime } from '../account/account-api';
import { PasswordRules } from '../account/password-rules';
import { type UserInput, type UserOptions, type UserRow, usersApi } from './users-api';
import { UsersTabs } from './users-tabs';
import './users.css';

/** Lower case without diacritics, so "nguyen" finds "Nguyễn". */
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();

/**
 * "Người dùng": the province admin's list of users with their state (active, locked, disabled)
 * and last sign-in, and the actions on them. Other roles see their own account here.
 */
export function UsersPage() {
  const { user } = useSession();
  if (user?.role !== 'province_admin') return <AccountPage />;
  return <UsersAdmin />;
}

function UsersAdmin() {
  const { t } = useT();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const users = useRequest(`users:${version}`, (signal) => usersApi.list(signal));
  const options = useRequest('options', (signal) => usersApi.options(signal));
  const refresh = (message: string) => {
    setNotice(message);
    setVersion((n) => n + 1);
  };

  return (
    <div className="users-page">
      <header className="page-header">
        <h1>{t('users.title')}</h1>
        <p className="page-header__intro">{t('users.intro')}</p>
      </header>
      <UsersTabs current="users" />
      {notice && (
        <p className="alert alert--info" role="status">
          {notice}
        </p>
      )}
      {options.status === 'failed' && <ErrorAlert error={options.error} onRetry={options.retry} />}
      {options.status === 'done' && (
        <UserForm
          key={editing ? `edit:${editing.id}:${editing.version}` : 'create'}
          options={options.data}
          editing={editing}
          onDone={(message) => {
            setEditing(null);
            refresh(message);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {users.status === 'loading' && <Progress label={t('users.loading')} />}
      {users.status === 'failed' && <ErrorAlert error={users.error} onRetry={users.retry} />}
      {users.status === 'done' && (
        <UserTable users={users.data.users} onEdit={setEditing} onChanged={refresh} />
      )}
    </div>
  );
}

function UserTable({ users, onEdit, onChanged }: { users: UserRow[]; onEdit(user: UserRow): void; onChanged(message: string): void }) {
  const { t, language } = useT();
  const { user: me } = useSession();
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const shown = useMemo(() => {
    const folded = fold(filter.trim());
    if (!folded) return users;
    return users.filter((user) => fold(`${user.username} ${user.displayName}`).includes(folded));
  }, [users, filter]);

  async function act(user: UserRow, run: () => Promise<string>) {
    setError(null);
    setBusy(user.id);
    try {
      onChanged(await run());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="users-list-heading">
      <div className="users-toolbar">
        <h2 id="users-list-heading">{t('users.count', { count: shown.length })}</h2>
        <div className="field">
          <label htmlFor="users-filter">{t('users.filter')}</label>
          <input id="users-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
      </div>
      {error !== null && <ErrorAlert error={error} />}
      <table className="users-table">
        <thead>
          <tr>
            <th scope="col">{t('users.columns.username')}</th>
            <th scope="col">{t('users.columns.name')}</th>
            <th scope="col">{t('users.columns.role')}</th>
            <th scope="col">{t('users.columns.place')}</th>
            <th scope="col">{t('users.columns.state')}</th>
            <th scope="col">{t('users.columns.lastLogin')}</th>
            <th scope="col">{t('users.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((user) => {
            const self = user.id === me?.id;
            const disabled = busy === user.id;
            const name = { username: user.username };
            return (
              <tr key={user.id} data-username={user.username}>
                <th scope="row">
                  <span className="code">{user.username}</span>
                  {user.isDemo && <span className="users-table__detail">{t('users.demo')}</span>}
                </th>
                <td>{user.displayName}</td>
                <td>{t(`roles.${user.role}` as TranslationKey)}</td>
                <td>
                  {user.agencyName ?? user.unitName ?? '—'}
                  {user.unitCode && <span className="users-table__detail">{user.agencyCode ?? user.unitCode}</span>}
                </td>
                <td>
                  <span className={`state-badge state-badge--${user.state}`}>{t(`users.state.${user.state}`)}</span>
                  {user.state === 'locked' && (
                    <span className="users-table__detail">
                      {user.lockedUntil
                        ? t('users.lockedUntil', { time: formatDateTime(user.lockedUntil, language) })
                        : t('users.lockedUntilUnlocked')}
                    </span>
                  )}
                  {user.mustChangePassword && <span className="users-table__detail">{t('users.mustChange')}</span>}
                  {user.openSessions > 0 && <span className="users-table__detail">{t('users.sessions', { count: user.openSessions })}</span>}
                </td>
                <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt, language) : <span className="muted">{t('users.never')}</span>}</td>
                <td>
                  <div className="users-table__actions">
                    <button type="button" className="button button--secondary" onClick={() => onEdit(user)} aria-label={`${t('users.actions.edit')} ${user.username}`}>
                      {t('users.actions.edit')}
                    </button>
                    {user.state === 'locked' && (
                      <button
                        type="button"
                        className="button button--primary"
                        disabled={disabled}
                        aria-label={`${t('users.actions.unlock')} ${user.username}`}
                        onClick={() => void act(user, async () => (await usersApi.unlock(user), t('users.done.unlocked', name)))}
                      >
                        {t('users.actions.unlock')}
                      </button>
                    )}
                    {user.state !== 'disabled' && !self && (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={disabled}
                        aria-label={`${t('users.actions.disable')} ${user.username}`}
                        onClick={() => {
                          if (!window.confirm(t('users.confirm.disable', name))) return;
                          void act(user, async () => (await usersApi.disable(user), t('users.done.disabled', name)));
                        }}
                      >
                        {t('users.actions.disable')}
                      </button>
                    )}
                    {user.state === 'disabled' && (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={disabled}
                        aria-label={`${t('users.actions.enable')} ${user.username}`}
                        onClick={() => void act(user, async () => (await usersApi.enable(user), t('users.done.enabled', name)))}
                      >
                        {t('users.actions.enable')}
                      </button>
                    )}
                    {user.openSessions > 0 && !self && (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={disabled}
                        aria-label={`${t('users.actions.endSessions')} ${user.username}`}
                        onClick={() => {
                          if (!window.confirm(t('users.confirm.endSessions', name))) return;
                          void act(user, async () => {
                            const { endedSessions } = await usersApi.endSessions(user);
                            return t('users.done.sessionsEnded', { ...name, count: endedSessions });
                          });
                        }}
                      >
                        {t('users.actions.endSessions')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Creates a user, or edits one (name, role, unit, agency) and resets their password. */
function UserForm({
  options,
  editing,
  onDone,
  onCancel,
}: {
  options: UserOptions;
  editing: UserRow | null;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const { t, language } = useT();
  const { user: me } = useSession();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(editing?.displayName ?? '');
  const [role, setRole] = useState<Role>(editing?.role ?? 'commune_officer');
  const [unitCode, setUnitCode] = useState(editing?.unitCode ?? '');
  const [agencyCode, setAgencyCode] = useState(editing?.agencyCode ?? '');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (editing) heading.current?.focus();
  }, [editing]);

  const levels = options.roles.find((entry) => entry.role === role)?.levels ?? [];
  const units = options.units.filter((unit) => levels.includes(unit.level));
  const idPrefix = editing ? 'edit-user' : 'new-user';

  async function run(task: () => Promise<string>) {
    setError(null);
    setSaving(true);
    try {
      onDone(await task());
    } catch (failure) {
      setError(failure);
      setSaving(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input: UserInput = { displayName, role, unitCode, agencyCode: role === 'province_agency' ? agencyCode || null : null };
    void run(async () => {
      if (editing) {
        await usersApi.update(editing, input);
        return t('users.done.updated', { username: editing.username });
      }
      const { user } = await usersApi.create({ ...input, username, password });
      return t('users.done.created', { username: user.username });
    });
  }

  function resetPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editing) return;
    void run(async () => {
      await usersApi.resetPassword(editing, newPassword);
      return t('users.done.passwordReset', { username: editing.username });
    });
  }

  return (
    <section className="card" aria-labelledby={`${idPrefix}-heading`}>
      <form className="users-form" onSubmit={submit} noValidate>
        <h2 id={`${idPrefix}-heading`} ref={heading} tabIndex={-1}>
          {editing ? t('users.form.editTitle', { username: editing.username }) : t('users.form.createTitle')}
        </h2>
        {error !== null && (
          <div className="users-form__wide">
            <ErrorAlert error={error} />
          </div>
        )}
        {!editing && (
          <div className="field">
            <label htmlFor={`${idPrefix}-username`}>{t('users.form.username')}</label>
            <input id={`${idPrefix}-username`} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} aria-describedby={`${idPrefix}-username-hint`} />
            <span id={`${idPrefix}-username-hint`} className="field__hint">{t('users.form.usernameHint')}</span>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${idPrefix}-name`}>{t('users.form.displayName')}</label>
          <input id={`${idPrefix}-name`} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-role`}>{t('users.form.role')}</label>
          <select
            id={`${idPrefix}-role`}
            value={role}
            disabled={editing?.id === me?.id}
            onChange={(e) => {
              setRole(e.target.value as Role);
              setUnitCode('');
            }}
          >
            {options.roles.map((entry) => (
              <option key={entry.role} value={entry.role}>
                {t(`roles.${entry.role}` as TranslationKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-unit`}>{t('users.form.unit')}</label>
          <select id={`${idPrefix}-unit`} value={unitCode} onChange={(e) => setUnitCode(e.target.value)} aria-describedby={`${idPrefix}-unit-hint`}>
            <option value="">{t('users.form.choose')}</option>
            {levels.map((level) => (
              <optgroup key={level} label={t(`users.level.${level}`)}>
                {units
                  .filter((unit) => unit.level === level)
                  .map((unit) => (
                    <option key={unit.code} value={unit.code}>
                      {unit.name} ({unit.code}){unit.validTo ? ` — ${t('users.form.validTo', { date: formatDate(unit.validTo, language) })}` : ''}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
          <span id={`${idPrefix}-unit-hint`} className="field__hint">{t('users.form.unitHint')}</span>
        </div>
        {role === 'province_agency' && (
          <div className="field">
            <label htmlFor={`${idPrefix}-agency`}>{t('users.form.agency')}</label>
            <select id={`${idPrefix}-agency`} value={agencyCode} onChange={(e) => setAgencyCode(e.target.value)}>
              <option value="">{t('users.form.choose')}</option>
              {options.agencies.map((agency) => (
                <option key={agency.code} value={agency.code}>
                  {agency.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {!editing && (
          <div className="field">
            <label htmlFor={`${idPrefix}-password`}>{t('users.form.password')}</label>
            <input
              id={`${idPrefix}-password`}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-describedby={`${idPrefix}-password-hint ${idPrefix}-rules`}
            />
            <span id={`${idPrefix}-password-hint`} className="field__hint">{t('users.form.passwordHint')}</span>
          </div>
        )}
        {!editing && <PasswordRules id={`${idPrefix}-rules`} />}
        <div className="users-form__actions">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? t('users.form.saving') : editing ? t('users.form.save') : t('users.form.create')}
          </button>
          {editing && (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              {t('users.form.cancel')}
            </button>
          )}
        </div>
      </form>
      {editing && (
        <form className="users-form" onSubmit={resetPassword} noValidate>
          <h3 className="users-form__wide">{t('users.form.resetTitle')}</h3>
          <div className="field">
            <label htmlFor="reset-password">{t('users.form.newPassword')}</label>
            <input
              id="reset-password"
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
              aria-describedby="reset-password-hint reset-rules"
            />
            <span id="reset-password-hint" className="field__hint">{t('users.form.passwordHint')}</span>
          </div>
          <PasswordRules id="reset-rules" />
          <div className="users-form__actions">
            <button type="submit" className="button button--secondary" disabled={saving}>
              {t('users.form.reset')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
