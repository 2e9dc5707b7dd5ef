/**
 * Re-importing a file whose lines are stored reads each stream's history once, not once per chunk.
 * Found by an operations review: a line found stored dropped its cadre's cached state (in case
 * another import had stored it after the state was read), so every chunk read the whole history of
 * each cadre it named again: a county of 148,568 lines re-imported in 59 s, imported in 9 s.
 * A state that already holds the stored event is kept; one that does not is still read again.
 */
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate } from '@ledger/domain';
import { generateCounty } from '@ledger/generator';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const today = () => '2026-12-07' as CalendarDate;
const LINES = [...generateCounty({ townships: 3, years: 6, seed: 7 })].map((l) => `${JSON.stringify(l)}\n`);
const CHUNK = 50;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('import_reimport_reads');
});
afterAll(() => db?.drop());

/** How many times each stream's history was read (from its first event) while `run` ran. */
async function historyReads(run: () => Promise<unknown>): Promise<Map<string, number>> {
  const reads = new Map<string, number>();
  const original = PostgresEventStore.prototype.readStream;
  const spy = jest.spyOn(PostgresEventStore.prototype, 'readStream').mockImplementation(function (this: PostgresEventStore, streamId, options) {
    if ((options?.fromRevision ?? 0) === 0) reads.set(streamId, (reads.get(streamId) ?? 0) + 1);
    return original.call(this, streamId, options);
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return reads;
}

it('given a county imported, when the file is imported again, then every line is present and no stream is read more than once', async () => {
  const store = new PostgresEventStore(db.sql);
  const first = await importNdjson(Readable.from(LINES), store, today, { actor: 'import', chunkSize: CHUNK });
  expect(first.rejected).toEqual([]);
  expect(LINES.length / CHUNK).toBeGreaterThan(20); // many chunks name the same cadres

  let again: Awaited<ReturnType<typeof importNdjson>> | undefined;
  const reads = await historyReads(async () => {
    again = await importNdjson(Readable.from(LINES), new PostgresEventStore(db.sql), today, { actor: 'import', chunkSize: CHUNK });
  });
  expect(again).toMatchObject({ alreadyPresent: LINES.length, appended: 0, rejectedCount: 0 });
  const readTwice = [...reads].filter(([, n]) => n > 1);
  expect(readTwice).toEqual([]);
  expect(reads.size).toBeGreaterThan(10);
}, 120_000);
