import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import type { PovertyStandard, RetirementRoadmap } from '../../../../src/domain/poverty/index';
import { formatDate, formatMoney, formatNumber } from '../../format';
import { type Translate, useT } from '../../i18n';
import { collectNotes, SourceMark, SourceNotes, type NoteKey } from './source-notes';

interface StandardTabsProps {
  standards: PovertyStandard[];
  /** The standard shown first (the one of the current review year). */
  initialId: string | undefined;
}

/** One tab per standard (arrow keys move between tabs), and the chosen standard's rules. */
export function StandardTabs({ standards, initialId }: StandardTabsProps) {
  const { t } = useT();
  const baseId = useId();
  const [selectedId, setSelectedId] = useState(initialId ?? standards[0]?.id);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const selected = standards.find((s) => s.id === selectedId) ?? standards[0];

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = standards.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    const standard = standards[next];
    if (standard) setSelectedId(standard.id);
    tabs.current[next]?.focus();
  }

  return (
    <section className="standards-rules" aria-label={t('standards.tabs')}>
      <div className="standard-tabs" role="tablist" aria-label={t('standards.tabs')}>
        {standards.map((standard, index) => {
          const isSelected = standard.id === selected?.id;
          return (
            <button
              key={standard.id}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${standard.id}`}
              aria-selected={isSelected}
              aria-controls={`${baseId}-panel`}
              tabIndex={isSelected ? 0 : -1}
              className="standard-tab"
              onClick={() => setSelectedId(standard.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <span className="standard-tab__id">{standard.id}</span>
              <span className="standard-tab__years">
                {t('standards.reviewYearsValue', { from: standard.firstYear, to: standard.lastYear })}
              </span>
              <StatusBadge standard={standard} />
            </button>
          );
        })}
      </div>
      {selected && (
        <div
          className="card standard-panel"
          role="tabpanel"
          id={`${baseId}-panel`}
          aria-labelledby={`${baseId}-tab-${selected.id}`}
          tabIndex={0}
        >
          <StandardRules key={selected.id} standard={selected} />
        </div>
      )}
    </section>
  );
}

export function StatusBadge({ standard }: { standard: PovertyStandard }) {
  const { t } = useT();
  return standard.status === 'provisional' ? (
    <span className="badge badge--provisional">{t('standards.provisional')}</span>
  ) : (
    <span className="badge badge--official">{t('standards.official')}</span>
  );
}

/** "60 tuổi 3 tháng" from 723 months. */
function ageText(months: number, t: Translate): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? t('standards.ageYears', { years }) : t('standards.ageYearsMonths', { years, months: rest });
}

function roadmapTexts(roadmap: RetirementRoadmap, t: Translate) {
  return {
    base: ageText(roadmap.baseMonths, t),
    step: roadmap.stepMonthsPerYear,
    final: ageText(roadmap.finalMonths, t),
  };
}

/** Everything the standard's data says, in the user's language, with P/U items marked. */
function StandardRules({ standard }: { standard: PovertyStandard }) {
  const { t, language } = useT();
  const notes = useMemo(() => collectNotes(standard), [standard]);
  const mark = (key: NoteKey) => <SourceMark standardId={standard.id} note={notes.get(key)} />;
  const money = (value: number) => formatMoney(value, language);
  const male = roadmapTexts(standard.labour.retirementAge.male, t);
  const female = roadmapTexts(standard.labour.retirementAge.female, t);
  const min = standard.poorMinDeprivations.value;
  const points = standard.scoreBPointsPerIndicator.value;

  return (
    <>
      <header className="standard-panel__header">
        <h2>
          {standard.name[language]} <StatusBadge standard={standard} />
        </h2>
        {language !== 'vi' && (
          <p className="muted" lang="vi">
            {standard.name.vi}
          </p>
        )}
      </header>
      {standard.status === 'provisional' && (
        <p className="alert alert--warning" role="note">
          {t('standards.provisionalNotice')}
        </p>
      )}

      <dl className="facts standard-facts">
        <dt>{t('standards.code')}</dt>
        <dd className="code">{standard.id}</dd>
        <dt>{t('standards.reviewYears')}</dt>
        <dd>{t('standards.reviewYearsValue', { from: standard.firstYear, to: standard.lastYear })}</dd>
        <dt>{t('standards.validity')}</dt>
        <dd>
          {t('standards.validityValue', {
            from: formatDate(standard.validity.from, language),
            to: formatDate(standard.validity.to, language),
          })}
        </dd>
        <dt>{t('standards.legalBasis')}</dt>
        <dd lang="vi">{standard.legalBasis}</dd>
      </dl>

      <h3>{t('standards.thresholds')}</h3>
      <div className="table-scroll">
        <table className="data-table thresholds-table">
          <caption>{t('standards.thresholdsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('standards.criterion')}</th>
              <th scope="col">{t('areas.rural')}</th>
              <th scope="col">{t('areas.urban')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('standards.incomeLine')}</th>
              {(['rural', 'urban'] as const).map((area) => (
                <td key={area} className="number">
                  {t('standards.atMost', { value: money(standard.incomeLines[area].value) })} {mark(`incomeLines.${area}`)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('standards.averageBand')}</th>
              {(['rural', 'urban'] as const).map((area) => (
                <td key={area} className="number">
                  {standard.averageBand ? (
                    <>
                      {t('standards.atMost', { value: money(standard.averageBand[area].value) })} {mark(`averageBand.${area}`)}
                    </>
                  ) : (
                    <span className="muted">{t('standards.noAverageBand')}</span>
                  )}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{t('standards.scoreA')}</th>
              {(['rural', 'urban'] as const).map((area) => (
                <td key={area} className="number">
                  {standard.scoreACutoffs ? (
                    <>
                      {t('standards.atMostPoints', { value: formatNumber(standard.scoreACutoffs[area].value, language) })}{' '}
                      {mark(`scoreA.${area}`)}
                    </>
                  ) : (
                    <span className="muted">{t('standards.noScoreA')}</span>
                  )}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>

      <h3>{t('standards.rules')}</h3>
      <ul className="rule-list">
        <li>
          {t('standards.rulePoor', { min })} {mark('poorMinDeprivations')}
        </li>
        <li>{t('standards.ruleNearPoor', { min })}</li>
        {standard.averageBand && <li>{t('standards.ruleAverage')}</li>}
        <li>{t('standards.ruleNotPoor')}</li>
        {standard.scoreACutoffs && <li>{t('standards.ruleScoreA', { minB: points * min })}</li>}
        <li>
          {t('standards.ruleScoreB', { points })} {mark('scoreBPoints')}
        </li>
      </ul>

      <h3>{t('standards.indicators', { total: standard.indicators.length })}</h3>
      <div className="table-scroll">
        <table className="data-table indicators-table">
          <caption>{t('standards.indicatorsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="number">
                {t('standards.number')}
              </th>
              <th scope="col">{t('standards.dimension')}</th>
              <th scope="col">{t('standards.indicator')}</th>
              <th scope="col">{t('standards.condition')}</th>
              <th scope="col">{t('standards.status')}</th>
            </tr>
          </thead>
          <tbody>
            {standard.indicators.map((indicator, index) => (
              <tr key={indicator.code}>
                <td className="number">{index + 1}</td>
                <td>{indicator.dimension[language]}</td>
                <th scope="row">
                  {indicator.name[language]}
                  {language !== 'vi' && (
                    <span className="indicator-vi" lang="vi">
                      {indicator.name.vi}
                    </span>
                  )}
                  <code className="indicator-code">{indicator.code}</code>
                </th>
                <td>{indicator.condition[language]}</td>
                <td>{notes.get(`indicator.${indicator.code}`) ? mark(`indicator.${indicator.code}`) : <Confirmed status={indicator.status} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{t('standards.labour')}</h3>
      <p>
        {t('standards.labourText', {
          from: standard.labour.workingAgeFromYears.value,
          baseYear: standard.labour.retirementAge.baseYear,
          maleBase: male.base,
          maleStep: male.step,
          maleFinal: male.final,
          femaleBase: female.base,
          femaleStep: female.step,
          femaleFinal: female.final,
        })}{' '}
        {mark('labour.workingAge')} {mark('labour.retirement')}
      </p>

      <SourceNotes standardId={standard.id} notes={notes} />
    </>
  );
}

function Confirmed({ status }: { status: string }) {
  const { t } = useT();
  return <span className="muted">{status === 'C' ? t('standards.confirmed') : status}</span>;
}

