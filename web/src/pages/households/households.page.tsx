import { useSearchParams } from 'wouter';
import { HouseholdDetailView } from './household-detail';
import { HouseholdForm } from './household-form';
import { HouseholdList } from './household-list';
import './households.css';

/**
 * "Hộ gia đình": the list with its filters, one household, and the forms that change it. What is
 * shown lives in the address — the filters (`?q=nguyen&status=poor`), the household
 * (`&household=23830-00012`) and the form (`&form=edit`) — so the back button and shared links
 * work, and closing a household returns to the same filtered list.
 */
export function HouseholdsPage() {
  const [params] = useSearchParams();
  const code = params.get('household');
  const form = params.get('form');

  if (form === 'new') return <HouseholdForm code={null} />;
  if (code && form === 'edit') return <HouseholdForm code={code} />;
  if (code) return <HouseholdDetailView code={code} />;
  return <HouseholdList />;
}
