/**
 * The review (rà soát, SPEC §7) as pure rules: rounds and their steps by date, movements of
 * poor and near-poor households with their tables, and plausibility of survey facts.
 */
export * from './rounds.js';
export * from './movements.js';
export * from './plausibility.js';
