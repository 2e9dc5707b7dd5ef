import fc from 'fast-check';
import { generateCounty } from '../src';
import { checkHistory } from './history-checker';

describe('generateCounty (property)', () => {
  it('keeps every structural invariant for small random counties, histories and seeds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 1990, max: 2030 }),
        (townships, years, seed, endYear) => {
          const lines = [...generateCounty({ townships, years, seed, endYear })].map((l) => JSON.parse(JSON.stringify(l)) as unknown);
          const report = checkHistory(lines, { seed, endYear });
          expect(report.violations).toEqual([]);
          expect(report.lines).toBe(lines.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});
