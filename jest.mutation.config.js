/**
 * Jest for mutation testing (`npm run test:mutation`): only the unit specs of the pure libraries,
 * no embedded PostgreSQL (no global setup), so Stryker can rerun them for each mutant.
 */
const base = require('./jest.config');
module.exports = {
  ...base,
  globalSetup: undefined,
  globalTeardown: undefined,
  // Every unit spec of the pure domain and the store core: the deciders' and the reports' specs
  // exercise the rules too (perTest coverage runs only the specs that reach a mutant).
  // The EventStoreDB adapter's specs and the store contract on its in-memory server model need no
  // server either: they drive the store core (validation, idempotency, verify, copy, subscription)
  // through a real adapter.
  testMatch: [
    '<rootDir>/libs/domain/src/**/*.spec.ts',
    '<rootDir>/libs/event-store/src/**/*.spec.ts',
    '<rootDir>/libs/event-store-esdb/src/**/*.spec.ts',
    '<rootDir>/test/contract/esdb-in-memory-event-store.spec.ts',
  ],
  // The fast-check properties run too, with FC_NUM_RUNS=25 (set by the npm scripts): known-at.ts
  // and the reference folds are reached by nothing else.
  maxWorkers: 1,
};
