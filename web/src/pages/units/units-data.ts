import { api, type Unit } from '../../api';

// The unit list of a date never changes while the app is open (it is reference data), so each
// date is fetched once; the milestone buttons then switch instantly.
const unitsByDate = new Map<string, Promise<Unit[]>>();

/** Every unit valid on `date`, fetched once per date. A failed fetch is forgotten so it can be retried. */
export function loadUnitsAt(date: string, signal?: AbortSignal): Promise<Unit[]> {
  let units = unitsByDate.get(date);
  if (!units) {
    units = api.units(date).then((answer) => answer.units);
    units.catch(() => unitsByDate.delete(date));
    unitsByDate.set(date, units);
  }
  if (!signal) return units;
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    units.then(resolve, reject);
  });
}
