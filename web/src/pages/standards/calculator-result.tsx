import { useId } from 'react';
import type { RecordFailure } from '../../../../src/domain/poverty/index';
import { formatList, formatMoney, formatNumber } from '../../format';
import { type Translate, useT } from '../../i18n';
import type { CalculatorInput, Evaluation, Explanation } from './calculator-model';
import { StatusBadge } from './standard-rules';

const MEMBER_FIELDS = ['birthDate', 'sex', 'employment', 'educationLevel', 'healthInsurance', 'attendingSchool'] as const;
const HOUSEHOLD_FIELDS = [
  'incomePerCapita',
  'scoreA',
  'surveyDate',
  'floorAreaM2',
  'durableWalls',
  'durableFrame',
  'durableRoof',
  'waterSource',
  'latrine',
  'internetUse',
  'informationDevices',
  'wasteCollected',
] as const;

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** The first problem the engine found, said in terms of the form (the field's label, not its JSON path). */
function problemText(failure: RecordFailure, t: Translate): string {
  const { code, field } = failure.error;
  const member = /^facts\.members\[(\d+)\]\.(\w+)$/.exec(field);
  let label: string;
  if (member) {
    const number = Number(member[1]) + 1;
    const key = member[2] ?? '';
    if (key === 'birthDate' && code === 'invalid_field') return t('calculator.problem.birthDate', { number });
    label = isOneOf(MEMBER_FIELDS, key) ? t(`calculator.fields.${key}`, { number }) : t('calculator.fields.member', { number });
  } else if (field === 'facts.members') {
    return t('calculator.problem.noMembers');
  } else {
    const key = field.replace(/^facts\./, '');
    if (!isOneOf(HOUSEHOLD_FIELDS, key)) return failure.error.message;
    label = t(`calculator.fields.${key}`);
  }
  if (code === 'missing_field') return t('calculator.problem.missing', { field: label });
  if (code === 'invalid_field') return t('calculator.problem.invalid', { field: label });
  return failure.error.message;
}

/** "thu nhập 1.400.000 ₫ ≤ chuẩn 1.500.000 ₫ và thiếu hụt 4 chỉ số → hộ nghèo", from the standard's own numbers. */
function reasonSentence(evaluation: Evaluation, input: CalculatorInput, t: Translate, language: string): string | null {
  const { result, standard, record } = evaluation;
  if (!result || !standard) return null;
  const area = input.area;
  const lacked = result.deprivationCount;
  const min = standard.poorMinDeprivations.value;
  if (result.incomeBasis === 'income') {
    const money = (value: number) => formatMoney(value, language);
    const income = money(Number(record.incomePerCapita));
    const line = money(standard.incomeLines[area].value);
    const band = standard.averageBand ? money(standard.averageBand[area].value) : '';
    switch (result.status) {
      case 'poor':
        return t('calculator.reason.incomePoor', { income, line, lacked });
      case 'near_poor':
        return t('calculator.reason.incomeNearPoor', { income, line, lacked, min });
      case 'average':
        return t('calculator.reason.incomeAverage', { income, line, band });
      case 'not_poor':
        return input.farmHousehold && standard.averageBand
          ? t('calculator.reason.incomeNotPoorFarm', { income, band })
          : t('calculator.reason.incomeNotPoor', { income, line });
    }
  }
  const score = formatNumber(Number(record.scoreA), language);
  const cutoff = formatNumber(standard.scoreACutoffs?.[area].value ?? 0, language);
  if (result.status === 'poor') return t('calculator.reason.scorePoor', { score, cutoff, lacked, scoreB: result.scoreB });
  if (result.status === 'near_poor') {
    const minB = standard.scoreBPointsPerIndicator.value * min;
    return t('calculator.reason.scoreNearPoor', { score, cutoff, lacked, scoreB: result.scoreB, minB });
  }
  return t('calculator.reason.scoreNotPoor', { score, cutoff });
}

/** Why the household lacks one indicator, from its own facts. */
function whyText(explanation: Explanation, t: Translate, language: string): string {
  const number = (value: number) => formatNumber(value, language);
  switch (explanation.code) {
    case 'employment':
    case 'nutrition':
    case 'health_insurance':
    case 'adult_education':
    case 'school_attendance': {
      const members = formatList(
        explanation.members.map((m) => t('calculator.why.memberRef', { number: m.number, age: m.ageYears })),
        language,
      );
      return t(`calculator.why.${explanation.code}`, { members });
    }
    case 'dependants':
      return t('calculator.why.dependants', {
        dependants: explanation.dependants,
        members: explanation.members,
        share: `${number(explanation.shareAbove * 100)}%`,
      });
    case 'housing_quality':
      return t('calculator.why.housing_quality', {
        parts: formatList(explanation.nonDurable.map((part) => t(`calculator.why.${part}`)), language),
      });
    case 'housing_area':
      return t('calculator.why.housing_area', {
        area: number(explanation.floorArea),
        members: explanation.members,
        perMember: number(Math.round(explanation.perMember * 10) / 10),
        min: number(explanation.minPerMember),
      });
    case 'water_source':
      return t('calculator.why.water_source', { source: t(`waterSources.${explanation.source}`) });
    case 'latrine':
      return t('calculator.why.latrine', { latrine: t(`latrines.${explanation.latrine}`) });
    case 'telecom':
    case 'information_access':
    case 'waste':
      return t(`calculator.why.${explanation.code}`);
  }
}

interface CalculatorResultProps {
  evaluation: Evaluation;
  input: CalculatorInput;
  /** Moves the focus to the control of a record field. */
  onGoTo(path: string): void;
}

/** The class and its reason in words, and each indicator the household lacks with why. */
export function CalculatorResult({ evaluation, input, onGoTo }: CalculatorResultProps) {
  const { t, language } = useT();
  const headingId = useId();
  const { standard, result, failure, lacking, explanations } = evaluation;
  const reason = reasonSentence(evaluation, input, t, language);
  const names = new Map(standard?.indicators.map((indicator) => [indicator.code, indicator.name[language]]) ?? []);

  return (
    <aside className="calc-result-column" aria-labelledby={headingId}>
      <div className="card calc-result">
        <h3 id={headingId}>{t('calculator.result')}</h3>
        {standard && (
          <p className="calc-result__standard">
            {t('calculator.standardUsed', { standard: standard.id })} <StatusBadge standard={standard} />
          </p>
        )}
        <div
          className={`calc-verdict calc-verdict--${result ? result.status : 'pending'}`}
          aria-live="polite"
          aria-atomic="true"
          data-testid="calculator-verdict"
        >
          {result ? (
            <>
              <p className="calc-verdict__status">{t(`householdStatus.${result.status}`)}</p>
              <p className="calc-verdict__reason">{reason}</p>
            </>
          ) : (
            <>
              <p className="calc-verdict__status">{t('calculator.pending')}</p>
              {failure && <p className="calc-verdict__reason">{problemText(failure, t)}</p>}
            </>
          )}
        </div>
        {failure && failure.error.field !== '' && (
          <button type="button" className="button button--secondary calc-goto" onClick={() => onGoTo(failure.error.field)}>
            {t('calculator.goToField')}
          </button>
        )}

        <h4>{t('calculator.lacking')}</h4>
        {lacking === null || !standard ? (
          <p className="muted">{t('calculator.lackingPending')}</p>
        ) : (
          <>
            <p className="calc-lacking__count">
              {t('calculator.lackingCount', {
                lacked: lacking.length,
                total: standard.indicators.length,
                scoreB: standard.scoreBPointsPerIndicator.value * lacking.length,
              })}
            </p>
            {explanations.length === 0 ? (
              <p>{t('calculator.noneLacking')}</p>
            ) : (
              <ol className="calc-lacking">
                {explanations.map((explanation) => (
                  <li key={explanation.code}>
                    <span className="calc-lacking__name">{names.get(explanation.code) ?? explanation.code}</span>
                    <span className="calc-lacking__why">{whyText(explanation, t, language)}</span>
                  </li>
                ))}
              </ol>
            )}
            <details className="calc-all">
              <summary>{t('calculator.allIndicators')}</summary>
              <ul>
                {standard.indicators.map((indicator) => {
                  const lacks = lacking.includes(indicator.code);
                  return (
                    <li key={indicator.code} className={lacks ? 'calc-all__item calc-all__item--lacking' : 'calc-all__item'}>
                      <span aria-hidden="true">{lacks ? '✗' : '✓'}</span> {indicator.name[language]}:{' '}
                      {lacks ? t('calculator.indicatorLacking') : t('calculator.indicatorMet')}
                    </li>
                  );
                })}
              </ul>
            </details>
          </>
        )}
      </div>
    </aside>
  );
}

/** On narrow screens, the class stays in sight at the bottom while the officer fills the form. */
export function SummaryBar({ evaluation }: { evaluation: Evaluation }) {
  const { t } = useT();
  const { result } = evaluation;
  return (
    <div className={`calc-summary-bar calc-verdict--${result ? result.status : 'pending'}`} aria-hidden="true">
      {result
        ? t('calculator.summaryBar', { status: t(`householdStatus.${result.status}`), lacked: result.deprivationCount })
        : t('calculator.pending')}
    </div>
  );
}
