/** Turns Zod validation issues into `errors: [{ field, message }]` in the request's language. */
import { z } from 'zod';
import type { Language } from './language.js';
import { message } from './messages.js';
import type { FieldProblem } from './problem.js';

interface IssueLike {
  code?: string;
  path?: readonly PropertyKey[];
  message: string;
  expected?: unknown;
  [key: string]: unknown;
}

const locales = { vi: z.locales.vi(), en: z.locales.en() };

/** A JSON path like `facts.members[2].birthDate`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function issueMessage(issue: IssueLike, language: Language): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return message('field.required', language);
  }
  if (issue.code === 'custom') return issue.message;
  const localeError = (locales[language] as { localeError?: (issue: unknown) => unknown })
    .localeError;
  const text = localeError?.(issue);
  const localised = typeof text === 'string' ? text : (text as { message?: string })?.message;
  return (localised ?? issue.message).replace(/,? (nhận được|received) undefined$/, '');
}

export function fieldProblems(
  issues: readonly IssueLike[],
  language: Language,
  prefix = '',
): FieldProblem[] {
  return issues.map((issue) => {
    const path = fieldPath(issue.path ?? []);
    return { field: prefix && path ? `${prefix}.${path}` : prefix || path, message: issueMessage(issue, language) };
  });
}

interface FastifyValidationEntry {
  keyword: string;
  instancePath: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

/** Rebuilds Zod issues from Fastify's validation entries (the type provider flattens them). */
export function issuesFromValidation(entries: readonly FastifyValidationEntry[]): IssueLike[] {
  return entries.map((entry) => ({
    ...entry.params,
    code: entry.keyword,
    path: entry.instancePath
      .split('/')
      .filter(Boolean)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    message: entry.message ?? '',
  }));
}
