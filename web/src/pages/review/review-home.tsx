import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatDate, provinceTimeZone, todayIn } from '../../format';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import { type RoundKind, reviewApi } from './review-api';

/** The rounds in the user's scope, the progress of a periodic review by commune (late first), and opening a round. */
export function ReviewHome() {
  const { t, language } = useT();
  const { user } = useSession();
  const today = todayIn(provinceTimeZone);
  const [year, setYear] = useState(String(Number(today.slice(0, 4)) - (today.slice(5) < '09-01' ? 1 : 0)));
  const [progressKind, setProgressKind] = useState<RoundKind>('periodic');
  const [month, setMonth] = useState(today.slice(0, 7));
  const [unit, setUnit] = useState(user?.role === 'district_officer' ? (user.unitCode ?? '') : '');
  const period = progressKind === 'periodic' ? year : month;
  const periodValid = progressKind === 'periodic' ? /^\d{4}$/.test(year) : /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const unitValid = unit === '' || /^\d{2,5}$/.test(unit);
  const rounds = useRequest('rounds', (signal) => reviewApi.rounds(signal));
  const progress = useRequest(periodValid && unitValid ? `progress:${progressKind}:${period}:${unit}` : null, (signal) => reviewApi.progressOf(progressKind, period, unit, signal));
  const canOpen = user?.role === 'commune_officer' || user?.role === 'province_admin';

  return (
    <>
      {canOpen && <OpenRound defaultCommune={user?.role === 'commune_officer' ? (user.unitCode ?? '') : ''} defaultYear={year} />}

      <section className="review-section" aria-labelledby="review-rounds">
        <h2 id="review-rounds">{t('review.roundsTitle')}</h2>
        {rounds.status === 'loading' && <Progress label={t('app.loading')} />}
        {rounds.status === 'failed' && <ErrorAlert error={rounds.error} onRetry={rounds.retry} />}
        {rounds.status === 'done' && rounds.data.rounds.length === 0 && <p>{t('review.noRounds')}</p>}
        {rounds.status === 'done' && rounds.data.rounds.length > 0 && (
          <div className="table-scroll">
            <table className="review-table">
              <thead>
                <tr>
                  <th scope="col">{t('review.columns.commune')}</th>
                  <th scope="col">{t('review.columns.period')}</th>
                  <th scope="col">{t('review.columns.step')}</th>
                  <th scope="col">{t('review.columns.households')}</th>
                  <th scope="col">{t('review.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {[...rounds.data.rounds].sort((a, b) => Number(b.late) - Number(a.late)).slice(0, 200).map((round) => (
                  <tr key={round.id}>
                    <td>
                      <Link href={`/review?round=${round.id}`}>{round.communeName ?? round.communeCode}</Link>
                    </td>
                    <td>
                      {t(`review.kinds.${round.kind}`)} {round.period}
                    </td>
                    <td>{round.nextStep ? t(`review.steps.${round.nextStep}`) : '—'}</td>
                    <td className="numeric">{round.households}</td>
                    <td>
                      <StatusBadge status={round.status} late={round.late} />
                      <span className="muted"> {formatDate(round.endsOn, language)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="review-section" aria-labelledby="review-progress">
        <h2 id="review-progress">{t('review.progressTitle')}</h2>
        <p className="muted">{t('review.progressLegend')}</p>
        <div className="review-form-row">
          <div className="field">
            <label htmlFor="review-progress-kind">{t('review.progressKind')}</label>
            <select id="review-progress-kind" value={progressKind} onChange={(event) => setProgressKind(event.target.value as RoundKind)}>
              <option value="periodic">{t('review.kinds.periodic')}</option>
              <option value="regular">{t('review.kinds.regular')}</option>
            </select>
          </div>
          {progressKind === 'periodic' ? (
            <div className="field">
              <label htmlFor="review-progress-year">{t('review.progressPeriod')}</label>
              <input id="review-progress-year" inputMode="numeric" value={year} onChange={(event) => setYear(event.target.value.trim())} size={6} />
            </div>
          ) : (
            <div className="field">
              <label htmlFor="review-progress-month">{t('review.progressRegularPeriod')}</label>
              <input id="review-progress-month" value={month} onChange={(event) => setMonth(event.target.value.trim())} size={8} />
            </div>
          )}
          <div className="field">
            <label htmlFor="review-progress-unit">{t('review.progressUnit')}</label>
            <input id="review-progress-unit" inputMode="numeric" value={unit} onChange={(event) => setUnit(event.target.value.trim())} size={6} />
          </div>
        </div>
        {progress.status === 'loading' && <Progress label={t('app.loading')} />}
        {progress.status === 'failed' && <ErrorAlert error={progress.error} onRetry={progress.retry} />}
        {progress.status === 'done' && (
          <div className="table-scroll">
            <table className="review-table" data-testid="review-progress">
              <thead>
                <tr>
                  <th scope="col">{t('review.columns.commune')}</th>
                  <th scope="col">{t('review.columns.progress')}</th>
                  <th scope="col">{t('review.columns.step')}</th>
                  <th scope="col">{t('review.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {progress.data.communes.slice(0, 300).map((row) => (
                  <tr key={row.communeCode} className={row.late ? 'row--late' : undefined}>
                    <td>{row.roundId ? <Link href={`/review?round=${row.roundId}`}>{row.communeName}</Link> : row.communeName}</td>
                    <td>
                      <progress max={row.stepsTotal} value={row.stepsDone} aria-label={t('review.stepsDone', { done: row.stepsDone, total: row.stepsTotal })} />{' '}
                      {t('review.stepsDone', { done: row.stepsDone, total: row.stepsTotal })}
                    </td>
                    <td>{row.nextStep ? t(`review.steps.${row.nextStep}`) : '—'}</td>
                    <td>
                      <StatusBadge status={row.status} late={row.late} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function StatusBadge({ status, late }: { status: 'open' | 'closed' | 'not_started'; late: boolean }) {
  const { t } = useT();
  const label = status === 'closed' ? t('review.statusClosed') : status === 'open' ? t('review.statusOpen') : t('review.notStarted');
  return (
    <span className={`badge badge--${status}`}>
      {label}
      {late && <strong className="badge badge--late"> {t('review.late')}</strong>}
    </span>
  );
}

function OpenRound({ defaultCommune, defaultYear }: { defaultCommune: string; defaultYear: string }) {
  const { t } = useT();
  const [, navigate] = useLocation();
  const [kind, setKind] = useState<RoundKind>('periodic');
  const [period, setPeriod] = useState(defaultYear);
  const [commune, setCommune] = useState(defaultCommune);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await reviewApi.createRound({ kind, period: period.trim(), communeCode: commune.trim() });
      navigate(`/review?round=${created.round.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="review-section review-open" aria-labelledby="review-open">
      <h2 id="review-open">{t('review.openTitle')}</h2>
      <form className="review-form-row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="review-kind">{t('review.kind')}</label>
          <select id="review-kind" value={kind} onChange={(event) => setKind(event.target.value as RoundKind)}>
            <option value="periodic">{t('review.kinds.periodic')}</option>
            <option value="regular">{t('review.kinds.regular')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="review-period">{t('review.period')}</label>
          <input id="review-period" value={period} onChange={(event) => setPeriod(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="review-commune">{t('review.commune')}</label>
          <input id="review-commune" inputMode="numeric" value={commune} onChange={(event) => setCommune(event.target.value)} />
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('review.open')}
        </button>
      </form>
      {error !== null && <ErrorAlert error={error} />}
    </section>
  );
}
