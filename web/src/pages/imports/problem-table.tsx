import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import type { ProblemLine } from './imports-api';

/** The problems of an import, one row each: sheet, row as the spreadsheet shows it, column, message. */
export function ProblemTable({ problems }: { problems: readonly ProblemLine[] }) {
  const { t, language } = useT();
  return (
    <div className="imports-problems__scroll" tabIndex={0} role="region" aria-label={t('imports.problemTable')}>
      <table className="imports-problems__table">
        <thead>
          <tr>
            <th scope="col">{t('imports.sheet')}</th>
            <th scope="col" className="number">
              {t('imports.row')}
            </th>
            <th scope="col">{t('imports.column')}</th>
            <th scope="col">{t('imports.message')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            <tr key={`${problem.sheet}:${problem.row}:${problem.column}:${index}`}>
              <td>{t(`imports.sheets.${problem.sheet}`)}</td>
              <td className="number">{formatNumber(problem.row, language)}</td>
              <td>{problem.column}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
