/**
 * Runs before every test file (jest setupFilesAfterEnv): a test that makes no assertion fails
 * (a test that cannot run here is a skip with its reason, never an empty pass), and every
 * fast-check property uses one printed, replayable seed (test/support/fc-seed.ts).
 */
import { configureFastCheck } from './fc-seed';

configureFastCheck();

beforeEach(() => {
  expect.hasAssertions();
});
