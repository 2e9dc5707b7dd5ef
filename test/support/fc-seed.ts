/**
 * One seed for every fast-check property of a jest run: `FC_SEED` when given (replay), a fresh one
 * otherwise. A failing property's message ends with the line that replays it. `FC_NUM_RUNS` lowers
 * (never raises) the runs of every property, for mutation testing where each mutant reruns them.
 */
import { relative } from 'node:path';
import fc from 'fast-check';

function seedFromEnv(): number {
  const text = process.env.FC_SEED;
  if (text === undefined || text.trim() === '') return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(text)}`);
  return seed | 0;
}

/** The runs a property asks for, capped by FC_NUM_RUNS when that is set. */
export function fcRuns(wanted: number): number {
  const cap = Number(process.env.FC_NUM_RUNS);
  return Number.isInteger(cap) && cap > 0 ? Math.min(cap, wanted) : wanted;
}

export function replayHint(seed: number): string {
  const file = expect.getState().testPath;
  return `fast-check seed ${seed}: replay with FC_SEED=${seed} npx jest ${file ? relative(process.cwd(), file) : ''}`.trimEnd();
}

/** Called once per test file (jest setupFilesAfterEnv). */
export function configureFastCheck(): number {
  const seed = seedFromEnv();
  fc.configureGlobal({
    seed,
    numRuns: fcRuns(100),
    // The failing run's own error in the message: a custom reporter drops the `cause` fast-check 4 attaches it as
    // (found when a property failed on a loaded machine and said nothing of why).
    includeErrorInReport: true,
    reporter: (details) => {
      if (!details.failed) return;
      throw new Error(`${fc.defaultReportMessage(details)}\n\n${replayHint(seed)}`);
    },
  });
  return seed;
}
