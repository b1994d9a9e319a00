import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatDate, provinceTimeZone, todayIn } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import {
  type CalendarObligation,
  type DeadlineState,
  type Matrix,
  REPORT_FORMATS,
  REPORT_NAMES,
  type ReportFormat,
  type ReportName,
  reportsApi,
} from './reports-api';
import './reports.css';

const stateKey = (state: DeadlineState) => `reports.state.${state}` as TranslationKey;
const statusKey = (status: string) => `reports.status.${status}` as TranslationKey;

/**
 * "Báo cáo, thời hạn": reminders, the calendar of the year's obligations with due-soon and late
 * marks and the user's own submissions, the completeness matrix (late first) where the province
 * admin returns or accepts, and report downloads.
 */
export function ReportsPage() {
  const { t } = useT();
  const { user } = useSession();
  const [year, setYear] = useState(Number(todayIn(provinceTimeZone).slice(0, 4)));
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((n) => n + 1);
  const seesMatrix = user?.role !== 'reviewer';

  return (
    <div className="reports-page">
      <header className="page-header">
        <h1>{t('reports.title')}</h1>
        <p className="page-header__intro">{t('reports.intro')}</p>
      </header>
      <label className="reports-year">
        {t('reports.year')}{' '}
        <input type="number" min={2021} max={2035} value={year} onChange={(e) => Number(e.target.value) > 2000 && setYear(Number(e.target.value))} />
      </label>
      <Reminders year={year} version={version} />
      <Calendar year={year} version={version} onChange={refresh} />
      {seesMatrix && <CompletenessMatrix year={year} version={version} onChange={refresh} />}
      <Downloads year={year} />
    </div>
  );
}

function StateMark({ state }: { state: DeadlineState }) {
  const { t } = useT();
  return <span className={`deadline deadline--${state}`}>{t(stateKey(state))}</span>;
}

function Reminders({ year, version }: { year: number; version: number }) {
  const { t, language } = useT();
  const reminders = useRequest(`reminders:${year}:${version}`, (signal) => reportsApi.reminders(year, signal));
  if (reminders.status !== 'done' || reminders.data.reminders.length === 0) return null;
  const list = reminders.data.reminders.slice(0, 8);
  return (
    <section className="reports-section reports-reminders" aria-labelledby="reports-reminders">
      <h2 id="reports-reminders">{t('reports.remindersTitle', { count: reminders.data.reminders.length })}</h2>
      <ul>
        {list.map((r) => (
          <li key={`${r.obligationId}:${r.submitter}`} className={`reminder reminder--${r.kind}`}>
            <strong>{r.kind === 'overdue' ? t('reports.overdueDays', { days: r.days }) : t('reports.dueInDays', { days: r.days })}</strong>{' '}
            {language === 'en' ? r.title.en : r.title.vi} — {r.name} ({formatDate(r.dueOn, language)})
          </li>
        ))}
      </ul>
    </section>
  );
}

function Calendar({ year, version, onChange }: { year: number; version: number; onChange(): void }) {
  const { t, language } = useT();
  const calendar = useRequest(`calendar:${year}:${version}`, (signal) => reportsApi.calendar(year, signal));
  const [error, setError] = useState<unknown>(null);
  const act = async (obligation: CalendarObligation, submitter: string, submit: boolean) => {
    setError(null);
    try {
      await reportsApi.save({ obligationId: obligation.id, submitter, submit });
      onChange();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section className="reports-section" aria-labelledby="reports-calendar">
      <h2 id="reports-calendar">{t('reports.calendarTitle', { year })}</h2>
      {calendar.status === 'loading' && <Progress label={t('app.loading')} />}
      {calendar.status === 'failed' && <ErrorAlert error={calendar.error} onRetry={calendar.retry} />}
      {error !== null && <ErrorAlert error={error} />}
      {calendar.status === 'done' && (
        <div className="table-scroll">
          <table className="reports-table">
            <thead>
              <tr>
                <th scope="col">{t('reports.columns.due')}</th>
                <th scope="col">{t('reports.columns.obligation')}</th>
                <th scope="col">{t('reports.columns.fromTo')}</th>
                <th scope="col">{t('reports.columns.progress')}</th>
                <th scope="col">{t('reports.columns.mine')}</th>
              </tr>
            </thead>
            <tbody>
              {calendar.data.obligations.map((o) => (
                <tr key={o.id}>
                  <td>
                    {formatDate(o.dueOn, language)}
                    <br />
                    <StateMark state={o.dueState} />
                  </td>
                  <td>
                    {language === 'en' ? o.title.en : o.title.vi}
                    <div className="muted">{o.source}</div>
                  </td>
                  <td>
                    {o.from.join(', ')} → {o.to.join(', ')}
                    {o.via && <div className="muted">{t('reports.via', { via: o.via })}</div>}
                  </td>
                  <td>{t('reports.progressCount', { submitted: o.submitted, expected: o.expected, overdue: o.overdue })}</td>
                  <td>
                    {o.mine.map((m) => (
                      <div key={m.submitter} className="mine">
                        <span>{m.name}: </span>
                        <StateMark state={m.state} />
                        {m.submission && <span className={`status status--${m.submission.status}`}> {t(statusKey(m.submission.status))}</span>}
                        {m.submission?.status === 'returned' && <div className="muted">{t('reports.returnedBecause', { reason: m.submission.returnReason ?? '' })}</div>}
                        {(!m.submission || m.submission.status === 'draft' || m.submission.status === 'returned') && (
                          <span className="actions">
                            <button type="button" onClick={() => act(o, m.submitter, true)} aria-label={`${t('reports.submit')} — ${o.code} — ${m.name}`}>
                              {t('reports.submit')}
                            </button>
                            {!m.submission && (
                              <button type="button" className="secondary" onClick={() => act(o, m.submitter, false)}>
                                {t('reports.saveDraft')}
                              </button>
                            )}
                          </span>
                        )}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CompletenessMatrix({ year, version, onChange }: { year: number; version: number; onChange(): void }) {
  const { t, language } = useT();
  const { user } = useSession();
  const matrix = useRequest(`matrix:${year}:${version}`, (signal) => reportsApi.matrix(year, signal));
  const [selected, setSelected] = useState<{ id: number; version: number; label: string } | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  // Kept here so that the rows shown stay shown when the matrix reloads after a decision.
  const [limit, setLimit] = useState(60);
  const isAdmin = user?.role === 'province_admin';
  const decide = async (event: FormEvent, decision: 'return' | 'accept') => {
    event.preventDefault();
    if (!selected) return;
    setError(null);
    try {
      if (decision === 'return') await reportsApi.giveBack(selected.id, reason, selected.version);
      else await reportsApi.accept(selected.id, selected.version);
      setSelected(null);
      setReason('');
      onChange();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section className="reports-section" aria-labelledby="reports-matrix">
      <h2 id="reports-matrix">{t('reports.matrixTitle')}</h2>
      <p className="muted">{t('reports.matrixHint')}</p>
      {matrix.status === 'loading' && <Progress label={t('app.loading')} />}
      {matrix.status === 'failed' && <ErrorAlert error={matrix.error} onRetry={matrix.retry} />}
      {selected && isAdmin && (
        <form className="decide" onSubmit={(e) => decide(e, 'return')}>
          <strong>{selected.label}</strong>
          <label>
            {t('reports.reason')}
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
          </label>
          <button type="submit" disabled={reason.trim().length < 3}>{t('reports.giveBack')}</button>
          <button type="button" onClick={(e) => decide(e, 'accept')}>{t('reports.accept')}</button>
          <button type="button" className="secondary" onClick={() => setSelected(null)}>{t('reports.cancel')}</button>
          {error !== null && <ErrorAlert error={error} />}
        </form>
      )}
      {matrix.status === 'done' && <MatrixTable matrix={matrix.data} language={language} limit={limit} onMore={() => setLimit((n) => n + 200)} onPick={isAdmin ? setSelected : null} />}
    </section>
  );
}

function MatrixTable({ matrix, language, limit, onMore, onPick }: {
  matrix: Matrix;
  language: string;
  limit: number;
  onMore(): void;
  onPick: ((pick: { id: number; version: number; label: string }) => void) | null;
}) {
  const { t } = useT();
  const columns = matrix.obligations;
  return (
    <>
      <div className="table-scroll matrix-scroll">
        <table className="reports-table matrix" aria-label={t('reports.matrixTitle')}>
          <thead>
            <tr>
              <th scope="col">{t('reports.columns.party')}</th>
              {columns.map((o) => (
                <th scope="col" key={o.id} title={language === 'en' ? o.title.en : o.title.vi}>
                  {o.code}
                  <div className="muted">{formatDate(o.dueOn, language)}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.slice(0, limit).map((row) => (
              <tr key={row.submitter}>
                <th scope="row">{row.name}</th>
                {columns.map((o) => {
                  const cell = row.cells[String(o.id)];
                  if (!cell) return <td key={o.id} className="cell cell--none" />;
                  const label = `${row.name} — ${o.code}: ${t(stateKey(cell.state))}${cell.status ? `, ${t(statusKey(cell.status))}` : ''}`;
                  const pickable = onPick && cell.status === 'submitted' && cell.submissionId !== null && cell.version !== null;
                  return (
                    <td key={o.id} className={`cell cell--${cell.state}`} title={label}>
                      {pickable ? (
                        <button type="button" className="cell-button" aria-label={label} onClick={() => onPick({ id: cell.submissionId!, version: cell.version!, label })}>
                          {t(statusKey(cell.status!))}
                        </button>
                      ) : (
                        <span aria-label={label}>{cell.status ? t(statusKey(cell.status)) : t(stateKey(cell.state))}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {matrix.rows.length > limit && (
        <button type="button" className="secondary" onClick={onMore}>
          {t('reports.showMore', { shown: limit, total: matrix.rows.length })}
        </button>
      )}
    </>
  );
}

function Downloads({ year }: { year: number }) {
  const { t } = useT();
  const { user } = useSession();
  const [name, setName] = useState<ReportName>('summary');
  const [format, setFormat] = useState<ReportFormat>('xlsx');
  const [unit, setUnit] = useState(user?.role === 'district_officer' || user?.role === 'commune_officer' ? (user.unitCode ?? '') : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const { blob, fileName } = await reportsApi.download(name, year, unit.trim(), format);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDone(fileName);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="reports-section" aria-labelledby="reports-downloads">
      <h2 id="reports-downloads">{t('reports.downloadsTitle')}</h2>
      <form className="downloads" onSubmit={submit}>
        <div className="field">
          <label htmlFor="report-name">{t('reports.report')}</label>
          <select id="report-name" value={name} onChange={(e) => setName(e.target.value as ReportName)}>
            {REPORT_NAMES.map((n) => (
              <option key={n} value={n}>{t(`reports.names.${n}` as TranslationKey)}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-unit">{t('reports.unit')}</label>
          <input id="report-unit" value={unit} onChange={(e) => setUnit(e.target.value)} placeholder={t('reports.unitHint')} inputMode="numeric" />
        </div>
        <div className="field">
          <label htmlFor="report-format">{t('reports.format')}</label>
          <select id="report-format" value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
            {REPORT_FORMATS.map((f) => (
              <option key={f} value={f}>{f.toUpperCase()}</option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy}>{t('reports.download')}</button>
      </form>
      {busy && <Progress label={t('reports.preparing')} />}
      {done && <p role="status">{t('reports.downloaded', { file: done })}</p>}
      {error !== null && <ErrorAlert error={error} />}
    </section>
  );
}
