/** Pieces the household views share: the address-bar state, the class badge, yes/no words. */
import { useSearchParams } from 'wouter';
import { useT } from '../../i18n';
import { emptyFilters, type FilterOptions, type HouseholdFilters, type HouseholdStatus, householdsApi } from './households-api';

const filterKeys = Object.keys(emptyFilters) as Array<keyof HouseholdFilters>;

/** The list's filters as the address holds them (unknown values fall back to "all"). */
export function filtersFrom(params: URLSearchParams): HouseholdFilters {
  const filters: HouseholdFilters = { ...emptyFilters };
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value !== null) (filters as unknown as Record<string, string>)[key] = value;
  }
  if (!['active', 'dissolved', 'all'].includes(filters.state)) filters.state = 'active';
  return filters;
}

/**
 * Moves between the views of the page by changing the address: `open(code)` shows a household,
 * `open(code, 'edit')` its form, `back()` the list with the same filters.
 */
export function useHouseholdNavigation() {
  const [, setParams] = useSearchParams();
  const go = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  return {
    open: (code: string, form: 'edit' | null = null) => go({ household: code, form }),
    create: () => go({ household: null, form: 'new' }),
    back: () => go({ household: null, form: null }),
  };
}

/** Hộ nghèo / cận nghèo / trung bình / không nghèo as a coloured label; "not classified" when null. */
export function StatusBadge({ status }: { status: HouseholdStatus | null }) {
  const { t } = useT();
  return (
    <span className={`badge status-badge status-badge--${status ?? 'none'}`}>
      {status ? t(`householdStatus.${status}`) : t('households.unclassified')}
    </span>
  );
}

/** Yes, no, or "not known" for a fact that may not have been surveyed. */
export function useYesNo(): (value: boolean | null) => string {
  const { t } = useT();
  return (value) => (value === null ? t('households.unknown') : value ? t('households.yes') : t('households.no'));
}

// The filter choices (communes, indicators, ethnic groups) change rarely: one fetch per visit,
// forgotten when it fails so it can be retried.
let filterOptions: Promise<FilterOptions> | null = null;

/** The choices of the list's filters and of the forms' selects. */
export function loadFilterOptions(signal: AbortSignal): Promise<FilterOptions> {
  if (!filterOptions) {
    filterOptions = householdsApi.filters();
    filterOptions.catch(() => {
      filterOptions = null;
    });
  }
  const options = filterOptions;
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    options.then(resolve, reject);
  });
}
