/**
 * "Chương trình, ngân sách": projects with their agencies for a year, the year's budget by source
 * with the counterpart check, allocation by points with a preview before saving, output
 * indicators, and the households still lacking a support plan.
 */
import { type FormEvent, useId, useState } from 'react';
import { DateField } from '../../components/date-field';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatDate, formatMoney, formatNumber, provinceTimeZone, todayIn } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import {
  type AllocationPreview,
  type AllocationRequest,
  type BudgetAnswer,
  type BudgetSource,
  type PlanTask,
  programApi,
  type ProjectsAnswer,
} from './program-api';
import { SupportGapsList } from './support-plan';
import './program.css';

export function ProgramPage() {
  const { t } = useT();
  const [choice, setChoice] = useState<{ programCode: string | null; year: number | null }>({ programCode: null, year: null });
  const projects = useRequest(`${choice.programCode}:${choice.year}`, (signal) => programApi.projects(choice.programCode, choice.year, signal));
  const id = useId();

  return (
    <div className="program-page">
      <header className="page-header">
        <h1>{t('program.title')}</h1>
        <p className="page-header__intro">{t('program.intro')}</p>
      </header>
      {projects.status === 'loading' && <Progress label={t('app.loading')} />}
      {projects.status === 'failed' && <ErrorAlert error={projects.error} onRetry={projects.retry} />}
      {projects.status === 'done' && (
        <>
          <div className="card program-bar">
            <div className="field">
              <label htmlFor={`${id}-program`}>{t('program.programLabel')}</label>
              <select
                id={`${id}-program`}
                value={projects.data.programCode}
                onChange={(e) => setChoice({ programCode: e.target.value, year: null })}
              >
                {projects.data.programs.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name} ({p.periodStart}–{p.periodEnd})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-year`}>{t('program.yearLabel')}</label>
              <select
                id={`${id}-year`}
                value={projects.data.year}
                onChange={(e) => setChoice({ programCode: projects.data.programCode, year: Number(e.target.value) })}
              >
                {yearsOf(projects.data).map((year) => (
                  <option key={year} value={year}>
                    {year}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <ProjectsTable data={projects.data} />
          <BudgetSection programCode={projects.data.programCode} year={projects.data.year} />
          <AllocationSection data={projects.data} />
          <OutputsSection programCode={projects.data.programCode} year={projects.data.year} />
          <TasksSection year={projects.data.year} />
          <TwinningSection />
          <SupportGapsList />
        </>
      )}
    </div>
  );
}

function yearsOf(data: ProjectsAnswer): number[] {
  const program = data.programs.find((p) => p.code === data.programCode);
  if (!program) return [data.year];
  return Array.from({ length: program.periodEnd - program.periodStart + 1 }, (_, i) => program.periodStart + i);
}

function ProjectsTable({ data }: { data: ProjectsAnswer }) {
  const { t, language } = useT();
  return (
    <section className="card" aria-labelledby="projects-title">
      <h2 id="projects-title">{t('program.projects', { year: data.year })}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('program.project')}</th>
              <th scope="col">{t('program.agencies')}</th>
            </tr>
          </thead>
          <tbody>
            {data.projects.map((project) => (
              <tr key={project.code} className={project.parentCode ? 'sub-project' : undefined}>
                <td>
                  <strong>{project.code}</strong> {language === 'en' ? project.nameEn : project.name}
                  {project.canEdit && <span className="badge badge--ok">{t('program.yours')}</span>}
                </td>
                <td>
                  {project.agencies.length === 0
                    ? t('program.noAgency')
                    : project.agencies.map((a) => `${a.shortName} (${t(`program.${a.role}` as TranslationKey)})`).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function BudgetSection({ programCode, year }: { programCode: string; year: number }) {
  const { t } = useT();
  const budget = useRequest(`${programCode}:${year}`, (signal) => programApi.budget(programCode, year, signal));
  return (
    <section className="card" aria-labelledby="budget-title">
      <h2 id="budget-title">{t('program.budget', { year })}</h2>
      {budget.status === 'loading' && <Progress label={t('app.loading')} />}
      {budget.status === 'failed' && <ErrorAlert error={budget.error} onRetry={budget.retry} />}
      {budget.status === 'done' && <BudgetView data={budget.data} />}
    </section>
  );
}

function BudgetView({ data }: { data: BudgetAnswer }) {
  const { t, language } = useT();
  const money = (amount: number) => formatMoney(amount, language);
  const check = data.counterpart;
  return (
    <>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('program.source')}</th>
              <th scope="col" className="num">{t('program.planned')}</th>
              <th scope="col" className="num">{t('program.investment')}</th>
              <th scope="col" className="num">{t('program.recurrent')}</th>
              <th scope="col" className="num">{t('program.allocated')}</th>
              <th scope="col" className="num">{t('program.disbursed')}</th>
            </tr>
          </thead>
          <tbody>
            {data.totals.map((row) => (
              <tr key={row.source}>
                <th scope="row">{t(`program.sources.${row.source}` as TranslationKey)}</th>
                <td className="num">{money(row.planned)}</td>
                <td className="num">{money(row.investment)}</td>
                <td className="num">{money(row.recurrent)}</td>
                <td className="num">{money(row.allocated)}</td>
                <td className="num">{money(row.disbursed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.lines.length === 0 && <p className="muted">{t('program.noLines')}</p>}
      <h3>{t('program.counterpart')}</h3>
      {check ? (
        <div className={check.met ? 'alert alert--ok' : 'alert alert--error'} role="status">
          <p>
            {t('program.counterpartRule', {
              source: check.source,
              dependence: formatNumber(check.dependencePercent, language),
              required: formatNumber(check.requiredPercent, language),
            })}
          </p>
          <p>
            {check.met
              ? t('program.counterpartMet', { counterpart: money(check.counterpart), requiredAmount: money(check.requiredAmount) })
              : t('program.counterpartShort', {
                  counterpart: money(check.counterpart),
                  requiredAmount: money(check.requiredAmount),
                  shortfall: money(check.shortfall),
                })}
          </p>
        </div>
      ) : (
        <p className="alert">{t('program.counterpartUnknown')}</p>
      )}
    </>
  );
}

const CRITERIA = ['poor_household', 'near_poor_household', 'ethnic_minority_poor_household'] as const;

function AllocationSection({ data }: { data: ProjectsAnswer }) {
  const { t, language } = useT();
  const { user } = useSession();
  const id = useId();
  const counts = useRequest('counts', (signal) => programApi.allocationCounts(signal));
  const [savedVersion, setSavedVersion] = useState(0);
  const saved = useRequest(`${data.programCode}:${data.year}:${savedVersion}`, (signal) => programApi.allocations(data.programCode, data.year, signal));
  const editable = data.projects.filter((p) => p.canEdit);
  const [projectCode, setProjectCode] = useState(editable[0]?.code ?? '');
  const [source, setSource] = useState<BudgetSource>('central');
  const [total, setTotal] = useState('1000000000');
  const [coefficients, setCoefficients] = useState<Record<string, string>>({ poor_household: '1', near_poor_household: '0.5', ethnic_minority_poor_household: '0.3' });
  const [minimum, setMinimum] = useState('');
  const [maximum, setMaximum] = useState('');
  const [preview, setPreview] = useState<AllocationPreview | null>(null);
  const [resolutionNumber, setResolutionNumber] = useState('');
  const [resolutionDate, setResolutionDate] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const money = (amount: number) => formatMoney(amount, language);
  const unitNames = new Map((counts.status === 'done' ? counts.data.units : []).map((u) => [u.code, u.name ?? u.code]));

  if (!user || (user.role !== 'province_admin' && user.role !== 'province_agency')) return null;

  function request(): AllocationRequest {
    const share = (text: string) => (text.trim() === '' ? null : Number(text.replace(',', '.')) / 100);
    return {
      programCode: data.programCode,
      year: data.year,
      projectCode,
      source,
      total: Number(total.replace(/\D/g, '') || '0'),
      criteria: CRITERIA.map((code) => ({ code, coefficient: Number((coefficients[code] ?? '0').replace(',', '.')) })),
      minimumShare: share(minimum),
      maximumShare: share(maximum),
      units: counts.status === 'done' ? counts.data.units.map((u) => ({ code: u.code, counts: u.counts })) : [],
    };
  }

  async function runPreview(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice('');
    try {
      setPreview(await programApi.previewAllocation(request()));
    } catch (caught) {
      setPreview(null);
      setError(caught);
    }
  }

  async function save() {
    setError(null);
    try {
      await programApi.saveAllocation({ ...request(), name, resolutionNumber, resolutionDate });
      setNotice(t('program.saved'));
      setPreview(null);
      setSavedVersion((n) => n + 1);
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('program.allocation')}</h2>
      <p className="muted">{t('program.allocationIntro')}</p>
      {editable.length > 0 && (
        <form onSubmit={runPreview}>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-project`}>{t('program.allocationProject')}</label>
              <select id={`${id}-project`} value={projectCode} onChange={(e) => setProjectCode(e.target.value)}>
                {editable.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.code} — {language === 'en' ? p.nameEn : p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-source`}>{t('program.allocationSource')}</label>
              <select id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value as BudgetSource)}>
                {(['central', 'provincial_counterpart', 'mobilised'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`program.sources.${s}` as TranslationKey)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-total`}>{t('program.total')}</label>
              <input id={`${id}-total`} inputMode="numeric" value={total} onChange={(e) => setTotal(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-min`}>{t('program.minimumShare')}</label>
              <input id={`${id}-min`} inputMode="decimal" value={minimum} onChange={(e) => setMinimum(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-max`}>{t('program.maximumShare')}</label>
              <input id={`${id}-max`} inputMode="decimal" value={maximum} onChange={(e) => setMaximum(e.target.value)} />
            </div>
          </div>
          <fieldset className="form-grid">
            <legend>{t('program.criteria')}</legend>
            {CRITERIA.map((code) => (
              <div className="field" key={code}>
                <label htmlFor={`${id}-${code}`}>{t(`program.criteriaNames.${code}` as TranslationKey)}</label>
                <input
                  id={`${id}-${code}`}
                  inputMode="decimal"
                  value={coefficients[code] ?? ''}
                  onChange={(e) => setCoefficients({ ...coefficients, [code]: e.target.value })}
                />
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button button--secondary" disabled={counts.status !== 'done'}>
            {t('program.preview')}
          </button>
        </form>
      )}
      {error !== null && <ErrorAlert error={error} />}
      {notice && <p className="alert alert--ok" role="status">{notice}</p>}
      {preview && (
        <div className="allocation-preview">
          <p className={preview.exceedsAvailable ? 'alert alert--error' : 'alert'}>
            {t('program.available', { amount: money(preview.available) })}
            {preview.exceedsAvailable && <> {t('program.exceeds')}</>}
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('program.unit')}</th>
                  <th scope="col" className="num">{t('program.points')}</th>
                  <th scope="col" className="num">{t('program.amount')}</th>
                  <th scope="col">{t('program.bound')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.shares.filter((s) => s.points > 0).map((share) => (
                  <tr key={share.code}>
                    <td>
                      {unitNames.get(share.code) ?? share.code} <span className="muted">({share.code})</span>
                    </td>
                    <td className="num">{formatNumber(share.points, language)}</td>
                    <td className="num">{money(share.amount)}</td>
                    <td>{share.bound ? t(`program.bounds.${share.bound}` as TranslationKey) : ''}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('program.sum')}</th>
                  <td className="num">{formatNumber(preview.totalPoints, language)}</td>
                  <td className="num">{money(preview.shares.reduce((sum, s) => sum + s.amount, 0))}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-name`}>{t('program.modelName')}</label>
              <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-resolution`}>{t('program.resolutionNumber')}</label>
              <input id={`${id}-resolution`} value={resolutionNumber} onChange={(e) => setResolutionNumber(e.target.value)} />
            </div>
            <DateField label={t('program.resolutionDate')} value={resolutionDate} onChange={setResolutionDate} />
          </div>
          <button type="button" className="button button--primary" onClick={save} disabled={preview.exceedsAvailable}>
            {t('program.save')}
          </button>
        </div>
      )}
      <h3>{t('program.savedModels')}</h3>
      {saved.status === 'done' && saved.data.models.length === 0 && <p className="muted">{t('program.noModels')}</p>}
      {saved.status === 'done' &&
        saved.data.models.map((model) => (
          <p key={model.id}>
            <strong>{model.name}</strong> — {model.projectCode}, {money(model.total)}; {model.resolutionNumber} ({formatDate(model.resolutionDate, language)})
          </p>
        ))}
    </section>
  );
}

function OutputsSection({ programCode, year }: { programCode: string; year: number }) {
  const { t, language } = useT();
  const outputs = useRequest(`${programCode}:${year}`, (signal) => programApi.outputs(programCode, year, signal));
  return (
    <section className="card" aria-labelledby="outputs-title">
      <h2 id="outputs-title">{t('program.outputs', { year })}</h2>
      {outputs.status === 'failed' && <ErrorAlert error={outputs.error} onRetry={outputs.retry} />}
      {outputs.status === 'done' &&
        (outputs.data.outputs.length === 0 ? (
          <p className="muted">{t('program.noOutputs')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('program.project')}</th>
                <th scope="col">{t('program.outputName')}</th>
                <th scope="col" className="num">{t('program.target')}</th>
                <th scope="col" className="num">{t('program.actual')}</th>
              </tr>
            </thead>
            <tbody>
              {outputs.data.outputs.map((row) => (
                <tr key={row.id}>
                  <td>{row.projectCode}</td>
                  <td>{row.name}</td>
                  <td className="num">
                    {formatNumber(row.target, language)} {row.unitOfMeasure}
                  </td>
                  <td className="num">{row.actual === null ? '—' : `${formatNumber(row.actual, language)} ${row.unitOfMeasure}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

function TasksSection({ year }: { year: number }) {
  const { t, language } = useT();
  const { user } = useSession();
  const mine = user?.role === 'province_agency';
  const [version, setVersion] = useState(0);
  const tasks = useRequest(`${year}:${mine}:${version}`, (signal) => programApi.tasks(year, mine, signal));
  const [error, setError] = useState<unknown>(null);

  async function mark(task: PlanTask, status: PlanTask['status']) {
    setError(null);
    try {
      await programApi.updateTask(task, status, status === 'done' ? todayIn(provinceTimeZone) : null);
      setVersion((n) => n + 1);
    } catch (caught) {
      setError(caught);
    }
  }

  if (tasks.status === 'done' && tasks.data.tasks.length === 0) return null;
  return (
    <section className="card" aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t('program.tasks', { year })}</h2>
      {tasks.status === 'failed' && <ErrorAlert error={tasks.error} onRetry={tasks.retry} />}
      {error !== null && <ErrorAlert error={error} />}
      {tasks.status === 'done' && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('program.taskText')}</th>
                <th scope="col">{t('program.assignees')}</th>
                <th scope="col">{t('program.dueDate')}</th>
                <th scope="col">{t('program.taskStatusLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.tasks.map((task) => (
                <tr key={`${task.planId}/${task.taskId}`}>
                  <td>{language === 'en' ? task.text.en : task.text.vi}</td>
                  <td>{task.assignees.map((a) => (language === 'en' ? a.en : a.vi)).join(', ')}</td>
                  <td>{task.dueDate ? formatDate(task.dueDate, language) : t('program.noDue')}</td>
                  <td>
                    {task.canEdit ? (
                      <select
                        aria-label={t('program.taskStatusLabel')}
                        value={task.status}
                        onChange={(e) => void mark(task, e.target.value as PlanTask['status'])}
                      >
                        {(['open', 'in_progress', 'done'] as const).map((status) => (
                          <option key={status} value={status}>
                            {t(`program.taskStatus.${status}` as TranslationKey)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      t(`program.taskStatus.${task.status}` as TranslationKey)
                    )}
                    {task.completedOn && <> ({formatDate(task.completedOn, language)})</>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TwinningSection() {
  const { t, language } = useT();
  const twinnings = useRequest('twinnings', (signal) => programApi.twinnings(signal));
  return (
    <section className="card" aria-labelledby="twinning-title">
      <h2 id="twinning-title">{t('program.twinning')}</h2>
      {twinnings.status === 'failed' && <ErrorAlert error={twinnings.error} onRetry={twinnings.retry} />}
      {twinnings.status === 'done' &&
        (twinnings.data.twinnings.length === 0 ? (
          <p className="muted">{t('program.noTwinning')}</p>
        ) : (
          <ul>
            {twinnings.data.twinnings.map((row) => (
              <li key={row.id}>
                {t(`program.twinningKinds.${row.kind}` as TranslationKey)}: {row.agencyName} — {row.communeName ?? row.communeCode}
                {row.village ? `, ${row.village}` : ''} ({formatDate(row.startDate, language)}
                {row.endDate ? ` – ${formatDate(row.endDate, language)}` : ''})
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
