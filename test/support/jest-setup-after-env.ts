/**
 * Runs before every test file (jest setupFilesAfterEnv): a test that makes no assertion fails
 * (a test that cannot run here is a skip with its reason, never an empty pass), and every
 * fast-check property uses one printed, replayable seed (test/support/fc-seed.ts), and the
 * spec's scratch folders are removed once its tests have run (test/support/scratch-dir.ts).
 */
import { configureFastCheck } from './fc-seed';
import { removeScratchDirs } from './scratch-dir';

configureFastCheck();
afterAll(removeScratchDirs);

beforeEach(() => {
  expect.hasAssertions();
});
