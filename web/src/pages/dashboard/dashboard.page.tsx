/**
 * The dashboard (SPEC §8): a unit's rate and counts, its units below with drill-down
 * (province → district → commune), actual against target with a mark in colour and words,
 * the trend with standard breaks, the indicator profile, Alkire–Foster measures, ethnic
 * minority against others and where to act. Every chart has its table beside it, and each table
 * downloads as CSV or XLSX (the server writes the same numbers, `GET /api/dashboard/export`).
 */
import { useMemo } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { type TranslationKey, useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { type Dashboard, type DashboardTable, type Evaluated, type TargetMark, dashboardApi, exportUrl } from './dashboard-api';
import { formatCount, formatPercent, formatPoints, formatShare } from './dashboard-format';
import { type ChartOption, EChart } from './echart';
import './dashboard.css';

const MARK_ICON: Record<TargetMark, string> = { on_track: '✓', at_risk: '!', off_track: '✕', no_data: '…' };

export function MarkBadge({ mark }: { mark: TargetMark }) {
  const { t } = useT();
  return (
    <span className={`mark mark--${mark}`}>
      <span aria-hidden="true">{MARK_ICON[mark]} </span>
      {t(`dashboard.marks.${mark}` as TranslationKey)}
    </span>
  );
}

function useTargetText() {
  const { t, language } = useT();
  return (target: Pick<Evaluated, 'indicator' | 'kind' | 'value' | 'comparator'>) => {
    const isCount = target.indicator === 'escaped_poverty';
    const value = target.kind === 'change_points' ? formatPoints(Math.abs(target.value), language).replace(/^\+/, '') : isCount ? formatCount(target.value, language) : formatPercent(target.value, language);
    return t(`dashboard.comparators.${target.kind}.${target.comparator}` as TranslationKey, { value });
  };
}

/** The download links of one table, beside its chart. */
export function ExportLinks({ data, table, label }: { data: Dashboard; table: DashboardTable; label: string }) {
  const { t, language } = useT();
  return (
    <p className="dashboard-export">
      {(['csv', 'xlsx'] as const).map((format) => (
        <a
          key={format}
          className="button button--secondary"
          href={exportUrl(data, table, format, language)}
          download
          data-export={`${table}-${format}`}
          aria-label={t('dashboard.exportLabel', { table: label, format: format.toUpperCase() })}
        >
          {t(`dashboard.export_${format}` as TranslationKey)}
        </a>
      ))}
    </p>
  );
}

function valueText(indicator: Evaluated['indicator'], value: number | null, language: string): string {
  if (value === null) return '—';
  return indicator === 'escaped_poverty' ? formatCount(value, language) : formatPercent(value, language);
}

export function DashboardPage() {
  const { t } = useT();
  const [params] = useSearchParams();
  const query = { unit: params.get('unit') ?? undefined, year: params.get('year') ?? undefined, level: params.get('level') ?? undefined };
  const key = `dashboard:${query.unit ?? ''}:${query.year ?? ''}:${query.level ?? ''}`;
  const state = useRequest(key, (signal) => dashboardApi.get(query, signal));

  return (
    <div className="dashboard-page">
      <header className="page-header">
        <h1>{t('dashboard.title')}</h1>
        <p className="page-header__intro">{t('dashboard.intro')}</p>
      </header>
      {state.status === 'loading' && <Progress label={t('app.loading')} />}
      {state.status === 'failed' && <ErrorAlert error={state.error} onRetry={state.retry} />}
      {state.status === 'done' && <DashboardView data={state.data} />}
    </div>
  );
}

function hrefFor(data: Dashboard, changes: { unit?: string; year?: number; level?: string | null }): string {
  const params = new URLSearchParams();
  params.set('unit', changes.unit ?? data.unit.code);
  params.set('year', String(changes.year ?? data.year));
  const level = changes.level === undefined ? data.unit.level : changes.level;
  if (level) params.set('level', level);
  return `/dashboard?${params.toString()}`;
}

function DashboardView({ data }: { data: Dashboard }) {
  const { t, language } = useT();
  const [, navigate] = useLocation();
  const s = data.summary;
  const canGoUp = data.unit.parentCode !== null && data.unit.level !== 'province';
  return (
    <>
      <section className="dashboard-section dashboard-heading" aria-labelledby="dashboard-unit">
        <h2 id="dashboard-unit">
          {data.unit.name} <span className="muted">({data.unit.code})</span>
        </h2>
        <div className="dashboard-controls">
          <label>
            {t('dashboard.year')}{' '}
            <select value={data.year} onChange={(event) => navigate(hrefFor(data, { year: Number(event.target.value) }))}>
              {data.years.map((year) => (
                <option key={year} value={year}>{year}</option>
              ))}
            </select>
          </label>
          {canGoUp && <Link href={hrefFor(data, { unit: data.unit.parentCode!, level: null })}>↑ {t('dashboard.up')}</Link>}
          <span className="muted">{t('dashboard.standard', { standard: data.standard })}</span>
        </div>
        <dl className="dashboard-figures">
          <Figure label={t('dashboard.households')} value={formatCount(s.households, language)} />
          <Figure label={t('dashboard.persons')} value={formatCount(s.persons, language)} />
          <Figure label={t('dashboard.poor')} value={formatCount(s.poor, language)} />
          <Figure label={t('dashboard.poorRate')} value={formatPercent(s.poorRate, language)} />
          <Figure label={t('dashboard.nearPoor')} value={formatCount(s.nearPoor, language)} />
          <Figure label={t('dashboard.nearPoorRate')} value={formatPercent(s.nearPoorRate, language)} />
          <Figure label={t('dashboard.emPoorRate')} value={formatPercent(s.ethnicMinorityPoorRate, language)} />
          <Figure label={t('dashboard.escaped')} value={formatCount(s.escapedPoverty, language)} />
          <Figure label={t('dashboard.planShare')} value={formatPercent(s.supportPlanShare, language)} />
        </dl>
      </section>
      <TargetsSection data={data} />
      {data.children.length > 0 && <ByUnitSection data={data} />}
      <TrendSection data={data} />
      <ProfileSection data={data} />
      <MeasuresSection data={data} />
      {data.children.length > 0 && <WhereToActSection data={data} />}
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="dashboard-figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function TargetsSection({ data }: { data: Dashboard }) {
  const { t, language } = useT();
  const targetText = useTargetText();
  return (
    <section className="dashboard-section" aria-labelledby="dashboard-targets">
      <h2 id="dashboard-targets">{t('dashboard.targetsTitle')}</h2>
      {data.targets.length === 0 ? (
        <p>{t('dashboard.noTargets')}</p>
      ) : (
        <div className="table-scroll">
          <table className="dashboard-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.indicator')}</th>
                <th scope="col">{t('dashboard.target')}</th>
                <th scope="col">{t('dashboard.baseline')}</th>
                <th scope="col">{t('dashboard.actual')}</th>
                <th scope="col">{t('dashboard.change')}</th>
                <th scope="col">{t('dashboard.mark')}</th>
              </tr>
            </thead>
            <tbody>
              {data.targets.map((target) => (
                <tr key={target.id} data-indicator={target.indicator}>
                  <th scope="row">{t(`dashboard.indicators.${target.indicator}` as TranslationKey)}</th>
                  <td>{targetText(target)}</td>
                  <td className="numeric">{valueText(target.indicator, target.baseline, language)}</td>
                  <td className="numeric">{valueText(target.indicator, target.actual, language)}</td>
                  <td className="numeric">{target.kind === 'change_points' ? t('dashboard.points', { value: formatPoints(target.measured, language) }) : '—'}</td>
                  <td><MarkBadge mark={target.mark} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted dashboard-note">{t('dashboard.markRule')}</p>
      {data.targets.length > 0 && <ExportLinks data={data} table="targets" label={t('dashboard.targetsTitle')} />}
    </section>
  );
}

const MARK_COLOUR: Record<TargetMark, string> = { on_track: '#1a7f37', at_risk: '#b7791f', off_track: '#b42318', no_data: '#8a94a3' };

function ByUnitSection({ data }: { data: Dashboard }) {
  const { t, language } = useT();
  const [, navigate] = useLocation();
  const childLevel = data.unit.level === 'province' ? (data.children[0]?.level ?? 'district') : 'commune';
  const poorTarget = (child: Dashboard['children'][number]) => child.targets.find((target) => target.indicator === 'poor_rate');
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 48, right: 16, top: 24, bottom: 96 },
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => formatPercent(Number(value), language) },
      xAxis: { type: 'category', data: data.children.map((child) => child.name), axisLabel: { rotate: 40, interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => `${formatCount(value, language)} %` } },
      series: [
        {
          type: 'bar',
          name: t('dashboard.poorRate'),
          data: data.children.map((child) => ({ value: child.poorRate ?? 0, itemStyle: { color: MARK_COLOUR[poorTarget(child)?.mark ?? 'no_data'] } })),
          markLine: data.summary.poorRate === null ? undefined : { symbol: 'none', label: { formatter: `${data.unit.name}: ${formatPercent(data.summary.poorRate, language)}` }, data: [{ yAxis: data.summary.poorRate }] },
        },
      ],
    }),
    [data, language, t],
  );
  const open = (code: string) => navigate(hrefFor(data, { unit: code, level: childLevel }));
  return (
    <section className="dashboard-section" aria-labelledby="dashboard-units">
      <h2 id="dashboard-units">{t('dashboard.byUnitTitle')}</h2>
      <p className="muted">{t('dashboard.byUnitHint')}</p>
      <div className="dashboard-pair dashboard-pair--stacked">
        <EChart option={option} label={t('dashboard.byUnitTitle')} height={340} onClick={(name) => {
          const child = data.children.find((c) => c.name === name);
          if (child) open(child.code);
        }} />
        <div className="table-scroll">
          <table className="dashboard-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.unit')}</th>
                <th scope="col">{t('dashboard.households')}</th>
                <th scope="col">{t('dashboard.poor')}</th>
                <th scope="col">{t('dashboard.poorRate')}</th>
                <th scope="col">{t('dashboard.emPoorRate')}</th>
                <th scope="col">{t('dashboard.planShare')}</th>
                <th scope="col">{t('dashboard.mark')}</th>
              </tr>
            </thead>
            <tbody>
              {data.children.map((child) => (
                <tr key={child.code}>
                  <th scope="row"><Link href={hrefFor(data, { unit: child.code, level: childLevel })}>{child.name}</Link></th>
                  <td className="numeric">{formatCount(child.households, language)}</td>
                  <td className="numeric">{formatCount(child.poor, language)}</td>
                  <td className="numeric">{formatPercent(child.poorRate, language)}</td>
                  <td className="numeric">{formatPercent(child.ethnicMinorityPoorRate, language)}</td>
                  <td className="numeric">{formatPercent(child.supportPlanShare, language)}</td>
                  <td>{poorTarget(child) ? <MarkBadge mark={poorTarget(child)!.mark} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <ExportLinks data={data} table="units" label={t('dashboard.byUnitTitle')} />
    </section>
  );
}

function TrendSection({ data }: { data: Dashboard }) {
  const { t, language } = useT();
  const breaks = data.trend.filter((point) => point.standardBreak);
  const option = useMemo<ChartOption>(() => {
    // A line never joins two points measured under different standards: each standard is its own segment.
    const segment = (pick: (p: Dashboard['trend'][number]) => number | null) => {
      const values: (number | null)[] = [];
      data.trend.forEach((point, i) => {
        if (point.standardBreak && i > 0) values.push(null);
        values.push(pick(point));
      });
      return values;
    };
    const labels: string[] = [];
    data.trend.forEach((point, i) => {
      if (point.standardBreak && i > 0) labels.push(`${t('dashboard.standardBreak')}`);
      labels.push(String(point.year));
    });
    return {
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => formatPercent(Number(value), language) },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => `${formatCount(value, language)} %` } },
      series: [
        { type: 'line', name: t('dashboard.poorRate'), data: segment((p) => p.poorRate), connectNulls: false, symbolSize: 8,
          markLine: breaks.length === 0 ? undefined : { symbol: 'none', lineStyle: { type: 'dashed', color: '#b42318', width: 2 }, label: { formatter: t('dashboard.standardBreak') }, data: breaks.map(() => ({ xAxis: t('dashboard.standardBreak') })) } },
        { type: 'line', name: t('dashboard.nearPoorRate'), data: segment((p) => p.nearPoorRate), connectNulls: false, symbolSize: 8 },
        { type: 'line', name: t('dashboard.emPoorRate'), data: segment((p) => p.ethnicMinorityPoorRate), connectNulls: false, symbolSize: 8 },
        { type: 'line', name: t('dashboard.planShare'), data: segment((p) => p.supportPlanShare), connectNulls: false, symbolSize: 8, lineStyle: { type: 'dotted' } },
      ],
    };
  }, [data, language, t, breaks]);
  return (
    <section className="dashboard-section" aria-labelledby="dashboard-trend">
      <h2 id="dashboard-trend">{t('dashboard.trendTitle')}</h2>
      <div className="dashboard-pair">
        <EChart option={option} label={t('dashboard.trendTitle')} />
        <div className="table-scroll">
          <table className="dashboard-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.year_label')}</th>
                <th scope="col">{t('dashboard.households')}</th>
                <th scope="col">{t('dashboard.poorRate')}</th>
                <th scope="col">{t('dashboard.nearPoorRate')}</th>
                <th scope="col">{t('dashboard.emPoorRate')}</th>
                <th scope="col">{t('dashboard.planShare')}</th>
              </tr>
            </thead>
            <tbody>
              {data.trend.map((point) => (
                <tr key={point.year} className={point.standardBreak ? 'dashboard-break' : undefined}>
                  <th scope="row">
                    {point.year}
                    {point.standardBreak && <span className="mark mark--off_track"> {t('dashboard.standardBreak')}: {point.standard}</span>}
                  </th>
                  <td className="numeric">{formatCount(point.households, language)}</td>
                  <td className="numeric">{formatPercent(point.poorRate, language)}</td>
                  <td className="numeric">{formatPercent(point.nearPoorRate, language)}</td>
                  <td className="numeric">{formatPercent(point.ethnicMinorityPoorRate, language)}</td>
                  <td className="numeric">{formatPercent(point.supportPlanShare, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {breaks.length > 0 && <p className="muted dashboard-note">{t('dashboard.standardBreakNote')}</p>}
      <ExportLinks data={data} table="trend" label={t('dashboard.trendTitle')} />
    </section>
  );
}

function ProfileSection({ data }: { data: Dashboard }) {
  const { t, language } = useT();
  const name = (code: string) => t(`dashboard.deprivations.${code}` as TranslationKey);
  const rows = [...data.profile].reverse();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 200, right: 24, top: 32, bottom: 24 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => formatPercent(Number(value), language) },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: (value: number) => `${formatCount(value, language)} %` } },
      yAxis: { type: 'category', data: rows.map((row) => name(row.code)) },
      series: [
        { type: 'bar', name: t('dashboard.poor'), data: rows.map((row) => row.poorShare ?? 0), itemStyle: { color: '#b42318' } },
        { type: 'bar', name: t('dashboard.nearPoor'), data: rows.map((row) => row.nearPoorShare ?? 0), itemStyle: { color: '#d69e2e' } },
      ],
    }),
    [data, language, t],
  );
  return (
    <section className="dashboard-section" aria-labelledby="dashboard-profile">
      <h2 id="dashboard-profile">{t('dashboard.profileTitle')}</h2>
      <div className="dashboard-pair">
        <EChart option={option} label={t('dashboard.profileTitle')} height={420} />
        <div className="table-scroll">
          <table className="dashboard-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.indicator')}</th>
                <th scope="col">{t('dashboard.poor')}</th>
                <th scope="col">%</th>
                <th scope="col">{t('dashboard.nearPoor')}</th>
                <th scope="col">%</th>
              </tr>
            </thead>
            <tbody>
              {data.profile.map((row) => (
                <tr key={row.code}>
                  <th scope="row">{name(row.code)}</th>
                  <td className="numeric">{formatCount(row.poor, language)}</td>
                  <td className="numeric">{formatPercent(row.poorShare, language)}</td>
                  <td className="numeric">{formatCount(row.nearPoor, language)}</td>
                  <td className="numeric">{formatPercent(row.nearPoorShare, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <ExportLinks data={data} table="profile" label={t('dashboard.profileTitle')} />
    </section>
  );
}

function MeasuresSection({ data }: { data: Dashboard }) {
  const { t, language } = useT();
  const groups = [
    ['ethnicMinority', data.ethnicity.ethnicMinority],
    ['other', data.ethnicity.other],
  ] as const;
  return (
    <div className="dashboard-pair">
      {data.af && (
        <section className="dashboard-section" aria-labelledby="dashboard-af">
          <h2 id="dashboard-af">{t('dashboard.afTitle', { k: data.af.k ?? '—' })}</h2>
          <table className="dashboard-table">
            <tbody>
              <tr><th scope="row">{t('dashboard.afH')}</th><td className="numeric">{formatShare(data.af.H, language)}</td></tr>
              <tr><th scope="row">{t('dashboard.afA')}</th><td className="numeric">{formatShare(data.af.A, language)}</td></tr>
              <tr><th scope="row">{t('dashboard.afM0')}</th><td className="numeric">{formatShare(data.af.M0, language, 4)}</td></tr>
            </tbody>
          </table>
        </section>
      )}
      <section className="dashboard-section" aria-labelledby="dashboard-ethnicity">
        <h2 id="dashboard-ethnicity">{t('dashboard.ethnicityTitle')}</h2>
        <table className="dashboard-table">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{t('dashboard.households')}</th>
              <th scope="col">{t('dashboard.poor')}</th>
              <th scope="col">{t('dashboard.poorRate')}</th>
              <th scope="col">{t('dashboard.nearPoorRate')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map(([key, group]) => (
              <tr key={key}>
                <th scope="row">{t(`dashboard.${key}`)}</th>
                <td className="numeric">{formatCount(group.households, language)}</td>
                <td className="numeric">{formatCount(group.poor, language)}</td>
                <td className="numeric">{formatPercent(group.poorRate, language)}</td>
                <td className="numeric">{formatPercent(group.nearPoorRate, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function WhereToActSection({ data }: { data: Dashboard }) {
  const { t, language } = useT();
  const targetText = useTargetText();
  const childLevel = data.unit.level === 'province' ? (data.children[0]?.level ?? 'district') : 'commune';
  return (
    <section className="dashboard-section" aria-labelledby="dashboard-act">
      <h2 id="dashboard-act">{t('dashboard.actTitle')}</h2>
      <p className="muted">{t('dashboard.actIntro')}</p>
      {data.whereToAct.length === 0 ? (
        <p>{t('dashboard.actNone')}</p>
      ) : (
        <div className="table-scroll">
          <table className="dashboard-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.unit')}</th>
                <th scope="col">{t('dashboard.indicator')}</th>
                <th scope="col">{t('dashboard.target')}</th>
                <th scope="col">{t('dashboard.actual')}</th>
                <th scope="col">{t('dashboard.shortfall')}</th>
                <th scope="col">{t('dashboard.mark')}</th>
                <th scope="col">{t('dashboard.topIndicators')}</th>
              </tr>
            </thead>
            <tbody>
              {data.whereToAct.map((row) => (
                <tr key={`${row.unitCode}:${row.indicator}`}>
                  <th scope="row"><Link href={hrefFor(data, { unit: row.unitCode, level: childLevel })}>{row.name}</Link></th>
                  <td>{t(`dashboard.indicators.${row.indicator}` as TranslationKey)}</td>
                  <td>{targetText(row)} {row.inherited && <span className="muted">{t('dashboard.inherited')}</span>}</td>
                  <td className="numeric">{row.kind === 'change_points' ? t('dashboard.points', { value: formatPoints(row.measured, language) }) : valueText(row.indicator, row.actual, language)}</td>
                  <td className="numeric">{row.indicator === 'escaped_poverty' ? formatCount(row.shortfall, language) : t('dashboard.points', { value: formatPoints(row.shortfall, language).replace(/^\+/, '') })}</td>
                  <td><MarkBadge mark={row.mark} /></td>
                  <td>{row.topIndicators.map((item) => `${t(`dashboard.deprivations.${item.code}` as TranslationKey)} (${formatPercent(item.contribution, language)})`).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
