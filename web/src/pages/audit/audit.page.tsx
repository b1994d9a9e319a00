import { type FormEvent, Fragment, useEffect, useState } from 'react';
import { DateField } from '../../components/date-field';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { provinceTimeZone } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { type AuditEntry, type AuditFilter, auditApi } from './audit-api';
import { diffAudit } from './audit-diff';
import './audit.css';

/** Record types and actions the services write, offered as suggestions (any text may be typed). */
const ENTITIES = ['household', 'review_round', 'review_household', 'review_request', 'support_plan', 'support_item', 'target', 'obligation', 'submission', 'budget_line', 'import', 'app_user', 'session'];
const ACTIONS = ['create', 'update', 'move', 'dissolve', 'import_update', 'login', 'review.', 'target.', 'submission.'];

const TEXT_FIELDS = ['user', 'entity', 'entityId', 'action'] as const;
const DATE_FIELDS = ['from', 'to'] as const;

const dateTimeFormats: Record<string, Intl.DateTimeFormat> = {};
function formatInstant(iso: string, language: string): string {
  const locale = language === 'en' ? 'en-GB' : 'vi-VN';
  dateTimeFormats[locale] ??= new Intl.DateTimeFormat(locale, {
    timeZone: provinceTimeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  return dateTimeFormats[locale]!.format(new Date(iso));
}

/**
 * "Nhật ký thay đổi": who changed what, when and from where, newest first, with filters and each
 * row's before and after side by side (province admin and supervisors).
 */
export function AuditPage() {
  const { t } = useT();
  const [draft, setDraft] = useState<AuditFilter>({});
  const [filter, setFilter] = useState<AuditFilter>({});
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'done' | 'failed'>('loading');
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState('loading');
    setItems([]);
    auditApi.list(filter, null, controller.signal).then(
      (page) => {
        setItems(page.items);
        setCursor(page.nextCursor);
        setState('done');
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setState('failed');
      },
    );
    return () => controller.abort();
  }, [filter, attempt]);

  const loadMore = async () => {
    if (!cursor) return;
    setState('loading');
    try {
      const page = await auditApi.list(filter, cursor);
      setItems((shown) => [...shown, ...page.items]);
      setCursor(page.nextCursor);
      setState('done');
    } catch (failure) {
      setError(failure);
      setState('failed');
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter(Object.fromEntries(Object.entries(draft).filter(([, value]) => value?.trim())));
  };

  return (
    <div className="audit-page">
      <header className="page-header">
        <h1>{t('audit.title')}</h1>
        <p className="page-header__intro">{t('audit.intro')}</p>
      </header>

      <form className="audit-filters card" onSubmit={submit} aria-label={t('audit.filters')}>
        {TEXT_FIELDS.map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`audit-${field}`}>{t(`audit.${field}` as TranslationKey)}</label>
            <input
              id={`audit-${field}`}
              type="text"
              list={field === 'entity' ? 'audit-entities' : field === 'action' ? 'audit-actions' : undefined}
              value={draft[field] ?? ''}
              onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
              aria-describedby={field === 'action' ? 'audit-action-hint' : undefined}
            />
            {field === 'action' && (
              <span id="audit-action-hint" className="field__hint">
                {t('audit.actionHint')}
              </span>
            )}
          </div>
        ))}
        {DATE_FIELDS.map((field) => (
          <DateField
            key={field}
            label={t(`audit.${field}`)}
            value={draft[field] ?? ''}
            onChange={(value) => setDraft({ ...draft, [field]: value })}
          />
        ))}
        <datalist id="audit-entities">
          {ENTITIES.map((entity) => (
            <option key={entity} value={entity} />
          ))}
        </datalist>
        <datalist id="audit-actions">
          {ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <div className="audit-filters__buttons">
          <button type="submit" className="button">
            {t('audit.apply')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setDraft({});
              setFilter({});
            }}
          >
            {t('audit.clear')}
          </button>
        </div>
      </form>

      <p className="muted">{t('audit.masked')}</p>
      {state === 'failed' && <ErrorAlert error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {state === 'done' && items.length === 0 && <p>{t('audit.empty')}</p>}
      {items.length > 0 && <AuditTable items={items} />}
      {state === 'loading' && <Progress label={t('app.loading')} />}
      {state === 'done' && items.length > 0 && (
        <p className="audit-more">
          <span className="muted">{t('audit.shown', { count: items.length })}</span>{' '}
          {cursor && (
            <button type="button" className="button button--secondary" onClick={loadMore}>
              {t('audit.more')}
            </button>
          )}
        </p>
      )}
    </div>
  );
}

function AuditTable({ items }: { items: AuditEntry[] }) {
  const { t, language } = useT();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="table-scroll">
      <table className="audit-table">
        <thead>
          <tr>
            <th scope="col">{t('audit.columns.at')}</th>
            <th scope="col">{t('audit.columns.user')}</th>
            <th scope="col">{t('audit.columns.action')}</th>
            <th scope="col">{t('audit.columns.record')}</th>
            <th scope="col">{t('audit.columns.ip')}</th>
            <th scope="col">{t('audit.columns.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <Fragment key={entry.id}>
              <tr className={open === entry.id ? 'audit-row audit-row--open' : 'audit-row'}>
                <td>{formatInstant(entry.at, language)}</td>
                <td>
                  {entry.user ? (
                    <>
                      {entry.user.displayName} <span className="muted">({entry.user.username})</span>
                    </>
                  ) : (
                    t('audit.system')
                  )}
                </td>
                <td>
                  {t(`audit.actions.${entry.action}` as TranslationKey, { defaultValue: entry.action })}
                  {` `}
                  <code className="muted">{entry.action}</code>
                </td>
                <td>
                  {t(`audit.entities.${entry.entity}` as TranslationKey, { defaultValue: entry.entity })} <code>{entry.entityId}</code>
                </td>
                <td>{entry.ip ?? '—'}</td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary audit-toggle"
                    aria-expanded={open === entry.id}
                    aria-controls={`audit-diff-${entry.id}`}
                    onClick={() => setOpen(open === entry.id ? null : entry.id)}
                  >
                    {open === entry.id ? t('audit.hideChanges') : t('audit.showChanges')}
                  </button>
                </td>
              </tr>
              {open === entry.id && (
                <tr id={`audit-diff-${entry.id}`} className="audit-diff-row">
                  <td colSpan={6}>
                    <AuditDiff entry={entry} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useT();
  const [showAll, setShowAll] = useState(false);
  const rows = diffAudit(entry.before, entry.after);
  const shown = showAll ? rows : rows.filter((row) => row.change !== 'same');
  if (rows.length === 0) return <p>{t('audit.noChanges')}</p>;
  return (
    <div className="audit-diff">
      <p className="audit-diff__title">{t('audit.changesOf', { action: entry.action, entity: entry.entity, id: entry.entityId })}</p>
      <label className="audit-diff__all">
        <input type="checkbox" checked={showAll} onChange={(event) => setShowAll(event.target.checked)} /> {t('audit.showAll')}
      </label>
      <table className="audit-diff__table">
        <thead>
          <tr>
            <th scope="col">{t('audit.field')}</th>
            <th scope="col">{t('audit.before')}</th>
            <th scope="col">{t('audit.after')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.path} className={`diff diff--${row.change}`}>
              <th scope="row">
                <code>{row.path}</code> <span className="diff__mark">{t(`audit.change.${row.change}` as TranslationKey)}</span>
              </th>
              <td className="diff__before">{row.before ?? ''}</td>
              <td className="diff__after">{row.after ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
