/** Problems of the program module: rule violations name each field and the reason, in the request's language. */
import type { Language } from '../../server/language.js';
import { type MessageKey, type MessageParams, message } from '../../server/messages.js';
import { HttpProblem, type ProblemBody } from '../../server/problem.js';

export interface Violation {
  field: string;
  key: MessageKey;
  params?: MessageParams;
}

/** 422: the request is well formed but breaks a rule (nothing is saved). */
export class RuleViolation extends HttpProblem {
  constructor(readonly violations: Violation[]) {
    super(422, 'validation.detail', { count: violations.length }, { titleKey: 'validation.title' });
  }

  override render(language: Language): ProblemBody {
    return {
      ...super.render(language),
      errors: this.violations.map((v) => ({ field: v.field, message: message(v.key, language, v.params ?? {}) })),
    };
  }
}

/** Throws when any violation was collected. */
export function assertNoViolations(violations: Violation[]): void {
  if (violations.length > 0) throw new RuleViolation(violations);
}

export const staleVersion = () => new HttpProblem(409, 'program.conflict');

/** Formats đồng for messages the same way in both languages: 1.500.000. */
export const dong = (amount: number) => amount.toLocaleString('de-DE');
