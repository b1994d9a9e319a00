import { type FormEvent, useEffect, useId, useState } from 'react';
import { useSearchParams } from 'wouter';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import { filtersFrom, loadFilterOptions, StatusBadge, useHouseholdNavigation } from './household-shared';
import {
  emptyFilters,
  exportUrl,
  filterQuery,
  type FilterOptions,
  type HouseholdFilters,
  householdsApi,
} from './households-api';

const PAGE_SIZE = 50;
const EDITOR_ROLES = ['province_admin', 'district_officer', 'commune_officer', 'reviewer'];

/**
 * The household list: a search box, filters, the count, a page of 50 in a table, keyset paging,
 * and exports of everything the filters select. The count is asked for separately, so a page
 * shows as soon as it is read.
 */
export function HouseholdList() {
  const { t, language } = useT();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const filterKey = filterQuery(filters).toString();
  const navigation = useHouseholdNavigation();
  // Cursors of the pages before the current one; reset when the filters change.
  const [pages, setPages] = useState<{ key: string; cursors: Array<string | null> }>({ key: filterKey, cursors: [null] });
  const cursors = pages.key === filterKey ? pages.cursors : [null];
  const cursor = cursors.at(-1) ?? null;
  const [query, setQuery] = useState(filters.q);
  const searchId = useId();
  const headingId = useId();

  useEffect(() => setQuery(filters.q), [filters.q]);

  const options = useRequest('filters', loadFilterOptions);
  const villages = useRequest(filters.unit ? `villages:${filters.unit}` : null, (signal) =>
    householdsApi.villages(filters.unit, signal),
  );
  const page = useRequest(`${filterKey}#${cursor ?? ''}`, (signal) => householdsApi.list(filters, cursor, PAGE_SIZE, signal));
  const count = useRequest(`count:${filterKey}`, (signal) => householdsApi.count(filters, signal));

  function update(changes: Partial<HouseholdFilters>) {
    setParams(() => {
      const next = filterQuery({ ...filters, ...changes });
      return next;
    });
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    update({ q: query.trim() });
  }

  const forbidden = page.status === 'failed' && page.error instanceof ApiError && page.error.status === 403;
  const isSearch = /\p{L}/u.test(filters.q) && !/\d/.test(filters.q);
  const canAdd = user !== null && EDITOR_ROLES.includes(user.role);
  const pageNumber = cursors.length;

  return (
    <div className="households-page">
      <header className="page-header households-page__header">
        <div>
          <h1>{t('households.title')}</h1>
          <p className="page-header__intro">{t('households.intro')}</p>
        </div>
        {canAdd && !forbidden && (
          <button type="button" className="button button--primary" onClick={navigation.create}>
            {t('households.add')}
          </button>
        )}
      </header>

      {forbidden ? (
        <div className="alert" role="status">
          <p>{t('households.forbidden')}</p>
        </div>
      ) : (
        <>
          <section className="card household-filters" aria-label={t('households.filters')}>
            <form className="household-filters__search" role="search" onSubmit={submitSearch}>
              <div className="field">
                <label htmlFor={searchId}>{t('households.search')}</label>
                <div className="search-box">
                  <input
                    id={searchId}
                    type="search"
                    value={query}
                    autoComplete="off"
                    spellCheck={false}
                    aria-describedby={`${searchId}-hint`}
                    onChange={(event) => setQuery(event.target.value)}
                  />
                  <button type="submit" className="button button--primary">
                    {t('households.searchSubmit')}
                  </button>
                </div>
                <p id={`${searchId}-hint`} className="field__hint">
                  {t('households.searchHint')}
                </p>
              </div>
            </form>
            <div className="household-filters__grid">
              <FilterSelect
                label={t('households.unit')}
                value={filters.unit}
                onChange={(unit) => update({ unit, village: '' })}
                options={options.status === 'done' ? communeOptions(options.data) : []}
              />
              <FilterSelect
                label={t('households.village')}
                value={filters.village}
                disabled={!filters.unit}
                emptyLabel={filters.unit ? t('households.all') : t('households.chooseCommuneFirst')}
                onChange={(village) => update({ village })}
                options={villages.status === 'done' ? villages.data.villages.map((v) => ({ value: v, label: v })) : []}
              />
              <FilterSelect
                label={t('households.status')}
                value={filters.status}
                onChange={(status) => update({ status: status as HouseholdFilters['status'] })}
                options={[
                  ...(['poor', 'near_poor', 'average', 'not_poor'] as const).map((s) => ({ value: s, label: t(`householdStatus.${s}`) })),
                  { value: 'unclassified', label: t('households.unclassified') },
                ]}
              />
              <FilterSelect
                label={t('households.ethnicMinority')}
                value={filters.ethnicMinority}
                onChange={(value) => update({ ethnicMinority: value as HouseholdFilters['ethnicMinority'] })}
                options={[
                  { value: 'true', label: t('households.ethnicYes') },
                  { value: 'false', label: t('households.ethnicNo') },
                ]}
              />
              <FilterSelect
                label={t('households.deprivation')}
                value={filters.deprivation}
                onChange={(deprivation) => update({ deprivation })}
                options={options.status === 'done' ? options.data.indicators.map((i) => ({ value: i.code, label: i.name })) : []}
              />
              <FilterSelect
                label={t('households.state')}
                value={filters.state === 'active' ? '' : filters.state}
                emptyLabel={t('households.stateActive')}
                onChange={(state) => update({ state: (state || 'active') as HouseholdFilters['state'] })}
                options={[
                  { value: 'dissolved', label: t('households.stateDissolved') },
                  { value: 'all', label: t('households.all') },
                ]}
              />
            </div>
            <div className="household-filters__tools">
              <button type="button" className="button button--secondary" onClick={() => setParams(filterQuery(emptyFilters))}>
                {t('households.clearFilters')}
              </button>
              <div className="household-filters__exports">
                <a className="button button--secondary" href={exportUrl(filters, 'xlsx', language)} download>
                  {t('households.exportXlsx')}
                </a>
                <a className="button button--secondary" href={exportUrl(filters, 'csv', language)} download>
                  {t('households.exportCsv')}
                </a>
              </div>
            </div>
            <p className="field__hint">{t('households.exportHint')}</p>
          </section>

          <section className="card household-results" aria-labelledby={headingId} aria-busy={page.status === 'loading'}>
            <h2 id={headingId} className="household-results__count" aria-live="polite">
              {count.status === 'done'
                ? t(isSearch ? 'households.matchCount' : 'households.count', { count: count.data.count })
                : t('households.counting')}
            </h2>
            {page.status === 'loading' && <Progress label={t('households.loading')} />}
            {page.status === 'failed' && <ErrorAlert error={page.error} onRetry={page.retry} />}
            {page.status === 'done' &&
              (page.data.items.length === 0 ? (
                <p className="muted">{t('households.empty')}</p>
              ) : (
                <div className="hh-scroll">
                  <table className="hh-table household-table">
                    <caption className="hh-visually-hidden">{t('households.table', { page: pageNumber })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('households.colCode')}</th>
                        <th scope="col">{isSearch ? t('households.colMatch') : t('households.colHead')}</th>
                        <th scope="col">{t('households.colCommune')}</th>
                        <th scope="col">{t('households.colVillage')}</th>
                        <th scope="col" className="hh-num">{t('households.colMembers')}</th>
                        <th scope="col">{t('households.colStatus')}</th>
                        <th scope="col" className="hh-num">{t('households.colDeprivations')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.data.items.map((item, index) => (
                        <tr key={`${item.code}:${item.match?.fullName ?? index}`}>
                          <td>
                            <button type="button" className="link-button code" onClick={() => navigation.open(item.code)}>
                              {item.code}
                            </button>
                          </td>
                          <td>
                            {item.match ? (
                              <>
                                <span className="household-table__name">{item.match.fullName}</span>
                                <span className="household-table__sub">
                                  {t('households.matchOf', { relation: item.match.relation, head: item.headName })}
                                </span>
                              </>
                            ) : (
                              <span className="household-table__name">{item.headName}</span>
                            )}
                            {item.ethnicMinority && <span className="badge">{t('households.minorityBadge')}</span>}
                            {item.dissolvedAt && <span className="badge badge--dissolved">{t('households.dissolvedBadge')}</span>}
                          </td>
                          <td>{item.communeName ?? item.communeCode}</td>
                          <td>{item.village}</td>
                          <td className="hh-num">{formatNumber(item.memberCount, language)}</td>
                          <td>
                            <StatusBadge status={item.status} />
                          </td>
                          <td className="hh-num">{item.status === null ? '—' : formatNumber(item.deprivations.length, language)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
            {(cursors.length > 1 || (page.status === 'done' && page.data.nextCursor !== null)) && (
              <nav className="hh-pager" aria-label={t('households.pages')}>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={cursors.length <= 1 || page.status === 'loading'}
                  onClick={() => setPages({ key: filterKey, cursors: cursors.slice(0, -1) })}
                >
                  {t('households.previous')}
                </button>
                <span className="hh-pager__page">{t('households.page', { page: pageNumber })}</span>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={page.status !== 'done' || page.data.nextCursor === null}
                  onClick={() =>
                    page.status === 'done' && setPages({ key: filterKey, cursors: [...cursors, page.data.nextCursor] })
                  }
                >
                  {t('households.next')}
                </button>
              </nav>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function communeOptions(options: FilterOptions) {
  return options.communes.map((commune) => ({
    value: commune.code,
    label: commune.districtName ? `${commune.name} — ${commune.districtName}` : commune.name,
  }));
}

interface FilterSelectProps {
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange(value: string): void;
  disabled?: boolean;
  emptyLabel?: string;
}

function FilterSelect({ label, value, options, onChange, disabled, emptyLabel }: FilterSelectProps) {
  const { t } = useT();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)}>
        <option value="">{emptyLabel ?? t('households.all')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
