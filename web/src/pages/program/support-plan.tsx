/**
 * The support plan of a poor or near-poor household (kế hoạch hỗ trợ hộ): its needs from the
 * indicators it lacks, the named helper, and the supports with agency, amount, funding project,
 * status and dates. `SupportPlanSection` is embeddable (the household detail page); the route
 * `/program/households/:code` shows it on its own page, and without a household the list of
 * households still lacking a plan.
 */
import { type FormEvent, useId, useState } from 'react';
import { Link, useParams } from 'wouter';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatDate, formatMoney, provinceTimeZone, todayIn } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { DateInput, fieldErrorsOf, MoneyField, parseMoney, SelectField } from './form-fields';
import { programApi, type SupportPlanAnswer, type SupportStatus } from './program-api';
import './program.css';

/** A household's support plan, read and (for the roles that may) edited in place. */
export function SupportPlanSection({ householdCode }: { householdCode: string }) {
  const { t } = useT();
  const [version, setVersion] = useState(0);
  const state = useRequest(`${householdCode}:${version}`, (signal) => programApi.supportPlan(householdCode, signal));
  const reload = () => setVersion((n) => n + 1);

  if (state.status === 'loading') return <Progress label={t('app.loading')} />;
  if (state.status === 'failed') return <ErrorAlert error={state.error} onRetry={state.retry} />;
  return <PlanView data={state.data} onChanged={reload} />;
}

function PlanView({ data, onChanged }: { data: SupportPlanAnswer; onChanged: () => void }) {
  const { t, language } = useT();
  const { household } = data;
  const name = (item: { name: string; nameEn: string }) => (language === 'en' ? item.nameEn : item.name);
  const supportName = (code: string) => {
    const support = data.supportTypes.find((s) => s.code === code);
    return support ? name(support) : code;
  };
  const planned = new Set(data.items.filter((i) => i.status !== 'cancelled').map((i) => i.supportCode));
  const editable = data.canEdit && data.eligible;

  return (
    <div className="support-plan">
      <section className="card" aria-labelledby="sp-household">
        <h2 id="sp-household">{t('supportPlan.household')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('supportPlan.head')}</dt>
            <dd>{household.headName}</dd>
          </div>
          <div>
            <dt>{t('supportPlan.place')}</dt>
            <dd>
              {household.village}, {household.communeName ?? household.communeCode}
            </dd>
          </div>
          <div>
            <dt>{t('supportPlan.status')}</dt>
            <dd>{household.status ? t(`supportPlan.statuses.${household.status}` as TranslationKey) : t('supportPlan.unclassified')}</dd>
          </div>
        </dl>
        {data.program && (
          <p className="muted">
            {t('supportPlan.program', { name: name(data.program) })}{' '}
            {t('supportPlan.periodHint', { start: data.program.periodStart, end: data.program.periodEnd })}
          </p>
        )}
        {!data.eligible && <p className="alert">{t('supportPlan.notEligible')}</p>}
        {!data.canEdit && <p className="muted">{t('supportPlan.readOnly')}</p>}
      </section>

      <section className="card" aria-labelledby="sp-needs">
        <h2 id="sp-needs">{t('supportPlan.needs')}</h2>
        {data.needs.length === 0 ? (
          <p className="muted">{t('supportPlan.noNeeds')}</p>
        ) : (
          <ul className="needs">
            {data.needs.map((need) => {
              const covered = need.supportCodes.some((code) => planned.has(code));
              return (
                <li key={need.indicator} className={covered ? 'needs__item needs__item--covered' : 'needs__item'}>
                  <strong>{t(`indicatorNames.${need.indicator}` as TranslationKey)}</strong>{' '}
                  <span className={covered ? 'badge badge--ok' : 'badge'}>{covered ? t('supportPlan.covered') : t('supportPlan.open')}</span>
                  <br />
                  <span className="muted">
                    {need.supportCodes.length > 0
                      ? `${t('supportPlan.supportsFor')}: ${need.supportCodes.map(supportName).join(', ')}`
                      : t('supportPlan.noCatalogSupport')}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <HelperForm data={data} editable={editable} onSaved={onChanged} />

      <section className="card" aria-labelledby="sp-supports">
        <h2 id="sp-supports">{t('supportPlan.supports')}</h2>
        {data.items.length === 0 ? (
          <p className="muted">{t('supportPlan.noSupports')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('supportPlan.support')}</th>
                  <th scope="col">{t('supportPlan.agency')}</th>
                  <th scope="col" className="num">{t('supportPlan.amount')}</th>
                  <th scope="col">{t('supportPlan.fundingProject')}</th>
                  <th scope="col">{t('supportPlan.plannedDate')}</th>
                  <th scope="col">{t('supportPlan.itemStatus')}</th>
                  <th scope="col">{t('supportPlan.completedDate')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => {
                  const agency = data.agencies.find((a) => a.code === item.agencyCode);
                  return (
                    <tr key={item.id} data-support={item.supportCode}>
                      <td>{supportName(item.supportCode)}</td>
                      <td>{agency ? agency.shortName : item.agencyCode}</td>
                      <td className="num">{formatMoney(item.amount, language)}</td>
                      <td>{item.fundingProjectCode ?? t('supportPlan.noProject')}</td>
                      <td>{formatDate(item.plannedDate, language)}</td>
                      <td>
                        <span className={item.status === 'done' ? 'badge badge--ok' : 'badge'}>
                          {t(`supportPlan.itemStatuses.${item.status}` as TranslationKey)}
                        </span>
                      </td>
                      <td>
                        {item.completedDate ? (
                          formatDate(item.completedDate, language)
                        ) : editable && item.status !== 'cancelled' ? (
                          <CompleteForm householdCode={household.code} item={item} onSaved={onChanged} />
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {editable && data.plan && <AddSupportForm data={data} onSaved={onChanged} />}
      </section>
    </div>
  );
}

function HelperForm({ data, editable, onSaved }: { data: SupportPlanAnswer; editable: boolean; onSaved: () => void }) {
  const { t } = useT();
  const id = useId();
  const [helperName, setHelperName] = useState(data.plan?.helperName ?? '');
  const [helperKind, setHelperKind] = useState<'person' | 'organisation'>(data.plan?.helperKind ?? 'person');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const named = helperName.trim();
    try {
      await programApi.savePlan(data.household.code, {
        helperName: named || null,
        helperKind: named ? helperKind : null,
        ...(data.plan ? { version: data.plan.version } : {}),
      });
      onSaved();
    } catch (caught) {
      setError(caught);
      setSaving(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('supportPlan.helper')}</h2>
      {!data.plan && <p className="muted">{t('supportPlan.noPlan')}</p>}
      {data.plan && !editable && <p>{data.plan.helperName ?? t('supportPlan.noHelper')}</p>}
      {editable && (
        <form className="inline-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('supportPlan.helperName')}</label>
            <input id={`${id}-name`} value={helperName} onChange={(e) => setHelperName(e.target.value)} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('supportPlan.helperKind')}</label>
            <select id={`${id}-kind`} value={helperKind} onChange={(e) => setHelperKind(e.target.value as 'person' | 'organisation')}>
              <option value="person">{t('supportPlan.helperKinds.person')}</option>
              <option value="organisation">{t('supportPlan.helperKinds.organisation')}</option>
            </select>
          </div>
          <button type="submit" className="button button--primary" disabled={saving}>
            {data.plan ? t('supportPlan.savePlan') : t('supportPlan.createPlan')}
          </button>
        </form>
      )}
      {error !== null && <ErrorAlert error={error} />}
    </section>
  );
}

function AddSupportForm({ data, onSaved }: { data: SupportPlanAnswer; onSaved: () => void }) {
  const { t, language } = useT();
  const id = useId();
  const firstOpen = data.needs.find((need) => data.openNeeds.includes(need.indicator) && need.supportCodes.length > 0);
  const [supportCode, setSupportCode] = useState(firstOpen?.supportCodes[0] ?? data.supportTypes[0]?.code ?? '');
  const support = data.supportTypes.find((s) => s.code === supportCode);
  const [agencyCode, setAgencyCode] = useState('');
  const [amount, setAmount] = useState('0');
  const [fundingProjectCode, setFundingProjectCode] = useState('');
  const [plannedDate, setPlannedDate] = useState(todayIn(provinceTimeZone));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const fieldError = fieldErrorsOf(error);
  const name = (item: { name: string; nameEn: string }) => (language === 'en' ? item.nameEn : item.name);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await programApi.addSupport(data.household.code, {
        supportCode,
        ...(agencyCode ? { agencyCode } : {}),
        amount: parseMoney(amount),
        fundingProjectCode: fundingProjectCode || null,
        status: 'planned',
        plannedDate,
        completedDate: null,
      });
      onSaved();
    } catch (caught) {
      setError(caught);
      setSaving(false);
    }
  }

  return (
    <form className="add-support" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('supportPlan.addSupport')}</h3>
      {error !== null && <ErrorAlert error={error} />}
      <div className="form-grid">
        <SelectField
          label={t('supportPlan.support')}
          value={supportCode}
          onChange={setSupportCode}
          error={fieldError('supportCode')}
          options={data.supportTypes.map((s) => ({ value: s.code, label: name(s) }))}
        />
        <SelectField
          label={t('supportPlan.agency')}
          value={agencyCode}
          onChange={setAgencyCode}
          error={fieldError('agencyCode')}
          options={[
            { value: '', label: support?.agencyCode ? (data.agencies.find((a) => a.code === support.agencyCode)?.shortName ?? support.agencyCode) : '—' },
            ...data.agencies.map((a) => ({ value: a.code, label: a.shortName })),
          ]}
        />
        <MoneyField label={t('supportPlan.amount')} value={amount} onChange={setAmount} error={fieldError('amount')} />
        <SelectField
          label={t('supportPlan.fundingProject')}
          value={fundingProjectCode}
          onChange={setFundingProjectCode}
          error={fieldError('fundingProjectCode')}
          options={[{ value: '', label: t('supportPlan.noProject') }, ...data.projects.map((p) => ({ value: p.code, label: `${p.code} — ${name(p)}` }))]}
        />
        <DateInput label={t('supportPlan.plannedDate')} value={plannedDate} onChange={setPlannedDate} error={fieldError('plannedDate')} />
      </div>
      <button type="submit" className="button button--primary" disabled={saving || !supportCode}>
        {saving ? t('supportPlan.adding') : t('supportPlan.addSupport')}
      </button>
    </form>
  );
}

function CompleteForm({
  householdCode,
  item,
  onSaved,
}: {
  householdCode: string;
  item: SupportPlanAnswer['items'][number];
  onSaved: () => void;
}) {
  const { t } = useT();
  const [date, setDate] = useState(item.plannedDate > todayIn(provinceTimeZone) ? item.plannedDate : todayIn(provinceTimeZone));
  const [error, setError] = useState<unknown>(null);
  const fieldError = fieldErrorsOf(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await programApi.updateSupport(householdCode, item.id, {
        supportCode: item.supportCode,
        agencyCode: item.agencyCode,
        amount: item.amount,
        fundingProjectCode: item.fundingProjectCode,
        status: 'done' satisfies SupportStatus,
        plannedDate: item.plannedDate,
        completedDate: date,
        version: item.version,
      });
      onSaved();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <form className="complete-form" onSubmit={submit} noValidate>
      <DateInput label={t('supportPlan.completedDate')} value={date} onChange={setDate} error={fieldError('completedDate')} />
      <button type="submit" className="button button--secondary">
        {t('supportPlan.completeOn')}
      </button>
      {error !== null && !fieldError('completedDate') && <ErrorAlert error={error} />}
    </form>
  );
}

/** Poor and near-poor households of the user's scope without a plan, by commune, with links to make one. */
export function SupportGapsList() {
  const { t, language } = useT();
  const state = useRequest('plan', (signal) => programApi.supportGaps('plan', signal));
  if (state.status === 'loading') return <Progress label={t('app.loading')} />;
  if (state.status === 'failed') return <ErrorAlert error={state.error} onRetry={state.retry} />;
  const { byUnit, households } = state.data;
  return (
    <section className="card" aria-labelledby="gaps-title">
      <h2 id="gaps-title">{t('program.gaps')}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <caption>{t('program.gapsByUnit')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('program.unit')}</th>
              <th scope="col" className="num">{t('program.households')}</th>
              <th scope="col" className="num">{t('program.withoutPlan')}</th>
              <th scope="col" className="num">{t('program.withoutHelper')}</th>
            </tr>
          </thead>
          <tbody>
            {byUnit.map((row) => (
              <tr key={row.communeCode}>
                <td>{row.communeName ?? row.communeCode}</td>
                <td className="num">{row.households.toLocaleString(language === 'en' ? 'en-GB' : 'vi-VN')}</td>
                <td className="num">{row.withoutPlan.toLocaleString(language === 'en' ? 'en-GB' : 'vi-VN')}</td>
                <td className="num">{row.withoutHelper.toLocaleString(language === 'en' ? 'en-GB' : 'vi-VN')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {households.length === 0 ? (
        <p className="muted">{t('program.noGaps')}</p>
      ) : (
        <ul className="gap-list">
          {households.map((household) => (
            <li key={household.code}>
              <Link href={`/program/households/${encodeURIComponent(household.code)}`}>
                {household.code} — {household.headName}
              </Link>{' '}
              <span className="muted">
                {household.village} · {t(`supportPlan.statuses.${household.status}` as TranslationKey)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** `/program/households/:code`: one household's plan; a code not yet chosen shows the households without a plan. */
export function SupportPlanPage() {
  const { t } = useT();
  const params = useParams<{ code: string }>();
  const code = params.code && !params.code.startsWith(':') ? decodeURIComponent(params.code) : null;
  return (
    <div className="program-page">
      <header className="page-header">
        <h1>{code ? t('supportPlan.title', { code }) : t('supportPlan.navLabel')}</h1>
        {code && <Link href="/program/households/:code">{t('supportPlan.backToList')}</Link>}
      </header>
      {code ? <SupportPlanSection householdCode={code} /> : <SupportGapsList />}
    </div>
  );
}
