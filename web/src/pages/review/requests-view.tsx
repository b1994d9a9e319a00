import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { DateField } from '../../components/date-field';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatDate, provinceTimeZone, todayIn } from '../../format';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import { type RequestKind, type ReviewRequest, reviewApi } from './review-api';

const KINDS: readonly RequestKind[] = ['recognise_poor', 'recognise_near_poor', 'escape'];

/** Households' requests (Mẫu số 04): recorded with their date, due 15 days after the regular review that handles them starts; overdue first. */
export function RequestsView() {
  const { t, language } = useT();
  const { user } = useSession();
  const [reload, setReload] = useState(0);
  const requests = useRequest(`requests:${reload}`, (signal) => reviewApi.requests(signal));
  const canRecord = user?.role === 'commune_officer' || user?.role === 'province_admin';

  return (
    <section className="review-section" aria-labelledby="review-requests">
      <h2 id="review-requests">{t('review.requests.title')}</h2>
      <p>{t('review.requests.intro')}</p>
      {canRecord && <RecordRequest onDone={() => setReload((n) => n + 1)} />}
      {requests.status === 'loading' && <Progress label={t('app.loading')} />}
      {requests.status === 'failed' && <ErrorAlert error={requests.error} onRetry={requests.retry} />}
      {requests.status === 'done' && requests.data.requests.length === 0 && <p>{t('review.requests.none')}</p>}
      {requests.status === 'done' && requests.data.requests.length > 0 && (
        <div className="table-scroll">
          <table className="review-table" data-testid="review-requests">
            <thead>
              <tr>
                <th scope="col">{t('review.requests.columns.household')}</th>
                <th scope="col">{t('review.requests.columns.kind')}</th>
                <th scope="col">{t('review.requests.columns.receivedOn')}</th>
                <th scope="col">{t('review.requests.columns.dueOn')}</th>
                <th scope="col">{t('review.requests.columns.round')}</th>
                <th scope="col">{t('review.requests.columns.state')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.data.requests.map((row) => (
                <tr key={row.id} className={row.overdue && !row.decidedOn ? 'row--late' : undefined}>
                  <td>
                    {row.householdCode}
                    <div className="muted">{row.headName}</div>
                  </td>
                  <td>{t(`review.requests.kinds.${row.kind}`)}</td>
                  <td>{formatDate(row.receivedOn, language)}</td>
                  <td>{formatDate(row.dueOn, language)}</td>
                  <td>{row.roundId ? <Link href={`/review?round=${row.roundId}`}>{t('review.requests.round', { id: row.roundId })}</Link> : t('review.requests.noRound')}</td>
                  <td>
                    <RequestState row={row} />
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

function RequestState({ row }: { row: ReviewRequest }) {
  const { t, language } = useT();
  if (row.decidedOn) {
    return row.overdue ? (
      <span className="badge badge--late">{t('review.requests.decidedLate', { date: formatDate(row.decidedOn, language) })}</span>
    ) : (
      <span className="badge badge--closed">{t('review.requests.decided', { date: formatDate(row.decidedOn, language) })}</span>
    );
  }
  return row.overdue ? <strong className="badge badge--late">{t('review.requests.overdue')}</strong> : <span className="badge badge--open">{t('review.requests.waiting')}</span>;
}

function RecordRequest({ onDone }: { onDone(): void }) {
  const { t, language } = useT();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<RequestKind>('recognise_poor');
  const [receivedOn, setReceivedOn] = useState(todayIn(provinceTimeZone));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const result = await reviewApi.createRequest({ householdCode: code.trim(), kind, receivedOn });
      setCreated(result.dueOn);
      setCode('');
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="review-form-row" onSubmit={submit} aria-label={t('review.requests.recordTitle')}>
      <div className="field">
        <label htmlFor="request-household">{t('review.requests.householdCode')}</label>
        <input id="request-household" value={code} onChange={(event) => setCode(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="request-kind">{t('review.requests.kind')}</label>
        <select id="request-kind" value={kind} onChange={(event) => setKind(event.target.value as RequestKind)}>
          {KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`review.requests.kinds.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <DateField label={t('review.requests.receivedOn')} value={receivedOn} onChange={setReceivedOn} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('review.requests.submit')}
      </button>
      {created && (
        <p role="status" className="alert alert--success">
          {t('review.requests.created', { date: formatDate(created, language) })}
        </p>
      )}
      {error !== null && <ErrorAlert error={error} />}
    </form>
  );
}
