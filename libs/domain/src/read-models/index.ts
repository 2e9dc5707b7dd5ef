/** Pure read-model folds: events in, answers out; no I/O, no clock. Projections store exactly these. */
export * from './ledger-facts';
export * from './known-view';
export * from './checks';
export * from './format-zh';
export * from './names';
export * from './tenure';
export * from './eligibility';
export * from './candidates';
export * from './history';
export * from './cadre-state-at';
export * from './compliance';
export * from './finding-names';
export * from './known-at';
