/** The password rules as problems: one field message per rule broken. */
import type { MessageKey, MessageParams } from '../../server/messages.js';
import { FieldMessagesProblem } from './field-problem.js';
import {
  MAX_PASSWORD_LENGTH,
  MIN_DISTINCT_CHARACTERS,
  MIN_PASSWORD_LENGTH,
  type PasswordRule,
  passwordProblems,
} from './password-policy.js';

const RULE_MESSAGES: Record<PasswordRule, { key: MessageKey; params: MessageParams }> = {
  too_short: { key: 'password.too_short', params: { min: MIN_PASSWORD_LENGTH } },
  too_long: { key: 'password.too_long', params: { max: MAX_PASSWORD_LENGTH } },
  contains_username: { key: 'password.contains_username', params: {} },
  common: { key: 'password.common', params: {} },
  repetitive: { key: 'password.repetitive', params: { min: MIN_DISTINCT_CHARACTERS } },
};

export function passwordRuleMessages(password: string, username: string) {
  return passwordProblems(password, username).map((rule) => RULE_MESSAGES[rule]);
}

/** Throws 400 naming every rule the password breaks. */
export function assertPasswordRules(password: string, username: string, field: string): void {
  const broken = passwordRuleMessages(password, username);
  if (broken.length === 0) return;
  throw new FieldMessagesProblem(
    400,
    'password.invalid',
    broken.map((entry) => ({ field, key: entry.key, params: entry.params })),
  );
}
