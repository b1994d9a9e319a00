/**
 * Before and after of an audit row as a list of fields: nested objects and arrays are flattened
 * into paths (`members[2].full_name`), so a household edit shows exactly which member's which
 * field changed.
 */

export type FieldChange = 'changed' | 'added' | 'removed' | 'same';

export interface DiffRow {
  path: string;
  before: string | undefined;
  after: string | undefined;
  change: FieldChange;
}

function flatten(value: unknown, path: string, into: Map<string, string>): void {
  if (Array.isArray(value)) {
    if (value.length === 0 && path) into.set(path, '[]');
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, into));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && path) into.set(path, '{}');
    for (const [key, child] of entries) flatten(child, path ? `${path}.${key}` : key, into);
  } else if (path || value !== null) {
    into.set(path || '—', value === null ? '—' : String(value));
  }
}

/** The fields of `before` and `after`, in the order they first appear, each with its change. */
export function diffAudit(before: unknown, after: unknown): DiffRow[] {
  const old = new Map<string, string>();
  const now = new Map<string, string>();
  if (before !== null && before !== undefined) flatten(before, '', old);
  if (after !== null && after !== undefined) flatten(after, '', now);
  const paths = [...new Set([...old.keys(), ...now.keys()])];
  return paths.map((path) => {
    const was = old.get(path);
    const is = now.get(path);
    const change: FieldChange =
      was === undefined ? 'added' : is === undefined ? 'removed' : was === is ? 'same' : 'changed';
    return { path, before: was, after: is, change };
  });
}
