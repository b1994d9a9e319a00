import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { DateField } from '../../components/date-field';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatDate, provinceTimeZone, todayIn } from '../../format';
import { useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { StatusBadge } from './review-home';
import { type RoundDetail, type StepCode, reviewApi } from './review-api';
import { SurveyImport } from './survey-import';

/** One round: its steps as a stepper, the list of households, and the form of the next step. */
export function RoundView({ roundId }: { roundId: number }) {
  const { t, language } = useT();
  const [version, setVersion] = useState(0);
  const [detail, setDetail] = useState<RoundDetail | null>(null);
  const loaded = useRequest(`round:${roundId}:${version}`, (signal) => reviewApi.round(roundId, signal));
  const data = detail ?? (loaded.status === 'done' ? loaded.data : null);
  const update = (next: RoundDetail) => setDetail(next);

  if (!data) {
    if (loaded.status === 'failed') return <ErrorAlert error={loaded.error} onRetry={loaded.retry} />;
    return <Progress label={t('app.loading')} />;
  }
  const { round, stepLog, households, actions } = data;
  const logOf = new Map(stepLog.map((entry) => [entry.step, entry]));
  const included = households.filter((row) => row.included);
  const other = Object.entries(data.results).reduce((sum, [status, n]) => (status === 'poor' || status === 'near_poor' ? sum : sum + n), 0);

  return (
    <div className="review-page">
      <p>
        <Link href="/review">{t('review.back')}</Link>
      </p>
      <header className="page-header">
        <h1>{t('review.roundTitle', { kind: t(`review.kinds.${round.kind}`), period: round.period, commune: round.communeName ?? round.communeCode })}</h1>
        <p className="page-header__intro">
          {t('review.window', { from: formatDate(round.startsOn, language), to: formatDate(round.endsOn, language) })} <StatusBadge status={round.status} late={round.late} />
        </p>
      </header>

      <ol className="stepper" aria-label={t('review.columns.progress')}>
        {round.steps.map((step, index) => {
          const entry = logOf.get(step);
          const state = entry ? 'done' : step === round.nextStep ? 'current' : 'todo';
          return (
            <li key={step} className={`stepper__step stepper__step--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="stepper__number" aria-hidden="true">{entry ? '✓' : index + 1}</span>
              <span className="stepper__label">{t(`review.steps.${step}`)}</span>
              {entry && <span className="stepper__meta">{t('review.stepDone', { date: formatDate(entry.doneOn, language), who: entry.doneBy ?? '—' })}</span>}
            </li>
          );
        })}
      </ol>

      {round.status === 'closed' && (
        <div className="alert alert--info" role="status">
          <p>{t('review.closedNote')}</p>
          <p>{t('review.results', { poor: data.results.poor ?? 0, nearPoor: data.results.near_poor ?? 0, other })}</p>
        </div>
      )}

      {actions.recordStep && round.nextStep && <StepForm key={round.nextStep} roundId={roundId} step={round.nextStep} onDone={update} />}

      <section className="review-section" aria-labelledby="round-households">
        <h2 id="round-households">{t('review.householdsTitle', { count: included.length })}</h2>
        <p>
          <a className="button button--secondary" href={reviewApi.postingPdfUrl(roundId)} target="_blank" rel="noreferrer">
            {t('review.postingPdf')}
          </a>
        </p>
        <div className="table-scroll">
          <table className="review-table">
            <thead>
              <tr>
                <th scope="col">{t('review.householdCode')}</th>
                <th scope="col">{t('review.headName')}</th>
                <th scope="col">{t('review.village')}</th>
                <th scope="col">{t('review.source')}</th>
                <th scope="col">{t('review.surveyState')}</th>
                <th scope="col">{t('review.class')}</th>
                <th scope="col"><span className="visually-hidden">{t('review.openSurvey')}</span></th>
              </tr>
            </thead>
            <tbody>
              {households.map((row) => (
                <tr key={row.householdCode} className={row.included ? undefined : 'row--removed'}>
                  <td>{row.householdCode}</td>
                  <td>{row.headName}</td>
                  <td>{row.village}</td>
                  <td>
                    {t(`review.sources.${row.source}`)}
                    {!row.included && <div className="muted">{t('review.removed', { reason: row.reason ?? '' })}</div>}
                  </td>
                  <td>{t(`review.surveyStates.${row.surveyState}`)}</td>
                  <td>{row.status ? t(`householdStatus.${row.status}`) : '—'}</td>
                  <td className="actions">
                    {row.included && (
                      <Link className="button button--secondary" href={`/review?round=${roundId}&household=${encodeURIComponent(row.householdCode)}`}>
                        {t('review.openSurvey')}
                      </Link>
                    )}
                    {round.status === 'closed' && (row.status === 'poor' || row.status === 'near_poor') && (
                      <a className="button button--secondary" href={reviewApi.certificateUrl(roundId, row.householdCode)} target="_blank" rel="noreferrer">
                        {t('review.certificate')}
                      </a>
                    )}
                    {actions.editList && row.included && <RemoveButton roundId={roundId} code={row.householdCode} onDone={update} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {actions.editList && <AddHousehold roundId={roundId} onDone={update} />}
      </section>

      {actions.editSurvey && <SurveyImport roundId={roundId} onImported={() => void reviewApi.round(roundId).then(update, () => setVersion((v) => v + 1))} />}

      {actions.reopen && <Reopen roundId={roundId} onDone={(next) => { update(next); setVersion((v) => v + 1); }} />}
    </div>
  );
}

function useAction(onDone: (detail: RoundDetail) => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<RoundDetail>) {
    setBusy(true);
    setError(null);
    try {
      onDone(await action());
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, run };
}

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

function StepForm({ roundId, step, onDone }: { roundId: number; step: StepCode; onDone(detail: RoundDetail): void }) {
  const { t } = useT();
  const today = todayIn(provinceTimeZone);
  const [date, setDate] = useState(today);
  const [fields, setFields] = useState<Record<string, string>>({ attendance: '', agreed: '', objections: '', postedUntil: '', places: '', complaints: '', opinion: '', decisionNumber: '' });
  const { error, busy, run } = useAction(onDone);
  const set = (name: string) => (value: string) => setFields((current) => ({ ...current, [name]: value }));

  function body(): Record<string, unknown> {
    switch (step) {
      case 'meeting':
        return { step, date, attendance: Number(fields.attendance) || 0, agreed: fields.agreed, objections: lines(fields.objections ?? '').map((text) => ({ text })) };
      case 'posting':
        return { step, date, postedUntil: fields.postedUntil || date, places: fields.places, complaints: lines(fields.complaints ?? '').map((line) => { const [text = '', handling = ''] = line.split('|'); return { receivedOn: date, text: text.trim(), handling: handling.trim() }; }) };
      case 'district':
        return { step, date, opinion: fields.opinion };
      case 'recognition':
        return { step, date, decisionNumber: fields.decisionNumber };
      default:
        return { step, date };
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(() => reviewApi.recordStep(roundId, body()));
  }

  const text = (name: string, label: string, multiline = false) => (
    <div className="field">
      <label htmlFor={`step-${name}`}>{label}</label>
      {multiline ? (
        <textarea id={`step-${name}`} rows={3} value={fields[name]} onChange={(event) => set(name)(event.target.value)} />
      ) : (
        <input id={`step-${name}`} value={fields[name]} inputMode={name === 'attendance' ? 'numeric' : undefined} onChange={(event) => set(name)(event.target.value)} />
      )}
    </div>
  );

  return (
    <section className="review-section step-form" aria-labelledby="step-form-title">
      <h2 id="step-form-title">{t('review.record', { step: t(`review.steps.${step}`) })}</h2>
      <form onSubmit={submit}>
        <DateField label={t('review.date')} value={date} onChange={setDate} />
        {step === 'meeting' && (
          <>
            {text('attendance', t('review.attendance'))}
            {text('agreed', t('review.agreed'), true)}
            {text('objections', t('review.objections'), true)}
          </>
        )}
        {step === 'posting' && (
          <>
            <DateField label={t('review.postedUntil')} value={fields.postedUntil || date} onChange={set('postedUntil')} />
            {text('places', t('review.places'))}
            {text('complaints', t('review.complaints'), true)}
          </>
        )}
        {step === 'district' && text('opinion', t('review.opinion'), true)}
        {step === 'recognition' && text('decisionNumber', t('review.decisionNumber'))}
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('review.record', { step: t(`review.steps.${step}`) })}
        </button>
      </form>
      {error !== null && <ErrorAlert error={error} />}
    </section>
  );
}

function AddHousehold({ roundId, onDone }: { roundId: number; onDone(detail: RoundDetail): void }) {
  const { t } = useT();
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const { error, busy, run } = useAction(onDone);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await run(() => reviewApi.addHousehold(roundId, code.trim(), reason))) {
      setCode('');
      setReason('');
    }
  }
  return (
    <form className="review-form-row" onSubmit={submit} aria-label={t('review.addHousehold')}>
      <div className="field">
        <label htmlFor="add-household-code">{t('review.householdCode')}</label>
        <input id="add-household-code" value={code} onChange={(event) => setCode(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="add-household-reason">{t('review.reason')}</label>
        <input id="add-household-reason" value={reason} onChange={(event) => setReason(event.target.value)} />
      </div>
      <button type="submit" className="button button--secondary" disabled={busy}>
        {t('review.add')}
      </button>
      {error !== null && <ErrorAlert error={error} />}
    </form>
  );
}

function RemoveButton({ roundId, code, onDone }: { roundId: number; code: string; onDone(detail: RoundDetail): void }) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const { error, busy, run } = useAction(onDone);
  if (!asking) {
    return (
      <button type="button" className="button button--secondary" onClick={() => setAsking(true)}>
        {t('review.remove')}
      </button>
    );
  }
  return (
    <form className="inline-form" onSubmit={(event) => { event.preventDefault(); void run(() => reviewApi.removeHousehold(roundId, code, reason)); }}>
      <label htmlFor={`remove-${code}`}>{t('review.reason')}</label>
      <input id={`remove-${code}`} value={reason} onChange={(event) => setReason(event.target.value)} />
      <button type="submit" className="button button--secondary" disabled={busy}>
        {t('review.remove')}
      </button>
      {error !== null && <ErrorAlert error={error} />}
    </form>
  );
}

function Reopen({ roundId, onDone }: { roundId: number; onDone(detail: RoundDetail): void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const { error, busy, run } = useAction(onDone);
  return (
    <section className="review-section" aria-labelledby="reopen-title">
      <h2 id="reopen-title">{t('review.reopenTitle')}</h2>
      <form onSubmit={(event) => { event.preventDefault(); void run(() => reviewApi.reopen(roundId, reason)); }}>
        <div className="field">
          <label htmlFor="reopen-reason">{t('review.reopenReason')}</label>
          <textarea id="reopen-reason" rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
        </div>
        <button type="submit" className="button button--secondary" disabled={busy}>
          {t('review.reopen')}
        </button>
      </form>
      {error !== null && <ErrorAlert error={error} />}
    </section>
  );
}
