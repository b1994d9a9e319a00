/**
 * Text PostgreSQL cannot store: NUL (refused in `text` and in `jsonb`) and lone UTF-16 surrogates
 * (no UTF-8 form; `jsonb` refuses their `\ud800` escapes). Without this check such a string in
 * any JSON body reached the database and came back as a 500; now it is a 400 naming the field.
 */
import type { Language } from './language.js';
import { message } from './messages.js';
import type { FieldProblem } from './problem.js';
import { fieldPath } from './validation.js';

const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when PostgreSQL can store the string as text and inside json. */
export function isStorableText(text: string): boolean {
  return !SUSPECT.test(text) || !UNSTORABLE.test(text);
}

/** One problem per string value (or object key) of a parsed JSON body that cannot be stored. */
export function unstorableTextProblems(body: unknown, language: Language): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (value: unknown, path: PropertyKey[]) => {
    if (problems.length >= 20) return;
    if (typeof value === 'string') {
      if (!isStorableText(value)) problems.push({ field: fieldPath(path), message: message('input.unstorable_text', language) });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
    } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      for (const [key, item] of Object.entries(value)) {
        if (!isStorableText(key)) problems.push({ field: fieldPath(path), message: message('input.unstorable_key', language) });
        else visit(item, [...path, key]);
      }
    }
  };
  visit(body, []);
  return problems;
}
