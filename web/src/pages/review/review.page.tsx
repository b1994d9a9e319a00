import { Link, useSearchParams } from 'wouter';
import { useT } from '../../i18n';
import { MovementsView } from './movements-view';
import { RequestsView } from './requests-view';
import { ReviewHome } from './review-home';
import { RoundView } from './round-view';
import { SurveyForm } from './survey-form';
import './review.css';

const VIEWS = ['rounds', 'requests', 'movements'] as const;
type View = (typeof VIEWS)[number];

/**
 * "Rà soát": the rounds and the progress by commune, households' requests (`?view=requests`) and
 * the movement tables (`?view=movements`); one round with its steps (`?round=ID`); one
 * household's survey in a round (`?round=ID&household=CODE`), usable on a tablet.
 */
export function ReviewPage() {
  const { t } = useT();
  const [params] = useSearchParams();
  const round = Number(params.get('round'));
  const household = params.get('household');
  if (round > 0 && household) return <SurveyForm key={`${round}/${household}`} roundId={round} householdCode={household} />;
  if (round > 0) return <RoundView key={round} roundId={round} />;
  const requested = params.get('view');
  const view: View = VIEWS.includes(requested as View) ? (requested as View) : 'rounds';
  return (
    <div className="review-page">
      <header className="page-header">
        <h1>{t('review.title')}</h1>
        <p className="page-header__intro">{t('review.intro')}</p>
      </header>
      <nav className="review-tabs" aria-label={t('review.viewsLabel')}>
        {VIEWS.map((name) => (
          <Link key={name} href={name === 'rounds' ? '/review' : `/review?view=${name}`} className={`review-tabs__tab${name === view ? ' review-tabs__tab--current' : ''}`} aria-current={name === view ? 'page' : undefined}>
            {t(`review.views.${name}`)}
          </Link>
        ))}
      </nav>
      {view === 'requests' ? <RequestsView /> : view === 'movements' ? <MovementsView /> : <ReviewHome />}
    </div>
  );
}
