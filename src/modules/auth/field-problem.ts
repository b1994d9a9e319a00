/** A 400 (or other) problem whose field messages are catalog keys, rendered in the reader's language. */
import type { Language } from '../../server/language.js';
import { type MessageKey, type MessageParams, message } from '../../server/messages.js';
import { HttpProblem } from '../../server/problem.js';

export interface FieldMessage {
  field: string;
  key: MessageKey;
  params?: MessageParams;
}

export class FieldMessagesProblem extends HttpProblem {
  constructor(
    status: number,
    detailKey: MessageKey,
    readonly fields: FieldMessage[],
  ) {
    super(status, detailKey, {}, { titleKey: 'validation.title' });
  }

  override render(language: Language) {
    return {
      ...super.render(language),
      errors: this.fields.map((entry) => ({ field: entry.field, message: message(entry.key, language, entry.params ?? {}) })),
    };
  }
}
