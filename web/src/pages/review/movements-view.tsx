import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { type Count, type GroupTable, type MovementLevel, type MovementUnit, reviewApi } from './review-api';

const LEVELS: readonly MovementLevel[] = ['province', 'district', 'commune', 'new_commune'];
const GROUPS = ['poor', 'near_poor'] as const;
type Group = (typeof GROUPS)[number];
type Measure = keyof Count;
/** The movement kinds of each group, in the order of the official tables (domain/review/movements.ts). */
const DECREASES: Record<Group, readonly string[]> = { poor: ['became_near_poor', 'escaped', 'other_decrease'], near_poor: ['became_poor', 'escaped', 'other_decrease'] };
const INCREASES: Record<Group, readonly string[]> = {
  poor: ['near_poor_became_poor', 'fell_back', 'new', 'other_increase'],
  near_poor: ['poor_became_near_poor', 'fell_back', 'new', 'other_increase'],
};

const sum = (counts: Record<string, Count>, measure: Measure) => Object.values(counts).reduce((total, count) => total + count[measure], 0);
const balanced = (table: GroupTable, measure: Measure) => table.start[measure] - sum(table.decreases, measure) + sum(table.increases, measure) === table.end[measure];

/** Movement tables by unit (households or persons) between the ends of two years, at a chosen level. */
export function MovementsView() {
  const { t } = useT();
  const [level, setLevel] = useState<MovementLevel>('district');
  const [yearFrom, setYearFrom] = useState('2021');
  const [yearTo, setYearTo] = useState('2022');
  const [measure, setMeasure] = useState<Measure>('households');
  const valid = /^\d{4}$/.test(yearFrom) && /^\d{4}$/.test(yearTo) && yearFrom < yearTo;
  const movements = useRequest(valid ? `movements:${level}:${yearFrom}:${yearTo}` : null, (signal) =>
    reviewApi.movements(`${yearFrom}-12-31`, `${yearTo}-12-31`, level, signal),
  );

  return (
    <section className="review-section" aria-labelledby="review-movements">
      <h2 id="review-movements">{t('review.movements.title')}</h2>
      <p>{t('review.movements.intro')}</p>
      <div className="review-form-row">
        <div className="field">
          <label htmlFor="movements-level">{t('review.movements.level')}</label>
          <select id="movements-level" value={level} onChange={(event) => setLevel(event.target.value as MovementLevel)}>
            {LEVELS.map((value) => (
              <option key={value} value={value}>
                {t(`review.movements.levels.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="movements-from">{t('review.movements.yearFrom')}</label>
          <input id="movements-from" inputMode="numeric" size={6} value={yearFrom} onChange={(event) => setYearFrom(event.target.value.trim())} />
        </div>
        <div className="field">
          <label htmlFor="movements-to">{t('review.movements.yearTo')}</label>
          <input id="movements-to" inputMode="numeric" size={6} value={yearTo} onChange={(event) => setYearTo(event.target.value.trim())} />
        </div>
        <div className="field">
          <label htmlFor="movements-measure">{t('review.movements.measure')}</label>
          <select id="movements-measure" value={measure} onChange={(event) => setMeasure(event.target.value as Measure)}>
            <option value="households">{t('review.movements.measures.households')}</option>
            <option value="persons">{t('review.movements.measures.persons')}</option>
          </select>
        </div>
      </div>
      {!valid && <p role="alert">{t('review.movements.invalidYears')}</p>}
      {movements.status === 'loading' && <Progress label={t('app.loading')} />}
      {movements.status === 'failed' && <ErrorAlert error={movements.error} onRetry={movements.retry} />}
      {movements.status === 'done' && movements.data.units.length === 0 && <p>{t('review.movements.none')}</p>}
      {movements.status === 'done' &&
        movements.data.units.length > 0 &&
        GROUPS.map((group) => <GroupMovements key={group} group={group} units={movements.data.units} measure={measure} />)}
    </section>
  );
}

function GroupMovements({ group, units, measure }: { group: Group; units: MovementUnit[]; measure: Measure }) {
  const { t, language } = useT();
  const number = (value: number) => formatNumber(value, language);
  const totals = (pick: (table: GroupTable) => Count) => units.reduce((total, unit) => total + pick(unit[group])[measure], 0);
  return (
    <div className="movement-group">
      <h3 id={`movements-${group}`}>
        {t(`review.movements.groups.${group}`)} — {t(`review.movements.measures.${measure}`)}
      </h3>
      <div className="table-scroll">
        <table className="review-table movement-table" aria-labelledby={`movements-${group}`} data-testid={`movements-${group}`}>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>{t('review.movements.unit')}</th>
              <th scope="col" rowSpan={2}>{t('review.movements.start')}</th>
              <th scope="colgroup" colSpan={DECREASES[group].length}>{t('review.movements.decreases')}</th>
              <th scope="colgroup" colSpan={INCREASES[group].length}>{t('review.movements.increases')}</th>
              <th scope="col" rowSpan={2}>{t('review.movements.end')}</th>
              <th scope="col" rowSpan={2}>{t('review.movements.check')}</th>
            </tr>
            <tr>
              {DECREASES[group].map((kind) => (
                <th scope="col" key={kind}>{t(`review.movements.kinds.${group}.${kind}` as 'review.movements.kinds.poor.escaped')}</th>
              ))}
              {INCREASES[group].map((kind) => (
                <th scope="col" key={kind}>{t(`review.movements.kinds.${group}.${kind}` as 'review.movements.kinds.poor.escaped')}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {units.map((unit) => {
              const table = unit[group];
              const ok = balanced(table, measure);
              return (
                <tr key={unit.unit}>
                  <th scope="row">
                    {unit.name ?? unit.unit} <span className="muted">{unit.unit}</span>
                  </th>
                  <td className="numeric">{number(table.start[measure])}</td>
                  {DECREASES[group].map((kind) => (
                    <td className="numeric" key={kind}>{number(table.decreases[kind]?.[measure] ?? 0)}</td>
                  ))}
                  {INCREASES[group].map((kind) => (
                    <td className="numeric" key={kind}>{number(table.increases[kind]?.[measure] ?? 0)}</td>
                  ))}
                  <td className="numeric">{number(table.end[measure])}</td>
                  <td className={ok ? 'movement-ok' : 'movement-off'}>{ok ? `✓ ${t('review.movements.balanced')}` : `✗ ${t('review.movements.unbalanced')}`}</td>
                </tr>
              );
            })}
          </tbody>
          {units.length > 1 && (
            <tfoot>
              <tr>
                <th scope="row">Σ</th>
                <td className="numeric">{number(totals((table) => table.start))}</td>
                {DECREASES[group].map((kind) => (
                  <td className="numeric" key={kind}>{number(totals((table) => table.decreases[kind] ?? { households: 0, persons: 0 }))}</td>
                ))}
                {INCREASES[group].map((kind) => (
                  <td className="numeric" key={kind}>{number(totals((table) => table.increases[kind] ?? { households: 0, persons: 0 }))}</td>
                ))}
                <td className="numeric">{number(totals((table) => table.end))}</td>
                <td />
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}
