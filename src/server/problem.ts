/**
 * Problems (RFC 9457 `application/problem+json`): every error that leaves the server has this
 * shape, in the request's language, and never a stack trace.
 */
import type { Language } from './language.js';
import { type MessageKey, type MessageParams, message } from './messages.js';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
}

type TitleKey = Extract<MessageKey, `${string}.title`>;

const titleByStatus: Record<number, TitleKey> = {
  400: 'bad_request.title',
  401: 'unauthorized.title',
  403: 'forbidden.title',
  404: 'not_found.title',
  409: 'conflict.title',
  413: 'too_large.title',
  415: 'bad_request.title',
  422: 'validation.title',
  429: 'too_many.title',
  500: 'server_error.title',
  503: 'unavailable.title',
};

/** A problem a use case raises on purpose; the error handler renders it. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detailKey: MessageKey,
    readonly params: MessageParams = {},
    readonly options: { titleKey?: TitleKey; errors?: FieldProblem[]; type?: string } = {},
  ) {
    super(detailKey);
  }

  render(language: Language): ProblemBody {
    return problemBody(this.status, language, message(this.detailKey, language, this.params), {
      ...this.options,
    });
  }
}

export function problemBody(
  status: number,
  language: Language,
  detail: string,
  options: { titleKey?: TitleKey; errors?: FieldProblem[]; type?: string } = {},
): ProblemBody {
  const titleKey = options.titleKey ?? titleByStatus[status] ?? 'server_error.title';
  return {
    type: options.type ?? 'about:blank',
    title: message(titleKey, language),
    status,
    detail,
    ...(options.errors ? { errors: options.errors } : {}),
  };
}

export const notFound = (key: MessageKey, params: MessageParams = {}) =>
  new HttpProblem(404, key, params);
export const forbidden = () => new HttpProblem(403, 'forbidden.detail');
export const unauthorized = () => new HttpProblem(401, 'unauthorized.detail');
