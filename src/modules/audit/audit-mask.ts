/**
 * Citizen IDs and birth dates as the audit log keeps them: an ID by its last four digits
 * (`********1234`, as supervisors see it in the registry), a birth date by its year
 * (`1985-**-**`). Enough to follow an edit, not enough to identify a person from the log or
 * its backups, which outlive any registry edit; the registry keeps the real values.
 */

const CITIZEN_ID_KEYS = new Set(['citizen_id', 'citizenId']);
const BIRTH_DATE_KEYS = new Set(['birth_date', 'birthDate']);

export function maskCitizenId(value: string): string {
  return value.length < 4 ? '****' : `********${value.slice(-4)}`;
}

export function maskBirthDate(value: string): string {
  return `${value.slice(0, 4)}-**-**`;
}

/**
 * A copy of a JSON value with every citizen ID and birth date masked, at any depth, under
 * the names the registry, the API and the importer use.
 * @example maskPersonalData({ members: [{ citizen_id: '064085123456' }] }) // { members: [{ citizen_id: '********3456' }] }
 */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  const masked: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (CITIZEN_ID_KEYS.has(key) && (typeof child === 'string' || typeof child === 'number')) {
      masked[key] = maskCitizenId(String(child));
    } else if (BIRTH_DATE_KEYS.has(key) && typeof child === 'string') {
      masked[key] = maskBirthDate(child);
    } else {
      masked[key] = maskPersonalData(child);
    }
  }
  return masked;
}
