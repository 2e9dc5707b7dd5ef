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
  testMatch: ['<rootDir>/libs/domain/src/**/*.spec.ts', '<rootDir>/libs/event-store/src/**/*.spec.ts'],
  // The fast-check properties rerun hundreds of histories per mutant (minutes each on this machine);
  // the example specs carry the kills, and the properties run in `npm test`.
  testPathIgnorePatterns: ['/node_modules/', '\\.property\\.spec\\.ts$'],
  maxWorkers: 1,
};
