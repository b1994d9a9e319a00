/** Reports and deadlines (SPEC §10): the obligations calendar and on-time/late rules. */
export * from './obligations.js';
export * from './deadlines.js';
export * from './review-rules.js';
