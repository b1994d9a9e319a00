import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { useT } from '../../i18n';
import { type SurveyImportReport, reviewApi } from './review-api';

/**
 * Step 2 from a file: the prefilled template, a check (dry run) and the import itself, with every
 * problem listed by sheet, row and column. `onImported` reloads the round after a real import.
 */
export function SurveyImport({ roundId, onImported }: { roundId: number; onImported(): void }) {
  const { t, language } = useT();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<SurveyImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const result = await reviewApi.importSurveys(roundId, file, dryRun, language);
      setReport(result);
      if (result.committed) onImported();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(false);
  }

  const other = report ? Object.entries(report.classes).reduce((sum, [status, n]) => (status === 'poor' || status === 'near_poor' ? sum : sum + n), 0) : 0;

  return (
    <section className="review-section survey-import" aria-labelledby="survey-import-title">
      <h2 id="survey-import-title">{t('review.importSurvey.title')}</h2>
      <p>{t('review.importSurvey.intro')}</p>
      <p>
        <a className="button button--secondary" href={reviewApi.surveyTemplateUrl(roundId, language)} download>
          {t('review.importSurvey.template')}
        </a>
      </p>
      <form className="review-form-row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="survey-import-file">{t('review.importSurvey.file')}</label>
          <input
            id="survey-import-file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </div>
        <button type="button" className="button button--secondary" disabled={!file || busy} onClick={() => void run(true)}>
          {t('review.importSurvey.check')}
        </button>
        <button type="submit" className="button button--primary" disabled={!file || busy}>
          {t('review.importSurvey.run')}
        </button>
      </form>
      {busy && <p role="status">{t('review.importSurvey.working')}</p>}
      {error !== null && <ErrorAlert error={error} />}
      {report && report.problemCount === 0 && (
        <div className="alert alert--success" role="status" data-testid="survey-import-result">
          <p>{report.committed ? t('review.importSurvey.done', { count: report.written }) : t('review.importSurvey.clean', { households: report.households, members: report.members })}</p>
          <p>{t('review.importSurvey.classes', { poor: report.classes.poor ?? 0, nearPoor: report.classes.near_poor ?? 0, other })}</p>
        </div>
      )}
      {report && report.problemCount > 0 && (
        <div role="alert" data-testid="survey-import-problems">
          <p className="alert alert--error">{t('review.importSurvey.problems', { count: report.problemCount })}</p>
          {report.truncated && <p className="muted">{t('review.importSurvey.truncated')}</p>}
          <div className="table-scroll">
            <table className="review-table">
              <thead>
                <tr>
                  <th scope="col">{t('review.importSurvey.columns.sheet')}</th>
                  <th scope="col">{t('review.importSurvey.columns.row')}</th>
                  <th scope="col">{t('review.importSurvey.columns.column')}</th>
                  <th scope="col">{t('review.importSurvey.columns.message')}</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((problem, index) => (
                  <tr key={`${problem.sheet}:${problem.row}:${problem.column}:${index}`}>
                    <td>{problem.sheet}</td>
                    <td className="numeric">{problem.row}</td>
                    <td>{problem.column || '—'}</td>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
