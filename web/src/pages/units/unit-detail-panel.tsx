import { useId } from 'react';
import { api, ApiError, type Unit, type UnitDetail, type UnitPredecessor } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { addDays, formatDate } from '../../format';
import { type Translate, useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { UnitTypeBadges, useUnitTypeLabel } from './unit-badges';
import { loadUnitsAt } from './units-data';

interface UnitDetailPanelProps {
  code: string | null;
  date: string;
  /** The units valid on `date`, by code, to name the parent. */
  unitsOnDate: Map<string, Unit>;
  /** Shows another unit, on another date when it is valid only then (a predecessor or successor). */
  onSelect(code: string, date?: string): void;
}

/** The selected unit: its facts, its parent, and where it came from or went in a reorganisation. */
export function UnitDetailPanel({ code, date, unitsOnDate, onSelect }: UnitDetailPanelProps) {
  const { t, language } = useT();
  const headingId = useId();
  const detail = useRequest(code === null ? null : `${code}@${date}`, async (signal) => {
    const answer = await api.unit(code ?? '', date, signal);
    return { ...answer, formerUnits: await formerDistricts(answer, signal) };
  });

  let body;
  if (code === null) {
    body = <p className="muted">{t('unitDetail.noneSelected')}</p>;
  } else if (detail.status === 'loading') {
    body = <Progress label={t('unitDetail.loading')} />;
  } else if (detail.status === 'failed') {
    const unknownUnit = detail.error instanceof ApiError && detail.error.status === 404;
    body = <ErrorAlert error={detail.error} onRetry={unknownUnit ? undefined : detail.retry} />;
  } else {
    const shown = detail.data.unit;
    const validOnDate = shown.validFrom <= date && (shown.validTo === null || shown.validTo >= date);
    body = (
      <>
        {!validOnDate && (
          <div className="alert alert--info">
            <p>{t('unitDetail.notValid', { code, date: formatDate(date, language) })}</p>
            <button
              type="button"
              className="link-button"
              onClick={() => onSelect(shown.code, nearestValidDay(shown, date))}
            >
              {t('unitDetail.showOn', { date: formatDate(nearestValidDay(shown, date), language) })}
            </button>
          </div>
        )}
        <UnitFacts
          detail={detail.data}
          parent={shown.parentCode ? unitsOnDate.get(shown.parentCode) : undefined}
          formerUnits={detail.data.formerUnits}
          onSelect={onSelect}
        />
      </>
    );
  }

  return (
    <section className="card unit-detail" aria-labelledby={headingId} aria-busy={code !== null && detail.status === 'loading'}>
      <h2 id={headingId} className="unit-detail__heading">
        {detail.status === 'done' && code !== null ? detail.data.unit.name : t('unitDetail.title')}
      </h2>
      {body}
    </section>
  );
}

/** The day of the version's validity closest to `date`: its last day if it ended before, else its first. */
function nearestValidDay(version: Unit, date: string): string {
  return version.validTo !== null && version.validTo < date ? version.validTo : version.validFrom;
}

/**
 * The districts and provinces the predecessors belonged to: the units valid the day before the
 * new unit began. Districts of another former province may be absent; they show by code.
 */
async function formerDistricts(detail: UnitDetail, signal: AbortSignal): Promise<Map<string, Unit>> {
  if (detail.predecessors.length === 0) return new Map();
  const units = await loadUnitsAt(addDays(detail.unit.validFrom, -1), signal);
  return new Map(units.filter((unit) => unit.level !== 'commune').map((unit) => [unit.code, unit]));
}

interface UnitFactsProps {
  detail: UnitDetail;
  parent: Unit | undefined;
  formerUnits: Map<string, Unit>;
  onSelect(code: string, date?: string): void;
}

function UnitFacts({ detail, parent, formerUnits, onSelect }: UnitFactsProps) {
  const { t, language } = useT();
  const typeLabel = useUnitTypeLabel();
  const { unit, versions, children, predecessors, successors } = detail;
  const day = (value: string) => formatDate(value, language);
  const validity = (version: Unit) =>
    version.validTo
      ? t('unitDetail.validRange', { from: day(version.validFrom), to: day(version.validTo) })
      : t('unitDetail.validOpen', { from: day(version.validFrom) });
  const dayBefore = addDays(unit.validFrom, -1);
  const dayAfter = unit.validTo ? addDays(unit.validTo, 1) : null;

  return (
    <>
      <p className="unit-detail__badges">
        <UnitTypeBadges unit={unit} />
      </p>
      <dl className="facts">
        <dt>{t('unitDetail.code')}</dt>
        <dd className="code">{unit.code}</dd>
        <dt>{t('unitDetail.type')}</dt>
        <dd>{typeLabel(unit.type)}</dd>
        <dt>{t('unitDetail.level')}</dt>
        <dd>{t(`levels.${unit.level}`)}</dd>
        {unit.area && (
          <>
            <dt>{t('unitDetail.area')}</dt>
            <dd>{t(`areas.${unit.area}`)}</dd>
          </>
        )}
        <dt>{t('unitDetail.validity')}</dt>
        <dd>{validity(unit)}</dd>
        {unit.parentCode && (
          <>
            <dt>{t('unitDetail.parent')}</dt>
            <dd>
              <button type="button" className="link-button" onClick={() => onSelect(unit.parentCode ?? '')}>
                {parent?.name ?? unit.parentCode}
              </button>{' '}
              <span className="code muted">({unit.parentCode})</span>
            </dd>
          </>
        )}
        {children.length > 0 && (
          <>
            <dt>{t('unitDetail.children')}</dt>
            <dd>{t(unit.level === 'province' ? 'levelCounts.district' : 'levelCounts.commune', { count: children.length })}</dd>
          </>
        )}
      </dl>

      {predecessors.length > 0 && (
        <section className="unit-detail__section">
          <h3>{t('unitDetail.predecessors')}</h3>
          <p>{t('unitDetail.predecessorsIntro', { count: predecessors.length, date: day(unit.validFrom) })}</p>
          <ul className="relation-list">
            {predecessors.map((predecessor) => (
              <li key={predecessor.code}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onSelect(predecessor.code, dayBefore)}
                  title={t('unitDetail.showOn', { date: day(dayBefore) })}
                >
                  {predecessor.name}
                </button>{' '}
                <span className="code muted">({predecessor.code})</span>
                <span className="relation-list__context">
                  {t('unitDetail.oldDistrict')}: {formerDistrict(predecessor, formerUnits, t)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {successors.length > 0 && (
        <section className="unit-detail__section">
          <h3>{t('unitDetail.successors')}</h3>
          <p>
            {successors.length === 1
              ? t('unitDetail.successorsIntro', { date: day(dayAfter ?? unit.validFrom) })
              : t('unitDetail.successorsSplitIntro', { count: successors.length, date: day(dayAfter ?? unit.validFrom) })}
          </p>
          <ul className="relation-list">
            {successors.map((successor) => (
              <li key={successor.code}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onSelect(successor.code, dayAfter ?? undefined)}
                  title={dayAfter ? t('unitDetail.showOn', { date: day(dayAfter) }) : undefined}
                >
                  {successor.name}
                </button>{' '}
                <span className="code muted">({successor.code})</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {versions.length > 1 && (
        <section className="unit-detail__section">
          <h3>{t('unitDetail.versions', { code: unit.code })}</h3>
          <p className="muted">{t('unitDetail.versionsHint')}</p>
          <ol className="version-list">
            {versions.map((version) => {
              const isShown = version.validFrom === unit.validFrom;
              return (
                <li key={version.validFrom} className={isShown ? 'version-list__item--current' : undefined}>
                  <span className="version-list__dates">{validity(version)}</span>
                  {isShown ? (
                    <span>
                      {version.name} <span className="muted">({t('unitDetail.current')})</span>
                    </span>
                  ) : (
                    <button type="button" className="link-button" onClick={() => onSelect(version.code, version.validFrom)}>
                      {version.name}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      )}
    </>
  );
}

function formerDistrict(predecessor: UnitPredecessor, formerUnits: Map<string, Unit>, t: Translate): string {
  if (predecessor.districtName) return predecessor.districtName;
  const district = formerUnits.get(predecessor.districtCode);
  if (district) return district.name;
  const byCode = t('unitDetail.oldDistrictCode', { code: predecessor.districtCode });
  return formerUnits.has(predecessor.provinceCode)
    ? byCode
    : `${byCode}, ${t('unitDetail.otherProvince', { code: predecessor.provinceCode })}`;
}
