/** Jest: SWC transpiles (with decorator metadata for Nest); tsc type-checks separately in `npm test`. */
const { pathsToModuleNameMapper } = require('./scripts/jest-paths');
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // Regression nets kept from reviews that found nothing wrong, and the slower end-to-end specs of
  // later reviews (`*.extended.spec.ts`, README): `npm run test:extended` runs them, so `npm test`
  // stays under its 15 minutes on two cores.
  testPathIgnorePatterns: ['/node_modules/', '\\.extended\\.spec\\.ts$'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup-after-env.ts'],
  testTimeout: 120000,
  // Three workers on two cores: the browser and CLI specs wait as much as they compute (the machine
  // was 35 % idle with two); measured 2026-12-05 on an AMD EPYC machine, the whole run 1,639 → 1,373 s.
  maxWorkers: 3,
  // Stryker's sandbox copies of the project (npm run test:mutation).
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp[^/]*/'],
};
