import { type FormEvent, useId, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import {
  type ImportProgress,
  type ImportReport,
  problemReportUrl,
  runImport,
  templateLinks,
  uploadFile,
} from './imports-api';
import { ProblemTable } from './problem-table';
import './imports.css';

const IMPORT_ROLES = ['province_admin', 'district_officer', 'commune_officer', 'reviewer'];

type Format = 'xlsx' | 'csv';

type Step =
  | { kind: 'idle' }
  | { kind: 'uploading' }
  | { kind: 'running'; dryRun: boolean; progress: ImportProgress | null }
  | { kind: 'done'; report: ImportReport }
  | { kind: 'failed'; error: unknown };

/** Identifies a choice of files and options, so an import only follows a clean dry run of the same. */
function choiceKey(files: readonly File[], update: boolean): string {
  return [...files.map((file) => `${file.name}:${file.size}:${file.lastModified}`), update ? 'update' : 'insert'].join('|');
}

/**
 * "Nhập hộ từ tệp": download the templates, choose a workbook or a CSV pair, check it in a dry
 * run (every problem by sheet, row and column, and a problem report to download), then import it
 * in one go — with progress while the server reads, checks and writes.
 */
export function ImportsPage() {
  const { t, language } = useT();
  const { user } = useSession();
  const [format, setFormat] = useState<Format>('xlsx');
  const [book, setBook] = useState<File | null>(null);
  const [householdsFile, setHouseholdsFile] = useState<File | null>(null);
  const [membersFile, setMembersFile] = useState<File | null>(null);
  const [update, setUpdate] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [uploaded, setUploaded] = useState<{ key: string; ids: string[] } | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const ids = { book: useId(), households: useId(), members: useId(), update: useId(), hint: useId() };

  const files = format === 'xlsx' ? [book] : [householdsFile, membersFile];
  const chosen = files.every((file): file is File => file !== null) ? (files as File[]) : null;
  const key = chosen ? choiceKey(chosen, update) : null;
  const busy = step.kind === 'uploading' || step.kind === 'running';
  const canImport = key !== null && checked === key && !busy;

  if (!user || !IMPORT_ROLES.includes(user.role)) {
    return (
      <div className="imports-page">
        <header className="page-header">
          <h1>{t('imports.title')}</h1>
        </header>
        <div className="alert" role="status">
          <p>{t('imports.notAllowed')}</p>
        </div>
      </div>
    );
  }

  async function start(dryRun: boolean) {
    if (!chosen || !key) return;
    try {
      let uploads = uploaded?.key === key ? uploaded.ids : null;
      if (!uploads) {
        setStep({ kind: 'uploading' });
        uploads = [];
        for (const file of chosen) uploads.push((await uploadFile(file, language)).id);
        setUploaded({ key, ids: uploads });
      }
      setStep({ kind: 'running', dryRun, progress: null });
      const report = await runImport(uploads, {
        dryRun,
        update,
        language,
        onProgress: (progress) => setStep({ kind: 'running', dryRun, progress }),
      });
      setChecked(dryRun && report.problemCount === 0 ? key : null);
      setStep({ kind: 'done', report });
    } catch (error) {
      setChecked(null);
      setStep({ kind: 'failed', error });
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void start(true);
  }

  function choose(setter: (file: File | null) => void) {
    return (list: FileList | null) => {
      setter(list?.[0] ?? null);
      setChecked(null);
      setStep({ kind: 'idle' });
    };
  }

  return (
    <div className="imports-page">
      <header className="page-header">
        <h1>{t('imports.title')}</h1>
        <p className="page-header__intro">{t('imports.intro')}</p>
      </header>

      <section className="card imports-templates" aria-labelledby={`${ids.hint}-templates`}>
        <h2 id={`${ids.hint}-templates`}>{t('imports.templates')}</h2>
        <p className="muted">{t('imports.templatesIntro')}</p>
        <ul className="imports-templates__links">
          <li>
            <a className="button button--secondary" href={`${templateLinks.workbook}?lang=${language}`} download>
              {t('imports.templateWorkbook')}
            </a>
          </li>
          <li>
            <a className="button button--secondary" href={templateLinks.households} download>
              {t('imports.templateHouseholds')}
            </a>
          </li>
          <li>
            <a className="button button--secondary" href={templateLinks.members} download>
              {t('imports.templateMembers')}
            </a>
          </li>
        </ul>
      </section>

      <form className="card imports-form" onSubmit={submit} aria-labelledby={`${ids.hint}-files`}>
        <h2 id={`${ids.hint}-files`}>{t('imports.files')}</h2>
        <fieldset className="imports-form__format" disabled={busy}>
          <legend>{t('imports.format')}</legend>
          {(['xlsx', 'csv'] as const).map((value) => (
            <label key={value} className="imports-form__choice">
              <input
                type="radio"
                name="format"
                value={value}
                checked={format === value}
                onChange={() => {
                  setFormat(value);
                  setChecked(null);
                  setStep({ kind: 'idle' });
                }}
              />
              {value === 'xlsx' ? t('imports.formatXlsx') : t('imports.formatCsv')}
            </label>
          ))}
        </fieldset>

        {format === 'xlsx' ? (
          <FileField id={ids.book} label={t('imports.workbookFile')} accept=".xlsx" disabled={busy} onChange={choose(setBook)} />
        ) : (
          <>
            <FileField id={ids.households} label={t('imports.householdsFile')} accept=".csv" disabled={busy} onChange={choose(setHouseholdsFile)} />
            <FileField id={ids.members} label={t('imports.membersFile')} accept=".csv" disabled={busy} onChange={choose(setMembersFile)} />
          </>
        )}

        <label className="imports-form__update" htmlFor={ids.update}>
          <input
            id={ids.update}
            type="checkbox"
            checked={update}
            disabled={busy}
            onChange={(event) => {
              setUpdate(event.target.checked);
              setChecked(null);
            }}
          />
          {t('imports.update')}
        </label>

        <div className="imports-form__actions">
          <button type="submit" className="button button--primary" disabled={!chosen || busy}>
            {t('imports.dryRun')}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!canImport}
            aria-describedby={ids.hint}
            onClick={() => void start(false)}
          >
            {t('imports.import')}
          </button>
          <span id={ids.hint} className="field__hint">
            {chosen ? t('imports.importHint') : t('imports.chooseFiles')}
          </span>
        </div>
      </form>

      <StepView step={step} />
    </div>
  );
}

function FileField(props: { id: string; label: string; accept: string; disabled: boolean; onChange: (files: FileList | null) => void }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input id={props.id} type="file" accept={props.accept} disabled={props.disabled} onChange={(event) => props.onChange(event.target.files)} />
    </div>
  );
}

function ProgressBar({ progress, dryRun }: { progress: ImportProgress | null; dryRun: boolean }) {
  const { t, language } = useT();
  if (!progress) return <Progress label={t('imports.starting')} />;
  const percent = progress.phase === 'reading' ? Math.min(99, Math.floor((100 * progress.bytesRead) / Math.max(progress.bytesTotal, 1))) : 100;
  const label =
    progress.phase !== 'reading'
      ? t('imports.finishing')
      : t(dryRun ? 'imports.reading' : 'imports.writing', {
          percent,
          households: progress.households,
          members: progress.members,
          written: progress.written,
        });
  return (
    <div className="imports-progress" role="status" aria-live="polite">
      <div
        className="imports-progress__bar"
        role="progressbar"
        aria-label={t('imports.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${formatNumber(percent, language)}%`}
      >
        <div className="imports-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="imports-progress__label">{label}</p>
    </div>
  );
}

function StepView({ step }: { step: Step }) {
  const { t } = useT();
  if (step.kind === 'idle') return null;
  if (step.kind === 'uploading') {
    return (
      <section className="card">
        <Progress label={t('imports.uploading')} />
      </section>
    );
  }
  if (step.kind === 'running') {
    return (
      <section className="card">
        <ProgressBar progress={step.progress} dryRun={step.dryRun} />
      </section>
    );
  }
  if (step.kind === 'failed') return <ErrorAlert error={step.error} />;
  return <ReportView report={step.report} />;
}

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useT();
  if (report.problemCount === 0) {
    return (
      <div className="alert imports-result imports-result--ok" role="status">
        <p>
          {report.committed
            ? t('imports.imported', { inserted: report.inserted, updated: report.updated, members: report.membersWritten })
            : t('imports.dryRunClean', { households: report.households, members: report.members })}
        </p>
      </div>
    );
  }
  return (
    <section className="card imports-problems" aria-labelledby="imports-problems-heading">
      <div className="alert alert--error" role="alert">
        <p>
          <strong>{t('imports.problems', { count: report.problemCount })}</strong> {t('imports.nothingWritten')}
        </p>
        <p>{t('imports.fixAndRetry')}</p>
        <a className="button button--secondary" href={problemReportUrl(report.id)} download>
          {t('imports.downloadReport')}
        </a>
      </div>
      <h2 id="imports-problems-heading">{t('imports.problemTable')}</h2>
      {report.truncated && <p className="muted">{t('imports.moreProblems', { shown: report.problems.length, count: report.problemCount })}</p>}
      <ProblemTable problems={report.problems} />
    </section>
  );
}
