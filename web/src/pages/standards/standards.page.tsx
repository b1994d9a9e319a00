import { standardForYear } from '../../../../src/domain/poverty/index';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { provinceTimeZone, todayIn } from '../../format';
import { useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { Calculator } from './calculator';
import { StandardTabs } from './standard-rules';
import { loadStandards } from './standards-data';
import './standards.css';

const CALCULATOR_ID = 'calculator';

/**
 * "Chuẩn nghèo": each standard's rules as its data states them (the database's, so a corrected
 * threshold shows at once), with partial and unverified items marked, and a calculator that
 * classifies one household with the engine itself, in the browser.
 */
export function StandardsPage() {
  const { t } = useT();
  const standards = useRequest('standards', () => loadStandards());
  const today = todayIn(provinceTimeZone);

  return (
    <div className="standards-page">
      <header className="page-header">
        <h1>{t('standards.title')}</h1>
        <p className="page-header__intro">{t('standards.intro')}</p>
        <a className="standards-page__jump" href={`#${CALCULATOR_ID}`}>
          {t('standards.toCalculator')} ↓
        </a>
      </header>
      {standards.status === 'loading' && <Progress label={t('standards.loading')} />}
      {standards.status === 'failed' && <ErrorAlert error={standards.error} onRetry={standards.retry} />}
      {standards.status === 'done' && (
        <>
          <StandardTabs
            standards={standards.data}
            initialId={standardForYear(standards.data, Number(today.slice(0, 4)))?.id}
          />
          <Calculator id={CALCULATOR_ID} standards={standards.data} today={today} />
        </>
      )}
    </div>
  );
}
