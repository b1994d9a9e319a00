/**
 * "Chương trình, ngân sách": projects with their agencies for a year, the year's budget by source
 * with the counterpart check and its lines, allocation by points with a preview before saving,
 * output indicators, the plan's tasks, twinning, and the households still lacking a support plan.
 * Each section with entry forms lives in its own file.
 */
import { useId, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { AllocationSection } from './allocation-section';
import { BudgetSection } from './budget-section';
import { OutputsSection } from './outputs-section';
import { programApi, type ProjectsAnswer } from './program-api';
import { ProjectsSection } from './projects-section';
import { SupportGapsList } from './support-plan';
import { TasksSection } from './tasks-section';
import { TwinningSection } from './twinning-section';
import './program.css';

export function ProgramPage() {
  const { t } = useT();
  const [choice, setChoice] = useState<{ programCode: string | null; year: number | null }>({ programCode: null, year: null });
  const [version, setVersion] = useState(0);
  const projects = useRequest(`${choice.programCode}:${choice.year}:${version}`, (signal) => programApi.projects(choice.programCode, choice.year, signal));
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
              <select id={`${id}-program`} value={projects.data.programCode} onChange={(e) => setChoice({ programCode: e.target.value, year: null })}>
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
          <ProjectsSection data={projects.data} onChanged={() => setVersion((n) => n + 1)} />
          <BudgetSection key={`budget:${projects.data.programCode}:${projects.data.year}`} data={projects.data} />
          <AllocationSection key={`allocation:${projects.data.programCode}:${projects.data.year}`} data={projects.data} />
          <OutputsSection key={`outputs:${projects.data.programCode}:${projects.data.year}`} data={projects.data} />
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
