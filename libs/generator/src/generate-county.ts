/**
 * Entry point: a deterministic history of a county (or, with many townships, a province) as
 * import lines, year by year, in an order that imports line by line.
 */
import type { ImportLine } from './import-line';
import { CountySimulation } from './simulation';

export interface GenerateCountyOptions {
  /** Number of townships; above 40 they are split into counties of about 18. */
  readonly townships: number;
  /** Years of history, ending with `endYear`. */
  readonly years: number;
  /** Any safe integer; the same seed gives the same lines. */
  readonly seed: number;
  /** Last calendar year of the history (default 2025); nothing is dated after its 31 December. */
  readonly endYear?: number;
}

export const DEFAULT_END_YEAR = 2025;

/**
 * Lines of a generated history. Each iteration re-runs the simulation from the seed, so the
 * result can be iterated more than once and always yields the same lines; memory stays bounded
 * by the cadres in office (one year of lines is buffered to sort it by date).
 */
export function generateCounty(options: GenerateCountyOptions): Iterable<ImportLine> {
  const endYear = options.endYear ?? DEFAULT_END_YEAR;
  const { townships, years, seed } = options;
  if (!Number.isInteger(townships) || townships < 1) throw new RangeError(`townships must be a positive integer: ${townships}`);
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`years must be a positive integer: ${years}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer: ${seed}`);
  // Births go back 56 years before the first year; calendar dates start in 1900.
  if (!Number.isInteger(endYear) || endYear - years + 1 < 1960 || endYear > 2900) {
    throw new RangeError(`the history must lie within 1960–2900: endYear ${endYear}, years ${years}`);
  }
  const normalized = { townships, years, seed, endYear };
  return { [Symbol.iterator]: () => new CountySimulation(normalized).lines() };
}
