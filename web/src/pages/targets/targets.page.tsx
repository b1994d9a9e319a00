/**
 * Targets (chỉ tiêu, SPEC §8): the targets of a year for the units in the reader's scope; the
 * province admin sets, edits (with the version it read: a stale one is refused) and deletes
 * them. Below, the cascade check: do the units' change targets add up to their parent's,
 * weighted by households (never the plain mean of the units' targets)?
 */
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { type TranslationKey, useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import { COMPARATORS, type Comparator, TARGET_INDICATORS, type TargetIndicator, type TargetKind } from '../dashboard/dashboard-api';
import { formatCount, formatPoints } from '../dashboard/dashboard-format';
import '../dashboard/dashboard.css';
import { type Target, targetsApi } from './targets-api';

const KINDS: readonly TargetKind[] = ['change_points', 'level'];
const FIRST_YEAR = 2021;

function useRuleText() {
  const { t, language } = useT();
  return (target: Pick<Target, 'indicator' | 'kind' | 'value' | 'comparator'>) => {
    const value = target.kind === 'change_points' ? formatPoints(Math.abs(target.value), language).replace(/^\+/, '') : target.indicator === 'escaped_poverty' ? formatCount(target.value, language) : `${formatPoints(target.value, language).replace(/^\+/, '')} %`;
    return t(`dashboard.comparators.${target.kind}.${target.comparator}` as TranslationKey, { value });
  };
}

export function TargetsPage() {
  const { t } = useT();
  const { user } = useSession();
  const isAdmin = user?.role === 'province_admin';
  const [year, setYear] = useState(2022);
  const [indicator, setIndicator] = useState<TargetIndicator>('poor_rate');
  const [revision, setRevision] = useState(0);
  const changed = () => setRevision((n) => n + 1);
  const years = Array.from({ length: new Date().getFullYear() + 2 - FIRST_YEAR }, (_, i) => FIRST_YEAR + i);

  return (
    <div className="dashboard-page">
      <header className="page-header">
        <h1>{t('dashboard.targetsPage.title')}</h1>
        <p className="page-header__intro">{t('dashboard.targetsPage.intro')}</p>
      </header>
      <section className="dashboard-section">
        <div className="dashboard-controls">
          <label>
            {t('dashboard.year_label')}{' '}
            <select value={year} onChange={(event) => setYear(Number(event.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>{y}</option>
              ))}
            </select>
          </label>
        </div>
        <TargetList year={year} isAdmin={isAdmin} revision={revision} onChanged={changed} />
      </section>
      {isAdmin && <NewTarget year={year} onCreated={changed} />}
      <section className="dashboard-section" aria-labelledby="targets-cascade">
        <h2 id="targets-cascade">{t('dashboard.targetsPage.cascadeTitle')}</h2>
        <p className="muted">{t('dashboard.targetsPage.cascadeIntro')}</p>
        <label>
          {t('dashboard.indicator')}{' '}
          <select value={indicator} onChange={(event) => setIndicator(event.target.value as TargetIndicator)}>
            {TARGET_INDICATORS.filter((code) => code !== 'escaped_poverty').map((code) => (
              <option key={code} value={code}>{t(`dashboard.indicators.${code}` as TranslationKey)}</option>
            ))}
          </select>
        </label>
        <Cascade year={year} indicator={indicator} revision={revision} />
      </section>
    </div>
  );
}

function TargetList({ year, isAdmin, revision, onChanged }: { year: number; isAdmin: boolean; revision: number; onChanged: () => void }) {
  const { t } = useT();
  const ruleText = useRuleText();
  const state = useRequest(`targets:${year}:${revision}`, (signal) => targetsApi.list(year, signal));
  const [editing, setEditing] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (state.status === 'loading') return <Progress label={t('app.loading')} />;
  if (state.status === 'failed') return <ErrorAlert error={state.error} onRetry={state.retry} />;
  const remove = async (target: Target) => {
    if (!window.confirm(t('dashboard.targetsPage.confirmDelete', { unit: target.unitCode }))) return;
    setError(null);
    try {
      await targetsApi.remove(target.id, target.version);
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      {error !== null && <ErrorAlert error={error} />}
      {state.data.targets.length === 0 ? (
        <p>{t('dashboard.targetsPage.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="dashboard-table" aria-label={t('dashboard.targetsPage.listLabel', { year })}>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.unit')}</th>
                <th scope="col">{t('dashboard.indicator')}</th>
                <th scope="col">{t('dashboard.target')}</th>
                <th scope="col">{t('dashboard.targetsPage.source')}</th>
                {isAdmin && <th scope="col">{t('dashboard.targetsPage.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {state.data.targets.map((target) =>
                editing === target.id ? (
                  <tr key={target.id}>
                    <td colSpan={isAdmin ? 5 : 4}>
                      <EditTarget target={target} onDone={(saved) => { setEditing(null); if (saved) onChanged(); }} />
                    </td>
                  </tr>
                ) : (
                  <tr key={target.id} data-target={`${target.unitCode}:${target.indicator}`}>
                    <th scope="row">{target.unitName ? `${target.unitName} (${target.unitCode})` : target.unitCode}</th>
                    <td>{t(`dashboard.indicators.${target.indicator}` as TranslationKey)}</td>
                    <td>{ruleText(target)}</td>
                    <td>{target.source === 'manual' ? t('dashboard.targetsPage.manual') : target.source}{target.note ? <div className="muted">{target.note}</div> : null}</td>
                    {isAdmin && (
                      <td>
                        <button type="button" className="button button--secondary" onClick={() => setEditing(target.id)} aria-label={`${t('dashboard.targetsPage.edit')} ${target.unitCode}`}>{t('dashboard.targetsPage.edit')}</button>{' '}
                        <button type="button" className="button button--secondary" onClick={() => void remove(target)} aria-label={`${t('dashboard.targetsPage.delete')} ${target.unitCode}`}>{t('dashboard.targetsPage.delete')}</button>
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Kind, comparison and value: the fields a target's rule is made of. */
function RuleFields({ idPrefix, kind, comparator, value, onKind, onComparator, onValue }: { idPrefix: string; kind: TargetKind; comparator: Comparator; value: string; onKind: (v: TargetKind) => void; onComparator: (v: Comparator) => void; onValue: (v: string) => void }) {
  const { t } = useT();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-kind`}>{t('dashboard.targetsPage.kind')}</label>
        <select id={`${idPrefix}-kind`} value={kind} onChange={(event) => onKind(event.target.value as TargetKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>{t(`dashboard.targetsPage.kinds.${k}` as TranslationKey)}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-comparator`}>{t('dashboard.targetsPage.comparator')}</label>
        <select id={`${idPrefix}-comparator`} value={comparator} onChange={(event) => onComparator(event.target.value as Comparator)}>
          {COMPARATORS.map((c) => (
            <option key={c} value={c}>{t(`dashboard.targetsPage.comparators.${c}` as TranslationKey)}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-value`}>{t('dashboard.targetsPage.value')}</label>
        <input id={`${idPrefix}-value`} type="number" step="0.01" required value={value} onChange={(event) => onValue(event.target.value)} aria-describedby={`${idPrefix}-value-hint`} />
        <span id={`${idPrefix}-value-hint`} className="field__hint">{t(`dashboard.targetsPage.valueHint.${kind}` as TranslationKey)}</span>
      </div>
    </>
  );
}

function EditTarget({ target, onDone }: { target: Target; onDone: (saved: boolean) => void }) {
  const { t } = useT();
  const [kind, setKind] = useState(target.kind);
  const [comparator, setComparator] = useState(target.comparator);
  const [value, setValue] = useState(String(target.value));
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await targetsApi.update(target.id, { kind, comparator, value: Number(value), version: target.version });
      onDone(true);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form className="targets-form" onSubmit={(event) => void submit(event)} aria-label={t('dashboard.targetsPage.editLabel', { unit: target.unitCode })}>
      <RuleFields idPrefix={`edit-${target.id}`} kind={kind} comparator={comparator} value={value} onKind={setKind} onComparator={setComparator} onValue={setValue} />
      <div>
        <button type="submit" className="button button--primary">{t('dashboard.targetsPage.save')}</button>{' '}
        <button type="button" className="button button--secondary" onClick={() => onDone(false)}>{t('dashboard.targetsPage.cancel')}</button>
      </div>
      {error !== null && <ErrorAlert error={error} />}
    </form>
  );
}

function NewTarget({ year, onCreated }: { year: number; onCreated: () => void }) {
  const { t } = useT();
  const [unitCode, setUnitCode] = useState('');
  const [indicator, setIndicator] = useState<TargetIndicator>('poor_rate');
  const [kind, setKind] = useState<TargetKind>('change_points');
  const [comparator, setComparator] = useState<Comparator>('at_most');
  const [value, setValue] = useState('-2');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await targetsApi.create({ unitCode: unitCode.trim(), year, indicator, kind, comparator, value: Number(value), note: note.trim() || null });
      setSaved(true);
      onCreated();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section className="dashboard-section" aria-labelledby="targets-new">
      <h2 id="targets-new">{t('dashboard.targetsPage.newTitle', { year })}</h2>
      <form className="targets-form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="target-unit">{t('dashboard.targetsPage.unitCode')}</label>
          <input id="target-unit" required pattern="\d{2,5}" value={unitCode} onChange={(event) => setUnitCode(event.target.value)} aria-describedby="target-unit-hint" />
          <span id="target-unit-hint" className="field__hint">{t('dashboard.targetsPage.unitHint')}</span>
        </div>
        <div className="field">
          <label htmlFor="target-indicator">{t('dashboard.indicator')}</label>
          <select id="target-indicator" value={indicator} onChange={(event) => setIndicator(event.target.value as TargetIndicator)}>
            {TARGET_INDICATORS.map((code) => (
              <option key={code} value={code}>{t(`dashboard.indicators.${code}` as TranslationKey)}</option>
            ))}
          </select>
        </div>
        <RuleFields idPrefix="target" kind={kind} comparator={comparator} value={value} onKind={setKind} onComparator={setComparator} onValue={setValue} />
        <div className="field">
          <label htmlFor="target-note">{t('dashboard.targetsPage.note')}</label>
          <input id="target-note" maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
        </div>
        <div>
          <button type="submit" className="button button--primary">{t('dashboard.targetsPage.create')}</button>
        </div>
      </form>
      {saved && <p role="status">{t('dashboard.targetsPage.created')}</p>}
      {error !== null && <ErrorAlert error={error} />}
    </section>
  );
}

function Cascade({ year, indicator, revision }: { year: number; indicator: TargetIndicator; revision: number }) {
  const { t, language } = useT();
  const state = useRequest(`cascade:${year}:${indicator}:${revision}`, (signal) => targetsApi.cascade(year, indicator, signal));
  if (state.status === 'loading') return <Progress label={t('app.loading')} />;
  if (state.status === 'failed') return <ErrorAlert error={state.error} onRetry={state.retry} />;
  if (state.data.checks.length === 0) return <p>{t('dashboard.targetsPage.cascadeNone')}</p>;
  const points = (value: number | null) => t('dashboard.points', { value: formatPoints(value, language) });
  return (
    <div className="table-scroll">
      <table className="dashboard-table">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.targetsPage.parent')}</th>
            <th scope="col">{t('dashboard.target')}</th>
            <th scope="col">{t('dashboard.targetsPage.units')}</th>
            <th scope="col">{t('dashboard.targetsPage.implied')}</th>
            <th scope="col">{t('dashboard.targetsPage.mean')}</th>
            <th scope="col">{t('dashboard.targetsPage.uncovered')}</th>
            <th scope="col">{t('dashboard.targetsPage.consistent')}</th>
          </tr>
        </thead>
        <tbody>
          {state.data.checks.map((check) => (
            <tr key={check.unitCode} data-cascade={check.unitCode}>
              <th scope="row">{check.unitCode}</th>
              <td className="numeric">{points(check.value)}</td>
              <td>{check.units.map((unit) => `${unit.unitCode}: ${points(unit.value)} × ${formatCount(unit.baseHouseholds, language)}`).join('; ')}</td>
              <td className="numeric">{points(check.impliedChange)}</td>
              <td className="numeric muted">{points(check.unweightedMean)}</td>
              <td className="numeric">{formatCount(check.uncoveredHouseholds, language)}</td>
              <td className={check.consistent ? 'targets-cascade--ok' : 'targets-cascade--bad'}>
                {check.consistent ? `✓ ${t('dashboard.targetsPage.yes')}` : `✕ ${t('dashboard.targetsPage.no')}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
