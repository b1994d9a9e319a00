import { useId, useState } from 'react';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatDate, formatMoney, formatNumber } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { DissolvePanel, MovePanel } from './household-actions';
import { StatusBadge, useHouseholdNavigation, useYesNo } from './household-shared';
import { type HouseholdDetail, householdsApi } from './households-api';

/**
 * One household: its facts, its class in words with the indicators it lacks (names from the
 * standard's data), its members, where it lived, and what the user may do with it.
 */
export function HouseholdDetailView({ code }: { code: string }) {
  const { t } = useT();
  const navigation = useHouseholdNavigation();
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [panel, setPanel] = useState<'move' | 'dissolve' | null>(null);
  const detail = useRequest(`${code}#${attempt}`, (signal) => householdsApi.get(code, signal));

  function changed(message: string) {
    setPanel(null);
    setNotice(message);
    setAttempt((n) => n + 1);
  }

  return (
    <div className="households-page">
      <button type="button" className="link-button households-page__back" onClick={navigation.back}>
        ← {t('households.back')}
      </button>
      {detail.status === 'loading' && <Progress label={t('households.loadingDetail')} />}
      {detail.status === 'failed' && (
        <ErrorAlert
          error={detail.error}
          onRetry={detail.error instanceof ApiError && detail.error.status === 404 ? undefined : detail.retry}
        />
      )}
      {detail.status === 'done' && (
        <>
          <header className="page-header household-heading">
            <div>
              <h1>{t('households.detailTitle', { code })}</h1>
              <p className="household-heading__name">
                {detail.data.household.headName} <StatusBadge status={detail.data.classification?.status ?? null} />
              </p>
            </div>
            <div className="household-heading__actions" role="group" aria-label={t('households.actions')}>
              {detail.data.permissions.edit && (
                <button type="button" className="button button--primary" onClick={() => navigation.open(code, 'edit')}>
                  {t('households.edit')}
                </button>
              )}
              {detail.data.permissions.move && (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-expanded={panel === 'move'}
                  onClick={() => setPanel(panel === 'move' ? null : 'move')}
                >
                  {t('households.move')}
                </button>
              )}
              {detail.data.permissions.dissolve && (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-expanded={panel === 'dissolve'}
                  onClick={() => setPanel(panel === 'dissolve' ? null : 'dissolve')}
                >
                  {t('households.dissolve')}
                </button>
              )}
            </div>
          </header>
          {notice && (
            <div className="alert hh-notice" role="status">
              <p>{notice}</p>
            </div>
          )}
          {panel === 'move' && (
            <MovePanel detail={detail.data} onDone={changed} onCancel={() => setPanel(null)} />
          )}
          {panel === 'dissolve' && (
            <DissolvePanel detail={detail.data} onDone={changed} onCancel={() => setPanel(null)} />
          )}
          <HouseholdBody detail={detail.data} />
        </>
      )}
    </div>
  );
}

function HouseholdBody({ detail }: { detail: HouseholdDetail }) {
  const { t, language } = useT();
  const yesNo = useYesNo();
  const { household, classification } = detail;
  const unknown = t('households.unknown');
  const optional = (value: string | null | undefined) => value ?? unknown;
  const enumLabel = (prefix: 'waterSources' | 'latrines', value: string | null) =>
    value ? t(`${prefix}.${value}` as TranslationKey) : unknown;
  const ids = { general: useId(), class: useId(), members: useId(), history: useId(), living: useId() };

  return (
    <div className="household-detail">
      {household.dissolvedAt && (
        <div className="alert" role="note">
          <p>{t('households.dissolvedNote', { date: formatDate(household.dissolvedAt, language) })}</p>
        </div>
      )}
      <section className="card household-detail__class" aria-labelledby={ids.class}>
        <h2 id={ids.class}>{t('households.classification')}</h2>
        {classification ? (
          <>
            <p className="household-class">
              <StatusBadge status={classification.status} />{' '}
              {t('households.classificationText', { standard: classification.standardName, year: classification.reviewYear })}
            </p>
            {classification.deprivations.length === 0 ? (
              <p>{t('households.lackingNone')}</p>
            ) : (
              <>
                <p>{t('households.lacking', { count: classification.deprivationCount })}</p>
                <ul className="lacking-list">
                  {classification.deprivations.map((indicator) => (
                    <li key={indicator.code}>{indicator.name}</li>
                  ))}
                </ul>
              </>
            )}
            <p className="muted">{t('households.scoreB', { score: classification.scoreB })}</p>
          </>
        ) : (
          <p>{t('households.notClassified', { reason: detail.classificationProblem?.message ?? '' })}</p>
        )}
      </section>

      <div className="household-detail__columns">
        <section className="card" aria-labelledby={ids.general}>
          <h2 id={ids.general}>{t('households.general')}</h2>
          <dl className="facts">
            <dt>{t('households.code')}</dt>
            <dd className="code">{household.code}</dd>
            <dt>{t('households.commune')}</dt>
            <dd>
              {household.communeName ?? household.communeCode} <span className="muted">({household.communeCode})</span>
            </dd>
            <dt>{t('households.village')}</dt>
            <dd>{household.village}</dd>
            <dt>{t('households.address')}</dt>
            <dd>{household.address || unknown}</dd>
            <dt>{t('households.headName')}</dt>
            <dd>{household.headName}</dd>
            <dt>{t('households.headEthnic')}</dt>
            <dd>
              {optional(household.headEthnicName)}
              {household.ethnicMinority && <> <span className="badge">{t('households.minorityBadge')}</span></>}
            </dd>
            <dt>{t('households.area')}</dt>
            <dd>
              <span className={`badge badge--${household.area}`}>{t(`areas.${household.area}`)}</span>
            </dd>
            <dt>{t('households.farmHousehold')}</dt>
            <dd>{yesNo(household.farmHousehold)}</dd>
            <dt>{t('households.surveyDate')}</dt>
            <dd>{household.surveyDate ? formatDate(household.surveyDate, language) : t('households.notSurveyed')}</dd>
            <dt>{t('households.incomePerCapita')}</dt>
            <dd>{household.incomePerCapita === null ? unknown : formatMoney(household.incomePerCapita, language)}</dd>
            {household.scoreA !== null && (
              <>
                <dt>{t('households.scoreA')}</dt>
                <dd>{formatNumber(household.scoreA, language)}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="card" aria-labelledby={ids.living}>
          <h2 id={ids.living}>{t('households.living')}</h2>
          <dl className="facts">
            <dt>{t('households.floorArea')}</dt>
            <dd>{household.floorAreaM2 === null ? unknown : formatNumber(household.floorAreaM2, language)}</dd>
            <dt>{t('households.durableWalls')}</dt>
            <dd>{yesNo(household.durableWalls)}</dd>
            <dt>{t('households.durableFrame')}</dt>
            <dd>{yesNo(household.durableFrame)}</dd>
            <dt>{t('households.durableRoof')}</dt>
            <dd>{yesNo(household.durableRoof)}</dd>
            <dt>{t('households.waterSource')}</dt>
            <dd>{enumLabel('waterSources', household.waterSource)}</dd>
            <dt>{t('households.latrine')}</dt>
            <dd>{enumLabel('latrines', household.latrine)}</dd>
            <dt>{t('households.internetUse')}</dt>
            <dd>{yesNo(household.internetUse)}</dd>
            <dt>{t('households.informationDevices')}</dt>
            <dd>{yesNo(household.informationDevices)}</dd>
            <dt>{t('households.wasteCollected')}</dt>
            <dd>{yesNo(household.wasteCollected)}</dd>
          </dl>
        </section>
      </div>

      <section className="card" aria-labelledby={ids.members}>
        <h2 id={ids.members}>{t('households.members', { count: detail.members.length })}</h2>
        {detail.citizenIdsMasked && <p className="field__hint">{t('households.citizenIdsMasked')}</p>}
        <div className="hh-scroll">
          <table className="hh-table">
            <thead>
              <tr>
                <th scope="col">{t('households.memberName')}</th>
                <th scope="col">{t('households.relation')}</th>
                <th scope="col">{t('households.sex')}</th>
                <th scope="col">{t('households.birthDate')}</th>
                <th scope="col">{t('households.ethnic')}</th>
                <th scope="col">{t('households.citizenId')}</th>
                <th scope="col">{t('households.employment')}</th>
                <th scope="col">{t('households.educationLevel')}</th>
                <th scope="col">{t('households.healthInsurance')}</th>
                <th scope="col">{t('households.attendingSchool')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.members.map((member) => (
                <tr key={member.seq}>
                  <th scope="row">{member.fullName}</th>
                  <td>{member.relation}</td>
                  <td>{t(`sexes.${member.sex}`)}</td>
                  <td>{formatDate(member.birthDate, language)}</td>
                  <td>{member.ethnicName ?? '—'}</td>
                  <td className="code">{member.citizenId ?? '—'}</td>
                  <td>{t(`employmentStatuses.${member.employment}` as TranslationKey)}</td>
                  <td>{t(`educationLevels.${member.educationLevel}` as TranslationKey)}</td>
                  <td>{yesNo(member.healthInsurance)}</td>
                  <td>{yesNo(member.attendingSchool)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby={ids.history}>
        <h2 id={ids.history}>{t('households.history')}</h2>
        <table className="hh-table">
          <thead>
            <tr>
              <th scope="col">{t('households.historyFrom')}</th>
              <th scope="col">{t('households.historyTo')}</th>
              <th scope="col">{t('households.commune')}</th>
              <th scope="col">{t('households.village')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.history.map((period) => (
              <tr key={period.validFrom}>
                <td>{formatDate(period.validFrom, language)}</td>
                <td>{period.validTo ? formatDate(period.validTo, language) : t('households.historyNow')}</td>
                <td>
                  {period.communeName ?? period.communeCode} <span className="muted">({period.communeCode})</span>
                </td>
                <td>{period.village}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
