// Mutation testing of the rules, the read models and the event-store core (docs/TESTING.md).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
  // STRYKER_NO_CHECKER=1 skips the type check of each mutant (on a loaded machine it halves the test runners).
  checkers: process.env.STRYKER_NO_CHECKER ? [] : ['typescript'],
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'libs/domain/src/rules/**/*.ts',
    'libs/domain/src/read-models/**/*.ts',
    'libs/event-store/src/**/*.ts',
    '!**/*.spec.ts',
    '!**/index.ts',
    // Test support kept beside the specs, not production code.
    '!libs/domain/src/read-models/spec-ledger.ts',
    '!libs/event-store/src/hash-chain.known-answer.ts',
    // Chinese display texts only (labels in answers); a changed label is a text bug, not a rule bug.
    '!libs/domain/src/read-models/format-zh.ts',
  ],
  // Root-anchored: libs/domain/src/reports is code.
  ignorePatterns: ['/.ledger-*', '/docs', '/infra', '/reports', '/coverage', '/dist', '/scripts/_*'],
  concurrency: 2,
  timeoutMS: 20000,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
