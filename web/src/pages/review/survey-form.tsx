import { type ReactNode, useMemo, useState } from 'react';
import { Link } from 'wouter';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  LATRINE_TYPES,
  type PovertyStandard,
  WATER_SOURCES,
  assessHousehold,
} from '../../../../src/domain/poverty/index';
import { implausibleFacts } from '../../../../src/domain/review/plausibility';
import { ApiError } from '../../api';
import { DateField } from '../../components/date-field';
import { ErrorAlert, errorText } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatDate, formatMoney } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { loadStandards } from '../standards/standards-data';
import { type MemberSurvey, type Survey, type SurveyDetail, reviewApi } from './review-api';

const idOf = (path: string) => `survey-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** One household's survey in a round: facts entered on a tablet, the class computed as they are filled, drafts saved. */
export function SurveyForm({ roundId, householdCode }: { roundId: number; householdCode: string }) {
  const { t } = useT();
  const [attempt, setAttempt] = useState(0);
  const loaded = useRequest(`survey:${roundId}:${householdCode}:${attempt}`, async (signal) => {
    const [detail, standards] = await Promise.all([reviewApi.survey(roundId, householdCode, signal), loadStandards()]);
    return { detail, standards };
  });
  if (loaded.status === 'loading') return <Progress label={t('app.loading')} />;
  if (loaded.status === 'failed') return <ErrorAlert error={loaded.error} onRetry={loaded.retry} />;
  return <SurveyEditor key={attempt} initial={loaded.data.detail} standards={loaded.data.standards} onReload={() => setAttempt((n) => n + 1)} />;
}

type YesNoValue = boolean | null | undefined;

function SurveyEditor({ initial, standards, onReload }: { initial: SurveyDetail; standards: PovertyStandard[]; onReload(): void }) {
  const { t, language } = useT();
  const [detail, setDetail] = useState(initial);
  const [survey, setSurvey] = useState<Survey>(initial.survey);
  const [basis, setBasis] = useState<'income' | 'scoreA'>(initial.survey.scoreA != null && initial.survey.incomePerCapita == null ? 'scoreA' : 'income');
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const editable = detail.editable;

  const standard = standards.find((s) => s.id === detail.standardId);
  const assessment = useMemo(
    () => assessHousehold({ ...survey, id: detail.householdCode, year: detail.reviewYear }, standards, { lang: language }),
    [survey, standards, detail, language],
  );
  const implausible = useMemo(() => implausibleFacts(survey.facts, detail.window), [survey, detail.window]);
  const serverErrors = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  const invalidFields = new Set([...implausible.map((found) => found.field), ...serverErrors.map((e) => e.field), ...(assessment.ok ? [] : [assessment.failure.error.field])]);

  const setFacts = (changes: Partial<Survey['facts']>) => setSurvey((current) => ({ ...current, facts: { ...current.facts, ...changes } }));
  const setMember = (index: number, changes: Partial<MemberSurvey>) =>
    setSurvey((current) => ({ ...current, facts: { ...current.facts, members: current.facts.members.map((m, i) => (i === index ? { ...m, ...changes } : m)) } }));

  async function save(complete: boolean) {
    setSaving(true);
    setError(null);
    setNotice(null);
    try {
      const body: Survey = basis === 'income' ? { ...survey, scoreA: null } : { ...survey, incomePerCapita: null };
      const saved = await reviewApi.saveSurvey(detail.roundId, detail.householdCode, { version: detail.version, complete, survey: body });
      setDetail(saved);
      setNotice(complete ? t('review.survey.savedDone') : t('review.survey.savedDraft'));
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  }

  const indicatorName = (code: string) => standard?.indicators.find((i) => i.code === code)?.name[language] ?? code;
  const yesNo = (path: string, label: string, value: YesNoValue, onChange: (value: boolean | null) => void) => (
    <Select path={path} label={label} invalid={invalidFields.has(path)} value={value == null ? '' : value ? 'yes' : 'no'} disabled={!editable}
      options={[{ value: 'yes', label: t('calculator.yes') }, { value: 'no', label: t('calculator.no') }]}
      onChange={(v) => onChange(v === '' ? null : v === 'yes')} />
  );

  return (
    <div className="review-page survey-page">
      <p>
        <Link href={`/review?round=${detail.roundId}`}>{t('review.backToRound')}</Link>
      </p>
      <header className="page-header">
        <h1>{t('review.survey.title', { code: detail.householdCode, head: detail.headName })}</h1>
        <p className="page-header__intro">{t('review.survey.meta', { village: detail.village, year: detail.reviewYear, standard: detail.standardId ?? '—' })}</p>
      </header>

      <aside className="survey-live" aria-live="polite" aria-labelledby="survey-live-title" data-testid="survey-live">
        <h2 id="survey-live-title">{t('review.survey.live')}</h2>
        {assessment.ok ? (
          <>
            <p className={`survey-live__status survey-live__status--${assessment.result.status}`}>{t(`householdStatus.${assessment.result.status}`)}</p>
            <p>{t('calculator.lackingCount', { lacked: assessment.result.deprivationCount, total: standard?.indicators.length ?? 0, scoreB: assessment.result.scoreB })}</p>
            {assessment.result.deprivations.length > 0 && (
              <ul className="survey-live__lacking">
                {assessment.result.deprivations.map((code) => <li key={code}>{indicatorName(code)}</li>)}
              </ul>
            )}
          </>
        ) : (
          <p>
            {t('calculator.pending')}: {assessment.failure.error.message}{' '}
            <a href={`#${idOf(assessment.failure.error.field)}`}>{t('calculator.goToField')}</a>
          </p>
        )}
        {implausible.length > 0 && (
          <ul className="field-errors">
            {implausible.map((found) => <li key={found.field + found.code}><a href={`#${idOf(found.field)}`}><code>{found.field}</code></a>: {t(`review.survey.implausible.${found.code}` as TranslationKey, found.params)}</li>)}
          </ul>
        )}
      </aside>

      {!editable && <p className="alert alert--info">{t('review.survey.readOnly')}</p>}

      <form className="survey-form" onSubmit={(event) => event.preventDefault()}>
        <fieldset className="survey-group">
          <legend>{t('calculator.household')}</legend>
          <div id={idOf('facts.surveyDate')}>
            <DateField label={t('calculator.surveyDate')} value={survey.facts.surveyDate} onChange={(surveyDate) => setFacts({ surveyDate })} />
          </div>
          <Select path="area" label={t('calculator.area')} invalid={invalidFields.has('area')} value={survey.area} disabled={!editable}
            options={[{ value: 'rural', label: t('areas.rural') }, { value: 'urban', label: t('areas.urban') }]}
            onChange={(area) => area && setSurvey((s) => ({ ...s, area: area as Survey['area'] }))} />
          <div className="check-row">
            <input id={idOf('farmHousehold')} type="checkbox" checked={survey.farmHousehold} disabled={!editable} onChange={(event) => setSurvey((s) => ({ ...s, farmHousehold: event.target.checked }))} />
            <label htmlFor={idOf('farmHousehold')}>{t('calculator.farmHousehold')}</label>
          </div>
          <Select path="basis" label={t('calculator.basis')} invalid={false} value={basis} disabled={!editable}
            options={[{ value: 'income', label: t('calculator.basisIncome') }, { value: 'scoreA', label: t('calculator.basisScoreA') }]}
            onChange={(value) => value && setBasis(value as 'income' | 'scoreA')} />
          {basis === 'income' ? (
            <NumberInput path="incomePerCapita" label={t('calculator.income')} invalid={invalidFields.has('incomePerCapita')} value={survey.incomePerCapita} disabled={!editable}
              hint={survey.incomePerCapita != null ? formatMoney(survey.incomePerCapita, language) : undefined}
              onChange={(incomePerCapita) => setSurvey((s) => ({ ...s, incomePerCapita, scoreA: null }))} />
          ) : (
            <NumberInput path="scoreA" label={t('calculator.scoreA')} invalid={invalidFields.has('scoreA')} value={survey.scoreA} disabled={!editable}
              onChange={(scoreA) => setSurvey((s) => ({ ...s, scoreA, incomePerCapita: null }))} />
          )}
        </fieldset>

        <fieldset className="survey-group">
          <legend>{t('calculator.living')}</legend>
          <NumberInput path="facts.floorAreaM2" label={t('calculator.floorArea')} invalid={invalidFields.has('facts.floorAreaM2')} value={survey.facts.floorAreaM2} disabled={!editable} decimal
            onChange={(floorAreaM2) => setFacts({ floorAreaM2 })} />
          {yesNo('facts.durableWalls', t('calculator.durableWalls'), survey.facts.durableWalls, (durableWalls) => setFacts({ durableWalls }))}
          {yesNo('facts.durableFrame', t('calculator.durableFrame'), survey.facts.durableFrame, (durableFrame) => setFacts({ durableFrame }))}
          {yesNo('facts.durableRoof', t('calculator.durableRoof'), survey.facts.durableRoof, (durableRoof) => setFacts({ durableRoof }))}
          <Select path="facts.waterSource" label={t('calculator.waterSource')} invalid={invalidFields.has('facts.waterSource')} value={survey.facts.waterSource ?? ''} disabled={!editable}
            options={WATER_SOURCES.map((value) => ({ value, label: t(`waterSources.${value}` as TranslationKey) }))} onChange={(waterSource) => setFacts({ waterSource: waterSource || null })} />
          <Select path="facts.latrine" label={t('calculator.latrine')} invalid={invalidFields.has('facts.latrine')} value={survey.facts.latrine ?? ''} disabled={!editable}
            options={LATRINE_TYPES.map((value) => ({ value, label: t(`latrines.${value}` as TranslationKey) }))} onChange={(latrine) => setFacts({ latrine: latrine || null })} />
          {yesNo('facts.internetUse', t('calculator.internetUse'), survey.facts.internetUse, (internetUse) => setFacts({ internetUse }))}
          {yesNo('facts.informationDevices', t('calculator.informationDevices'), survey.facts.informationDevices, (informationDevices) => setFacts({ informationDevices }))}
          {yesNo('facts.wasteCollected', t('calculator.wasteCollected'), survey.facts.wasteCollected, (wasteCollected) => setFacts({ wasteCollected }))}
        </fieldset>

        <fieldset className="survey-group">
          <legend>{t('calculator.members', { total: survey.facts.members.length })}</legend>
          {survey.facts.members.map((member, index) => {
            const at = `facts.members[${index}]`;
            return (
              <fieldset key={member.seq ?? index} className="member-block">
                <legend>{member.fullName || t('calculator.member', { number: index + 1 })}</legend>
                <div id={idOf(`${at}.birthDate`)} className={invalidFields.has(`${at}.birthDate`) ? 'field--invalid' : undefined}>
                  <DateField label={t('calculator.birthDate')} value={member.birthDate ?? ''} onChange={(birthDate) => setMember(index, { birthDate })} />
                </div>
                <Select path={`${at}.sex`} label={t('calculator.sex')} invalid={invalidFields.has(`${at}.sex`)} value={member.sex ?? ''} disabled={!editable}
                  options={[{ value: 'male', label: t('sexes.male') }, { value: 'female', label: t('sexes.female') }]} onChange={(sex) => setMember(index, { sex: sex || null })} />
                <Select path={`${at}.employment`} label={t('calculator.employment')} invalid={invalidFields.has(`${at}.employment`)} value={member.employment ?? ''} disabled={!editable}
                  options={EMPLOYMENT_STATUSES.map((value) => ({ value, label: t(`employmentStatuses.${value}` as TranslationKey) }))} onChange={(employment) => setMember(index, { employment: employment || null })} />
                <Select path={`${at}.educationLevel`} label={t('calculator.educationLevel')} invalid={invalidFields.has(`${at}.educationLevel`)} value={member.educationLevel ?? ''} disabled={!editable}
                  options={EDUCATION_LEVELS.map((value) => ({ value, label: t(`educationLevels.${value}` as TranslationKey) }))} onChange={(educationLevel) => setMember(index, { educationLevel: educationLevel || null })} />
                {yesNo(`${at}.healthInsurance`, t('calculator.healthInsurance'), member.healthInsurance, (healthInsurance) => setMember(index, { healthInsurance }))}
                {yesNo(`${at}.attendingSchool`, t('calculator.attendingSchool'), member.attendingSchool, (attendingSchool) => setMember(index, { attendingSchool }))}
                {(['socialAllowance', 'stunted', 'underweight'] as const).map((name) => (
                  <div key={name} className="check-row">
                    <input id={idOf(`${at}.${name}`)} type="checkbox" checked={member[name] === true} disabled={!editable} onChange={(event) => setMember(index, { [name]: event.target.checked })} />
                    <label htmlFor={idOf(`${at}.${name}`)}>{t(`calculator.${name}`)}</label>
                  </div>
                ))}
              </fieldset>
            );
          })}
        </fieldset>

        {error !== null && (
          <div className="alert alert--error" role="alert">
            <p>{error instanceof ApiError && error.status === 409 ? t('review.survey.conflict') : errorText(error, t)}</p>
            {serverErrors.length > 0 && (
              <ul className="field-errors">
                {serverErrors.map((e) => (
                  <li key={e.field + e.message}>
                    <a href={`#${idOf(e.field)}`}><code>{e.field}</code></a>: {e.message}
                  </li>
                ))}
              </ul>
            )}
            {error instanceof ApiError && error.status === 409 && (
              <button type="button" className="button button--secondary" onClick={onReload}>{t('review.survey.reload')}</button>
            )}
          </div>
        )}
        {notice && <p className="alert alert--success" role="status">{notice} {detail.status ? `${t(`householdStatus.${detail.status}`)} · ${formatDate(survey.facts.surveyDate, language)}` : ''}</p>}

        {editable && (
          <div className="survey-actions">
            <button type="button" className="button button--secondary" disabled={saving} onClick={() => void save(false)}>
              {saving ? t('review.survey.saving') : t('review.survey.saveDraft')}
            </button>
            <button type="button" className="button button--primary" disabled={saving} onClick={() => void save(true)}>
              {t('review.survey.finish')}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}

function Select({ path, label, value, options, invalid, disabled, onChange }: {
  path: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  invalid: boolean;
  disabled: boolean;
  onChange(value: string): void;
}) {
  const { t } = useT();
  return (
    <div className="field">
      <label htmlFor={idOf(path)}>{label}</label>
      <select id={idOf(path)} value={value} disabled={disabled} aria-invalid={invalid || undefined} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('calculator.choose')}</option>
        {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
    </div>
  );
}

function NumberInput({ path, label, value, invalid, disabled, hint, decimal, onChange }: {
  path: string;
  label: string;
  value: number | null | undefined;
  invalid: boolean;
  disabled: boolean;
  hint?: ReactNode;
  decimal?: boolean;
  onChange(value: number | null): void;
}) {
  const [text, setText] = useState(value == null ? '' : String(value));
  return (
    <div className="field">
      <label htmlFor={idOf(path)}>{label}</label>
      <input id={idOf(path)} inputMode={decimal ? 'decimal' : 'numeric'} value={text} disabled={disabled} aria-invalid={invalid || undefined}
        onChange={(event) => {
          setText(event.target.value);
          const cleaned = event.target.value.replace(/[.\s]/g, '').replace(',', '.');
          const parsed = cleaned === '' ? null : Number(decimal ? event.target.value.replace(',', '.') : cleaned);
          onChange(parsed === null || Number.isNaN(parsed) ? null : parsed);
        }} />
      {hint && <p className="field__hint">{hint}</p>}
    </div>
  );
}
