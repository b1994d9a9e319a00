import { useEffect, useId, useMemo, useState } from 'react';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  INDICATOR_FACTS,
  LATRINE_TYPES,
  SEXES,
  WATER_SOURCES,
  completedYears,
  parseIsoDate,
  type Area,
  type PovertyStandard,
} from '../../../../src/domain/poverty/index';
import { DateField, parseDayMonthYear } from '../../components/date-field';
import { formatMoney } from '../../format';
import { useT } from '../../i18n';
import {
  effectiveBasis,
  evaluate,
  initialInput,
  newMember,
  parseAmount,
  reviewYears,
  type CalculatorInput,
  type MemberInput,
} from './calculator-model';
import { CalculatorResult, SummaryBar } from './calculator-result';
import { CheckField, fieldId, SelectField, TextField, YesNo } from './form-controls';

interface CalculatorProps {
  /** The section's id, for in-page links. */
  id: string;
  standards: PovertyStandard[];
  /** Today in the province, `YYYY-MM-DD`: the default survey date and review year. */
  today: string;
}

/**
 * One household's facts and, beside them, its classification by the poverty engine running in
 * the browser: recomputed on every keystroke, nothing sent or saved.
 */
export function Calculator({ id, standards, today }: CalculatorProps) {
  const { t, language } = useT();
  const headingId = useId();
  const years = useMemo(() => reviewYears(standards), [standards]);
  const [input, setInput] = useState<CalculatorInput>(() => {
    const current = Number(today.slice(0, 4));
    const year = years.includes(current) ? current : (years.filter((y) => y <= current).at(-1) ?? years[0] ?? current);
    return initialInput(year, today);
  });
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const evaluation = useMemo(() => evaluate(input, standards, language), [input, standards, language]);
  const { standard } = evaluation;
  const invalidPath = evaluation.failure?.error.field;
  const invalid = (path: string) => invalidPath === path;
  const basis = effectiveBasis(input, standard);
  const usedFacts = new Set(standard?.indicators.flatMap((indicator) => INDICATOR_FACTS[indicator.code].household) ?? []);

  useEffect(() => {
    if (focusPath === null) return;
    document.getElementById(fieldId(focusPath))?.focus();
    setFocusPath(null);
  }, [focusPath]);

  function set<K extends keyof CalculatorInput>(key: K, value: CalculatorInput[K]) {
    setInput((previous) => ({ ...previous, [key]: value }));
  }

  function setMember(index: number, patch: Partial<MemberInput>) {
    setInput((previous) => ({
      ...previous,
      members: previous.members.map((member, i) => (i === index ? { ...member, ...patch } : member)),
    }));
  }

  function addMember() {
    const nextKey = Math.max(0, ...input.members.map((m) => m.key)) + 1;
    setInput((previous) => ({ ...previous, members: [...previous.members, newMember(nextKey)] }));
    setFocusPath(`facts.members[${input.members.length}].birthDate`);
  }

  function removeMember(index: number) {
    setInput((previous) => ({ ...previous, members: previous.members.filter((_, i) => i !== index) }));
    setFocusPath('add-member');
  }

  const areaLabel = t(`areas.${input.area}`);
  const income = parseAmount(input.income);

  return (
    <section className="calculator" id={id} aria-labelledby={headingId} tabIndex={-1}>
      <h2 id={headingId}>{t('calculator.title')}</h2>
      <p className="page-header__intro">{t('calculator.intro')}</p>
      <div className="calc-layout">
        <form className="calc-form" noValidate onSubmit={(event) => event.preventDefault()}>
          <fieldset className="card calc-section">
            <legend>{t('calculator.household')}</legend>
            <div className="calc-grid">
              <div className="field calc-field">
                <label htmlFor={fieldId('year')}>{t('calculator.year')}</label>
                <select id={fieldId('year')} value={input.year} onChange={(event) => set('year', Number(event.target.value))}>
                  {standards.map((s) =>
                    Array.from({ length: s.lastYear - s.firstYear + 1 }, (_, i) => s.firstYear + i).map((year) => (
                      <option key={year} value={year}>
                        {t('calculator.yearOption', { year, standard: s.id })}
                        {s.status === 'provisional' ? ` (${t('standards.provisional')})` : ''}
                      </option>
                    )),
                  )}
                </select>
              </div>
              <DateField label={t('calculator.surveyDate')} value={input.surveyDate} onChange={(value) => set('surveyDate', value)} />
              <fieldset className="choice-group">
                <legend>{t('calculator.area')}</legend>
                <div className="choice-group__options">
                  {(['rural', 'urban'] as const satisfies readonly Area[]).map((area) => (
                    <label key={area} className="choice">
                      <input type="radio" name="calculator-area" checked={input.area === area} onChange={() => set('area', area)} />
                      {t(`areas.${area}`)}
                    </label>
                  ))}
                </div>
              </fieldset>
              <div className="calc-field calc-field--check">
                <CheckField path="farmHousehold" label={t('calculator.farmHousehold')} value={input.farmHousehold} onChange={(value) => set('farmHousehold', value)} />
                <p className="field__hint">{t('calculator.farmHint')}</p>
              </div>
            </div>
          </fieldset>

          <fieldset className="card calc-section">
            <legend>{t('calculator.incomeSection')}</legend>
            <fieldset className="choice-group">
              <legend>{t('calculator.basis')}</legend>
              <div className="choice-group__options">
                <label className="choice">
                  <input type="radio" name="calculator-basis" checked={basis === 'income'} onChange={() => set('basis', 'income')} />
                  {t('calculator.basisIncome')}
                </label>
                <label className="choice">
                  <input
                    type="radio"
                    name="calculator-basis"
                    checked={basis === 'scoreA'}
                    disabled={!standard?.scoreACutoffs}
                    aria-describedby={standard?.scoreACutoffs ? undefined : `${headingId}-no-score`}
                    onChange={() => set('basis', 'scoreA')}
                  />
                  {t('calculator.basisScoreA')}
                </label>
              </div>
              {standard && !standard.scoreACutoffs && (
                <p id={`${headingId}-no-score`} className="field__hint">
                  {t('calculator.scoreAUnavailable', { standard: standard.id })}
                </p>
              )}
            </fieldset>
            {basis === 'income' ? (
              <TextField
                path="incomePerCapita"
                label={t('calculator.income')}
                inputMode="numeric"
                invalid={invalid('incomePerCapita')}
                value={input.income}
                onChange={(value) => set('income', value)}
                hint={
                  <>
                    {typeof income === 'number' && <>{t('calculator.incomeValue', { amount: formatMoney(income, language) })} </>}
                    {standard && t('calculator.incomeHint', { line: formatMoney(standard.incomeLines[input.area].value, language), area: areaLabel })}
                  </>
                }
              />
            ) : (
              <TextField
                path="scoreA"
                label={t('calculator.scoreA')}
                invalid={invalid('scoreA')}
                value={input.scoreA}
                onChange={(value) => set('scoreA', value)}
                hint={standard?.scoreACutoffs && t('calculator.scoreAHint', { cutoff: standard.scoreACutoffs[input.area].value, area: areaLabel })}
              />
            )}
          </fieldset>

          <fieldset className="card calc-section">
            <legend>{t('calculator.living')}</legend>
            <div className="calc-grid">
              <TextField
                path="facts.floorAreaM2"
                label={t('calculator.floorArea')}
                invalid={invalid('facts.floorAreaM2')}
                value={input.floorArea}
                onChange={(value) => set('floorArea', value)}
              />
              <SelectField
                path="facts.waterSource"
                label={t('calculator.waterSource')}
                invalid={invalid('facts.waterSource')}
                value={input.waterSource}
                options={WATER_SOURCES.map((value) => ({ value, label: t(`waterSources.${value}`) }))}
                onChange={(value) => set('waterSource', value)}
              />
              <SelectField
                path="facts.latrine"
                label={t('calculator.latrine')}
                invalid={invalid('facts.latrine')}
                value={input.latrine}
                options={LATRINE_TYPES.map((value) => ({ value, label: t(`latrines.${value}`) }))}
                onChange={(value) => set('latrine', value)}
              />
              {(['durableWalls', 'durableFrame', 'durableRoof', 'internetUse', 'informationDevices', 'wasteCollected'] as const)
                .filter((fact) => usedFacts.has(fact))
                .map((fact) => (
                  <YesNo
                    key={fact}
                    path={`facts.${fact}`}
                    label={t(`calculator.${fact}`)}
                    invalid={invalid(`facts.${fact}`)}
                    value={input[fact]}
                    onChange={(value) => set(fact, value)}
                  />
                ))}
            </div>
          </fieldset>

          <fieldset className="card calc-section">
            <legend>{t('calculator.members', { total: input.members.length })}</legend>
            <ol className="member-list">
              {input.members.map((member, index) => (
                <li key={member.key}>
                  <MemberFields
                    member={member}
                    index={index}
                    surveyDate={input.surveyDate}
                    invalidPath={invalidPath}
                    canRemove={input.members.length > 1}
                    onChange={(patch) => setMember(index, patch)}
                    onRemove={() => removeMember(index)}
                  />
                </li>
              ))}
            </ol>
            <button type="button" id={fieldId('add-member')} className="button button--secondary" onClick={addMember}>
              + {t('calculator.addMember')}
            </button>
          </fieldset>
          <SummaryBar evaluation={evaluation} />
        </form>
        <CalculatorResult evaluation={evaluation} input={input} onGoTo={setFocusPath} />
      </div>
    </section>
  );
}

interface MemberFieldsProps {
  member: MemberInput;
  index: number;
  surveyDate: string;
  invalidPath: string | undefined;
  canRemove: boolean;
  onChange(patch: Partial<MemberInput>): void;
  onRemove(): void;
}

function MemberFields({ member, index, surveyDate, invalidPath, canRemove, onChange, onRemove }: MemberFieldsProps) {
  const { t } = useT();
  const number = index + 1;
  const path = (key: string) => `facts.members[${index}].${key}`;
  const invalid = (key: string) => invalidPath === path(key);
  const birth = parseDayMonthYear(member.birthDate);
  const birthDate = birth ? parseIsoDate(birth) : undefined;
  const survey = parseIsoDate(surveyDate);
  const age = birthDate && survey ? completedYears(birthDate, survey) : null;

  return (
    <fieldset className="member-card">
      <legend>{t('calculator.member', { number })}</legend>
      {canRemove && (
        <button type="button" className="button button--secondary member-card__remove" onClick={onRemove}>
          {t('calculator.removeMember', { number })}
        </button>
      )}
      <div className="calc-grid">
        <TextField
          path={path('birthDate')}
          label={t('calculator.birthDate')}
          inputMode="numeric"
          placeholder={t('dateField.placeholder')}
          invalid={invalid('birthDate')}
          value={member.birthDate}
          onChange={(value) => onChange({ birthDate: value })}
          hint={age !== null && age >= 0 ? t('calculator.ageAtSurvey', { years: age }) : t('calculator.birthDateHint')}
        />
        <SelectField
          path={path('sex')}
          label={t('calculator.sex')}
          invalid={invalid('sex')}
          value={member.sex}
          options={SEXES.map((value) => ({ value, label: t(`sexes.${value}`) }))}
          onChange={(value) => onChange({ sex: value })}
        />
        <SelectField
          path={path('employment')}
          label={t('calculator.employment')}
          invalid={invalid('employment')}
          value={member.employment}
          options={EMPLOYMENT_STATUSES.map((value) => ({ value, label: t(`employmentStatuses.${value}`) }))}
          onChange={(value) => onChange({ employment: value })}
        />
        <SelectField
          path={path('educationLevel')}
          label={t('calculator.educationLevel')}
          invalid={invalid('educationLevel')}
          value={member.educationLevel}
          options={EDUCATION_LEVELS.map((value) => ({ value, label: t(`educationLevels.${value}`) }))}
          onChange={(value) => onChange({ educationLevel: value })}
        />
        <YesNo
          path={path('healthInsurance')}
          label={t('calculator.healthInsurance')}
          invalid={invalid('healthInsurance')}
          value={member.healthInsurance}
          onChange={(value) => onChange({ healthInsurance: value })}
        />
        <YesNo
          path={path('attendingSchool')}
          label={t('calculator.attendingSchool')}
          invalid={invalid('attendingSchool')}
          value={member.attendingSchool}
          onChange={(value) => onChange({ attendingSchool: value })}
        />
        <div className="member-card__checks">
          <CheckField path={path('socialAllowance')} label={t('calculator.socialAllowance')} value={member.socialAllowance} onChange={(value) => onChange({ socialAllowance: value })} />
          <CheckField path={path('stunted')} label={t('calculator.stunted')} value={member.stunted} onChange={(value) => onChange({ stunted: value })} />
          <CheckField path={path('underweight')} label={t('calculator.underweight')} value={member.underweight} onChange={(value) => onChange({ underweight: value })} />
        </div>
      </div>
    </fieldset>
  );
}
