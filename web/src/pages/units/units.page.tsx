import { useEffect, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'wouter';
import type { Unit } from '../../api';
import { DateField } from '../../components/date-field';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatDate, formatList, isCivilDate, provinceTimeZone, todayIn } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { UnitDetailPanel } from './unit-detail-panel';
import { buildUnitTree, communeTypeCounts, filterTree, type UnitNode } from './unit-tree';
import { UnitTreeView } from './unit-tree-view';
import { loadUnitsAt } from './units-data';

/** The dates on which the province's units changed (NQ 1195 from 1 Nov 2024; two tiers from 1 Jul 2025). */
const milestones: Array<{ date: string; caption: TranslationKey }> = [
  { date: '2024-10-31', caption: 'units.milestone20241031' },
  { date: '2024-11-01', caption: 'units.milestone20241101' },
  { date: '2025-06-30', caption: 'units.milestone20250630' },
  { date: '2025-07-01', caption: 'units.milestone20250701' },
];

/**
 * Administrative units valid on a chosen date, as a tree with a detail panel. The date and the
 * selected unit live in the address (`?date=2024-10-31&unit=23824`), so a view can be shared.
 */
export function UnitsPage() {
  const { t, language } = useT();
  const [params, setParams] = useSearchParams();
  const today = todayIn(provinceTimeZone);
  const requestedDate = params.get('date');
  const date = requestedDate && isCivilDate(requestedDate) ? requestedDate : today;
  const selectedCode = params.get('unit');
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<{ date: string; codes: Set<string> } | null>(null);
  const filterId = useId();
  const headingId = useId();

  const units = useRequest(date, (signal) => loadUnitsAt(date, signal));
  const loaded = units.status === 'done' ? units.data : null;
  const roots = useMemo(() => (loaded ? buildUnitTree(loaded) : []), [loaded]);
  const unitsByCode = useMemo(() => new Map((loaded ?? []).map((unit) => [unit.code, unit])), [loaded]);
  const filter = useMemo(() => filterTree(roots, query), [roots, query]);

  // Provinces start open; the selected unit's ancestors open so the selection is visible.
  const expandedCodes = useMemo(() => {
    if (expanded && expanded.date === date) return expanded.codes;
    const codes = new Set(roots.map((root) => root.unit.code));
    for (const code of ancestorsOf(selectedCode, unitsByCode)) codes.add(code);
    return codes;
  }, [expanded, date, roots, selectedCode, unitsByCode]);

  useEffect(() => {
    if (!selectedCode || !loaded) return;
    document
      .querySelector(`[data-tree-item="${CSS.escape(selectedCode)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [selectedCode, loaded]);

  function update(next: { date?: string; unit?: string | null }) {
    setParams(
      (current) => {
        const result = new URLSearchParams(current);
        if (next.date !== undefined) result.set('date', next.date);
        if (next.unit === null) result.delete('unit');
        else if (next.unit !== undefined) result.set('unit', next.unit);
        return result;
      },
      { replace: true },
    );
  }

  function select(code: string, onDate?: string) {
    if (onDate && onDate !== date) {
      update({ date: onDate, unit: code });
      return;
    }
    const codes = new Set(expandedCodes);
    for (const ancestor of ancestorsOf(code, unitsByCode)) codes.add(ancestor);
    setExpanded({ date, codes });
    update({ unit: code });
  }

  function toggle(code: string) {
    const codes = new Set(expandedCodes);
    if (codes.has(code)) codes.delete(code);
    else codes.add(code);
    setExpanded({ date, codes });
  }

  function setAllExpanded(open: boolean) {
    const codes = new Set<string>();
    if (open) {
      const visit = (node: UnitNode) => {
        if (node.children.length > 0) codes.add(node.unit.code);
        node.children.forEach(visit);
      };
      roots.forEach(visit);
    }
    setExpanded({ date, codes });
  }

  const shownDate = formatDate(date, language);

  return (
    <div className="units-page">
      <header className="page-header">
        <h1>{t('units.title')}</h1>
        <p className="page-header__intro">{t('units.intro')}</p>
      </header>

      <div className="card date-bar">
        <DateField label={t('units.date')} value={date} onChange={(value) => update({ date: value })}>
          <button
            type="button"
            className="button button--secondary"
            aria-pressed={date === today}
            onClick={() => update({ date: today })}
          >
            {t('units.today')}
          </button>
        </DateField>
        <div className="milestones" role="group" aria-label={t('units.milestones')}>
          {milestones.map((milestone) => (
            <button
              key={milestone.date}
              type="button"
              className="milestone"
              aria-pressed={date === milestone.date}
              onClick={() => update({ date: milestone.date })}
            >
              <span className="milestone__date">{formatDate(milestone.date, language)}</span>
              <span className="milestone__caption">{t(milestone.caption)}</span>
            </button>
          ))}
        </div>
      </div>

      <div className="units-layout">
        <section className="card units-tree" aria-labelledby={headingId} aria-busy={units.status === 'loading'}>
          <h2 id={headingId}>{t('units.heading', { date: shownDate })}</h2>
          {units.status === 'loading' && <Progress label={t('units.loading')} />}
          {units.status === 'failed' && <ErrorAlert error={units.error} onRetry={units.retry} />}
          {units.status === 'done' && (
            <>
              <Summary roots={roots} />
              <div className="tree-tools">
                <div className="field tree-tools__filter">
                  <label htmlFor={filterId}>{t('units.filter')}</label>
                  <div className="search-box">
                    <input
                      id={filterId}
                      type="search"
                      value={query}
                      autoComplete="off"
                      spellCheck={false}
                      aria-describedby={`${filterId}-hint`}
                      onChange={(event) => setQuery(event.target.value)}
                    />
                    {query !== '' && (
                      <button type="button" className="button button--secondary" onClick={() => setQuery('')}>
                        {t('units.filterClear')}
                      </button>
                    )}
                  </div>
                  <p id={`${filterId}-hint`} className="field__hint">
                    {t('units.filterHint')}
                  </p>
                </div>
                {!filter && roots.some((root) => root.districtCount > 0) && (
                  <div className="tree-tools__buttons">
                    <button type="button" className="button button--secondary" onClick={() => setAllExpanded(true)}>
                      {t('units.expandAll')}
                    </button>
                    <button type="button" className="button button--secondary" onClick={() => setAllExpanded(false)}>
                      {t('units.collapseAll')}
                    </button>
                  </div>
                )}
              </div>
              <p className="filter-status" aria-live="polite">
                {filter &&
                  (filter.matchCount > 0
                    ? t('units.filterResults', { count: filter.matchCount, query: query.trim() })
                    : t('units.filterNone', { query: query.trim(), date: shownDate }))}
              </p>
              {roots.length === 0 ? (
                <p className="muted">{t('units.empty', { date: shownDate })}</p>
              ) : (
                <UnitTreeView
                  roots={roots}
                  expanded={expandedCodes}
                  filter={filter}
                  query={query}
                  selectedCode={selectedCode}
                  onToggle={toggle}
                  onSelect={select}
                />
              )}
            </>
          )}
        </section>

        <div className="units-detail-column">
          <UnitDetailPanel code={selectedCode} date={date} unitsOnDate={unitsByCode} onSelect={select} />
        </div>
      </div>
    </div>
  );
}

function ancestorsOf(code: string | null, unitsByCode: Map<string, Unit>): string[] {
  const ancestors: string[] = [];
  let parent = code ? unitsByCode.get(code)?.parentCode : null;
  while (parent && !ancestors.includes(parent)) {
    ancestors.push(parent);
    parent = unitsByCode.get(parent)?.parentCode;
  }
  return ancestors;
}

/** "17 đơn vị cấp huyện và 220 đơn vị cấp xã, gồm 24 phường, 14 thị trấn và 182 xã" per province. */
function Summary({ roots }: { roots: UnitNode[] }) {
  const { t, language } = useT();
  return (
    <div className="units-summary">
      {roots
        .filter((root) => root.unit.level === 'province')
        .map((root) => {
          const levels = [
            ...(root.districtCount > 0 ? [t('levelCounts.district', { count: root.districtCount })] : []),
            t('levelCounts.commune', { count: root.communeCount }),
          ];
          const types = communeTypeCounts(root).map(([type, count]) => t(`unitTypeCounts.${type}`, { count }));
          return (
            <p key={root.unit.code}>
              <strong>{root.unit.name}</strong>: <span className="units-summary__levels">{formatList(levels, language)}</span>
              {types.length > 0 && <> ({t('units.summaryCommuneTypes', { types: formatList(types, language) })})</>}
            </p>
          );
        })}
    </div>
  );
}
