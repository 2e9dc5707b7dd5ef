/**
 * The API's queries keep parsed read-model documents between requests (FactsCache): every answer
 * must equal the uncached one, and a row is parsed again exactly when its position moved.
 */
import fc from 'fast-check';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { waitUntilReadable } from '../../../test/support/projections';
import { historyArb, historyWrites } from '../../../test/support/random-history';
import { careerTimelineSchema } from './fact-codecs';
import { ProjectionRunner } from './projection-runner';
import { candidatesFromTables, eligibilityFromTables, ReadModelQueries } from './read-model-queries';
import { ALWAYS_FRESH } from './read-your-writes';

let db: TestDatabase;
let store: PostgresEventStore;
let total = 0;

async function write(seed: number, prefix: string): Promise<void> {
  for (const [i, plan] of fc.sample(historyArb, { numRuns: 3, seed }).entries()) {
    for (const w of historyWrites(plan, `${prefix}${i}`)) {
      await store.append(w.streamId, w.events, 'any');
      total += w.events.length;
    }
  }
  await waitUntilReadable(store, total);
  await new ProjectionRunner(db.sql, store).catchUpAll();
}

beforeAll(async () => {
  db = await createTestDatabase('read_model_queries');
  store = new PostgresEventStore(db.sql);
  await write(11, 'q');
});
afterAll(() => db?.drop());

describe('ReadModelQueries with its facts cache', () => {
  it('answers as the uncached queries do, before and after the rows change, parsing again only changed rows', async () => {
    const queries = new ReadModelQueries(db.sql, store, ALWAYS_FRESH);
    const uncached = async () => ({
      eligibility: await db.sql.begin((tx) => eligibilityFromTables(tx, { asOf: '2024-06-30' as never })),
      candidates: await db.sql.begin((tx) => candidatesFromTables(tx, { cycle: '2021-2025' })),
    });
    const cached = async () => ({
      eligibility: await queries.eligibility({ asOf: '2024-06-30' as never }),
      candidates: await queries.candidates({ cycle: '2021-2025' }),
    });
    expect(await cached()).toEqual(await uncached());
    const parse = jest.spyOn(careerTimelineSchema, 'parse');
    try {
      await uncached();
      expect(parse).toHaveBeenCalled(); // the uncached path parses every row it reads
      parse.mockClear();
      await cached();
      expect(parse).not.toHaveBeenCalled(); // nothing changed: nothing parsed again
      await write(12, 'r'); // new cadres and events: rows move
      expect(await cached()).toEqual(await uncached());
    } finally {
      parse.mockRestore();
    }
  });
});

describe('ReadModelQueries keeps county-wide answers per snapshot and question', () => {
  it('given the same findings asked twice at once, then they share one computation; after a write, or for another question, the answer is computed again and reflects it', async () => {
    const queries = new ReadModelQueries(db.sql, store, ALWAYS_FRESH);
    const question = { asOf: '2024-06-30' as never };
    const [first, second] = await Promise.all([queries.findings(question), queries.findings(question)]);
    expect(second).toBe(first); // one computation (its answer object shared), not two
    expect(await queries.findings(question)).toBe(first); // nothing changed: kept
    const otherDate = await queries.findings({ asOf: '2023-06-30' as never });
    expect(otherDate).not.toBe(first);
    expect(otherDate.asOf).toBe('2023-06-30');
    const report = await queries.report('team-composition', { asOf: '2024-06-30' as never });
    expect(await queries.report('team-composition', { asOf: '2024-06-30' as never })).toBe(report);

    await write(13, 's'); // the tables' checkpoints move
    const afterWrite = await queries.findings(question);
    expect(afterWrite).not.toBe(first);
    // As computed by a fresh service, which keeps nothing: the kept answer never outlives the snapshot it was computed on.
    expect(afterWrite).toEqual(await new ReadModelQueries(db.sql, store, ALWAYS_FRESH).findings(question));
    const reportAfter = await queries.report('team-composition', { asOf: '2024-06-30' as never });
    expect(reportAfter).not.toBe(report);
    expect(reportAfter).toEqual(await new ReadModelQueries(db.sql, store, ALWAYS_FRESH).report('team-composition', { asOf: '2024-06-30' as never }));
  });
});
