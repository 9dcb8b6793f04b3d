// The shared vocabulary every stage speaks (design.md, Layout). Imports nothing from other src/ folders
// and does no I/O: crawl produces these facts; checks, rules, report, store and the platform consume them.
export type * from './facts.js';
export * from './link-runs.js';
export * from './findings.js';
export type * from './report.js';
export * from './columns.js';
export * from './dates.js';
export * from './scope.js';
export type * from './round.js';
export type * from './tasks.js';
