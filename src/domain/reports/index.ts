/** Reports and deadlines (SPEC §10): the obligations calendar, on-time/late rules, target groups and report periods. */
export * from './obligations.js';
export * from './deadlines.js';
export * from './review-rules.js';
export * from './target-groups.js';
export * from './program-period.js';
export * from './attachments.js';
