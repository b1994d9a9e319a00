import { useSearchParams } from 'wouter';
import { ReviewHome } from './review-home';
import { RoundView } from './round-view';
import { SurveyForm } from './survey-form';
import './review.css';

/**
 * "Rà soát": the rounds and the progress by commune; one round with its steps (`?round=ID`);
 * one household's survey in a round (`?round=ID&household=CODE`), usable on a tablet.
 */
export function ReviewPage() {
  const [params] = useSearchParams();
  const round = Number(params.get('round'));
  const household = params.get('household');
  if (round > 0 && household) return <SurveyForm key={`${round}/${household}`} roundId={round} householdCode={household} />;
  if (round > 0) return <RoundView key={round} roundId={round} />;
  return <ReviewHome />;
}
