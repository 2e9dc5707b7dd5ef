/** `npm run test:extended`: the regression nets `npm test` leaves out (`*.extended.spec.ts`, see jest.config.js). */
const base = require('./jest.config.js');
module.exports = { ...base, testMatch: ['<rootDir>/test/**/*.extended.spec.ts'], testPathIgnorePatterns: ['/node_modules/'] };
