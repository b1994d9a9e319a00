import { type FormEvent, useMemo, useState } from 'react';
import { DateField } from '../../components/date-field';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatDate, formatNumber, provinceTimeZone, todayIn } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import {
  ATTACHMENT_ACCEPT,
  type CalendarObligation,
  MAX_ATTACHMENT_BYTES,
  type DeadlineState,
  type Matrix,
  REPORT_FORMATS,
  REPORT_NAMES,
  type ReportFormat,
  type ReportName,
  type Submission,
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
      <h2 id="reports-reminders">{t('reports.remindersTitle', { total: formatNumber(reminders.data.reminders.length, language) })}</h2>
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
  const { user } = useSession();
  const calendar = useRequest(`calendar:${year}:${version}`, (signal) => reportsApi.calendar(year, signal));
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<CalendarObligation | null>(null);
  const isAdmin = user?.role === 'province_admin';
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
      {editing && <ObligationForm key={editing.id} obligation={editing} year={year} onDone={(saved) => { setEditing(null); if (saved) onChange(); }} />}
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
                    {isAdmin && (
                      <div>
                        <button type="button" className="secondary small" onClick={() => setEditing(o)} aria-label={`${t('reports.edit')} — ${o.code}`}>
                          {t('reports.edit')}
                        </button>
                      </div>
                    )}
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
                        {m.submission && <Attachments submission={m.submission} label={`${o.code} — ${m.name}`} onChange={onChange} />}
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

/** A province admin's form for one obligation: the due day, the title, who owes it and to whom. */
function ObligationForm({ obligation, year, onDone }: { obligation: CalendarObligation; year: number; onDone(saved: boolean): void }) {
  const { t } = useT();
  const parties = useRequest(`parties:${year}`, (signal) => reportsApi.parties(year, signal));
  const [dueOn, setDueOn] = useState(obligation.dueOn);
  const [title, setTitle] = useState(obligation.title.vi);
  const [from, setFrom] = useState<string[]>(obligation.fromParties);
  const [to, setTo] = useState<string[]>(obligation.toParties);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (list: string[], spec: string) => (list.includes(spec) ? list.filter((s) => s !== spec) : [...list, spec]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await reportsApi.updateObligation(obligation.id, { dueOn, titleVi: title.trim(), from, to, version: obligation.version });
      onDone(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="obligation-form" onSubmit={save} aria-label={t('reports.editTitle', { code: obligation.code })}>
      <h3>{t('reports.editTitle', { code: obligation.code })}</h3>
      <DateField label={t('reports.columns.due')} value={dueOn} onChange={setDueOn} />
      <div className="field">
        <label htmlFor={`obligation-title-${obligation.id}`}>{t('reports.obligationTitle')}</label>
        <input id={`obligation-title-${obligation.id}`} value={title} onChange={(e) => setTitle(e.target.value)} minLength={3} maxLength={500} />
      </div>
      {parties.status === 'loading' && <Progress label={t('app.loading')} />}
      {parties.status === 'failed' && <ErrorAlert error={parties.error} onRetry={parties.retry} />}
      {parties.status === 'done' && (
        <div className="party-lists">
          {([['from', from, setFrom], ['to', to, setTo]] as const).map(([side, list, set]) => (
            <fieldset key={side}>
              <legend>{t(side === 'from' ? 'reports.partiesFrom' : 'reports.partiesTo')}</legend>
              <div className="party-list">
                {parties.data.map((p) => (
                  <label key={p.spec} className="check">
                    <input type="checkbox" checked={list.includes(p.spec)} onChange={() => set(toggle(list, p.spec))} />
                    {p.name}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </div>
      )}
      {error !== null && <ErrorAlert error={error} />}
      <div className="actions">
        <button type="submit" disabled={busy || from.length === 0 || to.length === 0}>{t('reports.save')}</button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>{t('reports.cancel')}</button>
      </div>
    </form>
  );
}

/** A submission's files: download links, and while it is a draft or returned, add and remove (10 MB, PDF/xlsx/docx/PNG/JPEG). */
function Attachments({ submission, label, onChange }: { submission: Submission; label: string; onChange(): void }) {
  const { t } = useT();
  const [error, setError] = useState<unknown>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = submission.status === 'draft' || submission.status === 'returned';
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChange();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const upload = (file: File | undefined) => {
    setTooLarge(null);
    if (!file) return;
    if (file.size > MAX_ATTACHMENT_BYTES) return setTooLarge(t('reports.tooLarge', { file: file.name }));
    void run(() => reportsApi.attach(submission.id, file));
  };
  return (
    <div className="attachments">
      {submission.attachments.length > 0 && (
        <ul aria-label={t('reports.attachmentsOf', { label })}>
          {submission.attachments.map((a) => (
            <li key={a.id}>
              <a href={reportsApi.attachmentUrl(a.id)} download={a.fileName}>{a.fileName}</a> <span className="muted">({Math.max(1, Math.round(a.size / 1024)).toLocaleString()} KB)</span>
              {editable && (
                <button type="button" className="secondary small" disabled={busy} onClick={() => run(() => reportsApi.removeAttachment(a.id))} aria-label={`${t('reports.removeFile')} ${a.fileName}`}>
                  {t('reports.removeFile')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <label className="attach">
          {t('reports.attachFile')}
          <input type="file" accept={ATTACHMENT_ACCEPT} disabled={busy} aria-label={`${t('reports.attachFile')} — ${label}`} onChange={(e) => { upload(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
      )}
      {tooLarge && <p className="alert alert--error" role="alert">{tooLarge}</p>}
      {error !== null && <ErrorAlert error={error} />}
    </div>
  );
}

function CompletenessMatrix({ year, version, onChange }: { year: number; version: number; onChange(): void }) {
  const { t, language } = useT();
  const { user } = useSession();
  const matrix = useRequest(`matrix:${year}:${version}`, (signal) => reportsApi.matrix(year, signal));
  const [selected, setSelected] = useState<{ id: number; version: number; label: string } | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  // Kept here so that the rows shown and the filters stay when the matrix reloads after a decision.
  const [limit, setLimit] = useState(60);
  const [filters, setFilters] = useState<MatrixFilters>(NO_FILTERS);
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
      {matrix.status === 'done' && <MatrixTable matrix={matrix.data} language={language} limit={limit} onMore={() => setLimit((n) => n + 200)} onPick={isAdmin ? setSelected : null} filters={filters} onFilters={setFilters} />}
    </section>
  );
}

type LevelFilter = '' | 'agency' | 'district' | 'commune';
const CELL_FILTERS = ['overdue', 'late_submitted', 'due_soon', 'on_time', 'upcoming', 'draft', 'submitted', 'returned', 'accepted'] as const;
type CellFilter = '' | (typeof CELL_FILTERS)[number];

interface MatrixFilters {
  party: string;
  level: LevelFilter;
  obligation: string;
  cellFilter: CellFilter;
}

const NO_FILTERS: MatrixFilters = { party: '', level: '', obligation: '', cellFilter: '' };

function MatrixTable({ matrix, language, limit, onMore, onPick, filters, onFilters }: {
  matrix: Matrix;
  language: string;
  limit: number;
  onMore(): void;
  onPick: ((pick: { id: number; version: number; label: string }) => void) | null;
  filters: MatrixFilters;
  onFilters(filters: MatrixFilters): void;
}) {
  const { t } = useT();
  const { party, level, obligation, cellFilter } = filters;
  const setParty = (value: string) => onFilters({ ...filters, party: value });
  const setLevel = (value: LevelFilter) => onFilters({ ...filters, level: value });
  const setObligation = (value: string) => onFilters({ ...filters, obligation: value });
  const setCellFilter = (value: CellFilter) => onFilters({ ...filters, cellFilter: value });
  const columns = obligation ? matrix.obligations.filter((o) => String(o.id) === obligation) : matrix.obligations;
  const rows = useMemo(() => {
    const needle = party.trim().toLocaleLowerCase('vi');
    return matrix.rows.filter((row) => {
      if (needle && !row.name.toLocaleLowerCase('vi').includes(needle)) return false;
      if (level === 'agency' && !(row.level === 'agency' || row.level === 'party' || row.level === 'province')) return false;
      if ((level === 'district' || level === 'commune') && row.level !== level) return false;
      const cells = columns.map((o) => row.cells[String(o.id)]).filter((cell) => cell !== undefined);
      if (cells.length === 0) return false;
      return !cellFilter || cells.some((cell) => cell.state === cellFilter || cell.status === cellFilter);
    });
  }, [matrix, party, level, cellFilter, columns]);
  return (
    <>
      <div className="matrix-filters" role="group" aria-label={t('reports.filters')}>
        <div className="field">
          <label htmlFor="matrix-party">{t('reports.filterParty')}</label>
          <input id="matrix-party" type="search" value={party} onChange={(e) => setParty(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="matrix-level">{t('reports.filterLevel')}</label>
          <select id="matrix-level" value={level} onChange={(e) => setLevel(e.target.value as LevelFilter)}>
            <option value="">{t('reports.all')}</option>
            <option value="agency">{t('reports.levels.agency')}</option>
            <option value="district">{t('reports.levels.district')}</option>
            <option value="commune">{t('reports.levels.commune')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="matrix-obligation">{t('reports.filterObligation')}</label>
          <select id="matrix-obligation" value={obligation} onChange={(e) => setObligation(e.target.value)}>
            <option value="">{t('reports.all')}</option>
            {matrix.obligations.map((o) => (
              <option key={o.id} value={String(o.id)}>{o.code} — {language === 'en' ? o.title.en : o.title.vi}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="matrix-state">{t('reports.filterState')}</label>
          <select id="matrix-state" value={cellFilter} onChange={(e) => setCellFilter(e.target.value as CellFilter)}>
            <option value="">{t('reports.all')}</option>
            {CELL_FILTERS.map((f) => (
              <option key={f} value={f}>{(CELL_FILTERS.indexOf(f) < 5 ? t(stateKey(f as DeadlineState)) : t(statusKey(f)))}</option>
            ))}
          </select>
        </div>
        <p className="muted" role="status">{t('reports.rowsShown', { shown: Math.min(limit, rows.length), total: rows.length })}</p>
      </div>
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
            {rows.slice(0, limit).map((row) => (
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
      {rows.length > limit && (
        <button type="button" className="secondary" onClick={onMore}>
          {t('reports.showMore', { shown: limit, total: rows.length })}
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
