/** Program rules (SPEC §9): points allocation, the counterpart rule, needs from deprivations. Pure. */
export * from './allocation.js';
export * from './allocation-units.js';
export * from './counterpart.js';
export * from './needs.js';
export * from './period.js';
