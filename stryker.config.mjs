// Mutation testing of the rules, the read models and the event-store core (docs/TESTING.md).
// A quick look at a few files while writing specs (docs/TESTING.md):
//   STRYKER_FILES=libs/domain/src/rules/posts.ts STRYKER_TAG=posts npm run test:mutation:files
// mutates only those files, without the type checker or the incremental file, into reports/mutation-<tag>/.
const files = process.env.STRYKER_FILES?.split(',').filter(Boolean);
const tag = process.env.STRYKER_TAG ?? 'files';
const quick = files !== undefined && files.length > 0;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
  // STRYKER_NO_CHECKER=1 skips the type check of each mutant (on a loaded machine it halves the test runners).
  checkers: process.env.STRYKER_NO_CHECKER || quick ? [] : ['typescript'],
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: quick ? files : [
    'libs/domain/src/rules/**/*.ts',
    'libs/domain/src/read-models/**/*.ts',
    'libs/event-store/src/**/*.ts',
    '!**/*.spec.ts',
    '!**/index.ts',
    // Test support kept beside the specs, not production code.
    '!libs/domain/src/read-models/spec-ledger.ts',
    '!libs/event-store/src/hash-chain.known-answer.ts',
    '!libs/event-store/src/spec-events.ts',
    // Chinese display texts only (labels in answers); a changed label is a text bug, not a rule bug.
    '!libs/domain/src/read-models/format-zh.ts',
  ],
  // Root-anchored: libs/domain/src/reports is code.
  ignorePatterns: ['/.stryker-tmp*', '/.ledger-*', '/docs', '/infra', '/reports', '/coverage', '/dist', '/scripts/_*'],
  concurrency: quick ? 1 : 2,
  timeoutMS: 20000,
  incremental: !quick,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: quick ? ['clear-text', 'json'] : ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: quick ? `reports/mutation-${tag}/mutation.json` : 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: quick ? `.stryker-tmp-${tag}` : '.stryker-tmp',
  cleanTempDir: 'always',
};
